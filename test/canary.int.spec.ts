// Privacy as a whole on the real PostgreSQL server with the relay publishing to a real Kafka broker: the canary
// run of canary.e2e.spec.ts (every command, canaries from the OpenAPI document, everyone erased, read models
// rebuilt), searched in every table, every message of every topic (value, key, headers), the outbox and every log
// line; and the anonymity check of every role's answers, with the Kafka messages searched for the anonymous
// submitter too. What may stay is in test/privacy-allow-list.json, with its reason.
import { logLevel, type Kafka } from 'kafkajs';
import { createKafka, PUBLIC_TOPICS, Relay, SchemaRegistry, topicNames } from '#messaging';
import { serverDatabase } from '#platform/testing';
import { deleteTopics, readTopics, waitUntil, type ReadMessage } from '../libs/messaging/src/testing/fixtures.js';
import { requireKafka } from '../libs/messaging/src/testing/kafka.js';
import { startTestApp, type TestApp } from './support/app.js';
import {
  anonymityLeaks,
  anonymousNeedles,
  captureOutput,
  driveEveryCommand,
  eraseEveryone,
  notAllowed,
  searchOutbox,
  searchTables,
  searchText,
  writeOperations,
  type CanaryRun,
  type Finding,
} from './support/canary-scenarios.js';
import { TIMEOUT } from './support/ideas-scenarios.js';

describe('canaries and anonymity on PostgreSQL, the relay and Kafka', () => {
  const serverDb = serverDatabase();
  const prefix = `it.canary.${serverDb.name.slice(-8)}.`;
  const topics = topicNames(prefix);
  const allTopics = [topics.internal, ...PUBLIC_TOPICS.map((t) => topics.public[t])];
  let app: TestApp;
  let kafka: Kafka;
  let relay: Relay | undefined;
  let run: CanaryRun;
  const logLines: string[] = [];
  let restore: () => void = () => undefined;

  /** Waits until the relay has published every event in the store, then reads every topic. */
  async function published(): Promise<ReadMessage[]> {
    const { count } = await app.runtime.sealedStore.head();
    await waitUntil(() => `published ${relay!.status().published} of ${count}`, () => relay!.status().published >= count, 120_000);
    const messages = await readTopics(kafka, allTopics);
    expect(messages.filter((m) => m.topic === topics.internal)).toHaveLength(count);
    return messages;
  }

  const placeOf = (topic: string) => `kafka:${topic.slice(prefix.length)}`;
  const searchMessages = (messages: ReadMessage[], canaries: CanaryRun['canaries']): Finding[] =>
    messages.flatMap((m) => searchText([m.value, m.key, ...Object.values(m.headers)].join('\n'), canaries, placeOf(m.topic)));

  beforeAll(async () => {
    const brokers = await requireKafka();
    kafka = createKafka({ brokers, clientId: `it-canary-${serverDb.name}`, logLevel: logLevel.NOTHING });
    await serverDb.create();
    restore = captureOutput(logLines);
    app = await startTestApp({ databaseUrl: serverDb.url, log: true, env: { LOG_FORMAT: 'json', LOG_LEVEL: 'debug', NOTIFICATIONS: 'off' } });
    // The relay runs beside the API for the whole run, as in production.
    relay = new Relay(app.runtime.dataSource, app.runtime.sealedStore, kafka, {
      topics,
      partitions: 3,
      replicationFactor: 1,
      pollMs: 20,
      lockRetryMs: 100,
      schemas: new SchemaRegistry(),
    });
    relay.start();
    run = await driveEveryCommand(app);
  }, TIMEOUT * 3);

  afterAll(async () => {
    restore();
    await relay?.stop(10_000);
    await app?.close();
    await serverDb.drop();
    if (kafka) await deleteTopics(kafka, prefix);
  }, TIMEOUT);

  it('drives every write operation of the OpenAPI document', () => {
    expect(writeOperations(run.doc).filter((op) => op !== 'POST /api/people/{id}/erase' && !run.driven.has(op))).toEqual([]);
  });

  it(
    'shows nobody else who submitted the anonymous ideas: not in any role\'s answers, open data, Kafka messages or log lines',
    async () => {
      expect(await anonymityLeaks(app, run)).toEqual([]);
      const needles = anonymousNeedles(app, run);
      expect(logLines.filter((line) => needles.some((n) => line.toLowerCase().includes(n)))).toEqual([]);
      const messages = await published();
      expect(messages.filter((m) => m.topic === topics.public['ideas.v1']).length).toBeGreaterThan(0);
      // Public topics carry no trace of the submitter; the internal topic carries their pseudonym (it is the
      // event store's copy, read by projectors only) but never their subject or a guessable id.
      const pseudonym = app.runtime.pseudonymizer.of(run.people.anonymous.subject).toLowerCase();
      const leaks = messages
        .map((m) => ({ topic: m.topic, text: [m.value, m.key, ...Object.values(m.headers)].join('\n').toLowerCase() }))
        .flatMap(({ topic, text }) => needles.filter((n) => text.includes(n) && !(topic === topics.internal && n === pseudonym)).map((n) => `${placeOf(topic)} carries ${n}`));
      expect([...new Set(leaks)]).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'after everyone is erased and the read models rebuilt, no canary is left in a table, a Kafka message, the outbox or a log line unless the allow-list says why',
    async () => {
      // The search is not blind: before the erasure it finds what is there.
      const before = await searchTables(app, run.canaries);
      expect(before.some((f) => f.field === 'POST /api/ideas/{id}/comments text' && f.place === 'table:idea_views')).toBe(true);
      expect(searchMessages(await published(), run.canaries).some((f) => f.field === 'POST /api/ideas title' && f.place === 'kafka:ideas.v1')).toBe(true);

      await eraseEveryone(app, run);
      await app.runtime.notifications.runOnce({ batch: 1000 });

      const findings = [
        ...(await searchTables(app, run.canaries)),
        ...searchMessages(await published(), run.canaries),
        ...(await searchOutbox(app, run.canaries)),
        ...searchText(logLines.join('\n'), run.canaries, 'log'),
      ];
      expect(logLines.some((line) => line.includes('"msg":"request"'))).toBe(true);
      expect(notAllowed(findings)).toEqual([]);
    },
    TIMEOUT * 2,
  );
});
