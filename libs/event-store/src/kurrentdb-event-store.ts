// The EventStore port on KurrentDB (EventStoreDB), for installations that already run one.
// Stream versions are 1-based here and 0-based revisions there; the feed checkpoint carries the
// $all position (commit, prepare) in the port's two fields.
import { EventEmitter } from 'node:events';
import {
  ANY,
  BACKWARDS,
  END,
  excludeSystemEvents,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  START as KURRENT_START,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersion,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  compareCheckpoints,
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

type StoredMetadata = EventMetadata & { schemaVersion?: number };

const toCheckpoint = (position: Position): Checkpoint => ({ transactionId: position.commit.toString(), position: position.prepare.toString() });
const toPosition = (checkpoint: Checkpoint): Position => ({ commit: BigInt(checkpoint.transactionId), prepare: BigInt(checkpoint.position) });
const isStart = (checkpoint: Checkpoint) => checkpoint.transactionId === '0' && checkpoint.position === '0';

export class KurrentDbEventStore implements EventStore {
  private readonly emitter = new EventEmitter();

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
    const streamState = expected === 'any' ? ANY : expected === 0 ? NO_STREAM : BigInt(expected - 1);
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
        checkpoint: result.position ? toCheckpoint(result.position) : START,
        // The server answers a repeated append of the same event ids as a success without writing.
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
      filter: excludeSystemEvents(),
    })) {
      const recorded = this.toRecorded(resolved);
      if (recorded && compareCheckpoints(recorded.checkpoint, after) > 0) events.push(recorded);
      if (events.length === options.limit) break;
    }
    return events;
  }

  async head(): Promise<{ checkpoint: Checkpoint; count: number }> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, filter: excludeSystemEvents() })) {
      const recorded = this.toRecorded(resolved);
      // KurrentDB keeps no cheap count of $all: the count is unknown (0) here.
      if (recorded) return { checkpoint: recorded.checkpoint, count: 0 };
    }
    return { checkpoint: START, count: 0 };
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
            filter: excludeSystemEvents({
              checkpointReached: async (_sub, position) => {
                last = toCheckpoint(position);
                await onCheckpoint(last);
              },
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
    if (!event || !event.isJson || !event.position) return undefined;
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
