// Gaala end to end: a season from opening to public results through the HTTP API, on the embedded database.
import { client, startTestApp, type TestApp } from './support/app.js';
import { expectInvalidFields, expectProblem, expectStatus, TIMEOUT } from './support/ideas-scenarios.js';
import { deedsApi, newDeedOrg, programmeAdmin } from './support/deeds-scenarios.js';
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

  it('changes a season: everything until the first nomination, then the name, windows, jury and chair; If-Match guards it', async () => {
    const call = client(app.baseUrl);
    const admin = await programmeAdmin(app);
    const org = await newDeedOrg(app, 'muutos');
    const deed = await deedsApi(app).published(org, { title: 'Muutettavan gaalan teko' });
    const tag = org.name;
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const opened = await call('POST', '/api/award-seasons', {
      token: admin,
      body: {
        year: new Date().getUTCFullYear(),
        name: `Gaala ${tag}`,
        nominationOpensAt: iso(now - 3_600_000),
        nominationClosesAt: iso(now + 86_400_000),
        eligibleFrom: iso(now - 86_400_000),
        eligibleTo: iso(now + 86_400_000),
        galaAt: iso(now + 2 * 86_400_000),
        series: [{ kind: 'deeds', awards: 1, jurors: [{ subject: `${tag}-j1`, organisation: 'kunteko' }], chair: `${tag}-chair` }],
      },
    });
    expectStatus(opened, 201);
    const id: string = opened.body.id;
    const patch = (body: unknown, token = admin, headers: Record<string, string> = {}) => call('PATCH', `/api/award-seasons/${id}`, { token, body, headers });

    // Only admins; bad input names its fields; unsound settings are refused as at opening.
    expectProblem(await patch({ name: 'Toinen' }, org.editor), 403);
    expectProblem(await call('PATCH', '/api/award-seasons/00000000-0000-4000-8000-000000000000', { token: admin, body: { name: 'Ei ole' } }), 404);
    expectInvalidFields(await patch({ galaAt: 'marraskuussa', series: [{ key: 'innostavat-teot', criteria: [{ key: 'results', weight: 0 }] }] }), ['galaAt', 'series[0].criteria[0].weight']);
    expectInvalidFields(await patch({ series: [{ awards: 2 }] }), ['series[0].key']);
    const early = await patch({ galaAt: iso(now + 3_600_000) });
    expectProblem(early, 400);
    expect(early.body.code).toBe('award.gala-before-nominations-close');

    // Before the first nomination: criteria and weights, the name and the gala date.
    const criteria = [
      { key: 'results', name: 'Tulokset', weight: 3 },
      { key: 'boldness', name: 'Rohkeus', weight: 1 },
    ];
    const galaAt = iso(now + 3 * 86_400_000);
    const revised = await patch({ name: `Gaala ${tag} (muutettu)`, galaAt, series: [{ key: 'innostavat-teot', criteria }] });
    expectStatus(revised, 200);
    expect(revised.body).toMatchObject({ id, changed: true, series: ['innostavat-teot'] });
    expect(revised.headers.get('etag')).toBe(`"${revised.body.version}"`);
    const season = await call('GET', `/api/award-seasons/${id}`, { token: admin });
    expect(season.body).toMatchObject({ name: `Gaala ${tag} (muutettu)`, galaAt });
    expect(season.body.series[0].criteria).toEqual(criteria);
    expect((await call('GET', '/api/award-seasons')).body.find((s: { id: string }) => s.id === id).name).toBe(`Gaala ${tag} (muutettu)`);
    // The same settings again change nothing; a stale If-Match is refused, the current one accepted.
    expect((await patch({ name: `Gaala ${tag} (muutettu)` })).body).toMatchObject({ changed: false, version: revised.body.version });
    expectProblem(await patch({ name: 'Vanhasta versiosta' }, admin, { 'if-match': `"${revised.body.version - 1}"` }), 412);
    const guarded = await patch({ name: `Gaala ${tag}` }, admin, { 'if-match': `"${revised.body.version}"` });
    expectStatus(guarded, 200);

    // After the first nomination the series stay; the jury and the chair still change. A juror from the nominee's
    // organisation joins recused from it.
    const nomination = await call('POST', `/api/award-seasons/${id}/nominations`, { token: org.editor, body: { series: 'innostavat-teot', deedId: deed, justification: 'Hyvä teko.' } });
    expectStatus(nomination, 201);
    const locked = await patch({ series: [{ key: 'innostavat-teot', criteria: [{ key: 'results', weight: 1 }] }] });
    expectProblem(locked, 409);
    expect(locked.body.code).toBe('award.series-locked');
    const jury = await patch({ series: [{ key: 'innostavat-teot', jurors: [{ subject: `${tag}-j1`, organisation: 'kunteko' }, { subject: `${tag}-j2`, organisation: org.name }], chair: `${tag}-chair2` }] });
    expectStatus(jury, 200);
    expect(jury.body.changed).toBe(true);
    const j2 = await app.token(`${tag}-j2`, org.name, 'juror');
    const recused = await call('POST', `/api/nominations/${nomination.body.id}/scores`, { token: j2, body: { scores: { results: 4, boldness: 4 } } });
    expectProblem(recused, 409);
    expect(recused.body.code).toBe('award.recused');
    const j1 = await app.token(`${tag}-j1`, 'kunteko', 'juror');
    expectStatus(await call('POST', `/api/nominations/${nomination.body.id}/scores`, { token: j1, body: { scores: { results: 4, boldness: 5 } } }), 200);
    // The new chair steers the series; the old one no longer does.
    expectStatus(await call('GET', `/api/award-seasons/${id}/shortlist?series=innostavat-teot`, { token: await app.token(`${tag}-chair2`, 'kunteko', 'jury-chair') }), 200);
    expectProblem(await call('GET', `/api/award-seasons/${id}/shortlist?series=innostavat-teot`, { token: await app.token(`${tag}-chair`, 'kunteko', 'jury-chair') }), 403);
  }, TIMEOUT);
});
