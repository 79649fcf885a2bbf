// A command's events are stored with the schema version their decider writes: an upcaster from an older
// version must leave new events as they are.
import { accept, type Decision } from '#platform';
import { createTestDatabase, type TestDatabase } from '#platform/testing';
import { handleCommand, type StreamDecider } from './command-handling.js';
import { CreateEventStore1732300000000 } from './event-store.migration.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { upcastChain } from './upcasting.js';

type Named = { type: 'Named'; data: { name: string } };
type Name = { type: 'Name'; name: string };

/** Version 1 of `Named` held `{ title }`; version 2 holds `{ name }`. */
const upcasters = { Named: upcastChain({ 1: (data: { title: string }) => ({ name: `(v1) ${data.title}` }) }) };

const decider: StreamDecider<Name, Named, null> = {
  decide: (command): Decision<Named> => accept({ type: 'Named', data: { name: command.name } }),
  evolve: (state) => state,
  initialState: () => null,
  schemaVersions: { Named: 2 },
};

describe('handleCommand and schema versions (embedded database)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('embedded', { entities: [], migrations: [CreateEventStore1732300000000] });
    store = new PostgresEventStore(db.dataSource, upcasters);
  }, 60_000);
  afterAll(async () => db?.close());

  it('stores a new event with the version its decider writes, so the upcaster of older versions leaves it alone', async () => {
    const metadata = { occurredAt: '2026-12-07T10:00:00.000Z' };
    // An event of the old version, written before the change, is upcast when read...
    await store.append('named-1', [{ eventId: '00000000-0000-4000-8000-000000000001', type: 'Named', data: { title: 'vanha' }, metadata }], 0);
    const outcome = await handleCommand(store, decider, { streamId: 'named-1', command: { type: 'Name', name: 'uusi' }, metadata });
    expect(outcome.ok).toBe(true);
    const events = await store.readStream('named-1');
    // ...while the new one is stored as version 2 and read back as written.
    expect(events.map((e) => [e.schemaVersion, e.data])).toEqual([
      [2, { name: '(v1) vanha' }],
      [2, { name: 'uusi' }],
    ]);
    const [row] = await db.dataSource.query(`SELECT schema_version FROM events WHERE stream_id = 'named-1' AND stream_version = 2`);
    expect(row.schema_version).toBe(2);
  });

  it('stores version 1 for a type the decider does not name', async () => {
    const plain: StreamDecider<Name, Named, null> = { ...decider, schemaVersions: undefined };
    const other = new PostgresEventStore(db.dataSource);
    await handleCommand(other, plain, { streamId: 'named-2', command: { type: 'Name', name: 'x' }, metadata: { occurredAt: '2026-12-07T10:00:00.000Z' } });
    const [row] = await db.dataSource.query(`SELECT schema_version FROM events WHERE stream_id = 'named-2'`);
    expect(row.schema_version).toBe(1);
  });
});
