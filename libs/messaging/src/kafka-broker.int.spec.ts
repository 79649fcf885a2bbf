// Smoke test of the real test broker (infra/kafka/start.sh) with the client the relay uses:
// idempotent producer with acks from all replicas, keyed messages, a consumer group.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Admin, Consumer, Producer } from 'kafkajs';
import { requireKafka } from './testing/kafka.js';

const KEYS = ['idea-1', 'idea-2', 'deed-1', 'deed-2', 'award-1'];
const TOTAL = 100;
const PARTITIONS = 3;

interface Received {
  key: string; // from the message body
  messageKey: string | undefined; // the Kafka message key
  seq: number;
  partition: number;
  hasEventId: boolean;
}

/** Rejects after `ms`, so a stuck client fails the test instead of hanging it. */
function within<T>(ms: number, what: string | (() => string), work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const label = () => (typeof what === 'function' ? what() : what);
    timer = setTimeout(() => reject(new Error(`${label()}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

describe('Kafka test broker', () => {
  const run = randomUUID().slice(0, 8);
  const topic = `it.kafka-broker.${run}`;
  let kafka: Kafka;
  let admin: Admin | undefined;
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    const brokers = await requireKafka();
    kafka = new Kafka({ clientId: `kafka-broker-int-${run}`, brokers, logLevel: logLevel.WARN });
    admin = kafka.admin();
    await admin.connect();
  }, 20_000);

  afterAll(async () => {
    await within(15_000, 'disconnect', Promise.allSettled([
      consumer?.disconnect(),
      producer?.disconnect(),
    ]));
    if (admin) {
      await within(10_000, 'delete topic', admin.deleteTopics({ topics: [topic] })).catch(() => undefined);
      await within(10_000, 'delete group', admin.deleteGroups([`it.kafka-broker.${run}`])).catch(() => undefined);
      await admin.disconnect();
    }
  }, 30_000);

  it('delivers 100 keyed messages from an idempotent producer to a consumer group, in order per key', async () => {
    const created = await admin!.createTopics({
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);

    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();

    const sent = new Map<string, number>(KEYS.map((k) => [k, 0]));
    for (let batch = 0; batch < TOTAL / 10; batch++) {
      const messages = Array.from({ length: 10 }, (_, i) => {
        const key = KEYS[(batch * 10 + i) % KEYS.length];
        const seq = sent.get(key)!;
        sent.set(key, seq + 1);
        return { key, value: JSON.stringify({ key, seq }), headers: { 'event-id': randomUUID() } };
      });
      await within(15_000, 'send', producer.send({ topic, acks: -1, messages }));
    }

    const received: Received[] = [];
    consumer = kafka.consumer({ groupId: `it.kafka-broker.${run}`, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const allArrived = new Promise<void>((resolve) => {
      void consumer!.run({
        // No expect() in here: kafkajs would catch the failure and redeliver. Assert below.
        eachMessage: async ({ partition, message }) => {
          const body = JSON.parse(message.value!.toString()) as { key: string; seq: number };
          received.push({
            key: body.key,
            messageKey: message.key?.toString(),
            seq: body.seq,
            partition,
            hasEventId: message.headers?.['event-id'] !== undefined,
          });
          if (received.length >= TOTAL) resolve();
        },
      });
    });
    await within(45_000, () => `consume ${TOTAL} messages (got ${received.length})`, allArrived);

    expect(received).toHaveLength(TOTAL);
    expect(received.every((r) => r.messageKey === r.key && r.hasEventId)).toBe(true);
    for (const key of KEYS) {
      const ofKey = received.filter((r) => r.key === key);
      // Every message exactly once, in production order for its key ...
      expect(ofKey.map((r) => r.seq)).toEqual(Array.from({ length: TOTAL / KEYS.length }, (_, i) => i));
      // ... because one key always lands on one partition.
      expect(new Set(ofKey.map((r) => r.partition)).size).toBe(1);
    }
    // The five keys use more than one of the three partitions (so the test covers several).
    expect(new Set(received.map((r) => r.partition)).size).toBeGreaterThan(1);
  }, 90_000);
});
