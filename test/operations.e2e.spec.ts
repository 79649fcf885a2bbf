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

  it('reports not ready with 503 problem details when a projection keeps failing', async () => {
    await app.runtime.dataSource.query(`UPDATE projection_checkpoints SET last_error = 'simulated' WHERE name = 'funnel'`);
    const ready = await call('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(ready.body.details.error.projections).toMatchObject({ status: 'down', failing: ['funnel'] });
    await app.runtime.dataSource.query(`UPDATE projection_checkpoints SET last_error = NULL`);
  });

  it('exposes projection lag per projection in Prometheus format, and it drops to 0 once caught up', async () => {
    const token = await app.token('ops-employee', 'opsila', 'employee');
    const submitted = await call('POST', '/api/ideas', {
      token,
      body: { title: 'Mittarit näkyviin', description: 'Kuvaus', unit: 'hallinto', sector: 'business-and-support' },
    });
    expect(submitted.status).toBe(201);
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
