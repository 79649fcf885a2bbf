// The ideas HTTP API end to end: the whole app in-process on the embedded database.
// Scenario helpers live in support/ideas-scenarios.ts, shared with ideas-api.int.spec.ts.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLocalKeys, signLocalToken } from '#platform';
import { client, startTestApp, type Reply, type TestApp } from './support/app.js';
import { type Action, type IdeasApi, METRIC, type Org, type Step, TIMEOUT, actionBodies, concurrentSupportsAllCounted, expectInvalidFields, expectProblem, expectStatus, happyPathThroughAdopt, ideaBody, ideasApi, idempotentSubmit, illegalTransitionIs409, newOrg, readYourWritesLoop, staleIfMatchIs412, sleep } from './support/ideas-scenarios.js';

describe('ideas API, end to end on the embedded database', () => {
  let app: TestApp;
  let api: IdeasApi;

  beforeAll(async () => {
    app = await startTestApp();
    api = ideasApi(app);
  }, TIMEOUT);
  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  describe('submitting', () => {
    it('answers 201 with Location, ETag and the new idea, which reads back in full', async () => {
      const org = await newOrg(app, 'submit');
      const reply = await api.call('POST', '/api/ideas', {
        token: org.employee,
        body: ideaBody({ title: '  Kahvihuoneen uudistus  ', media: [{ kind: 'image', url: 'https://intra.example.fi/kuva.jpg', caption: 'Nykytila' }] }),
      });
      expectStatus(reply, 201);
      const { id } = reply.body;
      expect(reply.headers.get('location')).toBe(`/api/ideas/${id}`);
      expect(reply.headers.get('etag')).toBe('"1"');
      expect(reply.body).toMatchObject({ id, version: 1, stage: 'submitted' });

      const read = await api.call('GET', `/api/ideas/${id}`, { token: org.colleague });
      expectStatus(read, 200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body).toMatchObject({
        id,
        version: 1,
        title: 'Kahvihuoneen uudistus',
        description: 'Jokaisella talolla on oma vihkonsa, ja varaaminen vie aikaa.',
        problem: 'Varaaminen vie aikaa.',
        proposal: 'Yksi kalenteri kaikille.',
        organisation: org.name,
        unit: 'varhaiskasvatus',
        sector: 'education-and-early-childhood',
        themes: ['digitalisaatio'],
        language: 'fi',
        media: [{ kind: 'image', url: 'https://intra.example.fi/kuva.jpg', caption: 'Nykytila' }],
        anonymous: false,
        submittedByMe: false,
        stage: 'submitted',
        supportCount: 0,
        comments: [],
      });
      expect(read.body.history).toEqual([{ event: 'IdeaSubmitted', stage: 'submitted', at: expect.any(String), actorRole: 'employee' }]);
      expect((await api.detail(org.employee, id)).submittedByMe).toBe(true);
    }, TIMEOUT);

    it('defaults organisation to the caller’s and language to Finnish', async () => {
      const org = await newOrg(app, 'defaults');
      const { id } = await api.submit(org.employee, { language: undefined, themes: undefined, problem: undefined, proposal: undefined });
      expect(await api.detail(org.employee, id)).toMatchObject({ organisation: org.name, language: 'fi', themes: [], problem: null, proposal: null, media: [] });
    }, TIMEOUT);

    it('honours Idempotency-Key: same caller twice gives one idea, different callers two', async () => {
      await idempotentSubmit(app, api);
    }, TIMEOUT);

    it('refuses a malformed Idempotency-Key with a 400 problem naming the header', async () => {
      const org = await newOrg(app, 'idemkey');
      const spaced = await api.call('POST', '/api/ideas', { token: org.employee, body: ideaBody(), headers: { 'idempotency-key': 'has a space' } });
      expectInvalidFields(spaced, ['Idempotency-Key']);
      const long = await api.call('POST', '/api/ideas', { token: org.employee, body: ideaBody(), headers: { 'idempotency-key': 'k'.repeat(201) } });
      expectInvalidFields(long, ['Idempotency-Key']);
      expect((await api.list(org.employee)).total).toBe(0);
    }, TIMEOUT);

    it('accepts odd but valid text (emoji, maximum lengths) and gives it back unchanged', async () => {
      const org = await newOrg(app, 'emoji');
      const title = 'Kahvihuoneen ☕ ja 🦄 uudistus – “äöå”';
      const description = '🚀'.repeat(10) + 'x'.repeat(4990);
      const { id } = await api.submit(org.employee, { title, description, unit: 'Ÿksikkö 🏫' });
      expect(await api.detail(org.employee, id)).toMatchObject({ title, description, unit: 'Ÿksikkö 🏫' });
      const comment = await api.act(org.colleague, id, 'comments', { text: 'Loistavaa 👍🏽' });
      expect(comment.version).toBe(2);
      expect((await api.detail(org.employee, id)).comments.map((c: any) => c.text)).toEqual(['Loistavaa 👍🏽']);
    }, TIMEOUT);
  });

  describe('moving an idea through the funnel', () => {
    it('goes submitted → in review → piloting → adopted, each step 200 with version and stage, history recorded', async () => {
      await happyPathThroughAdopt(app, api);
    }, TIMEOUT);

    it('records a rejection with its reason in the history', async () => {
      const org = await newOrg(app, 'reject');
      const id = await api.ideaAt(org, ['review', 'pilot']);
      const rejected = await api.act(org.agent, id, 'reject');
      expect(rejected).toMatchObject({ id, version: 4, stage: 'rejected' });
      const idea = await api.detail(org.employee, id);
      expect(idea).toMatchObject({ stage: 'rejected', rejectionReason: actionBodies.reject!.reason });
      expect(idea.history.map((h: any) => h.stage)).toEqual(['submitted', 'inReview', 'piloting', 'rejected']);
      expect(idea.history[3]).toEqual({ event: 'IdeaRejected', stage: 'rejected', at: expect.any(String), actorRole: 'change-agent', reason: actionBodies.reject!.reason });
      for (const step of idea.history.slice(0, 3)) expect(step.reason).toBeUndefined();
    }, TIMEOUT);

    it('lets the submitter withdraw an idea in review, with or without a reason', async () => {
      const org = await newOrg(app, 'withdraw');
      const withReason = await api.ideaAt(org, ['review']);
      expect(await api.act(org.employee, withReason, 'withdraw')).toMatchObject({ version: 3, stage: 'withdrawn' });
      const idea = await api.detail(org.employee, withReason);
      expect(idea).toMatchObject({ stage: 'withdrawn', withdrawalReason: 'Keksin paremman.' });
      expect(idea.history.at(-1)).toMatchObject({ stage: 'withdrawn', actorRole: 'employee' });

      const { id: bare } = await api.submit(org.employee);
      const reply = await api.call('POST', `/api/ideas/${bare}/withdraw`, { token: org.employee });
      expectStatus(reply, 200);
      expect(reply.body).toMatchObject({ version: 2, stage: 'withdrawn' });
      expect(await api.detail(org.employee, bare)).toMatchObject({ stage: 'withdrawn', withdrawalReason: null });
    }, TIMEOUT);

    it('accepts a matching If-Match (also weak), refuses a stale one with 412 and a garbage one with 400', async () => {
      await staleIfMatchIs412(app, api);
      const org = await newOrg(app, 'ifmatch2');
      const { id } = await api.submit(org.employee);
      expect(await api.act(org.agent, id, 'review', actionBodies.review, { 'if-match': 'W/"1"' })).toMatchObject({ version: 2 });
      expect(await api.act(org.colleague, id, 'comments', actionBodies.comments, { 'if-match': '"2"' })).toMatchObject({ version: 3 });
      const ahead = await api.call('POST', `/api/ideas/${id}/support`, { token: org.colleague, headers: { 'if-match': '"7"' } });
      expectProblem(ahead, 412);
      expect(ahead.body.currentVersion).toBe(3);
      const garbage = await api.call('POST', `/api/ideas/${id}/pilot`, { token: org.agent, body: actionBodies.pilot, headers: { 'if-match': 'yesterday' } });
      expectInvalidFields(garbage, ['If-Match']);
      expect(await api.detail(org.employee, id)).toMatchObject({ stage: 'inReview', version: 3, supportCount: 0 });
    }, TIMEOUT);

    it('answers an illegal transition with 409 and a detail that says why', async () => {
      await illegalTransitionIs409(app, api);
      const org = await newOrg(app, 'illegal2');
      const inReview = await api.ideaAt(org, ['review']);
      const piloting = await api.ideaAt(org, ['review', 'pilot']);
      const adopted = await api.ideaAt(org, ['review', 'pilot', 'adopt']);
      const rejected = await api.ideaAt(org, ['reject']);
      const withdrawn = await api.ideaAt(org, ['withdraw']);
      const cases: Array<[string, Action, string, RegExp]> = [
        [inReview, 'review', org.agent, /in review/],
        [(await api.submit(org.employee)).id, 'pilot', org.agent, /submitted/],
        [piloting, 'withdraw', org.employee, /piloted/],
        [adopted, 'reject', org.agent, /adopted/],
        [adopted, 'measurements', org.agent, /adopted/],
        [rejected, 'adopt', org.agent, /rejected/],
        [withdrawn, 'review', org.agent, /withdrawn/],
        [withdrawn, 'comments', org.colleague, /withdrawn/],
        [rejected, 'support', org.colleague, /rejected/],
      ];
      for (const [id, action, token, why] of cases) {
        const before = await api.detail(org.employee, id);
        const reply = await api.call('POST', `/api/ideas/${id}/${action}`, { token, body: actionBodies[action] });
        expectProblem(reply, 409);
        expect(reply.body.detail).toMatch(why);
        expect(await api.detail(org.employee, id)).toMatchObject({ version: before.version, stage: before.stage });
      }
    }, TIMEOUT);
  });

  describe('supports and comments', () => {
    it('counts one support per person, refuses a second one and one’s own, and shows comments in the detail', async () => {
      const org = await newOrg(app, 'support');
      const { id } = await api.submit(org.employee);
      const supported = await api.act(org.colleague, id, 'support');
      expect(supported).toMatchObject({ id, version: 2, stage: 'submitted' });
      const twice = await api.call('POST', `/api/ideas/${id}/support`, { token: org.colleague });
      expectProblem(twice, 409);
      expect(twice.body.detail).toMatch(/already/);
      const own = await api.call('POST', `/api/ideas/${id}/support`, { token: org.employee });
      expectProblem(own, 409);
      expect(await api.act(org.agent, id, 'support')).toMatchObject({ version: 3 });

      const commented = await api.act(org.colleague, id, 'comments', { text: '  Kokeillaan meidän talossa!  ' });
      expect(commented).toMatchObject({ version: 4, stage: 'submitted' });
      await api.act(org.employee, id, 'comments', { text: 'Kiitos!' });

      const asColleague = await api.detail(org.colleague, id);
      expect(asColleague).toMatchObject({ supportCount: 2, supportedByMe: true, version: 5 });
      expect(asColleague.comments).toEqual([
        { id: expect.any(String), text: 'Kokeillaan meidän talossa!', at: expect.any(String), byMe: true, media: [] },
        { id: expect.any(String), text: 'Kiitos!', at: expect.any(String), byMe: false, media: [] },
      ]);
      expect((await api.detail(org.employee, id)).supportedByMe).toBe(false);
      const [summary] = (await api.list(org.employee)).items;
      expect(summary).toMatchObject({ id, supportCount: 2, commentCount: 2 });
    }, TIMEOUT);
  });

  describe('anonymous ideas', () => {
    it('never show their submitter, not even to an admin, yet the submitter finds them with mine=true', async () => {
      const org = await newOrg(app, 'anon');
      const named = await api.submit(org.employee, { title: 'Named idea' });
      // Pseudonyms are never shown, so nothing links an anonymous idea to its author's other activity.
      expect(await api.detail(org.colleague, named.id)).not.toHaveProperty('submitter');

      const { id } = await api.submit(org.employee, { title: 'Nimetön idea', anonymous: true });
      await api.act(org.employee, id, 'comments', { text: 'Lisätietoa' });
      const nationalAdmin = await app.token('national-admin', 'kunteko', 'admin');
      for (const token of [org.employee, org.colleague, org.agent, org.admin, nationalAdmin]) {
        const idea = await api.detail(token, id);
        expect(idea.anonymous).toBe(true);
        expect(idea).not.toHaveProperty('submitter');
        expect(JSON.stringify(idea)).not.toMatch(/"p_[A-Za-z0-9_-]{22}"/);
        expect(idea.comments.every((c: any) => !('author' in c))).toBe(true);
      }
      expect((await api.detail(org.employee, id)).submittedByMe).toBe(true);
      expect((await api.detail(org.admin, id)).submittedByMe).toBe(false);
      expect((await api.detail(nationalAdmin, id)).submittedByMe).toBe(false);

      const mine = await api.list(org.employee, { mine: 'true' });
      expect(mine.items.map((i) => i.id).sort()).toEqual([named.id, id].sort());
      expect(mine.items.find((i) => i.id === id)).toMatchObject({ anonymous: true, submittedByMe: true });
      expect(mine.items.find((i) => i.id === id)).not.toHaveProperty('submitter');
      expect((await api.list(org.colleague, { mine: 'true' })).total).toBe(0);
      const all = await api.list(org.colleague);
      expect(all.items.find((i) => i.id === id)).toMatchObject({ anonymous: true, submittedByMe: false });
      const summary = await api.list(nationalAdmin, { organisation: org.name });
      expect(summary.total).toBe(2);
      expect(summary.items.find((i) => i.id === id).submittedByMe).toBe(false);
    }, TIMEOUT);
  });

  describe('listing and search', () => {
    it('pages with a cursor: every idea exactly once, newest first, nextCursor null at the end', async () => {
      const org = await newOrg(app, 'paging');
      const created: string[] = [];
      for (let i = 1; i <= 7; i++) created.push((await api.submit(org.employee, { title: `Sivutus ${i}` })).id);

      const pages: any[][] = [];
      let cursor: string | null = null;
      do {
        const page = await api.list(org.employee, { limit: '3', ...(cursor ? { cursor } : {}) });
        expect(page.total).toBe(7);
        pages.push(page.items);
        cursor = page.nextCursor;
        expect(pages.length).toBeLessThanOrEqual(3);
      } while (cursor !== null);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      const seen = pages.flat();
      expect(seen.map((i) => i.id).sort()).toEqual([...created].sort());
      expect(new Set(seen.map((i) => i.id)).size).toBe(7);
      const keys = seen.map((i) => [Date.parse(i.submittedAt), i.id] as const);
      for (let k = 1; k < keys.length; k++) {
        const [prevAt, prevId] = keys[k - 1];
        const [at, id] = keys[k];
        expect(prevAt > at || (prevAt === at && prevId > id)).toBe(true);
      }
      // Exactly one page when it all fits.
      const whole = await api.list(org.employee, { limit: '7' });
      expect(whole.items).toHaveLength(7);
      expect(whole.nextCursor).toBeNull();
    }, TIMEOUT);

    it('refuses a garbage cursor with a 400 problem naming the cursor', async () => {
      const org = await newOrg(app, 'cursor');
      await api.submit(org.employee);
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const garbage = [
        'garbage',
        'eyJub3QiOiJhbiBhcnJheSJ9',
        b64(null),
        b64(['yesterday', '00000000-0000-0000-0000-000000000000']),
        b64(['2026-01-01T00:00:00.000Z', 'not-a-uuid']),
        b64(['2026-01-01T00:00:00.000Z', '-'.repeat(36)]),
        b64(['0', '00000000-0000-0000-0000-000000000000']),
      ];
      const failures: string[] = [];
      for (const cursor of garbage) {
        const reply = await api.call('GET', `/api/ideas?limit=3&cursor=${encodeURIComponent(cursor)}`, { token: org.employee });
        try {
          expectInvalidFields(reply, ['cursor']);
        } catch (error) {
          failures.push(`cursor ${cursor} (${Buffer.from(cursor, 'base64url').toString('utf8')}): ${(error as Error).message.slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);
    }, TIMEOUT);

    it('filters by stage, unit and sector', async () => {
      const org = await newOrg(app, 'filters');
      const a = await api.ideaAt(org, [], { unit: 'kirjasto', sector: 'culture-and-leisure' });
      const b = await api.ideaAt(org, ['review'], { unit: 'kirjasto', sector: 'culture-and-leisure' });
      const c = await api.ideaAt(org, ['review'], { unit: 'päiväkoti', sector: 'education-and-early-childhood' });
      const d = await api.ideaAt(org, ['reject'], { unit: 'kirjasto', sector: 'technical' });
      const ids = async (query: Record<string, string>) => (await api.list(org.employee, query)).items.map((i) => i.id).sort();
      expect(await ids({})).toEqual([a, b, c, d].sort());
      expect(await ids({ organisation: org.name })).toEqual([a, b, c, d].sort());
      expect(await ids({ stage: 'inReview' })).toEqual([b, c].sort());
      expect(await ids({ stage: 'rejected' })).toEqual([d]);
      expect(await ids({ stage: 'adopted' })).toEqual([]);
      expect(await ids({ unit: 'kirjasto' })).toEqual([a, b, d].sort());
      expect(await ids({ sector: 'culture-and-leisure' })).toEqual([a, b].sort());
      expect(await ids({ unit: 'kirjasto', stage: 'inReview' })).toEqual([b]);
      expect(await ids({ unit: 'kirjasto', sector: 'technical' })).toEqual([d]);
      const filtered = await api.list(org.employee, { unit: 'kirjasto' });
      expect(filtered.total).toBe(3);
    }, TIMEOUT);

    it('finds a Finnish idea by an inflected word with q', async () => {
      const org = await newOrg(app, 'search');
      const { id } = await api.submit(org.employee, { title: 'Kokoustilojen varauskalenteri', description: 'Yksi yhteinen näkymä kaikille taloille.', problem: undefined, proposal: undefined });
      await api.submit(org.employee, { title: 'Ruokalistat selkokielellä', description: 'Lapset ymmärtävät, mitä on tarjolla.', problem: undefined, proposal: undefined });
      await api.submit(org.employee, { title: 'Gemensam kalender', description: 'Bokning av rum.', language: 'sv', problem: undefined, proposal: undefined });
      const found = await api.list(org.employee, { q: 'kokoustiloja' });
      expect(found.items.map((i) => i.id)).toEqual([id]);
      expect(found.total).toBe(1);
      expect((await api.list(org.employee, { q: 'varauskalenterin' })).items.map((i) => i.id)).toEqual([id]);
      expect((await api.list(org.employee, { q: 'Kokoustilojen' })).items.map((i) => i.id)).toEqual([id]);
      expect((await api.list(org.employee, { q: 'saunailta' })).total).toBe(0);
      // Another organisation's search never sees it.
      const other = await newOrg(app, 'search-other');
      expect((await api.list(other.employee, { q: 'kokoustiloja' })).total).toBe(0);
    }, TIMEOUT);

    it('finds "Kokoustilojen varauskalenteri" by the base form q=kokoustila', async () => {
      const org = await newOrg(app, 'search-base');
      const { id } = await api.submit(org.employee, { title: 'Kokoustilojen varauskalenteri', description: 'Yksi yhteinen näkymä kaikille taloille.', problem: undefined, proposal: undefined });
      await api.submit(org.employee, { title: 'Ruokalistat selkokielellä', description: 'Lapset ymmärtävät, mitä on tarjolla.', problem: undefined, proposal: undefined });
      const found = await api.list(org.employee, { q: 'kokoustila' });
      expect(found.items.map((i) => i.id)).toEqual([id]);
      expect(found.total).toBe(1);
    }, TIMEOUT);
  });

  describe('the funnel', () => {
    it('counts ideas per stage with exact conversions, and unit, sector, from and to narrow it', async () => {
      const org = await newOrg(app, 'funnel');
      const U1 = { unit: 'kirjasto', sector: 'culture-and-leisure' };
      const U1tech = { unit: 'kirjasto', sector: 'technical' };
      const U2 = { unit: 'päiväkoti', sector: 'education-and-early-childhood' };

      // Empty before anything happens.
      expect(await api.funnel(org.agent)).toMatchObject({
        organisation: org.name,
        total: 0,
        counts: { submitted: 0, inReview: 0, piloting: 0, adopted: 0, rejected: 0, withdrawn: 0 },
        conversion: { submittedToPiloting: null, pilotingToAdopted: null, submittedToAdopted: null },
        medianDays: { submitted: null, inReview: null, piloting: null },
      });

      const start = new Date().toISOString();
      await sleep(5);
      // Batch A, submitted before `middle`.
      const a1 = await api.submit(org.employee, U1);
      const a2 = await api.submit(org.employee, U1);
      const a3 = await api.submit(org.employee, U1);
      const a4 = await api.submit(org.employee, U2);
      const a5 = await api.submit(org.employee, U2);
      await sleep(10);
      const middle = new Date().toISOString();
      await sleep(10);
      // Batch B, submitted after `middle`.
      const b6 = await api.submit(org.employee, U2);
      const b7 = await api.submit(org.employee, U2);
      const b8 = await api.submit(org.employee, U2);
      const b9 = await api.submit(org.employee, U1tech);
      await sleep(5);

      const move = async (id: string, steps: Step[]) => {
        for (const step of steps) await api.act(step === 'withdraw' ? org.employee : org.agent, id, step);
      };
      await move(a1.id, ['review', 'pilot', 'measurements', 'adopt']); // adopted
      await move(a2.id, ['review', 'pilot']); // piloting
      // a3 stays submitted
      await move(a4.id, ['review', 'pilot', 'adopt']); // adopted
      await move(a5.id, ['review', 'pilot', 'reject']); // rejected after a pilot
      await move(b6.id, ['reject']); // rejected straight away
      await move(b7.id, ['review', 'withdraw']); // withdrawn from review
      await move(b8.id, ['review']); // in review
      // b9 stays submitted
      await api.act(org.colleague, a3.id, 'support');
      await api.act(org.colleague, b9.id, 'comments');

      const all = await api.funnel(org.agent);
      expect(all).toMatchObject({
        organisation: org.name,
        total: 9,
        counts: { submitted: 2, inReview: 1, piloting: 1, adopted: 2, rejected: 2, withdrawn: 1 },
        reached: { inReview: 6, piloting: 4, adopted: 2 },
        conversion: { submittedToPiloting: 0.4444, pilotingToAdopted: 0.5, submittedToAdopted: 0.2222 },
      });
      // Every stay was milliseconds long.
      for (const stage of ['submitted', 'inReview', 'piloting']) {
        expect(typeof all.medianDays[stage]).toBe('number');
        expect(all.medianDays[stage]).toBeGreaterThanOrEqual(0);
        expect(all.medianDays[stage]).toBeLessThan(0.01);
      }
      // The same as seen by an employee of the organisation and by a national admin asking for it.
      expect((await api.funnel(org.employee)).counts).toEqual(all.counts);
      const nationalAdmin = await app.token('national-admin', 'kunteko', 'admin');
      expect((await api.funnel(nationalAdmin, { organisation: org.name })).counts).toEqual(all.counts);

      expect(await api.funnel(org.agent, { unit: 'kirjasto' })).toMatchObject({
        total: 4,
        counts: { submitted: 2, inReview: 0, piloting: 1, adopted: 1, rejected: 0, withdrawn: 0 },
        conversion: { submittedToPiloting: 0.5, pilotingToAdopted: 0.5, submittedToAdopted: 0.25 },
      });
      expect(await api.funnel(org.agent, { sector: 'culture-and-leisure' })).toMatchObject({
        total: 3,
        counts: { submitted: 1, inReview: 0, piloting: 1, adopted: 1, rejected: 0, withdrawn: 0 },
        conversion: { submittedToPiloting: 0.6667, pilotingToAdopted: 0.5, submittedToAdopted: 0.3333 },
      });
      expect(await api.funnel(org.agent, { unit: 'kirjasto', sector: 'technical' })).toMatchObject({
        total: 1,
        counts: { submitted: 1, inReview: 0, piloting: 0, adopted: 0, rejected: 0, withdrawn: 0 },
        conversion: { submittedToPiloting: 0, pilotingToAdopted: null, submittedToAdopted: 0 },
        medianDays: { submitted: null, inReview: null, piloting: null },
      });
      expect(await api.funnel(org.agent, { unit: 'päiväkoti' })).toMatchObject({
        total: 5,
        counts: { submitted: 0, inReview: 1, piloting: 0, adopted: 1, rejected: 2, withdrawn: 1 },
        reached: { inReview: 4, piloting: 2, adopted: 1 },
        conversion: { submittedToPiloting: 0.4, pilotingToAdopted: 0.5, submittedToAdopted: 0.2 },
      });
      expect(await api.funnel(org.agent, { to: middle })).toMatchObject({
        total: 5,
        counts: { submitted: 1, inReview: 0, piloting: 1, adopted: 2, rejected: 1, withdrawn: 0 },
        conversion: { submittedToPiloting: 0.8, pilotingToAdopted: 0.5, submittedToAdopted: 0.4 },
      });
      expect(await api.funnel(org.agent, { from: middle })).toMatchObject({
        total: 4,
        counts: { submitted: 1, inReview: 1, piloting: 0, adopted: 0, rejected: 1, withdrawn: 1 },
        conversion: { submittedToPiloting: 0, pilotingToAdopted: null, submittedToAdopted: 0 },
      });
      expect((await api.funnel(org.agent, { from: start, to: new Date().toISOString() })).total).toBe(9);
      expect((await api.funnel(org.agent, { to: start })).total).toBe(0);
      expect(await api.funnel(org.agent, { from: middle, unit: 'päiväkoti', sector: 'education-and-early-childhood' })).toMatchObject({
        total: 3,
        counts: { submitted: 0, inReview: 1, piloting: 0, adopted: 0, rejected: 1, withdrawn: 1 },
      });
      // The echo of the filter.
      expect((await api.funnel(org.agent, { unit: 'kirjasto' })).filter).toMatchObject({ organisation: org.name, unit: 'kirjasto' });
    }, TIMEOUT);
  });

  describe('read-your-writes', () => {
    it('shows each command in the very next plain GET of list, detail and funnel, 20 times over', async () => {
      await readYourWritesLoop(app, api, 20);
    }, TIMEOUT);
  });

  describe('errors are problem details', () => {
    it('names every invalid field of a submission: wrong types, missing fields, unknown fields, bad enums', async () => {
      const org = await newOrg(app, 'invalid');
      const reply = await api.call('POST', '/api/ideas', {
        token: org.employee,
        body: {
          title: 123,
          unit: '',
          sector: 'space',
          language: 'de',
          themes: 'notarray',
          anonymous: 'yes',
          media: [{ kind: 'gif', url: 'ftp://example.fi/x', extra: 1 }],
          organisation: 'Imatra City',
          votes: 3,
        },
      });
      expectInvalidFields(reply, ['title', 'description', 'unit', 'sector', 'language', 'themes', 'anonymous', 'media[0].kind', 'media[0].url', 'media[0].extra', 'organisation', 'votes']);
      expect(reply.body.type).toMatch(/validation/);

      expectInvalidFields(await api.call('POST', '/api/ideas', { token: org.employee, body: {} }), ['title', 'description', 'unit', 'sector']);
      expectInvalidFields(await api.call('POST', '/api/ideas', { token: org.employee, body: ideaBody({ title: '    ' }) }), ['title']);
      expectInvalidFields(await api.call('POST', '/api/ideas', { token: org.employee, body: ideaBody({ title: 'x'.repeat(201) }) }), ['title']);
      expectInvalidFields(await api.call('POST', '/api/ideas', { token: org.employee, body: ideaBody({ themes: Array(11).fill('t') }) }), ['themes']);
      expect((await api.list(org.employee)).total).toBe(0);
    }, TIMEOUT);

    it('answers malformed JSON with a 400 problem', async () => {
      const org = await newOrg(app, 'malformed');
      const reply = await api.call('POST', '/api/ideas', { token: org.employee, rawBody: '{"title": "Puolikas' });
      expectProblem(reply, 400);
      expect(reply.body.detail).toMatch(/JSON/);
      const { id } = await api.submit(org.employee);
      expectProblem(await api.call('POST', `/api/ideas/${id}/review`, { token: org.agent, rawBody: "{team: 'x'}" }), 400);
    }, TIMEOUT);

    it('names nested metric errors and bad dates of a pilot', async () => {
      const org = await newOrg(app, 'pilotinvalid');
      const id = await api.ideaAt(org, ['review']);
      const pilot = (overrides: Record<string, unknown>) => api.call('POST', `/api/ideas/${id}/pilot`, { token: org.agent, body: { ...actionBodies.pilot, ...overrides } });
      expectInvalidFields(
        await pilot({
          startsOn: '2026-02-30',
          endsOn: '15.4.2026',
          metrics: [{ name: 'Tyytyväisyys', baseline: '62' }, { name: '', baseline: 1, target: Number.MAX_VALUE, colour: 'red' }, { unit: 'x'.repeat(21), baseline: 1.1234567 }],
        }),
        ['startsOn', 'endsOn', 'metrics[0].baseline', 'metrics[1].name', 'metrics[1].colour', 'metrics[2].name', 'metrics[2].unit'],
      );
      expectInvalidFields(await pilot({ metrics: [] }), ['metrics']);
      expectInvalidFields(await pilot({ metrics: 'many' }), ['metrics']);
      expectInvalidFields(await pilot({ goal: undefined, team: undefined }), ['goal', 'team']);
      expectInvalidFields(await pilot({ startsOn: '2026-1-5' }), ['startsOn']);
      // The decider's own checks come back as 400 problems too.
      const ends = await pilot({ startsOn: '2026-05-01', endsOn: '2026-04-01' });
      expectProblem(ends, 400);
      expect(ends.body.detail).toMatch(/end before/);
      const repeat = await pilot({ metrics: [{ name: 'A', baseline: 1 }, { name: ' a ', baseline: 2 }] });
      expectProblem(repeat, 400);
      expect(await api.detail(org.employee, id)).toMatchObject({ stage: 'inReview', version: 2 });
    }, TIMEOUT);

    it('names invalid fields of measurements, adoption, rejection, comments and reviews', async () => {
      const org = await newOrg(app, 'cmdinvalid');
      const id = await api.ideaAt(org, ['review', 'pilot']);
      const post = (action: Action, body: unknown, token = org.agent) => api.call('POST', `/api/ideas/${id}/${action}`, { token, body });
      expectInvalidFields(await post('measurements', { measurements: [{ metric: METRIC, value: 'high', measuredOn: '2026-13-01' }, { value: 1, measuredOn: '2026-02-01' }] }), [
        'measurements[0].value',
        'measurements[0].measuredOn',
        'measurements[1].metric',
      ]);
      expectInvalidFields(await post('measurements', {}), ['measurements']);
      expectInvalidFields(await post('adopt', { metrics: [{ metric: METRIC }] }), ['result', 'metrics[0].value']);
      expectInvalidFields(await post('reject', { reason: '   ' }), ['reason']);
      expectInvalidFields(await post('reject', { reason: 42, why: 'x' }), ['reason', 'why']);
      expectInvalidFields(await post('withdraw', { reason: ['no'] }, org.employee), ['reason']);
      expectInvalidFields(await post('comments', { text: '' }, org.colleague), ['text']);
      expectInvalidFields(await post('comments', { text: 'x'.repeat(2001) }, org.colleague), ['text']);
      expectInvalidFields(await post('review', { team: null }), ['team']);
      const unknownMetric = await post('measurements', { measurements: [{ metric: 'Kahvinkulutus', value: 3, measuredOn: '2026-02-01' }] });
      expectProblem(unknownMetric, 400);
      expect(unknownMetric.body.detail).toMatch(/Kahvinkulutus/);
      expect(await api.detail(org.employee, id)).toMatchObject({ stage: 'piloting', version: 3, comments: [] });
    }, TIMEOUT);

    it('names invalid query parameters of the list and the funnel', async () => {
      const org = await newOrg(app, 'queryinvalid');
      const get = (path: string) => api.call('GET', path, { token: org.employee });
      expectInvalidFields(await get('/api/ideas?stage=done&sector=space&limit=0&mine=perhaps'), ['stage', 'sector', 'limit', 'mine']);
      expectInvalidFields(await get('/api/ideas?limit=101'), ['limit']);
      expectInvalidFields(await get('/api/ideas?limit=abc'), ['limit']);
      expectInvalidFields(await get('/api/ideas?organisation=Not%20An%20Org'), ['organisation']);
      expectInvalidFields(await get('/api/ideas?colour=red'), ['colour']);
      expectInvalidFields(await get(`/api/ideas?q=${'a'.repeat(201)}`), ['q']);
      expectInvalidFields(await get('/api/funnel?from=yesterday&to=2026-02-30&sector=space'), ['from', 'to', 'sector']);
      expectInvalidFields(await get('/api/funnel?from=2026-01-01T25:00:00Z'), ['from']);
      expectInvalidFields(await get('/api/funnel?unit='), ['unit']);
    }, TIMEOUT);

    it('answers 404 for an unknown id and for an id that is not a UUID', async () => {
      const org = await newOrg(app, 'notfound');
      const unknown = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
      for (const id of [unknown, 'not-a-uuid', '12345']) {
        expectProblem(await api.call('GET', `/api/ideas/${id}`, { token: org.employee }), 404);
        for (const action of ['review', 'pilot', 'measurements', 'adopt', 'reject', 'withdraw', 'comments', 'support'] as Action[]) {
          const token = action === 'comments' || action === 'support' || action === 'withdraw' ? org.employee : org.agent;
          expectProblem(await api.call('POST', `/api/ideas/${id}/${action}`, { token, body: actionBodies[action] }), 404);
        }
      }
    }, TIMEOUT);

    it('answers 401 without a token, with a garbage token and with a token signed by another key', async () => {
      const org = await newOrg(app, 'unauth');
      const { id } = await api.submit(org.employee);
      const foreignDir = await mkdtemp(join(tmpdir(), 'foreign-keys-'));
      try {
        const foreignKeys = await loadOrCreateLocalKeys(foreignDir);
        const foreign = await signLocalToken(foreignKeys, app.runtime.config.auth, { subject: `${org.name}-employee`, organisation: org.name, roles: ['change-agent'] });
        const ownKeys = await loadOrCreateLocalKeys(app.runtime.config.dataDir);
        const wrongAudience = await signLocalToken(ownKeys, { ...app.runtime.config.auth, audience: 'someone-else' }, { subject: 'x', organisation: org.name, roles: ['employee'] });
        const wrongIssuer = await signLocalToken(ownKeys, { ...app.runtime.config.auth, issuer: 'evil' }, { subject: 'x', organisation: org.name, roles: ['employee'] });
        const badOrg = await app.token('x', 'Not An Org', 'employee');
        const valid = org.employee;
        const tampered = valid.slice(0, valid.lastIndexOf('.') + 1) + (valid.at(-1) === 'A' ? 'B' : 'A') + valid.slice(valid.lastIndexOf('.') + 2);

        const authorisations: Array<Record<string, string>> = [
          {},
          { authorization: 'Bearer garbage' },
          { authorization: 'Bearer ' },
          { authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` },
          { authorization: `Bearer ${foreign}` },
          { authorization: `Bearer ${wrongAudience}` },
          { authorization: `Bearer ${wrongIssuer}` },
          { authorization: `Bearer ${badOrg}` },
          { authorization: `Bearer ${valid.split('.').slice(0, 2).join('.')}.` },
        ];
        if (tampered !== valid) authorisations.push({ authorization: `Bearer ${tampered}` });
        const requests: Array<[string, string, unknown]> = [
          ['GET', '/api/ideas', undefined],
          ['GET', `/api/ideas/${id}`, undefined],
          ['GET', '/api/funnel', undefined],
          ['POST', '/api/ideas', ideaBody()],
          ['POST', `/api/ideas/${id}/review`, actionBodies.review],
          ['POST', `/api/ideas/${id}/support`, undefined],
        ];
        for (const headers of authorisations) {
          for (const [method, path, body] of requests) {
            const reply = await api.call(method, path, { headers, body });
            expectProblem(reply, 401);
            expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
          }
        }
        expect(await api.detail(org.employee, id)).toMatchObject({ version: 1, stage: 'submitted', supportCount: 0 });
        expect((await api.list(org.employee)).total).toBe(1);
      } finally {
        await rm(foreignDir, { recursive: true, force: true });
      }
    }, TIMEOUT);

    it('answers 403 to an employee reviewing, to another organisation’s people and to a withdrawal by someone else', async () => {
      const org = await newOrg(app, 'forbid');
      const other = await newOrg(app, 'forbid-other');
      const { id } = await api.submit(org.employee);
      const inReview = await api.ideaAt(org, ['review']);
      const forbidden: Array<[string, string, string, unknown]> = [
        // An employee or an admin is not a change agent.
        [org.employee, 'POST', `/api/ideas/${id}/review`, actionBodies.review],
        [org.colleague, 'POST', `/api/ideas/${id}/reject`, actionBodies.reject],
        [org.admin, 'POST', `/api/ideas/${id}/review`, actionBodies.review],
        [org.employee, 'POST', `/api/ideas/${inReview}/pilot`, actionBodies.pilot],
        // A change agent of another organisation.
        [other.agent, 'POST', `/api/ideas/${id}/review`, actionBodies.review],
        [other.agent, 'POST', `/api/ideas/${inReview}/pilot`, actionBodies.pilot],
        [other.agent, 'POST', `/api/ideas/${id}/reject`, actionBodies.reject],
        // Reading, supporting and commenting across organisations.
        [other.employee, 'GET', `/api/ideas/${id}`, undefined],
        [other.agent, 'GET', `/api/ideas?organisation=${org.name}`, undefined],
        [other.agent, 'GET', `/api/funnel?organisation=${org.name}`, undefined],
        [other.employee, 'POST', `/api/ideas/${id}/support`, undefined],
        [other.employee, 'POST', `/api/ideas/${id}/comments`, actionBodies.comments],
        // Submitting to another organisation.
        [other.employee, 'POST', '/api/ideas', ideaBody({ organisation: org.name })],
        // Only the submitter withdraws.
        [org.colleague, 'POST', `/api/ideas/${id}/withdraw`, actionBodies.withdraw],
        [org.agent, 'POST', `/api/ideas/${inReview}/withdraw`, actionBodies.withdraw],
        [org.admin, 'POST', `/api/ideas/${id}/withdraw`, undefined],
        [other.employee, 'POST', `/api/ideas/${id}/withdraw`, undefined],
      ];
      for (const [token, method, path, body] of forbidden) {
        const reply = await api.call(method, path, { token, body });
        try {
          expectProblem(reply, 403);
        } catch (error) {
          throw new Error(`${method} ${path}: ${(error as Error).message}`);
        }
      }
      expect(await api.detail(org.employee, id)).toMatchObject({ version: 1, stage: 'submitted', supportCount: 0, comments: [] });
      expect(await api.detail(org.employee, inReview)).toMatchObject({ version: 2, stage: 'inReview' });
      expect((await api.list(org.employee)).total).toBe(2);
      expect((await api.list(other.employee)).total).toBe(0);
    }, TIMEOUT);

    it('never answers 500: odd inputs to every POST endpoint are 4xx problems', async () => {
      const org = await newOrg(app, 'odd');
      const submitted = await api.ideaAt(org, []);
      const inReview = await api.ideaAt(org, ['review']);
      const piloting = await api.ideaAt(org, ['review', 'pilot']);
      const own = await api.ideaAt(org, []);

      type Kind = 'string' | 'text' | 'enum' | 'number' | 'boolean' | 'array' | 'objects';
      interface Target {
        path: string;
        token: string;
        base: Record<string, unknown>;
        fields: Array<[string, Kind]>;
      }
      const targets: Target[] = [
        {
          path: '/api/ideas',
          token: org.employee,
          base: ideaBody({ media: [{ kind: 'video', url: 'https://example.fi/v', caption: 'c' }], anonymous: false }),
          fields: [
            ['title', 'string'],
            ['description', 'string'],
            ['problem', 'string'],
            ['proposal', 'string'],
            ['organisation', 'enum'],
            ['unit', 'string'],
            ['sector', 'enum'],
            ['themes', 'array'],
            ['themes.0', 'string'],
            ['language', 'enum'],
            ['media', 'objects'],
            ['media.0.kind', 'enum'],
            ['media.0.url', 'enum'],
            ['media.0.caption', 'string'],
            ['anonymous', 'boolean'],
          ],
        },
        { path: `/api/ideas/${submitted}/review`, token: org.agent, base: actionBodies.review!, fields: [['team', 'string']] },
        {
          path: `/api/ideas/${inReview}/pilot`,
          token: org.agent,
          base: actionBodies.pilot!,
          fields: [
            ['goal', 'string'],
            ['team', 'string'],
            ['startsOn', 'enum'],
            ['endsOn', 'enum'],
            ['metrics', 'objects'],
            ['metrics.0.name', 'string'],
            ['metrics.0.unit', 'string'],
            ['metrics.0.baseline', 'number'],
            ['metrics.0.target', 'number'],
          ],
        },
        {
          path: `/api/ideas/${piloting}/measurements`,
          token: org.agent,
          base: actionBodies.measurements!,
          fields: [
            ['measurements', 'objects'],
            ['measurements.0.metric', 'string'],
            ['measurements.0.value', 'number'],
            ['measurements.0.measuredOn', 'enum'],
          ],
        },
        {
          path: `/api/ideas/${piloting}/adopt`,
          token: org.agent,
          base: actionBodies.adopt!,
          fields: [
            ['result', 'string'],
            ['metrics', 'objects'],
            ['metrics.0.metric', 'string'],
            ['metrics.0.value', 'number'],
          ],
        },
        { path: `/api/ideas/${submitted}/reject`, token: org.agent, base: actionBodies.reject!, fields: [['reason', 'string']] },
        { path: `/api/ideas/${submitted}/withdraw`, token: org.employee, base: actionBodies.withdraw!, fields: [['reason', 'string']] },
        { path: `/api/ideas/${submitted}/comments`, token: org.colleague, base: actionBodies.comments!, fields: [['text', 'string']] },
        // Supporting one's own idea is refused, so even a body the endpoint ignores must come back 4xx.
        { path: `/api/ideas/${own}/support`, token: org.employee, base: {}, fields: [] },
      ];

      const HUGE = '__HUGE__'; // becomes 1e400 in the raw JSON, which parses to Infinity
      const withValue = (base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> => {
        const copy = structuredClone(base);
        const parts = path.split('.');
        let node: any = copy;
        for (const part of parts.slice(0, -1)) node = node[part];
        node[parts.at(-1)!] = value;
        return copy;
      };
      const valuesFor = (kind: Kind): unknown[] => {
        const values: unknown[] = ['x'.repeat(10_001), 'NUL \u0000 inside', { nested: 'object' }, [['nested', ['array']]], HUGE];
        if (kind !== 'boolean') values.push(true);
        if (kind !== 'number') values.push(1e308, -0.5, 12345678901234567890);
        if (kind === 'number' || kind === 'boolean') values.push('12', '', '🦄');
        if (kind === 'enum') values.push('🦄', '', ' ', '2026-02-30');
        if (kind === 'array') values.push('🦄', [1, 2], Array(500).fill('t'));
        if (kind === 'objects') values.push('🦄', [1], ['🦄'], [null], {}, Array(101).fill({}));
        if (kind === 'string') values.push(['🦄'], 42);
        return values;
      };
      const whole: Array<{ rawBody: string; headers?: Record<string, string> }> = [
        { rawBody: 'null' },
        { rawBody: '[]' },
        { rawBody: '[{"title":"x"}]' },
        { rawBody: '"just a string"' },
        { rawBody: '42' },
        { rawBody: 'true' },
        { rawBody: '{"a":' },
        { rawBody: '{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":1}},"x\\u0000y":1}' },
        { rawBody: JSON.stringify({ a: 'x'.repeat(70_000) }) },
        { rawBody: '['.repeat(5_000) + ']'.repeat(5_000) },
        { rawBody: '{"title":"\\u0000"}' },
        { rawBody: '\ud83e\udd84' },
        { rawBody: '{"a":1}', headers: { 'content-type': 'application/json; charset=latin1' } },
      ];

      const failures: string[] = [];
      for (const target of targets) {
        const attempts: Array<{ what: string; rawBody: string; headers?: Record<string, string> }> = whole.map((w) => ({ what: `raw ${w.rawBody.slice(0, 40)}`, ...w }));
        attempts.push({ what: 'base plus an unknown field', rawBody: JSON.stringify({ ...target.base, '🦄': 1 }) });
        for (const [field, kind] of target.fields) {
          for (const value of valuesFor(kind)) {
            const rawBody = JSON.stringify(withValue(target.base, field, value)).replace(`"${HUGE}"`, '1e400');
            attempts.push({ what: `${field} = ${JSON.stringify(value)?.slice(0, 40)}`, rawBody });
          }
        }
        for (const attempt of attempts) {
          const reply = await api.call('POST', target.path, { token: target.token, rawBody: attempt.rawBody, headers: attempt.headers });
          const problem = reply.headers.get('content-type')?.startsWith('application/problem+json');
          const shaped = reply.body && typeof reply.body === 'object' && reply.body.status === reply.status && typeof reply.body.type === 'string' && typeof reply.body.title === 'string';
          if (reply.status < 400 || reply.status >= 500 || !problem || !shaped) {
            failures.push(`POST ${target.path} with ${attempt.what} → ${reply.status} ${reply.headers.get('content-type')} ${JSON.stringify(reply.body)?.slice(0, 200)}`);
          }
        }
      }
      expect(failures).toEqual([]);
      // Nothing odd got in.
      expect((await api.list(org.employee)).total).toBe(4);
      expect(await api.detail(org.employee, submitted)).toMatchObject({ version: 1, stage: 'submitted', comments: [] });
      expect(await api.detail(org.employee, inReview)).toMatchObject({ version: 2, stage: 'inReview' });
      expect(await api.detail(org.employee, piloting)).toMatchObject({ version: 3, stage: 'piloting', measurements: [] });
    }, TIMEOUT);

    it('never answers 500 to odd query strings either', async () => {
      const org = await newOrg(app, 'oddquery');
      await api.submit(org.employee);
      const paths = [
        '/api/ideas?q=%00',
        '/api/ideas?unit=%00',
        '/api/ideas?q=%F0%9F%A6%84',
        '/api/ideas?q=%27%22%3B--',
        '/api/ideas?q=%26%7C!%3A*()',
        '/api/ideas?stage=submitted&stage=inReview',
        '/api/ideas?organisation[]=x',
        '/api/ideas?limit=1e3',
        '/api/ideas?limit=-1',
        '/api/ideas?limit=99999999999999999999',
        '/api/ideas?mine=',
        '/api/ideas?cursor=%00',
        '/api/funnel?unit=%00',
        '/api/funnel?from=0000-01-01',
        '/api/funnel?from=-0001-01-01',
        '/api/funnel?from=2026-W05-1',
        '/api/funnel?to=2026-032',
        '/api/funnel?from=9999-12-31T23:59:59.999999999Z',
        '/api/funnel?from=2026-01-01T00:00:00%2B99:00',
      ];
      const failures: string[] = [];
      for (const path of paths) {
        const reply = await api.call('GET', path, { token: org.employee });
        const problem = reply.headers.get('content-type')?.startsWith('application/problem+json');
        if (reply.status >= 500 || (reply.status >= 400 && !problem) || (reply.status < 400 && reply.status !== 200)) {
          failures.push(`GET ${path} → ${reply.status} ${JSON.stringify(reply.body)?.slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);
    }, TIMEOUT);
  });

  // Last, so that whatever concurrent requests break cannot disturb the tests above.
  describe('concurrency', () => {
    it('counts 10 concurrent supports by 10 different people', async () => {
      await concurrentSupportsAllCounted(app, api, 10);
    }, TIMEOUT);

    it('answers 20 concurrent reads of different ideas, each with its own data', async () => {
      const org = await newOrg(app, 'parallel-reads');
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await api.submit(org.employee, { title: `Luettava idea ${i}` })).id);
      const reads = await Promise.all([...ids, ...ids].map((id) => api.call('GET', `/api/ideas/${id}`, { token: org.colleague })));
      expect(reads.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body?.detail}`)).toEqual([]);
      expect(reads.map((r) => r.body.title)).toEqual([...ids, ...ids].map((_, i) => `Luettava idea ${i % 10}`));
    }, TIMEOUT);

    it('answers concurrent submissions and reads of different ideas, each with its own data', async () => {
      const org = await newOrg(app, 'parallel');
      const people = await Promise.all(Array.from({ length: 10 }, (_, i) => app.token(`${org.name}-person-${i}`, org.name, 'employee')));
      const submitted = await Promise.all(people.map((token, i) => api.call('POST', '/api/ideas', { token, body: ideaBody({ title: `Rinnakkainen idea ${i}` }) })));
      expect(submitted.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body?.detail}`)).toEqual([]);
      const reads = await Promise.all(submitted.map((r) => api.call('GET', `/api/ideas/${r.body.id}`, { token: org.colleague })));
      expect(reads.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body?.detail}`)).toEqual([]);
      expect(reads.map((r) => r.body.title)).toEqual(people.map((_, i) => `Rinnakkainen idea ${i}`));
      expect((await api.list(org.colleague)).total).toBe(10);
    }, TIMEOUT);
  });
});
