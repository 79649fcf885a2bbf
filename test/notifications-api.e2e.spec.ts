// Notifications through the HTTP API on the embedded database: the in-app feed, preferences, and, with no SMTP
// server configured, mail written to DATA_DIR/outbox and shown in the feed.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { outboxDir } from '#notifications';
import { startTestApp, type TestApp } from './support/app.js';
import { TIMEOUT, newOrg } from './support/ideas-scenarios.js';
import {
  anonymousSubmitterIsNotified,
  changeAgentsHearOfNewIdeas,
  feedPages,
  markingAsRead,
  notificationsApi,
  preferencesRoundTrip,
  submitterFollowsTheirIdea,
  supportersFollowTheIdea,
  type NotificationsApi,
} from './support/notification-scenarios.js';

describe('notifications API (embedded)', () => {
  let app: TestApp;
  let api: NotificationsApi;

  beforeAll(async () => {
    app = await startTestApp({ env: { NOTIFICATIONS: 'off' } });
    api = notificationsApi(app);
  }, TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  it('tells a submitter of stage changes and comments, never of their own acts', async () => {
    await submitterFollowsTheirIdea(app, api);
  }, TIMEOUT);

  it('tells the supporters of an idea when it moves on, but not whoever moved it', async () => {
    await supportersFollowTheIdea(app, api);
  }, TIMEOUT);

  it('reaches the submitter of an anonymous idea through the pseudonym', async () => {
    await anonymousSubmitterIsNotified(app, api);
  }, TIMEOUT);

  it('marks one or all as read and keeps the unread count', async () => {
    await markingAsRead(app, api);
  }, TIMEOUT);

  it('pages the feed with a cursor and refuses a bad one', async () => {
    await feedPages(app, api);
  }, TIMEOUT);

  it('stores preferences as events and follows them', async () => {
    await preferencesRoundTrip(app, api);
  }, TIMEOUT);

  it('tells change agents of new ideas in their organisation', async () => {
    await changeAgentsHearOfNewIdeas(app, api);
  }, TIMEOUT);

  it('without SMTP, writes mail to DATA_DIR/outbox and shows it in the feed; a taken-over mail is not written twice', async () => {
    const org = await newOrg(app, 'outbox');
    await api.setPreferences(org.employee, { channels: ['email'], email: 'aino@imatra.example', frequency: 'immediately', language: 'fi', kinds: ['idea-stage', 'idea-comment'] });
    const { id } = await api.submit(org.employee, { title: 'Kirjaston aukioloajat' });
    await api.act(org.agent, id, 'review');
    // E-mail only, but with no SMTP server the mail is in the app too.
    const feed = await api.feed(org.employee);
    expect(feed.items.map((n) => n.subject)).toEqual(['Ideasi on nyt arvioitavana']);

    await api.settled();
    const report = await app.runtime.notifications.runOnce();
    expect(report).toMatchObject({ sent: 1, failed: 0, dropped: 0, retried: 0 });
    const dir = outboxDir(app.runtime.config);
    expect(dir).toBe(join(app.runtime.config.dataDir, 'outbox'));
    const [mail] = await app.runtime.dataSource.query(`SELECT id, message_id, state, address, transport FROM notification_mails WHERE recipient IN (SELECT recipient FROM notifications WHERE params->>'ideaId' = $1)`, [id]);
    expect(mail).toMatchObject({ state: 'sent', address: null, transport: 'outbox' });
    const file = join(dir, `${mail.id}.eml`);
    const eml = await readFile(file, 'utf8');
    expect(eml).toContain('To: aino@imatra.example');
    expect(eml).toContain(`Message-ID: ${mail.message_id}`);
    expect(eml).toMatch(/Subject: =\?UTF-8\?Q\?Ideasi_on_nyt_arvioitavana\?=|Subject: Ideasi on nyt arvioitavana/);
    expect(eml).toContain(`/api/ideas/${id}`);
    const written = (await stat(file)).mtimeMs;

    // As if the sender had stopped right after writing the file, before recording it: the next one finds the file.
    await app.runtime.dataSource.query(`UPDATE notification_mails SET state = 'claimed', claimed_until = now() - interval '1 second', sent_at = NULL WHERE id = $1`, [mail.id]);
    const again = await app.runtime.notifications.runOnce();
    expect(again.sent).toBe(1);
    expect((await stat(file)).mtimeMs).toBe(written);
    expect((await readdir(dir)).filter((f) => f.endsWith('.eml'))).toEqual([`${mail.id}.eml`]);
    const [after] = await app.runtime.dataSource.query('SELECT state, attempts, response FROM notification_mails WHERE id = $1', [mail.id]);
    expect(after).toMatchObject({ state: 'sent', attempts: 2, response: 'found delivered after the earlier sender stopped' });
  }, TIMEOUT);

  it('rebuilding the notifier adds no notification twice', async () => {
    const org = await newOrg(app, 'rebuild');
    const { id } = await api.submit(org.employee);
    await api.act(org.agent, id, 'review');
    // The notifier follows the feed: count once it has the review.
    expect(await app.runtime.runner.waitFor((await app.runtime.store.head()).checkpoint, 10_000, ['notifications'])).toBe(true);
    const before = await app.runtime.dataSource.query('SELECT count(*)::int AS n FROM notifications');
    const [projection] = app.runtime.runner.projectionsNamed(['notifications']);
    await app.runtime.runner.rebuild(projection);
    const after = await app.runtime.dataSource.query('SELECT count(*)::int AS n FROM notifications');
    expect(after[0].n).toBe(before[0].n);
    expect((await api.feed(org.employee)).items).toHaveLength(1);
  }, TIMEOUT);
});
