import { createTestDatabase, type TestDatabase } from '#platform/testing';
import { CreateEventStore1732300000000 } from './event-store.migration.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { batchedStreamReadContract, bulkAppendContract, eventStoreContract, groupCommitContract, postgresFeedOrdering, readEverything, testEvent } from './testing/event-store.contract.js';

const schema = { entities: [], migrations: [CreateEventStore1732300000000] };

eventStoreContract('PostgreSQL adapter on the PostgreSQL server', async () => {
  const db = await createTestDatabase('postgres', schema);
  return { store: new PostgresEventStore(db.dataSource, {}, { prepared: true }), close: () => db.close() };
});

describe('PostgreSQL adapter on the PostgreSQL server: catch-up ordering', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres', schema);
  });
  afterAll(() => db?.close());

  it('never lets a reader pass an event whose transaction took a lower position but committed later', async () => {
    const store = new PostgresEventStore(db.dataSource);
    const { checkpoint: start } = await store.head();
    const slow = db.dataSource.createQueryRunner();
    await slow.connect();
    try {
      await slow.startTransaction();
      const slowAppend = await new PostgresEventStore(slow).append('late-committer', [testEvent('Slow')], 0);
      const fastAppend = await store.append('early-committer', [testEvent('Fast')], 0);
      // The slow transaction holds the lower position.
      expect(BigInt(slowAppend.checkpoint.position)).toBeLessThan(BigInt(fastAppend.checkpoint.position));

      // While it is open, a reader sees neither event: the committed one could otherwise be passed over.
      const whileOpen = await readEverything(store, start);
      expect(whileOpen.map((e) => e.type)).toEqual([]);

      await slow.commitTransaction();
      const afterCommit = await readEverything(store, start);
      expect(afterCommit.map((e) => e.type)).toEqual(['Slow', 'Fast']);

      // A reader that had resumed from its checkpoint gets the same sequence, nothing skipped.
      const resumed = await readEverything(store, afterCommit[0].checkpoint);
      expect(resumed.map((e) => e.type)).toEqual(['Fast']);
    } finally {
      if (slow.isTransactionActive) await slow.rollbackTransaction();
      await slow.release();
    }
  });

  it('does not let a rolled-back transaction leave anything in the feed', async () => {
    const store = new PostgresEventStore(db.dataSource);
    const { checkpoint: start } = await store.head();
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await new PostgresEventStore(runner).append('rolled-back', [testEvent('Gone')], 0);
    await store.append('kept', [testEvent('Kept')], 0);
    await runner.rollbackTransaction();
    await runner.release();
    expect((await readEverything(store, start)).map((e) => e.type)).toEqual(['Kept']);
  });
});

postgresFeedOrdering(async () => {
  const db = await createTestDatabase('postgres', schema);
  return { store: new PostgresEventStore(db.dataSource), db: db.dataSource, close: () => db.close() };
});
bulkAppendContract('PostgreSQL adapter on the PostgreSQL server', async () => { const db = await createTestDatabase('postgres', schema); return { store: new PostgresEventStore(db.dataSource, {}, { prepared: true }), close: () => db.close() }; });

groupCommitContract('PostgreSQL adapter on the PostgreSQL server', async () => {
  const db = await createTestDatabase('postgres', schema);
  return { store: new PostgresEventStore(db.dataSource, {}, { prepared: true }), close: () => db.close() };
});

batchedStreamReadContract('PostgreSQL adapter on the PostgreSQL server', async () => {
  const db = await createTestDatabase('postgres', schema);
  return { store: new PostgresEventStore(db.dataSource, {}, { prepared: true }), close: () => db.close() };
});
