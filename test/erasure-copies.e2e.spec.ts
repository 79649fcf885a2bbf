// Erasure reaches the copies too: a comment moved to another idea by a merge, and its excerpt in the
// submitter's notification feed (a table that keeps its rows through rebuilds).
import { client, startTestApp, type TestApp } from './support/app.js';
import { expectStatus, ideasApi, TIMEOUT } from './support/ideas-scenarios.js';

describe('erasing a person whose comment was copied by a merge and quoted in a notification', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  }, TIMEOUT);
  afterAll(async () => app?.close());

  it('shows "[poistettu]" on the surviving idea and in the feed, and never stored the moved text in clear', async () => {
    const call = client(app.baseUrl);
    const ideas = ideasApi(app);
    const org = 'kopiola';
    const submitter = await app.token('kopiola-submitter', org, 'employee');
    const commenter = await app.token('kopiola-commenter', org, 'employee');
    const agent = await app.token('kopiola-agent', org, 'change-agent');
    const admin = await app.token('kopiola-admin', 'kunteko', 'admin');
    const words = 'Tämän kirjoitti Kaisa Kommentoija itse';

    const duplicate = (await ideas.submit(submitter, { title: 'Kahvinkeitin taukotilaan' })).id;
    const survivor = (await ideas.submit(submitter, { title: 'Uusi kahvinkeitin taukotilaan' })).id;
    expectStatus(await call('POST', `/api/ideas/${duplicate}/comments`, { token: commenter, body: { text: words } }), 200);
    expectStatus(await call('POST', `/api/ideas/${duplicate}/merge`, { token: agent, body: { into: survivor } }), 200);

    const before = await call('GET', `/api/ideas/${survivor}`, { token: submitter });
    expectStatus(before, 200);
    expect(before.body.comments.map((c: { text: string }) => c.text)).toContain(words);
    const feedBefore = await call('GET', '/api/me/notifications', { token: submitter });
    expect(JSON.stringify(feedBefore.body.items)).toContain('Kaisa Kommentoija');
    // The events hold the comment (and its copy) sealed, never in clear.
    const stored: { data: string }[] = await app.runtime.dataSource.query(`SELECT data::text AS data FROM events WHERE type IN ('IdeaCommented', 'DuplicateMerged')`);
    expect(stored.length).toBeGreaterThanOrEqual(2);
    for (const row of stored) expect(row.data).not.toContain('Kaisa');

    // What is held about the submitter includes their notification preferences and, for themselves only, the feed.
    const email = 'sanni.submitter@kopiola.example';
    const prefs = { channels: ['in-app', 'email'], email, frequency: 'daily', language: 'fi', kinds: ['idea-stage', 'idea-comment'] };
    expectStatus(await call('PUT', '/api/me/notification-preferences', { token: submitter, body: prefs }), 200);
    const own = await call('GET', '/api/people/me/export', { token: submitter });
    expectStatus(own, 200);
    expect(own.body.notifications.preferences).toMatchObject({ email, frequency: 'daily' });
    expect(own.body.notifications.feed.length).toBe(feedBefore.body.items.length);
    expect(JSON.stringify(own.body)).not.toMatch(/commentBy|p_[0-9a-f]{8}/);
    const byAdmin = await call('GET', `/api/people/${encodeURIComponent('kopiola-submitter')}/export`, { token: admin });
    expectStatus(byAdmin, 200);
    expect(byAdmin.body.notifications).toMatchObject({ preferences: { email }, feed: null });

    expectStatus(await call('POST', `/api/people/${encodeURIComponent('kopiola-commenter')}/erase`, { token: admin }), 200);

    const after = await call('GET', `/api/ideas/${survivor}`, { token: submitter });
    expect(after.body.comments).toHaveLength(before.body.comments.length);
    expect(JSON.stringify(after.body)).not.toContain('Kaisa');
    expect(after.body.comments.map((c: { text: string }) => c.text)).toContain('[poistettu]');
    const feedAfter = await call('GET', '/api/me/notifications', { token: submitter });
    expect(feedAfter.body.items).toHaveLength(feedBefore.body.items.length);
    expect(JSON.stringify(feedAfter.body.items)).not.toContain('Kaisa');
    expect(JSON.stringify(feedAfter.body.items)).toContain('[poistettu]');
  }, TIMEOUT);
});
