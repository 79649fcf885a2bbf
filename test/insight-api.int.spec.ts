// Unit activity, incentive rules, time travel and open data on the machine's real PostgreSQL server.
import { serverDatabase, serverUrl } from '#platform/testing';
import { startTestApp, type TestApp } from './support/app.js';
import { activityAndRules, funnelFoldsAgree, insightApi, openData, timeTravel, TIMEOUT, unitsImport, type InsightApi } from './support/insight-scenarios.js';

describe('insight API on a real PostgreSQL server', () => {
  const serverDb = serverDatabase();
  const database = serverDb.name;
  let app: TestApp | undefined;
  let api: InsightApi;

  beforeAll(async () => {
    await serverDb.create();
    app = await startTestApp({ databaseUrl: serverUrl(database) });
    api = insightApi(app);
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
    await serverDb.drop();
  }, TIMEOUT);

  it('really runs on the server database, with the index time travel reads through', async () => {
    expect(app!.runtime.config.database).toEqual({ mode: 'postgres', url: serverUrl(database) });
    const [{ current }] = await app!.runtime.dataSource.query('SELECT current_database() AS current');
    expect(current).toBe(database);
    const indexes: { indexname: string }[] = await app!.runtime.dataSource.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'events'`);
    expect(indexes.map((i) => i.indexname)).toContain('events_idea_submitted_org_idx');
  });

  it('imports unit headcounts from CSV with line and column errors, every change an event', async () => {
    await unitsImport(app!, api);
  }, TIMEOUT);

  it('publishing new incentive rules recomputes the past from the events and keeps both versions’ figures', async () => {
    await activityAndRules(app!, api);
  }, TIMEOUT);

  it('travels in time: an idea, the funnel and activity as they stood at a moment', async () => {
    await timeTravel(app!, api);
  }, TIMEOUT);

  it('folds the funnel as of a moment the same way in SQL, in JS and as the live read model, over every path', async () => {
    await funnelFoldsAgree(app!, api);
  }, TIMEOUT);

  it('streams the open-data exports of the catalogue, the funnel and activity', async () => {
    await openData(app!, api);
  }, TIMEOUT);
});
