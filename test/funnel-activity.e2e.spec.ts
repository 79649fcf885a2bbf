// Unit activity over time (GET /api/funnel/activity) end to end on the embedded database.
import { startTestApp, type TestApp } from './support/app.js';
import { expectInvalidFields, expectProblem, expectStatus, ideasApi, newOrg, TIMEOUT, type IdeasApi } from './support/ideas-scenarios.js';

describe('unit activity over time', () => {
  let app: TestApp;
  let api: IdeasApi;

  beforeAll(async () => {
    app = await startTestApp();
    api = ideasApi(app);
  }, TIMEOUT);
  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  it("counts each unit's submissions, pilots, adoptions and people taking part this period", async () => {
    const org = await newOrg(app, 'activity');
    await api.ideaAt(org, ['review', 'pilot', 'measurements', 'adopt'], { unit: 'kotihoito', sector: 'social-and-health' });
    await api.ideaAt(org, ['review', 'pilot'], { unit: 'kotihoito', sector: 'social-and-health' });
    const third = await api.ideaAt(org, [], { unit: 'kirjasto', sector: 'culture-and-leisure' });
    expectStatus(await api.call('POST', `/api/ideas/${third}/comments`, { token: org.colleague, body: { text: 'Hyvä ajatus.' } }), 200);

    const reply = await api.call('GET', '/api/funnel/activity', { token: org.agent });
    expectStatus(reply, 200);
    const now = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    expect(reply.body).toMatchObject({ organisation: org.name, period: 'month', periods: [now] });
    expect(reply.body.units).toEqual([
      { unit: 'kirjasto', activity: [{ period: now, submitted: 1, piloted: 0, adopted: 0, participants: 2 }] },
      { unit: 'kotihoito', activity: [{ period: now, submitted: 2, piloted: 2, adopted: 1, participants: 1 }] },
    ]);
    expect(reply.body.totals).toEqual([{ period: now, submitted: 3, piloted: 2, adopted: 1, participants: 2 }]);

    // Filters: unit, sector, a window, and quarters or years.
    const sector = await api.call('GET', '/api/funnel/activity?sector=culture-and-leisure&period=year', { token: org.agent });
    expect(sector.body.units.map((u: { unit: string }) => u.unit)).toEqual(['kirjasto']);
    expect(sector.body.periods).toEqual([now.slice(0, 4)]);
    const later = await api.call('GET', `/api/funnel/activity?unit=kotihoito&from=${new Date(Date.now() + 86_400_000).toISOString()}`, { token: org.agent });
    expect(later.body).toMatchObject({ periods: [], units: [], totals: [] });
  }, TIMEOUT);

  it('names bad filters and keeps other organisations out', async () => {
    const org = await newOrg(app, 'activity-bad');
    const other = await newOrg(app, 'activity-other');
    expectInvalidFields(await api.call('GET', '/api/funnel/activity?period=week&from=eilen', { token: org.agent }), ['period', 'from']);
    expectProblem(await api.call('GET', `/api/funnel/activity?organisation=${other.name}`, { token: org.agent }), 403);
    expectProblem(await api.call('GET', '/api/funnel/activity'), 401);
    // Odd query strings: a clear 4xx or an answer, never a 500.
    const odd = ['unit=%00', 'sector=%00', 'period=%00', 'period[]=month', 'from=0000-01-01', 'from=-0001-01-01', 'to=2026-032', 'from=9999-12-31T23:59:59.999999999Z', 'from=2026-01-01T00:00:00%2B99:00', 'organisation=%F0%9F%A6%84'];
    for (const query of odd) {
      const reply = await api.call('GET', `/api/funnel/activity?${query}`, { token: org.agent });
      expect({ query, ok: reply.status === 200 || (reply.status >= 400 && reply.status < 500 && Boolean(reply.headers.get('content-type')?.startsWith('application/problem+json'))) }).toEqual({ query, ok: true });
    }
  }, TIMEOUT);
});
