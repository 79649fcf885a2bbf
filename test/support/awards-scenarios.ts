// Gaala scenarios shared by awards-api.e2e.spec.ts (embedded database) and awards-api.int.spec.ts (PostgreSQL).
import { replaySeason, seasonStreamId } from '#awards';
import { client, type TestApp } from './app.js';
import { expectInvalidFields, expectProblem, expectStatus } from './ideas-scenarios.js';
import { deedsApi, newDeedOrg, programmeAdmin, type DeedOrg } from './deeds-scenarios.js';

const sleepUntil = async (at: number) => {
  while (Date.now() < at) await new Promise((resolve) => setTimeout(resolve, Math.min(250, at - Date.now())));
};
export const DEEDS = 'innostavat-teot';
export const HEROES = 'oman-tyon-sankarit';
const sheet = (n: number) => ({ results: n, boldness: n, 'staff-driven': n, customer: n, transferability: n });

export interface SeasonRun {
  seasonId: string;
  orgs: { a: DeedOrg; b: DeedOrg; c: DeedOrg };
  deeds: { a: string; b: string; c: string };
}

/**
 * Three organisations, three jurors (one from organisation A), a chair. A blind deeds series where A's juror is
 * recused automatically, C's juror declares a conflict on B, B and C tie (broken by nomination order) and the
 * chair includes C anyway; an employees series. Results stay hidden until the gala a few seconds ahead.
 */
export async function fullSeason(app: TestApp): Promise<SeasonRun> {
  const call = client(app.baseUrl);
  const deedsClient = deedsApi(app);
  const admin = await programmeAdmin(app);
  const a = await newDeedOrg(app, 'gaala-a');
  const b = await newDeedOrg(app, 'gaala-b');
  const c = await newDeedOrg(app, 'gaala-c');
  const deeds = {
    a: await deedsClient.published(a, { title: 'Ympäristöteko A' }),
    b: await deedsClient.published(b, { title: 'Viestintäteko B' }),
    c: await deedsClient.published(c, { title: 'Tasa-arvoteko C' }),
  };
  const draftOnly = (await deedsClient.draft(b.editor, { title: 'Keskeneräinen' })).id;
  const tag = a.name;
  const subjects = { j1: `${tag}-j1`, j2: `${tag}-j2`, j3: `${tag}-j3`, chair: `${tag}-chair` };
  const j1 = await app.token(subjects.j1, a.name, 'juror');
  const j2 = await app.token(subjects.j2, 'kunteko', 'juror');
  const j3 = await app.token(subjects.j3, c.name, 'juror');
  const chair = await app.token(subjects.chair, 'kunteko', 'jury-chair');
  const heroSubject = `${b.name}-employee`;

  const start = Date.now();
  // Wide enough for the nominating steps on a busy machine; the scenario waits for both moments.
  const closesAt = start + 25_000;
  const galaAt = start + 40_000;
  const seasonBody = {
    year: new Date().getUTCFullYear(),
    name: `Gaala ${tag}`,
    nominationOpensAt: new Date(start - 60_000).toISOString(),
    nominationClosesAt: new Date(closesAt).toISOString(),
    eligibleFrom: new Date(start - 86_400_000).toISOString(),
    eligibleTo: new Date(start + 86_400_000).toISOString(),
    galaAt: new Date(galaAt).toISOString(),
    series: [
      {
        kind: 'deeds',
        awards: 1,
        shortlistSize: 2,
        blind: true,
        subAwards: ['Vuoden ympäristöteko', 'Vuoden viestintäteko'],
        jurors: [
          { subject: subjects.j1, organisation: a.name },
          { subject: subjects.j2, organisation: 'kunteko' },
          { subject: subjects.j3, organisation: c.name },
        ],
        chair: subjects.chair,
      },
      { kind: 'employees', awards: 1, shortlistSize: 1, jurors: [{ subject: subjects.j3, organisation: c.name }], chair: subjects.chair },
    ],
  };
  // Only admins open seasons; bad input names its fields.
  expectProblem(await call('POST', '/api/award-seasons', { token: a.editor, body: seasonBody }), 403);
  expectInvalidFields(await call('POST', '/api/award-seasons', { token: admin, body: { ...seasonBody, year: 'next', galaAt: 'marraskuussa' } }), ['year', 'galaAt']);
  expectInvalidFields(await call('POST', '/api/award-seasons', { token: admin, body: { ...seasonBody, series: [{ ...seasonBody.series[0], kind: 'heroes', awards: 0 }] } }), ['series[0].kind', 'series[0].awards']);
  const opened = await call('POST', '/api/award-seasons', { token: admin, body: seasonBody });
  expectStatus(opened, 201);
  const seasonId: string = opened.body.id;
  expect(opened.body.series).toEqual([DEEDS, HEROES]);

  // Nominations: editors for their own organisation; duplicates merge.
  const nominate = (token: string, body: Record<string, unknown>) => call('POST', `/api/award-seasons/${seasonId}/nominations`, { token, body });
  const nA = await nominate(a.editor, { series: DEEDS, deedId: deeds.a, justification: 'Päästöt puoleen.' });
  expectStatus(nA, 201);
  const nB = await nominate(b.editor, { series: DEEDS, deedId: deeds.b, justification: 'Viestintä selkeni.' });
  expectStatus(nB, 201);
  const nC = await nominate(c.editor, { series: DEEDS, deedId: deeds.c, justification: 'Tasa-arvo kasvoi.' });
  expectStatus(nC, 201);
  const merged = await nominate(admin, { series: DEEDS, deedId: deeds.a, justification: 'Asukkaat kiittävät.' });
  expectStatus(merged, 200);
  expect(merged.body).toMatchObject({ id: nA.body.id, merged: true });
  expectProblem(await nominate(b.editor, { series: DEEDS, deedId: deeds.a }), 403);
  expectProblem(await nominate(b.editor, { series: DEEDS, deedId: draftOnly }), 409);
  expectProblem(await nominate(b.employee, { series: DEEDS, deedId: deeds.b }), 403);
  expectInvalidFields(await nominate(b.editor, { series: DEEDS }), ['deedId']);
  expectInvalidFields(await nominate(b.editor, { series: HEROES, name: 'Maija', justification: 'x', colour: 'red' }), ['colour']);
  const hero = await nominate(b.editor, { series: HEROES, name: 'Maija Meikäläinen', unit: 'kotihoito', employeeSubject: heroSubject, justification: 'Kehitti kotihoidon reitit.' });
  expectStatus(hero, 201);
  const ids = { a: nA.body.id as string, b: nB.body.id as string, c: nC.body.id as string, hero: hero.body.id as string };

  // Blind review: jurors see no organisation or person; the chair sees everything; jurors see their own series only.
  const list = await call('GET', `/api/award-seasons/${seasonId}/nominations?series=${DEEDS}`, { token: j2 });
  expectStatus(list, 200);
  expect(list.body.items.map((n: { id: string }) => n.id)).toEqual([ids.a, ids.b, ids.c]);
  expect(JSON.stringify(list.body)).not.toContain(a.name);
  expect(list.body.items[0].nominee).toEqual({ kind: 'deed', title: 'Ympäristöteko A' });
  expect(list.body.items[0].justifications).toEqual(['Päästöt puoleen.', 'Asukkaat kiittävät.']);
  expectProblem(await call('GET', `/api/award-seasons/${seasonId}/nominations?series=${HEROES}`, { token: j2 }), 403);
  expectProblem(await call('GET', `/api/award-seasons/${seasonId}/nominations`, { token: a.editor }), 403);
  // Editors see their own organisation's nominations, named, whoever nominated them; not another organisation's.
  const ours = await call('GET', `/api/award-seasons/${seasonId}/our-nominations`, { token: a.editor });
  expectStatus(ours, 200);
  expect(ours.body.items.map((n: { id: string }) => n.id)).toEqual([ids.a]);
  expect(ours.body.items[0]).toMatchObject({ series: DEEDS, nominee: { kind: 'deed', deedId: deeds.a, organisation: a.name, title: 'Ympäristöteko A' }, justifications: ['Päästöt puoleen.', 'Asukkaat kiittävät.'] });
  const theirs = await call('GET', `/api/award-seasons/${seasonId}/our-nominations`, { token: b.editor });
  expect(theirs.body.items.map((n: { id: string }) => n.id)).toEqual([ids.b, ids.hero]);
  expectProblem(await call('GET', `/api/award-seasons/${seasonId}/our-nominations?organisation=${a.name}`, { token: b.editor }), 403);
  expectProblem(await call('GET', `/api/award-seasons/${seasonId}/our-nominations`, { token: a.employee }), 403);
  const chairList = await call('GET', `/api/award-seasons/${seasonId}/nominations?series=${DEEDS}`, { token: chair });
  expect(chairList.body.items[0].nominee).toMatchObject({ organisation: a.name, deedId: deeds.a });
  expect(chairList.body.items[0].recusals).toEqual([{ juror: expect.stringMatching(/^p_/), reason: 'own-organisation' }]);

  // Scoring. j1 is from A: recused from A automatically.
  const score = (token: string, id: string, body: Record<string, unknown>) => call('POST', `/api/nominations/${id}/scores`, { token, body });
  expectProblem(await score(j1, ids.a, { scores: sheet(5) }), 409);
  expectStatus(await score(j1, ids.b, { scores: sheet(4) }), 200);
  expectStatus(await score(j1, ids.c, { scores: sheet(4) }), 200);
  expectStatus(await score(j2, ids.a, { scores: sheet(5), comment: 'Erinomainen.' }), 200);
  expectStatus(await score(j2, ids.b, { scores: sheet(3) }), 200);
  expectStatus(await score(j2, ids.c, { scores: sheet(3) }), 200);
  // j3 declares a conflict on B, and cannot score it after that; j3 changes a score on A.
  expectStatus(await call('POST', `/api/nominations/${ids.b}/conflicts`, { token: j3, body: { reason: 'Olin hankkeen ohjausryhmässä.' } }), 200);
  expectProblem(await score(j3, ids.b, { scores: sheet(5) }), 409);
  expectStatus(await score(j3, ids.a, { scores: sheet(2) }), 200);
  const changed = await score(j3, ids.a, { scores: sheet(4) });
  expectStatus(changed, 200);
  expect(changed.body.changed).toBe(true);
  expectStatus(await score(j3, ids.hero, { scores: sheet(5) }), 200);
  // Bad scores and outsiders.
  expectInvalidFields(await score(j2, ids.c, { scores: { ...sheet(3), results: 6 } }), ['scores.results']);
  expectInvalidFields(await score(j2, ids.c, { scores: 'viisi' }), ['scores']);
  expectProblem(await score(j2, ids.c, { scores: { results: 3 } }), 400);
  expectProblem(await score(j2, ids.hero, { scores: sheet(3) }), 403);
  expectProblem(await score(b.employee, ids.c, { scores: sheet(3) }), 403);
  expectProblem(await score(j2, '00000000-0000-4000-8000-000000000000', { scores: sheet(3) }), 404);

  // The chair follows progress and the live shortlist; jurors may not.
  const progress = await call('GET', `/api/award-seasons/${seasonId}/progress?series=${DEEDS}`, { token: chair });
  expectStatus(progress, 200);
  expect(progress.body.jurors.map((j: Record<string, unknown>) => [j.organisation, j.scored, j.recused, j.remaining])).toEqual([
    [a.name, 2, 1, 0],
    ['kunteko', 3, 0, 0],
    [c.name, 1, 2, 0],
  ]);
  expectProblem(await call('GET', `/api/award-seasons/${seasonId}/shortlist?series=${DEEDS}`, { token: j2 }), 403);
  expectInvalidFields(await call('GET', `/api/award-seasons/${seasonId}/shortlist`, { token: chair }), ['series']);
  const live = await call('GET', `/api/award-seasons/${seasonId}/shortlist?series=${DEEDS}`, { token: chair });
  expectStatus(live, 200);
  // B and C tie on normalised score and raw mean with two jurors each: the earlier nomination (B) goes through.
  expect(live.body.ranking.map((r: Record<string, unknown>) => [r.nominationId, r.jurors, r.selected])).toEqual([
    [ids.a, 2, true],
    [ids.b, 2, true],
    [ids.c, 2, false],
  ]);
  expect(live.body.ranking[1].normalised).toBe(live.body.ranking[2].normalised);
  expect(live.body.ranking[1].rawMean).toBe(live.body.ranking[2].rawMean);

  // The chair includes C anyway, with a reason; the long list cannot close while nominations are open.
  expectInvalidFields(await call('POST', `/api/award-seasons/${seasonId}/overrides`, { token: chair, body: { series: DEEDS, nominationId: ids.c, action: 'include' } }), ['reason']);
  expectProblem(await call('POST', `/api/award-seasons/${seasonId}/overrides`, { token: j2, body: { series: DEEDS, nominationId: ids.c, action: 'include', reason: 'x' } }), 403);
  expectStatus(await call('POST', `/api/award-seasons/${seasonId}/overrides`, { token: chair, body: { series: DEEDS, nominationId: ids.c, action: 'include', reason: 'Tasa-arvoteemalle tarvitaan edustaja.' } }), 200);
  expectProblem(await call('POST', `/api/award-seasons/${seasonId}/rounds/close`, { token: chair, body: { series: DEEDS } }), 409);

  // Reveal the blind series.
  expectProblem(await call('POST', `/api/award-seasons/${seasonId}/reveal`, { token: j2, body: { series: DEEDS } }), 403);
  expectStatus(await call('POST', `/api/award-seasons/${seasonId}/reveal`, { token: chair, body: { series: DEEDS } }), 200);
  const revealed = await call('GET', `/api/award-seasons/${seasonId}/nominations?series=${DEEDS}`, { token: j2 });
  expect(revealed.body.items[0].nominee).toMatchObject({ organisation: a.name, deedId: deeds.a });

  await sleepUntil(closesAt + 100);
  expectProblem(await nominate(c.editor, { series: DEEDS, deedId: deeds.c, justification: 'Myöhässä.' }), 409);
  const close = (series: string, token = chair) => call('POST', `/api/award-seasons/${seasonId}/rounds/close`, { token, body: { series } });
  expectProblem(await close(DEEDS, j1), 403);
  expectStatus(await close(DEEDS), 200);
  const shortlist = await call('GET', `/api/award-seasons/${seasonId}/shortlist?series=${DEEDS}`, { token: chair });
  expect(shortlist.body).toMatchObject({ stage: 'shortlist', round: 'shortlist', rounds: [{ round: 'long-list', selected: [ids.a, ids.b, ids.c] }] });
  // The long list is closed: C stays in (shortlisted), and a score outside the shortlist would be refused.
  expectStatus(await close(DEEDS), 200);
  expectStatus(await close(HEROES), 200);
  expectStatus(await close(HEROES), 200);
  expectProblem(await close(HEROES), 409);
  expectProblem(await score(j2, ids.a, { scores: sheet(1) }), 409);

  const grant = (body: Record<string, unknown>, token = chair) => call('POST', `/api/award-seasons/${seasonId}/awards`, { token, body });
  expectStatus(await grant({ nominationId: ids.a, category: 'winner' }), 201);
  expectStatus(await grant({ nominationId: ids.c, category: 'sub-award', subAward: 'Vuoden ympäristöteko' }), 201);
  // A programme admin grants as well as the series' chair.
  expectStatus(await grant({ nominationId: ids.b, category: 'honourable-mention' }, admin), 201);
  expectStatus(await grant({ nominationId: ids.hero, category: 'winner' }), 201);
  expectProblem(await grant({ nominationId: ids.c, category: 'winner' }), 409);
  expectProblem(await grant({ nominationId: ids.b, category: 'sub-award', subAward: 'Vuoden ympäristöteko' }), 409);
  expectInvalidFields(await grant({ nominationId: ids.b, category: 'sub-award' }), ['subAward']);
  expectProblem(await grant({ nominationId: ids.b, category: 'honourable-mention' }, j2), 403);

  // Embargo: nothing public before the gala.
  expectProblem(await call('GET', `/api/award-seasons/${seasonId}/results`), 404);
  expect((await deedsClient.search({ organisation: a.name, awarded: 'true' })).total).toBe(0);
  expect((await deedsClient.catalogueDeed(deeds.a)).awards).toEqual([]);
  const heroToken = await app.token(heroSubject, b.name, 'employee');
  expect((await call('GET', '/api/awards/mine', { token: heroToken })).body.items).toEqual([]);

  // Audit: every step from the events, and the closed rounds recompute exactly.
  const audit = await call('GET', `/api/award-seasons/${seasonId}/audit`, { token: admin });
  expectStatus(audit, 200);
  const kinds = new Set(audit.body.entries.map((e: { event: string }) => e.event));
  for (const kind of ['AwardSeasonOpened', 'NominationSubmitted', 'NominationMerged', 'NominationScored', 'NominationScoreChanged', 'JurorRecused', 'ShortlistOverridden', 'RoundClosed', 'AwardGranted', 'SeriesRevealed']) expect(kinds).toContain(kind);
  expect(audit.body.entries.filter((e: { event: string; detail: string }) => e.event === 'JurorRecused').map((e: { detail: string }) => e.detail.match(/\((.+?)\)/)?.[1])).toEqual(['own-organisation', 'own-organisation', 'declared']);
  expect(audit.body.entries.every((e: { actor: string; roles: string }) => /^p_/.test(e.actor) && e.roles.length > 0)).toBe(true);
  expect(audit.body.replay).toHaveLength(4);
  expect(audit.body.replay.every((r: { matches: boolean }) => r.matches)).toBe(true);
  const events = await app.runtime.store.readStream(seasonStreamId(seasonId));
  const replayed = replaySeason(events);
  expect(replayed.checks.find((r) => r.series === DEEDS && r.round === 'long-list')!.recomputed).toEqual(shortlist.body.rounds[0].selected);
  const csv = await call('GET', `/api/award-seasons/${seasonId}/audit?format=csv`, { token: chair });
  expectStatus(csv, 200);
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(String(csv.body).split('\r\n')[0]).toBe('seq,at,event,actor,roles,series,nominationId,detail');
  expect(String(csv.body)).toContain('ShortlistOverridden');
  expectProblem(await call('GET', `/api/award-seasons/${seasonId}/audit`, { token: j2 }), 403);
  expectInvalidFields(await call('GET', `/api/award-seasons/${seasonId}/audit?format=xml`, { token: admin }), ['format']);

  // After the gala: results, the catalogue and "my awards".
  await sleepUntil(galaAt + 100);
  const results = await call('GET', `/api/award-seasons/${seasonId}/results`);
  expectStatus(results, 200);
  expect(results.body.series.find((s: { key: string }) => s.key === DEEDS).awards.map((x: Record<string, unknown>) => [x.nominationId, x.category, x.title])).toEqual([
    [ids.a, 'winner', 'Innostavat teot'],
    [ids.c, 'sub-award', 'Vuoden ympäristöteko'],
    [ids.b, 'honourable-mention', 'Kunniamaininta – Innostavat teot'],
  ]);
  expect(results.body.series.find((s: { key: string }) => s.key === HEROES).awards[0].nominee).toEqual({ kind: 'employee', organisation: b.name, name: 'Maija Meikäläinen', unit: 'kotihoito' });
  expect(JSON.stringify(results.body)).not.toMatch(/"p_[A-Za-z0-9_-]{22}"/);
  const deadline = Date.now() + 10_000;
  while ((await deedsClient.catalogueDeed(deeds.a)).awards.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect((await deedsClient.catalogueDeed(deeds.a)).awards).toEqual([{ season: `Gaala ${tag}`, year: seasonBody.year, series: 'Innostavat teot', award: 'Innostavat teot' }]);
  expect(await deedsClient.ids({ organisation: a.name, awarded: 'true' })).toEqual([deeds.a]);
  expect(await deedsClient.ids({ organisation: c.name, awarded: 'true' })).toEqual([deeds.c]);
  const mine = await call('GET', '/api/awards/mine', { token: heroToken });
  expect(mine.body.items.map((x: Record<string, unknown>) => [x.whose, x.title])).toEqual([
    ['organisation', 'Kunniamaininta – Innostavat teot'],
    ['me', 'Oman työn sankarit'],
  ]);
  return { seasonId, orgs: { a, b, c }, deeds };
}

