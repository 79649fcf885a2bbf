// Tekojen tori relevance on a fixed catalogue: Finnish, Swedish and English queries (word forms, compounds with
// consonant gradation, prefixes while typing, a typo) must put the expected deed first. And a word in more than
// 1,000 deeds answers with an estimated total ("noin" / "cirka") whose facets and pages still hold together.
import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '#platform';
import { EXACT_UP_TO, SearchCatalogueHandler, SearchCatalogueQuery, type CatalogueFilter } from '../libs/deeds/src/application/catalogue.queries.js';
import { csvLine, IMPORT_COLUMNS } from '../libs/deeds/src/import/index.js';
import { importDeeds } from '../apps/api/src/cli/import-deeds.js';
import { createRuntime, type Runtime } from '../apps/api/src/runtime.js';
import { compareCheckpoints } from '#event-store';

const TIMEOUT = 240_000;
const ORG = 'relevanssi';
const MASS = 'massakunta';

/** The fixed catalogue: title, aim, achieved, language. */
const DEEDS: Array<[string, string, string, string]> = [
  ['Kehittämisteko varhaiskasvatuksessa', 'Yhteinen tapa kirjata ideoita.', 'Ideoita tuli enemmän.', 'fi'],
  ['Hankintarengas naapureiden kanssa', 'Kunta ja naapurit ostavat tarvikkeet yhdessä.', 'Hinnat laskivat.', 'fi'],
  ['Ruokahävikin seuranta kouluissa', 'Punnitaan jäljelle jäänyt ruoka joka päivä.', 'Ruokaa jäi puolet vähemmän.', 'fi'],
  ['Uusi perehdytysmalli kotihoitoon', 'Uudet työntekijät oppivat työn nopeammin.', 'Perehdytys lyheni viikolla.', 'fi'],
  ['Sähköinen ajanvaraus terveysasemalle', 'Asiakkaat varaavat ajan verkossa.', 'Puhelinjonot lyhenivät.', 'fi'],
  ['Kotikäyntien reitit kuntoon', 'Kotihoito ajoi turhia kilometrejä.', 'Ajoa kertyi vähemmän.', 'fi'],
  ['Gemensam bokningskalender för skolorna', 'Lärarna bokar rummen i samma kalender.', 'Dubbelbokningarna försvann.', 'sv'],
  ['Matsvinnet minskade i äldreomsorgen', 'Vi vägde maten som blev över.', 'Hälften mindre svinn.', 'sv'],
  ['Longer library opening hours with self-service', 'Residents can use the libraries in the evenings.', 'Visits grew by a third.', 'en'],
  ['Digital onboarding for new nurses', 'New nurses learn the routines online before their first shift.', 'Fewer questions in the first week.', 'en'],
];

/** Query → the title that must come first (within the fixed catalogue's organisation). */
const EXPECTED: Array<[string, string]> = [
  ['kehittämisteot', 'Kehittämisteko varhaiskasvatuksessa'], // compound with consonant gradation (teko / teot)
  ['kunnissa', 'Hankintarengas naapureiden kanssa'], // inflected stem (kunta / kunnissa), body only
  ['ruokahävikki', 'Ruokahävikin seuranta kouluissa'], // word form
  ['ruokahäv', 'Ruokahävikin seuranta kouluissa'], // prefix while typing
  ['perehdytysmallit', 'Uusi perehdytysmalli kotihoitoon'], // plural
  ['perehdytysmali', 'Uusi perehdytysmalli kotihoitoon'], // typo
  ['ajanvarauksen', 'Sähköinen ajanvaraus terveysasemalle'], // genitive
  ['kotihoito', 'Uusi perehdytysmalli kotihoitoon'], // in a title beats only in the body
  ['skolor', 'Gemensam bokningskalender för skolorna'], // Swedish stem
  ['bokningskalendern', 'Gemensam bokningskalender för skolorna'], // Swedish definite form
  ['matsvinn', 'Matsvinnet minskade i äldreomsorgen'],
  ['libraries', 'Longer library opening hours with self-service'], // English plural
  ['nurse onboarding', 'Digital onboarding for new nurses'], // two English words
  ['opening hou', 'Longer library opening hours with self-service'], // English prefix while typing
  ['bokningskalnder', 'Gemensam bokningskalender för skolorna'], // Swedish typo
  ['matsvinnet minskade', 'Matsvinnet minskade i äldreomsorgen'], // two Swedish words
  ['onboard', 'Digital onboarding for new nurses'], // English prefix
  ['ruokahävikin seuranta', 'Ruokahävikin seuranta kouluissa'], // two Finnish words
];

function csv(rows: Array<Record<string, string>>): string {
  return '\uFEFF' + [csvLine([...IMPORT_COLUMNS]), ...rows.map((row) => csvLine(IMPORT_COLUMNS.map((column) => row[column] ?? '')))].join('\r\n') + '\r\n';
}

function row(id: string, organisation: string, title: string, aim: string, achieved: string, language: string, sector: string, year: number): Record<string, string> {
  return {
    external_id: id,
    organisation,
    title,
    aim,
    achieved,
    unit: 'hallinto',
    sector,
    themes: 'arjen sujuvuus',
    size: 'small',
    scope: 'unit',
    participants: 'staff',
    period_from: `${year}-01-15`,
    period_to: `${year}-06-30`,
    language,
    published_at: `${year}-09-03T10:15:00+03:00`,
    metrics: '',
  };
}

/** Runs the projections until the catalogue's (deed-entries) has every event written so far. */
async function catalogueCaughtUp(runtime: Runtime): Promise<void> {
  const head = await runtime.store.head();
  runtime.runner.start();
  try {
    for (;;) {
      const status = (await runtime.runner.status()).find((s) => s.name === 'deed-entries');
      if (status && compareCheckpoints(status.checkpoint, head.checkpoint) >= 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await runtime.runner.stop();
  }
}

describe('Tekojen tori relevance and estimated totals', () => {
  let runtime: Runtime;
  let dataDir: string;
  let search: (filter: Partial<CatalogueFilter>) => ReturnType<SearchCatalogueHandler['execute']>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-relevance-'));
    runtime = await createRuntime(loadConfig({ DATA_DIR: dataDir, PROJECTION_POLL_MS: '50' }, []), { inMemory: true });
    const sectors = ['social-and-health', 'technical', 'education-and-early-childhood'];
    const rows = DEEDS.map(([title, aim, achieved, language], i) => row(`REL-${i}`, ORG, title, aim, achieved, language, sectors[i % 3], 2020 + (i % 3)));
    // More deeds with one word than are counted one by one: their total is estimated.
    for (let i = 0; i < EXACT_UP_TO + 150; i++) {
      rows.push(row(`MASS-${i}`, MASS, `Yhteiskehitys ${i}`, 'Henkilöstö ja asukkaat kehittivät palvelua yhdessä.', 'Palvelu parani.', 'fi', sectors[i % 3], 2015 + (i % 5)));
    }
    const file = join(dataDir, 'catalogue.csv');
    await writeFile(file, csv(rows));
    const report = await importDeeds(runtime, { path: file }, { projections: 'skip' });
    expect(report.imported).toBe(rows.length);
    await catalogueCaughtUp(runtime);
    await runtime.dataSource.query('ANALYZE deed_search');
    const handler = new SearchCatalogueHandler(runtime.dataSource);
    search = (filter) => handler.execute(new SearchCatalogueQuery({ limit: 20, ...filter }));
  }, TIMEOUT);

  afterAll(async () => {
    await runtime?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('puts the expected deed first for Finnish, Swedish and English queries', async () => {
    const firsts: Array<[string, string | undefined]> = [];
    for (const [q] of EXPECTED) firsts.push([q, (await search({ q, organisation: ORG })).items[0]?.title]);
    expect(firsts).toEqual(EXPECTED);
  }, TIMEOUT);

  it('counts exactly up to the bound: a small result says so', async () => {
    const found = await search({ q: 'perehdytysmalli', organisation: ORG });
    expect(found).toMatchObject({ total: 1, totalExact: true });
    expect(found).not.toHaveProperty('totalLabel');
    expect(found.facets.sector).toEqual({ [found.items[0].sector]: 1 });
  }, TIMEOUT);

  it('estimates a total beyond the bound, with labels, facets in proportion and pages that hold together', async () => {
    const found = await search({ q: 'yhteiskehitys' });
    expect(found.totalExact).toBe(false);
    expect(found.total).toBeGreaterThan(EXACT_UP_TO);
    // Two significant figures, as the labels say it.
    expect(found.total % 10 ** (String(found.total).length - 2)).toBe(0);
    const label = (found as { totalLabel?: { fi: string; sv: string; en: string } }).totalLabel;
    expect(label?.fi).toMatch(/^noin \d{1,3}(\u00a0\d{3})+$/);
    expect(label?.sv).toMatch(/^cirka \d{1,3}(\u00a0\d{3})+$/);
    expect(label?.en).toMatch(/^about \d{1,3}(,\d{3})+$/);
    expect(found.items).toHaveLength(20);
    expect(Object.keys(found.facets.sector).sort()).toEqual(['education-and-early-childhood', 'social-and-health', 'technical']);
    const facetSum = Object.values(found.facets.sector).reduce((a, b) => a + b, 0);
    expect(Math.abs(facetSum - found.total)).toBeLessThanOrEqual(found.total * 0.1);
    // The next page continues where the first ended.
    const next = await search({ q: 'yhteiskehitys', cursor: found.nextCursor ?? undefined });
    const ids = new Set([...found.items, ...next.items].map((i) => i.id));
    expect(ids.size).toBe(40);
    // A filter that leaves few matches counts them exactly again.
    expect(await search({ q: 'yhteiskehitys', organisation: ORG })).toMatchObject({ total: 0, totalExact: true, items: [] });
  }, TIMEOUT);
});
