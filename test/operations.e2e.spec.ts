// Operations endpoints: liveness, readiness, Prometheus metrics, correlation ids.
import { client, startTestApp, type TestApp } from './support/app.js';

describe('operations', () => {
  let app: TestApp;
  let call: ReturnType<typeof client>;

  beforeAll(async () => {
    app = await startTestApp();
    call = client(app.baseUrl);
  }, 60_000);
  afterAll(async () => app?.close(), 60_000);

  it('answers liveness and readiness without a token', async () => {
    expect((await call('GET', '/health/live')).body).toEqual({ status: 'ok' });
    const ready = await call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, eventStore: { status: 'up' }, projections: { status: 'up' } } });
  });

  it('stays ready but reports itself degraded, naming the projection, while one is parked after a failure', async () => {
    // The daemon would clear the state with its next batch: it is stopped while the state is looked at.
    await app.runtime.runner.stop();
    try {
      await app.runtime.dataSource.query(
        `INSERT INTO projection_checkpoints (name, last_error, failures) VALUES ('funnel', 'simulated', 1)
         ON CONFLICT (name) DO UPDATE SET last_error = excluded.last_error, failures = excluded.failures`,
      );
      const ready = await call('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info.projections).toMatchObject({ status: 'up', degraded: true, parked: [{ name: 'funnel', error: 'simulated', failures: 1 }] });
      const metrics = (await call('GET', '/metrics')).body as string;
      expect(metrics).toContain('kehittamo_projection_parked{projection="funnel"} 1');
      expect(metrics).toContain('kehittamo_projection_parked{projection="deed-entries"} 0');
      await app.runtime.dataSource.query(`UPDATE projection_checkpoints SET last_error = NULL, failures = 0`);
    } finally {
      app.runtime.runner.start();
    }
  });

  it('answers a command without waiting for the feed: the idea is readable at once, a feed view says when it is stale', async () => {
    const token = await app.token('ops-scoped', 'opsila', 'employee');
    // No asynchronous projection runs at all (the gala's, the funnel, the catalogue): commands still answer.
    await app.runtime.runner.stop();
    try {
      const started = Date.now();
      const submitted = await call('POST', '/api/ideas', { token, body: { title: 'Vain oma näkymä', description: 'Kuvaus', unit: 'hallinto', sector: 'business-and-support' } });
      expect(submitted.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(app.runtime.config.projections.consistencyWaitMs);
      const consistency = submitted.headers.get('x-consistency-token')!;
      expect(consistency).toMatch(/^\d+\.\d+$/);
      const own = await call('GET', `/api/ideas/${submitted.body.id}`, { token, headers: { 'x-consistency-token': consistency } });
      expect(own.status).toBe(200);
      expect(own.headers.get('x-consistency')).toBe('current');
      const funnel = await call('GET', '/api/funnel', { token: await app.token('ops-agent', 'opsila', 'change-agent'), headers: { 'x-consistency-token': consistency } });
      expect(funnel.status).toBe(200);
      expect(funnel.headers.get('x-consistency')).toBe('stale');
      expect(funnel.headers.get('x-consistency-behind')).toBe('funnel');
    } finally {
      app.runtime.runner.start();
    }
  });

  it('refuses a consistency token from the future at once instead of waiting for it', async () => {
    const token = await app.token('ops-future', 'opsila', 'change-agent');
    const started = Date.now();
    const answer = await call('GET', '/api/funnel', { token, headers: { 'x-consistency-token': '99999999999.1' } });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('exposes projection lag per projection in Prometheus format, and it drops to 0 once caught up', async () => {
    const token = await app.token('ops-employee', 'opsila', 'employee');
    const submitted = await call('POST', '/api/ideas', {
      token,
      body: { title: 'Mittarit näkyviin', description: 'Kuvaus', unit: 'hallinto', sector: 'business-and-support' },
    });
    expect(submitted.status).toBe(201);
    expect(await app.runtime.runner.waitFor((await app.runtime.store.head()).checkpoint, 10_000)).toBe(true);
    const metrics = await call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = metrics.body as string;
    for (const name of app.runtime.runner.names) expect(text).toContain(`kehittamo_projection_lag_events{projection="${name}"} 0`);
    expect(text).toMatch(/^kehittamo_events_total [1-9]\d*$/m);
    expect(text).toContain('kehittamo_projection_failing{projection="funnel"} 0');
  });

  it('gives every answer a correlation id, echoing the caller\'s', async () => {
    const mine = await call('GET', '/health/live', { headers: { 'x-request-id': 'intranet-42' } });
    expect(mine.headers.get('x-request-id')).toBe('intranet-42');
    const fresh = await call('GET', '/health/live');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
