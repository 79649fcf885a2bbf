// Unit activity, incentive rules, time travel and open data, end to end on the embedded database.
import { startTestApp, type TestApp } from './support/app.js';
import { activityAndRules, insightApi, openData, timeTravel, TIMEOUT, unitsImport, type InsightApi } from './support/insight-scenarios.js';

describe('insight API, end to end on the embedded database', () => {
  let app: TestApp;
  let api: InsightApi;

  beforeAll(async () => {
    app = await startTestApp();
    api = insightApi(app);
  }, TIMEOUT);
  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  it('imports unit headcounts from CSV: bad cells by line and column, nothing half-written, every change an event', async () => {
    await unitsImport(app, api);
  }, TIMEOUT);

  it('figures activity per unit and period, and keeps each incentive rules version’s points beside the newest', async () => {
    await activityAndRules(app, api);
  }, TIMEOUT);

  it('travels in time: an idea, the funnel and activity as they stood at a moment', async () => {
    await timeTravel(app, api);
  }, TIMEOUT);

  it('exports the catalogue, the funnel and activity as open data', async () => {
    await openData(app, api);
  }, TIMEOUT);
});
