// The EventStore port on KurrentDB (EventStoreDB), for installations that already run one.
// Stream versions are 1-based here and 0-based revisions there; the feed checkpoint carries the
// $all position (commit, prepare) in the port's two fields.
// KurrentDB deduplicates event ids only within a stream: every event id is reserved first in a
// stream of its own (see kurrentdb-event-ids.ts), which refuses an id used by another stream and
// recognises a retried request.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  ANY,
  BACKWARDS,
  END,
  eventTypeFilter,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  START as KURRENT_START,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersion,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendStreamState,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  compareCheckpoints,
  DuplicateEventError,
  START,
  WrongExpectedVersionError,
  type AppendResult,
  type Checkpoint,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
} from './event-store.port.js';
import type { Upcasters } from './upcasting.js';
import {
  FEED_EVENT_TYPES,
  isReservationStream,
  judgeReplay,
  judgeReservations,
  repeatedEventId,
  RESERVATION_TYPE,
  reservationStream,
  type Reservation,
  type StoredEventRef,
} from './kurrentdb-event-ids.js';

type StoredMetadata = EventMetadata & { schemaVersion?: number };

/** Events per read when `head()` counts the feed. */
const COUNT_BATCH = 4_096;

const toCheckpoint = (position: Position): Checkpoint => ({ transactionId: position.commit.toString(), position: position.prepare.toString() });
const toPosition = (checkpoint: Checkpoint): Position => ({ commit: BigInt(checkpoint.transactionId), prepare: BigInt(checkpoint.position) });
const toStreamState = (version: number): AppendStreamState => (version === 0 ? NO_STREAM : BigInt(version - 1));
const isStart = (checkpoint: Checkpoint) => checkpoint.transactionId === '0' && checkpoint.position === '0';
/** Our own events only: no system events, no event-id reservations. */
const feedFilter = (checkpointReached?: (subscription: AllStreamSubscription, position: Position) => Promise<void>) =>
  eventTypeFilter({ regex: FEED_EVENT_TYPES, ...(checkpointReached ? { checkpointReached } : {}) });

export class KurrentDbEventStore implements EventStore {
  private readonly emitter = new EventEmitter();
  /** How far `head()` has counted the feed. */
  private counted: { checkpoint: Checkpoint; count: number } = { checkpoint: START, count: 0 };
  private counting: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: KurrentDBClient,
    private readonly upcasters: Upcasters = {},
  ) {
    this.emitter.setMaxListeners(100);
  }

  static fromConnectionString(connectionString: string, upcasters: Upcasters = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), upcasters);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    if (events.length === 0) throw new Error('Nothing to append.');
    const repeated = repeatedEventId(events);
    if (repeated) throw new DuplicateEventError(repeated);
    const verdict = judgeReservations(streamId, events, await Promise.all(events.map((event) => this.reserve(event.eventId, streamId))));
    if (verdict.kind === 'duplicate') throw new DuplicateEventError(verdict.eventId);
    if (verdict.kind === 'fresh') {
      // No earlier attempt of this request: the events cannot be in the store yet.
      return this.write(streamId, events, expected, expected === 'any' ? ANY : toStreamState(expected));
    }
    // The same request came before (a retry, or one that stopped between reserving and writing):
    // answer as then if it got written, else write it now. A writer racing us with the same request
    // makes our write fail on the revision, and the next look finds its events.
    for (let attempt = 1; ; attempt++) {
      const { found, lastRevision } = await this.findInStream(streamId, events);
      const replay = judgeReplay(events, found);
      if (replay.kind === 'conflict') throw new DuplicateEventError(replay.eventId);
      if (replay.kind === 'replayed') {
        return { streamId, nextVersion: replay.nextVersion, checkpoint: toCheckpoint(replay.position), replayed: true };
      }
      // "any" is written at the revision just seen, so the server's idempotency check is exact.
      const state = expected !== 'any' ? toStreamState(expected) : lastRevision === undefined ? NO_STREAM : lastRevision;
      try {
        return await this.write(streamId, events, expected, state);
      } catch (error) {
        const retry = error instanceof WrongExpectedVersionError && attempt < (expected === 'any' ? 6 : 2);
        if (!retry) throw error;
      }
    }
  }

  private async write(streamId: string, events: NewEvent[], expected: ExpectedVersion, streamState: AppendStreamState): Promise<AppendResult> {
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event) =>
          jsonEvent({
            id: event.eventId,
            type: event.type,
            data: event.data as Record<string, unknown>,
            metadata: { ...event.metadata, schemaVersion: event.schemaVersion ?? 1 },
          }),
        ),
        { streamState },
      );
      const appended: AppendResult = {
        streamId,
        nextVersion: Number(result.nextExpectedRevision) + 1,
        checkpoint: result.position ? toCheckpoint(result.position) : await this.positionOf(streamId, result.nextExpectedRevision),
        replayed: false,
      };
      this.emitter.emit('appended', appended);
      return appended;
    } catch (error) {
      if (error instanceof KurrentWrongExpectedVersion) {
        const actual = error.actualState === NO_STREAM ? 0 : Number(error.actualState) + 1;
        throw new WrongExpectedVersionError(streamId, expected, actual);
      }
      throw error;
    }
  }

  /** Where an event sits in the feed, for a write the server answered without a position. */
  private async positionOf(streamId: string, revision: bigint): Promise<Checkpoint> {
    for await (const resolved of this.client.readStream(streamId, { fromRevision: revision, maxCount: 1 })) {
      if (resolved.event?.position) return toCheckpoint(resolved.event.position);
    }
    return START;
  }

  /**
   * Reserves an event id for a stream: `undefined` when this call reserved it, else the existing
   * reservation. Each attempt writes its own reservation event id, so the server never mistakes a
   * reservation for another stream as an idempotent repeat.
   */
  private async reserve(eventId: string, streamId: string): Promise<Reservation | undefined> {
    const stream = reservationStream(eventId);
    try {
      await this.client.appendToStream(stream, jsonEvent({ id: randomUUID(), type: RESERVATION_TYPE, data: { streamId } }), { streamState: NO_STREAM });
      return undefined;
    } catch (error) {
      if (!(error instanceof KurrentWrongExpectedVersion)) throw error;
    }
    for await (const resolved of this.client.readStream(stream, { fromRevision: KURRENT_START, maxCount: 1 })) {
      const data = resolved.event?.data as Reservation | undefined;
      if (data && typeof data.streamId === 'string') return { streamId: data.streamId };
    }
    throw new Error(`The reservation of event id ${eventId} cannot be read.`);
  }

  /**
   * The stream's events whose ids the request uses, and the stream's last revision (undefined: no
   * stream). Read from the end: a retry follows its original closely, and the read stops once all
   * are found.
   */
  private async findInStream(streamId: string, events: NewEvent[]): Promise<{ found: Array<StoredEventRef<Position>>; lastRevision?: bigint }> {
    const wanted = new Set(events.map((event) => event.eventId.toLowerCase()));
    const found: Array<StoredEventRef<Position>> = [];
    let lastRevision: bigint | undefined;
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS })) {
        const event = resolved.event;
        if (!event) continue;
        lastRevision ??= event.revision;
        if (!event.position || !wanted.has(event.id.toLowerCase())) continue;
        found.push({ eventId: event.id, type: event.type, revision: Number(event.revision), position: event.position });
        if (found.length === wanted.size) break;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { found, lastRevision };
  }

  async readStream(streamId: string, options: { fromVersion?: number; toVersion?: number } = {}): Promise<RecordedEvent[]> {
    const from = BigInt(Math.max(0, (options.fromVersion ?? 1) - 1));
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: from, maxCount: to === Number.MAX_SAFE_INTEGER ? undefined : BigInt(to) - from })) {
        const recorded = this.toRecorded(resolved);
        if (recorded && recorded.streamVersion <= to) events.push(recorded);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(after: Checkpoint, options: ReadAllOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    // The read is inclusive of its starting position: ask for one more and drop what we had.
    for await (const resolved of this.client.readAll({
      fromPosition: isStart(after) ? KURRENT_START : toPosition(after),
      maxCount: options.limit + 1,
      filter: feedFilter(),
    })) {
      const recorded = this.toRecorded(resolved);
      if (recorded && compareCheckpoints(recorded.checkpoint, after) > 0) events.push(recorded);
      if (events.length === options.limit) break;
    }
    return events;
  }

  /**
   * The last checkpoint and the number of our events in `$all`. KurrentDB keeps no count of them, so
   * the store counts: the first call reads the feed once (filtered on the server), later calls only
   * the events after the position counted so far. Calls take turns, so a count is never added twice.
   */
  async head(): Promise<{ checkpoint: Checkpoint; count: number }> {
    const turn = this.counting.then(() => this.countOnwards());
    this.counting = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async countOnwards(): Promise<{ checkpoint: Checkpoint; count: number }> {
    for (;;) {
      const batch = await this.readAll(this.counted.checkpoint, { limit: COUNT_BATCH });
      if (batch.length === 0) return { ...this.counted };
      this.counted = { checkpoint: batch[batch.length - 1].checkpoint, count: this.counted.count + batch.length };
    }
  }

  onAppended(listener: (result: AppendResult) => void): () => void {
    this.emitter.on('appended', listener);
    return () => this.emitter.off('appended', listener);
  }

  /**
   * A catch-up subscription to $all from a checkpoint, filtered on the server to our own events.
   * `onCheckpoint` hears the server's checkpoints (also while filtered events are skipped) so a
   * consumer can store its position; after a drop it resubscribes from the last position it saw.
   */
  subscribe(
    from: Checkpoint,
    onEvent: (event: RecordedEvent) => Promise<void>,
    onCheckpoint: (checkpoint: Checkpoint) => Promise<void> = async () => undefined,
  ): { stop(): Promise<void> } {
    let last = from;
    let stopped = false;
    let current: { unsubscribe(): Promise<void> } | undefined;
    const run = async () => {
      for (let attempt = 0; !stopped; attempt++) {
        try {
          const subscription = this.client.subscribeToAll({
            fromPosition: isStart(last) ? KURRENT_START : toPosition(last),
            filter: feedFilter(async (_sub, position) => {
              last = toCheckpoint(position);
              await onCheckpoint(last);
            }),
          });
          current = subscription;
          for await (const resolved of subscription) {
            const recorded = this.toRecorded(resolved);
            if (!recorded || compareCheckpoints(recorded.checkpoint, last) <= 0) continue;
            await onEvent(recorded);
            last = recorded.checkpoint;
            attempt = 0;
          }
        } catch (error) {
          if (stopped) return;
          // Dropped (server restart, network): wait a little, then carry on from the last position.
          await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 200 * 2 ** attempt)));
        }
      }
    };
    const loop = run();
    return {
      async stop() {
        stopped = true;
        await current?.unsubscribe().catch(() => undefined);
        await loop;
      },
    };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event || !event.isJson || !event.position || isReservationStream(event.streamId)) return undefined;
    const metadata = (event.metadata ?? {}) as StoredMetadata;
    const { schemaVersion: stored = 1, ...rest } = metadata;
    let data: unknown = event.data;
    let schemaVersion = stored;
    const upcast = this.upcasters[event.type];
    if (upcast) ({ data, schemaVersion } = upcast({ data, schemaVersion }));
    return {
      eventId: event.id,
      streamId: event.streamId,
      streamVersion: Number(event.revision) + 1,
      type: event.type,
      schemaVersion,
      data,
      metadata: rest as EventMetadata,
      checkpoint: toCheckpoint(event.position),
      recordedAt: event.created.toISOString(),
    };
  }
}
