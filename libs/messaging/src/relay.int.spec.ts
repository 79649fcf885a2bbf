// The relay against the real PostgreSQL and the real Kafka test broker (infra/kafka/start.sh).
import { randomUUID } from 'node:crypto';
import { logLevel, type Kafka } from 'kafkajs';
import { PostgresEventStore, type RecordedEvent } from '#event-store';
import { createTestDatabase, type TestDatabase } from '#platform/testing';
import { schema } from '../../../apps/api/src/runtime.js';
import { toIntegrationEvent } from './integration-events.js';
import { createKafka } from './kafka-client.js';
import { Relay, type RelayOptions } from './relay.js';
import { SchemaRegistry } from './schemas.js';
import { PUBLIC_TOPICS, topicNames } from './topics.js';
import { requireKafka } from './testing/kafka.js';
import { appendStreams, buildStreams, deleteTopics, PII, readTopics, waitUntil, type ReadMessage } from './testing/fixtures.js';

/** The stream versions per key, in the order the messages are in their partition. */
function versionsByKey(messages: ReadMessage[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  const sorted = [...messages].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  for (const m of sorted) byKey.set(m.key, [...(byKey.get(m.key) ?? []), JSON.parse(m.value).streamVersion]);
  return byKey;
}

describe('Relay (real PostgreSQL, real Kafka)', () => {
  const run = randomUUID().slice(0, 8);
  const prefix = `it.relay.${run}.`;
  const topics = topicNames(prefix);
  const registry = new SchemaRegistry();
  let kafka: Kafka;
  let db: TestDatabase;
  let store: PostgresEventStore;
  const relays: Relay[] = [];

  const newRelay = (options: Partial<RelayOptions> = {}) => {
    const relay = new Relay(db.dataSource, store, kafka, {
      topics,
      partitions: 3,
      replicationFactor: 1,
      batchSize: 200,
      pollMs: 20,
      lockRetryMs: 100,
      schemas: registry,
      ...options,
    });
    relays.push(relay);
    return relay;
  };

  const headCount = async () => (await store.head()).count;
  const checkpointRow = async () =>
    (await db.dataSource.query(`SELECT transaction_id::text AS tx, position::text AS pos, events_applied::int AS applied, last_error FROM projection_checkpoints WHERE name = 'relay:kafka'`))[0];

  beforeAll(async () => {
    const brokers = await requireKafka();
    kafka = createKafka({ brokers, clientId: `it-relay-${run}`, logLevel: logLevel.NOTHING });
    db = await createTestDatabase('postgres', schema);
    store = new PostgresEventStore(db.dataSource);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(relays.map((r) => r.stop(10_000)));
    await db?.close();
    if (kafka) await deleteTopics(kafka, prefix);
  }, 60_000);

  let all: RecordedEvent[] = [];

  it('publishes every event: the full event to the internal topic, the integration event to its public topic; keyed, in order, on contract, without personal data', async () => {
    const total = await appendStreams(store, buildStreams(1_500, 11));
    const relay = newRelay();
    relay.start();
    await waitUntil(() => `published ${relay.status().published} of ${total}`, () => relay.status().published >= total, 30_000);
    await relay.stop();

    all = await store.readAll({ transactionId: '0', position: '0' }, { limit: 100_000 });
    expect(all).toHaveLength(total);
    const messages = await readTopics(kafka, [topics.internal, ...PUBLIC_TOPICS.map((t) => topics.public[t])]);

    // Internal topic: every event exactly once, the whole envelope, in stream order per key.
    const internal = messages.filter((m) => m.topic === topics.internal);
    expect(internal).toHaveLength(total);
    expect(new Set(internal.map((m) => JSON.parse(m.value).eventId))).toEqual(new Set(all.map((e) => e.eventId)));
    for (const m of internal) {
      const event = JSON.parse(m.value) as RecordedEvent;
      expect(m.key).toBe(event.streamId);
      expect(m.headers).toEqual({ 'event-id': event.eventId, 'event-type': event.type, 'schema-version': '1', 'content-type': 'application/json' });
    }
    for (const [key, versions] of versionsByKey(internal)) {
      expect({ key, versions }).toEqual({ key, versions: versions.map((_, i) => i + 1) });
    }
    expect(internal.some((m) => m.value.includes(PII))).toBe(true); // the internal topic is the full event

    // Public topics: one integration event per mapped domain event, on its topic, valid, no personal data.
    const expected = all.map((e) => toIntegrationEvent(e)).filter((x) => x !== undefined);
    const published = messages.filter((m) => m.topic !== topics.internal);
    expect(published).toHaveLength(expected.length);
    expect(expected.length).toBeGreaterThan(total * 0.9);
    const problems: string[] = [];
    for (const m of published) {
      const body = JSON.parse(m.value);
      const topic = PUBLIC_TOPICS.find((t) => topics.public[t] === m.topic)!;
      for (const p of registry.validate(topic, body)) problems.push(`${m.topic} ${body.type} ${p.path}: ${p.message}`);
      expect(m.key).toBe(body.streamId);
      expect(m.headers).toEqual({ 'event-id': body.eventId, 'event-type': body.type, 'schema-version': String(body.schemaVersion), 'content-type': 'application/json' });
      if (m.value.includes(PII) || Object.values(m.headers).some((h) => h.includes(PII))) problems.push(`${m.topic} ${body.type}: personal data ${m.value}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    const byTopic = (t: string) => published.filter((m) => m.topic === t).length;
    expect(byTopic(topics.public['ideas.v1'])).toBe(expected.filter((x) => x.topic === 'ideas.v1').length);
    expect(byTopic(topics.public['deeds.v1'])).toBe(expected.filter((x) => x.topic === 'deeds.v1').length);
    expect(byTopic(topics.public['awards.v1'])).toBe(0); // reserved: created, nothing published yet
    for (const [key, versions] of versionsByKey(published)) {
      // Ascending without repeats (a public topic may skip versions whose events are not public).
      expect({ key, ascending: versions.every((v, i) => i === 0 || v > versions[i - 1]) }).toEqual({ key, ascending: true });
    }

    // The checkpoint is where the last acknowledged batch ended.
    const row = await checkpointRow();
    const head = await store.head();
    expect({ transactionId: row.tx, position: row.pos }).toEqual(head.checkpoint);
    expect(row.applied).toBe(total);
  }, 90_000);

  it('continues from its checkpoint after a graceful stop: nothing is published twice', async () => {
    const before = await headCount();
    await appendStreams(store, buildStreams(300, 12));
    const total = await headCount();
    const relay = newRelay();
    relay.start();
    await waitUntil(() => `published ${relay.status().published} of ${total - before}`, () => relay.status().published >= total - before, 30_000);
    await relay.stop();
    expect(relay.status().published).toBe(total - before);
    const internal = await readTopics(kafka, [topics.internal]);
    expect(internal).toHaveLength(total);
    expect(new Set(internal.map((m) => m.headers['event-id'])).size).toBe(total);
  }, 60_000);

  it('lets one relay publish at a time; a standby takes over when the leader stops', async () => {
    const a = newRelay();
    const b = newRelay();
    a.start();
    b.start();
    await waitUntil('one relay leads', () => a.status().leader !== b.status().leader, 10_000);
    const [leader, standby] = a.status().leader ? [a, b] : [b, a];
    const start = await headCount();
    await appendStreams(store, buildStreams(400, 13));
    const middle = await headCount();
    await waitUntil(() => `leader published ${leader.status().published} of ${middle - start}`, () => leader.status().published >= middle - start, 30_000);
    expect(standby.status()).toMatchObject({ leader: false, published: 0 });

    await leader.stop();
    await waitUntil('standby takes over', () => standby.status().leader, 10_000);
    await appendStreams(store, buildStreams(300, 14));
    const end = await headCount();
    await waitUntil(() => `standby published ${standby.status().published} of ${end - middle}`, () => standby.status().published >= end - middle, 30_000);
    await standby.stop();
    expect(leader.status().published).toBe(middle - start);
    expect(standby.status().published).toBe(end - middle);

    const internal = await readTopics(kafka, [topics.internal]);
    expect(internal).toHaveLength(end);
    expect(new Set(internal.map((m) => m.headers['event-id'])).size).toBe(end);
  }, 90_000);

  it('stops at an event that would break its schema, publishing nothing of its batch', async () => {
    const published = (await readTopics(kafka, [topics.internal])).length;
    const ideaId = randomUUID();
    // An IdeaSubmitted without title and organisation: the integration event would be off-contract.
    await store.append(`idea-${ideaId}`, [{ eventId: randomUUID(), type: 'IdeaSubmitted', data: { ideaId, submitter: 'x' }, metadata: { occurredAt: new Date().toISOString() } }], 0);
    const relay = newRelay({ retryMs: 50 });
    relay.start();
    await waitUntil('the relay reports the broken event', () => /breaks its schema/.test(relay.status().lastError ?? ''), 15_000);
    await relay.stop();
    expect(relay.status().published).toBe(0);
    expect((await checkpointRow()).last_error).toMatch(/IdeaSubmitted .* breaks its schema: .*\/data\/title is required/);
    expect(await readTopics(kafka, [topics.internal])).toHaveLength(published);
  }, 60_000);
});
