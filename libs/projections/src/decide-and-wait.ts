// The write path shared by every context: decide on the stream, append with the inline views in the same
// transaction, and wait only for the asynchronous projections the caller reads next (none by default).
import { handleCommand, type AppendResult, type EventStore, type HandleOptions, type StreamDecider } from '#event-store';
import { ProblemException } from '#platform';
import type { ProjectionRunner } from './projection-runner.js';

export interface Written<State> {
  version: number;
  state: State;
  checkpoint: AppendResult['checkpoint'];
  replayed: boolean;
  eventTypes: string[];
  /** False when the read models had not caught up within the wait: the write stands, reads may lag. */
  visible: boolean;
}

export async function decideAndWait<Command, Event extends { type: string; data: unknown }, State>(
  store: EventStore,
  runner: ProjectionRunner,
  waitMs: number,
  decider: StreamDecider<Command, Event, State>,
  options: HandleOptions<Command> & {
    what: string;
    /** The asynchronous projections the caller reads next; inline views are current at commit. */
    reads?: readonly string[];
  },
): Promise<Written<State>> {
  const outcome = await handleCommand(store, decider, { ...options, inline: runner.inlineHook });
  if (!outcome.ok) {
    if ('stale' in outcome) {
      throw ProblemException.of(412, 'stale-version', `The ${options.what} is at version ${outcome.stale.actual}, not ${outcome.stale.expected}: reload it and try again.`, {
        currentVersion: outcome.stale.actual,
      });
    }
    throw ProblemException.fromDomain(outcome.error);
  }
  // Read-your-writes: answer once the read models include this change (bounded wait).
  // The command's own views are inline (nothing to wait for) unless the store cannot share a transaction.
  const reads = [...runner.ownViews, ...(options.reads ?? [])];
  const visible = outcome.events.length === 0 || (await runner.waitFor(outcome.result.checkpoint, waitMs, reads));
  return {
    version: outcome.result.nextVersion,
    state: outcome.state as State,
    checkpoint: outcome.result.checkpoint,
    replayed: outcome.result.replayed,
    eventTypes: outcome.events.map((e) => e.type),
    visible,
  };
}
