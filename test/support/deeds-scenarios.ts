// Shared scenario helpers for the deeds-api suites (embedded and real PostgreSQL).
import { randomBytes } from 'node:crypto';
import { client, startTestApp, type TestApp } from './app.js';
import { actionBodies, expectInvalidFields, expectProblem, expectStatus, ideasApi, METRIC, TIMEOUT, type Org } from './ideas-scenarios.js';

export { TIMEOUT };

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Anything that a browser would read as the start of a tag. */
export const TAG_START = /<[a-zA-Z/!?]/;

export const deedBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'Kuvalliset päiväjärjestykset varhaiskasvatukseen',
  aim: 'Lasten päivän kulku selkeämmäksi ja siirtymät rauhallisemmiksi.',
  achieved: 'Siirtymät nopeutuivat ja lapset tietävät, mitä seuraavaksi tapahtuu.',
  metrics: [{ name: 'Siirtymien kesto', value: 8, unit: 'min', baseline: 12 }],
  unit: 'varhaiskasvatus',
  sector: 'education-and-early-childhood',
  themes: ['saavutettavuus'],
  size: 'small',
  scope: 'unit',
  participants: ['staff', 'supervisors'],
  periodFrom: '2026-01-15',
  periodTo: '2026-04-15',
  language: 'fi',
  ...overrides,
});

export interface DeedOrg extends Org {
  /** Organisation editor: drafts, edits, publishes and unpublishes the organisation's deeds. */
  editor: string;
}

let orgCounter = 0;
/** A fresh organisation with its people, so that tests never see each other's deeds. */
export async function newDeedOrg(app: TestApp, prefix: string): Promise<DeedOrg> {
  const name = `${prefix}-${++orgCounter}-${randomBytes(3).toString('hex')}`;
  return {
    name,
    employee: await app.token(`${name}-employee`, name, 'employee'),
    colleague: await app.token(`${name}-colleague`, name, 'employee'),
    agent: await app.token(`${name}-agent`, name, 'change-agent'),
    admin: await app.token(`${name}-admin`, name, 'admin'),
    editor: await app.token(`${name}-editor`, name, 'org-editor'),
  };
}

export const programmeAdmin = (app: TestApp) => app.token('programme-admin', 'kunteko', 'admin');

export function deedsApi(app: TestApp) {
  const call = client(app.baseUrl);
  const ideas = ideasApi(app);

  async function draft(token: string, overrides: Record<string, unknown> = {}) {
    const reply = await call('POST', '/api/deeds', { token, body: deedBody(overrides) });
    expectStatus(reply, 201);
    return reply.body as { id: string; version: number; status: string; revision: number };
  }

  async function publish(token: string, id: string) {
    const reply = await call('POST', `/api/deeds/${id}/publish`, { token });
    expectStatus(reply, 200);
    return reply.body as { id: string; version: number; status: string; revision: number };
  }

  async function edit(token: string, id: string, version: number, overrides: Record<string, unknown> = {}) {
    const reply = await call('PUT', `/api/deeds/${id}`, { token, body: deedBody(overrides), headers: { 'if-match': `"${version}"` } });
    expectStatus(reply, 200);
    return reply.body as { id: string; version: number; status: string; revision: number };
  }

  async function unpublish(token: string, id: string, reason = 'Tiedot päivitetään.') {
    const reply = await call('POST', `/api/deeds/${id}/unpublish`, { token, body: { reason } });
    expectStatus(reply, 200);
    return reply.body as { id: string; version: number; status: string; revision: number };
  }

  /** Drafts and publishes a deed as the organisation's editor; returns its id. */
  async function published(org: DeedOrg, overrides: Record<string, unknown> = {}): Promise<string> {
    const { id } = await draft(org.editor, overrides);
    await publish(org.editor, id);
    return id;
  }

  async function editorView(token: string, id: string) {
    const reply = await call('GET', `/api/deeds/${id}`, { token });
    expectStatus(reply, 200);
    return reply.body;
  }

  async function search(query: Record<string, string> = {}) {
    const reply = await call('GET', `/api/catalogue/deeds?${new URLSearchParams(query)}`);
    expectStatus(reply, 200);
    return reply.body as { items: any[]; total: number; nextCursor: string | null; facets: Record<'sector' | 'theme' | 'organisation' | 'year', Record<string, number>> };
  }

  const ids = async (query: Record<string, string>) => (await search(query)).items.map((item) => item.id as string);

  async function catalogueDeed(id: string) {
    const reply = await call('GET', `/api/catalogue/deeds/${id}`);
    expectStatus(reply, 200);
    return reply.body;
  }

  async function stats() {
    const reply = await call('GET', '/api/catalogue/stats');
    expectStatus(reply, 200);
    return reply.body as { total: number; perYear: Record<string, number>; perSector: Record<string, number>; perOrganisation: Record<string, number> };
  }

  async function openCampaign(token: string, body: Record<string, unknown>) {
    const reply = await call('POST', '/api/campaigns', { token, body });
    expectStatus(reply, 201);
    expect(reply.headers.get('location')).toBe(`/api/campaigns/${reply.body.id}`);
    return reply.body.id as string;
  }

  async function standings(id: string) {
    const reply = await call('GET', `/api/campaigns/${id}/standings`);
    expectStatus(reply, 200);
    return reply.body as { campaignId: string; phase: string; mostInventive: string | null; standings: any[] };
  }

  async function campaign(id: string) {
    const reply = await call('GET', `/api/campaigns/${id}`);
    expectStatus(reply, 200);
    return reply.body;
  }

  /** An idea moved submit → review → pilot → measurements → adopt by the organisation's employee and change agent. */
  const adoptedIdea = (org: DeedOrg, overrides: Record<string, unknown> = {}) => ideas.ideaAt(org, ['review', 'pilot', 'measurements', 'adopt'], overrides);

  return { call, ideas, draft, publish, edit, unpublish, published, editorView, search, ids, catalogueDeed, stats, openCampaign, standings, campaign, adoptedIdea };
}

export type DeedsApi = ReturnType<typeof deedsApi>;

/** Rebuilds every projection from the events, as `npm run projections:rebuild` does. */
export async function rebuildAll(app: TestApp): Promise<number> {
  const runner = app.runtime.runner;
  let events = 0;
  for (const projection of runner.projectionsNamed(runner.names)) events += await runner.rebuild(projection);
  return events;
}

// ---------------------------------------------------------------------------------------------
// Shared scenarios (also run on the real PostgreSQL server by the int spec)
// ---------------------------------------------------------------------------------------------

/** An adopted idea becomes a prefilled draft, linked both ways, then a published, searchable catalogue entry. */
export async function ideaToSearchableDeed(app: TestApp, api: DeedsApi): Promise<{ org: DeedOrg; ideaId: string; deedId: string }> {
  const org = await newDeedOrg(app, 'lineage');
  const other = await newDeedOrg(app, 'lineage-other');
  const ideaId = await api.adoptedIdea(org, { title: 'Yhteinen sähköinen varauskalenteri kokoustiloille' });

  // Only the organisation's editors open a deed from it.
  expectProblem(await api.call('POST', `/api/ideas/${ideaId}/deed`, { token: org.employee }), 403);
  expectProblem(await api.call('POST', `/api/ideas/${ideaId}/deed`, { token: other.editor }), 403);
  expectProblem(await api.call('POST', `/api/ideas/${ideaId}/deed`), 401);

  const opened = await api.call('POST', `/api/ideas/${ideaId}/deed`, { token: org.editor });
  expectStatus(opened, 201);
  const deedId: string = opened.body.id;
  expect(deedId).toMatch(UUID);
  expect(opened.headers.get('location')).toBe(`/api/deeds/${deedId}`);
  expect(opened.headers.get('etag')).toBe('"1"');
  expect(opened.body).toMatchObject({ id: deedId, version: 1, status: 'draft', revision: 0 });

  // Twice gives the same deed, and still only one draft event.
  const again = await api.call('POST', `/api/ideas/${ideaId}/deed`, { token: org.editor });
  expect(again.status).toBeLessThan(300);
  expect(again.body).toMatchObject({ id: deedId, version: 1, status: 'draft' });
  expect(again.headers.get('location')).toBe(`/api/deeds/${deedId}`);
  // …and an employee still cannot, now that the deed exists.
  expectProblem(await api.call('POST', `/api/ideas/${ideaId}/deed`, { token: org.employee }), 403);

  // Linked both ways.
  expect((await api.ideas.detail(org.employee, ideaId)).deedId).toBe(deedId);
  const draft = await api.editorView(org.editor, deedId);
  expect(draft).toMatchObject({
    id: deedId,
    version: 1,
    status: 'draft',
    revision: 0,
    organisation: org.name,
    source: 'idea',
    ideaIds: [ideaId],
    title: 'Yhteinen sähköinen varauskalenteri kokoustiloille',
    aim: 'Varaaminen vie aikaa.',
    achieved: actionBodies.adopt!.result,
    metrics: [{ name: METRIC, value: 68, unit: '%', baseline: 62 }],
    unit: 'varhaiskasvatus',
    sector: 'education-and-early-childhood',
    themes: ['digitalisaatio'],
    periodFrom: '2026-01-15',
    periodTo: '2026-04-15',
    language: 'fi',
    revisions: [],
    firstPublishedAt: null,
  });

  // A draft is not in the catalogue.
  expectProblem(await api.call('GET', `/api/catalogue/deeds/${deedId}`), 404);
  expect((await api.search({ organisation: org.name })).total).toBe(0);

  const published = await api.call('POST', `/api/deeds/${deedId}/publish`, { token: org.editor });
  expectStatus(published, 200);
  expect(published.body).toMatchObject({ id: deedId, version: 2, status: 'published', revision: 1 });
  expect(published.headers.get('etag')).toBe('"2"');

  // Searchable at once, without a token.
  const found = await api.search({ q: 'varauskalenteri', organisation: org.name });
  expect(found.items.map((i) => i.id)).toEqual([deedId]);
  expect(found.total).toBe(1);
  expect(found.items[0]).toMatchObject({ id: deedId, revision: 1, organisation: org.name, title: 'Yhteinen sähköinen varauskalenteri kokoustiloille', ideaIds: [ideaId] });
  expect(await api.ids({ q: 'kokoustiloja', organisation: org.name })).toEqual([deedId]);

  const entry = await api.catalogueDeed(deedId);
  expect(entry).toMatchObject({
    id: deedId,
    revision: 1,
    organisation: org.name,
    title: 'Yhteinen sähköinen varauskalenteri kokoustiloille',
    achieved: actionBodies.adopt!.result,
    awards: [],
    revisions: [{ revision: 1, publishedAt: expect.any(String), content: expect.objectContaining({ title: 'Yhteinen sähköinen varauskalenteri kokoustiloille' }) }],
    lineage: [
      {
        ideaId,
        title: 'Yhteinen sähköinen varauskalenteri kokoustiloille',
        stage: 'adopted',
        submittedAt: expect.any(String),
        pilot: { goal: expect.any(String), team: 'Pilottitiimi: viestintä', startsOn: '2026-01-15', endsOn: '2026-04-15', metrics: [{ name: METRIC, unit: '%', baseline: 62, target: 70 }] },
        measurements: [{ metric: METRIC, value: 66, measuredOn: '2026-02-15' }],
        result: { summary: actionBodies.adopt!.result, metrics: [{ metric: METRIC, value: 68 }] },
      },
    ],
  });
  expect(entry.revisions).toHaveLength(1);
  expect(entry.firstPublishedAt).toBe(entry.revisions[0].publishedAt);
  // No submitter identity anywhere in the public answer.
  const text = JSON.stringify([entry, found]);
  expect(text).not.toMatch(/submitter|submittedByMe|supporter/i);
  expect(text).not.toMatch(/"p_[A-Za-z0-9_-]{22}"/);
  expect(text).not.toContain(`${org.name}-employee`);
  expect(text).not.toContain(`${org.name}-agent`);

  // Only adopted ideas become deeds.
  const piloting = await api.ideas.ideaAt(org, ['review', 'pilot']);
  const submitted = await api.ideas.ideaAt(org, []);
  for (const id of [piloting, submitted]) {
    const reply = await api.call('POST', `/api/ideas/${id}/deed`, { token: org.editor });
    expectProblem(reply, 409);
    expect(reply.body.detail).toMatch(/adopted/);
    expect((await api.ideas.detail(org.employee, id)).deedId).toBeNull();
  }
  return { org, ideaId, deedId };
}

/** The two Finnish examples of the issue: consonant gradation (teko / teot) and an inflected stem (kunta / kunnissa). */
export async function finnishSearchExamples(app: TestApp, api: DeedsApi): Promise<{ org: DeedOrg; teko: string; kunta: string }> {
  const org = await newDeedOrg(app, 'haku');
  const teko = await api.published(org, {
    title: 'Henkilöstön ideat käyttöön',
    aim: 'Jokainen kehittämisteko kirjataan yhteiseen tauluun.',
    achieved: 'Ideoita tuli kaksi kertaa enemmän.',
    themes: ['osallisuus'],
  });
  const kunta = await api.published(org, {
    title: 'Yhteinen asiointipiste',
    aim: 'Kunta kokosi palvelunsa yhden luukun taakse.',
    achieved: 'Asukkaat löytävät palvelut helpommin.',
    themes: ['asiakaskokemus'],
  });
  const unrelated = await api.published(org, {
    title: 'Ruokalistat selkokielellä',
    aim: 'Lapset ymmärtävät, mitä on tarjolla.',
    achieved: 'Ruokahävikki pieneni.',
    themes: ['ruokapalvelut'],
  });
  const kehittamisteot = await api.ids({ q: 'kehittämisteot', organisation: org.name });
  expect(kehittamisteot).toContain(teko);
  expect(kehittamisteot).not.toContain(unrelated);
  const kunnissa = await api.ids({ q: 'kunnissa', organisation: org.name });
  expect(kunnissa).toContain(kunta);
  expect(kunnissa).not.toContain(unrelated);
  return { org, teko, kunta };
}

/** Facets count the matching published deeds; stats count what was published, never drafts or unpublished deeds. */
export async function facetsAndStats(app: TestApp, api: DeedsApi): Promise<DeedOrg> {
  const year = String(new Date().getUTCFullYear());
  const before = await api.stats();
  const org = await newDeedOrg(app, 'facets');
  const a = await api.published(org, { sector: 'technical', themes: ['ilmasto', 'energia'] });
  const b = await api.published(org, { sector: 'technical', themes: ['ilmasto'] });
  const c = await api.published(org, { sector: 'culture-and-leisure', themes: ['osallisuus'] });
  const draft = (await api.draft(org.editor, { sector: 'food-and-cleaning', themes: ['ilmasto'] })).id;
  const gone = await api.published(org, { sector: 'social-and-health', themes: ['ilmasto'] });
  await api.unpublish(org.editor, gone);

  const all = await api.search({ organisation: org.name });
  expect(all.total).toBe(3);
  expect(all.items.map((i) => i.id).sort()).toEqual([a, b, c].sort());
  expect(all.facets).toEqual({
    sector: { technical: 2, 'culture-and-leisure': 1 },
    theme: { ilmasto: 2, energia: 1, osallisuus: 1 },
    organisation: { [org.name]: 3 },
    year: { [year]: 3 },
  });
  // Facets count every match, not just the page shown.
  const paged = await api.search({ organisation: org.name, limit: '1' });
  expect(paged.items).toHaveLength(1);
  expect(paged.total).toBe(3);
  expect(paged.facets).toEqual(all.facets);

  const ilmasto = await api.search({ organisation: org.name, theme: 'ilmasto' });
  expect(ilmasto.items.map((i) => i.id).sort()).toEqual([a, b].sort());
  expect(ilmasto.facets.sector).toEqual({ technical: 2 });
  expect(ilmasto.facets.year).toEqual({ [year]: 2 });
  expect(await api.ids({ organisation: org.name, sector: 'technical', theme: 'energia' })).toEqual([a]);
  expect(await api.ids({ organisation: org.name, sector: 'culture-and-leisure' })).toEqual([c]);
  expect(await api.ids({ organisation: org.name, sector: 'food-and-cleaning' })).toEqual([]);
  expect(await api.ids({ organisation: org.name, sector: 'social-and-health' })).toEqual([]);
  expect((await api.search({ organisation: org.name, year })).total).toBe(3);
  expect((await api.search({ organisation: org.name, year: String(Number(year) - 1) })).total).toBe(0);
  // No awards exist yet.
  expect((await api.search({ organisation: org.name, awarded: 'true' })).total).toBe(0);
  expect((await api.search({ organisation: org.name, awarded: 'false' })).total).toBe(3);
  for (const item of all.items) expect(item.awards).toEqual([]);

  const after = await api.stats();
  const delta = (x: Record<string, number>, y: Record<string, number>, key: string) => (y[key] ?? 0) - (x[key] ?? 0);
  expect(after.total - before.total).toBe(3);
  expect(after.perOrganisation[org.name]).toBe(3);
  expect(delta(before.perYear, after.perYear, year)).toBe(3);
  expect(delta(before.perSector, after.perSector, 'technical')).toBe(2);
  expect(delta(before.perSector, after.perSector, 'culture-and-leisure')).toBe(1);
  expect(delta(before.perSector, after.perSector, 'food-and-cleaning')).toBe(0);
  expect(delta(before.perSector, after.perSector, 'social-and-health')).toBe(0);
  // The stats add up.
  for (const per of [after.perYear, after.perSector, after.perOrganisation]) expect(Object.values(per).reduce((s, n) => s + n, 0)).toBe(after.total);
  // The draft and the unpublished deed stay out of the catalogue.
  expectProblem(await api.call('GET', `/api/catalogue/deeds/${draft}`), 404);
  expectProblem(await api.call('GET', `/api/catalogue/deeds/${gone}`), 404);
  return org;
}

/**
 * Standings over a window computed around real publication times: organisation A reaches 2 deeds
 * before B does, C has one in the window (and one before it, republished inside, and two after).
 */
export async function standingsScenario(app: TestApp, api: DeedsApi): Promise<{ campaignId: string; orgs: DeedOrg[] }> {
  const admin = await programmeAdmin(app);
  const a = await newDeedOrg(app, 'standings-a');
  const b = await newDeedOrg(app, 'standings-b');
  const c = await newDeedOrg(app, 'standings-c');

  const c0 = await api.published(c, { sector: 'technical' });
  await sleep(20);
  const startsAt = new Date().toISOString();
  await sleep(20);
  const b1 = await api.published(b, { sector: 'social-and-health' });
  const a1 = await api.published(a, { sector: 'technical' });
  const a2 = await api.published(a, { sector: 'culture-and-leisure' });
  const b2 = await api.published(b, { sector: 'social-and-health' });
  await api.draft(b.editor, { sector: 'technical' });
  // A new revision of a deed first published before the window does not count.
  const c0view = await api.editorView(c.editor, c0);
  await api.edit(c.editor, c0, c0view.version, { title: 'Päivitetty teko' });
  const c1 = await api.published(c, { sector: 'whole-organisation' });
  await sleep(20);
  const endsAt = new Date().toISOString();
  await sleep(20);
  // Published after the window: would put C first if they counted.
  await api.published(c, { sector: 'whole-organisation' });
  await api.published(c, { sector: 'whole-organisation' });

  const campaignId = await api.openCampaign(admin, { name: 'Tekoja tiskiin (testi)', startsAt, endsAt });
  // A registered organisation stands under its names; the others (not registered) under their ids only.
  const aNames = { fi: 'Kampanjakunta A', sv: 'Kampanjkommun A' };
  expectStatus(await api.call('POST', '/api/organisations', { token: admin, body: { id: a.name, names: aNames, kind: 'municipality' } }), 201);
  const reachedAt = async (org: DeedOrg, id: string) => (await api.editorView(org.editor, id)).firstPublishedAt;
  const expected = [
    { rank: 1, organisation: a.name, organisationName: aNames, deeds: 2, reachedAt: await reachedAt(a, a2), sectors: { technical: 1, 'culture-and-leisure': 1 } },
    { rank: 2, organisation: b.name, organisationName: null, deeds: 2, reachedAt: await reachedAt(b, b2), sectors: { 'social-and-health': 2 } },
    { rank: 3, organisation: c.name, organisationName: null, deeds: 1, reachedAt: await reachedAt(c, c1), sectors: { 'whole-organisation': 1 } },
  ];
  const before = await api.standings(campaignId);
  expect(before).toEqual({ campaignId, phase: 'ended', mostInventive: null, standings: expected });

  // Only admins close it.
  expectProblem(await api.call('POST', `/api/campaigns/${campaignId}/close`, { token: a.editor }), 403);
  expectProblem(await api.call('POST', `/api/campaigns/${campaignId}/close`, { token: a.employee }), 403);
  const closed = await api.call('POST', `/api/campaigns/${campaignId}/close`, { token: admin });
  expectStatus(closed, 200);
  expect(closed.body).toMatchObject({ id: campaignId, status: 'closed' });
  const view = await api.campaign(campaignId);
  expect(view).toMatchObject({ id: campaignId, name: 'Tekoja tiskiin (testi)', status: 'closed', phase: 'ended', mostInventive: a.name, standings: expected });
  expect(Date.parse(view.startsAt)).toBe(Date.parse(startsAt));
  expect(Date.parse(view.endsAt)).toBe(Date.parse(endsAt));
  expect((await api.standings(campaignId)).mostInventive).toBe(a.name);
  expectProblem(await api.call('POST', `/api/campaigns/${campaignId}/close`, { token: admin }), 409);

  // Window edges through the API: the start is inclusive, the end exclusive.
  const edges = await api.openCampaign(admin, { name: 'Reunat', startsAt: await reachedAt(b, b1), endsAt: await reachedAt(b, b2) });
  expect((await api.standings(edges)).standings.map((s) => [s.organisation, s.deeds])).toEqual([
    [a.name, 2],
    [b.name, 1],
  ]);
  expectStatus(await api.call('POST', `/api/campaigns/${edges}/close`, { token: admin }), 200);
  expect((await api.campaign(edges)).mostInventive).toBe(a.name);
  void a1;
  return { campaignId, orgs: [a, b, c] };
}

type Snapshot = Record<string, unknown>;

/** Every public answer the catalogue and campaigns give, plus the editors' and ideas' views of some items. */
export async function snapshotAnswers(app: TestApp, api: DeedsApi, extra: { editor?: string; deedIds?: string[]; ideaIds?: string[]; employee?: string } = {}): Promise<Snapshot> {
  const queries: Record<string, string>[] = [
    { limit: '100' },
    { limit: '100', sort: 'relevance' },
    { q: 'kehittämisteot', limit: '100' },
    { q: 'kunnissa', limit: '100' },
    { q: 'kehittä', limit: '100' },
    { q: 'varauskalenteri', limit: '100' },
    { q: 'viherkatto', limit: '100' },
    { q: 'skolan', limit: '100' },
    { sector: 'technical', limit: '100' },
    { theme: 'ilmasto', limit: '100' },
    { year: String(new Date().getUTCFullYear()), limit: '100' },
    { awarded: 'false', limit: '5', sort: 'newest' },
  ];
  const snapshot: Snapshot = {};
  for (const query of queries) snapshot[`search ${new URLSearchParams(query)}`] = await api.search(query);
  snapshot.stats = await api.stats();
  const campaigns = await api.call('GET', '/api/campaigns');
  expectStatus(campaigns, 200);
  // The list orders by start only; campaigns starting at the same moment may come in any order.
  snapshot.campaigns = [...(campaigns.body as { id: string }[])].sort((x, y) => x.id.localeCompare(y.id));
  for (const c of campaigns.body as { id: string }[]) {
    snapshot[`campaign ${c.id}`] = await api.campaign(c.id);
    snapshot[`standings ${c.id}`] = await api.standings(c.id);
  }
  for (const id of extra.deedIds ?? []) {
    const reply = await api.call('GET', `/api/catalogue/deeds/${id}`);
    snapshot[`catalogue ${id}`] = { status: reply.status, body: reply.body };
    if (extra.editor) snapshot[`editor ${id}`] = await api.editorView(extra.editor, id);
  }
  for (const id of extra.ideaIds ?? []) if (extra.employee) snapshot[`idea ${id}`] = await api.ideas.detail(extra.employee, id);
  return snapshot;
}

/** After a scenario, wipes the read models, rebuilds every projection from the events, and gets the very same answers. */
export async function rebuildGivesSameAnswers(app: TestApp, api: DeedsApi): Promise<void> {
  // A scenario of its own, so there is something of every kind: revisions, unpublished, a closed campaign.
  const org = await newDeedOrg(app, 'rebuild');
  const ideaId = await api.adoptedIdea(org, { title: 'Kehittämisteko joka kestää uudelleenrakennuksen' });
  const fromIdea = await api.call('POST', `/api/ideas/${ideaId}/deed`, { token: org.editor });
  expectStatus(fromIdea, 201);
  const linked = fromIdea.body.id as string;
  await api.publish(org.editor, linked);
  await api.edit(org.editor, linked, 2, { title: 'Kehittämisteko, toinen revisio', sector: 'technical', themes: ['ilmasto'] });
  const gone = await api.published(org, { title: 'Poistuva kehittämisteko' });
  await api.unpublish(org.editor, gone, 'Väärä organisaatio');
  const back = await api.published(org, { title: 'Palaava kehittämisteko', sector: 'technical' });
  await api.unpublish(org.editor, back);
  await api.publish(org.editor, back);
  const draft = (await api.draft(org.editor, { title: 'Keskeneräinen kehittämisteko' })).id;
  const admin = await programmeAdmin(app);
  const campaignId = await api.openCampaign(admin, { name: 'Uudelleenrakennus', startsAt: '2000-01-01', endsAt: new Date(Date.now() + 300).toISOString() });
  await sleep(400);
  expectStatus(await api.call('POST', `/api/campaigns/${campaignId}/close`, { token: admin }), 200);
  expect((await api.campaign(campaignId)).mostInventive).toBe((await api.standings(campaignId)).standings[0].organisation);

  const extra = { editor: org.editor, employee: org.employee, deedIds: [linked, gone, back, draft], ideaIds: [ideaId] };
  const before = await snapshotAnswers(app, api, extra);
  expect((before[`editor ${linked}`] as any).revisions.map((r: any) => r.revision)).toEqual([1, 2]);
  expect((before[`editor ${back}`] as any).revisions.map((r: any) => r.revision)).toEqual([1, 2]);

  // Prove the rebuild really recomputes: the read models are wiped first.
  const db = app.runtime.dataSource;
  await db.query('DELETE FROM deed_entries');
  await db.query('DELETE FROM campaign_views');
  expect((await api.search({})).total).toBe(0);

  const events = await rebuildAll(app);
  expect(events).toBeGreaterThan(0);
  const after = await snapshotAnswers(app, api, extra);
  expect(after).toEqual(before);
  // And it rebuilds to the same answers a second time.
  await rebuildAll(app);
  expect(await snapshotAnswers(app, api, extra)).toEqual(before);
  for (const status of await app.runtime.runner.status()) expect(status.lastError).toBeUndefined();
}
