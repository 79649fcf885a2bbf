// The feed core across processes, on real PostgreSQL: a rebuild killed mid-way resumes in the next process, a
// poison event is parked and released from the CLI, and two daemons never apply the same batch twice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '#event-store';
import { loadConfig } from '#platform';
import { createTestDatabase, requirePostgres, type TestDatabase } from '#platform/testing';
import { appendStreams, buildStreams, killChild, killChildren, readModelSnapshot, startEntry, waitUntil, type Child } from '../libs/messaging/src/testing/fixtures.js';
import { createRuntime, schema, type Runtime } from '../apps/api/src/runtime.js';

const TIMEOUT = 240_000;

describe('the feed core across processes (real PostgreSQL)', () => {
  let db: TestDatabase;
  let runtime: Runtime;
  let dataDir: string;

  /** The projector as the scale-out stack runs it: the store-fed daemon and the rebuild worker. */
  const projector = (): Child => startEntry('apps/projector/src/main.ts', { DATABASE_URL: db.url!, FEED: 'store', PROJECTION_POLL_MS: '20' });
  const cli = async (...args: string[]): Promise<{ code: number | null; output: string }> => {
    const child = startEntry('apps/api/src/cli/projections.ts', { DATABASE_URL: db.url!, DATA_DIR: dataDir }, args);
    const { code } = await child.exited;
    return { code, output: child.output() };
  };
  const caughtUp = async () => {
    const { checkpoint } = await runtime.store.head();
    return runtime.runner.waitFor(checkpoint, 0);
  };
  const pendingRebuilds = async () => (await db.dataSource.query(`SELECT name, done::int AS done FROM projection_rebuilds`)) as { name: string; done: number }[];

  beforeAll(async () => {
    await requirePostgres();
    db = await createTestDatabase('postgres', schema);
    dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-feed-'));
    // This process only writes and reads checkpoints: the projector children run the daemon.
    runtime = await createRuntime(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url!, PROJECTIONS: 'off' }, []), { inMemory: true });
    await appendStreams(runtime.store, buildStreams(3_000, 11), { concurrency: 4 });
  }, TIMEOUT);

  afterAll(async () => {
    await killChildren();
    await runtime?.close();
    await db?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, TIMEOUT);

  it('resumes a rebuild killed mid-way (SIGKILL) in the next process, and the swap gives the same read models', async () => {
    const first = projector();
    await waitUntil('the projector catches up', caughtUp, TIMEOUT);
    const before = await readModelSnapshot(db.dataSource);
    await runtime.runner.requestRebuild(['idea-views', 'deed-entries', 'funnel'], 'test');
    await waitUntil('a rebuild is under way', async () => (await pendingRebuilds()).some((r) => r.done > 0), TIMEOUT, 5);
    await killChild(first, 'SIGKILL');
    const cut = await pendingRebuilds();
    expect(cut.length).toBeGreaterThan(0);
    const [{ shadows }] = await db.dataSource.query(`SELECT count(*)::int AS shadows FROM pg_namespace WHERE nspname LIKE 'rebuild_%'`);
    expect(shadows).toBeGreaterThan(0);
    // Meanwhile the live tables answer in full.
    expect(await readModelSnapshot(db.dataSource)).toEqual(before);

    // The next process takes over once the dead one's lease has run out, from the last committed batch.
    const second = projector();
    await waitUntil('the rebuilds finish', async () => (await pendingRebuilds()).length === 0, TIMEOUT, 100);
    await waitUntil('caught up again', caughtUp, TIMEOUT);
    expect(await readModelSnapshot(db.dataSource)).toEqual(before);
    const [{ left }] = await db.dataSource.query(`SELECT count(*)::int AS left FROM pg_namespace WHERE nspname LIKE 'rebuild_%'`);
    expect(left).toBe(0);
    await killChild(second, 'SIGTERM');
  }, TIMEOUT);

  it('parks a projection on a poison event, keeps the others going, and lets the CLI retry and skip it', async () => {
    const daemon = projector();
    // An idea event that breaks the funnel's table (no organisation): written beneath the command layer.
    const raw = new PostgresEventStore(db.dataSource);
    const poisonStream = `idea-${randomUUID()}`;
    await raw.append(poisonStream, [{ eventId: randomUUID(), type: 'IdeaSubmitted', data: { ideaId: poisonStream.slice(5) }, metadata: { occurredAt: new Date().toISOString() } }], 0);
    await appendStreams(runtime.store, buildStreams(300, 12).map((s) => ({ ...s, streamId: `${s.streamId}-after` })), { concurrency: 2 });
    const { checkpoint } = await runtime.store.head();

    await waitUntil('the funnel is parked', async () => (await runtime.runner.status()).some((s) => s.name === 'funnel' && s.failedEvent !== undefined), TIMEOUT, 100);
    // Others (the catalogue) reach the head although the funnel is parked.
    await waitUntil('the catalogue goes on', () => runtime.runner.waitFor(checkpoint, 0, ['deed-entries', 'campaign-views']), TIMEOUT, 100);
    const status = await cli('status');
    expect(status.code).toBe(0);
    expect(status.output).toMatch(/funnel\s+async\s+PARKED/);
    expect(status.output).toContain(`IdeaSubmitted ${poisonStream}@1`);
    // No busy retry loop: the back-off holds the failure count still for a while.
    const failures = (await runtime.runner.status()).find((s) => s.name === 'funnel')!.failures;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await runtime.runner.status()).find((s) => s.name === 'funnel')!.failures).toBeLessThanOrEqual(failures + 1);

    const retried = await cli('retry', 'funnel');
    expect(retried.code).toBe(0);
    await waitUntil('the retry fails again on the same event', async () => (await runtime.runner.status()).find((s) => s.name === 'funnel')!.failures >= 1, TIMEOUT, 100);

    const skipped = await cli('skip', 'funnel');
    expect(skipped.code).toBe(0);
    expect(skipped.output).toContain(`skipped IdeaSubmitted ${poisonStream}@1`);
    await waitUntil('the funnel reaches the head', () => runtime.runner.waitFor(checkpoint, 0, ['funnel']), TIMEOUT, 100);
    const letters = await db.dataSource.query(`SELECT name, stream_id FROM projection_dead_letters WHERE name = 'funnel'`);
    expect(letters).toEqual([{ name: 'funnel', stream_id: poisonStream }]);
    expect((await cli('skip', 'funnel')).code).toBe(1);
    await killChild(daemon, 'SIGTERM');
    // The other projections that read IdeaSubmitted are parked on it too: skip them for the next test.
    for (const s of await runtime.runner.status()) if (s.failedEvent) expect((await cli('skip', s.name)).code).toBe(0);
  }, TIMEOUT);

  it('lets two daemons share the feed without applying any batch twice', async () => {
    await db.dataSource.query(`UPDATE projection_checkpoints SET transaction_id = '0', position = 0, events_applied = 0 WHERE name IN ('funnel', 'campaign-views')`);
    const a = projector();
    const b = projector();
    await appendStreams(runtime.store, buildStreams(1_000, 13).map((s) => ({ ...s, streamId: `${s.streamId}-two` })), { concurrency: 4 });
    await waitUntil('both caught up', caughtUp, TIMEOUT);
    const { count } = await runtime.store.head();
    // Replayed from zero by whichever daemon held each batch: applied once each, so the count is the number of events.
    const rows = await db.dataSource.query(`SELECT name, events_applied::int AS n FROM projection_checkpoints WHERE name IN ('funnel', 'campaign-views') ORDER BY name`);
    // The skipped poison event stays skipped on the replay (it is counted as read, not applied).
    expect(rows).toEqual([
      { name: 'campaign-views', n: count },
      { name: 'funnel', n: count },
    ]);
    await Promise.all([killChild(a, 'SIGTERM'), killChild(b, 'SIGTERM')]);
  }, TIMEOUT);
});
