// Gaala on the machine's real PostgreSQL server: the full season scenario, and a rebuild that keeps the awards.
import { serverDatabase, serverUrl } from '#platform/testing';
import { client, startTestApp, type TestApp } from './support/app.js';
import { TIMEOUT } from './support/ideas-scenarios.js';
import { programmeAdmin, rebuildAll } from './support/deeds-scenarios.js';
import { DEEDS, fullSeason } from './support/awards-scenarios.js';

describe('awards API on a real PostgreSQL server', () => {
  const serverDb = serverDatabase();
  const database = serverDb.name;
  let app: TestApp | undefined;

  beforeAll(async () => {
    await serverDb.create();
    app = await startTestApp({ databaseUrl: serverUrl(database) });
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
    await serverDb.drop();
  }, TIMEOUT);

  it('runs a season from opening to public results, then gives the same answers after every projection is rebuilt', async () => {
    const { seasonId, deeds, orgs } = await fullSeason(app!);
    const call = client(app!.baseUrl);
    const chairAudit = await call('GET', `/api/award-seasons/${seasonId}/audit`, { token: await programmeAdmin(app!) });
    const before = {
      results: (await call('GET', `/api/award-seasons/${seasonId}/results`)).body,
      deed: (await call('GET', `/api/catalogue/deeds/${deeds.a}`)).body.awards,
      awarded: (await call('GET', `/api/catalogue/deeds?awarded=true&organisation=${orgs.c.name}`)).body.total,
    };
    await rebuildAll(app!);
    expect({
      results: (await call('GET', `/api/award-seasons/${seasonId}/results`)).body,
      deed: (await call('GET', `/api/catalogue/deeds/${deeds.a}`)).body.awards,
      awarded: (await call('GET', `/api/catalogue/deeds?awarded=true&organisation=${orgs.c.name}`)).body.total,
    }).toEqual(before);
    expect(before.awarded).toBe(1);
    expect(chairAudit.body.replay.every((r: { matches: boolean }) => r.matches)).toBe(true);
    expect(chairAudit.body.entries.some((e: { series: string }) => e.series === DEEDS)).toBe(true);
  }, TIMEOUT);
});
