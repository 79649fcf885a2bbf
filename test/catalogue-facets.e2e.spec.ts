// Browsing and filtering Tekojen tori read their totals and facets from pre-counted cells kept by triggers.
// These tests hold the cells against counts made over the deeds themselves, and the per-word postings of text
// search against the deeds' search vectors, through publishing, new revisions that move a deed to another sector
// and other themes, unpublishing, and a rebuild of every projection.
import { startTestApp, type TestApp } from './support/app.js';
import { deedsApi, newDeedOrg, rebuildAll, TIMEOUT, type DeedsApi } from './support/deeds-scenarios.js';

type Filter = Partial<Record<'sector' | 'theme' | 'organisation' | 'year' | 'awarded', string>>;
interface Row {
  sector: string;
  organisation: string;
  year: number;
  themes: string[];
}

/** The expected answer, counted in plain code over every published deed. */
function expected(rows: Row[], filter: Filter) {
  const matching = rows.filter(
    (r) =>
      (!filter.sector || r.sector === filter.sector) &&
      (!filter.theme || r.themes.includes(filter.theme)) &&
      (!filter.organisation || r.organisation === filter.organisation) &&
      (!filter.year || String(r.year) === filter.year) &&
      (!filter.awarded || filter.awarded === 'false'),
  );
  const count = (keys: string[]) => keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});
  return {
    total: matching.length,
    facets: {
      sector: count(matching.map((r) => r.sector)),
      organisation: count(matching.map((r) => r.organisation)),
      year: count(matching.map((r) => String(r.year))),
      theme: count(matching.flatMap((r) => r.themes)),
    },
  };
}

describe('Tekojen tori facets of browsing and filtering', () => {
  let app: TestApp;
  let api: DeedsApi;

  beforeAll(async () => {
    app = await startTestApp();
    api = deedsApi(app);
  }, TIMEOUT);
  afterAll(async () => app?.close());

  const publishedRows = async (): Promise<Row[]> =>
    app.runtime.dataSource.query(`SELECT sector, organisation, year, themes FROM deed_entries WHERE status = 'published'`);

  async function expectCellsToMatchTheDeeds(filters: Filter[]) {
    const rows = await publishedRows();
    expect(rows.length).toBeGreaterThan(0);
    for (const filter of filters) {
      const found = await api.search(filter as Record<string, string>);
      expect({ filter, total: found.total, facets: found.facets }).toEqual({ filter, ...expected(rows, filter) });
    }
    const [{ negative }] = await app.runtime.dataSource.query(`SELECT count(*)::int AS negative FROM deed_facet_cells WHERE n < 0`);
    expect(negative).toBe(0);
    await expectPostingsToMatchTheVectors();
  }

  /** The per-word postings and their document frequencies hold exactly the terms of the published deeds' vectors. */
  async function expectPostingsToMatchTheVectors() {
    const db = app.runtime.dataSource;
    const [{ missing, extra, postings }] = await db.query(
      `WITH expected AS (SELECT t.lexeme AS term, deed_term_impact(t.weights) AS impact, s.id AS deed_id FROM deed_search s, unnest(s.search) t)
       SELECT (SELECT count(*)::int FROM (SELECT * FROM expected EXCEPT SELECT term, impact, deed_id FROM deed_terms) x) AS missing,
              (SELECT count(*)::int FROM (SELECT term, impact, deed_id FROM deed_terms EXCEPT SELECT * FROM expected) x) AS extra,
              (SELECT count(*)::int FROM deed_terms) AS postings`,
    );
    expect({ missing, extra }).toEqual({ missing: 0, extra: 0 });
    expect(postings).toBeGreaterThan(0);
    const [{ wrong }] = await db.query(
      `SELECT count(*)::int AS wrong FROM (
         SELECT term, n FROM deed_term_counts WHERE n <> 0
         EXCEPT SELECT term, count(*)::int FROM deed_terms GROUP BY term
       ) x`,
    );
    const [{ uncounted }] = await db.query(
      `SELECT count(*)::int AS uncounted FROM (SELECT DISTINCT term FROM deed_terms EXCEPT SELECT term FROM deed_term_counts WHERE n > 0) x`,
    );
    expect({ wrong, uncounted }).toEqual({ wrong: 0, uncounted: 0 });
  }

  it('counts exactly what is published, after edits that move deeds, unpublishing and a full rebuild', async () => {
    const north = await newDeedOrg(app, 'pohjoinen');
    const south = await newDeedOrg(app, 'etelainen');
    const made: Array<{ org: typeof north; id: string }> = [];
    const plans: Array<[typeof north, string, string[]]> = [
      [north, 'technical', ['ilmasto', 'energia']],
      [north, 'technical', ['ilmasto']],
      [north, 'culture-and-leisure', ['osallisuus', 'nuoret']],
      [north, 'social-and-health', []],
      [south, 'technical', ['energia']],
      [south, 'education-and-early-childhood', ['osallisuus', 'ilmasto', 'digitalisaatio']],
      [south, 'education-and-early-childhood', ['nuoret']],
      [south, 'food-and-cleaning', ['ilmasto']],
    ];
    for (const [org, sector, themes] of plans) made.push({ org, id: await api.published(org, { sector, themes }) });
    const draft = await api.draft(north.editor, { sector: 'technical', themes: ['ilmasto'] });
    expect(draft.status).toBe('draft');

    const year = String((await publishedRows())[0].year);
    const filters: Filter[] = [
      {},
      { sector: 'technical' },
      { theme: 'ilmasto' },
      { theme: 'osallisuus', organisation: south.name },
      { organisation: north.name },
      { sector: 'technical', theme: 'energia' },
      { year },
      { year: '1999' },
      { awarded: 'false' },
      { awarded: 'true' },
      { organisation: south.name, sector: 'education-and-early-childhood', year },
    ];
    await expectCellsToMatchTheDeeds(filters);

    // A new revision moves a deed to another sector with other themes; another deed is taken down.
    const moved = made[0];
    const view = await api.editorView(moved.org.editor, moved.id);
    await api.edit(moved.org.editor, moved.id, view.version, { sector: 'whole-organisation', themes: ['johtaminen', 'ilmasto'] });
    await api.unpublish(south.editor, made[4].id);
    const afterEdits = await publishedRows();
    expect(afterEdits).toHaveLength(plans.length - 1);
    expect(afterEdits.filter((r) => r.sector === 'whole-organisation')).toHaveLength(1);
    await expectCellsToMatchTheDeeds([...filters, { sector: 'whole-organisation' }, { theme: 'johtaminen' }]);

    // A rebuild deletes and re-inserts every row in one transaction: the cells come out the same.
    const cellsBefore = await app.runtime.dataSource.query(`SELECT * FROM deed_facet_cells WHERE n <> 0 ORDER BY theme, sector, year, organisation, awarded`);
    const postingsBefore = await app.runtime.dataSource.query(`SELECT * FROM deed_terms ORDER BY term, impact, deed_id`);
    await rebuildAll(app);
    expect(await app.runtime.dataSource.query(`SELECT * FROM deed_facet_cells WHERE n <> 0 ORDER BY theme, sector, year, organisation, awarded`)).toEqual(cellsBefore);
    expect(await app.runtime.dataSource.query(`SELECT * FROM deed_terms ORDER BY term, impact, deed_id`)).toEqual(postingsBefore);
    await expectCellsToMatchTheDeeds(filters);
  }, TIMEOUT);

  it('widens a search word with similar words of the catalogue, and only with words of published deeds', async () => {
    const org = await newDeedOrg(app, 'sanasto');
    const teko = await api.published(org, { title: 'Kehittämisteko kirjastossa', aim: 'Asiakkaat ehdottivat uusia aukioloaikoja.', achieved: 'Kävijöitä tuli lisää.' });
    // A draft's words never reach the dictionary, so they cannot widen anything.
    await api.draft(org.editor, { title: 'Salaperäinen luonnossana', aim: 'Luonnos.', achieved: 'Ei vielä.' });
    const words = (await app.runtime.dataSource.query(`SELECT word FROM deed_search_words`)).map((r: { word: string }) => r.word);
    expect(words).toEqual(expect.arrayContaining(['kehittämisteko', 'kirjastossa', 'asiakkaat']));
    expect(words).not.toContain('luonnossana');
    expect(await api.ids({ q: 'kehittämisteot', organisation: org.name })).toEqual([teko]);
    expect(await api.ids({ q: 'luonnossanat', organisation: org.name })).toEqual([]);
  }, TIMEOUT);
});
