// Development deeds, Tekojen tori and campaigns end to end: the whole app in-process on the
// embedded database. The helpers and scenarios exported at the top are shared with
// deeds-api.int.spec.ts, which runs a subset on a real PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { CampaignCloser } from '#deeds';
import { client, startTestApp, type TestApp } from './support/app.js';
import { actionBodies, expectInvalidFields, expectProblem, expectStatus, ideasApi, METRIC, TIMEOUT, type Org } from './support/ideas-scenarios.js';
import { type DeedsApi, TAG_START, UUID, deedBody, deedsApi, facetsAndStats, finnishSearchExamples, ideaToSearchableDeed, newDeedOrg, programmeAdmin, rebuildGivesSameAnswers, sleep, standingsScenario } from './support/deeds-scenarios.js';

describe('deeds API, end to end on the embedded database', () => {
  let app: TestApp;
  let api: DeedsApi;

  beforeAll(async () => {
    // The clock-driven closer is driven by the test (below), so it never races an admin's close.
    app = await startTestApp({ env: { CAMPAIGN_CLOSE_POLL_MS: '0' } });
    api = deedsApi(app);
  }, TIMEOUT);
  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  describe('drafting, editing, publishing', () => {
    it('drafts a deed: 201 with Location and ETag, and the editor reads it back in full', async () => {
      const org = await newDeedOrg(app, 'draft');
      const reply = await api.call('POST', '/api/deeds', {
        token: org.editor,
        body: deedBody({ title: '  Kuvalliset päiväjärjestykset  ', media: [{ kind: 'video', url: 'https://example.fi/video/1', caption: 'Esittely' }] }),
      });
      expectStatus(reply, 201);
      const id = reply.body.id;
      expect(id).toMatch(UUID);
      expect(reply.headers.get('location')).toBe(`/api/deeds/${id}`);
      expect(reply.headers.get('etag')).toBe('"1"');
      expect(reply.body).toMatchObject({ id, version: 1, status: 'draft', revision: 0 });

      const read = await api.call('GET', `/api/deeds/${id}`, { token: org.editor });
      expectStatus(read, 200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body).toMatchObject({
        id,
        version: 1,
        status: 'draft',
        revision: 0,
        organisation: org.name,
        source: 'editor',
        title: 'Kuvalliset päiväjärjestykset',
        aim: deedBody().aim,
        achieved: deedBody().achieved,
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
        media: [{ kind: 'video', url: 'https://example.fi/video/1', caption: 'Esittely' }],
        ideaIds: [],
        revisions: [],
        firstPublishedAt: null,
        publishedAt: null,
        year: null,
      });
    }, TIMEOUT);

    it('defaults the language to Finnish and leaves out what was not given', async () => {
      const org = await newDeedOrg(app, 'defaults');
      const { id } = await api.draft(org.editor, { language: undefined, themes: undefined, metrics: undefined, periodTo: undefined });
      expect(await api.editorView(org.editor, id)).toMatchObject({ language: 'fi', themes: [], metrics: [], periodTo: null, media: [] });
    }, TIMEOUT);

    it('lets only the organisation’s editors draft', async () => {
      const org = await newDeedOrg(app, 'draft-roles');
      const other = await newDeedOrg(app, 'draft-roles-other');
      const nationalAdmin = await programmeAdmin(app);
      for (const token of [org.employee, org.agent, org.admin, nationalAdmin]) expectProblem(await api.call('POST', '/api/deeds', { token, body: deedBody() }), 403);
      const foreign = await api.call('POST', '/api/deeds', { token: other.editor, body: deedBody({ organisation: org.name }) });
      expectProblem(foreign, 403);
      expect(foreign.body.detail).toContain(org.name);
      const anonymous = await api.call('POST', '/api/deeds', { body: deedBody() });
      expectProblem(anonymous, 401);
      // Naming one's own organisation is fine.
      expectStatus(await api.call('POST', '/api/deeds', { token: org.editor, body: deedBody({ organisation: org.name }) }), 201);
      expect((await api.search({ organisation: org.name })).total).toBe(0);
    }, TIMEOUT);

    it('shows a deed to its organisation’s editors and to admins; 403 to others, 404 for unknown ids', async () => {
      const org = await newDeedOrg(app, 'visibility');
      const other = await newDeedOrg(app, 'visibility-other');
      const { id } = await api.draft(org.editor);
      for (const token of [org.editor, org.admin, await programmeAdmin(app), other.admin]) expect(await api.editorView(token, id)).toMatchObject({ id, status: 'draft' });
      for (const token of [org.employee, org.agent, other.editor, other.employee]) expectProblem(await api.call('GET', `/api/deeds/${id}`, { token }), 403);
      expectProblem(await api.call('GET', `/api/deeds/${id}`), 401);
      expectProblem(await api.call('GET', '/api/deeds/00000000-0000-4000-8000-000000000000', { token: org.editor }), 404);
      expectProblem(await api.call('GET', '/api/deeds/not-a-uuid', { token: org.editor }), 404);
      // Published, it is still 403 for others here: the public reads it in the catalogue.
      await api.publish(org.editor, id);
      expectProblem(await api.call('GET', `/api/deeds/${id}`, { token: org.employee }), 403);
      expect((await api.catalogueDeed(id)).id).toBe(id);
    }, TIMEOUT);

    it('needs If-Match to edit (428 without, 412 stale), and editing a published deed publishes a new revision', async () => {
      const org = await newDeedOrg(app, 'edit');
      const { id } = await api.draft(org.editor, { title: 'Ensimmäinen versio' });

      const without = await api.call('PUT', `/api/deeds/${id}`, { token: org.editor, body: deedBody({ title: 'Ilman If-Matchia' }) });
      expectProblem(without, 428);
      expect(await api.editorView(org.editor, id)).toMatchObject({ version: 1, title: 'Ensimmäinen versio' });

      const edited = await api.call('PUT', `/api/deeds/${id}`, { token: org.editor, body: deedBody({ title: 'Luonnoksen korjaus' }), headers: { 'if-match': '"1"' } });
      expectStatus(edited, 200);
      expect(edited.body).toMatchObject({ id, version: 2, status: 'draft', revision: 0 });
      expect(edited.headers.get('etag')).toBe('"2"');

      const stale = await api.call('PUT', `/api/deeds/${id}`, { token: org.editor, body: deedBody({ title: 'Vanhentunut' }), headers: { 'if-match': '"1"' } });
      expectProblem(stale, 412);
      expect(stale.body.currentVersion).toBe(2);
      const garbage = await api.call('PUT', `/api/deeds/${id}`, { token: org.editor, body: deedBody(), headers: { 'if-match': 'eilen' } });
      expectInvalidFields(garbage, ['If-Match']);
      expectProblem(await api.call('GET', `/api/catalogue/deeds/${id}`), 404);

      expect(await api.publish(org.editor, id)).toMatchObject({ version: 3, status: 'published', revision: 1 });
      expectProblem(await api.call('POST', `/api/deeds/${id}/publish`, { token: org.editor }), 409);
      const first = await api.catalogueDeed(id);
      expect(first).toMatchObject({ revision: 1, title: 'Luonnoksen korjaus' });

      await sleep(5);
      const revised = await api.call('PUT', `/api/deeds/${id}`, { token: org.editor, body: deedBody({ title: 'Toinen revisio', sector: 'technical' }), headers: { 'if-match': 'W/"3"' } });
      expectStatus(revised, 200);
      expect(revised.body).toMatchObject({ id, version: 4, status: 'published', revision: 2 });

      const entry = await api.catalogueDeed(id);
      expect(entry).toMatchObject({ revision: 2, title: 'Toinen revisio', sector: 'technical' });
      expect(entry.revisions.map((r: any) => [r.revision, r.content.title])).toEqual([
        [1, 'Luonnoksen korjaus'],
        [2, 'Toinen revisio'],
      ]);
      expect(entry.firstPublishedAt).toBe(first.firstPublishedAt);
      expect(entry.firstPublishedAt).toBe(entry.revisions[0].publishedAt);
      expect(entry.publishedAt).toBe(entry.revisions[1].publishedAt);
      expect(Date.parse(entry.publishedAt)).toBeGreaterThan(Date.parse(entry.firstPublishedAt));
      expect(await api.ids({ organisation: org.name })).toEqual([id]);
      expect((await api.editorView(org.editor, id)).revisions.map((r: any) => r.revision)).toEqual([1, 2]);
    }, TIMEOUT);

    it('refuses edits, publishing and unpublishing by others with 403, and lets an admin unpublish any deed', async () => {
      const org = await newDeedOrg(app, 'others');
      const other = await newDeedOrg(app, 'others-other');
      const nationalAdmin = await programmeAdmin(app);
      const { id } = await api.draft(org.editor);
      for (const token of [org.employee, org.agent, org.admin, other.editor, nationalAdmin]) {
        expectProblem(await api.call('PUT', `/api/deeds/${id}`, { token, body: deedBody({ title: 'Kaappaus' }), headers: { 'if-match': '"1"' } }), 403);
        expectProblem(await api.call('POST', `/api/deeds/${id}/publish`, { token }), 403);
      }
      await api.publish(org.editor, id);
      for (const token of [org.employee, org.agent, other.editor]) {
        expectProblem(await api.call('POST', `/api/deeds/${id}/unpublish`, { token, body: { reason: 'Ei käy' } }), 403);
      }
      expect(await api.ids({ organisation: org.name })).toEqual([id]);
      expect(await api.editorView(org.editor, id)).toMatchObject({ version: 2, status: 'published', title: deedBody().title });

      // Unpublishing needs a reason.
      expectInvalidFields(await api.call('POST', `/api/deeds/${id}/unpublish`, { token: nationalAdmin, body: {} }), ['reason']);
      expectInvalidFields(await api.call('POST', `/api/deeds/${id}/unpublish`, { token: nationalAdmin, body: { reason: '   ' } }), ['reason']);
      const down = await api.call('POST', `/api/deeds/${id}/unpublish`, { token: nationalAdmin, body: { reason: 'Asiaton sisältö' } });
      expectStatus(down, 200);
      expect(down.body).toMatchObject({ id, version: 3, status: 'unpublished', revision: 1 });
      expectProblem(await api.call('POST', `/api/deeds/${id}/unpublish`, { token: nationalAdmin, body: { reason: 'Uudestaan' } }), 409);
      expect(await api.editorView(org.editor, id)).toMatchObject({ status: 'unpublished', unpublishReason: 'Asiaton sisältö', unpublishedAt: expect.any(String) });
      expectProblem(await api.call('GET', `/api/catalogue/deeds/${id}`), 404);
      expect((await api.search({ organisation: org.name })).total).toBe(0);
      expect((await api.search({ q: 'päiväjärjestykset', organisation: org.name })).total).toBe(0);

      // Its own editor publishes it again: the next revision, first publication kept.
      expect(await api.publish(org.editor, id)).toMatchObject({ version: 4, status: 'published', revision: 2 });
      const entry = await api.catalogueDeed(id);
      expect(entry.revisions.map((r: any) => r.revision)).toEqual([1, 2]);
      expect(entry.firstPublishedAt).toBe(entry.revisions[0].publishedAt);
      // The organisation's own editor may unpublish too.
      expect(await api.unpublish(org.editor, id)).toMatchObject({ status: 'unpublished' });
    }, TIMEOUT);

    it('answers 404 for unknown and malformed deed ids on every deed endpoint', async () => {
      const org = await newDeedOrg(app, 'unknown');
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const id of [unknown, 'not-a-uuid', '123', `${unknown}x`]) {
        expectProblem(await api.call('POST', `/api/deeds/${id}/publish`, { token: org.editor }), 404);
        expectProblem(await api.call('POST', `/api/deeds/${id}/unpublish`, { token: org.editor, body: { reason: 'x' } }), 404);
        expectProblem(await api.call('GET', `/api/deeds/${id}`, { token: org.editor }), 404);
        expectProblem(await api.call('GET', `/api/catalogue/deeds/${id}`), 404);
      }
      for (const id of ['not-a-uuid', '123']) {
        expectProblem(await api.call('PUT', `/api/deeds/${id}`, { token: org.editor, body: deedBody(), headers: { 'if-match': '"1"' } }), 404);
        expectProblem(await api.call('POST', `/api/ideas/${id}/deed`, { token: org.editor }), 404);
        expectProblem(await api.call('GET', `/api/campaigns/${id}`), 404);
        expectProblem(await api.call('GET', `/api/campaigns/${id}/standings`), 404);
        expectProblem(await api.call('POST', `/api/campaigns/${id}/close`, { token: await programmeAdmin(app) }), 404);
      }
      expectProblem(await api.call('POST', `/api/ideas/${unknown}/deed`, { token: org.editor }), 404);
      expectProblem(await api.call('GET', `/api/campaigns/${unknown}`), 404);
      expectProblem(await api.call('POST', `/api/campaigns/${unknown}/close`, { token: await programmeAdmin(app) }), 404);
    }, TIMEOUT);
  });

  describe('validation', () => {
    it('names every invalid field in a 400 problem', async () => {
      const org = await newDeedOrg(app, 'invalid');
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{ sector: 'space' }, ['sector']],
        [{ size: 'huge' }, ['size']],
        [{ scope: 'planet' }, ['scope']],
        [{ participants: ['boss'] }, ['participants']],
        [{ participants: 'staff' }, ['participants']],
        [{ participants: ['staff', 'staff'] }, ['participants']],
        [{ periodFrom: '2026-02-30' }, ['periodFrom']],
        [{ periodFrom: '15.1.2026' }, ['periodFrom']],
        [{ periodTo: '2026-04-15T10:00:00Z' }, ['periodTo']],
        [{ metrics: [{ name: 'Mittari', value: 'paljon' }] }, ['metrics[0].value']],
        [{ metrics: [{ name: 'Mittari', value: 1, baseline: '2' }] }, ['metrics[0].baseline']],
        [{ metrics: [{ value: 1 }] }, ['metrics[0].name']],
        [{ colour: 'sininen' }, ['colour']],
        [{ title: 'x'.repeat(201) }, ['title']],
        [{ title: 'ab' }, ['title']],
        [{ aim: '' }, ['aim']],
        [{ language: 'de' }, ['language']],
        [{ themes: ['x'.repeat(51)] }, ['themes']],
        [{ organisation: 'Imatra' }, ['organisation']],
        [{ ideaIds: ['not-a-uuid'] }, ['ideaIds']],
        [{ media: [{ kind: 'image', url: 'javascript:alert(1)' }] }, ['media[0].url']],
        [{ media: [{ kind: 'image', url: 'JaVaScRiPt:alert(document.cookie)' }] }, ['media[0].url']],
        [{ media: [{ kind: 'image', url: 'data:text/html,<script>alert(1)</script>' }] }, ['media[0].url']],
        [{ media: [{ kind: 'hologram', url: 'https://example.fi/x' }] }, ['media[0].kind']],
        [{ sector: 'space', size: 'huge', scope: 'planet', participants: ['boss'], periodFrom: 'eilen', metrics: [{ name: 'M', value: 'x' }], extra: 1 }, ['sector', 'size', 'scope', 'participants', 'periodFrom', 'metrics[0].value', 'extra']],
      ];
      const failures: string[] = [];
      for (const [overrides, fields] of cases) {
        const reply = await api.call('POST', '/api/deeds', { token: org.editor, body: deedBody(overrides) });
        try {
          expectInvalidFields(reply, fields);
        } catch (error) {
          failures.push(`${JSON.stringify(overrides).slice(0, 80)}: ${(error as Error).message.slice(0, 300)}`);
        }
      }
      // A missing required field is named too.
      const body = deedBody();
      delete body.title;
      delete body.sector;
      const missing = await api.call('POST', '/api/deeds', { token: org.editor, body });
      try {
        expectInvalidFields(missing, ['title', 'sector']);
      } catch (error) {
        failures.push(`missing title and sector: ${(error as Error).message.slice(0, 300)}`);
      }
      expect(failures).toEqual([]);
      // The same rules on edit.
      const { id } = await api.draft(org.editor);
      expectInvalidFields(
        await api.call('PUT', `/api/deeds/${id}`, { token: org.editor, body: deedBody({ sector: 'space', metrics: [{ name: 'M', value: 'x' }] }), headers: { 'if-match': '"1"' } }),
        ['sector', 'metrics[0].value'],
      );
      // On edit, organisation and ideas are not content.
      expectInvalidFields(await api.call('PUT', `/api/deeds/${id}`, { token: org.editor, body: deedBody({ organisation: org.name }), headers: { 'if-match': '"1"' } }), ['organisation']);
      expect(await api.editorView(org.editor, id)).toMatchObject({ version: 1 });
    }, TIMEOUT);

    it('accepts a metric value written in exponent notation (1e-7) and keeps it exactly, never a 500', async () => {
      const org = await newDeedOrg(app, 'tiny');
      for (const field of ['value', 'baseline']) {
        const raw = JSON.stringify(deedBody({ metrics: [{ name: 'Pieni', value: 1, [field]: '__TINY__' }] })).replace('"__TINY__"', '1e-7');
        const reply = await api.call('POST', '/api/deeds', { token: org.editor, rawBody: raw });
        expect({ field, status: reply.status }).toEqual({ field, status: 201 });
        expect((await api.editorView(org.editor, reply.body.id)).metrics[0][field]).toBe(1e-7);
      }
    }, TIMEOUT);

    it('refuses a period that ends before it starts with a 400 that says why', async () => {
      const org = await newDeedOrg(app, 'period');
      const reply = await api.call('POST', '/api/deeds', { token: org.editor, body: deedBody({ periodFrom: '2026-05-01', periodTo: '2026-04-30' }) });
      expectProblem(reply, 400);
      expect(reply.body.detail).toMatch(/period|end/i);
    }, TIMEOUT);

    it('refuses a deed that names another organisation’s idea as its origin', async () => {
      // The public catalogue shows the lineage of every idea a deed names: another organisation's
      // idea (which only its own people may read) must not be attached by a foreign editor.
      const owner = await newDeedOrg(app, 'idea-owner');
      const other = await newDeedOrg(app, 'idea-thief');
      const ideaId = await api.adoptedIdea(owner, { title: 'Salainen sisäinen kehitysidea' });
      const reply = await api.call('POST', '/api/deeds', { token: other.editor, body: deedBody({ ideaIds: [ideaId] }) });
      if (reply.status === 201) {
        await api.publish(other.editor, reply.body.id);
        const leaked = await api.catalogueDeed(reply.body.id);
        throw new Error(`Expected a 4xx, got 201; once published, the public catalogue shows the other organisation's idea: ${JSON.stringify(leaked.lineage).slice(0, 300)}`);
      }
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expectProblem(reply, reply.status);
    }, TIMEOUT);
  });

  describe('from idea to deed', () => {
    it('opens a prefilled draft from an adopted idea, links both ways, publishes it and finds it', async () => {
      await ideaToSearchableDeed(app, api);
    }, TIMEOUT);

    it('prefills every measured metric with its planned baseline and unit, and the description when no problem was given', async () => {
      const org = await newDeedOrg(app, 'prefill');
      const { id: ideaId } = await api.ideas.submit(org.employee, { title: 'Lähiruokapäivät', problem: undefined, description: 'Koulujen ruoka lähitiloilta.' });
      await api.ideas.act(org.agent, ideaId, 'review');
      await api.ideas.act(org.agent, ideaId, 'pilot', {
        ...actionBodies.pilot,
        startsOn: '2025-08-11',
        endsOn: '2025-12-19',
        metrics: [
          { name: METRIC, unit: '%', baseline: 62 },
          { name: 'Hävikki', unit: 'kg/vko', baseline: 20 },
        ],
      });
      await api.ideas.act(org.agent, ideaId, 'adopt', { result: 'Lähiruokaa joka viikko.', metrics: [{ metric: METRIC, value: 70 }, { metric: 'Hävikki', value: 12 }] });
      const opened = await api.call('POST', `/api/ideas/${ideaId}/deed`, { token: org.editor });
      expectStatus(opened, 201);
      expect(await api.editorView(org.editor, opened.body.id)).toMatchObject({
        title: 'Lähiruokapäivät',
        aim: 'Koulujen ruoka lähitiloilta.',
        achieved: 'Lähiruokaa joka viikko.',
        metrics: [
          { name: METRIC, value: 70, unit: '%', baseline: 62 },
          { name: 'Hävikki', value: 12, unit: 'kg/vko', baseline: 20 },
        ],
        periodFrom: '2025-08-11',
        periodTo: '2025-12-19',
        ideaIds: [ideaId],
        status: 'draft',
      });
      // The editor can take the prefilled draft as it is and publish it.
      expect(await api.publish(org.editor, opened.body.id)).toMatchObject({ status: 'published', revision: 1 });
    }, TIMEOUT);
  });

  describe('the public catalogue', () => {
    it('finds "kehittämisteko" by "kehittämisteot" and "kunta" by "kunnissa"', async () => {
      await finnishSearchExamples(app, api);
    }, TIMEOUT);

    it('finds by prefix while typing, finds a Swedish deed by an inflected Swedish word, and finds nothing for an unknown word', async () => {
      const org = await newDeedOrg(app, 'prefix');
      const teko = await api.published(org, { title: 'Kehittämisteko varhaiskasvatuksessa', aim: 'Yhteinen tapa kirjata ideoita.', achieved: 'Ideoita tuli enemmän.' });
      const sv = await api.published(org, {
        title: 'Gemensam bokningskalender för skolorna',
        aim: 'Lärarna bokar rummen i samma kalender.',
        achieved: 'Bokningarna går snabbare och dubbelbokningarna försvann.',
        language: 'sv',
      });
      for (const q of ['kehittä', 'Kehittämis', 'kehittämistek']) expect(await api.ids({ q, organisation: org.name })).toContain(teko);
      for (const q of ['skolor', 'skola', 'bokningen', 'kalendern', 'lärare']) {
        const found = await api.ids({ q, organisation: org.name });
        expect({ q, found: found.includes(sv) }).toEqual({ q, found: true });
        expect(found).not.toContain(teko);
      }
      expect((await api.search({ q: 'saunailta', organisation: org.name })).total).toBe(0);
      expect((await api.search({ q: 'kehittä saunailta', organisation: org.name })).total).toBe(0);
      expect((await api.search({ organisation: org.name, q: '!!!' })).items.every((i) => [teko, sv].includes(i.id))).toBe(true);
    }, TIMEOUT);

    it('ranks a deed with the word in its title before one with it only in the body', async () => {
      const org = await newDeedOrg(app, 'rank');
      const inTitle = await api.published(org, { title: 'Viherkatto koulun katolle', aim: 'Sadevedet hallintaan ja pölyttäjille kotipaikka.', achieved: 'Katto kukkii.' });
      await sleep(5);
      const inBody = await api.published(org, { title: 'Koulupihan uudistus', aim: 'Oppilaat suunnittelivat pihan, ja pyörävarastoon tehtiin viherkatto.', achieved: 'Piha on käytössä myös iltaisin.' });
      const ranked = await api.search({ q: 'viherkatto', organisation: org.name });
      expect(ranked.items.map((i) => i.id)).toEqual([inTitle, inBody]);
      expect(ranked.items[0].score).toBeGreaterThan(ranked.items[1].score);
      expect(await api.ids({ q: 'viherkatto', organisation: org.name, sort: 'relevance' })).toEqual([inTitle, inBody]);
      expect(await api.ids({ q: 'viherkatto', organisation: org.name, sort: 'newest' })).toEqual([inBody, inTitle]);
      expect(await api.ids({ organisation: org.name })).toEqual([inBody, inTitle]);
    }, TIMEOUT);

    it('pages with a cursor: every deed exactly once, in order, nextCursor null at the end', async () => {
      const org = await newDeedOrg(app, 'paging');
      const created: string[] = [];
      for (let i = 1; i <= 7; i++) created.push(await api.published(org, { title: `Sivutettava kehittämisteko ${i}` }));
      const queries: Record<string, string>[] = [{ organisation: org.name }, { organisation: org.name, q: 'sivutettava' }, { organisation: org.name, q: 'kehittämisteko', sort: 'newest' }];
      for (const query of queries) {
        const pages: any[][] = [];
        let cursor: string | null = null;
        do {
          const page = await api.search({ ...query, limit: '3', ...(cursor ? { cursor } : {}) });
          expect(page.total).toBe(7);
          pages.push(page.items);
          cursor = page.nextCursor;
          expect(pages.length).toBeLessThanOrEqual(3);
        } while (cursor !== null);
        expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
        const seen = pages.flat().map((i) => i.id);
        expect(new Set(seen).size).toBe(7);
        expect([...seen].sort()).toEqual([...created].sort());
        if (!('q' in query) || query.sort === 'newest') expect(seen).toEqual([...created].reverse());
      }
      const whole = await api.search({ organisation: org.name, limit: '7' });
      expect(whole.items).toHaveLength(7);
      expect(whole.nextCursor).toBeNull();
      for (const cursor of ['garbage', Buffer.from('o-1').toString('base64url'), Buffer.from('x3').toString('base64url')]) {
        expectInvalidFields(await api.call('GET', `/api/catalogue/deeds?cursor=${encodeURIComponent(cursor)}`), ['cursor']);
      }
    }, TIMEOUT);

    it('pages with a cursor while deeds are being published and unpublished: no deed twice, none skipped', async () => {
      const org = await newDeedOrg(app, 'paging-live');
      const created: string[] = [];
      for (let i = 1; i <= 5; i++) created.push(await api.published(org, { title: `Elävä sivutus ${i}` }));
      const walk = async (between: () => Promise<void>) => {
        const seen: string[] = [];
        let page = await api.search({ organisation: org.name, sort: 'newest', limit: '2' });
        seen.push(...page.items.map((i) => i.id));
        await between();
        while (page.nextCursor) {
          page = await api.search({ organisation: org.name, sort: 'newest', limit: '2', cursor: page.nextCursor });
          seen.push(...page.items.map((i) => i.id));
        }
        return seen;
      };
      // A new deed published after the first page was read.
      const whilePublishing = await walk(async () => {
        created.push(await api.published(org, { title: 'Elävä sivutus 6' }));
      });
      const repeated = whilePublishing.filter((id, i) => whilePublishing.indexOf(id) !== i);
      const missedWhilePublishing = created.slice(0, 5).filter((id) => !whilePublishing.includes(id));
      // A deed of the first page unpublished before the second page was read.
      let removed = '';
      const whileUnpublishing = await walk(async () => {
        removed = created[5];
        await api.unpublish(org.editor, removed);
      });
      const stillPublished = created.filter((id) => id !== removed);
      expect({ repeated, missedWhilePublishing, missedWhileUnpublishing: stillPublished.filter((id) => !whileUnpublishing.includes(id)) }).toEqual({
        repeated: [],
        missedWhilePublishing: [],
        missedWhileUnpublishing: [],
      });
    }, TIMEOUT);

    it('counts facets over the matching deeds and stats over what was published', async () => {
      await facetsAndStats(app, api);
    }, TIMEOUT);

    it('strips markup from what it shows and refuses javascript: media at input', async () => {
      const org = await newDeedOrg(app, 'markup');
      const id = await api.published(org, {
        title: '<script>alert(1)</script> Turvallinen teko',
        aim: 'Kuva <img src=x onerror=alert(1)> ja linkki <a href="javascript:alert(1)">tästä</a>.',
        achieved: '<b>Lihavoitu</b> tulos <IMG SRC=x OnErRoR=alert(2)>',
        unit: '<span>yksikkö</span>',
        metrics: [{ name: '<i>Mittari</i>', value: 1, unit: '<b>%</b>' }],
        media: [{ kind: 'image', url: 'https://example.fi/kuva.jpg', caption: '<svg onload=alert(1)>Kuvateksti' }],
      });
      const item = (await api.search({ organisation: org.name })).items[0];
      const entry = await api.catalogueDeed(id);
      for (const answer of [item, entry]) {
        expect(JSON.stringify(answer)).not.toMatch(TAG_START);
        expect(answer.title).toBe('alert(1) Turvallinen teko');
        expect(answer.aim).toBe('Kuva  ja linkki tästä.');
        expect(answer.achieved).toBe('Lihavoitu tulos ');
        expect(answer.media).toEqual([{ kind: 'image', url: 'https://example.fi/kuva.jpg', caption: 'Kuvateksti' }]);
      }
      expect(entry.revisions[0].content.title).toBe('alert(1) Turvallinen teko');
      // Found by the words, not by the markup.
      expect(await api.ids({ q: 'turvallinen', organisation: org.name })).toEqual([id]);

      for (const url of ['javascript:alert(1)', ' javascript:alert(1)', 'vbscript:msgbox(1)', 'data:image/svg+xml,<svg onload=alert(1)>', 'file:///etc/passwd']) {
        const reply = await api.call('POST', '/api/deeds', { token: org.editor, body: deedBody({ media: [{ kind: 'image', url }] }) });
        try {
          expectInvalidFields(reply, ['media[0].url']);
        } catch (error) {
          throw new Error(`media url ${url}: ${(error as Error).message}`);
        }
      }
    }, TIMEOUT);

    it('leaves no tag behind when markup is nested to survive a single pass', async () => {
      const org = await newDeedOrg(app, 'nested-markup');
      const id = await api.published(org, {
        title: '<<script>script>alert(1)<</script>/script> Sisäkkäinen',
        aim: '<<img src=x>img src=x onerror=alert(1)> sisäkkäinen kuva',
      });
      const entry = await api.catalogueDeed(id);
      const item = (await api.search({ organisation: org.name })).items[0];
      const noTag = expect.not.stringMatching(TAG_START);
      expect({ title: entry.title, aim: entry.aim, searchTitle: item.title, searchAim: item.aim, revisionTitle: entry.revisions[0].content.title }).toEqual({
        title: noTag,
        aim: noTag,
        searchTitle: noTag,
        searchAim: noTag,
        revisionTitle: noTag,
      });
    }, TIMEOUT);
    it('shows no markup anywhere in the public catalogue: theme facets and the lineage of ideas included', async () => {
      const org = await newDeedOrg(app, 'markup-elsewhere');
      const xss = '<img src=x onerror=alert(1)>';
      const { id: ideaId } = await api.ideas.submit(org.employee, { title: 'Mittarit kuntoon' });
      await api.ideas.act(org.agent, ideaId, 'review');
      await api.ideas.act(org.agent, ideaId, 'pilot', { ...actionBodies.pilot, metrics: [{ name: xss, baseline: 1 }] });
      await api.ideas.act(org.agent, ideaId, 'measurements', { measurements: [{ metric: xss, value: 2, measuredOn: '2026-02-01' }] });
      await api.ideas.act(org.agent, ideaId, 'adopt', { result: 'Valmis.', metrics: [{ metric: xss, value: 3 }] });
      const opened = await api.call('POST', `/api/ideas/${ideaId}/deed`, { token: org.editor });
      expectStatus(opened, 201);
      await api.publish(org.editor, opened.body.id);
      await api.published(org, { themes: [xss] });
      const found = await api.search({ organisation: org.name });
      const entry = await api.catalogueDeed(opened.body.id);
      const tagged = (value: unknown): string[] => {
        const found: string[] = [];
        JSON.stringify(value, (key, v) => {
          for (const text of [key, v]) if (typeof text === 'string' && TAG_START.test(text)) found.push(text);
          return v;
        });
        return found;
      };
      expect({ facets: tagged(found.facets), items: tagged(found.items), lineage: tagged(entry.lineage) }).toEqual({ facets: [], items: [], lineage: [] });
    }, TIMEOUT);
  });

  describe('campaigns', () => {
    it('ranks organisations by deeds first published in the window, ties by who got there first, and records the most inventive on close', async () => {
      await standingsScenario(app, api);
    }, TIMEOUT);

    it('is opened by admins only, with a valid window', async () => {
      const org = await newDeedOrg(app, 'campaign-open');
      const admin = await programmeAdmin(app);
      const body = { name: 'Tekoja tiskiin 2099', startsAt: '2099-09-01T00:00:00+03:00', endsAt: '2099-11-01T00:00:00+02:00' };
      for (const token of [org.editor, org.employee, org.agent]) expectProblem(await api.call('POST', '/api/campaigns', { token, body }), 403);
      expectProblem(await api.call('POST', '/api/campaigns', { body }), 401);

      const backwards = await api.call('POST', '/api/campaigns', { token: admin, body: { ...body, startsAt: body.endsAt, endsAt: body.startsAt } });
      expect([400, 409]).toContain(backwards.status);
      expectProblem(backwards, backwards.status);
      expect(backwards.body.detail).toMatch(/end|start/i);
      const empty = await api.call('POST', '/api/campaigns', { token: admin, body: { ...body, endsAt: body.startsAt } });
      expect([400, 409]).toContain(empty.status);
      expectProblem(empty, empty.status);

      expectInvalidFields(await api.call('POST', '/api/campaigns', { token: admin, body: { ...body, startsAt: 'syyskuu' } }), ['startsAt']);
      expectInvalidFields(await api.call('POST', '/api/campaigns', { token: admin, body: { ...body, endsAt: '2099-02-30' } }), ['endsAt']);
      expectInvalidFields(await api.call('POST', '/api/campaigns', { token: admin, body: { ...body, name: '' } }), ['name']);
      expectInvalidFields(await api.call('POST', '/api/campaigns', { token: admin, body: { ...body, winner: org.name } }), ['winner']);
      expectInvalidFields(await api.call('POST', '/api/campaigns', { token: admin, body: { name: body.name } }), ['startsAt', 'endsAt']);

      const id = await api.openCampaign(admin, body);
      expect(await api.campaign(id)).toMatchObject({ id, name: body.name, status: 'open', phase: 'upcoming', mostInventive: null, standings: [] });
      expect(Date.parse((await api.campaign(id)).startsAt)).toBe(Date.parse(body.startsAt));
      const closing = await api.call('POST', `/api/campaigns/${id}/close`, { token: admin });
      expectProblem(closing, 409);
      expect(closing.body.detail).toMatch(/runs until|after/);
      const listed = await api.call('GET', '/api/campaigns');
      expectStatus(listed, 200);
      expect(listed.body.find((c: any) => c.id === id)).toMatchObject({ name: body.name, status: 'open', mostInventive: null });
    }, TIMEOUT);

    it('refuses to close a running campaign with 409, and closes one whose window has just ended', async () => {
      const org = await newDeedOrg(app, 'campaign-run');
      const admin = await programmeAdmin(app);
      const running = await api.openCampaign(admin, { name: 'Käynnissä', startsAt: '2000-01-01', endsAt: '2100-01-01' });
      await api.published(org, { sector: 'food-and-cleaning' });
      const live = await api.standings(running);
      expect(live.phase).toBe('running');
      expect(live.standings.find((s) => s.organisation === org.name)).toMatchObject({ deeds: 1, sectors: { 'food-and-cleaning': 1 } });
      expectProblem(await api.call('POST', `/api/campaigns/${running}/close`, { token: admin }), 409);
      expect((await api.campaign(running)).status).toBe('open');

      // A window that ends a few seconds from now: long enough to be still running when the first close arrives on a busy machine.
      const endsAt = Date.now() + 5_000;
      const ending = await api.openCampaign(admin, { name: 'Päättyvä', startsAt: '2000-01-01', endsAt: new Date(endsAt).toISOString() });
      expectProblem(await api.call('POST', `/api/campaigns/${ending}/close`, { token: admin }), 409);
      await sleep(Math.max(0, endsAt - Date.now()) + 100);
      const final = await api.standings(ending);
      expect(final.phase).toBe('ended');
      expectStatus(await api.call('POST', `/api/campaigns/${ending}/close`, { token: admin }), 200);
      const closed = await api.campaign(ending);
      expect(closed.status).toBe('closed');
      expect(closed.mostInventive).toBe(final.standings[0].organisation);
      expect(closed.mostInventive).not.toBeNull();
    }, TIMEOUT);
  });

  describe('the campaign closer', () => {
    it('closes every campaign whose window has ended, with its most inventive organisation, once', async () => {
      const org = await newDeedOrg(app, 'closer');
      const admin = await programmeAdmin(app);
      const startsAt = new Date().toISOString();
      await api.published(org, { sector: 'technical' });
      const ended = await api.openCampaign(admin, { name: 'Päättynyt', startsAt, endsAt: new Date().toISOString() });
      const running = await api.openCampaign(admin, { name: 'Käynnissä yhä', startsAt, endsAt: '2100-01-01' });
      const closer = app.app.get(CampaignCloser);
      expect(await closer.closeEnded()).toBeGreaterThanOrEqual(1);
      const closed = await api.campaign(ended);
      expect(closed).toMatchObject({ status: 'closed', phase: 'ended', mostInventive: org.name });
      expect((await api.campaign(running)).status).toBe('open');
      // Nothing is left to close: a second tick writes nothing.
      expect(await closer.closeEnded()).toBe(0);
    }, TIMEOUT);
  });

  describe('rebuilding the read models', () => {
    it('gives identical search results, facets, stats and standings after every projection is rebuilt', async () => {
      await rebuildGivesSameAnswers(app, api);
    }, TIMEOUT);
  });

  // Last, so that whatever odd input got in cannot disturb the tests above.
  describe('odd input', () => {
    it('never answers 500: odd bodies to every deed and campaign POST and PUT are 4xx problems', async () => {
      const org = await newDeedOrg(app, 'odd');
      const admin = await programmeAdmin(app);
      const draft = (await api.draft(org.editor)).id;
      const published = await api.published(org);
      const adopted = await api.adoptedIdea(org);
      const campaign = await api.openCampaign(admin, { name: 'Outo', startsAt: '2099-01-01', endsAt: '2099-02-01' });

      type Kind = 'string' | 'enum' | 'date' | 'instant' | 'number' | 'array' | 'objects';
      interface Target {
        method: 'POST' | 'PUT';
        path: string;
        token: string;
        base: Record<string, unknown>;
        fields: Array<[string, Kind]>;
        headers?: Record<string, string>;
      }
      const contentFields: Array<[string, Kind]> = [
        ['title', 'string'],
        ['aim', 'string'],
        ['achieved', 'string'],
        ['metrics', 'objects'],
        ['metrics.0.name', 'string'],
        ['metrics.0.value', 'number'],
        ['metrics.0.unit', 'string'],
        ['metrics.0.baseline', 'number'],
        ['unit', 'string'],
        ['sector', 'enum'],
        ['themes', 'array'],
        ['themes.0', 'string'],
        ['size', 'enum'],
        ['scope', 'enum'],
        ['participants', 'array'],
        ['participants.0', 'enum'],
        ['periodFrom', 'date'],
        ['periodTo', 'date'],
        ['language', 'enum'],
        ['media', 'objects'],
        ['media.0.kind', 'enum'],
        ['media.0.url', 'enum'],
        ['media.0.caption', 'string'],
      ];
      const full = deedBody({ media: [{ kind: 'image', url: 'https://example.fi/k.jpg', caption: 'k' }] });
      const targets: Target[] = [
        {
          method: 'POST',
          path: '/api/deeds',
          token: org.editor,
          base: { ...full, organisation: org.name, ideaIds: [adopted] },
          fields: [...contentFields, ['organisation', 'enum'], ['ideaIds', 'array'], ['ideaIds.0', 'enum']],
        },
        // A stale If-Match: whatever passes validation is refused with 412, so nothing changes.
        { method: 'PUT', path: `/api/deeds/${draft}`, token: org.editor, base: full, fields: contentFields, headers: { 'if-match': '"999"' } },
        { method: 'POST', path: `/api/deeds/${draft}/unpublish`, token: org.editor, base: { reason: 'Syy' }, fields: [['reason', 'string']] },
        { method: 'POST', path: `/api/deeds/${published}/unpublish`, token: org.employee, base: { reason: 'Syy' }, fields: [['reason', 'string']] },
        { method: 'POST', path: `/api/deeds/${published}/publish`, token: org.editor, base: {}, fields: [] },
        { method: 'POST', path: `/api/ideas/${adopted}/deed`, token: org.employee, base: {}, fields: [] },
        {
          method: 'POST',
          path: '/api/campaigns',
          token: admin,
          base: { name: 'Outo kampanja', startsAt: '2099-01-01T00:00:00Z', endsAt: '2099-02-01T00:00:00Z' },
          fields: [
            ['name', 'string'],
            ['startsAt', 'instant'],
            ['endsAt', 'instant'],
          ],
        },
        { method: 'POST', path: `/api/campaigns/${campaign}/close`, token: admin, base: {}, fields: [] },
        { method: 'POST', path: `/api/campaigns/${campaign}/close`, token: org.editor, base: {}, fields: [] },
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
      const badDates = ['0000-01-01', '2026-02-30', '2026-13-01', '2026-00-10', '-0001-01-01', '+002026-01-01', '2026-1-1', '20260101', '2026-W05-1', '2026-032'];
      const badInstants = [
        ...badDates,
        '2026-01-01T24:00:30',
        '2026-01-01T24:00:00',
        '2026-01-01T23:59:60',
        '2026-01-01T00:00:00+99:00',
        '2026-01-01T00:00:00+24:00',
        '2026-01-01T10',
        '2026-01-01T10:00:00.1234567Z',
        '9999-12-31T23:59:59.999999Z',
        '0001-01-01T00:00:00Z',
        '2026-01-01 10:00',
      ];
      const valuesFor = (kind: Kind): unknown[] => {
        const values: unknown[] = ['x'.repeat(10_001), 'NUL \u0000 inside', { nested: 'object' }, [['nested', ['array']]], HUGE, null];
        values.push(true);
        if (kind !== 'number') values.push(1e308, -0.5, 12345678901234567890);
        if (kind === 'number') values.push('12', '', '🦄', 1.5e-7, -1e308, 0.1234567);
        if (kind === 'enum') values.push('🦄', '', ' ', 'javascript:alert(1)', '00000000-0000-0000-0000-00000000000g');
        if (kind === 'date') values.push(...badDates, '9999-12-31', '0001-01-01', '', '🦄');
        if (kind === 'instant') values.push(...badInstants, '', '🦄');
        if (kind === 'array') values.push('🦄', [1, 2], Array(500).fill('staff'), [null]);
        if (kind === 'objects') values.push('🦄', [1], ['🦄'], [null], [{}], Array(101).fill({}));
        if (kind === 'string') values.push(['🦄'], 42, '<script>alert(1)</script>', '\u202e\u200b', '🦄'.repeat(3000));
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
        { rawBody: '<deed/>', headers: { 'content-type': 'application/xml' } },
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
          const headers = { ...target.headers, ...attempt.headers };
          const reply = await api.call(target.method, target.path, { token: target.token, rawBody: attempt.rawBody, headers });
          const problem = reply.headers.get('content-type')?.startsWith('application/problem+json');
          const shaped = reply.body && typeof reply.body === 'object' && reply.body.status === reply.status && typeof reply.body.type === 'string' && typeof reply.body.title === 'string';
          const fine = reply.status < 300 || (reply.status >= 400 && reply.status < 500 && problem && shaped);
          if (!fine) failures.push(`${target.method} ${target.path} with ${attempt.what} → ${reply.status} ${reply.headers.get('content-type')} ${JSON.stringify(reply.body)?.slice(0, 200)}`);
        }
      }
      // Odd If-Match headers too.
      for (const ifMatch of ['', '""', '"-1"', '"1.5"', '"99999999999"', '*', '"1", "2"', 'W/', '\u00e4']) {
        const reply = await api.call('PUT', `/api/deeds/${draft}`, { token: org.editor, body: full, headers: { 'if-match': ifMatch } }).catch((e: Error) => ({ status: 0, body: e.message, headers: new Headers() }));
        if (reply.status === 0) continue; // fetch itself refuses some header values
        if (reply.status >= 500 || (reply.status >= 400 && !reply.headers.get('content-type')?.startsWith('application/problem+json'))) {
          failures.push(`PUT with If-Match ${JSON.stringify(ifMatch)} → ${reply.status} ${JSON.stringify(reply.body)?.slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);

      // Whatever odd value got in, the read models still keep up and nothing changed the stale-ETag edits.
      expect(await api.editorView(org.editor, draft)).toMatchObject({ version: 1, status: 'draft', title: deedBody().title });
      const fresh = await api.call('POST', '/api/deeds', { token: org.editor, body: deedBody({ title: 'Tuore teko' }) });
      expectStatus(fresh, 201);
      expect(fresh.headers.get('x-consistency')).toBeNull();
      expect(await api.editorView(org.editor, fresh.body.id)).toMatchObject({ title: 'Tuore teko' });
      for (const status of await app.runtime.runner.status()) expect({ name: status.name, lastError: status.lastError }).toEqual({ name: status.name, lastError: undefined });
    }, 300_000);

    it('never answers 500 to odd catalogue query strings', async () => {
      const org = await newDeedOrg(app, 'oddquery');
      await api.published(org, { title: 'Kysely kehittämisteko' });
      const paths = [
        'q=%00',
        'q=%F0%9F%A6%84',
        'q=%27%22%3B--',
        'q=%26%7C!%3A*()',
        "q=kunta%3A*%20%26%20!teko",
        'q=%20',
        'q=a',
        'q=%E2%80%8B',
        `q=${'x'.repeat(200)}`,
        `q=${'x'.repeat(201)}`,
        `q=${'kehittämisteko '.repeat(13)}`,
        `q=${encodeURIComponent('ä'.repeat(200))}`,
        `q=${'1'.repeat(200)}`,
        'q=%5C',
        'q=x&q=y',
        'q[]=x',
        'q[a]=b',
        'sector=space',
        'sector=technical&sector=culture-and-leisure',
        'sector=%00',
        'theme=%00',
        `theme=${'t'.repeat(51)}`,
        'theme=%3Cscript%3E',
        'organisation=Imatra',
        'organisation=%2E%2E',
        `organisation=${'a'.repeat(64)}`,
        'year=abc',
        'year=1e3',
        'year=-1',
        'year=2026.5',
        'year=99999999999999999999',
        'year=0',
        'year=',
        'awarded=maybe',
        'awarded=',
        'awarded=1',
        'sort=random',
        'sort=',
        'limit=0',
        'limit=101',
        'limit=1e3',
        'limit=-1',
        'limit=99999999999999999999',
        'limit=',
        'cursor=garbage',
        'cursor=%00',
        `cursor=${Buffer.from('o999999').toString('base64url')}`,
        `cursor=${Buffer.from('o9999999').toString('base64url')}`,
        `cursor=${'x'.repeat(301)}`,
        'cursor=',
        'unknown=1',
        '%00=1',
      ];
      const failures: string[] = [];
      for (const query of paths) {
        for (const path of [`/api/catalogue/deeds?${query}`, `/api/catalogue/stats?${query}`]) {
          const reply = await api.call('GET', path);
          const problem = reply.headers.get('content-type')?.startsWith('application/problem+json');
          if (reply.status >= 500 || (reply.status >= 400 && !problem) || (reply.status < 400 && reply.status !== 200)) {
            failures.push(`GET ${path.slice(0, 120)} → ${reply.status} ${JSON.stringify(reply.body)?.slice(0, 200)}`);
          }
        }
      }
      for (const path of ['/api/catalogue/deeds/%00', '/api/catalogue/deeds/..%2F..%2Fetc', '/api/campaigns/%F0%9F%A6%84/standings', `/api/catalogue/deeds/${'a'.repeat(5000)}`]) {
        const reply = await api.call('GET', path);
        if (reply.status >= 500 || reply.status < 400) failures.push(`GET ${path.slice(0, 80)} → ${reply.status}`);
      }
      expect(failures).toEqual([]);
      // Validation problems name the parameter.
      expectInvalidFields(await api.call('GET', '/api/catalogue/deeds?sector=space'), ['sector']);
      expectInvalidFields(await api.call('GET', '/api/catalogue/deeds?limit=0'), ['limit']);
      expectInvalidFields(await api.call('GET', '/api/catalogue/deeds?year=abc'), ['year']);
      expectInvalidFields(await api.call('GET', '/api/catalogue/deeds?sort=random'), ['sort']);
      expectInvalidFields(await api.call('GET', '/api/catalogue/deeds?unknown=1'), ['unknown']);
    }, TIMEOUT);
  });

  describe("the editors' desk", () => {
    it("lists the organisation's deeds in every state to its editors and admins, newest change first, with a cursor", async () => {
      const org = await newDeedOrg(app, 'desk');
      const other = await newDeedOrg(app, 'desk-other');
      const drafted = await api.draft(org.editor, { title: 'Luonnos työpöydällä' });
      const published = await api.draft(org.editor, { title: 'Julkaistu teko' });
      await api.publish(org.editor, published.id);
      await api.draft(other.editor, { title: 'Toisen organisaation luonnos' });

      const all = await api.call('GET', '/api/deeds?limit=1', { token: org.editor });
      expectStatus(all, 200);
      expect(all.body.items.map((d: { id: string }) => d.id)).toEqual([published.id]);
      const next = await api.call('GET', `/api/deeds?limit=1&cursor=${all.body.nextCursor}`, { token: org.editor });
      expect(next.body.items.map((d: { id: string }) => d.id)).toEqual([drafted.id]);
      expect(next.body.nextCursor).toBeNull();

      const drafts = await api.call('GET', '/api/deeds?status=draft', { token: org.editor });
      expect(drafts.body.items).toEqual([expect.objectContaining({ id: drafted.id, status: 'draft', title: 'Luonnos työpöydällä' })]);
      const asAdmin = await api.call('GET', `/api/deeds?organisation=${org.name}`, { token: await programmeAdmin(app) });
      expect(asAdmin.body.items).toHaveLength(2);

      expectProblem(await api.call('GET', '/api/deeds', { token: org.employee }), 403);
      expectProblem(await api.call('GET', `/api/deeds?organisation=${org.name}`, { token: other.editor }), 403);
      expectInvalidFields(await api.call('GET', '/api/deeds?status=lost', { token: org.editor }), ['status']);
      expectInvalidFields(await api.call('GET', '/api/deeds?cursor=bm9wZQ', { token: org.editor }), ['cursor']);
    }, TIMEOUT);
  });
});
