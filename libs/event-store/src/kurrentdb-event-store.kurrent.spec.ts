// Runs only where a KurrentDB server is reachable: KURRENTDB_CONNECTION_STRING selects this suite
// (jest.config.js), e.g. `KURRENTDB_CONNECTION_STRING=kurrentdb://localhost:2113?tls=false npm run test:kurrentdb`.
import { randomUUID } from 'node:crypto';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';
import { eventStoreContract, testEvent } from './testing/event-store.contract.js';

const connection = process.env.KURRENTDB_CONNECTION_STRING;
if (!connection) throw new Error('KURRENTDB_CONNECTION_STRING is not set: this suite needs a KurrentDB server.');

// A server that does not answer fails every test of the suite at once, with the reason (never a skip).
beforeAll(async () => {
  const store = KurrentDbEventStore.fromConnectionString(connection);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      store.head(),
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
