// Gaala on the machine's real PostgreSQL server: the full season scenario, and a rebuild that keeps the awards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { requirePostgres, serverUrl } from '#platform/testing';
import { client, startTestApp, type TestApp } from './support/app.js';
import { TIMEOUT } from './support/ideas-scenarios.js';
import { programmeAdmin, rebuildAll } from './support/deeds-scenarios.js';
import { DEEDS, fullSeason } from './support/awards-scenarios.js';

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl() });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

describe('awards API on a real PostgreSQL server', () => {
  const database = `kehittamo_test_${randomBytes(6).toString('hex')}`;
  let created = false;
  let app: TestApp | undefined;

  beforeAll(async () => {
    await requirePostgres();
    await admin((c) => c.query(`CREATE DATABASE ${database}`));
    created = true;
    app = await startTestApp({ databaseUrl: serverUrl(database) });
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
    if (created) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
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
