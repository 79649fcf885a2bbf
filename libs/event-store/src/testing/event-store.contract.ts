// The contract every EventStore adapter passes. Each adapter's spec calls `eventStoreContract`.
import { randomUUID } from 'node:crypto';
import {
  compareCheckpoints,
  DuplicateEventError,
  START,
  WrongExpectedVersionError,
  type AppendHook,
  type Checkpoint,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port.js';

export interface ContractHarness {
  store: EventStore;
  close(): Promise<void>;
}

export const testEvent = (type = 'ThingHappened', data: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data: { ...data },
  metadata: { occurredAt: new Date().toISOString(), actor: { subject: 'tester', organisation: 'testila', roles: ['admin'] } },
});

export async function readEverything(store: EventStore, from: Checkpoint = START, limit = 100): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let checkpoint = from;
  for (;;) {
    const batch = await store.readAll(checkpoint, { limit });
    if (batch.length === 0) return all;
    all.push(...batch);
    checkpoint = batch[batch.length - 1].checkpoint;
  }
}

export function eventStoreContract(name: string, open: () => Promise<ContractHarness>): void {
  describe(`EventStore contract: ${name}`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });
    afterAll(async () => harness?.close());

    const stream = () => `test-${randomUUID()}`;

    it('appends to a new stream and reads it back in order, with versions and metadata', async () => {
      const id = stream();
      const events = [testEvent('A', { n: 1 }), testEvent('B', { n: 2 }), testEvent('C', { text: 'ääkköset ja "lainaus"' })];
      const result = await store.append(id, events, 0);
      expect(result).toMatchObject({ streamId: id, nextVersion: 3, replayed: false });
      const read = await store.readStream(id);
      expect(read.map((e) => [e.type, e.streamVersion, e.data])).toEqual([
        ['A', 1, { n: 1 }],
        ['B', 2, { n: 2 }],
        ['C', 3, { text: 'ääkköset ja "lainaus"' }],
      ]);
      expect(read[0].eventId).toBe(events[0].eventId);
      expect(read[0].metadata.actor).toEqual({ subject: 'tester', organisation: 'testila', roles: ['admin'] });
      expect(compareCheckpoints(read[2].checkpoint, result.checkpoint)).toBe(0);
    });

    it('reads an unknown stream as empty, and a slice of a stream by version', async () => {
      expect(await store.readStream(stream())).toEqual([]);
      const id = stream();
      await store.append(id, [testEvent('A'), testEvent('B'), testEvent('C'), testEvent('D')], 0);
      expect((await store.readStream(id, { fromVersion: 2, toVersion: 3 })).map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('refuses an append whose expected version is stale or ahead', async () => {
      const id = stream();
      await store.append(id, [testEvent()], 0);
      await expect(store.append(id, [testEvent()], 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.append(id, [testEvent()], 5)).rejects.toMatchObject({ actual: 1, expected: 5 });
      expect(await store.append(id, [testEvent()], 1)).toMatchObject({ nextVersion: 2 });
      expect(await store.append(id, [testEvent()], 'any')).toMatchObject({ nextVersion: 3 });
      expect((await store.readStream(id)).length).toBe(3);
    });

    it('lets exactly one of many concurrent appends at the same version win', async () => {
      const id = stream();
      await store.append(id, [testEvent()], 0);
      const attempts = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.append(id, [testEvent('Raced', { i })], 1)));
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(7);
      for (const loss of lost) expect(loss.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([1, 2]);
    });

    it('serialises concurrent appends with "any" without losing one', async () => {
      const id = stream();
      await Promise.all(Array.from({ length: 5 }, (_, i) => store.append(id, [testEvent('Any', { i })], 'any')));
      const read = await store.readStream(id);
      expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
      expect(new Set(read.map((e) => (e.data as { i: number }).i)).size).toBe(5);
    });

    it('treats the same event ids sent again as a replay that writes nothing', async () => {
      const id = stream();
      const events = [testEvent('A'), testEvent('B')];
      const first = await store.append(id, events, 0);
      const again = await store.append(id, events, 0);
      expect(again).toMatchObject({ replayed: true, nextVersion: 2 });
      expect(compareCheckpoints(again.checkpoint, first.checkpoint)).toBe(0);
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('refuses an event id already used elsewhere', async () => {
      const event = testEvent('A');
      await store.append(stream(), [event], 0);
      const other = stream();
      await expect(store.append(other, [event], 0)).rejects.toBeInstanceOf(DuplicateEventError);
      expect(await store.readStream(other)).toEqual([]);
    });

    it('reads the global feed in batches from a checkpoint, without gaps or repeats', async () => {
      const { checkpoint: before } = await store.head();
      const ids = [stream(), stream(), stream()];
      for (let round = 0; round < 4; round++) {
        for (const id of ids) await store.append(id, [testEvent('Fed', { round })], 'any');
      }
      const fed = (await readEverything(store, before, 5)).filter((e) => ids.includes(e.streamId));
      expect(fed).toHaveLength(12);
      expect(new Set(fed.map((e) => e.eventId)).size).toBe(12);
      for (let i = 1; i < fed.length; i++) expect(compareCheckpoints(fed[i - 1].checkpoint, fed[i].checkpoint)).toBeLessThan(0);
      for (const id of ids) {
        expect(fed.filter((e) => e.streamId === id).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
      }
    });

    it('reports its head: the count and the last checkpoint', async () => {
      const id = stream();
      const result = await store.append(id, [testEvent()], 0);
      const head = await store.head();
      expect(head.count).toBeGreaterThan(0);
      expect(compareCheckpoints(head.checkpoint, result.checkpoint)).toBeGreaterThanOrEqual(0);
    });

    it('tells local subscribers about each append', async () => {
      const seen: string[] = [];
      const off = store.onAppended((result) => seen.push(result.streamId));
      const id = stream();
      await store.append(id, [testEvent()], 0);
      off();
      await store.append(id, [testEvent()], 1);
      expect(seen).toEqual([id]);
    });
  });
}

/**
 * PostgreSQL adapter only: the feed orders transaction ids as numbers. Ids 9 and 10 sort the
 * other way round as text, which once made batched readers skip events.
 */
export function postgresFeedOrdering(open: () => Promise<{ store: EventStore; db: { query(sql: string, params?: unknown[]): Promise<any> }; close(): Promise<void> }>): void {
  describe('PostgreSQL adapter: numeric feed order', () => {
    it('reads transaction 9 before transaction 10, one event per batch, and reports 10 as the head', async () => {
      const { store, db, close } = await open();
      try {
        for (const [tx, type] of [['10', 'Second'], ['9', 'First']] as const) {
          await db.query(
            `INSERT INTO events (transaction_id, event_id, stream_id, stream_version, type, data, metadata)
             VALUES ($1::text::xid8, $2, $3, 1, $4, '{}', '{"occurredAt":"2026-01-01T00:00:00Z"}')`,
            [tx, randomUUID(), `ordering-${type}`, type],
          );
        }
        const read = await readEverything(store, START, 1);
        expect(read.map((e) => [e.checkpoint.transactionId, e.type])).toEqual([
          ['9', 'First'],
          ['10', 'Second'],
        ]);
        const head = await store.head();
        expect(head.checkpoint.transactionId).toBe('10');
      } finally {
        await close();
      }
    });
  });
}

/**
 * Adapters with a bulk import (`appendToNewStreams`): many new streams in one write, versions 1..n,
 * idempotent, and never mixed into a stream that already exists.
 */
export function bulkAppendContract(name: string, open: () => Promise<ContractHarness>): void {
  describe(`EventStore bulk import (appendToNewStreams): ${name}`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    let bulk: NonNullable<EventStore['appendToNewStreams']>;
    beforeAll(async () => {
      harness = await open();
      store = harness.store;
      if (!store.appendToNewStreams) throw new Error(`${name} has no appendToNewStreams`);
      bulk = store.appendToNewStreams.bind(store);
    });
    afterAll(async () => harness?.close());

    const stream = () => `bulk-${randomUUID()}`;
    const newStream = (size: number, data: Record<string, unknown> = {}) => ({
      streamId: stream(),
      events: Array.from({ length: size }, (_, i) => testEvent(`E${i + 1}`, { ...data, i })),
    });

    it('writes every new stream with versions 1..n, in order, with ids, data and metadata', async () => {
      const { count: before } = await store.head();
      const streams = [newStream(1), newStream(2, { text: 'ääkköset ja "lainaus"' }), newStream(3)];
      expect(await bulk(streams)).toEqual({ written: 3, skipped: 0, events: 6 });
      for (const s of streams) {
        const read = await store.readStream(s.streamId);
        expect(read.map((e) => [e.eventId, e.type, e.streamVersion, e.data])).toEqual(s.events.map((e, i) => [e.eventId, e.type, i + 1, e.data]));
        expect(read[0].metadata).toEqual(s.events[0].metadata);
        for (let i = 1; i < read.length; i++) expect(compareCheckpoints(read[i - 1].checkpoint, read[i].checkpoint)).toBeLessThan(0);
      }
      expect((await store.head()).count).toBe(before + 6);
      // The feed holds them like any other events.
      const fed = (await readEverything(store, START, 500)).filter((e) => streams.some((s) => s.streamId === e.streamId));
      expect(fed).toHaveLength(6);
    });

    it('writes nothing twice: the same streams again are all skipped', async () => {
      const streams = [newStream(2), newStream(2)];
      await bulk(streams);
      const { count } = await store.head();
      expect(await bulk(streams)).toEqual({ written: 0, skipped: 2, events: 0 });
      // Also when only some of a batch was written before.
      const more = newStream(2);
      expect(await bulk([...streams, more])).toEqual({ written: 1, skipped: 2, events: 2 });
      expect((await store.head()).count).toBe(count + 2);
      for (const s of streams) expect((await store.readStream(s.streamId)).map((e) => e.streamVersion)).toEqual([1, 2]);
    });

    it('leaves an existing stream as it was, and skips a stream whose event id is used elsewhere', async () => {
      const existing = newStream(1);
      await store.append(existing.streamId, existing.events, 0);
      const intruder = { streamId: existing.streamId, events: [testEvent('X'), testEvent('Y'), testEvent('Z')] };
      const used = testEvent('Used');
      await store.append(stream(), [used], 0);
      const reusing = { streamId: stream(), events: [testEvent('Fresh'), used] };
      const fresh = newStream(2);
      expect(await bulk([intruder, reusing, fresh])).toEqual({ written: 1, skipped: 2, events: 2 });
      expect((await store.readStream(existing.streamId)).map((e) => [e.eventId, e.streamVersion])).toEqual([[existing.events[0].eventId, 1]]);
      expect(await store.readStream(reusing.streamId)).toEqual([]);
      expect((await store.readStream(fresh.streamId)).map((e) => e.streamVersion)).toEqual([1, 2]);
      // The stream takes ordinary appends afterwards.
      expect(await store.append(fresh.streamId, [testEvent('After')], 2)).toMatchObject({ nextVersion: 3 });
    });

    it('refuses a batch that names a stream or an event twice, writing nothing', async () => {
      const s = newStream(1);
      await expect(bulk([s, { streamId: s.streamId, events: [testEvent()] }])).rejects.toThrow(/twice/);
      const t = newStream(1);
      await expect(bulk([t, { streamId: stream(), events: t.events }])).rejects.toBeInstanceOf(DuplicateEventError);
      expect(await store.readStream(s.streamId)).toEqual([]);
      expect(await store.readStream(t.streamId)).toEqual([]);
      expect(await bulk([])).toEqual({ written: 0, skipped: 0, events: 0 });
    });

    it('tells local subscribers about each stream it wrote, with its version and checkpoint', async () => {
      const seen: Array<{ streamId: string; nextVersion: number; checkpoint: Checkpoint }> = [];
      const off = store.onAppended((result) => seen.push(result));
      const streams = [newStream(2), newStream(1)];
      await bulk(streams);
      await bulk(streams);
      off();
      expect(seen.map((r) => [r.streamId, r.nextVersion]).sort()).toEqual(streams.map((s) => [s.streamId, s.events.length]).sort());
      for (const result of seen) {
        const read = await store.readStream(result.streamId);
        expect(compareCheckpoints(result.checkpoint, read[read.length - 1].checkpoint)).toBe(0);
      }
    });

    it('writes a thousand streams in one call', async () => {
      const streams = Array.from({ length: 1_000 }, () => newStream(2));
      expect(await bulk(streams)).toEqual({ written: 1_000, skipped: 0, events: 2_000 });
      expect((await store.readStream(streams[999].streamId)).map((e) => e.type)).toEqual(['E1', 'E2']);
    });
  });
}

/**
 * Appends with inline views that arrive together are committed together (group commit), each keeping its own
 * expected-version check and its own failure. For stores that run the hook in a transaction.
 */
export function groupCommitContract(name: string, open: () => Promise<ContractHarness>): void {
  describe(`EventStore group commit of concurrent appends with inline views: ${name}`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });
    afterAll(async () => harness?.close());

    /** A hook that records what it is given and refuses events of type `Poison`. */
    const recordingHook = () => {
      const calls: { before: string[][]; after: RecordedEvent[][] } = { before: [], after: [] };
      const hook: AppendHook = {
        before: async (_tx, streams) => void calls.before.push(streams.map((s) => s.streamId)),
        after: async (_tx, recorded) => {
          if (recorded.some((event) => event.type === 'Poison')) throw new Error('cannot apply Poison');
          calls.after.push(recorded);
        },
      };
      return { hook, calls };
    };

    it('commits appends that arrive together in one transaction, each answered with its own versions, views given them in feed order', async () => {
      const { hook, calls } = recordingHook();
      const streams = Array.from({ length: 20 }, () => `group-${randomUUID()}`);
      const results = await Promise.all(streams.map((id) => store.append(id, [testEvent('A'), testEvent('B')], 0, { inTransaction: hook })));
      expect(results.map((r) => r.nextVersion)).toEqual(streams.map(() => 2));
      expect(new Set(results.map((r) => r.checkpoint.transactionId)).size).toBe(1);
      expect(calls.before).toHaveLength(1);
      expect(calls.before[0]).toEqual(streams);
      const given = calls.after.flat();
      expect(given).toHaveLength(40);
      for (let i = 1; i < given.length; i++) expect(compareCheckpoints(given[i - 1].checkpoint, given[i].checkpoint)).toBeLessThan(0);
      for (const [i, id] of streams.entries()) {
        const read = await store.readStream(id);
        expect(read.map((e) => [e.type, e.streamVersion])).toEqual([['A', 1], ['B', 2]]);
        expect(read[1].checkpoint).toEqual(results[i].checkpoint);
      }
    });

    it('fails only the append whose expected version is wrong, or whose events a view refuses; the others are written', async () => {
      const { hook } = recordingHook();
      const existing = `group-${randomUUID()}`;
      await store.append(existing, [testEvent('First')], 0);
      const fresh = Array.from({ length: 5 }, () => `group-${randomUUID()}`);
      const poisoned = `group-${randomUUID()}`;
      const outcomes = await Promise.allSettled([
        ...fresh.map((id) => store.append(id, [testEvent('A')], 0, { inTransaction: hook })),
        store.append(existing, [testEvent('Late')], 0, { inTransaction: hook }),
        store.append(poisoned, [testEvent('Poison')], 0, { inTransaction: hook }),
      ]);
      expect(outcomes.slice(0, 5).map((o) => o.status)).toEqual(fresh.map(() => 'fulfilled'));
      expect(outcomes[5]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedVersionError) });
      expect(outcomes[6]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: 'cannot apply Poison' }) });
      for (const id of fresh) expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A']);
      expect((await store.readStream(existing)).map((e) => e.type)).toEqual(['First']);
      expect(await store.readStream(poisoned)).toEqual([]);
    });

    it('writes two concurrent appends to one stream one after the other', async () => {
      const { hook } = recordingHook();
      const id = `group-${randomUUID()}`;
      await store.append(id, [testEvent('Opened')], 0, { inTransaction: hook });
      const [a, b] = await Promise.all([
        store.append(id, [testEvent('Supported')], 'any', { inTransaction: hook }),
        store.append(id, [testEvent('Supported')], 'any', { inTransaction: hook }),
      ]);
      expect([a.nextVersion, b.nextVersion].sort()).toEqual([2, 3]);
      expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    });
  });
}

/** Stream reads that arrive together are answered together, each with its own stream and version range. */
export function batchedStreamReadContract(name: string, open: () => Promise<ContractHarness>): void {
  describe(`EventStore reads of several streams at once: ${name}`, () => {
    let harness: ContractHarness;
    beforeAll(async () => {
      harness = await open();
    });
    afterAll(async () => harness?.close());

    it('answers each read with its own stream and range, and a missing stream with nothing', async () => {
      const { store } = harness;
      const a = `read-${randomUUID()}`;
      const b = `read-${randomUUID()}`;
      await store.append(a, [testEvent('A1'), testEvent('A2'), testEvent('A3')], 0);
      await store.append(b, [testEvent('B1')], 0);
      const [all, middle, fromTwo, other, missing] = await Promise.all([
        store.readStream(a),
        store.readStream(a, { fromVersion: 2, toVersion: 2 }),
        store.readStream(a, { fromVersion: 2 }),
        store.readStream(b),
        store.readStream(`read-${randomUUID()}`),
      ]);
      expect(all.map((e) => e.type)).toEqual(['A1', 'A2', 'A3']);
      expect(middle.map((e) => [e.type, e.streamVersion])).toEqual([['A2', 2]]);
      expect(fromTwo.map((e) => e.type)).toEqual(['A2', 'A3']);
      expect(other.map((e) => e.type)).toEqual(['B1']);
      expect(missing).toEqual([]);
    });
  });
}
