// Importing a deed catalogue on a fresh database on the machine's real PostgreSQL server: the same
// scenarios as the embedded suite, plus a bigger file written in several concurrent bulk batches.
import { serverDatabase, serverUrl } from '#platform/testing';
import { importDeeds } from '../apps/api/src/cli/import-deeds.js';
import {
  TIMEOUT,
  csvOf,
  deedRow,
  importsCsvWithOriginalDatesAndReportsBadRows,
  importsJsonFileByIndex,
  openRuntime,
  refusesUnknownFormatAndMissingFile,
} from './import-deeds.e2e.spec.js';

describe('importing a deed catalogue on a real PostgreSQL server', () => {
  const serverDb = serverDatabase();
  const database = serverDb.name;
  let opened: Awaited<ReturnType<typeof openRuntime>> | undefined;

  beforeAll(async () => {
    await serverDb.create();
    opened = await openRuntime(serverUrl(database));
  }, TIMEOUT);

  afterAll(async () => {
    await opened?.close();
    await serverDb.drop();
  }, TIMEOUT);

  it('really runs on the server database', async () => {
    expect(opened!.runtime.database.mode).toBe('postgres');
    const [{ current }] = await opened!.runtime.dataSource.query('SELECT current_database() AS current');
    expect(current).toBe(database);
  });

  it('imports a CSV with the original dates, reports bad rows by line and field, and imports nothing twice', async () => {
    await importsCsvWithOriginalDatesAndReportsBadRows(opened!.runtime, 'CSV');
  }, TIMEOUT);

  it('imports a JSON file, reporting bad items by index; a dry run writes nothing', async () => {
    await importsJsonFileByIndex(opened!.runtime, 'JSON');
  }, TIMEOUT);

  it('refuses an unknown format, a missing file and an unusable header', async () => {
    await refusesUnknownFormatAndMissingFile(opened!.runtime);
  });

  it('writes 3,000 deeds in small concurrent batches, every one once, and imports none of them twice', async () => {
    const runtime = opened!.runtime;
    const rows = Array.from({ length: 3_000 }, (_, i) =>
      deedRow('MANY', i, { published_at: `${2010 + (i % 15)}-06-01T12:00:00Z`, period_from: `${2010 + (i % 15)}-01-01`, period_to: '' }),
    );
    const content = csvOf(rows, '\n');
    const first = await importDeeds(runtime, { content, format: 'csv' }, { batchSize: 250, concurrency: 4, projections: 'run' });
    expect(first).toMatchObject({ rows: 3_000, valid: 3_000, imported: 3_000, alreadyPresent: 0, projections: 'caught-up', bad: [] });
    const [{ n, years }] = await runtime.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT year)::int AS years FROM deed_entries WHERE external_id LIKE 'MANY-%' AND status = 'published'`,
    );
    expect({ n, years }).toEqual({ n: 3_000, years: 15 });
    const [{ gaps }] = await runtime.dataSource.query(
      `SELECT count(*)::int AS gaps FROM (SELECT stream_id, array_agg(stream_version ORDER BY position) AS v FROM events
         WHERE stream_id IN (SELECT 'deed-' || id FROM deed_entries WHERE external_id LIKE 'MANY-%') GROUP BY stream_id) s
       WHERE v <> ARRAY[1, 2]`,
    );
    expect(gaps).toBe(0);
    const again = await importDeeds(runtime, { content, format: 'csv' }, { batchSize: 700, concurrency: 3, projections: 'skip' });
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 3_000 });
  }, TIMEOUT);
});
