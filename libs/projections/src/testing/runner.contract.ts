// The projection runner's guarantees, run on each database kind.
import type { EntityManager } from 'typeorm';
import { CreateEventStore1732300000000, PostgresEventStore, type RecordedEvent } from '#event-store';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '#platform/testing';
import { CreateProjectionCheckpoints1732300000100, ProjectionFeedCore1765100000000 } from '../projections.migration.js';
import { ProjectionRunner } from '../projection-runner.js';
import { underLease } from '../lease.js';
import type { Projection, ProjectionStore } from '../projection.js';

interface CountRow {
  streamId: string;
  version: number;
  count: number;
  types: string[];
}

/** Counts events per stream: any event applied twice or skipped shows in the count. */
function countingStore(failOnSave?: () => boolean, table = 'test_counts'): ProjectionStore<CountRow> {
  return {
    async load(tx: EntityManager, keys: string[]) {
      const rows = await tx.query(`SELECT stream_id, version, count, types FROM ${table} WHERE stream_id = ANY($1)`, [keys]);
      return new Map(rows.map((r: any) => [r.stream_id, { streamId: r.stream_id, version: r.version, count: r.count, types: r.types }]));
    },
    async save(tx: EntityManager, rows: CountRow[]) {
      for (const row of rows) {
        await tx.query(
          `INSERT INTO ${table} (stream_id, version, count, types) VALUES ($1, $2, $3, $4)
           ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, count = excluded.count, types = excluded.types`,
          [row.streamId, row.version, row.count, row.types],
        );
        if (failOnSave?.()) throw new Error('simulated crash in the middle of a batch');
      }
    },
    async clear(tx: EntityManager) {
      await tx.query(`DELETE FROM ${table}`);
    },
    tables: () => [table],
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

const schema = { entities: [], migrations: [CreateEventStore1732300000000, CreateProjectionCheckpoints1732300000100, ProjectionFeedCore1765100000000] };

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
      for (const table of ['test_counts', 't_test_failing', 't_test_first', 't_test_stuck', 't_test_other']) {
        await db.dataSource.query(`DROP TABLE IF EXISTS ${table}`);
        await db.dataSource.query(`CREATE TABLE ${table} (stream_id text PRIMARY KEY, version int NOT NULL, count int NOT NULL, types text[] NOT NULL)`);
      }
      await db.dataSource.query(`DELETE FROM projection_checkpoints`);
      await db.dataSource.query(`DELETE FROM projection_rebuilds`);
      await db.dataSource.query(`DROP SCHEMA IF EXISTS rebuild_test_counts CASCADE`);
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

    /** A counting projection under another name (its own checkpoint), optionally failing on one event type. */
    function named(name: string, failOn?: string, inline = false): Projection<CountRow> {
      const base = countingProjection();
      return {
        ...base,
        // Each projection its own table: one's rows must not hide another's events.
        store: name === 'test-counts' ? base.store : countingStore(undefined, `t_${name.replace(/-/g, '_')}`),
        name,
        inline,
        evolve: (row, event) => {
          if (event.type === failOn) throw new Error(`cannot apply ${event.type}`);
          return base.evolve(row, event);
        },
      };
    }
    const checkpointOf = async (name: string) => {
      const [row] = await db.dataSource.query(`SELECT transaction_id::text AS tx, position::text AS pos, failures, last_error, failed_event FROM projection_checkpoints WHERE name = $1`, [name]);
      return row;
    };

    it('parks a projection on a poison event while the others go on, backs off, and lets an operator retry or skip it', async () => {
      await appendMany('p', 2, 2);
      await store.append('p-0', [{ eventId: crypto.randomUUID(), type: 'Poison', data: {}, metadata: { occurredAt: new Date().toISOString() } }], 2);
      await appendMany('q', 2, 2);
      const healthy = named('test-counts');
      const failing = named('test-failing', 'Poison');
      const runner = new ProjectionRunner(db.dataSource, store, [healthy, failing], { batchSize: 100, pollMs: 10, retryBaseMs: 60_000 });
      runner.start();
      try {
        const { checkpoint } = await store.head();
        // The healthy projection reaches the head; the failing one is parked on the poison event.
        expect(await runner.waitFor(checkpoint, 10_000, ['test-counts'])).toBe(true);
        expect(await runner.waitFor(checkpoint, 300, ['test-failing'])).toBe(false);
        for (let i = 0; i < 100 && !(await checkpointOf('test-failing'))?.last_error; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        const status = (await runner.status()).find((s) => s.name === 'test-failing')!;
        expect(status.lastError).toContain('cannot apply Poison');
        expect(status.failedEvent).toMatchObject({ type: 'Poison', streamId: 'p-0', streamVersion: 3 });
        expect(status.parkedUntil).toBeDefined();
        expect(status.failures).toBe(1);
        // Nudges (every append wakes the daemon) do not defeat the back-off: still one failure.
        for (let i = 0; i < 20; i++) runner.nudge();
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await checkpointOf('test-failing')).failures).toBe(1);
        // Everything before the poison event was applied.
        const applied = Object.fromEntries(
          (await db.dataSource.query(`SELECT stream_id, count FROM t_test_failing WHERE stream_id LIKE 'p-%' OR stream_id LIKE 'q-%'`)).map((r: any) => [r.stream_id, r.count]),
        );
        expect(applied).toEqual({ 'p-0': 2, 'p-1': 2 });
        // Retry: it fails again on the same event (the failure count grows).
        expect(await runner.retry('test-failing')).toBe(true);
        for (let i = 0; i < 100 && (await checkpointOf('test-failing')).failures < 1; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        expect((await checkpointOf('test-failing')).failures).toBe(1);
        // Skip: the event goes to the dead letters, and the projection reaches the head.
        const skipped = await runner.skip('test-failing');
        expect(skipped).toMatchObject({ type: 'Poison' });
        expect(await runner.waitFor(checkpoint, 10_000, ['test-failing'])).toBe(true);
        const letters = await db.dataSource.query(`SELECT name, type, error FROM projection_dead_letters`);
        expect(letters).toEqual([{ name: 'test-failing', type: 'Poison', error: expect.stringContaining('cannot apply Poison') }]);
        expect((await runner.status()).find((s) => s.name === 'test-failing')!.lastError).toBeUndefined();
      } finally {
        await runner.stop();
        await db.dataSource.query('DELETE FROM projection_dead_letters');
      }
    });

    it('records the failure even when the very first batch fails', async () => {
      await store.append('first-0', [{ eventId: crypto.randomUUID(), type: 'Poison', data: {}, metadata: { occurredAt: new Date().toISOString() } }], 0);
      const runner = new ProjectionRunner(db.dataSource, store, [named('test-first', 'Poison')], { batchSize: 10, pollMs: 10, retryBaseMs: 60_000 });
      runner.start();
      try {
        for (let i = 0; i < 100 && !(await checkpointOf('test-first'))?.last_error; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        expect((await checkpointOf('test-first')).last_error).toContain('cannot apply Poison');
      } finally {
        await runner.stop();
      }
    });

    it('moves a projection over events of no concern to it without a transaction per batch, and saves that checkpoint soon and on stopping', async () => {
      await appendMany('x', 1, 1);
      // Concerned only by streams named "mine-…".
      const picky: Projection<CountRow> = { ...countingProjection(), keyOf: (event) => (event.streamId.startsWith('mine-') ? event.streamId : undefined) };
      const runner = new ProjectionRunner(db.dataSource, store, [picky], { batchSize: 2, pollMs: 10 });
      const checkpointInDb = async () =>
        (await db.dataSource.query(`SELECT transaction_id::text AS tx, position::text AS pos FROM projection_checkpoints WHERE name = 'test-counts'`)).map((r: any) => ({
          transactionId: r.tx,
          position: r.pos,
        }))[0];
      runner.start();
      try {
        await appendMany('other', 3, 2);
        const { checkpoint: head } = await store.head();
        expect(await runner.waitFor(head, 10_000)).toBe(true);
        // Saved within about a second, without a batch transaction of its own.
        const deadline = Date.now() + 5_000;
        while (JSON.stringify(await checkpointInDb()) !== JSON.stringify(head) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await checkpointInDb()).toEqual(head);
        // Every event it went past is counted, as if applied.
        const [counted] = await db.dataSource.query(`SELECT events_applied::int AS n FROM projection_checkpoints WHERE name = 'test-counts'`);
        expect(counted.n).toBe((await store.head()).count);
        // An event that concerns it is applied as usual, with its checkpoint.
        const mine = await store.append('mine-1', [{ eventId: crypto.randomUUID(), type: 'E1', data: {}, metadata: { occurredAt: new Date().toISOString() } }], 0);
        expect(await runner.waitFor(mine.checkpoint, 10_000)).toBe(true);
        expect(await counts()).toEqual({ 'mine-1': [1, 1] });
        expect(await checkpointInDb()).toEqual(mine.checkpoint);
        // Events of no concern just before stopping: saved on the way out.
        const last = await store.append('other-9', [{ eventId: crypto.randomUUID(), type: 'E1', data: {}, metadata: { occurredAt: new Date().toISOString() } }], 0);
        expect(await runner.waitFor(last.checkpoint, 10_000)).toBe(true);
      } finally {
        await runner.stop();
      }
      expect(await checkpointInDb()).toEqual((await store.head()).checkpoint);
    });

    it('reads the checkpoint again when another process moved it while this one was skipping events of no concern', async () => {
      const picky: Projection<CountRow> = { ...countingProjection(), keyOf: (event) => (event.streamId.startsWith('own-') ? event.streamId : undefined) };
      const runner = new ProjectionRunner(db.dataSource, store, [picky], { batchSize: 100, pollMs: 10 });
      runner.start();
      try {
        await appendMany('own', 2, 1);
        expect(await runner.waitFor((await store.head()).checkpoint, 10_000)).toBe(true);
        await appendMany('elsewhere', 2, 1);
        expect(await runner.waitFor((await store.head()).checkpoint, 10_000)).toBe(true);
        // Meanwhile "another process" applied a later event and moved the checkpoint past it (in one transaction with
        // the event, so this runner cannot apply it first).
        await db.dataSource.transaction(async (tx) => {
          const later = await new PostgresEventStore(tx).append('own-9', [{ eventId: crypto.randomUUID(), type: 'E1', data: {}, metadata: { occurredAt: new Date().toISOString() } }], 0);
          await tx.query(`INSERT INTO test_counts (stream_id, version, count, types) VALUES ('own-9', 1, 1, '{E1}')`);
          await tx.query(`UPDATE projection_checkpoints SET transaction_id = $1::text::xid8, position = $2::bigint WHERE name = 'test-counts'`, [
            later.checkpoint.transactionId,
            later.checkpoint.position,
          ]);
        });
        const next = await store.append('own-10', [{ eventId: crypto.randomUUID(), type: 'E1', data: {}, metadata: { occurredAt: new Date().toISOString() } }], 0);
        expect(await runner.waitFor(next.checkpoint, 10_000)).toBe(true);
      } finally {
        await runner.stop();
      }
      // Nothing applied twice: own-9 counted once (by the other process), own-10 once here.
      expect(await counts()).toEqual({ 'own-0': [1, 1], 'own-1': [1, 1], 'own-9': [1, 1], 'own-10': [1, 1] });
    });

    it('waits only for the projections a reader names', async () => {
      await appendMany('w', 2, 2);
      const runner = new ProjectionRunner(db.dataSource, store, [named('test-counts'), named('test-stuck', 'E1')], { batchSize: 100, pollMs: 10, retryBaseMs: 60_000 });
      runner.start();
      try {
        const { checkpoint } = await store.head();
        const started = Date.now();
        expect(await runner.waitFor(checkpoint, 10_000, ['test-counts'])).toBe(true);
        expect(await runner.waitForNamed(checkpoint, 200, ['test-counts', 'test-stuck'])).toEqual(['test-stuck']);
        expect(await runner.waitFor(checkpoint, 10_000, [])).toBe(true);
        expect(Date.now() - started).toBeLessThan(10_000);
      } finally {
        await runner.stop();
      }
    });

    it('keeps an inline projection in the append transaction: current at commit, never run from the feed', async () => {
      const inline = named('test-counts', undefined, true);
      const runner = new ProjectionRunner(db.dataSource, store, [inline], { batchSize: 100, pollMs: 10 });
      expect(runner.inlineNames).toEqual(['test-counts']);
      const meta = { occurredAt: new Date().toISOString() };
      await store.append('i-0', [{ eventId: crypto.randomUUID(), type: 'E1', data: {}, metadata: meta }], 0, { inTransaction: runner.inlineHook });
      await store.append('i-0', [{ eventId: crypto.randomUUID(), type: 'E2', data: {}, metadata: meta }], 1, { inTransaction: runner.inlineHook });
      expect(await counts()).toEqual({ 'i-0': [2, 2] });
      // A failing inline projection fails the append: nothing is written.
      const broken = new ProjectionRunner(db.dataSource, store, [named('test-counts', 'E3', true)], { batchSize: 100, pollMs: 10 });
      await expect(store.append('i-0', [{ eventId: crypto.randomUUID(), type: 'E3', data: {}, metadata: meta }], 2, { inTransaction: broken.inlineHook })).rejects.toThrow('cannot apply E3');
      expect((await store.readStream('i-0')).length).toBe(2);
      // The waits skip it: nothing to wait for.
      expect(await runner.waitForNamed({ transactionId: '999999999', position: '1' }, 10, ['test-counts'])).toEqual([]);
    });

    it('rebuilds blue/green in short transactions while the live table serves and other projections move on', async () => {
      await appendMany('g', 10, 10);
      const live = countingProjection();
      const other = named('test-other');
      const runner = new ProjectionRunner(db.dataSource, store, [live, other], { batchSize: 100, pollMs: 10 });
      runner.start();
      try {
        const head = await store.head();
        expect(await runner.waitFor(head.checkpoint, 10_000)).toBe(true);
        const liveRows = await counts();
        let otherMoved = false;
        let appended = 0;
        const applied = await runner.rebuild(
          live,
          async () => {
            // During the rebuild: the live table still answers in full, and appends reach the other projection.
            if (appended >= 3) return;
            appended++;
            const written = await store.append(`g-new-${appended}`, [{ eventId: crypto.randomUUID(), type: 'E1', data: {}, metadata: { occurredAt: new Date().toISOString() } }], 0);
            otherMoved = (await runner.waitFor(written.checkpoint, 10_000, ['test-other'])) || otherMoved;
          },
          7,
        );
        expect(otherMoved).toBe(true);
        expect(applied).toBeGreaterThanOrEqual(100);
        const after = await counts();
        expect(Object.keys(after).length).toBeGreaterThanOrEqual(Object.keys(liveRows).length);
        for (const [stream, value] of Object.entries(liveRows)) expect(after[stream]).toEqual(value);
        const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'rebuild_%'`);
        expect(n).toBe(0);
      } finally {
        await runner.stop();
      }
    });

    it('resumes a rebuild that was cut short, from its last committed batch', async () => {
      await appendMany('r', 4, 5);
      let saves = 0;
      const crashing: Projection<CountRow> = { ...countingProjection(), store: countingStore(() => ++saves > 6) };
      const first = new ProjectionRunner(db.dataSource, store, [crashing], { batchSize: 100, pollMs: 10 });
      await expect(first.rebuild(crashing, undefined, 2)).rejects.toThrow('simulated crash');
      const [state] = await db.dataSource.query(`SELECT done::int AS done FROM projection_rebuilds WHERE name = 'test-counts'`);
      expect(state.done).toBeGreaterThan(0);
      const second = new ProjectionRunner(db.dataSource, store, [countingProjection()], { batchSize: 100, pollMs: 10 });
      expect(await second.pendingRebuilds()).toEqual(['test-counts']);
      const progress: number[] = [];
      await second.rebuild(countingProjection(), ({ done }) => progress.push(done), 2);
      expect(progress[0]).toBe(state.done);
      const rows = await counts();
      for (let s = 0; s < 4; s++) expect(rows[`r-${s}`]).toEqual([5, 5]);
      expect(await second.pendingRebuilds()).toEqual([]);
    });

    it('starts a rebuild cut short over when an upgrade changed the tables meanwhile, and swaps in the new shape', async () => {
      await appendMany('m', 3, 4);
      let saves = 0;
      const crashing: Projection<CountRow> = { ...countingProjection(), store: countingStore(() => ++saves > 4) };
      await expect(new ProjectionRunner(db.dataSource, store, [crashing], { batchSize: 100, pollMs: 10 }).rebuild(crashing, undefined, 2)).rejects.toThrow('simulated crash');
      // The upgrade's migration adds a column to the live table while the shadow copy has the old shape.
      await db.dataSource.query(`ALTER TABLE test_counts ADD COLUMN IF NOT EXISTS note text NOT NULL DEFAULT ''`);
      const progress: number[] = [];
      const runner = new ProjectionRunner(db.dataSource, store, [countingProjection()], { batchSize: 100, pollMs: 10 });
      await runner.rebuild(countingProjection(), ({ done }) => progress.push(done), 2);
      expect(progress[0]).toBe(0);
      const columns: { column_name: string }[] = await db.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'test_counts' ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => c.column_name)).toContain('note');
      const rows = await counts();
      for (let s = 0; s < 3; s++) expect(rows[`m-${s}`]).toEqual([4, 4]);
    });

    it('rebuilds a table with a serial column: its sequence goes over to the new table and keeps counting', async () => {
      await db.dataSource.query(`DROP TABLE IF EXISTS test_serials`);
      await db.dataSource.query(`CREATE TABLE test_serials (stream_id text PRIMARY KEY, seq bigserial NOT NULL UNIQUE, count int NOT NULL)`);
      const serialStore: ProjectionStore<CountRow> = {
        ...countingStore(undefined, 'test_serials'),
        async load(tx, keys) {
          const rows = await tx.query(`SELECT stream_id, count FROM test_serials WHERE stream_id = ANY($1)`, [keys]);
          return new Map(rows.map((r: any) => [r.stream_id, { streamId: r.stream_id, version: 0, count: r.count, types: [] }]));
        },
        async save(tx, rows) {
          for (const row of rows) {
            await tx.query(`INSERT INTO test_serials (stream_id, count) VALUES ($1, $2) ON CONFLICT (stream_id) DO UPDATE SET count = excluded.count`, [row.streamId, row.count]);
          }
        },
      };
      const serials: Projection<CountRow> = { ...countingProjection(), name: 'test-serials', store: serialStore };
      await appendMany('sr', 3, 2);
      const runner = new ProjectionRunner(db.dataSource, store, [serials], { batchSize: 100, pollMs: 10 });
      await runner.rebuild(serials);
      await runner.rebuild(serials);
      await db.dataSource.query(`INSERT INTO test_serials (stream_id, count) VALUES ('after', 1)`);
      const rows: { stream_id: string; seq: string; count: number }[] = await db.dataSource.query(
        `SELECT stream_id, seq::text AS seq, count FROM test_serials ORDER BY seq`,
      );
      expect(rows.filter((r) => /^(sr-|after)/.test(r.stream_id)).map((r) => [r.stream_id, r.count])).toEqual([['sr-0', 2], ['sr-1', 2], ['sr-2', 2], ['after', 1]]);
      expect(new Set(rows.map((r) => r.seq)).size).toBe(rows.length);
      const [{ owner }] = await db.dataSource.query(
        `SELECT d.refobjid::regclass::text AS owner FROM pg_depend d WHERE d.objid = 'public.test_serials_seq_seq'::regclass AND d.deptype = 'a'`,
      );
      expect(owner).toBe('test_serials');
    });

    it('runs leased work in one process at a time, keeps the lease while the work outlasts it, and frees it after', async () => {
      let release!: () => void;
      const running = new Promise<void>((resolve) => (release = resolve));
      const first = underLease(db.dataSource, 'test-closer', 150, () => running.then(() => 'first'), 'process-a');
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Well past the lease's 150 ms: renewed while the work runs, so the other process is still refused.
      expect(await underLease(db.dataSource, 'test-closer', 150, async () => 'second', 'process-b')).toBeUndefined();
      release();
      expect(await first).toBe('first');
      expect(await underLease(db.dataSource, 'test-closer', 150, async () => 'second', 'process-b')).toBe('second');
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
