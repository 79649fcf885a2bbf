// Fault tests of the relay against the real PostgreSQL and the real Kafka test broker:
// the relay process killed (SIGKILL) at random points while 10,000 events flow, and the broker
// stopped and started again while the relay publishes. Every event reaches Kafka, in order per key;
// duplicates appear only where at-least-once allows (the batch in flight when it failed).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { logLevel, type Kafka } from 'kafkajs';
import { PostgresEventStore, type RecordedEvent } from '#event-store';
import { createTestDatabase, type TestDatabase } from '#platform/testing';
import { schema } from '../../../apps/api/src/runtime.js';
import { toIntegrationEvent } from './integration-events.js';
import { createKafka } from './kafka-client.js';
import { Relay } from './relay.js';
import { PUBLIC_TOPICS, topicNames } from './topics.js';
import { requireKafka } from './testing/kafka.js';
import {
  appendStreams,
  buildStreams,
  createTopics,
  deleteTopics,
  killChild,
  killChildren,
  readTopics,
  sleep,
  startEntry,
  waitUntil,
  within,
  type ReadMessage,
} from './testing/fixtures.js';

const BATCH = 250;

/**
 * Checks one topic against the events that should be on it: each one present, and per key the
 * versions in partition order never jump ahead (a repeat goes back to an earlier version and
 * continues from there: the replay of an unconfirmed batch). Returns the number of duplicates.
 */
function checkDelivery(messages: ReadMessage[], expected: Map<string, number>): { duplicates: number; problems: string[] } {
  const problems: string[] = [];
  const byKey = new Map<string, number[]>();
  for (const m of [...messages].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))) {
    byKey.set(m.key, [...(byKey.get(m.key) ?? []), JSON.parse(m.value).streamVersion as number]);
  }
  let duplicates = 0;
  for (const [key, last] of expected) {
    const versions = byKey.get(key) ?? [];
    let max = 0;
    for (const v of versions) {
      if (v > max + 1) problems.push(`${key}: version ${v} after ${max} (a gap: out of order or lost)`);
      if (v <= max) duplicates++;
      max = Math.max(max, v);
    }
    if (max !== last) problems.push(`${key}: reached version ${max}, expected ${last}`);
  }
  for (const key of byKey.keys()) if (!expected.has(key)) problems.push(`${key}: not expected`);
  return { duplicates, problems };
}

/** The last version of every stream, over all events or over those with a public integration event. */
function lastVersions(events: RecordedEvent[], publicOnly: boolean): Map<string, number> {
  const last = new Map<string, number>();
  for (const e of events) if (!publicOnly || toIntegrationEvent(e)) last.set(e.streamId, Math.max(last.get(e.streamId) ?? 0, e.streamVersion));
  return last;
}

function bash(script: string, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [script], { env: { ...process.env, ...env }, timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout, stderr) =>
      error ? reject(new Error(`${script} failed: ${error.message}\n${stderr}`)) : resolve(stdout + stderr),
    );
  });
}

describe('Relay under faults (real PostgreSQL, real Kafka)', () => {
  const run = randomUUID().slice(0, 8);
  const prefix = `it.relay-faults.${run}.`;
  let kafka: Kafka;
  const databases: TestDatabase[] = [];
  const relays: Relay[] = [];
  let brokerStopped = false;

  beforeAll(async () => {
    const brokers = await requireKafka();
    kafka = createKafka({ brokers, clientId: `it-relay-faults-${run}`, logLevel: logLevel.NOTHING });
  }, 30_000);

  afterAll(async () => {
    await killChildren();
    await Promise.allSettled(relays.map((r) => r.stop(10_000)));
    // A failed broker test must not leave the broker down for the suites after it.
    if (brokerStopped) await bash('infra/kafka/start.sh', { KAFKA_KEEP_DATA: '1' }).catch((error) => console.error(error));
    await Promise.allSettled(databases.map((db) => db.close()));
    if (kafka) await deleteTopics(kafka, prefix);
  }, 150_000);

  it('loses nothing and keeps order per key when the relay process is killed (SIGKILL) at random points while 10,000 events flow', async () => {
    const db = await createTestDatabase('postgres', schema);
    databases.push(db);
    const store = new PostgresEventStore(db.dataSource);
    const topics = topicNames(`${prefix}kill.`);
    await createTopics(kafka, [topics.internal, ...PUBLIC_TOPICS.map((t) => topics.public[t])], 3);
    const env = {
      DATABASE_URL: db.url!,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
      KAFKA_TOPIC_PREFIX: `${prefix}kill.`,
      KAFKA_TOPIC_PARTITIONS: '3',
      KAFKA_LOG_LEVEL: 'nothing',
      RELAY_BATCH_SIZE: String(BATCH),
      RELAY_POLL_MS: '20',
    };
    const applied = async () => Number((await db.dataSource.query(`SELECT coalesce(max(events_applied), 0) AS n FROM projection_checkpoints WHERE name = 'relay:kafka'`))[0].n);

    // The writers append 10,000 events while relay processes come and go.
    const writing = appendStreams(store, buildStreams(10_000, 31), { concurrency: 4 });
    writing.catch(() => undefined);
    const kills = 4;
    let killedWithBacklog = 0;
    for (let k = 0; k < kills; k++) {
      const child = startEntry('apps/relay/src/main.ts', env);
      const before = await applied();
      await waitUntil(() => `relay ${k + 1} publishes; output:\n${child.output()}`, async () => (await applied()) > before, 45_000, 10);
      await sleep(Math.floor(Math.random() * 300));
      const backlog = (await store.head()).count - (await applied());
      const { signal } = await within(10_000, 'SIGKILL', killChild(child, 'SIGKILL'));
      expect(signal).toBe('SIGKILL');
      if (backlog > 0) killedWithBacklog++;
    }
    const total = await within(60_000, 'appending', writing);
    expect(total).toBe(10_000);
    expect(killedWithBacklog).toBeGreaterThan(0); // kills came while there was still something to publish

    const last = startEntry('apps/relay/src/main.ts', env);
    const head = await store.head();
    await waitUntil(
      () => `the last relay catches up; output:\n${last.output()}`,
      async () => {
        const [row] = await db.dataSource.query(`SELECT transaction_id::text AS tx, position::text AS pos FROM projection_checkpoints WHERE name = 'relay:kafka'`);
        return row?.tx === head.checkpoint.transactionId && row?.pos === head.checkpoint.position;
      },
      60_000,
      50,
    );
    const { code } = await within(20_000, 'SIGTERM', killChild(last, 'SIGTERM'));
    expect(code).toBe(0); // graceful: batch finished, checkpoint committed, producer disconnected

    const events = await store.readAll({ transactionId: '0', position: '0' }, { limit: 100_000 });
    const messages = await readTopics(kafka, [topics.internal, ...PUBLIC_TOPICS.map((t) => topics.public[t])]);
    const internal = checkDelivery(messages.filter((m) => m.topic === topics.internal), lastVersions(events, false));
    expect(internal.problems.slice(0, 10)).toEqual([]);
    const published = checkDelivery(messages.filter((m) => m.topic !== topics.internal), lastVersions(events, true));
    expect(published.problems.slice(0, 10)).toEqual([]);
    // At least once: only the batch in flight at each kill may be sent twice.
    expect(internal.duplicates).toBeLessThanOrEqual(kills * BATCH);
    expect(new Set(messages.filter((m) => m.topic === topics.internal).map((m) => m.headers['event-id'])).size).toBe(total);
  }, 180_000);

  it('loses nothing when the broker is stopped and started again while the relay publishes', async () => {
    const db = await createTestDatabase('postgres', schema);
    databases.push(db);
    const store = new PostgresEventStore(db.dataSource);
    const topics = topicNames(`${prefix}broker.`);
    const relay = new Relay(db.dataSource, store, kafka, { topics, partitions: 3, replicationFactor: 1, batchSize: 200, pollMs: 20, retryMs: 200 });
    relays.push(relay);
    relay.start();

    const writing = appendStreams(store, buildStreams(4_000, 41), { concurrency: 2, pauseEveryMs: 3 });
    writing.catch(() => undefined);
    await waitUntil(() => `relay publishes (${relay.status().published})`, () => relay.status().published > 500, 30_000);

    brokerStopped = true;
    await bash('infra/kafka/stop.sh');
    await sleep(300); // a batch acknowledged just before the stop has committed its checkpoint by now
    const publishedWhileUp = relay.status().published;
    // More events while the broker is away (besides the writers still going): the relay retries meanwhile.
    const whileDown = await appendStreams(store, buildStreams(500, 42), { concurrency: 2 });
    await sleep(1_000);
    expect(relay.status().published).toBe(publishedWhileUp);
    await bash('infra/kafka/start.sh', { KAFKA_KEEP_DATA: '1' });
    brokerStopped = false;

    const total = (await within(60_000, 'appending', writing)) + whileDown;
    const head = await store.head();
    await waitUntil(
      () => `the relay catches up after the restart (${relay.status().published} published, last error: ${relay.status().lastError})`,
      () => relay.status().checkpoint?.transactionId === head.checkpoint.transactionId && relay.status().checkpoint?.position === head.checkpoint.position,
      90_000,
      100,
    );
    await relay.stop();

    const events = await store.readAll({ transactionId: '0', position: '0' }, { limit: 100_000 });
    expect(events).toHaveLength(total);
    const messages = await readTopics(kafka, [topics.internal, ...PUBLIC_TOPICS.map((t) => topics.public[t])]);
    // Including what was published before the stop: the restart kept the topics.
    const internal = checkDelivery(messages.filter((m) => m.topic === topics.internal), lastVersions(events, false));
    expect(internal.problems.slice(0, 10)).toEqual([]);
    const published = checkDelivery(messages.filter((m) => m.topic !== topics.internal), lastVersions(events, true));
    expect(published.problems.slice(0, 10)).toEqual([]);
    expect(new Set(messages.filter((m) => m.topic === topics.internal).map((m) => m.headers['event-id'])).size).toBe(total);
  }, 240_000);
});
