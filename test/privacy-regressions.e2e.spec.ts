// Privacy defects found by reading the code, each pinned by its own case on the embedded database: idea media
// copied into deeds, e-mail addresses that outlived erasure, the role of an anonymous submitter, and idea ids a
// colleague could recompute from a subject and a guessed key.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { outboxDir } from '#notifications';
import { nameBasedId } from '#platform';
import { startTestApp, type TestApp } from './support/app.js';
import { deedsApi, newDeedOrg, programmeAdmin, type DeedsApi } from './support/deeds-scenarios.js';
import { expectStatus, TIMEOUT } from './support/ideas-scenarios.js';
import { notificationsApi, type NotificationsApi } from './support/notification-scenarios.js';

/** Every row of every table of the database, as text: what a search for a leaked value must cover. */
async function everyRow(app: TestApp): Promise<string> {
  const tables: { table_name: string }[] = await app.runtime.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const parts: string[] = [];
  for (const { table_name: table } of tables) {
    const rows: { r: string }[] = await app.runtime.dataSource.query(`SELECT row_to_json(t)::text AS r FROM "${table}" t`);
    parts.push(...rows.map((row) => `${table}: ${row.r}`));
  }
  return parts.join('\n');
}

describe('privacy regressions (embedded database)', () => {
  let app: TestApp;
  let deeds: DeedsApi;
  let notifications: NotificationsApi;

  beforeAll(async () => {
    app = await startTestApp({ env: { NOTIFICATIONS: 'off' } });
    deeds = deedsApi(app);
    notifications = notificationsApi(app);
  }, TIMEOUT);
  afterAll(async () => app?.close(), TIMEOUT);

  it('a deed drafted from an idea leaves the idea\'s media with the idea: not in the deed, its event or the catalogue', async () => {
    const org = await newDeedOrg(app, 'media');
    const url = `https://kuvat.example/${org.name}/kasvot.jpg`;
    const caption = `Maijan kasvokuva ${org.name}`;
    const ideaId = await deeds.adoptedIdea(org, { anonymous: true, media: [{ kind: 'image', url, caption }] });
    const opened = await deeds.call('POST', `/api/ideas/${ideaId}/deed`, { token: org.editor });
    expectStatus(opened, 201);
    const deedId: string = opened.body.id;
    expect((await deeds.editorView(org.editor, deedId)).media).toEqual([]);
    await deeds.publish(org.editor, deedId);
    expect((await deeds.catalogueDeed(deedId)).media).toEqual([]);
    const drafted: { data: string }[] = await app.runtime.dataSource.query(`SELECT data::text AS data FROM events WHERE stream_id = $1`, [`deed-${deedId}`]);
    expect(drafted.length).toBeGreaterThan(0);
    for (const { data } of drafted) {
      expect(data).not.toContain(url);
      expect(data).not.toContain(caption);
    }
    // The idea keeps its media, sealed with the submitter's key, and shows them.
    expect((await deeds.ideas.detail(org.agent, ideaId)).media).toEqual([{ kind: 'image', url, caption }]);
  }, TIMEOUT);

  it('keeps no e-mail address in the mail records, removes the person\'s outbox mail at erasure, and mails nothing to an erased address', async () => {
    const org = await newDeedOrg(app, 'mail');
    const address = `aino.${org.name}@imatra.example`;
    const subject = `${org.name}-employee`;
    await notifications.setPreferences(org.employee, { channels: ['email'], email: address, frequency: 'immediately', language: 'fi', kinds: ['idea-stage'] });
    const { id } = await notifications.submit(org.employee, { title: 'Kirjaston aukioloajat' });
    await notifications.act(org.agent, id, 'review');
    await notifications.settled();
    expect((await app.runtime.notifications.runOnce()).sent).toBe(1);
    const [mail] = await app.runtime.dataSource.query(
      `SELECT id, address, response FROM notification_mails WHERE recipient IN (SELECT recipient FROM notifications WHERE params->>'ideaId' = $1)`,
      [id],
    );
    expect(mail.address).toBeNull();
    expect(String(mail.response)).not.toContain(address);
    const file = join(outboxDir(app.runtime.config), `${mail.id}.eml`);
    expect(existsSync(file)).toBe(true);

    const admin = await programmeAdmin(app);
    expectStatus(await deeds.call('POST', `/api/people/${encodeURIComponent(subject)}/erase`, { token: admin }), 200);
    // Nowhere in the database, nor in the outbox.
    expect(await everyRow(app)).not.toContain(address);
    expect(existsSync(file)).toBe(false);
    const preferences = await deeds.call('GET', '/api/me/notification-preferences', { token: org.employee });
    expectStatus(preferences, 200);
    expect(preferences.body.email).toBeNull();

    // The next stage change queues no mail to "[poistettu]", and the sender sends nothing.
    await notifications.act(org.agent, id, 'pilot');
    await notifications.settled();
    const report = await app.runtime.notifications.runOnce();
    expect(report.sent).toBe(0);
    const queued: { n: number }[] = await app.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM notification_mails WHERE recipient IN (SELECT recipient FROM notifications WHERE params->>'ideaId' = $1) AND state IN ('pending', 'claimed', 'sent') AND id <> $2`,
      [id, mail.id],
    );
    expect(queued[0].n).toBe(0);
    const written = (await readdir(outboxDir(app.runtime.config))).filter((f) => f.endsWith('.eml'));
    for (const name of written) expect(name).not.toContain(mail.id);
  }, TIMEOUT);

  it('an anonymous idea\'s history names no role for its submitter\'s own steps, whoever submitted it', async () => {
    const org = await newDeedOrg(app, 'role');
    // An organisation editor is one of few in a unit: the role alone would name them.
    const { id } = await deeds.ideas.submit(org.editor, { anonymous: true, title: 'Nimetön ehdotus' });
    await deeds.ideas.act(org.agent, id, 'review');
    await deeds.ideas.act(org.editor, id, 'withdraw', { reason: 'Ei ajankohtainen.' });
    for (const reader of [org.agent, org.colleague, org.editor]) {
      const history: { event: string; actorRole: string }[] = (await deeds.ideas.detail(reader, id)).history;
      expect(history.map((h) => [h.event, h.actorRole])).toEqual([
        ['IdeaSubmitted', 'submitter'],
        ['IdeaReviewStarted', 'change-agent'],
        ['IdeaWithdrawn', 'submitter'],
      ]);
    }
    expect(JSON.stringify((await deeds.ideas.detail(org.agent, id)).history)).not.toContain('org-editor');
    // An idea under the submitter's name still tells the role.
    const named = await deeds.ideas.submit(org.editor, { title: 'Nimellinen ehdotus' });
    expect((await deeds.ideas.detail(org.agent, named.id)).history[0].actorRole).toBe('org-editor');
  }, TIMEOUT);

  it('an idea id made from an Idempotency-Key cannot be recomputed from the submitter\'s subject and the key', async () => {
    const org = await newDeedOrg(app, 'idem');
    const subject = `${org.name}-employee`;
    for (const key of ['1', 'idea-1', 'submit']) {
      const first = await deeds.ideas.submit(org.employee, { anonymous: true }, { 'idempotency-key': key });
      const again = await deeds.ideas.submit(org.employee, { anonymous: true }, { 'idempotency-key': key });
      expect(again.id).toBe(first.id);
      expect(first.id).not.toBe(nameBasedId(`idea:${org.name}:${subject}:${key}`));
      expect(first.id).not.toBe(nameBasedId(`idea:${org.name}:${app.runtime.pseudonymizer.of(subject)}:${key}`));
    }
    // Another person's same key makes another idea.
    const colleague = await deeds.ideas.submit(org.colleague, { anonymous: true }, { 'idempotency-key': '1' });
    const mine = await deeds.ideas.submit(org.employee, { anonymous: true }, { 'idempotency-key': '1' });
    expect(colleague.id).not.toBe(mine.id);
  }, TIMEOUT);
});
