// Every view is a projection: rebuilding from the events must give back exactly the same answers.
import { startTestApp, type TestApp } from './support/app.js';
import { TIMEOUT, ideasApi, newOrg, type IdeasApi } from './support/ideas-scenarios.js';

describe('rebuilding the ideas projections', () => {
  let app: TestApp;
  let api: IdeasApi;

  beforeAll(async () => {
    app = await startTestApp();
    api = ideasApi(app);
  }, TIMEOUT);
  afterAll(async () => app?.close(), TIMEOUT);

  it('gives the same funnel, lists and idea pages as before, from position zero', async () => {
    const org = await newOrg(app, 'rebuild');
    await api.ideaAt(org, []);
    await api.ideaAt(org, ['review']);
    await api.ideaAt(org, ['review', 'pilot', 'measurements']);
    const adopted = await api.ideaAt(org, ['review', 'pilot', 'measurements', 'adopt'], { unit: 'kotihoito', sector: 'social-and-health' });
    await api.ideaAt(org, ['reject']);
    await api.ideaAt(org, ['review', 'withdraw']);
    await api.act(org.colleague, adopted, 'support');
    await api.act(org.colleague, adopted, 'comments', { text: 'Hieno tulos!' });

    const snapshot = async () => ({
      funnel: await api.funnel(org.agent),
      byUnit: await api.funnel(org.agent, { unit: 'kotihoito' }),
      list: await api.list(org.agent, { limit: '100' }),
      adopted: await api.detail(org.agent, adopted),
    });
    const before = await snapshot();
    expect(before.funnel.counts).toEqual({ submitted: 1, inReview: 1, piloting: 1, adopted: 1, rejected: 1, withdrawn: 1 });

    // Wreck the read models first: the rebuild must not depend on what was there.
    await app.runtime.dataSource.query(`UPDATE funnel_facts SET stage = 'submitted'`);
    await app.runtime.dataSource.query(`UPDATE idea_views SET title = 'väärin'`);

    const { runner } = app.runtime;
    const applied: Record<string, number> = {};
    for (const projection of runner.projectionsNamed(runner.names)) applied[projection.name] = await runner.rebuild(projection);
    const { count } = await app.runtime.store.head();
    for (const name of ['idea-views', 'funnel']) expect(applied[name]).toBe(count);

    expect(await snapshot()).toEqual(before);
  }, TIMEOUT);
});
