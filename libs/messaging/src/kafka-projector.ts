// Runs the projections from Kafka: a consumer group on the internal topic (full domain events).
// Each batch is applied with `applyEvents` in one transaction; offsets are committed only after it
// committed. Delivery is at least once, and a redelivered event changes nothing: every row remembers
// the stream version it applied. Instances of one group share the partitions (fetching, parsing);
// the transactions take the store-fed runner's per-projection locks, so they apply one at a time.
// Read-your-writes: with each batch the projector records how far the store's global order has been
// applied in the partition (watermarks, see watermarks.ts) and, once every partition has a position,
// moves each projection's row in `projection_checkpoints` to the lowest of them: the API's
// consistency wait (ProjectionRunner.waitFor) reads those rows, whichever feed wrote them.
import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { START, type Checkpoint, type RecordedEvent, type SqlExecutor } from '#event-store';
import { applyEvents, lockKey, type Projection } from '#projections';
import { topicNames } from './topics.js';
import { isWatermark, partitionCheckpointName, watermarkOf } from './watermarks.js';

export interface KafkaProjectorOptions {
  groupId: string;
  /** The internal topic with the full domain events. */
  topic: string;
  /** Most events applied in one transaction. */
  batchSize: number;
  sessionTimeout: number;
  heartbeatInterval: number;
  /**
   * Longest a fetch waits for new messages. New messages end the wait at once; an idle instance
   * also answers a rebalance only between fetches, so this bounds how long a joining instance waits.
   */
  maxWaitTimeInMs: number;
  /**
   * Turns the events as published (personal fields sealed) into what projections read (opened, or
   * erased), inside the batch's transaction. Absent: the events are projected as they came.
   */
  openEvents?: (events: RecordedEvent[], executor: SqlExecutor) => Promise<RecordedEvent[]>;
}

export interface KafkaProjectorStatus {
  /** Events applied (in committed transactions) by this instance. */
  applied: number;
  batches: number;
  /** Partitions this instance has applied events from. */
  partitions: number[];
  /** The global position every projection has applied (all partitions), as this instance last saw it. */
  watermark?: Checkpoint;
}

/**
 * Moves rows of `projection_checkpoints` forward (never back) and counts applied events. The rows
 * stay as the store-fed runner reads them, so either feed can take over from the other.
 */
const ADVANCE_SQL = `
  INSERT INTO projection_checkpoints AS c (name, transaction_id, position, events_applied)
  SELECT unnest($1::text[]), $2::text::xid8, $3::bigint, $4::bigint
  ON CONFLICT (name) DO UPDATE SET
    transaction_id = CASE WHEN (c.transaction_id, c.position) < (excluded.transaction_id, excluded.position) THEN excluded.transaction_id ELSE c.transaction_id END,
    position = CASE WHEN (c.transaction_id, c.position) < (excluded.transaction_id, excluded.position) THEN excluded.position ELSE c.position END,
    events_applied = c.events_applied + excluded.events_applied,
    updated_at = now(),
    last_error = NULL`;

/** A message of the internal topic back to the `RecordedEvent` it carries. */
export function recordedEventOf(message: KafkaMessage): RecordedEvent {
  if (!message.value) throw new Error(`Message at offset ${message.offset} has no value.`);
  const event = JSON.parse(message.value.toString('utf8')) as RecordedEvent;
  if (typeof event?.streamId !== 'string' || !Number.isInteger(event.streamVersion) || typeof event.type !== 'string') {
    throw new Error(`Message at offset ${message.offset} is not a recorded event.`);
  }
  return event;
}

export class KafkaProjector {
  private readonly logger = new Logger('KafkaProjector');
  private readonly options: KafkaProjectorOptions;
  private readonly emitter = new EventEmitter();
  private consumer?: Consumer;
  private readonly state = { applied: 0, batches: 0, partitions: new Set<number>(), watermark: undefined as Checkpoint | undefined };
  /** Partitions of the topic, as the latest watermark told. */
  private partitionCount = 0;
  private readonly lockKeys: string[];

  constructor(
    private readonly db: DataSource,
    private readonly kafka: Kafka,
    private readonly projections: Projection<any>[],
    options: Partial<KafkaProjectorOptions> = {},
  ) {
    this.options = {
      groupId: 'kehittamo-projector',
      topic: topicNames().internal,
      batchSize: 500,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 1_000,
      ...options,
    };
    this.lockKeys = [...projections.map((p) => p.name)].sort().map(lockKey);
  }

  status(): KafkaProjectorStatus {
    return {
      applied: this.state.applied,
      batches: this.state.batches,
      partitions: [...this.state.partitions].sort((a, b) => a - b),
      watermark: this.state.watermark,
    };
  }

  /** Called after each committed batch. */
  onApplied(listener: (batch: { partition: number; count: number; lastOffset: string }) => void): () => void {
    this.emitter.on('applied', listener);
    return () => this.emitter.off('applied', listener);
  }

  /** Joins the group and starts consuming (from the beginning when the group has no offsets yet). */
  async start(): Promise<void> {
    const { groupId, topic, sessionTimeout, heartbeatInterval, maxWaitTimeInMs } = this.options;
    const consumer = this.kafka.consumer({ groupId, sessionTimeout, heartbeatInterval, maxWaitTimeInMs, allowAutoTopicCreation: false });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.applyBatch(payload),
    });
    this.logger.log(`Consuming ${topic} as group ${groupId}.`);
  }

  /** Finishes the transaction in flight, commits its offsets and leaves the group. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }

  /** The consumer itself, e.g. to listen to its instrumentation events (group join). */
  get kafkaConsumer(): Consumer | undefined {
    return this.consumer;
  }

  private get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  /**
   * Inside the batch's transaction: the partition's position, then every projection's checkpoint at
   * the lowest position over all partitions (once each has one). Returns that global position.
   */
  private async recordProgress(tx: EntityManager, topic: string, partition: number, reached: Checkpoint | undefined, applied: number): Promise<Checkpoint | undefined> {
    if (reached) await tx.query(ADVANCE_SQL, [[partitionCheckpointName(topic, partition)], reached.transactionId, reached.position, applied]);
    let global: Checkpoint | undefined;
    if (this.partitionCount > 0) {
      const names = Array.from({ length: this.partitionCount }, (_, p) => partitionCheckpointName(topic, p));
      const rows: { tx: string; pos: string }[] = await tx.query(
        'SELECT transaction_id::text AS tx, position::text AS pos FROM projection_checkpoints WHERE name = ANY($1) ORDER BY transaction_id, position',
        [names],
      );
      if (rows.length === names.length) global = { transactionId: rows[0].tx, position: rows[0].pos };
    }
    // Without a global position yet the rows stay where they are; the applied events are counted anyway.
    const to = global ?? START;
    await tx.query(ADVANCE_SQL, [this.names, to.transactionId, to.position, applied]);
    return global;
  }

  private async applyBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const size = this.options.batchSize;
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + size);
      const events: RecordedEvent[] = [];
      // How far the store's order has been applied in this partition after the chunk: the checkpoint
      // of its last message (an event, or a watermark written behind a batch).
      let reached: Checkpoint | undefined;
      for (const message of chunk) {
        if (isWatermark(message)) {
          const watermark = watermarkOf(message);
          reached = watermark.checkpoint;
          this.partitionCount = watermark.partitions;
        } else {
          const event = recordedEventOf(message);
          events.push(event);
          reached = event.checkpoint;
        }
      }
      let watermark: Checkpoint | undefined;
      try {
        watermark = await this.db.transaction(async (tx) => {
          // Only watermarks: no row to write, so no projection lock to wait for. The checkpoint rows
          // only ever move forward, and a concurrent batch's uncommitted position can only make the
          // lowest one read here lower (later, never wrong).
          if (events.length === 0) {
            // Nothing but positions: a crash may lose this commit (the next watermark brings the
            // position back), never rows, so it need not wait for the disk.
            await tx.query('SET LOCAL synchronous_commit = off');
            return this.recordProgress(tx, topic, partition, reached, 0);
          }
          // The store-fed runner's lock of every projection, always all and in one order (a projection's
          // store may take another's lock, e.g. award-deed-entries takes deed-entries). Instances apply
          // one batch at a time: a row that gathers events of several streams (so of several partitions)
          // is never written by two transactions at once, and around a rebalance two instances holding
          // the same partition apply it one after the other (the second skips what the first applied).
          // One statement, the keys taken in the array's order.
          await tx.query('SELECT pg_advisory_xact_lock(k.key) FROM unnest($1::bigint[]) WITH ORDINALITY AS k(key, n) ORDER BY k.n', [this.lockKeys]);
          const opened = this.options.openEvents ? await this.options.openEvents(events, tx) : events;
          for (const projection of this.projections) await applyEvents(tx, projection, opened);
          return this.recordProgress(tx, topic, partition, reached, events.length);
        });
      } catch (error) {
        const message = (error as Error).message;
        this.logger.error(`Applying ${events.length} events of ${topic}/${partition} failed, will retry: ${message}`);
        await this.db
          .query('UPDATE projection_checkpoints SET last_error = $2, updated_at = now() WHERE name = ANY($1)', [this.names, message.slice(0, 2000)])
          .catch(() => undefined);
        throw error;
      }
      if (watermark) this.state.watermark = watermark;
      // Only now, with the rows committed, may the group move past these messages.
      const lastOffset = chunk[chunk.length - 1].offset;
      resolveOffset(lastOffset);
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: (BigInt(lastOffset) + 1n).toString() }] }] });
      this.state.applied += events.length;
      this.state.batches++;
      if (events.length > 0) this.state.partitions.add(partition);
      this.emitter.emit('applied', { partition, count: events.length, lastOffset });
      await heartbeat();
    }
  }
}
