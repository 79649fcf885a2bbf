// Notification mail on the machine's real PostgreSQL, delivered to a real SMTP server started by the test.
// The restart case runs the sender as its own process and kills it mid-way: every mail arrives exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotificationDelivery, SmtpTransport } from '#notifications';
import { serverDatabase, serverUrl } from '#platform/testing';
import { killChild, killChildren, startEntry, waitUntil } from '../libs/messaging/src/testing/fixtures.js';
import { startTestApp, type TestApp } from './support/app.js';
import { mergesADuplicate, suggestsSimilarIdeas } from './support/duplicate-scenarios.js';
import { TIMEOUT, newOrg } from './support/ideas-scenarios.js';
import { changeAgentsHearOfNewIdeas, markingAsRead, notificationsApi, submitterFollowsTheirIdea, type NotificationsApi } from './support/notification-scenarios.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';

describe('notifications on a real PostgreSQL server and a real SMTP server', () => {
  const serverDb = serverDatabase();
  const database = serverDb.name;
  let app: TestApp | undefined;
  let api: NotificationsApi;
  let smtp: TestSmtpServer;
  let workerDir: string;

  beforeAll(async () => {
    await serverDb.create();
    smtp = await startSmtpServer();
    workerDir = await mkdtemp(join(tmpdir(), 'kehittamo-sender-'));
    // This process writes and projects; mail is sent by delivery rounds the tests run, or by child processes.
    app = await startTestApp({ databaseUrl: serverUrl(database), env: { NOTIFICATIONS: 'off', SMTP_URL: smtp.url, MAIL_FROM: 'Kehittämö <ilmoitukset@kehittamo.example>' } });
    api = notificationsApi(app);
  }, TIMEOUT);

  afterAll(async () => {
    await killChildren();
    await app?.close();
    await smtp?.close();
    if (workerDir) await rm(workerDir, { recursive: true, force: true });
    await serverDb.drop();
  }, TIMEOUT);

  const pendingMail = async (): Promise<{ id: string; recipient: string }[]> =>
    app!.runtime.dataSource.query(`SELECT id, recipient FROM notification_mails WHERE state IN ('pending', 'claimed') ORDER BY created_at, id`);

  it('keeps the in-app feed and its read markers', async () => {
    await submitterFollowsTheirIdea(app!, api);
    await markingAsRead(app!, api);
  }, TIMEOUT);

  it('mails a stage change in the language the person chose, with a link and a stable Message-ID', async () => {
    const org = await newOrg(app!, 'mail');
    await api.setPreferences(org.employee, { channels: ['email', 'in-app'], email: 'anna@vaasa.example', frequency: 'immediately', language: 'sv', kinds: ['idea-stage', 'idea-comment'] });
    const { id } = await api.submit(org.employee, { title: 'Gemensam bokningskalender', language: 'sv', anonymous: true });
    await api.act(org.agent, id, 'review');
    const before = smtp.received.length;
    await api.settled();
    const report = await app!.runtime.notifications.runOnce();
    expect(report).toMatchObject({ sent: 1, failed: 0 });
    const mail = smtp.received.slice(before).find((m) => m.to.includes('anna@vaasa.example'))!;
    expect(mail.subject).toBe('Din idé är nu under bedömning');
    expect(mail.text).toContain(`Din idé "Gemensam bokningskalender" är nu under bedömning.`);
    expect(mail.text).toContain(`http://localhost:0/api/ideas/${id}`);
    const [row] = await app!.runtime.dataSource.query(`SELECT message_id, state, transport, response FROM notification_mails WHERE recipient IN (SELECT recipient FROM notifications WHERE params->>'ideaId' = $1)`, [id]);
    expect(row).toMatchObject({ state: 'sent', transport: 'smtp' });
    expect(row.message_id).toMatch(/^<[0-9a-f-]{36}@kehittamo\.example>$/);
    expect(mail.messageId).toBe(row.message_id);
    expect(row.response).toMatch(/^250/);
    // The feed shows it in the app as well, in Swedish.
    expect((await api.feed(org.employee)).items[0].subject).toBe('Din idé är nu under bedömning');
  }, TIMEOUT);

  it("gathers change agents' news of new ideas into one daily digest, sent after the digest hour", async () => {
    const org = await changeAgentsHearOfNewIdeas(app!, api);
    await api.setPreferences(org.agent, { channels: ['email'], email: 'leena@imatra.example', frequency: 'immediately', language: 'fi', kinds: ['new-ideas'] });
    await api.submit(org.employee, { title: 'Pyöräkatos' });
    await api.submit(org.colleague, { title: 'Sähköinen perehdytys' });
    await api.settled();
    const [{ day }] = await app!.runtime.dataSource.query(`SELECT to_char(max(digest_day), 'YYYY-MM-DD') AS day FROM notifications WHERE email_mode = 'digest'`);
    const next = new Date(`${day}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const at = (iso: string) => ({ now: () => new Date(iso) });
    const sender = (clock: { now(): Date }) => new NotificationDelivery(app!.runtime.dataSource, app!.runtime.config, new SmtpTransport(smtp.url, 5_000), clock);
    const nextDay = next.toISOString().slice(0, 10);
    // 06:00 in Finland the next day: too early (the digest hour is 07).
    expect((await sender(at(`${nextDay}T03:00:00Z`)).runOnce()).digests).toBe(0);
    const before = smtp.received.length;
    const report = await sender(at(`${nextDay}T05:30:00Z`)).runOnce();
    expect(report.digests).toBeGreaterThanOrEqual(1);
    const digest = smtp.received.slice(before).find((m) => m.to.includes('leena@imatra.example'))!;
    expect(digest.subject).toBe(`Kehittämö: 2 ilmoitusta (${day})`);
    expect(digest.text).toContain('- Uusi idea: "Pyöräkatos" (varhaiskasvatus)');
    expect(digest.text).toContain('- Uusi idea: "Sähköinen perehdytys" (varhaiskasvatus)');
    // Planned once: another round plans nothing more.
    expect((await sender(at(`${nextDay}T06:00:00Z`)).runOnce()).digests).toBe(0);
  }, TIMEOUT);

  it('a sender killed mid-way, then one stopped mid-way: after a restart every mail has arrived exactly once', async () => {
    // Anything earlier tests left pending goes out first, so this test counts only its own mail.
    await app!.runtime.notifications.runOnce({ batch: 100 });
    expect(await pendingMail()).toEqual([]);
    const org = await newOrg(app!, 'restart');
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => app!.token(`${org.name}-person-${i}`, org.name, 'employee')));
    for (const [i, token] of people.entries()) {
      await api.setPreferences(token, { channels: ['email'], email: `person-${i}@restart.example`, frequency: 'immediately', language: 'en', kinds: ['idea-stage'] });
      const { id } = await api.submit(token, { title: `Idea ${i}` });
      await api.act(org.agent, id, 'review');
    }
    await api.settled();
    const expected: string[] = (await pendingMail()).map((m) => m.id);
    expect(expected).toHaveLength(12);
    const before = smtp.received.length;
    const ours = () => smtp.received.slice(before);
    const env = {
      DATABASE_URL: serverUrl(database),
      DATA_DIR: workerDir,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Kehittämö <ilmoitukset@kehittamo.example>',
      NOTIFY_LEASE_MS: '2000',
      NOTIFY_POLL_MS: '100',
      PROJECTIONS: 'off',
      LOG_LEVEL: 'warn',
    };

    // 1. The fifth mail reaches the server, which holds its answer; the sender is killed while it waits.
    const fifth = smtp.holdNth(5);
    const first = startEntry('test/support/notification-worker.ts', env);
    const held = await Promise.race([fifth, first.exited.then(() => Promise.reject(new Error(`sender exited early:\n${first.output()}`)))]);
    expect(await killChild(first, 'SIGKILL')).toMatchObject({ signal: 'SIGKILL' });
    // Nobody heard a 250 for it: the server does not keep it.
    await waitUntil('the server notices the sender is gone', () => smtp.heldSenderGone(), 10_000);
    expect(smtp.release()).toBe(false);
    expect(ours()).toHaveLength(4);
    expect(ours().map((m) => m.messageId)).not.toContain(held.messageId);
    const [unconfirmed] = await app!.runtime.dataSource.query(`SELECT state, attempts FROM notification_mails WHERE message_id = $1`, [held.messageId]);
    expect(unconfirmed).toEqual({ state: 'claimed', attempts: 1 });

    // 2. A second sender takes over once the dead one's lease is over; it is stopped (SIGTERM) after three more mails.
    const second = startEntry('test/support/notification-worker.ts', env);
    await waitUntil(() => `three more mails (have ${ours().length})\n${second.output()}`, () => ours().length >= 7, 60_000);
    second.process.kill('SIGTERM');
    expect(await second.exited).toMatchObject({ code: 0 });
    const afterStop = ours().length;
    expect(afterStop).toBeLessThan(12);

    // 3. A third sender finishes the rest.
    const third = startEntry('test/support/notification-worker.ts', env);
    await waitUntil(() => `all mail (have ${ours().length})\n${third.output()}`, async () => (await pendingMail()).length === 0, 60_000);
    third.process.kill('SIGTERM');
    await third.exited;

    const ids = ours().map((m) => m.messageId);
    const stored: { message_id: string; state: string; address: string }[] = await app!.runtime.dataSource.query(
      'SELECT message_id, state, address FROM notification_mails WHERE id = ANY($1)',
      [expected],
    );
    expect(stored.every((m) => m.state === 'sent')).toBe(true);
    // Every expected mail exactly once, and nothing else.
    expect([...ids].sort()).toEqual(stored.map((m) => m.message_id).sort());
    expect(new Set(ids).size).toBe(12);
    expect(ids).toContain(held.messageId);
    const addresses = ours().flatMap((m) => m.to).sort();
    expect(addresses).toEqual(Array.from({ length: 12 }, (_, i) => `person-${i}@restart.example`).sort());
    const [retried] = await app!.runtime.dataSource.query(`SELECT attempts FROM notification_mails WHERE message_id = $1`, [held.messageId]);
    expect(retried.attempts).toBe(2);
  }, 240_000);

  it('suggests similar ideas and merges duplicates on the server database', async () => {
    await suggestsSimilarIdeas(app!, api);
    await mergesADuplicate(app!, api);
  }, TIMEOUT);
});
