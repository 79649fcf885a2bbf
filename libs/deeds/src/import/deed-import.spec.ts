// Rows of an import file → checked deeds and their events (pure).
import 'reflect-metadata';
import { nameBasedId } from '#platform';
import { deedDecider } from '../domain/deed.decider.js';
import type { DeedEvent } from '../domain/deed.events.js';
import { csvLine } from './csv.js';
import { checkRow, csvSourceRows, ImportChecker, ImportFormatError, importedDeedId, IMPORT_COLUMNS, jsonSourceRows, type RowCheck, type SourceRow } from './deed-import.js';

const now = new Date('2026-11-20T12:00:00Z');

const good: Record<string, string> = {
  external_id: 'TT-2019-0042',
  organisation: 'imatra',
  title: '  Kuvalliset päiväjärjestykset  ',
  aim: 'Rauhallisemmat siirtymät, vähemmän odottelua.',
  achieved: 'Siirtymät nopeutuivat "selvästi".\nLapset tietävät, mitä seuraavaksi tapahtuu.',
  unit: 'varhaiskasvatus',
  sector: 'education-and-early-childhood',
  themes: 'saavutettavuus; arjen sujuvuus;',
  size: 'small',
  scope: 'unit',
  participants: 'staff;supervisors',
  period_from: '2019-01-15',
  period_to: '2019-06-30',
  language: 'fi',
  published_at: '2019-09-03T10:15:00+03:00',
  metrics: '[{"name":"Siirtymien kesto","value":8,"unit":"min","baseline":12}]',
};

const csv = (...rows: Array<Record<string, string>>) => [csvLine([...IMPORT_COLUMNS]), ...rows.map((row) => csvLine(IMPORT_COLUMNS.map((c) => row[c] ?? '')))].join('\r\n') + '\r\n';
const csvRow = (overrides: Record<string, string> = {}): SourceRow => csvSourceRows(csv({ ...good, ...overrides }))[0];
const check = (row: SourceRow) => checkRow(row, { now, runId: 'run-1' });
const errorsOf = (result: RowCheck) => (result.ok ? [] : result.errors);

describe('csvSourceRows', () => {
  it('maps header columns to values and gives each record its starting line', () => {
    const rows = csvSourceRows(csv(good, { ...good, external_id: 'TT-2' }));
    expect(rows.map((r) => r.place)).toEqual([{ line: 2 }, { line: 4 }]); // the first record spans two lines
    expect(rows[0].values.achieved).toBe(good.achieved);
  });

  it('accepts columns in any order and case, and leaves out the optional ones', () => {
    const columns = ['Published_At', 'EXTERNAL_ID', 'organisation', 'title', 'aim', 'achieved', 'unit', 'sector', 'size', 'scope', 'participants', 'period_from'];
    const text = `${columns.join(',')}\n${csvLine(columns.map((c) => good[c.toLowerCase()]))}\n`;
    const [row] = csvSourceRows(text);
    expect(row.values).toMatchObject({ published_at: good.published_at, external_id: good.external_id });
  });

  it('refuses a header with unknown, repeated or missing columns (the whole file)', () => {
    expect(() => csvSourceRows('external_id,title,colour\n')).toThrow(ImportFormatError);
    expect(() => csvSourceRows('external_id,title,colour\n')).toThrow(/unknown column\(s\) "colour".*missing column\(s\): organisation/);
    expect(() => csvSourceRows(`${IMPORT_COLUMNS.join(',')},title\n`)).toThrow(/named twice: title/);
    expect(() => csvSourceRows('')).toThrow(/empty/);
  });

  it('marks a record with the wrong number of fields, or malformed, as a problem at its line', () => {
    const text = `${IMPORT_COLUMNS.join(',')}\na,b,c\n"x"y,z\n`;
    const rows = csvSourceRows(text);
    expect(rows[0]).toMatchObject({ place: { line: 2 }, problem: 'the record has 3 field(s); the header has 16' });
    expect(rows[1]).toMatchObject({ place: { line: 3 }, problem: expect.stringMatching(/closing quote/) });
  });
});

describe('jsonSourceRows', () => {
  it('reads an array of objects, each at its index', () => {
    const rows = jsonSourceRows('\uFEFF[{"external_id":"a"}, 3]');
    expect(rows[0]).toEqual({ place: { index: 0 }, format: 'json', values: { external_id: 'a' } });
    expect(rows[1]).toMatchObject({ place: { index: 1 }, problem: 'the item is not an object' });
  });

  it('refuses a file that is not a JSON array', () => {
    expect(() => jsonSourceRows('{"external_id":"a"}')).toThrow(/array/);
    expect(() => jsonSourceRows('[{"a":1},')).toThrow(ImportFormatError);
  });
});

describe('checkRow', () => {
  it('turns a good CSV row into DeedDrafted (source import) and DeedPublished revision 1, dated when it was published', async () => {
    const result = await check(csvRow());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { deed } = result;
    const deedId = nameBasedId('deed-import:TT-2019-0042');
    expect(deed).toMatchObject({ externalId: 'TT-2019-0042', deedId, streamId: `deed-${deedId}`, organisation: 'imatra', publishedAt: '2019-09-03T07:15:00.000Z' });
    expect(deed.events.map((e) => e.type)).toEqual(['DeedDrafted', 'DeedPublished']);
    const [drafted, published] = deed.events as Array<{ data: any; metadata: any; eventId: string }>;
    expect(drafted.data).toEqual({
      deedId,
      organisation: 'imatra',
      ideaIds: [],
      source: 'import',
      externalId: 'TT-2019-0042',
      content: {
        title: 'Kuvalliset päiväjärjestykset',
        aim: good.aim,
        achieved: good.achieved,
        metrics: [{ name: 'Siirtymien kesto', value: 8, unit: 'min', baseline: 12 }],
        unit: 'varhaiskasvatus',
        sector: 'education-and-early-childhood',
        themes: ['saavutettavuus', 'arjen sujuvuus'],
        size: 'small',
        scope: 'unit',
        participants: ['staff', 'supervisors'],
        periodFrom: '2019-01-15',
        periodTo: '2019-06-30',
        language: 'fi',
        media: [],
      },
    });
    expect(published.data).toEqual({ deedId, revision: 1, content: drafted.data.content });
    for (const event of deed.events) {
      expect(event.metadata).toEqual({
        occurredAt: '2019-09-03T07:15:00.000Z',
        actor: { subject: 'import', organisation: 'imatra', roles: ['org-editor'] },
        correlationId: 'run-1',
        causationId: 'run-1',
      });
    }
    // The events replay through the decider to a published deed.
    const state = (deed.events as unknown as DeedEvent[]).reduce(deedDecider.evolve, deedDecider.initialState());
    expect(state).toMatchObject({ status: 'published', revision: 1, organisation: 'imatra' });
  });

  it('gives the same ids every time: deed and events are name-based from the external id', async () => {
    const [a, b] = await Promise.all([check(csvRow()), check(csvRow({ title: 'Toinen otsikko' }))]);
    if (!a.ok || !b.ok) throw new Error('expected good rows');
    expect(a.deed.deedId).toBe(importedDeedId('TT-2019-0042'));
    expect(b.deed.events.map((e) => e.eventId)).toEqual(a.deed.events.map((e) => e.eventId));
    expect(new Set(a.deed.events.map((e) => e.eventId)).size).toBe(2);
    const other = await check(csvRow({ external_id: 'TT-2019-0043' }));
    expect(other.ok && other.deed.deedId).not.toBe(a.deed.deedId);
  });

  it('fills the optional fields: no themes, period end, metrics; language defaults to fi', async () => {
    const result = await check(csvRow({ themes: '', period_to: '', language: '', metrics: '' }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const content = (result.deed.events[0].data as any).content;
    expect(content).toMatchObject({ themes: [], metrics: [], language: 'fi' });
    expect(content).not.toHaveProperty('periodTo');
  });

  it('names every bad field with its column and the DTO message', async () => {
    const result = await check(csvRow({ title: 'ab', sector: 'space', size: 'huge', participants: 'staff;aliens', period_from: '15.1.2019', metrics: '[{"name":"x"}]' }));
    expect(result.ok).toBe(false);
    const errors = errorsOf(result);
    const fields = errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'sector', 'size', 'participants', 'period_from', 'metrics[0].value']));
    expect(errors.filter((e) => e.field === 'period_from').map((e) => e.message)).toContain('period_from must be a date (YYYY-MM-DD)');
    expect(errors.find((e) => e.field === 'title')!.message).toMatch(/title must be longer than or equal to 3 characters/);
    expect(result.ok === false && result.externalId).toBe('TT-2019-0042');
  });

  it('requires the external id, the organisation and the publication date', async () => {
    const errors = errorsOf(await check(csvRow({ external_id: ' ', organisation: '', published_at: '' })));
    expect(errors.map((e) => e.field).sort()).toEqual(['external_id', 'organisation', 'published_at']);
  });

  it('refuses a publication date that is not ISO 8601, or in the future', async () => {
    expect(errorsOf(await check(csvRow({ published_at: '3.9.2019' })))).toEqual([{ field: 'published_at', message: expect.stringMatching(/ISO 8601/) }]);
    expect(errorsOf(await check(csvRow({ published_at: '2019-02-30' })))).toEqual([{ field: 'published_at', message: expect.stringMatching(/ISO 8601/) }]);
    expect(errorsOf(await check(csvRow({ published_at: '2027-01-01' })))).toEqual([{ field: 'published_at', message: 'published_at must not be in the future' }]);
    const dateOnly = await check(csvRow({ published_at: '2019-09-03' }));
    expect(dateOnly.ok && dateOnly.deed.publishedAt).toBe('2019-09-03T00:00:00.000Z');
  });

  it('refuses metrics that are not JSON, and an organisation that is not an identifier', async () => {
    expect(errorsOf(await check(csvRow({ metrics: '{not json' })))).toEqual([{ field: 'metrics', message: expect.stringMatching(/JSON array/) }]);
    expect(errorsOf(await check(csvRow({ organisation: 'Imatran kaupunki' })))).toEqual([{ field: 'organisation', message: expect.stringMatching(/lower-case identifier/) }]);
  });

  it('names an empty required cell once, as required', async () => {
    expect(errorsOf(await check(csvRow({ aim: '   ', size: '' })))).toEqual([
      { field: 'aim', message: 'aim is required' },
      { field: 'size', message: 'size is required' },
    ]);
  });

  it('applies the decider: a period that ends before it starts', async () => {
    expect(errorsOf(await check(csvRow({ period_to: '2018-12-31' })))).toEqual([{ field: 'period_to', message: 'The period cannot end before it starts.' }]);
  });

  it('refuses text PostgreSQL cannot store', async () => {
    expect(errorsOf(await check(csvRow({ aim: 'a\u0000b' }))).map((e) => e.field)).toEqual(['(row)']);
  });

  it('reports a record that could not be read as a row problem', async () => {
    const row: SourceRow = { place: { line: 7 }, format: 'csv', values: {}, problem: 'the record has 3 field(s); the header has 16' };
    expect(await check(row)).toEqual({ ok: false, errors: [{ field: '(row)', message: 'the record has 3 field(s); the header has 16' }] });
  });

  it('reads JSON with typed values: arrays for themes and participants, an array of metrics', async () => {
    const item = {
      ...good,
      external_id: 42,
      themes: ['saavutettavuus'],
      participants: ['staff'],
      metrics: [{ name: 'Odotusaika', value: 3 }],
      period_to: null,
    };
    const [row] = jsonSourceRows(JSON.stringify([item]));
    const result = await check(row);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.deed.externalId).toBe('42');
    expect((result.deed.events[0].data as any).content).toMatchObject({ themes: ['saavutettavuus'], participants: ['staff'], metrics: [{ name: 'Odotusaika', value: 3 }] });
  });

  it('refuses unknown JSON keys, camelCase keys and strings where arrays belong', async () => {
    const [row] = jsonSourceRows(JSON.stringify([{ ...good, periodFrom: '2019-01-01', themes: 'a;b', participants: ['staff'], metrics: [] }]));
    const errors = errorsOf(await check(row));
    expect(errors).toEqual(expect.arrayContaining([{ field: 'periodFrom', message: expect.stringMatching(/should not exist/) }, { field: 'themes', message: 'themes must be an array' }]));
  });
});

describe('ImportChecker', () => {
  it('refuses an external id used earlier in the same file, naming the earlier line', async () => {
    const rows = csvSourceRows(csv(good, { ...good, title: 'Toinen' }, { ...good, external_id: 'TT-9' }));
    const checker = new ImportChecker({ now });
    const results = [];
    for (const row of rows) results.push(await checker.check(row));
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(errorsOf(results[1])).toEqual([{ field: 'external_id', message: 'external_id "TT-2019-0042" is already used on line 2' }]);
  });
});
