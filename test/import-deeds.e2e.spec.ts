// Importing a deed catalogue end to end: a CSV or JSON file → events with the original dates → the
// catalogue. On the embedded database here; test/import-deeds.int.spec.ts runs the same scenarios on
// a fresh database on the real PostgreSQL server.
import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '#event-store';
import { nameBasedId, loadConfig } from '#platform';
import { csvLine, IMPORT_COLUMNS } from '../libs/deeds/src/import/index.js';
import { importDeeds, ImportUsageError } from '../apps/api/src/cli/import-deeds.js';
import { createRuntime, type Runtime } from '../apps/api/src/runtime.js';
import { client, startTestApp, type TestApp } from './support/app.js';

export const TIMEOUT = 120_000;

/** A fresh runtime: the embedded database in memory, or a database on the server. */
export async function openRuntime(databaseUrl?: string): Promise<{ runtime: Runtime; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-import-'));
  const runtime = await createRuntime(
    loadConfig({ DATA_DIR: dataDir, PROJECTION_POLL_MS: '50', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }, []),
    { inMemory: true },
  );
  return {
    runtime,
    async close() {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Rows keyed by column; a prefix keeps external ids apart when scenarios share a database. */
export function deedRow(prefix: string, n: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    external_id: `${prefix}-${n}`,
    organisation: 'imatra',
    title: `Kuvalliset päiväjärjestykset ${prefix} ${n}`,
    aim: 'Rauhallisemmat siirtymät, vähemmän odottelua.',
    achieved: 'Siirtymät nopeutuivat neljällä minuutilla.',
    unit: 'varhaiskasvatus',
    sector: 'education-and-early-childhood',
    themes: 'saavutettavuus;arjen sujuvuus',
    size: 'small',
    scope: 'unit',
    participants: 'staff;supervisors',
    period_from: '2018-01-15',
    period_to: '2018-06-30',
    language: 'fi',
    published_at: '2018-09-03T10:15:00+03:00',
    metrics: '[{"name":"Siirtymien kesto","value":8,"unit":"min","baseline":12}]',
    ...overrides,
  };
}

export const csvOf = (rows: Array<Record<string, string>>, lineEnd = '\r\n'): string =>
  '\uFEFF' + [csvLine([...IMPORT_COLUMNS]), ...rows.map((row) => csvLine(IMPORT_COLUMNS.map((column) => row[column] ?? '')))].join(lineEnd) + lineEnd;

const deedIdOf = (externalId: string) => nameBasedId(`deed-import:${externalId}`);

async function entriesOf(runtime: Runtime, prefix: string) {
  return runtime.dataSource.query(
    `SELECT external_id, status, revision, source, year, title, themes, organisation,
       to_char(first_published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS first_published,
       to_char(drafted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS drafted
     FROM deed_entries WHERE external_id LIKE $1 ORDER BY external_id`,
    [`${prefix}-%`],
  );
}

/**
 * A CSV with good rows from three years and bad rows of every kind: imported with the original dates,
 * the bad rows reported by line and field; then the same file again imports nothing.
 */
export async function importsCsvWithOriginalDatesAndReportsBadRows(runtime: Runtime, prefix: string): Promise<void> {
  const text = csvOf([
    // line 2, spans lines 2–3 (a line break inside quotes)
    deedRow(prefix, 1, { achieved: 'Siirtymät nopeutuivat.\nLapset tietävät, mitä seuraavaksi tapahtuu, "aina".' }),
    // line 4
    deedRow(prefix, 2, { organisation: 'lahti', sector: 'technical', published_at: '2021-11-12', period_from: '2021-01-01', period_to: '', themes: '', metrics: '' }),
    // line 5: bad fields
    deedRow(prefix, 3, { title: 'ab', sector: 'space', participants: 'staff;aliens' }),
    // line 6
    deedRow(prefix, 4, { published_at: '2023-02-01T12:00:00Z', language: '', period_from: '2022-09-01', period_to: '2023-01-31' }),
    // line 7: no publication date
    deedRow(prefix, 5, { published_at: '' }),
    // line 8: the same external id as line 2
    deedRow(prefix, 1, { title: 'Toinen samalla tunnuksella' }),
    // line 9: a period that ends before it starts (the decider's rule)
    deedRow(prefix, 6, { period_from: '2020-05-01', period_to: '2020-04-01' }),
  ]);
  // line 10: a malformed record (text after a closing quote), then a good one at line 11
  const broken = `${prefix}-7,imatra,"Otsikko"x,a,b,c,technical,,small,unit,staff,2020-01-01,,,2020-02-02,\r\n`;
  const last = csvLine(IMPORT_COLUMNS.map((column) => deedRow(prefix, 8, { published_at: '2016-03-04T08:00:00+02:00' })[column])) + '\r\n';
  const content = text + broken + last;

  const first = await importDeeds(runtime, { content, format: 'csv' }, { projections: 'run', now: new Date('2026-11-20T12:00:00Z') });
  expect(first).toMatchObject({ format: 'csv', dryRun: false, rows: 9, valid: 4, imported: 4, alreadyPresent: 0, projections: 'caught-up' });
  const bad = Object.fromEntries(first.bad.map((row) => [row.place, row.errors]));
  expect(Object.keys(bad)).toEqual(['line 5', 'line 7', 'line 8', 'line 9', 'line 10']);
  expect(first.bad[0]).toMatchObject({ line: 5, externalId: `${prefix}-3` });
  expect(bad['line 5'].map((e) => e.field)).toEqual(['title', 'sector', 'participants']);
  expect(bad['line 5'][0].message).toMatch(/title must be longer than or equal to 3 characters/);
  expect(bad['line 7']).toEqual([{ field: 'published_at', message: expect.stringMatching(/published_at is required/) }]);
  expect(bad['line 8']).toEqual([{ field: 'external_id', message: `external_id "${prefix}-1" is already used on line 2` }]);
  expect(bad['line 9']).toEqual([{ field: 'period_to', message: 'The period cannot end before it starts.' }]);
  expect(bad['line 10']).toEqual([{ field: '(row)', message: expect.stringMatching(/after a closing quote/) }]);

  // The catalogue shows the good ones with their original dates and years.
  const entries = await entriesOf(runtime, prefix);
  expect(entries.map((e: Record<string, unknown>) => [e.external_id, e.status, e.revision, e.source, e.year, e.first_published, e.drafted])).toEqual([
    [`${prefix}-1`, 'published', 1, 'import', 2018, '2018-09-03T07:15', '2018-09-03T07:15'],
    [`${prefix}-2`, 'published', 1, 'import', 2021, '2021-11-12T00:00', '2021-11-12T00:00'],
    [`${prefix}-4`, 'published', 1, 'import', 2023, '2023-02-01T12:00', '2023-02-01T12:00'],
    [`${prefix}-8`, 'published', 1, 'import', 2016, '2016-03-04T06:00', '2016-03-04T06:00'],
  ]);
  expect(entries[0].themes).toEqual(['saavutettavuus', 'arjen sujuvuus']);
  expect(entries[1]).toMatchObject({ organisation: 'lahti', themes: [] });

  // The events: name-based ids, dated and attributed as the import.
  const events = await runtime.store.readStream(`deed-${deedIdOf(`${prefix}-1`)}`);
  expect(events.map((e) => [e.type, e.streamVersion])).toEqual([
    ['DeedDrafted', 1],
    ['DeedPublished', 2],
  ]);
  expect(events[0].data).toMatchObject({ source: 'import', externalId: `${prefix}-1` });
  expect(events[1].data).toMatchObject({ revision: 1 });
  for (const event of events) {
    expect(event.metadata).toMatchObject({ occurredAt: '2018-09-03T07:15:00.000Z', actor: { subject: 'import', organisation: 'imatra', roles: ['org-editor'] } });
  }

  // The same file again: nothing imported twice.
  const { count } = await runtime.store.head();
  const second = await importDeeds(runtime, { content, format: 'csv' }, { projections: 'run', now: new Date('2026-11-20T12:00:00Z') });
  expect(second).toMatchObject({ rows: 9, valid: 4, imported: 0, alreadyPresent: 4, projections: 'caught-up' });
  expect(second.bad).toHaveLength(5);
  expect((await runtime.store.head()).count).toBe(count);
  expect(await entriesOf(runtime, prefix)).toHaveLength(4);
}

/** A JSON file read from disk: snake_case keys, typed values; bad items reported by index. */
export async function importsJsonFileByIndex(runtime: Runtime, prefix: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kehittamo-import-json-'));
  try {
    const item = (n: number, overrides: Record<string, unknown> = {}) => ({
      ...deedRow(prefix, n),
      themes: ['digitalisaatio'],
      participants: ['staff', 'management'],
      metrics: [{ name: 'Käsittelyaika', value: 3, unit: 'pv', baseline: 7 }],
      period_to: null,
      published_at: '2019-12-31T23:30:00+02:00',
      ...overrides,
    });
    const file = join(dir, 'catalogue.json');
    await writeFile(file, JSON.stringify([item(1), item(2, { sector: 42, periodFrom: '2019-01-01' }), item(3, { language: 'sv', published_at: '2020-06-01' })], null, 2));
    const dry = await importDeeds(runtime, { path: file }, { dryRun: true, projections: 'run' });
    expect(dry).toMatchObject({ format: 'json', dryRun: true, rows: 3, valid: 2, imported: 0, projections: 'skipped' });
    expect(await entriesOf(runtime, prefix)).toEqual([]);

    const report = await importDeeds(runtime, { path: file }, { projections: 'run' });
    expect(report).toMatchObject({ format: 'json', rows: 3, valid: 2, imported: 2, alreadyPresent: 0, projections: 'caught-up' });
    expect(report.bad).toEqual([
      {
        place: 'item [1]',
        index: 1,
        externalId: `${prefix}-2`,
        errors: expect.arrayContaining([
          { field: 'periodFrom', message: expect.stringMatching(/should not exist/) },
          { field: 'sector', message: expect.stringMatching(/sector must be one of/) },
        ]),
      },
    ]);
    const entries = await entriesOf(runtime, prefix);
    // 2019-12-31T23:30+02:00 is 21:30 UTC: still 2019.
    expect(entries.map((e: Record<string, unknown>) => [e.external_id, e.year])).toEqual([
      [`${prefix}-1`, 2019],
      [`${prefix}-3`, 2020],
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Usage mistakes are errors of their own (the CLI exits with 2). */
export async function refusesUnknownFormatAndMissingFile(runtime: Runtime): Promise<void> {
  await expect(importDeeds(runtime, { path: '/nonexistent/deeds.csv' })).rejects.toBeInstanceOf(ImportUsageError);
  await expect(importDeeds(runtime, { path: '/nonexistent/deeds.xlsx' })).rejects.toThrow(/Unknown format ".xlsx"/);
  await expect(importDeeds(runtime, { content: 'external_id,colour\n1,red\n', format: 'csv' })).rejects.toThrow(/unknown column/);
}

// ---------------------------------------------------------------------------------------------
// The embedded suite. Guarded so that importing the helpers above (int spec) registers no tests.
// ---------------------------------------------------------------------------------------------

const isThisFile = /import-deeds\.e2e\.spec\.ts$/.test(expect.getState().testPath ?? '');

if (isThisFile) {
  describe('importing a deed catalogue on the embedded database', () => {
    let opened: Awaited<ReturnType<typeof openRuntime>>;
    beforeAll(async () => {
      opened = await openRuntime();
    }, TIMEOUT);
    afterAll(async () => opened?.close(), TIMEOUT);

    it('imports a CSV with the original dates, reports bad rows by line and field, and imports nothing twice', async () => {
      await importsCsvWithOriginalDatesAndReportsBadRows(opened.runtime, 'CSV');
    }, TIMEOUT);

    it('imports a JSON file, reporting bad items by index; a dry run writes nothing', async () => {
      await importsJsonFileByIndex(opened.runtime, 'JSON');
    }, TIMEOUT);

    it('refuses an unknown format, a missing file and an unusable header', async () => {
      await refusesUnknownFormatAndMissingFile(opened.runtime);
    });

    it('writes stream by stream to a store without a bulk write, just as idempotently', async () => {
      const { store } = opened.runtime;
      const plain: EventStore = {
        append: (...args) => store.append(...args),
        readStream: (...args) => store.readStream(...args),
        readAll: (...args) => store.readAll(...args),
        head: () => store.head(),
        onAppended: (listener) => store.onAppended(listener),
      };
      const runtime = { store: plain, runner: opened.runtime.runner };
      const content = csvOf([deedRow('ONE', 1), deedRow('ONE', 2, { published_at: '2015-01-01' })]);
      expect(await importDeeds(runtime, { content, format: 'csv' })).toMatchObject({ imported: 2, alreadyPresent: 0, projections: 'caught-up' });
      expect(await importDeeds(runtime, { content, format: 'csv' })).toMatchObject({ imported: 0, alreadyPresent: 2 });
      expect((await entriesOf(opened.runtime, 'ONE')).map((e: Record<string, unknown>) => [e.external_id, e.year])).toEqual([
        ['ONE-1', 2018],
        ['ONE-2', 2015],
      ]);
    }, TIMEOUT);
  });

  describe('imported deeds in the public catalogue (HTTP), while the app runs', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    }, TIMEOUT);
    afterAll(async () => app?.close(), TIMEOUT);

    it('shows them by year and by search once the running projections have caught up', async () => {
      const content = csvOf([
        deedRow('WEB', 1, { title: 'Yhteinen varauskalenteri kokoustiloille', published_at: '2017-05-05T09:00:00+03:00', period_from: '2017-01-01', period_to: '' }),
        deedRow('WEB', 2, { published_at: '2020-10-10T10:00:00Z', period_from: '2020-01-01', period_to: '' }),
      ]);
      // The app's runner is running: only wait for it.
      const report = await importDeeds(app.runtime, { content, format: 'csv' }, { projections: 'wait' });
      expect(report).toMatchObject({ imported: 2, projections: 'caught-up' });
      const call = client(app.baseUrl);
      const all = await call('GET', '/api/catalogue/deeds');
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(2);
      expect(all.body.facets.year).toEqual({ '2017': 1, '2020': 1 });
      const in2017 = await call('GET', '/api/catalogue/deeds?year=2017');
      expect(in2017.body.items.map((d: { title: string; year: number; firstPublishedAt: string }) => [d.title, d.year, d.firstPublishedAt])).toEqual([
        ['Yhteinen varauskalenteri kokoustiloille', 2017, '2017-05-05T06:00:00.000Z'],
      ]);
      const search = await call('GET', `/api/catalogue/deeds?q=${encodeURIComponent('varauskalenteri')}`);
      expect(search.body.items.map((d: { id: string }) => d.id)).toEqual([deedIdOf('WEB-1')]);
    }, TIMEOUT);
  });
}
