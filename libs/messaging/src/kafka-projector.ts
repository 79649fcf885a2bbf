// Runs the projections from Kafka: a consumer group on the internal topic (full domain events).
// Each batch is applied with `applyEvents` in one transaction; offsets are committed only after it
// committed. Delivery is at least once, and a redelivered event changes nothing: every row remembers
// the stream version it applied. Instances of one group share the partitions (fetching, parsing);
// the transactions take the store-fed runner's per-projection locks, so they apply one at a time.
import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { RecordedEvent, SqlExecutor } from '#event-store';
import { applyEvents, lockKey, type Projection } from '#projections';
import { topicNames } from './topics.js';

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
}

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
  private readonly state = { applied: 0, batches: 0, partitions: new Set<number>() };
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
    return { applied: this.state.applied, batches: this.state.batches, partitions: [...this.state.partitions].sort((a, b) => a - b) };
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

  private async applyBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const size = this.options.batchSize;
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + size);
      const published = chunk.map(recordedEventOf);
      await this.db.transaction(async (tx) => {
        const events = this.options.openEvents ? await this.options.openEvents(published, tx) : published;
        // The store-fed runner's lock of every projection, always all and in one order (a projection's
        // store may take another's lock, e.g. award-deed-entries takes deed-entries). Instances apply
        // one batch at a time: a row that gathers events of several streams (so of several partitions)
        // is never written by two transactions at once, and around a rebalance two instances holding
        // the same partition apply it one after the other (the second skips what the first applied).
        for (const key of this.lockKeys) await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [key]);
        for (const projection of this.projections) await applyEvents(tx, projection, events);
      });
      // Only now, with the rows committed, may the group move past these messages.
      const lastOffset = chunk[chunk.length - 1].offset;
      resolveOffset(lastOffset);
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: (BigInt(lastOffset) + 1n).toString() }] }] });
      this.state.applied += published.length;
      this.state.batches++;
      this.state.partitions.add(partition);
      this.emitter.emit('applied', { partition, count: published.length, lastOffset });
      await heartbeat();
    }
  }
}
