// The relay: reads the event store's feed from its own checkpoint and publishes every event to Kafka,
// the full domain event to the internal topic and the integration event (no personal data) to its
// context's public topic. At least once: the checkpoint moves only after Kafka acknowledged the batch.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { Partitioners, type ICustomPartitioner, type Kafka, type Message, type Producer, type TopicMessages } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { compareCheckpoints, START, type Checkpoint, type EventStore, type RecordedEvent, type SqlExecutor } from '#event-store';
import { toIntegrationEvent } from './integration-events.js';
import type { SchemaRegistry } from './schemas.js';
import { PUBLIC_TOPICS, topicNames, type TopicNames } from './topics.js';
import { watermarkMessages } from './watermarks.js';

export interface RelayOptions {
  /** The relay's row in `projection_checkpoints` (and its lock). */
  name: string;
  topics: TopicNames;
  /** Events per Kafka request (one request carries the batch for every topic). */
  batchSize: number;
  /** How often to look for new events when caught up. */
  pollMs: number;
  /**
   * Hold a PostgreSQL session advisory lock while publishing, so one relay instance publishes at a
   * time; the others wait as standbys. Off for the embedded database: one process owns it anyway.
   */
  exclusive: boolean;
  /** How often a standby tries to take the lock. */
  lockRetryMs: number;
  /** First back-off after a failure (doubles up to 10 s). */
  retryMs: number;
  /** Partitions and replication factor of the topics the relay creates when they are missing. */
  partitions: number;
  replicationFactor: number;
  /** Check every integration event against its schema before publishing (a violation stops the relay: never publish off-contract). */
  schemas?: SchemaRegistry;
  /**
   * Least time between two rounds of watermarks (one message per partition of the internal topic).
   * A busy relay marks some batches, an idle one marks its last batch within this time: it bounds the
   * extra read-your-writes wait, and keeps a trickle of events from costing a round per event.
   */
  watermarkMs: number;
}

export interface RelayStatus {
  leader: boolean;
  /** Events published (acknowledged by Kafka) by this instance since it started. */
  published: number;
  batches: number;
  checkpoint?: Checkpoint;
  lastError?: string;
}

export const DEFAULT_RELAY_NAME = 'relay:kafka';

/** Kafka header names of every message the relay publishes. */
export const HEADERS = { eventId: 'event-id', eventType: 'event-type', schemaVersion: 'schema-version', contentType: 'content-type' } as const;

export function relayLockKey(name: string): string {
  return createHash('sha256').update(`relay:${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * kafkajs's default (Java-compatible murmur2) partitioner, remembering the partition of each key: for
 * a key it depends only on the key and the number of partitions, and hashing every message of a busy
 * relay costs more than a lookup. Same partitions as the default, so other producers agree.
 */
export const cachingKeyPartitioner: ICustomPartitioner = () => {
  const partitioner = Partitioners.DefaultPartitioner();
  const cache = new Map<string, number>();
  return (args) => {
    const key = args.message.key;
    if (typeof key !== 'string' || (args.message.partition !== undefined && args.message.partition !== null)) return partitioner(args);
    const id = `${args.partitionMetadata.length}:${key}`;
    let partition = cache.get(id);
    if (partition === undefined) {
      if (cache.size >= 200_000) cache.clear();
      partition = partitioner(args);
      cache.set(id, partition);
    }
    return partition;
  };
};

interface PooledClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
  release(destroy?: boolean | Error): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

interface Pool {
  connect(): Promise<PooledClient>;
}

export class Relay {
  private readonly logger = new Logger('Relay');
  private readonly options: RelayOptions;
  private readonly emitter = new EventEmitter();
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private client?: PooledClient;
  private clientError?: (error: Error) => void;
  /** One producer for the internal topic, one for the public topics: they send in parallel, each strictly in order. */
  private producers?: { internal: Producer; public: Producer };
  private topicsReady = false;
  /** Partitions of the internal topic: every batch ends with a watermark in each of them. */
  private internalPartitions = 0;
  /** Failures since the last published batch: the back-off grows with them. */
  private failures = 0;
  private readonly state: RelayStatus = { leader: false, published: 0, batches: 0 };

  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
    private readonly kafka: Kafka,
    options: Partial<RelayOptions> = {},
  ) {
    this.options = {
      name: DEFAULT_RELAY_NAME,
      topics: topicNames(),
      // Larger batches halve the per-batch costs (checkpoint, watermarks, two acknowledged requests).
      batchSize: 2_000,
      pollMs: 100,
      exclusive: true,
      lockRetryMs: 1_000,
      retryMs: 500,
      partitions: 6,
      replicationFactor: -1,
      watermarkMs: 100,
      ...options,
    };
  }

  status(): RelayStatus {
    return { ...this.state };
  }

  /** Called after each batch Kafka acknowledged and whose checkpoint was committed. */
  onPublished(listener: (batch: { count: number; checkpoint: Checkpoint }) => void): () => void {
    this.emitter.on('published', listener);
    return () => this.emitter.off('published', listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Graceful stop: the batch in flight is finished (Kafka acknowledges it, its checkpoint is
   * committed), then the lock is released and the producer disconnected. Bounded by `timeoutMs`:
   * after that the relay lets go anyway (the unconfirmed batch is published again by whoever runs next).
   */
  async stop(timeoutMs = 30_000): Promise<void> {
    this.running = false;
    this.wake?.();
    if (!this.loop) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.loop.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.logger.warn(`The batch in flight did not finish within ${timeoutMs} ms; letting go of it.`);
      await this.releaseLeadership(true);
      await this.closeProducers();
    }
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.lead();
      } catch (error) {
        const failures = ++this.failures;
        const message = (error as Error).message;
        this.state.lastError = message;
        this.logger.error(`Publishing failed (attempt ${failures}), will retry: ${message}`);
        // Start over from the committed checkpoint with a fresh connection and producer.
        await this.releaseLeadership(true);
        await this.closeProducers();
        await this.db
          .query('UPDATE projection_checkpoints SET last_error = $2, updated_at = now() WHERE name = $1', [this.options.name, message.slice(0, 2000)])
          .catch(() => undefined);
        await this.sleep(Math.min(10_000, this.options.retryMs * 2 ** (failures - 1)));
      }
    }
    await this.releaseLeadership(false);
    await this.closeProducers();
  }

  /** Publishes while this instance holds the lock and runs. */
  private async lead(): Promise<void> {
    const executor = await this.acquire();
    if (!executor) return;
    await this.ensureTopics();
    const producers = await this.producersReady();
    let checkpoint = await this.readCheckpoint(executor);
    this.state.checkpoint = checkpoint;
    // A batch read from the store and turned into messages; the next one is prepared while Kafka
    // works on the current one. The sends themselves stay strictly one after the other.
    const prepare = (after: Checkpoint) => {
      const prepared = this.store.readAll(after, { limit: this.options.batchSize }, executor).then((events) => ({ events, messages: this.toMessages(events) }));
      prepared.catch(() => undefined); // awaited below; never an unhandled rejection if we stop first
      return prepared;
    };
    let batch = await prepare(checkpoint);
    // Watermarks: "everything up to this checkpoint is before me", in every partition (see watermarks.ts).
    let markedUpTo: Checkpoint = START;
    let markedAt = 0;
    const markDue = () => this.internalPartitions > 0 && Date.now() - markedAt >= this.options.watermarkMs;
    while (this.running) {
      if (batch.events.length === 0) {
        if (compareCheckpoints(markedUpTo, checkpoint) < 0 && markDue()) {
          // Caught up, and the last batches went out unmarked: mark them now.
          await producers.internal.send({ acks: -1, topic: this.options.topics.internal, messages: watermarkMessages(checkpoint, this.internalPartitions) });
          markedUpTo = checkpoint;
          markedAt = Date.now();
        }
        await this.sleep(this.options.pollMs);
        if (!this.running) break;
        batch = await prepare(checkpoint);
        continue;
      }
      const { events, messages } = batch;
      const last = events[events.length - 1].checkpoint;
      const [internal, ...publicMessages] = messages;
      // Behind the batch, in every partition (at most every watermarkMs): read-your-writes in scale-out.
      const mark = markDue();
      const sending = Promise.all([
        producers.internal.send({ acks: -1, topic: internal.topic, messages: mark ? [...internal.messages, ...watermarkMessages(last, this.internalPartitions)] : internal.messages }),
        publicMessages.length > 0 ? producers.public.sendBatch({ acks: -1, topicMessages: publicMessages }) : undefined,
      ]);
      const upcoming = prepare(last);
      try {
        await sending;
      } catch (error) {
        await upcoming.catch(() => undefined);
        throw error;
      }
      await this.writeCheckpoint(executor, last, events.length);
      if (mark) {
        markedUpTo = last;
        markedAt = Date.now();
      }
      checkpoint = last;
      this.state.checkpoint = last;
      this.state.published += events.length;
      this.state.batches++;
      this.state.lastError = undefined;
      this.failures = 0;
      this.emitter.emit('published', { count: events.length, checkpoint: last });
      if (!this.running) {
        await upcoming.catch(() => undefined);
        break;
      }
      batch = await upcoming;
    }
  }

  /** Builds one batch's messages: every event to the internal topic (first), mapped events to their public topic. */
  toMessages(events: RecordedEvent[]): TopicMessages[] {
    const { topics, schemas } = this.options;
    const internal: Message[] = [];
    const publicMessages = new Map<string, Message[]>();
    for (const event of events) {
      const timestamp = String(Date.parse(event.recordedAt));
      internal.push({
        key: event.streamId,
        value: JSON.stringify(event),
        timestamp,
        headers: { [HEADERS.eventId]: event.eventId, [HEADERS.eventType]: event.type, [HEADERS.schemaVersion]: String(event.schemaVersion), [HEADERS.contentType]: 'application/json' },
      });
      const mapped = toIntegrationEvent(event);
      if (!mapped) continue;
      if (schemas) {
        const problems = schemas.validate(mapped.topic, mapped.event);
        if (problems.length > 0) {
          throw new Error(
            `Integration event ${mapped.topic}/${event.type} for event ${event.eventId} breaks its schema: ` +
              problems.map((p) => `${p.path || '/'} ${p.message}`).join('; '),
          );
        }
      }
      const topic = topics.public[mapped.topic];
      const list = publicMessages.get(topic) ?? [];
      list.push({
        key: event.streamId,
        value: JSON.stringify(mapped.event),
        timestamp,
        headers: { [HEADERS.eventId]: event.eventId, [HEADERS.eventType]: event.type, [HEADERS.schemaVersion]: String(mapped.event.schemaVersion), [HEADERS.contentType]: 'application/json' },
      });
      publicMessages.set(topic, list);
    }
    return [{ topic: topics.internal, messages: internal }, ...[...publicMessages].map(([topic, messages]) => ({ topic, messages }))];
  }

  /** Waits until this instance holds the relay's lock (or is stopped). Returns what to run SQL on. */
  private async acquire(): Promise<SqlExecutor | undefined> {
    if (!this.options.exclusive) {
      this.state.leader = true;
      return this.db;
    }
    const pool = (this.db.driver as unknown as { master?: Pool }).master;
    if (!pool || typeof pool.connect !== 'function') throw new Error('The relay needs the postgres driver\'s pool for its lock.');
    let waiting = false;
    while (this.running) {
      const client = await pool.connect();
      const onError = (error: Error) => this.logger.warn(`Lock connection: ${error.message}`);
      client.on('error', onError);
      try {
        const { rows } = await client.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [relayLockKey(this.options.name)]);
        if (rows[0].locked) {
          this.client = client;
          this.clientError = onError;
          this.state.leader = true;
          if (waiting) this.logger.log('Took over publishing: this relay holds the lock now.');
          // Everything runs on the connection that holds the lock: if that session is gone, so is
          // the lock, and the next statement fails instead of publishing beside another relay.
          return { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows };
        }
      } catch (error) {
        client.off('error', onError);
        client.release(true);
        throw error;
      }
      client.off('error', onError);
      client.release();
      if (!waiting) this.logger.log('Another relay instance is publishing; standing by.');
      waiting = true;
      await this.sleep(this.options.lockRetryMs);
    }
    return undefined;
  }

  /** Gives up the lock: politely (unlock, connection back to the pool) or, after a failure, by closing the session. */
  private async releaseLeadership(broken: boolean): Promise<void> {
    this.state.leader = false;
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    const onError = this.clientError!;
    if (broken) {
      // Closing the session releases the lock.
      client.release(true);
    } else {
      try {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [relayLockKey(this.options.name)]);
        client.release();
      } catch {
        client.release(true);
      }
    }
    client.off('error', onError);
  }

  private async ensureTopics(): Promise<void> {
    const { topics, partitions, replicationFactor } = this.options;
    const wanted = [topics.internal, ...PUBLIC_TOPICS.map((t) => topics.public[t])];
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = this.topicsReady ? new Set(wanted) : new Set(await admin.listTopics());
      const missing = wanted.filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await admin
          .createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })) })
          .catch((error: { type?: string }) => {
            // Another relay (or a test) created it meanwhile.
            if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
          });
        this.logger.log(`Created topics ${missing.join(', ')} (${partitions} partitions).`);
      }
      this.topicsReady = true;
      const { topics: [metadata] } = await admin.fetchTopicMetadata({ topics: [topics.internal] });
      this.internalPartitions = metadata.partitions.length;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async producersReady(): Promise<{ internal: Producer; public: Producer }> {
    if (this.producers) return this.producers;
    const create = async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        // Retriable errors (a broker away, a leader moving) are retried by the same producer, whose
        // sequence numbers let the broker drop the copies; anything else fails the batch, and the
        // relay starts over from its checkpoint with a new producer.
        retry: { retries: Number.MAX_SAFE_INTEGER },
        allowAutoTopicCreation: false,
        createPartitioner: cachingKeyPartitioner,
      });
      await producer.connect();
      return producer;
    };
    const [internal, publicProducer] = await Promise.all([create(), create()]);
    this.producers = { internal, public: publicProducer };
    return this.producers;
  }

  private async closeProducers(): Promise<void> {
    const producers = this.producers;
    this.producers = undefined;
    if (producers) await Promise.all([producers.internal.disconnect().catch(() => undefined), producers.public.disconnect().catch(() => undefined)]);
  }

  private async readCheckpoint(executor: SqlExecutor): Promise<Checkpoint> {
    const rows = await executor.query('SELECT transaction_id::text AS tx, position::text AS pos FROM projection_checkpoints WHERE name = $1', [this.options.name]);
    if (rows.length === 0) {
      await executor.query('INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [this.options.name]);
      return START;
    }
    return { transactionId: rows[0].tx, position: rows[0].pos };
  }

  private async writeCheckpoint(executor: SqlExecutor, checkpoint: Checkpoint, count: number): Promise<void> {
    await executor.query(
      `UPDATE projection_checkpoints SET transaction_id = $2::text::xid8, position = $3::bigint,
         events_applied = events_applied + $4, updated_at = now(), last_error = NULL WHERE name = $1`,
      [this.options.name, checkpoint.transactionId, checkpoint.position, count],
    );
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => {
      this.wake = undefined;
    });
  }
}
