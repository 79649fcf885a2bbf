// The authorisation matrix against the running API: every endpoint × every role × the target's own or another
// organisation, and without a token. Expectations come from the access policy (allowed → 2xx, refused → 403,
// no token → 401, public → 2xx either way); hand-written spot checks below do not read the policy at all.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { AUTHORIZE, isPolicyKey, matrixCell, POLICIES, POLICY_KEYS, ROLES, type PolicyKey, type Role } from '#platform';
import { client, startTestApp, type Reply, type TestApp } from './support/app.js';
import { actionBodies, expectProblem, expectStatus, ideaBody, ideasApi } from './support/ideas-scenarios.js';
import { deedBody, deedsApi, type DeedOrg } from './support/deeds-scenarios.js';
import { oggOpusAscii } from './support/media-fixtures.js';

const SETUP = 180_000;
const WALK = 420_000;

type Side = 'own' | 'other';
interface Cell {
  role: Role;
  side: Side;
  token: string;
  /** What the policy says this cell should get. */
  allowed: boolean;
}
interface Call {
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}
/** Builds the request for one cell; `cell` is undefined for the call without a token. */
type Target = (cell?: Cell) => Promise<Call>;

// Nest's route metadata keys (@nestjs/common/constants).
const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';

const sheet = (n: number) => ({ results: n, boldness: n, 'staff-driven': n, customer: n, transferability: n });
const iso = (ms: number) => new Date(ms).toISOString();
const sleepUntil = async (at: number) => {
  while (Date.now() < at) await new Promise((resolve) => setTimeout(resolve, Math.min(200, at - Date.now())));
};

describe('the authorisation matrix', () => {
  let app: TestApp;
  let call: ReturnType<typeof client>;
  const tag = randomBytes(3).toString('hex');
  const orgs = { own: `matrix-a-${tag}`, other: `matrix-b-${tag}`, third: `matrix-c-${tag}` };
  const subject = (role: Role) => `matrix-${tag}-${role}`;
  const tokens = new Map<string, string>();
  const tokenFor = async (role: Role, side: Side) => {
    const key = `${role}|${side}`;
    if (!tokens.has(key)) tokens.set(key, await app.token(subject(role), orgs[side], role));
    return tokens.get(key)!;
  };

  // People who prepare the data; none of them is a cell of the matrix.
  let author: string;
  let agent: string;
  let editorA: string;
  let editorC: string;
  let admin: string;
  let chair: string;
  const data = {} as {
    idea: string;
    draft: string;
    published: string;
    deedsC: string[];
    campaign: string;
    open: string;
    scored: string;
    conflicted: string;
    closing: string;
    finalists: string[];
    media: string;
  };

  beforeAll(async () => {
    app = await startTestApp();
    call = client(app.baseUrl);
    author = await app.token(`matrix-${tag}-author`, orgs.own, 'employee');
    agent = await app.token(`matrix-${tag}-agent`, orgs.own, 'change-agent');
    editorA = await app.token(`matrix-${tag}-editor-a`, orgs.own, 'org-editor');
    editorC = await app.token(`matrix-${tag}-editor-c`, orgs.third, 'org-editor');
    admin = await app.token(`matrix-${tag}-admin`, 'kunteko', 'admin');
    chair = await app.token(subject('jury-chair'), 'kunteko', 'jury-chair');
    const deeds = deedsApi(app);

    expectStatus(await call('POST', '/api/organisations', { token: admin, body: { id: orgs.own, names: { fi: 'Oma kunta', sv: 'Egen kommun' }, kind: 'municipality' } }), 201);
    data.idea = (await ideasApi(app).submit(author)).id;
    // An upload of the author's, carried by an idea of theirs: readable as that idea is.
    const uploaded = await call('POST', '/api/media', { token: author, rawBody: oggOpusAscii(), headers: { 'content-type': 'application/octet-stream' } });
    expectStatus(uploaded, 201);
    data.media = uploaded.body.id;
    expectStatus(await call('POST', '/api/ideas', { token: author, body: ideaBody({ organisation: orgs.own, media: [{ kind: 'audio', mediaId: data.media }] }) }), 201);
    data.draft = (await deeds.draft(editorA)).id;
    data.published = (await deeds.published({ editor: editorA } as DeedOrg));
    data.deedsC = [];
    for (const title of ['Teko C1', 'Teko C2', 'Teko C3', 'Teko C4']) data.deedsC.push(await deeds.published({ editor: editorC } as DeedOrg, { title }));
    const now = Date.now();
    data.campaign = await deeds.openCampaign(admin, { name: 'Matriisikampanja', startsAt: iso(now - 3_600_000), endsAt: iso(now + 86_400_000) });

    // An open season: the jury and chair of the matrix judge and steer its blind deeds series.
    const series = (key: string, kind: string, extra: Record<string, unknown> = {}) => ({
      key,
      kind,
      awards: 1,
      shortlistSize: 2,
      jurors: [{ subject: subject('juror'), organisation: 'kunteko' }],
      chair: subject('jury-chair'),
      ...extra,
    });
    const open = await call('POST', '/api/award-seasons', {
      token: admin,
      body: {
        year: new Date().getUTCFullYear(),
        name: `Matriisigaala ${tag}`,
        nominationOpensAt: iso(now - 3_600_000),
        nominationClosesAt: iso(now + 86_400_000),
        eligibleFrom: iso(now - 86_400_000),
        eligibleTo: iso(now + 86_400_000),
        galaAt: iso(now + 2 * 86_400_000),
        series: [series('teot', 'deeds', { blind: true })],
      },
    });
    expectStatus(open, 201);
    data.open = open.body.id;
    const nominate = async (season: string, seriesKey: string, deedId: string) => {
      const reply = await call('POST', `/api/award-seasons/${season}/nominations`, { token: admin, body: { series: seriesKey, deedId, justification: 'Hyvä teko.' } });
      expectStatus(reply, 201);
      return reply.body.id as string;
    };
    data.scored = await nominate(data.open, 'teot', data.deedsC[0]);
    data.conflicted = await nominate(data.open, 'teot', data.deedsC[1]);

    // A season whose nominations close and whose gala passes during the setup: rounds to close, awards to grant,
    // results to read.
    const start = Date.now();
    const closesAt = start + 6_000;
    const closing = await call('POST', '/api/award-seasons', {
      token: admin,
      body: {
        year: new Date().getUTCFullYear(),
        name: `Matriisigaala ${tag} (päättyvä)`,
        nominationOpensAt: iso(start - 3_600_000),
        nominationClosesAt: iso(closesAt),
        eligibleFrom: iso(start - 86_400_000),
        eligibleTo: iso(start + 86_400_000),
        galaAt: iso(closesAt + 1_000),
        series: [series('teot', 'deeds', { awards: 4, shortlistSize: 4 }), series('kierros-1', 'employees'), series('kierros-2', 'employees')],
      },
    });
    expectStatus(closing, 201);
    data.closing = closing.body.id;
    // One finalist to win per cell allowed to grant (the chair's and the admin's, each as own and other organisation).
    data.finalists = [];
    for (const deedId of data.deedsC) data.finalists.push(await nominate(data.closing, 'teot', deedId));
    await sleepUntil(closesAt + 1_200);
    // Unscored, they go through each round only when the chair includes them.
    for (let i = 0; i < 2; i++) {
      for (const nominationId of data.finalists) {
        const body = { series: 'teot', nominationId, action: 'include', reason: 'Molemmat jatkoon.' };
        expectStatus(await call('POST', `/api/award-seasons/${data.closing}/overrides`, { token: chair, body }), 200);
      }
      expectStatus(await call('POST', `/api/award-seasons/${data.closing}/rounds/close`, { token: chair, body: { series: 'teot' } }), 200);
    }
  }, SETUP);

  afterAll(async () => {
    await app?.close();
  });

  // ---- targets: shared for refused cells, fresh where an allowed cell changes state ----------------------------

  const ideas = () => ideasApi(app);
  const deeds = () => deedsApi(app);
  const freshIdea = async (steps: ('review' | 'pilot' | 'measurements' | 'adopt')[]) => {
    const { id } = await ideas().submit(author);
    for (const step of steps) await ideas().act(agent, id, step);
    return id;
  };
  /** An idea move: allowed cells get an idea at the right stage, the others the shared one. */
  const move = (action: 'review' | 'pilot' | 'measurements' | 'adopt' | 'reject', steps: ('review' | 'pilot' | 'measurements')[]): Target => async (cell) => ({
    method: 'POST',
    path: `/api/ideas/${cell?.allowed ? await freshIdea(steps) : data.idea}/${action}`,
    body: actionBodies[action],
  });
  const freshDraft = async () => (await deeds().draft(editorA)).id;
  const freshPublished = async () => deeds().published({ editor: editorA } as DeedOrg);
  const season = (path: string, body?: unknown): Target => async () => ({ method: path.startsWith('GET ') ? 'GET' : 'POST', path: `/api/award-seasons/${data.open}${path.replace(/^(GET|POST) /, '')}`, body });
  let round = 0;
  let erased = 0;
  let registered = 0;
  let renamed = 0;
  const finalists: string[] = [];

  const targets: Record<PolicyKey, Target> = {
    'ideas.submit': async () => ({ method: 'POST', path: '/api/ideas', body: ideaBody({ organisation: orgs.own }) }),
    'ideas.list': async () => ({ method: 'GET', path: `/api/ideas?organisation=${orgs.own}` }),
    'ideas.get': async () => ({ method: 'GET', path: `/api/ideas/${data.idea}` }),
    'ideas.review': move('review', []),
    'ideas.pilot': move('pilot', ['review']),
    'ideas.measurements': move('measurements', ['review', 'pilot']),
    'ideas.adopt': move('adopt', ['review', 'pilot']),
    'ideas.reject': move('reject', []),
    // The withdrawing cell submits its own idea first: "own" is own organisation and own idea.
    'ideas.withdraw': async (cell) => ({
      method: 'POST',
      path: `/api/ideas/${cell?.allowed ? (await ideas().submit(cell.token)).id : data.idea}/withdraw`,
      body: actionBodies.withdraw,
    }),
    'ideas.comment': async () => ({ method: 'POST', path: `/api/ideas/${data.idea}/comments`, body: actionBodies.comments }),
    'ideas.support': async () => ({ method: 'POST', path: `/api/ideas/${data.idea}/support` }),
    'ideas.funnel': async () => ({ method: 'GET', path: `/api/funnel?organisation=${orgs.own}` }),
    'ideas.similar': async () => ({ method: 'GET', path: `/api/ideas/similar?organisation=${orgs.own}&text=kahvinkeitin` }),
    // An allowed merge merges a fresh duplicate into another fresh idea.
    'ideas.merge': async (cell) => ({
      method: 'POST',
      path: `/api/ideas/${cell?.allowed ? await freshIdea([]) : data.idea}/merge`,
      body: { into: cell?.allowed ? await freshIdea([]) : data.idea },
    }),
    'ideas.activity': async () => ({ method: 'GET', path: `/api/funnel/activity?organisation=${orgs.own}` }),
    'media.upload': async () => ({ method: 'POST', path: `/api/media?organisation=${orgs.own}`, rawBody: oggOpusAscii(), headers: { 'content-type': 'application/octet-stream' } }),
    'media.get': async () => ({ method: 'GET', path: `/api/media/${data.media}` }),
    'ideas.to-deed': async (cell) => ({ method: 'POST', path: `/api/ideas/${cell?.allowed ? await freshIdea(['review', 'pilot', 'measurements', 'adopt']) : data.idea}/deed` }),

    'deeds.draft': async () => ({ method: 'POST', path: '/api/deeds', body: deedBody({ organisation: orgs.own }) }),
    'deeds.edit': async (cell) => ({ method: 'PUT', path: `/api/deeds/${cell?.allowed ? await freshDraft() : data.draft}`, body: deedBody({ title: 'Muokattu teko' }), headers: { 'if-match': '"1"' } }),
    'deeds.publish': async (cell) => ({ method: 'POST', path: `/api/deeds/${cell?.allowed ? await freshDraft() : data.draft}/publish` }),
    'deeds.unpublish': async (cell) => ({ method: 'POST', path: `/api/deeds/${cell?.allowed ? await freshPublished() : data.published}/unpublish`, body: { reason: 'Tiedot tarkistetaan.' } }),
    'deeds.list': async () => ({ method: 'GET', path: `/api/deeds?organisation=${orgs.own}` }),
    'deeds.get': async () => ({ method: 'GET', path: `/api/deeds/${data.draft}` }),

    'catalogue.search': async () => ({ method: 'GET', path: '/api/catalogue/deeds' }),
    'catalogue.get': async () => ({ method: 'GET', path: `/api/catalogue/deeds/${data.published}` }),
    'catalogue.stats': async () => ({ method: 'GET', path: '/api/catalogue/stats' }),

    'campaigns.open': async () => ({ method: 'POST', path: '/api/campaigns', body: { name: 'Uusi kampanja', startsAt: iso(Date.now()), endsAt: iso(Date.now() + 86_400_000) } }),
    'campaigns.list': async () => ({ method: 'GET', path: '/api/campaigns' }),
    'campaigns.get': async () => ({ method: 'GET', path: `/api/campaigns/${data.campaign}` }),
    'campaigns.standings': async () => ({ method: 'GET', path: `/api/campaigns/${data.campaign}/standings` }),
    // An allowed close needs a campaign that has just ended and is still open.
    'campaigns.close': async (cell) => {
      if (!cell?.allowed) return { method: 'POST', path: `/api/campaigns/${data.campaign}/close` };
      const id = await deeds().openCampaign(admin, { name: 'Päättynyt kampanja', startsAt: iso(Date.now() - 7_200_000), endsAt: iso(Date.now() - 1_000) });
      return { method: 'POST', path: `/api/campaigns/${id}/close` };
    },

    'awards.open': async () => ({
      method: 'POST',
      path: '/api/award-seasons',
      body: {
        year: new Date().getUTCFullYear(),
        name: 'Uusi gaala',
        nominationOpensAt: iso(Date.now()),
        nominationClosesAt: iso(Date.now() + 86_400_000),
        eligibleFrom: iso(Date.now() - 86_400_000),
        eligibleTo: iso(Date.now()),
        galaAt: iso(Date.now() + 2 * 86_400_000),
        series: [{ kind: 'deeds', awards: 1, jurors: [{ subject: subject('juror'), organisation: 'kunteko' }], chair: subject('jury-chair') }],
      },
    }),
    // Renaming the open season: allowed after its nominations, until the results are announced.
    'awards.revise': async () => ({ method: 'PATCH', path: `/api/award-seasons/${data.open}`, body: { name: `Matriisigaala ${tag} (${++renamed})` } }),
    'awards.list': async () => ({ method: 'GET', path: '/api/award-seasons' }),
    'awards.get': async () => ({ method: 'GET', path: `/api/award-seasons/${data.open}` }),
    // Nominating the own organisation's published deed (merges after the first).
    'awards.nominate': async () => ({ method: 'POST', path: `/api/award-seasons/${data.open}/nominations`, body: { series: 'teot', deedId: data.published, justification: 'Oma teko.' } }),
    'awards.nominations': season('GET /nominations'),
    'awards.our-nominations': season(`GET /our-nominations?organisation=${orgs.own}`),
    'awards.score': async () => ({ method: 'POST', path: `/api/nominations/${data.scored}/scores`, body: { scores: sheet(4) } }),
    'awards.conflict': async () => ({ method: 'POST', path: `/api/nominations/${data.conflicted}/conflicts`, body: { reason: 'Tunnen tekijät.' } }),
    'awards.shortlist': season('GET /shortlist?series=teot'),
    'awards.progress': season('GET /progress?series=teot'),
    'awards.override': async () => ({ method: 'POST', path: `/api/award-seasons/${data.open}/overrides`, body: { series: 'teot', nominationId: data.scored, action: 'include', reason: 'Teema tarvitsee edustajan.' } }),
    'awards.reveal': season('/reveal', { series: 'teot' }),
    'awards.close-round': async (cell) => ({
      method: 'POST',
      path: `/api/award-seasons/${data.closing}/rounds/close`,
      body: { series: cell?.allowed ? `kierros-${++round}` : 'kierros-1' },
    }),
    'awards.grant': async (cell) => {
      if (finalists.length === 0) finalists.push(...data.finalists);
      return { method: 'POST', path: `/api/award-seasons/${data.closing}/awards`, body: { nominationId: cell?.allowed ? finalists.shift() : data.finalists[0], category: 'winner' } };
    },
    'awards.proposals': season('GET /proposals?series=teot'),
    'awards.accept-proposal': async () => ({ method: 'POST', path: `/api/award-seasons/${data.open}/proposals/accept`, body: { series: 'teot', deedId: data.deedsC[2] } }),
    'awards.audit': season('GET /audit'),
    'awards.results': async () => ({ method: 'GET', path: `/api/award-seasons/${data.closing}/results` }),
    'awards.mine': async () => ({ method: 'GET', path: '/api/awards/mine' }),

    'organisations.list': async () => ({ method: 'GET', path: '/api/organisations' }),
    'organisations.register': async () => ({
      method: 'POST',
      path: '/api/organisations',
      body: { id: `matrix-${tag}-${++registered}`, names: { fi: 'Matriisin kunta', sv: 'Matrisens kommun' }, kind: 'municipality' },
    }),
    'organisations.rename': async () => ({ method: 'PATCH', path: `/api/organisations/${orgs.own}`, body: { names: { en: `Matrix ${++registered}` } } }),

    'units.import': async () => ({
      method: 'POST',
      path: `/api/organisations/${orgs.own}/units`,
      rawBody: 'unit,headcount,valid_from\nhoito,40,2025-01-01\n',
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    }),
    'units.list': async () => ({ method: 'GET', path: `/api/organisations/${orgs.own}/units` }),
    'incentives.publish': async () => ({
      method: 'POST',
      path: `/api/organisations/${orgs.own}/incentive-rules`,
      body: { name: 'Perusmalli', points: { IdeaSubmitted: 1, IdeaAdopted: 5 }, bonuses: [] },
    }),
    'incentives.list': async () => ({ method: 'GET', path: `/api/organisations/${orgs.own}/incentive-rules` }),
    'activity.get': async () => ({ method: 'GET', path: `/api/activity?organisation=${orgs.own}` }),
    'open-data.catalogue': async () => ({ method: 'GET', path: '/api/open-data/catalogue.json' }),
    'open-data.funnel': async () => ({ method: 'GET', path: '/api/open-data/funnel.csv' }),
    'open-data.activity': async () => ({ method: 'GET', path: '/api/open-data/activity.csv' }),

    'notifications.preferences': async () => ({ method: 'GET', path: '/api/me/notification-preferences' }),
    'notifications.set-preferences': async () => ({
      method: 'PUT',
      path: '/api/me/notification-preferences',
      body: { channels: ['in-app'], frequency: 'immediately', language: 'fi', kinds: ['idea-stage', 'idea-comment'] },
    }),
    'notifications.list': async () => ({ method: 'GET', path: '/api/me/notifications' }),
    // An allowed cell marks a notification of its own: its person submits an idea and a colleague comments on it.
    'notifications.read': async (cell) => {
      if (!cell?.allowed) return { method: 'POST', path: `/api/me/notifications/${randomUUID()}/read` };
      const org = JSON.parse(Buffer.from(cell.token.split('.')[1], 'base64url').toString()).org as string;
      const { id } = await ideas().submit(cell.token);
      const colleague = await app.token(`matrix-${tag}-colleague`, org, 'employee');
      expectStatus(await call('POST', `/api/ideas/${id}/comments`, { token: colleague, body: actionBodies.comments }), 200);
      const feed = await call('GET', '/api/me/notifications', { token: cell.token });
      expectStatus(feed, 200);
      const notification = (feed.body.items as { id: string; read: boolean }[]).find((n) => !n.read);
      if (!notification) throw new Error(`no notification for the ${cell.role} cell`);
      return { method: 'POST', path: `/api/me/notifications/${notification.id}/read` };
    },
    'notifications.read-all': async () => ({ method: 'POST', path: '/api/me/notifications/read-all' }),

    'people.export-own': async () => ({ method: 'GET', path: '/api/people/me/export' }),
    'people.export': async () => ({ method: 'GET', path: `/api/people/${encodeURIComponent(`matrix-${tag}-author`)}/export` }),
    // An allowed erasure erases a person of its own, who has just submitted an idea.
    'people.erase': async (cell) => {
      if (!cell?.allowed) return { method: 'POST', path: `/api/people/${encodeURIComponent(`matrix-${tag}-author`)}/erase` };
      const person = `matrix-${tag}-erasable-${++erased}`;
      await ideas().submit(await app.token(person, orgs.own, 'employee'));
      return { method: 'POST', path: `/api/people/${encodeURIComponent(person)}/erase` };
    },

    'sign-in.config': async () => ({ method: 'GET', path: '/api/config' }),
    'sign-in.development': async () => ({ method: 'POST', path: '/api/development/sign-in', body: { subject: `matrix-${tag}-developer`, organisation: orgs.own, roles: ['employee'] } }),
    'ops.live': async () => ({ method: 'GET', path: '/health/live' }),
    'ops.ready': async () => ({ method: 'GET', path: '/health/ready' }),
    'ops.metrics': async () => ({ method: 'GET', path: '/metrics' }),
  };

  const send = (request: Call, token?: string): Promise<Reply> => call(request.method, request.path, { token, body: request.body, rawBody: request.rawBody, headers: request.headers });

  it('covers every route the API serves, and every policy line is a route', () => {
    const served: string[] = [];
    for (const module of app.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as { prototype: Record<string, unknown> } | null;
        if (!type) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
        for (const name of Object.getOwnPropertyNames(type.prototype)) {
          const handler = type.prototype[name];
          if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
          const key = Reflect.getMetadata(AUTHORIZE, handler);
          // Every handler names a line of the policy, and that line describes this very route.
          expect({ route: `${method} ${path}`, key, known: isPolicyKey(key) }).toEqual({ route: `${method} ${path}`, key, known: true });
          expect({ key, route: POLICIES[key as PolicyKey].route }).toEqual({ key, route: `${method} ${path}` });
          served.push(key);
        }
      }
    }
    expect([...served].sort()).toEqual([...POLICY_KEYS].sort());
    // The walk below has a target for every line too.
    expect(Object.keys(targets).sort()).toEqual([...POLICY_KEYS].sort());
  });

  it('answers every cell as the policy says: allowed 2xx, refused 403, no token 401, public 2xx', async () => {
    const failures: string[] = [];
    const check = (label: string, reply: Reply, expected: 'ok' | 403 | 401) => {
      const ok = expected === 'ok' ? reply.status >= 200 && reply.status < 300 : reply.status === expected;
      if (!ok) failures.push(`${label}: expected ${expected}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
      else if (expected !== 'ok') expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    };
    let cells = 0;
    for (const key of POLICY_KEYS) {
      for (const role of ROLES) {
        for (const side of ['own', 'other'] as Side[]) {
          const expected = matrixCell(key, role, side);
          const cell: Cell = { role, side, token: await tokenFor(role, side), allowed: expected !== 'denied' };
          const request = await targets[key](cell);
          check(`${key} ${role}/${side} ${request.method} ${request.path}`, await send(request, cell.token), expected === 'denied' ? 403 : 'ok');
          cells++;
        }
      }
      const anonymous = await targets[key]();
      check(`${key} without a token`, await send(anonymous), POLICIES[key].access === 'public' ? 'ok' : 401);
      cells++;
    }
    expect(failures).toEqual([]);
    expect(cells).toBe(POLICY_KEYS.length * (ROLES.length * 2 + 1));
  }, WALK);

  it('agrees with checks written by hand, without the policy', async () => {
    const own = orgs.own;
    const other = orgs.other;
    const employeeOwn = await app.token(`spot-${tag}-employee`, own, 'employee');
    const employeeOther = await app.token(`spot-${tag}-employee`, other, 'employee');
    const agentOther = await app.token(`spot-${tag}-agent`, other, 'change-agent');
    const adminOwn = await app.token(`spot-${tag}-admin`, own, 'admin');
    const editorOther = await app.token(`spot-${tag}-editor`, other, 'org-editor');
    const outsiderJuror = await app.token(`spot-${tag}-juror`, own, 'juror');
    const otherChair = await app.token(`spot-${tag}-chair`, own, 'jury-chair');
    const idea = (await ideas().submit(author)).id;

    // Employees see their own organisation's ideas, not others'.
    expectStatus(await call('GET', `/api/ideas/${idea}`, { token: employeeOwn }), 200);
    expectProblem(await call('GET', `/api/ideas/${idea}`, { token: employeeOther }), 403);
    expectProblem(await call('GET', `/api/ideas?organisation=${own}`, { token: employeeOther }), 403);
    expectStatus(await call('GET', `/api/ideas?organisation=${own}`, { token: admin }), 200);
    // Change agents move their own organisation's ideas; an admin is not a change agent.
    expectProblem(await call('POST', `/api/ideas/${idea}/review`, { token: agentOther, body: actionBodies.review }), 403);
    expectProblem(await call('POST', `/api/ideas/${idea}/review`, { token: adminOwn, body: actionBodies.review }), 403);
    expectStatus(await call('POST', `/api/ideas/${idea}/review`, { token: agent, body: actionBodies.review }), 200);
    // Only the submitter withdraws.
    expectProblem(await call('POST', `/api/ideas/${idea}/withdraw`, { token: employeeOwn }), 403);
    expectStatus(await call('POST', `/api/ideas/${idea}/withdraw`, { token: author }), 200);
    // Editors publish only their own organisation's deeds.
    const draft = (await deeds().draft(editorA)).id;
    expectProblem(await call('POST', `/api/deeds/${draft}/publish`, { token: editorOther }), 403);
    expectProblem(await call('GET', `/api/deeds?organisation=${own}`, { token: editorOther }), 403);
    expectProblem(await call('POST', `/api/award-seasons/${data.open}/nominations`, { token: editorOther, body: { series: 'teot', deedId: data.published } }), 403);
    // The public: published deeds and released results only.
    expectStatus(await call('GET', '/api/catalogue/deeds'), 200);
    expectProblem(await call('GET', `/api/catalogue/deeds/${draft}`), 404);
    expectProblem(await call('GET', '/api/ideas'), 401);
    expectProblem(await call('GET', `/api/deeds/${draft}`), 401);
    expectProblem(await call('GET', `/api/award-seasons/${data.open}/results`), 404);
    expectStatus(await call('GET', `/api/award-seasons/${data.closing}/results`), 200);
    // Jurors see and score only their series; chairs steer only theirs.
    expectProblem(await call('GET', `/api/award-seasons/${data.open}/nominations`, { token: outsiderJuror }), 403);
    expectProblem(await call('POST', `/api/nominations/${data.scored}/scores`, { token: outsiderJuror, body: { scores: sheet(3) } }), 403);
    expectProblem(await call('GET', `/api/award-seasons/${data.open}/shortlist?series=teot`, { token: otherChair }), 403);
    expectProblem(await call('POST', `/api/award-seasons/${data.open}/reveal`, { token: otherChair, body: { series: 'teot' } }), 403);
    expectStatus(await call('GET', `/api/award-seasons/${data.open}/shortlist?series=teot`, { token: chair }), 200);
    // A route that names no policy line would be refused: the guard knows no public default.
    expect(isPolicyKey('ideas.everything')).toBe(false);
  }, SETUP);
});
