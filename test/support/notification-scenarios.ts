// Shared scenarios for the notification suites (embedded and real PostgreSQL).
import { parseToken } from '#event-store';
import type { TestApp } from './app.js';
import { expectInvalidFields, expectProblem, expectStatus, ideasApi, newOrg, type Org } from './ideas-scenarios.js';

export function notificationsApi(app: TestApp) {
  const api = ideasApi(app);
  const { call } = api;
  // Reads carry the token of the latest write, so a busy machine cannot make the feed look behind.
  let latest: string | undefined;
  const track = <T,>(body: T): T => {
    const token = (body as { consistencyToken?: string }).consistencyToken;
    if (token) latest = token;
    return body;
  };
  const submit: typeof api.submit = async (...args) => track(await api.submit(...args));
  const act: typeof api.act = async (...args) => track(await api.act(...args));

  async function setPreferences(token: string, body: Record<string, unknown>) {
    const reply = await call('PUT', '/api/me/notification-preferences', { token, body });
    expectStatus(reply, 200);
    latest = reply.headers.get('x-consistency-token') ?? latest;
    return reply.body;
  }

  async function feed(token: string, query: Record<string, string> = {}) {
    const reply = await call('GET', `/api/me/notifications?${new URLSearchParams(query)}`, { token, headers: latest ? { 'x-consistency-token': latest } : {} });
    expectStatus(reply, 200);
    return reply.body as { items: { id: string; kind: string; subject: string; text: string; link: string | null; read: boolean; at: string }[]; unread: number; nextCursor: string | null };
  }

  /** Waits until the projections (the notifier among them) have everything written so far. */
  async function settled(): Promise<void> {
    if (latest && !(await app.runtime.runner.waitFor(parseToken(latest)!, 60_000))) throw new Error('projections did not catch up within 60 s');
  }

  return { ...api, submit, act, setPreferences, feed, settled };
}

export type NotificationsApi = ReturnType<typeof notificationsApi>;

/** A submitter hears of every step of their idea, in the app, in the language they chose; never of their own acts. */
export async function submitterFollowsTheirIdea(app: TestApp, api: NotificationsApi): Promise<void> {
  const org = await newOrg(app, 'notify');
  await api.setPreferences(org.employee, { channels: ['in-app'], frequency: 'immediately', language: 'en', kinds: ['idea-stage', 'idea-comment', 'idea-deed', 'idea-award', 'idea-merged'] });
  const { id } = await api.submit(org.employee, { title: 'Shared booking calendar' });
  await api.act(org.employee, id, 'comments', { text: 'My own note' });
  await api.act(org.colleague, id, 'comments', { text: 'We need this in the library too.' });
  await api.act(org.agent, id, 'review');
  await api.act(org.agent, id, 'pilot');
  const feed = await api.feed(org.employee);
  expect(feed.items.map((n) => n.kind)).toEqual(['idea-stage', 'idea-stage', 'idea-comment']);
  expect(feed.items[0]).toMatchObject({ subject: 'Your idea is now being piloted', link: `/api/ideas/${id}`, read: false });
  expect(feed.items[2].text).toBe('Your idea "Shared booking calendar" has a new comment: We need this in the library too.');
  expect(feed.unread).toBe(3);
  // Nothing reached the colleague who commented, nor anyone outside.
  expect((await api.feed(org.colleague)).items).toEqual([]);
}

/** An anonymous idea's submitter is reached through their pseudonym: nobody else can tell who they are. */
export async function anonymousSubmitterIsNotified(app: TestApp, api: NotificationsApi): Promise<void> {
  const org = await newOrg(app, 'anon');
  const { id } = await api.submit(org.employee, { anonymous: true, title: 'Nimetön idea' });
  await api.act(org.agent, id, 'reject', { reason: 'Ei resursseja.' });
  const feed = await api.feed(org.employee);
  expect(feed.items).toHaveLength(1);
  expect(feed.items[0]).toMatchObject({ kind: 'idea-stage', subject: 'Ideasi on nyt hylätty', text: 'Ideasi "Nimetön idea" on nyt hylätty. Perustelu: Ei resursseja.' });
  const detail = await api.detail(org.agent, id);
  expect(JSON.stringify(detail)).not.toContain(org.name + '-employee');
}

/** Read one, read all; unread counts follow; another person's notification is not found. */
export async function markingAsRead(app: TestApp, api: NotificationsApi): Promise<void> {
  const org = await newOrg(app, 'read');
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push((await api.submit(org.employee, { title: `Idea ${i}` })).id);
  for (const id of ids) await api.act(org.agent, id, 'review');
  const feed = await api.feed(org.employee);
  expect(feed.unread).toBe(3);
  const first = feed.items[0].id;
  const reply = await api.call('POST', `/api/me/notifications/${first}/read`, { token: org.employee });
  expectStatus(reply, 200);
  expect(reply.body).toEqual({ id: first, read: true, unread: 2 });
  expectProblem(await api.call('POST', `/api/me/notifications/${first}/read`, { token: org.colleague }), 404);
  expectProblem(await api.call('POST', `/api/me/notifications/not-a-uuid/read`, { token: org.employee }), 404);
  const unreadOnly = await api.feed(org.employee, { unread: 'true' });
  expect(unreadOnly.items.map((n) => n.id)).not.toContain(first);
  expect(unreadOnly.items).toHaveLength(2);
  const all = await api.call('POST', '/api/me/notifications/read-all', { token: org.employee });
  expectStatus(all, 200);
  expect(all.body).toEqual({ marked: 2, unread: 0 });
  expect((await api.feed(org.employee)).items.every((n) => n.read)).toBe(true);
}

/** Pages through the feed with the cursor, newest first, every item once. */
export async function feedPages(app: TestApp, api: NotificationsApi): Promise<void> {
  const org = await newOrg(app, 'pages');
  const { id } = await api.submit(org.employee);
  for (let i = 0; i < 5; i++) await api.act(org.colleague, id, 'comments', { text: `Kommentti ${i}` });
  await api.settled();
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<NotificationsApi['feed']>> = await api.feed(org.employee, { limit: '2', ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((n) => n.text));
    cursor = page.nextCursor;
  } while (cursor);
  expect(seen.map((t) => t.slice(-11))).toEqual(['Kommentti 4', 'Kommentti 3', 'Kommentti 2', 'Kommentti 1', 'Kommentti 0']);
  expectInvalidFields(await api.call('GET', '/api/me/notifications?cursor=abc', { token: org.employee }), ['cursor']);
  expectInvalidFields(await api.call('GET', '/api/me/notifications?limit=1000', { token: org.employee }), ['limit']);
}

/** Preferences: defaults, validation, storage; a kind turned off is not notified. */
export async function preferencesRoundTrip(app: TestApp, api: NotificationsApi): Promise<void> {
  const org = await newOrg(app, 'prefs');
  const initial = await api.call('GET', '/api/me/notification-preferences', { token: org.employee });
  expectStatus(initial, 200);
  expect(initial.body).toMatchObject({ channels: ['in-app'], frequency: 'immediately', language: 'fi', set: false, email: null });
  expectInvalidFields(
    await api.call('PUT', '/api/me/notification-preferences', { token: org.employee, body: { channels: ['fax'], frequency: 'hourly', language: 'de', kinds: ['everything'], email: 'not-an-address' } }),
    ['channels', 'frequency', 'language', 'kinds', 'email'],
  );
  const noAddress = await api.call('PUT', '/api/me/notification-preferences', { token: org.employee, body: { channels: ['email'], frequency: 'daily', language: 'sv', kinds: [] } });
  expectProblem(noAddress, 400);
  const saved = await api.setPreferences(org.employee, { channels: ['in-app'], frequency: 'immediately', language: 'sv', kinds: ['idea-stage'] });
  expect(saved).toMatchObject({ set: true, version: 1, language: 'sv' });
  // The same again writes nothing new.
  expect(await api.setPreferences(org.employee, { channels: ['in-app'], frequency: 'immediately', language: 'sv', kinds: ['idea-stage'] })).toMatchObject({ version: 1 });
  const read = await api.call('GET', '/api/me/notification-preferences', { token: org.employee });
  expect(read.body).toEqual({ channels: ['in-app'], email: null, frequency: 'immediately', language: 'sv', kinds: ['idea-stage'], set: true, version: 1 });
  const { id } = await api.submit(org.employee);
  await api.act(org.colleague, id, 'comments', { text: 'Kommentti' });
  await api.act(org.agent, id, 'review');
  const feed = await api.feed(org.employee);
  expect(feed.items.map((n) => n.subject)).toEqual(['Din idé är nu under bedömning']);
}

/** Change agents of the organisation (known from their acts or their preferences) hear of new ideas; others do not. */
export async function changeAgentsHearOfNewIdeas(app: TestApp, api: NotificationsApi): Promise<Org> {
  const org = await newOrg(app, 'agents');
  const other = await newOrg(app, 'agents-other');
  await api.setPreferences(org.agent, { channels: ['in-app'], frequency: 'daily', language: 'fi', kinds: ['new-ideas'] });
  await api.setPreferences(other.agent, { channels: ['in-app'], frequency: 'daily', language: 'fi', kinds: ['new-ideas'] });
  await api.submit(org.employee, { title: 'Uusi kahvinkeitin', unit: 'kirjasto' });
  const feed = await api.feed(org.agent);
  expect(feed.items).toHaveLength(1);
  expect(feed.items[0]).toMatchObject({ kind: 'new-ideas', text: 'Uusi idea: "Uusi kahvinkeitin" (kirjasto)' });
  expect((await api.feed(other.agent)).items).toEqual([]);
  expect((await api.feed(org.colleague)).items).toEqual([]);
  return org;
}

/**
 * Everyone who supported an idea hears when it moves on, once per step, as a kind of its own; the person who moved it
 * is not told of their own act, and a supporter who turned the kind off is not told at all.
 */
export async function supportersFollowTheIdea(app: TestApp, api: NotificationsApi): Promise<void> {
  const org = await newOrg(app, 'supporters');
  const quiet = await app.token(`${org.name}-quiet`, org.name, 'employee');
  await api.setPreferences(org.colleague, { channels: ['in-app'], frequency: 'immediately', language: 'en', kinds: ['supported-idea-stage'] });
  await api.setPreferences(quiet, { channels: ['in-app'], frequency: 'immediately', language: 'fi', kinds: ['idea-stage'] });
  const { id } = await api.submit(org.employee, { title: 'Shared booking calendar' });
  for (const token of [org.colleague, quiet, org.agent]) await api.act(token, id, 'support');
  await api.act(org.agent, id, 'review');
  await api.act(org.agent, id, 'reject', { reason: 'No budget this year.' });

  const colleague = await api.feed(org.colleague);
  expect(colleague.items.map((n) => [n.kind, n.subject])).toEqual([
    ['supported-idea-stage', 'An idea you support is now rejected'],
    ['supported-idea-stage', 'An idea you support is now in review'],
  ]);
  expect(colleague.items[0]).toMatchObject({ text: 'The idea you support, "Shared booking calendar", is now rejected. Reason: No budget this year.', link: `/api/ideas/${id}` });
  // The submitter hears as the submitter, once per step; the agent who moved it and the supporter who opted out, nothing.
  expect((await api.feed(org.employee)).items.map((n) => n.kind)).toEqual(['idea-stage', 'idea-stage']);
  expect((await api.feed(org.agent)).items).toEqual([]);
  expect((await api.feed(quiet)).items).toEqual([]);

  // Rebuilding the notifier refills whom it knows and adds nothing twice.
  await api.settled();
  const [projection] = app.runtime.runner.projectionsNamed(['notifications']);
  await app.runtime.runner.rebuild(projection);
  const [known] = await app.runtime.dataSource.query('SELECT count(*)::int AS n FROM notification_supporters WHERE idea_id = $1', [id]);
  expect(known.n).toBe(3);
  expect((await api.feed(org.colleague)).items).toHaveLength(2);
}
