// The projection runner's guarantees, run on each database kind.
import type { EntityManager } from 'typeorm';
import { CreateEventStore1732300000000, PostgresEventStore, type RecordedEvent } from '#event-store';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '#platform/testing';
import { CreateProjectionCheckpoints1732300000100 } from '../projections.migration.js';
import { ProjectionRunner } from '../projection-runner.js';
import type { Projection, ProjectionStore } from '../projection.js';

interface CountRow {
  streamId: string;
  version: number;
  count: number;
  types: string[];
}

/** Counts events per stream: any event applied twice or skipped shows in the count. */
function countingStore(failOnSave?: () => boolean): ProjectionStore<CountRow> {
  return {
    async load(tx: EntityManager, keys: string[]) {
      const rows = await tx.query('SELECT stream_id, version, count, types FROM test_counts WHERE stream_id = ANY($1)', [keys]);
      return new Map(rows.map((r: any) => [r.stream_id, { streamId: r.stream_id, version: r.version, count: r.count, types: r.types }]));
    },
    async save(tx: EntityManager, rows: CountRow[]) {
      for (const row of rows) {
        await tx.query(
          `INSERT INTO test_counts (stream_id, version, count, types) VALUES ($1, $2, $3, $4)
           ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, count = excluded.count, types = excluded.types`,
          [row.streamId, row.version, row.count, row.types],
        );
        if (failOnSave?.()) throw new Error('simulated crash in the middle of a batch');
      }
    },
    async clear(tx: EntityManager) {
      await tx.query('DELETE FROM test_counts');
    },
  };
}

function countingProjection(failOnSave?: () => boolean): Projection<CountRow> {
  return {
    name: 'test-counts',
    keyOf: (event: RecordedEvent) => event.streamId,
    evolve: (row, event) => ({
      streamId: event.streamId,
      version: event.streamVersion,
      count: (row?.count ?? 0) + 1,
      types: [...(row?.types ?? []), event.type],
    }),
    store: countingStore(failOnSave),
  };
}

const schema = { entities: [], migrations: [CreateEventStore1732300000000, CreateProjectionCheckpoints1732300000100] };

export function projectionRunnerContract(kind: DatabaseKind): void {
  describe(`ProjectionRunner on the ${kind} database`, () => {
    let db: TestDatabase;
    let store: PostgresEventStore;

    beforeAll(async () => {
      db = await createTestDatabase(kind, schema);
      store = new PostgresEventStore(db.dataSource);
    });
    afterAll(() => db?.close());
    beforeEach(async () => {
      await db.dataSource.query('DROP TABLE IF EXISTS test_counts');
      await db.dataSource.query('CREATE TABLE test_counts (stream_id text PRIMARY KEY, version int NOT NULL, count int NOT NULL, types text[] NOT NULL)');
      await db.dataSource.query(`DELETE FROM projection_checkpoints`);
    });

    const counts = async () =>
      Object.fromEntries(
        (await db.dataSource.query('SELECT stream_id, count, version FROM test_counts ORDER BY stream_id')).map((r: any) => [r.stream_id, [r.count, r.version]]),
      );

    async function appendMany(prefix: string, streams: number, perStream: number) {
      for (let v = 1; v <= perStream; v++) {
        for (let s = 0; s < streams; s++) {
          await store.append(`${prefix}-${s}`, [{ eventId: crypto.randomUUID(), type: `E${v}`, data: {}, metadata: { occurredAt: new Date().toISOString() } }], v - 1);
        }
      }
    }

    it('catches up in batches, commits the checkpoint with the rows, and reaches a waited-for position', async () => {
      await appendMany('a', 5, 7);
      const runner = new ProjectionRunner(db.dataSource, store, [countingProjection()], { batchSize: 4, pollMs: 20 });
      runner.start();
      const last = await store.append('a-late', [{ eventId: crypto.randomUUID(), type: 'E1', data: {}, metadata: { occurredAt: new Date().toISOString() } }], 0);
      expect(await runner.waitFor(last.checkpoint, 10_000)).toBe(true);
      await runner.stop();
      const rows = await counts();
      for (let s = 0; s < 5; s++) expect(rows[`a-${s}`]).toEqual([7, 7]);
      expect(rows['a-late']).toEqual([1, 1]);
      const [status] = await runner.status();
      expect(status.checkpoint).toEqual(last.checkpoint);
    });

    it('loses nothing and applies nothing twice when a batch fails midway, and ends equal to a rebuild', async () => {
      await appendMany('b', 6, 5);
      let saves = 0;
      // Every 7th row write fails: the whole batch rolls back, checkpoint included.
      const flaky = countingProjection(() => ++saves % 7 === 0);
      const runner = new ProjectionRunner(db.dataSource, store, [flaky], { batchSize: 5, pollMs: 20 });
      let failures = 0;
      for (let i = 0; i < 200; i++) {
        try {
          if ((await runner.runOnce(flaky)) === 0) break;
        } catch {
          failures++;
        }
      }
      expect(failures).toBeGreaterThan(0);
      const incremental = await counts();
      const rebuilt = await new ProjectionRunner(db.dataSource, store, [countingProjection()], { batchSize: 5, pollMs: 20 }).rebuild(countingProjection());
      expect(rebuilt).toBeGreaterThanOrEqual(30);
      expect(await counts()).toEqual(incremental);
      for (let s = 0; s < 6; s++) expect(incremental[`b-${s}`]).toEqual([5, 5]);
    });

    it('ignores a redelivered event: the row already applied that version', async () => {
      await appendMany('c', 1, 3);
      const projection = countingProjection();
      const runner = new ProjectionRunner(db.dataSource, store, [projection], { batchSize: 100, pollMs: 20 });
      while ((await runner.runOnce(projection)) > 0);
      const before = await counts();
      // Rewind the checkpoint: the feed delivers everything again.
      await db.dataSource.query(`UPDATE projection_checkpoints SET transaction_id = '0', position = 0`);
      while ((await runner.runOnce(projection)) > 0);
      expect(await counts()).toEqual(before);
      expect(before['c-0']).toEqual([3, 3]);
    });

    it('reports rebuild progress up to the total', async () => {
      await appendMany('d', 3, 3);
      const projection = countingProjection();
      const runner = new ProjectionRunner(db.dataSource, store, [projection], { batchSize: 100, pollMs: 20 });
      const seen: number[] = [];
      const applied = await runner.rebuild(projection, ({ done, total }) => {
        seen.push(done);
        expect(done).toBeLessThanOrEqual(total);
      }, 4);
      expect(seen[0]).toBe(0);
      expect(seen[seen.length - 1]).toBe(applied);
      expect(seen.length).toBeGreaterThan(2);
    });

    if (kind === 'postgres') {
      it('lets only one of several runners work on a projection at a time, without double counting', async () => {
        await appendMany('e', 8, 6);
        const runners = Array.from({ length: 3 }, () => new ProjectionRunner(db.dataSource, store, [countingProjection()], { batchSize: 3, pollMs: 10 }));
        const { checkpoint, count } = await store.head();
        runners.forEach((r) => r.start());
        expect(await runners[0].waitFor(checkpoint, 15_000)).toBe(true);
        await Promise.all(runners.map((r) => r.stop()));
        const rows = await counts();
        for (let s = 0; s < 8; s++) expect(rows[`e-${s}`]).toEqual([6, 6]);
        // Each batch was applied by exactly one runner: the applied total is the number of events.
        const [{ applied }] = await db.dataSource.query(`SELECT events_applied::int AS applied FROM projection_checkpoints WHERE name = 'test-counts'`);
        expect(applied).toBe(count);
      });
    }
  });
}
