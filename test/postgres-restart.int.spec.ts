// The machine's PostgreSQL is stopped and started again under load: while it is down, commands fail
// cleanly with 503 problem details; afterwards they succeed again, and nothing is half written.
// The test always starts the server again, also when it fails.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { requirePostgres, serverUrl } from '#platform/testing';
import { client, startTestApp, type TestApp } from './support/app.js';

const TIMEOUT = 180_000;
const version = readdirSync('/etc/postgresql')[0];
const ctl = (action: 'start' | 'stop') =>
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action, ...(action === 'stop' ? ['-m', 'fast'] : [])], { stdio: 'pipe', timeout: 60_000 });

async function serverUp(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const probe = new pg.Client({ connectionString: serverUrl(), connectionTimeoutMillis: 1_000 });
    try {
      await probe.connect();
      await probe.end();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error('PostgreSQL did not come back');
}

describe('PostgreSQL restart under load', () => {
  const database = `kehittamo_test_${randomBytes(6).toString('hex')}`;
  let app: TestApp;

  beforeAll(async () => {
    await requirePostgres();
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    app = await startTestApp({ databaseUrl: serverUrl(database) });
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }, TIMEOUT);

  it('answers 503 while the database is down, succeeds after it returns, and loses or duplicates nothing', async () => {
    const call = client(app.baseUrl);
    const token = await app.token('restart-employee', 'restartila', 'employee');
    const answers: { status: number; id?: string; type?: string }[] = [];
    let running = true;
    let n = 0;
    const load = (async () => {
      while (running) {
        const reply = await call('POST', '/api/ideas', {
          token,
          body: { title: `Idea ${++n} kesken katkon`, description: 'Kuvaus', unit: 'hallinto', sector: 'business-and-support' },
          headers: { 'idempotency-key': `restart-${n}` },
        }).catch((error: Error) => ({ status: 0, headers: new Headers(), body: { type: error.message } }));
        answers.push({ status: reply.status, id: reply.body?.id, type: reply.body?.type });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      ctl('stop');
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    } finally {
      ctl('start');
    }
    await serverUp(Date.now() + 60_000);
    // Keep writing until writes succeed again, then a little longer.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !answers.slice(-3).every((a) => a.status === 201)) await new Promise((resolve) => setTimeout(resolve, 200));
    running = false;
    await load;

    const statuses = new Set(answers.map((a) => a.status));
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    expect(statuses.has(503)).toBe(true);
    expect(answers.slice(-3).map((a) => a.status)).toEqual([201, 201, 201]);
    for (const failed of answers.filter((a) => a.status === 503)) expect(failed.type).toBe('https://kehittamo.fi/problems/unavailable');

    // Every accepted idea is there exactly once, events and read models agree.
    const accepted = new Set(answers.filter((a) => a.status === 201).map((a) => a.id!));
    const [{ events }] = await app.runtime.dataSource.query(`SELECT count(*)::int AS events FROM events WHERE type = 'IdeaSubmitted'`);
    expect(events).toBeGreaterThanOrEqual(accepted.size);
    const { checkpoint } = await app.runtime.store.head();
    expect(await app.runtime.runner.waitFor(checkpoint, 30_000)).toBe(true);
    const listed = await call('GET', '/api/ideas?limit=1', { token });
    expect(listed.body.total).toBe(events);
    const rows: { id: string }[] = await app.runtime.dataSource.query(`SELECT id FROM idea_views WHERE organisation = 'restartila'`);
    const projected = new Set(rows.map((r) => r.id));
    for (const id of accepted) expect(projected.has(id)).toBe(true);
    const funnel = await call('GET', '/api/funnel', { token });
    expect(funnel.body.total).toBe(events);
  }, TIMEOUT);
});
