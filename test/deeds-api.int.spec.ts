// Deeds, Tekojen tori and campaigns on the machine's real PostgreSQL server: a focused subset of
// the e2e suite (the server's own Snowball dictionaries and pg_trgm do the searching here).
import { serverDatabase, serverUrl } from '#platform/testing';
import { startTestApp, type TestApp } from './support/app.js';
import {
  TIMEOUT,
  deedsApi,
  facetsAndStats,
  finnishSearchExamples,
  ideaToSearchableDeed,
  rebuildGivesSameAnswers,
  standingsScenario,
  type DeedsApi,
} from './support/deeds-scenarios.js';

describe('deeds API on a real PostgreSQL server', () => {
  const serverDb = serverDatabase();
  const database = serverDb.name;
  let app: TestApp | undefined;
  let api: DeedsApi;

  beforeAll(async () => {
    await serverDb.create();
    app = await startTestApp({ databaseUrl: serverUrl(database), env: { CAMPAIGN_CLOSE_POLL_MS: '0' } });
    api = deedsApi(app);
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

  it('turns an adopted idea into a prefilled draft linked both ways, publishes it, and finds it in the public catalogue', async () => {
    await ideaToSearchableDeed(app!, api);
  }, TIMEOUT);

  it('finds "kehittämisteko" by "kehittämisteot" and "kunta" by "kunnissa"', async () => {
    const { org, teko, kunta } = await finnishSearchExamples(app!, api);
    // Prefix while typing, too.
    expect(await api.ids({ q: 'kehittä', organisation: org.name })).toContain(teko);
    expect(await api.ids({ q: 'kunna', organisation: org.name })).toContain(kunta);
  }, TIMEOUT);

  it('counts facets over the matching deeds and stats over what was published', async () => {
    await facetsAndStats(app!, api);
  }, TIMEOUT);

  it('ranks organisations in a campaign window and records the most inventive on close', async () => {
    await standingsScenario(app!, api);
  }, TIMEOUT);

  it('gives identical answers after every projection is rebuilt from the events', async () => {
    await rebuildGivesSameAnswers(app!, api);
  }, TIMEOUT);
});
