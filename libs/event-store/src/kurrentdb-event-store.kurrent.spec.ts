// Runs only where a KurrentDB server is reachable: KURRENTDB_CONNECTION_STRING selects this suite
// (jest.config.js), e.g. `KURRENTDB_CONNECTION_STRING=kurrentdb://localhost:2113?tls=false npm run test:kurrentdb`.
import { randomUUID } from 'node:crypto';
import { jsonEvent, KurrentDBClient, NO_STREAM } from '@kurrent/kurrentdb-client';
import { DuplicateEventError } from './event-store.port.js';
import { RESERVATION_TYPE, reservationStream } from './kurrentdb-event-ids.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';
import { eventStoreContract, readEverything, testEvent } from './testing/event-store.contract.js';

const connection = process.env.KURRENTDB_CONNECTION_STRING;
if (!connection) throw new Error('KURRENTDB_CONNECTION_STRING is not set: this suite needs a KurrentDB server.');

// A server that does not answer fails every test of the suite at once, with the reason (never a skip).
beforeAll(async () => {
  const store = KurrentDbEventStore.fromConnectionString(connection);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      // A read of a stream that does not exist: cheap, unlike the first head(), which counts the feed.
      store.readStream(`reachability-${randomUUID()}`),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000))),
    ]);
  } catch (error) {
    throw new Error(`KurrentDB is not reachable at ${connection} (${(error as Error).message}). Start it with \`docker compose up -d kurrentdb\`.`);
  } finally {
    clearTimeout(timer);
    await store.close().catch(() => undefined);
  }
}, 20_000);

eventStoreContract('KurrentDB adapter', async () => {
  const store = KurrentDbEventStore.fromConnectionString(connection);
  return { store, close: () => store.close() };
});

describe('KurrentDB adapter: catch-up subscription', () => {
  it('delivers appended events through a filtered $all subscription', async () => {
    const store = KurrentDbEventStore.fromConnectionString(connection);
    try {
      const { checkpoint } = await store.head();
      const stream = `sub-${randomUUID()}`;
      const seen: string[] = [];
      const subscription = store.subscribe(checkpoint, async (event) => {
        if (event.streamId === stream) seen.push(event.type);
      });
      await store.append(stream, [testEvent('One'), testEvent('Two')], 0);
      const deadline = Date.now() + 10_000;
      while (seen.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await subscription.stop();
      expect(seen).toEqual(['One', 'Two']);
    } finally {
      await store.close();
    }
  });
});

describe('KurrentDB adapter: event ids across streams', () => {
  let store: KurrentDbEventStore;
  let client: KurrentDBClient;
  beforeAll(() => {
    store = KurrentDbEventStore.fromConnectionString(connection);
    client = KurrentDBClient.connectionString(connection);
  });
  afterAll(async () => {
    await store.close();
    await client.dispose();
  });

  // What a writer leaves behind when it stops after reserving the ids and before writing the events.
  const reserveOnly = (eventId: string, streamId: string) =>
    client.appendToStream(reservationStream(eventId), jsonEvent({ type: RESERVATION_TYPE, data: { streamId } }), { streamState: NO_STREAM });

  it('writes a request whose earlier attempt stopped after reserving, and then answers it as a replay', async () => {
    const id = `crash-${randomUUID()}`;
    const events = [testEvent('A'), testEvent('B')];
    for (const event of events) await reserveOnly(event.eventId, id);
    const written = await store.append(id, events, 0);
    expect(written).toMatchObject({ nextVersion: 2, replayed: false });
    const again = await store.append(id, events, 0);
    expect(again).toMatchObject({ nextVersion: 2, replayed: true, checkpoint: written.checkpoint });
    expect((await store.readStream(id)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('still refuses an id that another stream reserved without writing', async () => {
    const event = testEvent('A');
    await reserveOnly(event.eventId, `crash-${randomUUID()}`);
    const other = `other-${randomUUID()}`;
    await expect(store.append(other, [event], 0)).rejects.toBeInstanceOf(DuplicateEventError);
    expect(await store.readStream(other)).toEqual([]);
  });

  it('answers a retry as a replay also with "any" and after later events, writing nothing', async () => {
    const id = `any-${randomUUID()}`;
    const events = [testEvent('A')];
    const first = await store.append(id, events, 'any');
    await store.append(id, [testEvent('B')], 1);
    expect(await store.append(id, events, 'any')).toMatchObject({ nextVersion: 1, replayed: true, checkpoint: first.checkpoint });
    expect(await store.append(id, events, 2)).toMatchObject({ nextVersion: 1, replayed: true });
    expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('lets exactly one of many streams racing for the same event id have it', async () => {
    const event = testEvent('Contested');
    const streams = Array.from({ length: 6 }, () => `race-${randomUUID()}`);
    const attempts = await Promise.allSettled(streams.map((id) => store.append(id, [event], 0)));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const loss of attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected')) expect(loss.reason).toBeInstanceOf(DuplicateEventError);
    const written = await Promise.all(streams.map((id) => store.readStream(id)));
    expect(written.flat().map((e) => e.eventId)).toEqual([event.eventId]);
  });

  it('keeps the reservations out of the feed and counts exactly the events written', async () => {
    const { checkpoint, count } = await store.head();
    const id = `count-${randomUUID()}`;
    await store.append(id, [testEvent('A'), testEvent('B')], 0);
    await store.append(id, [testEvent('C')], 2);
    await expect(store.append(`count-${randomUUID()}`, [testEvent('D'), testEvent('D')], 0)).rejects.toBeInstanceOf(DuplicateEventError);
    const fed = await readEverything(store, checkpoint);
    expect(fed.filter((e) => e.streamId.startsWith('kehittamo-eventid-'))).toEqual([]);
    // Only this suite writes to the server while it runs.
    expect((await store.head()).count).toBe(count + fed.length);
    expect(fed.filter((e) => e.streamId === id)).toHaveLength(3);
    const fresh = KurrentDbEventStore.fromConnectionString(connection);
    try {
      expect((await fresh.head()).count).toBe(count + fed.length);
    } finally {
      await fresh.close();
    }
  });
});
