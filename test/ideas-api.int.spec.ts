// The ideas HTTP API on the machine's real PostgreSQL server: a focused subset of the e2e suite,
// plus real concurrency (several connections writing one stream at once).
import pg from 'pg';
import { serverDatabase, serverUrl } from '#platform/testing';
import { startTestApp, type TestApp } from './support/app.js';
import {
  TIMEOUT,
  expectStatus,
  ideaBody,
  newOrg,
  concurrentSupportsAllCounted,
  happyPathThroughAdopt,
  idempotentSubmit,
  ideasApi,
  illegalTransitionIs409,
  readYourWritesLoop,
  staleIfMatchIs412,
  type IdeasApi,
} from './support/ideas-scenarios.js';

describe('ideas API on a real PostgreSQL server', () => {
  const serverDb = serverDatabase();
  const database = serverDb.name;
  let app: TestApp | undefined;
  let api: IdeasApi;

  beforeAll(async () => {
    await serverDb.create();
    app = await startTestApp({ databaseUrl: serverUrl(database) });
    api = ideasApi(app);
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
    await serverDb.drop();
  }, TIMEOUT);

  it('really runs on the server database', async () => {
    expect(app!.runtime.config.database).toEqual({ mode: 'postgres', url: serverUrl(database) });
    const [{ current }] = await app!.runtime.dataSource.query('SELECT current_database() AS current');
    expect(current).toBe(database);
  });

  it('goes submitted → in review → piloting → adopted with history, and every step is read back at once', async () => {
    await happyPathThroughAdopt(app!, api);
  }, TIMEOUT);

  it('answers an illegal transition with 409 and a reason', async () => {
    await illegalTransitionIs409(app!, api);
  }, TIMEOUT);

  it('answers a stale If-Match with 412', async () => {
    await staleIfMatchIs412(app!, api);
  }, TIMEOUT);

  it('honours Idempotency-Key per caller', async () => {
    await idempotentSubmit(app!, api);
  }, TIMEOUT);

  it('counts 10 concurrent supports by 10 different people', async () => {
    await concurrentSupportsAllCounted(app!, api, 10);
  }, TIMEOUT);

  it('reads its own writes in a tight loop, 20 times over', async () => {
    await readYourWritesLoop(app!, api, 20);
  }, TIMEOUT);

  // Catch-up readers never pass a transaction that is still open anywhere on the server (the
  // ordering rule). The command does not wait for them: its own view is written with its events. A
  // feed view read with the token says it is stale meanwhile, and is current once the transaction ends.
  it('answers a command while another session holds a transaction open; a feed view says stale, then catches up', async () => {
    const org = await newOrg(app!, 'open-tx');
    const other = new pg.Client({ connectionString: serverUrl() });
    await other.connect();
    let token: string | null = null;
    let id = '';
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      const submitted = await api.call('POST', '/api/ideas', { token: org.employee, body: ideaBody() });
      expectStatus(submitted, 201);
      expect(submitted.headers.get('x-consistency')).toBeNull();
      token = submitted.headers.get('x-consistency-token');
      id = submitted.body.id;
      const own = await api.call('GET', `/api/ideas/${id}`, { token: org.employee, headers: { 'x-consistency-token': token! } });
      expectStatus(own, 200);
      const funnel = await api.call('GET', '/api/funnel', { token: org.agent, headers: { 'x-consistency-token': token! } });
      expectStatus(funnel, 200);
      expect(funnel.headers.get('x-consistency')).toBe('stale');
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.end();
    }
    expect(token).toMatch(/^\d+\.\d+$/);
    const read = await api.call('GET', `/api/ideas/${id}`, { token: org.employee, headers: { 'x-consistency-token': token! } });
    expectStatus(read, 200);
    expect(read.body.id).toBe(id);
    const funnel = await api.call('GET', '/api/funnel', { token: org.agent, headers: { 'x-consistency-token': token! } });
    expect(funnel.headers.get('x-consistency')).toBe('current');
    expect(funnel.body.total).toBeGreaterThan(0);
  }, TIMEOUT);
});
