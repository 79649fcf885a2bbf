// Unit activity, incentive rules, time travel and open data through the HTTP API: shared by the
// embedded e2e suite and the real-PostgreSQL integration suite.
import { foldFunnelFacts, funnelAsOf, summariseFunnel } from '#ideas';
import { finnishDay, periodOf } from '#insight';
import { client, type TestApp } from './app.js';
import { deedsApi, newDeedOrg, type DeedOrg } from './deeds-scenarios.js';
import { expectInvalidFields, expectProblem, expectStatus, sleep } from './ideas-scenarios.js';

export { TIMEOUT } from './ideas-scenarios.js';

export function insightApi(app: TestApp) {
  const call = client(app.baseUrl);
  const deeds = deedsApi(app);

  async function importUnits(token: string, org: string, csv: string) {
    return call('POST', `/api/organisations/${org}/units`, { token, rawBody: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
  }

  async function activity(token: string, query: Record<string, string> = {}) {
    const reply = await call('GET', `/api/activity?${new URLSearchParams(query)}`, { token });
    expectStatus(reply, 200);
    return reply.body;
  }

  async function publishRules(token: string, org: string, rules: Record<string, unknown>) {
    const reply = await call('POST', `/api/organisations/${org}/incentive-rules`, { token, body: rules });
    expectStatus(reply, 201);
    return reply.body as { version: number; publishedAt: string };
  }

  async function download(path: string): Promise<{ status: number; type: string | null; text: string }> {
    const res = await fetch(app.baseUrl + path);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  }

  return { call, deeds, ideas: deeds.ideas, importUnits, activity, publishRules, download };
}
export type InsightApi = ReturnType<typeof insightApi>;

const thisMonth = () => periodOf(finnishDay(new Date()), 'month');

/** Polls until `check` passes (read models catch up asynchronously). */
export async function eventually<T>(work: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await work();
    if (check(value)) return value;
    if (Date.now() - started > timeoutMs) return value;
    await sleep(50);
  }
}

/** Parses the CSV our exports write (quoted cells with doubled quotes, CRLF line ends). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** Units imported from CSV: bad cells reported by line and column with nothing written; re-import changes nothing; a change is one event. */
export async function unitsImport(app: TestApp, api: InsightApi): Promise<void> {
  const org = await newDeedOrg(app, 'units');
  const bad = await api.importUnits(org.editor, org.name, 'unit,headcount,valid_from\nhoito,12,2025-01-01\nkeittiö,-3,2025-01-01\n,5,2025-13-01\n');
  expectProblem(bad, 400);
  expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['line 3: headcount', 'line 4: unit', 'line 4: valid_from'].sort());
  let units = await api.call('GET', `/api/organisations/${org.name}/units`, { token: org.employee });
  expectStatus(units, 200);
  expect(units.body.headcounts).toEqual([]);

  expectProblem(await api.call('POST', `/api/organisations/${org.name}/units`, { token: org.editor, body: { unit: 'x' } }), 415);
  expectProblem(await api.importUnits(org.employee, org.name, 'unit,headcount,valid_from\nhoito,12,2025-01-01\n'), 403);
  expectProblem(await api.importUnits(org.editor, 'Not An Org', 'unit,headcount,valid_from\nhoito,12,2025-01-01\n'), 400);
  expectProblem(await api.importUnits(org.editor, org.name, 'yksikkö,määrä\nhoito,12\n'), 400);

  const csv = 'unit,headcount,valid_from,name\r\nhoito,12,2025-01-01,Kotihoito\r\n"keittiö",8,2025-01-01,"Keittiö, keskus"\r\n';
  const first = await api.importUnits(org.editor, org.name, csv);
  expectStatus(first, 200);
  expect(first.body).toEqual({ organisation: org.name, rows: 2, changed: 2, unchanged: 0 });
  const again = await api.importUnits(org.editor, org.name, csv);
  expect(again.body).toEqual({ organisation: org.name, rows: 2, changed: 0, unchanged: 2 });
  const changed = await api.importUnits(org.editor, org.name, 'unit,headcount,valid_from\nhoito,15,2025-06-01\nkeittiö,8,2025-01-01\n');
  expect(changed.body).toMatchObject({ changed: 1, unchanged: 1 });

  units = await api.call('GET', `/api/organisations/${org.name}/units`, { token: org.employee });
  expect(units.body.headcounts.map((h: any) => [h.unit, h.headcount, h.validFrom, h.name ?? null])).toEqual([
    ['hoito', 12, '2025-01-01', 'Kotihoito'],
    ['keittiö', 8, '2025-01-01', 'Keittiö, keskus'],
    ['hoito', 15, '2025-06-01', null],
  ]);
  // Every change is an event in the organisation's units stream.
  const events = await app.runtime.store.readStream(`org-units-${org.name}`);
  expect(events.map((e) => e.type)).toEqual(['UnitHeadcountSet', 'UnitHeadcountSet', 'UnitHeadcountSet']);
}

/**
 * A unit of 10 staff: two ideas by two people, a comment by a third, one idea piloted and adopted.
 * Figures per 100 staff, participation and decision time follow; then rules v1 and v2 are published and
 * both versions' points stay side by side.
 */
export async function activityAndRules(app: TestApp, api: InsightApi): Promise<void> {
  const org = await newDeedOrg(app, 'activity');
  const third = await app.token(`${org.name}-third`, org.name, 'employee');
  expectStatus(await api.importUnits(org.editor, org.name, 'unit,headcount,valid_from\nhoito,10,2020-01-01\nkeittiö,4,2020-01-01\n'), 200);
  const adoptedId = await api.ideas.ideaAt(org, ['review', 'pilot', 'adopt'], { unit: 'hoito' });
  const { id: other } = await api.ideas.submit(org.colleague, { unit: 'hoito' });
  await api.ideas.act(third, other, 'comments');
  await api.ideas.submit(org.employee, { unit: 'muu' });

  const month = thisMonth();
  const plain = await api.activity(org.employee, { unit: 'hoito', from: finnishDay(new Date()) });
  expect(plain).toMatchObject({ organisation: org.name, period: 'month', rules: null, rulesVersions: [] });
  expect(plain.units).toHaveLength(1);
  const [period] = plain.units[0].periods;
  expect(period).toMatchObject({
    period: month,
    headcount: 10,
    submitted: 2,
    piloted: 1,
    adopted: 1,
    rejected: 0,
    perHundredStaff: { submitted: 20, piloted: 10, adopted: 10 },
    participants: 3,
    participation: 0.3,
    decisions: 1,
    points: null,
    pointsByRules: {},
  });
  expect(period.medianDaysToDecision).toBeGreaterThanOrEqual(0);
  expect(period.medianDaysToDecision).toBeLessThan(0.01);

  // Every unit, the ones without ideas too; "muu" has ideas but no headcount: no rates.
  const all = await api.activity(org.agent, { from: finnishDay(new Date()) });
  expect(all.units.map((u: any) => u.unit)).toEqual(['hoito', 'keittiö', 'muu']);
  expect(all.units[1].periods[0]).toMatchObject({ headcount: 4, submitted: 0, participation: 0 });
  expect(all.units[2].periods[0]).toMatchObject({ headcount: null, submitted: 1, perHundredStaff: { submitted: null }, participation: null });
  const quarters = await api.activity(org.employee, { unit: 'hoito', period: 'quarter', from: '2025-01-01', to: '2025-12-31' });
  expect(quarters.units[0].periods.map((p: any) => p.period)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
  expect(quarters.units[0].periods[0]).toMatchObject({ start: '2025-01-01', end: '2025-03-31', headcount: 10, submitted: 0 });

  const v1 = await api.publishRules(org.editor, org.name, { name: 'Perusmalli', points: { IdeaSubmitted: 1, IdeaAdopted: 5, IdeaCommented: 0.5 }, bonuses: [] });
  expect(v1.version).toBe(1);
  const under1 = await api.activity(org.employee, { unit: 'hoito', from: finnishDay(new Date()) });
  expect(under1.rules).toMatchObject({ version: 1, name: 'Perusmalli' });
  expect(under1.units[0].periods[0]).toMatchObject({ points: 7.5, pointsByRules: { '1': 7.5 } });

  const v2 = await api.publishRules(org.admin, org.name, {
    points: { IdeaSubmitted: 2, IdeaPilotStarted: 3, IdeaAdopted: 10 },
    bonuses: [
      { kind: 'participation', atLeast: 0.3, points: 20 },
      { kind: 'quick-decision', withinDays: 1, points: 4 },
    ],
  });
  expect(v2.version).toBe(2);
  // The latest by default; v1's figures stay beside, recomputed from the same events.
  const latest = await api.activity(org.employee, { unit: 'hoito', from: finnishDay(new Date()) });
  expect(latest.rules).toMatchObject({ version: 2, name: null });
  expect(latest.rulesVersions.map((r: any) => r.version)).toEqual([1, 2]);
  expect(latest.units[0].periods[0]).toMatchObject({ points: 41, pointsByRules: { '1': 7.5, '2': 41 } });
  const old = await api.activity(org.employee, { unit: 'hoito', from: finnishDay(new Date()), rules: '1' });
  expect(old.rules.version).toBe(1);
  expect(old.units[0].periods[0]).toMatchObject({ points: 7.5, pointsByRules: { '1': 7.5, '2': 41 } });
  const listed = await api.call('GET', `/api/organisations/${org.name}/incentive-rules`, { token: org.employee });
  expect(listed.body.versions.map((v: any) => v.version)).toEqual([1, 2]);
  expect(adoptedId).toBeDefined();

  // Bad parameters: problem details, never a 500.
  const bad = (query: Record<string, string>) => api.call('GET', `/api/activity?${new URLSearchParams(query)}`, { token: org.employee });
  expectInvalidFields(await bad({ period: 'week' }), ['period']);
  expectInvalidFields(await bad({ from: '2025-02-30' }), ['from']);
  expectInvalidFields(await bad({ from: '2025-03-01', to: '2025-01-01' }), ['from']);
  expectInvalidFields(await bad({ rules: 'latest' }), ['rules']);
  expectInvalidFields(await bad({ rules: '9' }), ['rules']);
  expectInvalidFields(await bad({ asOf: 'yesterday' }), ['asOf']);
  expectInvalidFields(await bad({ from: '1990-01-01' }), ['from']);
  expectInvalidFields(await bad({ organisation: 'Bad Org' }), ['organisation']);
  expectInvalidFields(await bad({ colour: 'red' }), ['colour']);
  expectProblem(await api.call('GET', `/api/activity?organisation=someone-else`, { token: org.employee }), 403);
  expectProblem(await api.call('GET', `/api/activity`), 401);
  const badRules = await api.call('POST', `/api/organisations/${org.name}/incentive-rules`, {
    token: org.editor,
    body: { points: { IdeaInvented: 1, IdeaAdopted: 'many' }, bonuses: [{ kind: 'lottery', points: 1 }] },
  });
  expectInvalidFields(badRules, ['points.IdeaInvented', 'points.IdeaAdopted', 'bonuses[0].kind']);
  expectProblem(await api.call('POST', `/api/organisations/${org.name}/incentive-rules`, { token: org.employee, body: { points: {} } }), 403);
}

/** asOf on an idea, the funnel and activity: the state at that moment, folded from the events. */
export async function timeTravel(app: TestApp, api: InsightApi): Promise<void> {
  const org = await newDeedOrg(app, 'travel');
  expectStatus(await api.importUnits(org.editor, org.name, 'unit,headcount,valid_from\nhoito,20,2020-01-01\n'), 200);
  await api.publishRules(org.editor, org.name, { points: { IdeaSubmitted: 1 }, bonuses: [] });
  const beforeAll = new Date();
  await sleep(30);
  const { id } = await api.ideas.submit(org.employee, { unit: 'hoito' });
  await sleep(30);
  const submittedOnly = new Date();
  await sleep(30);
  await api.ideas.act(org.agent, id, 'review');
  await api.ideas.act(org.agent, id, 'pilot');
  await api.ideas.submit(org.colleague, { unit: 'hoito' });
  await sleep(30);
  const piloting = new Date();
  await sleep(30);
  await api.ideas.act(org.agent, id, 'adopt');
  expectStatus(await api.importUnits(org.editor, org.name, 'unit,headcount,valid_from\nhoito,40,2020-01-01\n'), 200);
  await api.publishRules(org.editor, org.name, { points: { IdeaSubmitted: 10 }, bonuses: [] });

  // One idea, then and now.
  const then = await api.call('GET', `/api/ideas/${id}?asOf=${submittedOnly.toISOString()}`, { token: org.colleague });
  expectStatus(then, 200);
  expect(then.body).toMatchObject({ id, stage: 'submitted', version: 1, asOf: submittedOnly.toISOString() });
  expect(then.body.history.map((h: any) => h.event)).toEqual(['IdeaSubmitted']);
  const mid = await api.ideas.call('GET', `/api/ideas/${id}?asOf=${encodeURIComponent(piloting.toISOString())}`, { token: org.colleague });
  expect(mid.body).toMatchObject({ stage: 'piloting', version: 3, pilot: { team: expect.any(String) }, result: null });
  const now = await api.ideas.detail(org.colleague, id);
  expect(now.stage).toBe('adopted');
  expectProblem(await api.call('GET', `/api/ideas/${id}?asOf=${beforeAll.toISOString()}`, { token: org.colleague }), 404);
  expectInvalidFields(await api.call('GET', `/api/ideas/${id}?asOf=tomorrow`, { token: org.colleague }), ['asOf']);
  expectProblem(await api.call('GET', `/api/ideas/${id}?asOf=${submittedOnly.toISOString()}`, { token: await app.token('outsider', 'other-org', 'employee') }), 403);

  // The funnel, then and now.
  const funnelAt = (at?: Date) => api.ideas.funnel(org.agent, at ? { asOf: at.toISOString() } : {});
  // The as-of funnel reads the stays its projection keeps: once it has the adoption, every earlier moment is there.
  await eventually(() => funnelAt(new Date()), (f) => f.counts.adopted === 1);
  expect(await funnelAt(beforeAll)).toMatchObject({ total: 0 });
  expect(await funnelAt(submittedOnly)).toMatchObject({ total: 1, counts: { submitted: 1, piloting: 0, adopted: 0 } });
  const atPilot = await funnelAt(piloting);
  expect(atPilot).toMatchObject({ total: 2, counts: { submitted: 1, piloting: 1, adopted: 0 }, reached: { inReview: 1, piloting: 1 }, asOf: piloting.toISOString() });
  const live = await eventually(() => funnelAt(), (f) => f.counts.adopted === 1);
  const rebuiltNow = await funnelAt(new Date());
  // Folding every event up to now gives what the live read model says.
  const { asOf: _a, ...rebuilt } = rebuiltNow;
  expect(rebuilt).toEqual(live);
  expectInvalidFields(await api.call('GET', '/api/funnel?asOf=2025-13-01T00:00:00Z', { token: org.agent }), ['asOf']);

  // Activity, then and now: headcount, rules and events as they stood.
  const day = finnishDay(new Date());
  const activityThen = await api.activity(org.employee, { from: day, asOf: piloting.toISOString() });
  expect(activityThen.rules.version).toBe(1);
  expect(activityThen.rulesVersions).toHaveLength(1);
  expect(activityThen.units[0].periods[0]).toMatchObject({ headcount: 20, submitted: 2, piloted: 1, adopted: 0, perHundredStaff: { submitted: 10 }, points: 2 });
  const activityNow = await api.activity(org.employee, { from: day });
  expect(activityNow.rules.version).toBe(2);
  expect(activityNow.units[0].periods[0]).toMatchObject({ headcount: 40, submitted: 2, adopted: 1, perHundredStaff: { submitted: 5 }, points: 20, pointsByRules: { '1': 2, '2': 20 } });
}

/** Exports: published deeds only, licensed, formula-safe CSV; funnel and activity as CSV and JSON. */
export async function openData(app: TestApp, api: InsightApi): Promise<DeedOrg> {
  const org = await newDeedOrg(app, 'open');
  // The organisation is registered: the exports carry its names beside its id.
  const names = { fi: 'Avoimen datan kunta', sv: 'Öppna datans kommun', en: 'Open Data Municipality' };
  expectStatus(await api.call('POST', '/api/organisations', { token: org.admin, body: { id: org.name, names, kind: 'municipality' } }), 201);
  const published = await api.deeds.published(org, { title: '=HYPERLINK("http://evil.example","klikkaa")' });
  const plain = await api.deeds.published(org, { title: 'Yhteiset aamupalaverit, "lyhyesti"' });
  const { id: draft } = await api.deeds.draft(org.editor, { title: 'Keskeneräinen luonnos' });
  const gone = await api.deeds.published(org, { title: 'Poistuva teko' });
  await api.deeds.unpublish(org.editor, gone);
  await api.ideas.ideaAt(org, ['review', 'pilot'], { unit: 'hoito' });
  expectStatus(await api.importUnits(org.editor, org.name, 'unit,headcount,valid_from\nhoito,10,2020-01-01\n'), 200);

  const csv = await eventually(
    () => api.download(`/api/open-data/catalogue.csv?organisation=${org.name}`),
    (r) => r.text.includes(plain) && !r.text.includes(gone),
  );
  expect(csv.status).toBe(200);
  expect(csv.type).toMatch(/^text\/csv/);
  const rows = parseCsv(csv.text);
  const header = rows[0];
  expect(header.slice(0, 4)).toEqual(['id', 'url', 'licence', 'licence_url']);
  const body = rows.slice(1);
  expect(body.map((r) => r[0]).sort()).toEqual([published, plain].sort());
  const evil = body.find((r) => r[0] === published)!;
  expect(evil[header.indexOf('title')]).toBe(`'=HYPERLINK("http://evil.example","klikkaa")`);
  expect(evil[header.indexOf('licence')]).toBe('CC-BY-4.0');
  expect([evil[header.indexOf('organisation')], evil[header.indexOf('organisation_name_fi')], evil[header.indexOf('organisation_name_sv')], evil[header.indexOf('organisation_name_en')]]).toEqual([org.name, names.fi, names.sv, names.en]);
  expect(evil[header.indexOf('url')]).toBe(`${app.baseUrl}/api/catalogue/deeds/${published}`);
  expect(csv.text).not.toContain(draft);

  const json = await api.download(`/api/open-data/catalogue.json?organisation=${org.name}`);
  expect(json.type).toMatch(/^application\/json/);
  const doc = JSON.parse(json.text);
  expect(doc.licence).toMatchObject({ id: 'CC-BY-4.0' });
  expect(doc.items.map((i: any) => i.id).sort()).toEqual([published, plain].sort());
  expect(doc.items.find((i: any) => i.id === plain)).toMatchObject({ title: 'Yhteiset aamupalaverit, "lyhyesti"', licence: 'CC-BY-4.0', organisation: org.name, organisationName: names, awards: [] });
  const deedPage = await api.call('GET', new URL(doc.items[0].url).pathname);
  expectStatus(deedPage, 200);

  const funnel = await eventually(
    () => api.download(`/api/open-data/funnel.json?organisation=${org.name}`),
    (r) => r.status === 200 && JSON.parse(r.text).items.some((i: any) => i.stages.piloting === 1),
  );
  expect(JSON.parse(funnel.text).items).toEqual([
    {
      organisation: org.name,
      organisationName: names,
      unit: 'hoito',
      month: thisMonth(),
      submitted: 1,
      reached: { inReview: 1, piloting: 1, adopted: 0 },
      stages: { submitted: 0, inReview: 0, piloting: 1, adopted: 0, rejected: 0, withdrawn: 0 },
      licence: 'CC-BY-4.0',
    },
  ]);
  const funnelCsv = parseCsv((await api.download(`/api/open-data/funnel.csv?organisation=${org.name}`)).text);
  expect(funnelCsv[1]).toEqual([org.name, names.fi, names.sv, names.en, 'hoito', thisMonth(), '1', '1', '1', '0', '0', '1', '0', '0', '0', 'CC-BY-4.0']);

  const activity = JSON.parse((await api.download(`/api/open-data/activity.json?organisation=${org.name}&from=${finnishDay(new Date())}`)).text);
  expect(activity.items).toEqual([expect.objectContaining({ organisation: org.name, organisationName: names, unit: 'hoito', period: thisMonth(), headcount: 10, submitted: 1, piloted: 1, participants: 1, participation: 0.1, rulesVersion: null, points: null })]);
  const activityCsv = parseCsv((await api.download(`/api/open-data/activity.csv?organisation=${org.name}&from=${finnishDay(new Date())}`)).text);
  expect(activityCsv[0][0]).toBe('organisation');
  expect(activityCsv[1].slice(0, 11)).toEqual([org.name, names.fi, names.sv, names.en, 'hoito', '', thisMonth(), `${thisMonth()}-01`, expect.any(String), '10', '1']);

  expect((await api.download('/api/open-data/catalogue.xml')).status).toBe(404);
  const badFrom = await api.download('/api/open-data/activity.csv?from=2025-02-30');
  expect(badFrom.status).toBe(400);
  expect(badFrom.type).toMatch(/^application\/problem\+json/);
  expect((await api.download('/api/open-data/funnel.csv?organisation=Bad')).status).toBe(400);
  return org;
}

/**
 * Every path through the funnel (adopted, rejected from each stage, withdrawn, left in each stage): the
 * stays read by the as-of funnel, the JS fold with the projections' evolve function and the live read model agree,
 * now and at a moment in between, with and without filters.
 */
export async function funnelFoldsAgree(app: TestApp, api: InsightApi): Promise<void> {
  const org = await newDeedOrg(app, 'folds');
  const paths: Array<Parameters<InsightApi['ideas']['ideaAt']>[1]> = [[], ['review'], ['review', 'pilot'], ['review', 'pilot', 'adopt'], ['reject'], ['review', 'reject'], ['review', 'pilot', 'reject'], ['withdraw'], ['review', 'withdraw']];
  for (const [i, steps] of paths.entries()) await api.ideas.ideaAt(org, steps, { unit: i % 2 ? 'hoito' : 'keittiö' });
  await sleep(30);
  const between = new Date();
  await sleep(30);
  for (const steps of paths.slice(0, 4)) await api.ideas.ideaAt(org, [...steps, ...(steps.length < 3 ? (['review', 'pilot', 'adopt'] as const).slice(steps.length) : [])], { unit: 'hoito' });
  const { dataSource, store } = app.runtime;
  // The stays and the live funnel are projections: wait until each has every move the events have.
  const foldNow = async () => summariseFunnel((await foldFunnelFacts(dataSource, store, org.name, new Date())).facts, org.name, {});
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const { fold } = await eventually(async () => ({ fold: await foldNow(), stays: await funnelAsOf(dataSource, org.name, new Date(), {}) }), (x) => x.fold.total === paths.length + 4 && same(x.fold, x.stays));
  const live = await eventually(() => api.ideas.funnel(org.agent), (f) => same(f, fold));
  for (const [asOf, filter] of [
    [new Date(), {}],
    [new Date(), { unit: 'hoito' }],
    [between, {}],
    [between, { unit: 'keittiö', from: '2020-01-01' }],
  ] as const) {
    const stays = await funnelAsOf(dataSource, org.name, asOf, filter);
    const js = await foldFunnelFacts(dataSource, store, org.name, asOf);
    expect(stays).toEqual(summariseFunnel(js.facts, org.name, filter));
  }
  expect(await funnelAsOf(dataSource, org.name, new Date(), {})).toEqual(live);
  expect(await funnelAsOf(dataSource, org.name, between, {})).toMatchObject({ total: paths.length, counts: { submitted: 1, inReview: 1, piloting: 1, adopted: 1, rejected: 3, withdrawn: 2 } });
}
