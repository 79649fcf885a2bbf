// Erasure and access on the embedded database: personal fields are sealed in the store, readable while
// the person's key exists, "[poistettu]" after erasure (also after a full rebuild), and nothing else changes.
import { ERASED_TEXT, START } from '#event-store';
import { client, startTestApp, type TestApp } from './support/app.js';
import { HEROES } from './support/awards-scenarios.js';
import { newDeedOrg, programmeAdmin, rebuildAll, type DeedOrg } from './support/deeds-scenarios.js';
import { expectInvalidFields, expectProblem, expectStatus, ideasApi, TIMEOUT, type IdeasApi } from './support/ideas-scenarios.js';

const COMMENT = 'Maija tässä: kokeilin tätä kotihoidossa ja se toimi.';
const OTHER_COMMENT = 'Kannatan, hyvä ajatus.';
const WITHDRAWAL = 'Maija siirtyy toiseen yksikköön.';
const CAPTION = 'Maijan valokuva pilotista';
const HERO_NAME = 'Maija Meikäläinen';
const JUROR_COMMENT = 'Maijan reittisuunnittelu säästi kaikkien aikaa.';
const HERO_SECRETS = [COMMENT, WITHDRAWAL, CAPTION, HERO_NAME];
const SECRETS = [...HERO_SECRETS, JUROR_COMMENT];

const sleepUntil = async (at: number) => {
  while (Date.now() < at) await new Promise((resolve) => setTimeout(resolve, Math.min(250, at - Date.now())));
};

/**
 * A season whose employees series awards the organisation's employee (by subject, so the award can be
 * erased): nominated, scored with a comment, shortlisted, granted, and public after the gala.
 */
async function heroSeason(app: TestApp, org: DeedOrg): Promise<string> {
  const call = client(app.baseUrl);
  const admin = await programmeAdmin(app);
  const jurorSubject = `${org.name}-juror`;
  const chairSubject = `${org.name}-chair`;
  const juror = await app.token(jurorSubject, 'kunteko', 'juror');
  const chair = await app.token(chairSubject, 'kunteko', 'jury-chair');
  const start = Date.now();
  const closesAt = start + 6_000;
  const galaAt = closesAt + 3_000;
  const opened = await call('POST', '/api/award-seasons', {
    token: admin,
    body: {
      year: new Date().getUTCFullYear(),
      name: `Gaala ${org.name}`,
      nominationOpensAt: new Date(start - 60_000).toISOString(),
      nominationClosesAt: new Date(closesAt).toISOString(),
      eligibleFrom: new Date(start - 86_400_000).toISOString(),
      eligibleTo: new Date(start + 86_400_000).toISOString(),
      galaAt: new Date(galaAt).toISOString(),
      series: [{ kind: 'employees', awards: 1, shortlistSize: 1, jurors: [{ subject: jurorSubject, organisation: 'kunteko' }], chair: chairSubject }],
    },
  });
  expectStatus(opened, 201);
  const seasonId: string = opened.body.id;
  const nominated = await call('POST', `/api/award-seasons/${seasonId}/nominations`, {
    token: org.editor,
    body: { series: HEROES, name: HERO_NAME, unit: 'kotihoito', employeeSubject: `${org.name}-employee`, justification: 'Kehitti kotihoidon reitit.' },
  });
  expectStatus(nominated, 201);
  const sheet = { results: 5, boldness: 4, 'staff-driven': 5, customer: 4, transferability: 5 };
  expectStatus(await call('POST', `/api/nominations/${nominated.body.id}/scores`, { token: juror, body: { scores: sheet, comment: JUROR_COMMENT } }), 200);
  await sleepUntil(closesAt + 100);
  for (let round = 0; round < 2; round++) expectStatus(await call('POST', `/api/award-seasons/${seasonId}/rounds/close`, { token: chair, body: { series: HEROES } }), 200);
  expectStatus(await call('POST', `/api/award-seasons/${seasonId}/awards`, { token: chair, body: { nominationId: nominated.body.id, category: 'winner' } }), 201);
  await sleepUntil(galaAt + 100);
  expectStatus(await call('GET', `/api/award-seasons/${seasonId}/results`), 200);
  return seasonId;
}

describe('erasure and access (embedded database)', () => {
  let app: TestApp;
  let api: IdeasApi;
  let call: ReturnType<typeof client>;
  let org: DeedOrg;
  let seasonId: string;

  beforeAll(async () => {
    app = await startTestApp();
    api = ideasApi(app);
    call = client(app.baseUrl);
    org = await newDeedOrg(app, 'privacy');
    seasonId = await heroSeason(app, org);
  }, TIMEOUT);
  afterAll(async () => app?.close(), TIMEOUT);

  it(
    'exports a person\'s data, erases it, and after a full rebuild shows "[poistettu]" while counts, stages, the funnel and awards stay',
    async () => {
      const b = org;
      const heroSubject = `${b.name}-employee`;
      const hero = b.employee;
      const admin = await programmeAdmin(app);

      // The hero (nominated and awarded by heroSeason) also submits, comments, supports and withdraws.
      const named = (await api.submit(hero, { title: 'Reittien yhteissuunnittelu', media: [{ kind: 'image', url: 'https://kuvat.example/pilotti.jpg', caption: CAPTION }] })).id;
      const anonymous = (await api.submit(hero, { title: 'Nimetön ehdotus vuorolistoista', anonymous: true })).id;
      const colleagues = (await api.submit(b.colleague, { title: 'Yhteinen kalenteri' })).id;
      await api.act(b.agent, anonymous, 'review');
      await api.act(b.agent, anonymous, 'pilot');
      await api.act(hero, colleagues, 'comments', { text: COMMENT });
      await api.act(b.agent, colleagues, 'comments', { text: OTHER_COMMENT });
      await api.act(hero, colleagues, 'support');
      await api.act(hero, named, 'withdraw', { reason: WITHDRAWAL });

      // What the store holds is sealed: none of the personal texts is there in clear.
      const stored = JSON.stringify(await app.runtime.sealedStore.readAll(START, { limit: 100_000 }));
      for (const secret of SECRETS) expect(stored).not.toContain(secret);
      expect(stored).toContain('"$personal":1');
      // ...while everything that reads through the port sees the plaintext.
      const opened = JSON.stringify(await app.runtime.store.readAll(START, { limit: 100_000 }));
      for (const secret of SECRETS) expect(opened).toContain(secret);

      // Access: the person's own export lists everything, anonymous ideas included.
      const mine = await call('GET', '/api/people/me/export', { token: hero });
      expectStatus(mine, 200);
      expect(mine.body.erasedAt).toBeNull();
      expect(mine.body.ideas.map((i: { id: string; anonymous: boolean }) => [i.id, i.anonymous])).toEqual([
        [named, false],
        [anonymous, true],
      ]);
      expect(mine.body.ideas[0]).toMatchObject({ stage: 'withdrawn', withdrawalReason: WITHDRAWAL, media: [{ caption: CAPTION }] });
      expect(mine.body.comments).toEqual([{ ideaId: colleagues, commentId: expect.any(String), text: COMMENT, at: expect.any(String), media: [] }]);
      expect(mine.body.supports).toEqual([{ ideaId: colleagues }]);
      expect(mine.body.nominations).toEqual([expect.objectContaining({ series: HEROES, nominee: { kind: 'employee', organisation: b.name, name: HERO_NAME, unit: 'kotihoito' } })]);
      expect(mine.body.awards).toEqual([expect.objectContaining({ series: HEROES, category: 'winner', nominee: expect.objectContaining({ name: HERO_NAME }) })]);
      expect(JSON.stringify(mine.body)).not.toMatch(/"p_[A-Za-z0-9_-]{22}"/);

      // An admin's export never lists an anonymous idea: that would name its submitter.
      const byAdmin = await call('GET', `/api/people/${encodeURIComponent(heroSubject)}/export`, { token: admin });
      expectStatus(byAdmin, 200);
      expect(byAdmin.body.ideas.map((i: { id: string }) => i.id)).toEqual([named]);
      expect(JSON.stringify(byAdmin.body)).not.toContain(anonymous);
      expect(byAdmin.body.comments).toHaveLength(1);

      // Someone whose only trace is an anonymous idea looks, to an admin, exactly like someone unknown.
      const quietSubject = `${b.name}-quiet`;
      const quiet = await app.token(quietSubject, b.name, 'employee');
      const quietIdea = (await api.submit(quiet, { title: 'Hiljainen ehdotus', anonymous: true })).id;
      const quietByAdmin = await call('GET', `/api/people/${encodeURIComponent(quietSubject)}/export`, { token: admin });
      const unknownByAdmin = await call('GET', '/api/people/ei-ketaan-tunnettua/export', { token: admin });
      expectProblem(quietByAdmin, 404);
      expect(quietByAdmin.body).toEqual({ ...unknownByAdmin.body, instance: quietByAdmin.body.instance });
      expect((await call('GET', '/api/people/me/export', { token: quiet })).body.ideas.map((i: { id: string }) => i.id)).toEqual([quietIdea]);

      // Only admins, only valid subjects, only people something is held about.
      expectProblem(await call('GET', `/api/people/${encodeURIComponent(heroSubject)}/export`, { token: b.colleague }), 403);
      expectProblem(await call('POST', `/api/people/${encodeURIComponent(heroSubject)}/erase`, { token: b.colleague }), 403);
      expectProblem(await call('POST', `/api/people/${encodeURIComponent(heroSubject)}/erase`), 401);
      expectProblem(await call('POST', '/api/people/ei-ketaan-tunnettua/erase', { token: admin }), 404);
      expectProblem(await call('GET', '/api/people/ei-ketaan-tunnettua/export', { token: admin }), 404);
      expectInvalidFields(await call('POST', `/api/people/${'x'.repeat(256)}/erase`, { token: admin }), ['id']);
      expectInvalidFields(await call('GET', '/api/people/%01abc/export', { token: admin }), ['id']);
      expectInvalidFields(await call('GET', '/api/people/%20abc/export', { token: admin }), ['id']);
      expectProblem(await call('GET', '/api/people/%E0%A4%A/export', { token: admin }), 400);

      const snapshot = async () => ({
        funnel: await api.funnel(b.agent),
        colleagues: await api.detail(b.agent, colleagues),
        named: await api.detail(b.agent, named),
        anonymous: await api.detail(b.agent, anonymous),
        myIdeas: (await api.list(hero, { mine: 'true' })).items.map((i) => [i.id, i.stage]).sort(),
        results: (await call('GET', `/api/award-seasons/${seasonId}/results`)).body,
      });
      const before = await snapshot();
      expect(before.colleagues.comments.map((c: { text: string }) => c.text)).toEqual([COMMENT, OTHER_COMMENT]);

      const erased = await call('POST', `/api/people/${encodeURIComponent(heroSubject)}/erase`, { token: admin });
      expectStatus(erased, 200);
      expect(erased.body).toMatchObject({ keyDestroyed: true, erasedAt: expect.any(String) });
      expect(erased.body.rebuilt).toEqual(expect.arrayContaining(['idea-views', 'funnel', 'award-seasons', 'award-nominations']));
      expect(JSON.stringify(erased.body)).not.toMatch(/p_[A-Za-z0-9_-]{22}/);
      // Every view is rebuilt in the end, the notifier's (whose table has a serial column) included.
      expect([...erased.body.rebuilt, ...erased.body.pending]).toEqual(expect.arrayContaining(['notifications']));
      expect(await app.runtime.runner.waitForRebuilds([...erased.body.rebuilt, ...erased.body.pending], 120_000)).toEqual([]);

      const expectErased = async () => {
        const after = await snapshot();
        // The person's texts read as erased...
        expect(after.colleagues.comments.map((c: { text: string }) => c.text)).toEqual([ERASED_TEXT, OTHER_COMMENT]);
        expect(after.named.withdrawalReason).toBe(ERASED_TEXT);
        expect(after.named.media).toEqual([]);
        const heroAward = after.results.series.find((s: { key: string }) => s.key === HEROES).awards[0];
        expect(heroAward.nominee).toEqual({ kind: 'employee', organisation: b.name, name: ERASED_TEXT, unit: ERASED_TEXT });
        // ...and everything else is as it was: counts, stages, funnel, awards, "my ideas".
        expect(after.funnel).toEqual(before.funnel);
        expect(after.myIdeas).toEqual(before.myIdeas);
        expect(after.myIdeas).toHaveLength(2);
        expect(after.named.history.find((h: { event: string }) => h.event === 'IdeaWithdrawn').reason).toBe(ERASED_TEXT);
        const withoutPersonal = ({ comments: _c, media: _m, withdrawalReason: _w, history, ...rest }: any) => ({
          ...rest,
          history: history.map(({ reason: _r, ...entry }: any) => entry),
        });
        for (const key of ['colleagues', 'named', 'anonymous'] as const) expect(withoutPersonal(after[key])).toEqual(withoutPersonal(before[key]));
        expect(after.colleagues.comments).toHaveLength(2);
        expect(after.colleagues.supportCount).toBe(before.colleagues.supportCount);
        const awardsOf = (results: any) =>
          results.series.map((s: any) => [s.key, s.awards.map((a: any) => [a.nominationId, a.category, a.title, a.nominee.kind, a.nominee.organisation])]);
        expect(awardsOf(after.results)).toEqual(awardsOf(before.results));
        // The read models hold the texts nowhere, in any table.
        const dump = JSON.stringify(
          await app.runtime.dataSource.query(`SELECT row_to_json(v)::text AS r FROM idea_views v UNION ALL SELECT row_to_json(n)::text FROM award_nominations n UNION ALL SELECT row_to_json(s)::text FROM award_seasons s`),
        );
        for (const secret of HERO_SECRETS) expect(dump).not.toContain(secret);
        // Other people's data is untouched: the juror's comment on the hero's nomination stays.
        const juror = await call('GET', `/api/people/${encodeURIComponent(`${b.name}-juror`)}/export`, { token: admin });
        expect(juror.body.juryScores.map((x: { comment: string }) => x.comment)).toEqual([JUROR_COMMENT]);
      };
      await expectErased();

      // A full rebuild from position zero, with the read models wrecked first, gives the same.
      await app.runtime.dataSource.query(`UPDATE idea_views SET comments = '[]'::jsonb`);
      await app.runtime.dataSource.query(`UPDATE award_seasons SET awards = '[]'::jsonb`);
      expect(await rebuildAll(app)).toBeGreaterThan(0);
      await expectErased();
      // Also after the process forgets every cached key.
      app.runtime.personKeys.forget();
      expect(await rebuildAll(app)).toBeGreaterThan(0);
      await expectErased();

      // The person's export shows the erasure; the erasure is recorded as an event without personal data.
      const afterwards = await call('GET', '/api/people/me/export', { token: hero });
      expectStatus(afterwards, 200);
      expect(afterwards.body.erasedAt).toBe(erased.body.erasedAt);
      expect(afterwards.body.comments.map((c: { text: string }) => c.text)).toEqual([ERASED_TEXT]);
      expect(afterwards.body.nominations[0].nominee.name).toBe(ERASED_TEXT);
      expect(afterwards.body.ideas).toHaveLength(2);
      const recorded = (await app.runtime.sealedStore.readAll(START, { limit: 100_000 })).filter((e) => e.type === 'PersonErased');
      expect(recorded).toHaveLength(1);
      expect(Object.keys(recorded[0].data as object).sort()).toEqual(['erasedAt', 'keyDestroyed', 'person']);

      // Erasing again is harmless.
      const again = await call('POST', `/api/people/${encodeURIComponent(heroSubject)}/erase`, { token: admin });
      expectStatus(again, 200);
      expect(again.body).toMatchObject({ keyDestroyed: false, erasedAt: erased.body.erasedAt });

      // What the person writes after the erasure gets a new key: readable, while the old stays erased.
      await api.act(hero, colleagues, 'comments', { text: 'Palasin takaisin.' });
      expect((await api.detail(b.agent, colleagues)).comments.map((c: { text: string }) => c.text)).toEqual([ERASED_TEXT, OTHER_COMMENT, 'Palasin takaisin.']);
      expect((await call('GET', '/api/people/me/export', { token: hero })).body.erasedAt).toBeNull();
    },
    TIMEOUT,
  );
});
