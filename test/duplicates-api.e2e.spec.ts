// Duplicates through the HTTP API on the embedded database: similar ideas and merging.
import { startTestApp, type TestApp } from './support/app.js';
import { mergesADuplicate, suggestsSimilarIdeas } from './support/duplicate-scenarios.js';
import { TIMEOUT } from './support/ideas-scenarios.js';
import { notificationsApi, type NotificationsApi } from './support/notification-scenarios.js';

describe('duplicates API (embedded)', () => {
  let app: TestApp;
  let api: NotificationsApi;

  beforeAll(async () => {
    app = await startTestApp({ env: { NOTIFICATIONS: 'off' } });
    api = notificationsApi(app);
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  it('suggests similar ideas of the organisation while typing and on submission', async () => {
    await suggestsSimilarIdeas(app, api);
  }, TIMEOUT);

  it('merges a duplicate into a surviving idea', async () => {
    await mergesADuplicate(app, api);
  }, TIMEOUT);
});
