// Notifications from the catalogue and the gala (embedded database): an idea that becomes a deed, a deed born of
// ideas that wins an award, and jurors told when their rounds open and close.
import { randomUUID } from 'node:crypto';
import { seasonStreamId } from '#awards';
import { deedStreamId } from '#deeds';
import { startTestApp, type TestApp } from './support/app.js';
import { fullSeason } from './support/awards-scenarios.js';
import { deedsApi, newDeedOrg } from './support/deeds-scenarios.js';
import { TIMEOUT, expectStatus } from './support/ideas-scenarios.js';
import { notificationsApi, type NotificationsApi } from './support/notification-scenarios.js';

describe('notifications from deeds and the gala (embedded)', () => {
  let app: TestApp;
  let api: NotificationsApi;

  beforeAll(async () => {
    app = await startTestApp({ env: { NOTIFICATIONS: 'off' } });
    api = notificationsApi(app);
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  it('tells the submitter when their idea becomes a deed', async () => {
    const deeds = deedsApi(app);
    const org = await newDeedOrg(app, 'deed-notice');
    await api.setPreferences(org.employee, { channels: ['in-app'], frequency: 'immediately', language: 'en', kinds: ['idea-deed'] });
    const ideaId = await deeds.adoptedIdea(org, { title: 'Shared meeting-room calendar' });
    const opened = await api.call('POST', `/api/ideas/${ideaId}/deed`, { token: org.editor });
    expectStatus(opened, 201);
    const feed = await api.call('GET', '/api/me/notifications', { token: org.employee, headers: { 'x-consistency-token': opened.headers.get('x-consistency-token') ?? '' } });
    expect(feed.body.items).toEqual([
      expect.objectContaining({ kind: 'idea-deed', subject: 'Your idea became a development deed', text: 'Your idea "Shared meeting-room calendar" is now a development deed in Tekojen tori.', link: `/api/ideas/${ideaId}` }),
    ]);
  }, TIMEOUT);

  it('tells the submitters of the ideas behind a deed when the deed wins an award, once the gala has announced it', async () => {
    const org = await newDeedOrg(app, 'award-notice');
    const first = await api.submit(org.employee, { title: 'Kotihoidon reititys' });
    const second = await api.submit(org.colleague, { title: 'Reittien jakaminen', anonymous: true });
    const deedId = randomUUID();
    const seasonId = randomUUID();
    const meta = { occurredAt: new Date().toISOString(), actor: { subject: 'p_admin', organisation: 'kunteko', roles: ['admin'] } };
    await app.runtime.store.append(
      deedStreamId(deedId),
      [{ eventId: randomUUID(), type: 'DeedDrafted', data: { deedId, organisation: org.name, content: {}, ideaIds: [first.id, second.id], source: 'editor' }, metadata: meta }],
      0,
    );
    const nominee = { kind: 'deed', deedId, organisation: org.name, title: 'Reititys' };
    const award = { seasonId, awardId: randomUUID(), series: 'innostavat-teot', nominationId: randomUUID(), category: 'winner', title: 'Innostavat teot', nominee };
    // Granted is still secret: nobody is told before the gala announces it.
    const granted = await app.runtime.store.append(seasonStreamId(seasonId), [{ eventId: randomUUID(), type: 'AwardGranted', data: award, metadata: meta }], 'any');
    await app.runtime.runner.waitFor(granted.checkpoint, 30_000);
    expect((await api.feed(org.employee)).items.map((n) => n.kind)).not.toContain('idea-award');
    const announced = await app.runtime.store.append(
      seasonStreamId(seasonId),
      [{ eventId: randomUUID(), type: 'AwardAnnounced', data: { ...award, year: 2026, seasonName: 'Gaala 2026', seriesName: 'Innostavat teot' }, metadata: meta }],
      'any',
    );
    await app.runtime.runner.waitFor(announced.checkpoint, 30_000);
    const toFirst = (await api.feed(org.employee)).items.find((n) => n.kind === 'idea-award');
    expect(toFirst).toMatchObject({ subject: 'Ideasi palkittiin!', text: 'Ideastasi syntynyt teko palkittiin: Innostavat teot (Gaala 2026). Idea: "Kotihoidon reititys".' });
    expect((await api.feed(org.colleague)).items.find((n) => n.kind === 'idea-award')?.text).toContain('"Reittien jakaminen"');
  }, TIMEOUT);

  it('tells jurors and the chair when a round opens and closes', async () => {
    const run = await fullSeason(app);
    const j3 = await app.token(`${run.orgs.a.name}-j3`, run.orgs.c.name, 'juror');
    const chair = await app.token(`${run.orgs.a.name}-chair`, 'kunteko', 'jury-chair');
    const juror = await api.feed(j3);
    const texts = juror.items.map((n) => n.text).reverse();
    expect(texts[0]).toMatch(/^Gaala .*: pitkän listan kierros on avattu sarjoissa Innostavat teot, Oman työn sankarit\. /);
    expect(texts).toContainEqual(expect.stringMatching(/pitkän listan kierros on suljettu sarjassa Innostavat teot\. Seuraavaksi avautuu lyhyen listan kierros\./));
    expect(texts).toContainEqual(expect.stringMatching(/lyhyen listan kierros on suljettu sarjassa Oman työn sankarit\./));
    expect(juror.items.every((n) => n.kind === 'jury-rounds')).toBe(true);
    const chairFeed = await api.feed(chair);
    expect(chairFeed.items.filter((n) => /suljettu/.test(n.text)).length).toBe(4);
  }, 180_000);
});
