// Scale-out against the real PostgreSQL and the real Kafka test broker:
// - read-your-writes through Kafka: the API (PROJECTIONS=off) waits on the checkpoints the Kafka-fed
//   projector records, so a client reads its own writes at once;
// - an award that reaches the projector (through its own partition) before its deed still lands;
// - readiness: the API, the relay and the projector check Kafka and answer 503 when it cannot be reached.
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { logLevel, type Kafka } from 'kafkajs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { parseToken, PostgresEventStore, type RecordedEvent } from '#event-store';
import { createKafka, KafkaProjector, kafkaSettingsFromEnv, Relay, topicNames, watermarkMessages } from '#messaging';
import { loadConfig, loadOrCreateLocalKeys, signLocalToken } from '#platform';
import { createTestDatabase, requirePostgres, type TestDatabase } from '#platform/testing';
import { createHttpApp } from '../apps/api/src/http-app.js';
import { allProjections, createRuntime, schema, type Runtime } from '../apps/api/src/runtime.js';
import { requireKafka } from '../libs/messaging/src/testing/kafka.js';
import { appendStreams, buildStreams, createTopics, deleteTopics, killChildren, startEntry, waitUntil, within, type Child } from '../libs/messaging/src/testing/fixtures.js';
import { client, type TestApp } from './support/app.js';
import { freePort } from './support/ports.js';
import { ideaBody, ideasApi, newOrg, readYourWritesLoop, TIMEOUT } from './support/ideas-scenarios.js';

const UNREACHABLE = '127.0.0.1:1';

/** The API as the scale-out stack runs it: projections off (another process runs them). */
async function startApi(databaseUrl: string, kafkaBrokers: string, env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-scale-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', DATABASE_URL: databaseUrl, PROJECTIONS: 'off', CONSISTENCY_WAIT_MS: '15000', ...env }, []);
  const runtime: Runtime = await createRuntime(config, { inMemory: true, kafka: kafkaSettingsFromEnv({ KAFKA_BROKERS: kafkaBrokers, KAFKA_LOG_LEVEL: 'nothing' }, 'it-api') });
  const app: NestExpressApplication = await createHttpApp(runtime, { logger: false });
  await app.listen(0, '127.0.0.1');
  const keys = await loadOrCreateLocalKeys(dataDir);
  return {
    app,
    runtime,
    baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`,
    token: (subject, organisation, ...roles) => signLocalToken(keys, config.auth, { subject, organisation, roles: roles.length ? roles : ['employee'] }),
    async close() {
      await app.close();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}


async function get(url: string): Promise<{ status: number; type: string; body: any; text: string }> {
  const res = await fetch(url);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body, text };
}

describe('scale-out with Kafka (real PostgreSQL, real Kafka)', () => {
  const run = randomUUID().slice(0, 8);
  const prefix = `it.scale.${run}.`;
  const topics = topicNames(prefix);
  const groups: string[] = [];
  const databases: TestDatabase[] = [];
  const apps: TestApp[] = [];
  let brokers: string[];
  let kafka: Kafka;

  const newDatabase = async () => {
    const db = await createTestDatabase('postgres', schema);
    databases.push(db);
    return db;
  };

  beforeAll(async () => {
    await requirePostgres();
    brokers = await requireKafka();
    kafka = createKafka({ brokers, clientId: `it-scale-${run}`, logLevel: logLevel.NOTHING });
    await createTopics(kafka, [topics.internal, ...Object.values(topics.public)], 3);
  }, TIMEOUT);

  afterAll(async () => {
    await killChildren();
    await Promise.allSettled(apps.map((app) => app.close()));
    await Promise.allSettled(databases.map((db) => db.close()));
    if (kafka) {
      const admin = kafka.admin();
      await admin.connect().catch(() => undefined);
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      await deleteTopics(kafka, prefix);
    }
  }, TIMEOUT);

  it('read-your-writes with FEED=kafka: the API waits on the Kafka-fed projector\'s checkpoints', async () => {
    const db = await newDatabase();
    const app = await startApi(db.url!, brokers.join(','));
    apps.push(app);
    const store = new PostgresEventStore(db.dataSource);
    const relay = new Relay(db.dataSource, store, kafka, { topics, partitions: 3, replicationFactor: 1, batchSize: 500, pollMs: 10 });
    const groupId = `it.scale.ryw.${run}`;
    groups.push(groupId);
    const projector = new KafkaProjector(db.dataSource, kafka, allProjections(), { groupId, topic: topics.internal, batchSize: 200, sessionTimeout: 6_000, heartbeatInterval: 300, maxWaitTimeInMs: 100 });
    const api = ideasApi(app);
    const call = client(app.baseUrl);
    try {
      relay.start();
      // Without a projector no asynchronous view is applied. The idea's own view is written with its events, so
      // the submission answers at once and reads back; the funnel, read with the token, says it is stale.
      const org = await newOrg(app, 'ryw-first');
      const before = await call('POST', '/api/ideas', { token: org.employee, body: ideaBody({ title: 'Kirjattu ennen projektoria' }) });
      expect(before.status).toBe(201);
      expect(before.headers.get('x-consistency')).toBeNull();
      const token = parseToken(before.headers.get('x-consistency-token')!)!;
      expect((await call('GET', `/api/ideas/${before.body.id}`, { token: org.employee })).status).toBe(200);
      const stale = await call('GET', '/api/funnel', { token: org.agent, headers: { 'x-consistency-token': before.headers.get('x-consistency-token')! } });
      expect(stale.headers.get('x-consistency')).toBe('stale');
      expect(stale.headers.get('x-consistency-behind')).toContain('funnel');
      expect(await app.runtime.runner.waitFor(token, 1_500)).toBe(false);

      await projector.start();
      expect(await app.runtime.runner.waitFor(token, 30_000)).toBe(true);
      // Every projection's checkpoint row has reached the token: the Kafka projector wrote them.
      const rows: { name: string; ok: boolean }[] = await db.dataSource.query(
        `SELECT name, (transaction_id, position) >= ($1::text::xid8, $2::bigint) AS ok FROM projection_checkpoints WHERE name = ANY($3)`,
        [token.transactionId, token.position, allProjections().map((p) => p.name)],
      );
      expect(rows.filter((r) => !r.ok)).toEqual([]);
      expect(rows).toHaveLength(allProjections().length);

      // Writes and reads through the API: each read sees the write before it (no X-Consistency: pending).
      await readYourWritesLoop(app, api, 8);
      const reply = await call('POST', '/api/ideas', { token: org.employee, body: ideaBody({ title: 'Heti näkyvä' }) });
      expect(reply.status).toBe(201);
      expect(reply.headers.get('x-consistency')).toBeNull();
      // The token works on reads too: a list asked with it includes the write.
      const listed = await call('GET', '/api/ideas?limit=100', { token: org.employee, headers: { 'x-consistency-token': reply.headers.get('x-consistency-token')! } });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(reply.body.id);
    } finally {
      await within(20_000, 'stop projector', projector.stop());
      await within(20_000, 'stop relay', relay.stop());
    }
  }, TIMEOUT);

  it('an award that reaches the projector before its deed still lands on the deed\'s catalogue entry', async () => {
    const db = await newDatabase();
    const topic = `${prefix}order.events`;
    await createTopics(kafka, [topic], 2);
    const groupId = `it.scale.order.${run}`;
    groups.push(groupId);
    const projector = new KafkaProjector(db.dataSource, kafka, allProjections(), { groupId, topic, batchSize: 100, sessionTimeout: 6_000, heartbeatInterval: 300, maxWaitTimeInMs: 100 });
    const deedId = randomUUID();
    const seasonId = randomUUID();
    let position = 0;
    const event = (streamId: string, streamVersion: number, type: string, data: unknown): RecordedEvent => {
      position++;
      return {
        eventId: randomUUID(),
        streamId,
        streamVersion,
        type,
        schemaVersion: 1,
        data,
        metadata: { occurredAt: '2026-03-01T10:00:00Z' },
        checkpoint: { transactionId: String(5_000 + position), position: String(position) },
        recordedAt: '2026-03-01T10:00:00Z',
      };
    };
    const content = {
      title: 'Kuvalliset päiväjärjestykset',
      aim: 'Rauhallisemmat siirtymät.',
      achieved: 'Siirtymät nopeutuivat.',
      metrics: [],
      unit: 'varhaiskasvatus',
      sector: 'education-and-early-childhood',
      themes: ['saavutettavuus'],
      size: 'small',
      scope: 'unit',
      participants: ['staff'],
      periodFrom: '2026-01-15',
      language: 'fi',
      media: [],
    };
    // In the store the deed comes first; through Kafka the award's partition is consumed first.
    const deed = [
      event(`deed-${deedId}`, 1, 'DeedDrafted', { deedId, organisation: 'imatra', content, ideaIds: [], source: 'idea' }),
      event(`deed-${deedId}`, 2, 'DeedPublished', { deedId, revision: 1, content }),
    ];
    const award = event(`award-season-${seasonId}`, 30, 'AwardAnnounced', {
      seasonId,
      awardId: randomUUID(),
      year: 2026,
      seasonName: 'Gaala 2026',
      series: 'deeds',
      seriesName: 'Vuoden teko',
      category: 'deed',
      title: 'Vuoden teko',
      nominee: { kind: 'deed', deedId, organisation: 'imatra', title: content.title },
    });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const message = (e: RecordedEvent, partition: number) => ({ partition, key: e.streamId, value: JSON.stringify(e), headers: { 'event-id': e.eventId, 'event-type': e.type } });
    try {
      await projector.start();
      await producer.send({ topic, acks: -1, messages: [message(award, 1)] });
      await waitUntil(() => `award applied (${projector.status().applied})`, () => projector.status().applied >= 1, 30_000);
      expect(Number((await db.dataSource.query('SELECT count(*) AS n FROM deed_entries'))[0].n)).toBe(0);

      // Then the deed's partition, and behind the batch the relay's watermark in every partition.
      await producer.send({ topic, acks: -1, messages: [...deed.map((e) => message(e, 0)), ...watermarkMessages(award.checkpoint, 2)] });
      await waitUntil(() => `deed applied (${projector.status().applied})`, () => projector.status().applied >= 3, 30_000);
      const [entry] = await db.dataSource.query('SELECT status, awards FROM deed_entries WHERE id = $1', [deedId]);
      expect(entry).toEqual({ status: 'published', awards: [{ season: 'Gaala 2026', year: 2026, series: 'Vuoden teko', award: 'Vuoden teko' }] });
      // Both partitions have the watermark now: every projection's checkpoint is at the batch's end.
      await waitUntil('checkpoints recorded', async () => {
        const rows = await db.dataSource.query(`SELECT count(*)::int AS n FROM projection_checkpoints WHERE name = ANY($1) AND transaction_id::text = $2 AND position = $3`, [
          allProjections().map((p) => p.name),
          award.checkpoint.transactionId,
          award.checkpoint.position,
        ]);
        return rows[0].n === allProjections().length;
      }, 10_000);
    } finally {
      await producer.disconnect();
      await within(20_000, 'stop projector', projector.stop());
    }
  }, TIMEOUT);

  it('the API\'s /health/ready checks Kafka when it has Kafka: up with the broker, 503 when the broker cannot be reached', async () => {
    const db = await newDatabase();
    const up = await startApi(db.url!, brokers.join(','));
    apps.push(up);
    const ready = await get(`${up.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.details.kafka).toMatchObject({ status: 'up' });
    expect(ready.body.details.kafka.brokers).toBeGreaterThan(0);

    const down = await startApi(db.url!, UNREACHABLE);
    apps.push(down);
    const notReady = await get(`${down.baseUrl}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(notReady.type).toMatch(/application\/problem\+json/);
    expect(notReady.body.details.details.kafka).toMatchObject({ status: 'down' });
    expect(notReady.body.details.details.database).toMatchObject({ status: 'up' });
    expect((await get(`${down.baseUrl}/health/live`)).status).toBe(200);
  }, TIMEOUT);

  async function processHealth(entry: string, env: Record<string, string>): Promise<{ child: Child; base: string }> {
    const port = await freePort();
    // Topics of their own (the relay creates them), apart from the other tests'.
    const child = startEntry(entry, { ...env, HEALTH_PORT: String(port), HEALTH_HOST: '127.0.0.1', KAFKA_LOG_LEVEL: 'nothing', KAFKA_TOPIC_PREFIX: `${prefix}health.`, KAFKA_TOPIC_PARTITIONS: '3', KAFKA_REPLICATION_FACTOR: '1' });
    const base = `http://127.0.0.1:${port}`;
    await waitUntil(() => `${entry} serves /health/live; output:\n${child.output()}`, async () => (await get(`${base}/health/live`).catch(() => ({ status: 0 }))).status === 200, 60_000, 200);
    return { child, base };
  }

  it('the relay and the projector serve /health/live, /health/ready (database, event store, Kafka) and /metrics on HEALTH_PORT', async () => {
    const db = await newDatabase();
    const store = new PostgresEventStore(db.dataSource);
    const total = await appendStreams(store, buildStreams(200, 5));
    groups.push(`it.scale.health.${run}`);
    const common = { DATABASE_URL: db.url!, KAFKA_BROKERS: brokers.join(',') };
    const relay = await processHealth('apps/relay/src/main.ts', { ...common, RELAY_POLL_MS: '20' });
    const projector = await processHealth('apps/projector/src/main.ts', { ...common, FEED: 'kafka', KAFKA_GROUP_ID: `it.scale.health.${run}`, KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_MS: '300' });
    for (const { base } of [relay, projector]) {
      const ready = await get(`${base}/health/ready`);
      expect({ status: ready.status, body: ready.body }).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect(Object.keys(ready.body.details).sort()).toEqual(['database', 'eventStore', 'kafka']);
      expect((await get(`${base}/nowhere`)).status).toBe(404);
    }
    // Metrics: the relay's published count and lag; the projector's lag per projection, reaching 0.
    await waitUntil('relay lag 0', async () => /kehittamo_relay_lag_events\{relay="relay:kafka"\} 0\n/.test((await get(`${relay.base}/metrics`)).text), 60_000, 200);
    const relayMetrics = (await get(`${relay.base}/metrics`)).text;
    expect(relayMetrics).toContain(`kehittamo_relay_published_total ${total}`);
    expect(relayMetrics).toContain(`kehittamo_events_total ${total}`);
    await waitUntil(
      () => 'projector lag 0',
      async () => {
        const text = (await get(`${projector.base}/metrics`)).text;
        // Inline views are written with the events (PostgreSQL store): the projector reports the others.
        return allProjections()
          .filter((p) => !p.inline)
          .every((p) => text.includes(`kehittamo_projection_lag_events{projection="${p.name}"} 0\n`));
      },
      60_000,
      200,
    );
    expect((await get(`${projector.base}/metrics`)).text).toMatch(new RegExp(`kehittamo_projector_events_applied_total ${total}\\n`));
  }, TIMEOUT);

  it('the relay and the projector answer 503 on /health/ready while Kafka cannot be reached, and stay live', async () => {
    const db = await newDatabase();
    const common = { DATABASE_URL: db.url!, KAFKA_BROKERS: UNREACHABLE };
    const relay = await processHealth('apps/relay/src/main.ts', common);
    const projector = await processHealth('apps/projector/src/main.ts', { ...common, FEED: 'kafka', KAFKA_GROUP_ID: `it.scale.down.${run}` });
    for (const { base, child } of [relay, projector]) {
      const ready = await get(`${base}/health/ready`);
      expect({ status: ready.status, output: ready.status === 503 ? '' : child.output() }).toEqual({ status: 503, output: '' });
      expect(ready.type).toMatch(/application\/problem\+json/);
      expect(ready.body.details.error.kafka).toMatchObject({ status: 'down' });
      expect(ready.body.details.info.database).toMatchObject({ status: 'up' });
      expect((await get(`${base}/health/live`)).status).toBe(200);
      expect(child.process.exitCode).toBeNull();
    }
  }, TIMEOUT);
});
