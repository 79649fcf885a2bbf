// Open-data export on the PostgreSQL server: GET /api/open-data/catalogue.csv over HTTP with 10,000 and then
// 100,000 published deeds in the catalogue, the body read as it streams (never kept). The process's resident
// memory (RSS) is sampled every 20 ms: at the start, the peak during the export and at the end. A flat
// export keeps the 100,000-deed peak close to the 10,000-deed one. The JSON export of 100,000 is measured too.
// The deeds are written straight into the catalogue's read model (deed_entries): what is measured is the export.
//   npm run bench:export   (runs node with --max-old-space-size=96: a 118 MiB export must fit through a 96 MiB heap)
// Knobs: BENCH_DATABASE_URL, BENCH_EXPORT_SMALL (10000), BENCH_EXPORT_LARGE (100000), BENCH_MAX_SECONDS (900).
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '#platform';
import { createHttpApp } from '../apps/api/src/http-app.js';
import { createRuntime } from '../apps/api/src/runtime.js';
import { createBenchDatabase, envNumber, fmt, onCleanup, printMachine, runBench, table } from './support.js';

const SMALL = Math.round(envNumber('BENCH_EXPORT_SMALL', 10_000));
const LARGE = Math.round(envNumber('BENCH_EXPORT_LARGE', 100_000));
const SAMPLE_MS = 20;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

// Realistic texts: a deed's aim and achievement run to a few hundred characters; some awards and metrics.
const INSERT_SQL = `
INSERT INTO deed_entries (id, version, organisation, status, revision, title, aim, achieved, metrics, unit, sector, themes, size, scope,
  participants, period_from, period_to, language, media, idea_ids, source, external_id, drafted_at, updated_at, first_published_at,
  published_at, year, revisions, awards)
SELECT md5('deed' || i)::uuid, 2, 'org-' || (i % 40), 'published', 1,
  'Teko ' || i || ': yhteinen sähköinen varauskalenteri ja "uusi" toimintamalli',
  repeat('Tavoitteena oli sujuvampi arki, vähemmän päällekkäistä työtä ja parempi palvelu asukkaille. ', 4),
  repeat('Odotusaika lyheni, virheet vähenivät ja henkilöstö kokee työn mielekkäämmäksi; ', 4),
  jsonb_build_array(jsonb_build_object('name', 'Odotusaika', 'value', i % 30, 'unit', 'min', 'baseline', 30)),
  (ARRAY['varhaiskasvatus','kotihoito','tilapalvelut','ruokapalvelut','kirjasto'])[i % 5 + 1],
  'technical', ARRAY['digitalisaatio', 'asiakaskokemus'], 'small', 'unit', ARRAY['staff'],
  '2024-01-15', '2024-06-30', 'fi', '[]'::jsonb, '{}'::uuid[], 'editor', NULL,
  ts, ts, ts, ts, 2024, '[]'::jsonb,
  CASE WHEN i % 50 = 0 THEN jsonb_build_array(jsonb_build_object('season', 'Gaala', 'year', 2024, 'series', 'Kuntasarja', 'award', 'Vuoden teko')) ELSE '[]'::jsonb END
FROM (SELECT i, timestamptz '2024-01-01' + make_interval(mins => i) AS ts FROM generate_series($1::int, $2::int) AS i) s`;

interface Measured {
  label: string;
  rows: number;
  bytes: number;
  ms: number;
  rssStart: number;
  rssPeak: number;
  rssEnd: number;
  heapPeak: number;
}

/** Downloads an export, reading the body chunk by chunk, and samples RSS meanwhile. */
async function measure(label: string, url: string): Promise<Measured> {
  (globalThis as { gc?: () => void }).gc?.();
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  let heapPeak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    rssPeak = Math.max(rssPeak, usage.rss);
    heapPeak = Math.max(heapPeak, usage.heapUsed);
  }, SAMPLE_MS);
  const started = Date.now();
  const res = await fetch(url);
  if (res.status !== 200 || !res.body) throw new Error(`${url} answered ${res.status}`);
  let bytes = 0;
  let newlines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++;
  }
  const ms = Date.now() - started;
  clearInterval(sampler);
  const rssEnd = process.memoryUsage().rss;
  rssPeak = Math.max(rssPeak, rssEnd);
  // CSV: a header line and a line per deed (texts have no line breaks here). JSON: a line per deed plus 2.
  const rows = label.includes('json') ? newlines - 2 : newlines - 1;
  return { label, rows, bytes, ms, rssStart, rssPeak, rssEnd, heapPeak };
}

async function main(): Promise<void> {
  await printMachine('Open-data export: the catalogue as CSV, streamed, with resident memory');
  const database = await createBenchDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-bench-'));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const runtime = await createRuntime(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url }, []), { inMemory: true });
  onCleanup(() => runtime.close());
  const app = await createHttpApp(runtime, { logger: false });
  await app.listen(0, '127.0.0.1');
  onCleanup(() => app.close());
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const db = runtime.dataSource;

  const fill = async (from: number, to: number) => {
    for (let i = from; i < to; i += 20_000) await db.query(INSERT_SQL, [i, Math.min(to, i + 20_000) - 1]);
    await db.query('ANALYZE deed_entries');
  };

  const results: Measured[] = [];
  await fill(0, SMALL);
  console.log(`catalogue: ${fmt(SMALL)} published deeds`);
  await measure('warm-up csv', `${base}/api/open-data/catalogue.csv?organisation=org-1`);
  results.push(await measure(`csv ${fmt(SMALL)}`, `${base}/api/open-data/catalogue.csv`));
  await fill(SMALL, LARGE);
  console.log(`catalogue: ${fmt(LARGE)} published deeds`);
  results.push(await measure(`csv ${fmt(LARGE)}`, `${base}/api/open-data/catalogue.csv`));
  results.push(await measure(`json ${fmt(LARGE)}`, `${base}/api/open-data/catalogue.json`));

  console.log('');
  console.log(
    table(
      ['export', 'rows', 'MiB sent', 'seconds', 'rows/s', 'RSS start MiB', 'RSS peak MiB', 'RSS end MiB', 'peak − start MiB', 'heap peak MiB'],
      results.map((r) => [
        r.label, fmt(r.rows), mib(r.bytes), (r.ms / 1000).toFixed(2), fmt((r.rows * 1000) / Math.max(1, r.ms)),
        mib(r.rssStart), mib(r.rssPeak), mib(r.rssEnd), mib(r.rssPeak - r.rssStart), mib(r.heapPeak),
      ]),
    ),
  );
  const [small, large] = results;
  const growth = (large.rssPeak - large.rssStart) / Math.max(1, small.rssPeak - small.rssStart);
  const wrong = results.filter((r, i) => r.rows !== (i === 0 ? SMALL : LARGE));
  console.log('');
  console.log(`rows exported as expected: ${wrong.length === 0 ? 'yes' : `NO (${wrong.map((w) => `${w.label}: ${w.rows}`).join(', ')})`}`);
  console.log(`peak RSS: ${mib(small.rssPeak)} MiB for ${fmt(SMALL)} deeds, ${mib(large.rssPeak)} MiB for ${fmt(LARGE)} (${fmt(LARGE / SMALL)}× the data, ${mib(large.rssPeak - small.rssPeak)} MiB more at the peak)`);
  console.log(`growth over the start: ${mib(small.rssPeak - small.rssStart)} MiB vs ${mib(large.rssPeak - large.rssStart)} MiB (×${growth.toFixed(2)}): memory ${large.rssPeak - large.rssStart < 2 * Math.max(small.rssPeak - small.rssStart, 32 * 2 ** 20) ? 'stays flat (10× the rows, under 2× the growth)' : 'GROWS with the export'}`);
  console.log('the export, the HTTP server and the client reading the body all run in this one process: its RSS is what is reported.');
}

runBench('export', main, 900);
