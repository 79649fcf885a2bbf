// Anonymity that holds, on the real PostgreSQL server and the real Kafka broker: an anonymous idea's
// submitter, with a distinctive identity (subject, name and e-mail claims), appears in no table, no log
// line and no Kafka message — and still finds the idea under "my ideas".
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT } from 'jose';
import { logLevel, type Kafka } from 'kafkajs';
import pg from 'pg';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ERASED_TEXT, openSealedEvents, PersonKeyStore } from '#event-store';
import { createKafka, KafkaProjector, PUBLIC_TOPICS, Relay, SchemaRegistry, topicNames } from '#messaging';
import { loadConfig, loadOrCreateLocalKeys, signLocalToken, type Role } from '#platform';
import { createTestDatabase, requirePostgres, serverUrl } from '#platform/testing';
import { createHttpApp } from '../apps/api/src/http-app.js';
import { PERSONAL_DATA } from '../apps/api/src/people/personal-data.registry.js';
import { allProjections, createRuntime, schema, type Runtime } from '../apps/api/src/runtime.js';
import { deleteTopics, readTopics, waitUntil, type ReadMessage } from '../libs/messaging/src/testing/fixtures.js';
import { requireKafka } from '../libs/messaging/src/testing/kafka.js';
import { client } from './support/app.js';
import { actionBodies, expectStatus, ideaBody, TIMEOUT } from './support/ideas-scenarios.js';

async function asAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl() });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Text-like column types: everything a name, an e-mail address or a subject could be written into. */
const TEXT_TYPES = ['text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'xml', 'bytea', 'USER-DEFINED'];

describe('anonymity on PostgreSQL and Kafka', () => {
  const run = randomBytes(4).toString('hex');
  const database = `kehittamo_test_${randomBytes(6).toString('hex')}`;
  const prefix = `it.anonymity.${run}.`;
  const topics = topicNames(prefix);
  const organisation = `lappeenranta-${run}`;
  // The submitter's identity, as distinctive as a real one: none of these may be found anywhere.
  const identity = {
    subject: `maija.meikalainen.${run}@kunta-esimerkki.fi`,
    name: `Maija Meikäläinen ${run}`,
    email: `maija.meikalainen.${run}@esimerkki.fi`,
  };
  const needles = [identity.subject, identity.name, identity.email, encodeURIComponent(identity.subject), `meikalainen.${run}`];

  let created = false;
  let dataDir: string;
  let runtime: Runtime;
  let app: NestExpressApplication;
  let kafka: Kafka;
  let relay: Relay | undefined;
  let baseUrl: string;
  const logLines: string[] = [];
  // Set by the first test, used by the second.
  let ideaId: string;
  let adminToken: string;
  let published = 0;
  const restore: (() => void)[] = [];

  /** Tees everything the process writes to stdout and stderr: the JSON logger writes there. */
  function captureOutput(): void {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        logLines.push(...String(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')).split('\n').filter((l) => l.length > 0));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = original as typeof stream.write));
    }
  }

  beforeAll(async () => {
    await requirePostgres();
    const brokers = await requireKafka();
    kafka = createKafka({ brokers, clientId: `it-anonymity-${run}`, logLevel: logLevel.NOTHING });
    await asAdmin((c) => c.query(`CREATE DATABASE ${database}`));
    created = true;
    dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-anonymity-'));
    const config = loadConfig(
      { DATA_DIR: dataDir, PORT: '0', DATABASE_URL: serverUrl(database), PROJECTION_POLL_MS: '50', LOG_FORMAT: 'json', LOG_LEVEL: 'debug' },
      [],
    );
    captureOutput();
    runtime = await createRuntime(config);
    runtime.runner.start();
    app = await createHttpApp(runtime);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  }, TIMEOUT);

  afterAll(async () => {
    await relay?.stop(10_000);
    await app?.close();
    await runtime?.close();
    for (const undo of restore.reverse()) undo();
    if (created) await asAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (kafka) await deleteTopics(kafka, prefix);
  }, TIMEOUT);

  it(
    'leaves the submitter of an anonymous idea in no table, log line or Kafka message, and still shows them the idea',
    async () => {
      const call = client(baseUrl);
      const config = runtime.config;
      const keys = await loadOrCreateLocalKeys(dataDir);
      // The identity provider's token carries the person's name and e-mail address besides the subject.
      const submitter = await new SignJWT({ [config.auth.organisationClaim]: organisation, [config.auth.rolesClaim]: ['employee'], name: identity.name, email: identity.email })
        .setProtectedHeader({ alg: 'EdDSA', kid: keys.privateJwk.kid })
        .setSubject(identity.subject)
        .setIssuer(config.auth.issuer)
        .setAudience(config.auth.audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(await importJWK(keys.privateJwk, 'EdDSA'));
      const token = (subject: string, ...roles: Role[]) => signLocalToken(keys, config.auth, { subject, organisation, roles });
      const agent = await token(`agent-${run}`, 'change-agent');
      const colleague = await token(`colleague-${run}`, 'employee');
      const admin = await token(`admin-${run}`, 'admin');

      // Submitted anonymously, moved through every stage, commented by the submitter and others, supported.
      const submitted = await call('POST', '/api/ideas', { token: submitter, body: ideaBody({ anonymous: true, title: 'Vuorolistat yhteen paikkaan' }) });
      expectStatus(submitted, 201);
      const id: string = submitted.body.id;
      ideaId = id;
      adminToken = admin;
      for (const action of ['review', 'pilot', 'measurements'] as const) {
        expectStatus(await call('POST', `/api/ideas/${id}/${action}`, { token: agent, body: actionBodies[action] }), 200);
      }
      expectStatus(await call('POST', `/api/ideas/${id}/comments`, { token: colleague, body: { text: 'Tämä auttaisi meitäkin.' } }), 200);
      expectStatus(await call('POST', `/api/ideas/${id}/comments`, { token: submitter, body: { text: 'Kiitos, pilotti näyttää hyvältä.' } }), 200);
      expectStatus(await call('POST', `/api/ideas/${id}/support`, { token: colleague }), 200);
      expectStatus(await call('POST', `/api/ideas/${id}/adopt`, { token: agent, body: actionBodies.adopt }), 200);
      // The data-subject endpoints are used too: the admin's export (subject in the path) and the person's own.
      // Their only trace is the anonymous idea (and a comment, which the admin may see).
      const byAdmin = await call('GET', `/api/people/${encodeURIComponent(identity.subject)}/export`, { token: admin });
      expectStatus(byAdmin, 200);
      expect(byAdmin.body.ideas).toEqual([]);
      expect(byAdmin.body.comments).toHaveLength(1);
      const own = await call('GET', '/api/people/me/export', { token: submitter });
      expectStatus(own, 200);
      expect(own.body.ideas.map((i: { id: string; anonymous: boolean }) => [i.id, i.anonymous])).toEqual([[id, true]]);

      // The submitter still finds the idea under "my ideas"; others see it without its submitter.
      const mine = await call('GET', '/api/ideas?mine=true', { token: submitter });
      expectStatus(mine, 200);
      expect(mine.body.items.map((i: { id: string; stage: string }) => [i.id, i.stage])).toEqual([[id, 'adopted']]);
      const seenBySubmitter = await call('GET', `/api/ideas/${id}`, { token: submitter });
      expect(seenBySubmitter.body).toMatchObject({ submittedByMe: true, anonymous: true, stage: 'adopted' });
      const seenByAgent = await call('GET', `/api/ideas/${id}`, { token: agent });
      expect(seenByAgent.body).toMatchObject({ submittedByMe: false, anonymous: true });
      expect(seenByAgent.body.comments).toHaveLength(2);
      const submitterPseudonym = runtime.pseudonymizer.of(identity.subject);
      expect(JSON.stringify(seenByAgent.body)).not.toContain(submitterPseudonym);

      // The relay publishes everything to Kafka.
      relay = new Relay(runtime.dataSource, runtime.sealedStore, kafka, {
        topics,
        partitions: 1,
        replicationFactor: 1,
        pollMs: 20,
        lockRetryMs: 100,
        schemas: new SchemaRegistry(),
      });
      relay.start();
      const { count } = await runtime.sealedStore.head();
      await waitUntil(() => `published ${relay!.status().published} of ${count}`, () => relay!.status().published >= count, 60_000);
      await relay.stop();
      relay = undefined;
      const messages: ReadMessage[] = await readTopics(kafka, [topics.internal, ...PUBLIC_TOPICS.map((t) => topics.public[t])]);
      expect(messages.filter((m) => m.topic === topics.internal)).toHaveLength(count);
      published = count;
      expect(messages.filter((m) => m.topic === topics.public['ideas.v1']).length).toBeGreaterThan(0);

      // Every table of the database, every text-like column.
      const columns: { table_name: string; column_name: string }[] = await runtime.dataSource.query(
        `SELECT c.table_name, c.column_name FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
          WHERE c.table_schema = current_schema() AND c.data_type = ANY($1::text[]) ORDER BY 1, 2`,
        [TEXT_TYPES],
      );
      const tables = new Set(columns.map((c) => c.table_name));
      for (const expected of ['events', 'idea_views', 'funnel_facts', 'person_keys', 'projection_checkpoints', 'award_nominations', 'deed_entries']) expect(tables).toContain(expected);
      const found: string[] = [];
      for (const { table_name: table, column_name: column } of columns) {
        for (const needle of needles) {
          const [row] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE strpos(lower("${column}"::text), lower($1)) > 0`, [needle]);
          if (row.n > 0) found.push(`${table}.${column} contains "${needle}"`);
        }
      }
      expect(found).toEqual([]);
      // The table search is not blind: it does find what is there (the idea's pseudonymous submitter).
      const [probe] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM idea_views WHERE strpos(lower(submitter::text), lower($1)) > 0`, [submitterPseudonym]);
      expect(probe.n).toBe(1);

      // Every log line the app wrote.
      const jsonLines = logLines.filter((line) => line.startsWith('{'));
      expect(jsonLines.length).toBeGreaterThan(10);
      expect(jsonLines.some((line) => JSON.parse(line).msg === 'request')).toBe(true);
      expect(logLines.filter((line) => needles.some((n) => line.toLowerCase().includes(n.toLowerCase())))).toEqual([]);
      // The admin's export was logged, with the subject in its path redacted.
      expect(jsonLines.some((line) => line.includes('/api/people/{id}/export'))).toBe(true);

      // Every message on every topic: value, key and headers.
      const leaks = messages.filter((m) => needles.some((n) => [m.value, m.key, ...Object.values(m.headers)].some((part) => part.toLowerCase().includes(n.toLowerCase()))));
      expect(leaks).toEqual([]);
      // The public topics do not even carry the pseudonym; the internal one carries comments sealed.
      expect(messages.filter((m) => m.topic !== topics.internal && m.value.includes(submitterPseudonym))).toEqual([]);
      const internal = messages.filter((m) => m.topic === topics.internal).map((m) => m.value);
      expect(internal.some((v) => v.includes('Kiitos, pilotti näyttää hyvältä.'))).toBe(false);
      expect(internal.filter((v) => JSON.parse(v).type === 'IdeaCommented').every((v) => JSON.parse(v).data.text.$personal === 1)).toBe(true);

    },
    TIMEOUT,
  );

  it(
    'a projector fed by the internal topic reads sealed comments while the key exists, and "[poistettu]" from the same messages after the erasure',
    async () => {
      expect(published).toBeGreaterThan(0);
      const replica = await createTestDatabase('postgres', schema);
      const groups: string[] = [];
      /** A fresh projector process: its own key cache, a fresh consumer group, empty read models. */
      const projectFromKafka = async (): Promise<{ comments: string[]; stage: string; supportCount: number }> => {
        await replica.dataSource.query('TRUNCATE idea_views, funnel_facts');
        const keys = new PersonKeyStore(runtime.dataSource);
        const groupId = `${prefix}projector-${groups.length}`;
        groups.push(groupId);
        const projector = new KafkaProjector(replica.dataSource, kafka, allProjections(), {
          groupId,
          topic: topics.internal,
          batchSize: 200,
          sessionTimeout: 6_000,
          heartbeatInterval: 300,
          openEvents: (events) => openSealedEvents(events, keys, PERSONAL_DATA),
        });
        await projector.start();
        try {
          await waitUntil(() => `applied ${projector.status().applied} of ${published}`, () => projector.status().applied >= published, 60_000);
        } finally {
          await projector.stop();
        }
        const [row] = await replica.dataSource.query('SELECT comments, stage, support_count FROM idea_views WHERE id = $1', [ideaId]);
        return { comments: row.comments.map((c: { text: string }) => c.text), stage: row.stage, supportCount: row.support_count };
      };
      try {
        expect(await projectFromKafka()).toEqual({ comments: ['Tämä auttaisi meitäkin.', 'Kiitos, pilotti näyttää hyvältä.'], stage: 'adopted', supportCount: 1 });
        const call = client(baseUrl);
        expectStatus(await call('POST', `/api/people/${encodeURIComponent(identity.subject)}/erase`, { token: adminToken }), 200);
        // The messages on the topic are the same; without the key their personal fields read as erased.
        expect(await projectFromKafka()).toEqual({ comments: ['Tämä auttaisi meitäkin.', ERASED_TEXT], stage: 'adopted', supportCount: 1 });
      } finally {
        await replica.close();
        const admin = kafka.admin();
        await admin.connect();
        await admin.deleteGroups(groups).catch(() => undefined);
        await admin.disconnect();
      }
    },
    TIMEOUT,
  );
});

