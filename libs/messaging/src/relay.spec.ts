// The relay's pure parts: the messages a batch becomes, and the partitioner.
import { Partitioners } from 'kafkajs';
import type { RecordedEvent } from '#event-store';
import { cachingKeyPartitioner, Relay } from './relay.js';
import { SchemaRegistry } from './schemas.js';
import { topicNames } from './topics.js';
import { buildStreams } from './testing/fixtures.js';

const recorded = (streamId: string, version: number, event: { eventId: string; type: string; data: unknown; metadata: RecordedEvent['metadata'] }): RecordedEvent => ({
  ...event,
  streamId,
  streamVersion: version,
  schemaVersion: 1,
  checkpoint: { transactionId: '7', position: String(version) },
  recordedAt: '2025-05-05T10:00:00.000Z',
});

describe('Relay.toMessages', () => {
  const relay = new Relay({} as never, {} as never, {} as never, { topics: topicNames('t.'), schemas: new SchemaRegistry() });
  const events = buildStreams(200, 5).flatMap((s) => s.events.map((e, i) => recorded(s.streamId, i + 1, e)));

  it('sends every event to the internal topic and its integration event to its context topic, keyed by stream, with headers', () => {
    const [internal, ...rest] = relay.toMessages(events);
    expect(internal.topic).toBe('t.kehittamo.events.v1');
    expect(internal.messages).toHaveLength(events.length);
    expect(internal.messages.map((m) => JSON.parse(m.value as string))).toEqual(events);
    expect(internal.messages[0]).toMatchObject({
      key: events[0].streamId,
      headers: { 'event-id': events[0].eventId, 'event-type': events[0].type, 'schema-version': '1', 'content-type': 'application/json' },
    });
    expect(rest.map((t) => t.topic).sort()).toEqual(['t.deeds.v1', 't.ideas.v1']);
    const count = rest.reduce((n, t) => n + t.messages.length, 0);
    expect(count).toBe(events.length);
    for (const { topic, messages } of rest) {
      for (const m of messages) {
        const body = JSON.parse(m.value as string);
        expect(m.key).toBe(body.streamId);
        expect(topic).toBe(body.streamId.startsWith('idea-') ? 't.ideas.v1' : 't.deeds.v1');
      }
    }
  });

  it('refuses a batch with an event that would break its schema', () => {
    const broken = { ...events[0], streamId: 'idea-1', type: 'IdeaSubmitted', data: { ideaId: 'not-a-uuid' } };
    expect(() => relay.toMessages([events[1], broken])).toThrow(/breaks its schema: .*\/data\/ideaId must be a uuid/);
  });
});

describe('cachingKeyPartitioner', () => {
  it('puts every key in the partition the default (Java-compatible) partitioner does', () => {
    const cached = cachingKeyPartitioner();
    const plain = Partitioners.DefaultPartitioner();
    for (const partitions of [1, 3, 6, 12]) {
      const partitionMetadata = Array.from({ length: partitions }, (_, i) => ({ partitionId: i, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
      for (let i = 0; i < 500; i++) {
        const message = { key: `idea-${i}-${(i * 7919) % 1000}`, value: '' };
        const expected = plain({ topic: 'x', partitionMetadata, message });
        expect(cached({ topic: 'x', partitionMetadata, message })).toBe(expected);
        expect(cached({ topic: 'x', partitionMetadata, message })).toBe(expected);
      }
    }
  });
});
