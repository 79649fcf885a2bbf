// Shared scenario helpers for the ideas-api suites (embedded and real PostgreSQL).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLocalKeys, signLocalToken } from '#platform';
import { client, startTestApp, type Reply, type TestApp } from './app.js';

// ---------------------------------------------------------------------------------------------
// Shared scenario helpers
// ---------------------------------------------------------------------------------------------

export const TIMEOUT = 120_000;
export const METRIC = 'Henkilöstötyytyväisyys';

export type Action = 'review' | 'pilot' | 'measurements' | 'adopt' | 'reject' | 'withdraw' | 'comments' | 'support';

export const ideaBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'Yhteinen sähköinen varauskalenteri',
  description: 'Jokaisella talolla on oma vihkonsa, ja varaaminen vie aikaa.',
  problem: 'Varaaminen vie aikaa.',
  proposal: 'Yksi kalenteri kaikille.',
  unit: 'varhaiskasvatus',
  sector: 'education-and-early-childhood',
  themes: ['digitalisaatio'],
  language: 'fi',
  ...overrides,
});

export const actionBodies: Record<Action, Record<string, unknown> | undefined> = {
  review: { team: 'Muutosagentit' },
  pilot: {
    goal: 'Varaukset yhteen kalenteriin kolmessa talossa.',
    team: 'Pilottitiimi: viestintä',
    startsOn: '2026-01-15',
    endsOn: '2026-04-15',
    metrics: [{ name: METRIC, unit: '%', baseline: 62, target: 70 }],
  },
  measurements: { measurements: [{ metric: METRIC, value: 66, measuredOn: '2026-02-15' }] },
  adopt: { result: 'Käytössä kaikissa taloissa; tyytyväisyys +6 %.', metrics: [{ metric: METRIC, value: 68 }] },
  reject: { reason: 'Päällekkäinen jo käynnissä olevan hankkeen kanssa.' },
  withdraw: { reason: 'Keksin paremman.' },
  comments: { text: 'Hyvä idea!' },
  support: undefined,
};

/** Fails with the answer's body in the message, which says far more than "expected 201, got 400". */
export function expectStatus(reply: Reply, status: number): void {
  if (reply.status !== status) {
    throw new Error(`Expected HTTP ${status}, got ${reply.status}: ${typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)}`);
  }
}

/** An RFC 9457 problem with the given status. */
export function expectProblem(reply: Reply, status: number): void {
  expectStatus(reply, status);
  expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
  expect(reply.body).toMatchObject({ type: expect.stringMatching(/^https?:\/\/\S+$/), title: expect.any(String), status, detail: expect.any(String) });
  expect(reply.body.title.length).toBeGreaterThan(0);
  expect(reply.body.detail.length).toBeGreaterThan(0);
}

/** A 400 validation problem naming exactly these fields. */
export function expectInvalidFields(reply: Reply, fields: string[]): void {
  expectProblem(reply, 400);
  expect(Array.isArray(reply.body.errors)).toBe(true);
  for (const error of reply.body.errors) expect(error).toEqual({ field: expect.any(String), message: expect.any(String) });
  expect([...new Set(reply.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([...new Set(fields)].sort());
}

export interface Org {
  name: string;
  /** Submits ideas. */
  employee: string;
  /** Another employee of the same organisation. */
  colleague: string;
  /** Change agent of the organisation. */
  agent: string;
  /** Programme admin of the organisation. */
  admin: string;
}

let orgCounter = 0;
/** A fresh organisation with its people, so that tests never see each other's ideas. */
export async function newOrg(app: TestApp, prefix: string): Promise<Org> {
  const name = `${prefix}-${++orgCounter}-${randomBytes(3).toString('hex')}`;
  return {
    name,
    employee: await app.token(`${name}-employee`, name, 'employee'),
    colleague: await app.token(`${name}-colleague`, name, 'employee'),
    agent: await app.token(`${name}-agent`, name, 'change-agent'),
    admin: await app.token(`${name}-admin`, name, 'admin'),
  };
}

export type Step = Exclude<Action, 'comments' | 'support'>;

export function ideasApi(app: TestApp) {
  const call = client(app.baseUrl);

  async function submit(token: string, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const reply = await call('POST', '/api/ideas', { token, body: ideaBody(overrides), headers });
    expectStatus(reply, 201);
    return reply.body as { id: string; version: number; stage: string };
  }

  async function act(token: string, id: string, action: Action, body: unknown = actionBodies[action], headers: Record<string, string> = {}) {
    const reply = await call('POST', `/api/ideas/${id}/${action}`, { token, body, headers });
    expectStatus(reply, 200);
    return reply.body as { id: string; version: number; stage: string };
  }

  /** Submits an idea as the org's employee and moves it along `steps` (withdraw by the submitter, the rest by the change agent). */
  async function ideaAt(org: Org, steps: Step[], overrides: Record<string, unknown> = {}): Promise<string> {
    const { id } = await submit(org.employee, overrides);
    for (const step of steps) await act(step === 'withdraw' ? org.employee : org.agent, id, step);
    return id;
  }

  async function detail(token: string, id: string) {
    const reply = await call('GET', `/api/ideas/${id}`, { token });
    expectStatus(reply, 200);
    return reply.body;
  }

  async function list(token: string, query: Record<string, string> = {}) {
    const reply = await call('GET', `/api/ideas?${new URLSearchParams(query)}`, { token });
    expectStatus(reply, 200);
    return reply.body as { items: any[]; total: number; nextCursor: string | null };
  }

  async function funnel(token: string, query: Record<string, string> = {}) {
    const reply = await call('GET', `/api/funnel?${new URLSearchParams(query)}`, { token });
    expectStatus(reply, 200);
    return reply.body;
  }

  return { call, submit, act, ideaAt, detail, list, funnel };
}

export type IdeasApi = ReturnType<typeof ideasApi>;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Shared scenarios (also run on the real PostgreSQL server by the int spec)
// ---------------------------------------------------------------------------------------------

export async function happyPathThroughAdopt(app: TestApp, api: IdeasApi): Promise<void> {
  const org = await newOrg(app, 'happy');
  const submitted = await api.call('POST', '/api/ideas', { token: org.employee, body: ideaBody() });
  expectStatus(submitted, 201);
  const id = submitted.body.id;
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(submitted.headers.get('location')).toBe(`/api/ideas/${id}`);
  expect(submitted.headers.get('etag')).toBe('"1"');
  expect(submitted.body).toMatchObject({ id, version: 1, stage: 'submitted' });

  const steps: Array<[Action, string]> = [
    ['review', 'inReview'],
    ['pilot', 'piloting'],
    ['measurements', 'piloting'],
    ['adopt', 'adopted'],
  ];
  let version = 1;
  for (const [action, stage] of steps) {
    const reply = await api.call('POST', `/api/ideas/${id}/${action}`, { token: org.agent, body: actionBodies[action] });
    expectStatus(reply, 200);
    version++;
    expect(reply.body).toMatchObject({ id, version, stage });
    expect(reply.headers.get('etag')).toBe(`"${version}"`);
    // Read-your-writes: a plain GET right after the command sees it.
    const seen = await api.call('GET', `/api/ideas/${id}`, { token: org.employee });
    expectStatus(seen, 200);
    expect(seen.body).toMatchObject({ version, stage });
    expect(seen.headers.get('etag')).toBe(`"${version}"`);
    const listed = await api.list(org.employee, { stage });
    expect(listed.items.map((i) => i.id)).toEqual([id]);
    const funnel = await api.funnel(org.employee);
    expect(funnel.total).toBe(1);
    expect(funnel.counts[stage]).toBe(1);
  }

  const idea = await api.detail(org.employee, id);
  expect(idea).toMatchObject({
    id,
    title: 'Yhteinen sähköinen varauskalenteri',
    organisation: org.name,
    unit: 'varhaiskasvatus',
    sector: 'education-and-early-childhood',
    stage: 'adopted',
    version: 5,
    reviewTeam: 'Muutosagentit',
    pilot: { goal: expect.any(String), team: 'Pilottitiimi: viestintä', startsOn: '2026-01-15', endsOn: '2026-04-15', metrics: [{ name: METRIC, unit: '%', baseline: 62, target: 70 }] },
    measurements: [{ metric: METRIC, value: 66, measuredOn: '2026-02-15' }],
    result: { summary: 'Käytössä kaikissa taloissa; tyytyväisyys +6 %.', metrics: [{ metric: METRIC, value: 68 }] },
    submittedByMe: true,
  });
  expect(idea.history.map((h: any) => h.stage)).toEqual(['submitted', 'inReview', 'piloting', 'piloting', 'adopted']);
  expect(idea.history.map((h: any) => h.actorRole)).toEqual(['employee', 'change-agent', 'change-agent', 'change-agent', 'change-agent']);
  const times = idea.history.map((h: any) => Date.parse(h.at));
  for (const t of times) expect(Number.isNaN(t)).toBe(false);
  expect([...times].sort((a, b) => a - b)).toEqual(times);

  const funnel = await api.funnel(org.agent);
  expect(funnel).toMatchObject({
    organisation: org.name,
    total: 1,
    counts: { submitted: 0, inReview: 0, piloting: 0, adopted: 1, rejected: 0, withdrawn: 0 },
    conversion: { submittedToPiloting: 1, pilotingToAdopted: 1, submittedToAdopted: 1 },
  });
}

export async function illegalTransitionIs409(app: TestApp, api: IdeasApi): Promise<void> {
  const org = await newOrg(app, 'illegal');
  const { id } = await api.submit(org.employee);
  const reply = await api.call('POST', `/api/ideas/${id}/adopt`, { token: org.agent, body: actionBodies.adopt });
  expectProblem(reply, 409);
  // The detail says why, in words: the idea is submitted, adopting needs a pilot.
  expect(reply.body.detail).toMatch(/adopt/i);
  expect(reply.body.detail).toMatch(/submitted/);
  expect(reply.body.detail).toMatch(/pilot/);
  // Nothing changed.
  expect(await api.detail(org.employee, id)).toMatchObject({ stage: 'submitted', version: 1 });
}

export async function staleIfMatchIs412(app: TestApp, api: IdeasApi): Promise<void> {
  const org = await newOrg(app, 'ifmatch');
  const { id } = await api.submit(org.employee);
  const reviewed = await api.act(org.agent, id, 'review', actionBodies.review, { 'if-match': '"1"' });
  expect(reviewed).toMatchObject({ version: 2, stage: 'inReview' });
  const stale = await api.call('POST', `/api/ideas/${id}/reject`, { token: org.agent, body: actionBodies.reject, headers: { 'if-match': '"1"' } });
  expectProblem(stale, 412);
  expect(stale.body.currentVersion).toBe(2);
  expect(await api.detail(org.employee, id)).toMatchObject({ stage: 'inReview', version: 2 });
}

export async function idempotentSubmit(app: TestApp, api: IdeasApi): Promise<void> {
  const org = await newOrg(app, 'idem');
  const headers = { 'idempotency-key': `widget-retry-${randomBytes(4).toString('hex')}` };
  const first = await api.call('POST', '/api/ideas', { token: org.employee, body: ideaBody(), headers });
  const second = await api.call('POST', '/api/ideas', { token: org.employee, body: ideaBody(), headers });
  expectStatus(first, 201);
  expectStatus(second, 201);
  expect(second.body.id).toBe(first.body.id);
  expect(second.headers.get('location')).toBe(`/api/ideas/${first.body.id}`);
  expect(second.headers.get('etag')).toBe('"1"');
  expect((await api.list(org.employee)).items.map((i) => i.id)).toEqual([first.body.id]);

  // Another person using the same key creates an idea of their own.
  const other = await api.call('POST', '/api/ideas', { token: org.colleague, body: ideaBody(), headers });
  expectStatus(other, 201);
  expect(other.body.id).not.toBe(first.body.id);
  const all = await api.list(org.employee);
  expect(all.total).toBe(2);
  expect(all.items.map((i) => i.id).sort()).toEqual([first.body.id, other.body.id].sort());
}

export async function concurrentSupportsAllCounted(app: TestApp, api: IdeasApi, people = 10): Promise<void> {
  const org = await newOrg(app, 'concurrent');
  const { id } = await api.submit(org.employee);
  const tokens = await Promise.all(Array.from({ length: people }, (_, i) => app.token(`${org.name}-supporter-${i}`, org.name, 'employee')));
  const replies = await Promise.all(tokens.map((token) => api.call('POST', `/api/ideas/${id}/support`, { token })));
  // Shows what went wrong, if anything: the answers that were not 200.
  expect(replies.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body?.detail}`)).toEqual([]);
  // Every append got its own version.
  expect(replies.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: people }, (_, i) => i + 2));
  const idea = await api.detail(org.employee, id);
  expect(idea.supportCount).toBe(people);
  expect(idea.version).toBe(people + 1);
  // The second support of each person is refused.
  const again = await api.call('POST', `/api/ideas/${id}/support`, { token: tokens[0] });
  expectProblem(again, 409);
}

export async function readYourWritesLoop(app: TestApp, api: IdeasApi, iterations = 20): Promise<void> {
  const org = await newOrg(app, 'ryw');
  for (let i = 1; i <= iterations; i++) {
    const { id } = await api.submit(org.employee, { title: `Idea number ${i}`, anonymous: i % 2 === 0 });
    const listed = await api.list(org.employee, { limit: '100' });
    expect(listed.total).toBe(i);
    expect(listed.items.map((item) => item.id)).toContain(id);
    expect(await api.detail(org.colleague, id)).toMatchObject({ id, version: 1, stage: 'submitted' });
    // Earlier ideas are all in review by now; this one has just been submitted.
    expect(await api.funnel(org.agent)).toMatchObject({ total: i, counts: { submitted: 1, inReview: i - 1 } });

    await api.act(org.agent, id, 'review');
    const inReview = await api.list(org.colleague, { stage: 'inReview', limit: '100' });
    expect(inReview.total).toBe(i);
    expect(inReview.items.map((item) => item.id)).toContain(id);
    expect(await api.detail(org.employee, id)).toMatchObject({ version: 2, stage: 'inReview' });
    expect((await api.funnel(org.agent)).counts).toMatchObject({ submitted: 0, inReview: i });
  }
}
