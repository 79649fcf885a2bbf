// The Kafka-fed projector against the real PostgreSQL and the real Kafka test broker: it builds the
// same read models as a rebuild from the event store, alone, as two instances sharing the
// partitions, after redelivery, and when its process is killed in the middle of a batch.
import { randomUUID } from 'node:crypto';
import { logLevel, type Kafka } from 'kafkajs';
import { PostgresEventStore } from '#event-store';
import { createTestDatabase, type TestDatabase } from '#platform/testing';
import { ProjectionRunner } from '#projections';
import { allProjections, schema } from '../../../apps/api/src/runtime.js';
import { createKafka } from './kafka-client.js';
import { KafkaProjector } from './kafka-projector.js';
import { Relay } from './relay.js';
import { topicNames } from './topics.js';
import { requireKafka } from './testing/kafka.js';
import {
  appendStreams,
  buildStreams,
  createTopics,
  deleteTopics,
  killChild,
  killChildren,
  readModelSnapshot,
  sleep,
  startEntry,
  waitUntil,
  within,
} from './testing/fixtures.js';

const PARTITIONS = 3;
const EVENTS = 3_000;

describe('KafkaProjector (real PostgreSQL, real Kafka)', () => {
  const run = randomUUID().slice(0, 8);
  const prefix = `it.projector.${run}.`;
  const topic = topicNames(prefix).internal;
  const groups: string[] = [];
  let kafka: Kafka;
  let source: TestDatabase; // the event store, published by the relay; rebuilt from the store for comparison
  const databases: TestDatabase[] = [];
  const projectors: KafkaProjector[] = [];
  let expected: Record<string, unknown[]>;
  let single: TestDatabase; // built by one instance in the first test

  const newDatabase = async () => {
    const db = await createTestDatabase('postgres', schema);
    databases.push(db);
    return db;
  };

  const newProjector = (db: TestDatabase, groupId: string, batchSize = 200) => {
    const projector = new KafkaProjector(db.dataSource, kafka, allProjections(), { groupId, topic, batchSize, sessionTimeout: 6_000, heartbeatInterval: 300 });
    projectors.push(projector);
    if (!groups.includes(groupId)) groups.push(groupId);
    return projector;
  };

  /** True when the group has committed offsets up to the end of every partition of the topic. */
  async function caughtUp(groupId: string): Promise<boolean> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return ends.every((end) => committed.partitions.find((p) => p.partition === end.partition)?.offset === end.high);
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    const brokers = await requireKafka();
    kafka = createKafka({ brokers, clientId: `it-projector-${run}`, logLevel: logLevel.NOTHING });
    await createTopics(kafka, [topic, ...Object.values(topicNames(prefix).public)], PARTITIONS);
    source = await newDatabase();
  }, 60_000);

  afterAll(async () => {
    await killChildren();
    await Promise.allSettled(projectors.map((p) => within(15_000, 'stop projector', p.stop())));
    await Promise.allSettled(databases.map((db) => db.close()));
    if (kafka) {
      const admin = kafka.admin();
      await admin.connect().catch(() => undefined);
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      await deleteTopics(kafka, prefix);
    }
  }, 90_000);

  it('two instances in one group share the partitions and build exactly the rows one instance builds, equal to a rebuild from the store', async () => {
    // Two instances join first, so the partitions are split between them before any event arrives.
    const pair = await newDatabase();
    const [b, c] = [newProjector(pair, `it.pair.${run}`), newProjector(pair, `it.pair.${run}`)];
    await b.start();
    await c.start();
    await waitUntil('the group settles with both members', async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const { groups: [group] } = await admin.describeGroups([`it.pair.${run}`]);
        return group.state === 'Stable' && group.members.length === 2;
      } finally {
        await admin.disconnect();
      }
    }, 30_000, 200);

    // The events, published by the relay.
    const store = new PostgresEventStore(source.dataSource);
    const total = await appendStreams(store, buildStreams(EVENTS, 21));
    const relay = new Relay(source.dataSource, store, kafka, { topics: topicNames(prefix), partitions: PARTITIONS, replicationFactor: 1, batchSize: 500, pollMs: 20 });
    relay.start();
    await waitUntil(() => `relay published ${relay.status().published} of ${total}`, () => relay.status().published >= total, 30_000);
    await relay.stop();

    // One instance alone, in another database.
    single = await newDatabase();
    const a = newProjector(single, `it.single.${run}`);
    await a.start();

    await waitUntil('both groups applied everything', async () => (await caughtUp(`it.single.${run}`)) && (await caughtUp(`it.pair.${run}`)), 60_000, 200);
    await Promise.all([a.stop(), b.stop(), c.stop()]);

    const [bParts, cParts] = [b.status().partitions, c.status().partitions];
    expect(b.status().applied).toBeGreaterThan(0);
    expect(c.status().applied).toBeGreaterThan(0);
    expect([...bParts, ...cParts].sort()).toEqual([0, 1, 2]);
    expect(b.status().applied + c.status().applied).toBe(total);
    expect(a.status().applied).toBe(total);

    // The reference: the same projections rebuilt from the event store.
    const runner = new ProjectionRunner(source.dataSource, store, allProjections(), { batchSize: 500, pollMs: 50 });
    for (const projection of allProjections()) await runner.rebuild(projection);
    expected = await readModelSnapshot(source.dataSource);
    expect(Object.values(expected).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(500);

    const one = await readModelSnapshot(single.dataSource);
    expect(await readModelSnapshot(pair.dataSource)).toEqual(one);
    expect(one).toEqual(expected);
  }, 150_000);

  it('redelivered messages change nothing: every event delivered again to the same read models', async () => {
    // A new group on the same database: it reads the topic from the start, over rows that have applied it all.
    const again = newProjector(single, `it.again.${run}`, 333);
    await again.start();
    await waitUntil(() => `re-applied ${again.status().applied}`, () => again.status().applied >= EVENTS, 60_000, 100);
    await again.stop();
    expect(again.status().applied).toBe(EVENTS);
    expect(await readModelSnapshot(single.dataSource)).toEqual(expected);
  }, 90_000);

  it('killed in the middle of a batch several times (SIGKILL), the projector process ends with the rows of a clean rebuild', async () => {
    const target = await newDatabase();
    const app = `kehittamo-kill-${run}`;
    const url = new URL(target.url!);
    url.searchParams.set('application_name', app);
    const groupId = `it.kill.${run}`;
    groups.push(groupId);
    const env = {
      FEED: 'kafka',
      DATABASE_URL: url.toString(),
      KAFKA_BROKERS: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092'),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_ID: groupId,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_HEARTBEAT_MS: '300',
      KAFKA_LOG_LEVEL: 'nothing',
      PROJECTION_BATCH_SIZE: '40',
    };
    const rows = async () => Number((await target.dataSource.query('SELECT (SELECT count(*) FROM idea_views) + (SELECT count(*) FROM deed_entries) AS n'))[0].n);
    /** An open transaction of the projector process (a batch being applied). */
    const inBatch = async () =>
      Number((await target.dataSource.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND xact_start IS NOT NULL`, [app]))[0].n) > 0;

    let killedInBatch = 0;
    for (let kill = 0; kill < 3; kill++) {
      const child = startEntry('apps/projector/src/main.ts', env);
      const before = await rows();
      // Let it make progress, then kill it while a batch transaction is open.
      await waitUntil(() => `projector makes progress (kill ${kill + 1}); output:\n${child.output()}`, async () => (await rows()) > before, 45_000, 20);
      await sleep(50 + Math.floor(Math.random() * 150));
      await waitUntil('a batch is open', inBatch, 5_000, 2).catch(() => undefined);
      if (await inBatch()) killedInBatch++;
      const { signal } = await within(10_000, 'SIGKILL', killChild(child, 'SIGKILL'));
      expect(signal).toBe('SIGKILL');
    }
    expect(killedInBatch).toBeGreaterThan(0); // at least one kill hit an open batch transaction

    const last = startEntry('apps/projector/src/main.ts', env);
    await waitUntil(() => `projector catches up; output:\n${last.output()}`, () => caughtUp(groupId), 60_000, 200);
    const { code } = await within(20_000, 'SIGTERM', killChild(last, 'SIGTERM'));
    expect(code).toBe(0);
    expect(await readModelSnapshot(target.dataSource)).toEqual(expected);
  }, 150_000);
});
