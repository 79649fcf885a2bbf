// Runs a pure decider against a stream: read, fold, decide, append with the expected version.
import { randomUUID } from 'node:crypto';
import type { Decision, DomainError } from '#platform';
import { WrongExpectedVersionError, type AppendHook, type AppendResult, type EventMetadata, type EventStore, type NewEvent } from './event-store.port.js';

export interface StreamDecider<Command, Event extends { type: string; data: unknown }, State> {
  decide(command: Command, state: State): Decision<Event>;
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export type CommandOutcome<Event> =
  | { ok: true; events: Event[]; result: AppendResult; state: unknown }
  | { ok: false; error: DomainError }
  /** The client's If-Match named another version than the stream has. */
  | { ok: false; stale: { expected: number; actual: number } };

export interface HandleOptions<Command> {
  streamId: string;
  command: Command;
  metadata: EventMetadata;
  /** From If-Match: the version the client last saw. */
  expectedVersion?: number;
  /** Event ids, e.g. derived from an Idempotency-Key so a retry is recognised; random otherwise. */
  eventIds?: (index: number) => string;
  /** Inline projections: kept in the append's transaction. */
  inline?: AppendHook;
}

export async function handleCommand<Command, Event extends { type: string; data: unknown }, State>(
  store: EventStore,
  decider: StreamDecider<Command, Event, State>,
  options: HandleOptions<Command>,
  attempts = 12,
): Promise<CommandOutcome<Event>> {
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(options.streamId);
    const version = recorded.length === 0 ? 0 : recorded[recorded.length - 1].streamVersion;
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      return { ok: false, stale: { expected: options.expectedVersion, actual: version } };
    }
    const state = recorded.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState());
    const decision = decider.decide(options.command, state);
    if (!decision.ok) return decision;
    if (decision.events.length === 0) {
      // Nothing to change (the command was already carried out): answer with the stream as it is.
      const checkpoint = recorded.length > 0 ? recorded[recorded.length - 1].checkpoint : { transactionId: '0', position: '0' };
      return { ok: true, events: [], result: { streamId: options.streamId, nextVersion: version, checkpoint, replayed: true }, state };
    }
    const events: NewEvent[] = decision.events.map((event, i) => ({
      eventId: options.eventIds?.(i) ?? randomUUID(),
      type: event.type,
      data: event.data,
      metadata: options.metadata,
    }));
    try {
      const result = await store.append(options.streamId, events, version, options.inline ? { inTransaction: options.inline } : undefined);
      return { ok: true, events: decision.events, result, state: decision.events.reduce(decider.evolve, state) };
    } catch (error) {
      // Someone else wrote in between: decide again on the new state, unless the client pinned a version.
      if (error instanceof WrongExpectedVersionError) {
        if (options.expectedVersion !== undefined) return { ok: false, stale: { expected: options.expectedVersion, actual: error.actual } };
        if (attempt < attempts) {
          // Back off a little, with jitter, so writers racing for one stream take turns.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
          continue;
        }
      }
      throw error;
    }
  }
}
