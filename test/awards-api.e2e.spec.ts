// Gaala end to end: a season from opening to public results through the HTTP API, on the embedded database.
import { client, startTestApp, type TestApp } from './support/app.js';
import { expectProblem, TIMEOUT } from './support/ideas-scenarios.js';
import { programmeAdmin } from './support/deeds-scenarios.js';
import { DEEDS, fullSeason } from './support/awards-scenarios.js';

describe('awards API, end to end on the embedded database', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  it('runs a season from opening to public results: blind review, recusals, a tie, an override, the embargo and the audit', async () => {
    await fullSeason(app);
  }, TIMEOUT);

  it('answers problems for unknown seasons and odd ids, never 500', async () => {
    const call = client(app.baseUrl);
    const admin = await programmeAdmin(app);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectProblem(await call('GET', `/api/award-seasons/${unknown}/results`), 404);
    expectProblem(await call('GET', '/api/award-seasons/not-a-uuid/results'), 404);
    expectProblem(await call('GET', `/api/award-seasons/${unknown}/audit`, { token: admin }), 404);
    expectProblem(await call('POST', `/api/award-seasons/${unknown}/nominations`, { token: admin, body: { series: DEEDS, deedId: unknown } }), 404);
    // Declaring conflicts is for jurors (an admin is refused before the id is looked up); a juror learns the id is unknown.
    expectProblem(await call('POST', `/api/nominations/${unknown}/conflicts`, { token: admin, body: { reason: 'x' } }), 403);
    expectProblem(await call('POST', `/api/nominations/${unknown}/conflicts`, { token: await app.token('juror-of-nothing', 'kunteko', 'juror'), body: { reason: 'x' } }), 404);
    expectProblem(await call('POST', '/api/award-seasons', { token: admin, rawBody: '{"year":' }), 400);
    expectProblem(await call('POST', '/api/award-seasons', { rawBody: '{}' }), 401);
    expect((await call('GET', '/api/award-seasons')).status).toBe(200);
  }, TIMEOUT);
});
