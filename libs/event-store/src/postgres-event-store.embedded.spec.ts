import { createTestDatabase, type TestDatabase } from '#platform/testing';
import { CreateEventStore1732300000000 } from './event-store.migration.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { batchedStreamReadContract, bulkAppendContract, eventStoreContract, groupCommitContract, postgresFeedOrdering, readEverything, testEvent } from './testing/event-store.contract.js';
import { START } from './event-store.port.js';

const schema = { entities: [], migrations: [CreateEventStore1732300000000] };

eventStoreContract('PostgreSQL adapter on the embedded database', async () => {
  const db = await createTestDatabase('embedded', schema);
  return { store: new PostgresEventStore(db.dataSource), close: () => db.close() };
});

describe('PostgreSQL adapter on the embedded database: ordering', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('embedded', schema);
  });
  afterAll(() => db.close());

  // The embedded database runs one transaction at a time, so a transaction that took a lower
  // position cannot commit after a later one: the feed order is the commit order.
  it('runs a second writer only after the open transaction has finished', async () => {
    const store = new PostgresEventStore(db.dataSource);
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await new PostgresEventStore(runner).append('slow', [testEvent('Slow')], 0);
    let secondDone = false;
    const second = store.append('fast', [testEvent('Fast')], 0).then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(secondDone).toBe(false);
    await runner.commitTransaction();
    await runner.release();
    await second;
    expect((await readEverything(store, START)).map((e) => e.type)).toEqual(['Slow', 'Fast']);
  });
});

postgresFeedOrdering(async () => {
  const db = await createTestDatabase('embedded', schema);
  return { store: new PostgresEventStore(db.dataSource), db: db.dataSource, close: () => db.close() };
});
bulkAppendContract('PostgreSQL adapter on the embedded database', async () => { const db = await createTestDatabase('embedded', schema); return { store: new PostgresEventStore(db.dataSource), close: () => db.close() }; });

groupCommitContract('PostgreSQL adapter on the embedded database', async () => {
  const db = await createTestDatabase('embedded', schema);
  return { store: new PostgresEventStore(db.dataSource), close: () => db.close() };
});

batchedStreamReadContract('PostgreSQL adapter on the embedded database', async () => {
  const db = await createTestDatabase('embedded', schema);
  return { store: new PostgresEventStore(db.dataSource), close: () => db.close() };
});
