// Notifications from the catalogue and the gala (embedded database): an idea that becomes a deed, a deed born of
// ideas that wins an award, and jurors told when their rounds open and close.
import { randomUUID } from 'node:crypto';
import { seasonStreamId } from '#awards';
import { deedStreamId } from '#deeds';
import { startTestApp, type TestApp } from './support/app.js';
import { deedsApi, newDeedOrg } from './support/deeds-scenarios.js';
import { TIMEOUT, expectStatus } from './support/ideas-scenarios.js';
import { notificationsApi, type NotificationsApi } from './support/notification-scenarios.js';

const DEED_CONTENT = {
  title: 'Kotihoidon reitit',
  aim: 'Vähemmän ajoa.',
  achieved: 'Ajoa 20 % vähemmän.',
  metrics: [],
  unit: 'kotihoito',
  sector: 'social-and-health',
  themes: [],
  size: 'small',
  scope: 'unit',
  participants: ['staff'],
  periodFrom: '2026-01-01',
  language: 'fi',
  media: [],
};

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
      [{ eventId: randomUUID(), type: 'DeedDrafted', data: { deedId, organisation: org.name, content: DEED_CONTENT, ideaIds: [first.id, second.id], source: 'editor' }, metadata: meta }],
      0,
    );
    const nominee = { kind: 'deed', deedId, organisation: org.name, title: 'Reititys' };
    const award = { seasonId, awardId: randomUUID(), series: 'innostavat-teot', nominationId: randomUUID(), category: 'winner', title: 'Innostavat teot', nominee };
    // Granted is still secret: nobody is told before the gala announces it.
    const granted = await app.runtime.store.append(seasonStreamId(seasonId), [{ eventId: randomUUID(), type: 'AwardGranted', data: award, metadata: meta }], 'any');
    expect(await app.runtime.runner.waitFor(granted.checkpoint, 30_000)).toBe(true);
    expect((await api.feed(org.employee)).items.map((n) => n.kind)).not.toContain('idea-award');
    const announced = await app.runtime.store.append(
      seasonStreamId(seasonId),
      [{ eventId: randomUUID(), type: 'AwardAnnounced', data: { ...award, year: 2026, seasonName: 'Gaala 2026', seriesName: 'Innostavat teot' }, metadata: meta }],
      'any',
    );
    expect(await app.runtime.runner.waitFor(announced.checkpoint, 30_000)).toBe(true);
    const toFirst = (await api.feed(org.employee)).items.find((n) => n.kind === 'idea-award');
    expect(toFirst).toMatchObject({ subject: 'Ideasi palkittiin!', text: 'Ideastasi syntynyt teko palkittiin: Innostavat teot (Gaala 2026). Idea: "Kotihoidon reititys".' });
    expect((await api.feed(org.colleague)).items.find((n) => n.kind === 'idea-award')?.text).toContain('"Reittien jakaminen"');
  }, TIMEOUT);

  it('tells jurors and the chair when a round opens and closes', async () => {
    const admin = await app.token('programme-admin', 'kunteko', 'admin');
    const tag = `rounds-${randomUUID().slice(0, 6)}`;
    const juror = await app.token(`${tag}-juror`, 'kunteko', 'juror');
    const chair = await app.token(`${tag}-chair`, 'kunteko', 'jury-chair');
    const now = Date.now();
    const series = (kind: string) => ({ kind, awards: 1, shortlistSize: 1, jurors: [{ subject: `${tag}-juror`, organisation: 'kunteko' }], chair: `${tag}-chair` });
    const opened = await api.call('POST', '/api/award-seasons', {
      token: admin,
      body: {
        year: new Date().getUTCFullYear(),
        name: `Gaala ${tag}`,
        nominationOpensAt: new Date(now - 7_200_000).toISOString(),
        nominationClosesAt: new Date(now - 3_600_000).toISOString(),
        eligibleFrom: new Date(now - 86_400_000 * 30).toISOString(),
        eligibleTo: new Date(now - 3_600_000).toISOString(),
        galaAt: new Date(now + 86_400_000).toISOString(),
        series: [series('deeds'), series('employees')],
      },
    });
    expectStatus(opened, 201);
    const seasonId = opened.body.id;
    const close = await api.call('POST', `/api/award-seasons/${seasonId}/rounds/close`, { token: chair, body: { series: 'innostavat-teot' } });
    expectStatus(close, 200);
    expect(await app.runtime.runner.waitFor((await app.runtime.store.head()).checkpoint, 30_000)).toBe(true);
    const headers = {};
    const feed = (await api.call('GET', '/api/me/notifications', { token: juror, headers })).body as Awaited<ReturnType<NotificationsApi['feed']>>;
    expect(feed.items.map((n) => n.text).reverse()).toEqual([
      `Gaala ${tag}: pitkän listan kierros on avattu sarjoissa Innostavat teot, Oman työn sankarit. Voit nyt pisteyttää ehdokkaat.`,
      `Gaala ${tag}: pitkän listan kierros on suljettu sarjassa Innostavat teot. Seuraavaksi avautuu lyhyen listan kierros.`,
    ]);
    expect(feed.items.every((n) => n.kind === 'jury-rounds' && n.link === `/api/award-seasons/${seasonId}`)).toBe(true);
    // The chair is told too; people outside the jury are not.
    expect((await api.call('GET', '/api/me/notifications', { token: chair, headers })).body.items).toHaveLength(2);
    expect((await api.call('GET', '/api/me/notifications', { token: admin, headers })).body.items).toEqual([]);
  }, TIMEOUT);
});
