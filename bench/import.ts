// Deed catalogue import on the PostgreSQL server: 100,000 believable deed rows written to a CSV file,
// imported on a fresh database with the CLI's import function (parse + check every row, bulk-write the
// events), then the projections catch up. A second run of the same file shows that nothing is written twice.
//   npm run bench:import
// Knobs: BENCH_DATABASE_URL, BENCH_IMPORT_DEEDS (100000), BENCH_IMPORT_BATCH (deeds per bulk write, 1000),
//        BENCH_IMPORT_CONCURRENCY (bulk writes in flight, 2), BENCH_IMPORT_PROJECTION_BATCH (2000, as the CLI),
//        BENCH_IMPORT_SEED (1), BENCH_MAX_SECONDS (600), BENCH_KEEP_DATABASE.
import 'reflect-metadata';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SECTORS } from '#ideas';
import { loadConfig } from '#platform';
import { csvLine, IMPORT_COLUMNS } from '../libs/deeds/src/import/index.js';
import { catchUpProjections, importDeeds, type ImportProgress, type ImportReport } from '../apps/api/src/cli/import-deeds.js';
import { createRuntime, type Runtime } from '../apps/api/src/runtime.js';
import { createBenchDatabase, envNumber, fmt, onCleanup, postgresCpuMs, printMachine, prng, runBench, table, verdict } from './support.js';

const TARGET_DEEDS_PER_S = 5_000;

// ---------------------------------------------------------------------------------------------
// Believable deeds: Finnish municipalities and wellbeing services counties, their units, Finnish
// (some Swedish and English) texts, themes, metrics, periods from 2012 on and publication dates after them.
// ---------------------------------------------------------------------------------------------

export const ORGANISATIONS = [
  'helsinki', 'espoo', 'vantaa', 'tampere', 'turku', 'oulu', 'jyvaskyla', 'kuopio', 'lahti', 'pori', 'kouvola', 'joensuu',
  'lappeenranta', 'hameenlinna', 'vaasa', 'seinajoki', 'rovaniemi', 'mikkeli', 'kotka', 'salo', 'porvoo', 'kokkola', 'lohja',
  'hyvinkaa', 'nurmijarvi', 'jarvenpaa', 'rauma', 'kajaani', 'kerava', 'savonlinna', 'imatra', 'raasepori', 'pirha', 'keusote',
  'pohde', 'siunsote', 'eksote', 'kymenhva', 'vakehyva', 'lapha',
];

const UNITS: Record<(typeof SECTORS)[number], string[]> = {
  'social-and-health': ['kotihoito', 'vanhuspalvelut', 'terveysasema', 'suun terveydenhuolto', 'sosiaalityö', 'mielenterveyspalvelut', 'vammaispalvelut'],
  'education-and-early-childhood': ['varhaiskasvatus', 'perusopetus', 'lukio', 'oppilashuolto', 'esiopetus'],
  technical: ['kuntatekniikka', 'rakennusvalvonta', 'tilapalvelut', 'ympäristöpalvelut', 'katu- ja viheralueet'],
  'business-and-support': ['talouspalvelut', 'henkilöstöpalvelut', 'ict-palvelut', 'hankinnat', 'asiakaspalvelu', 'arkisto'],
  'culture-and-leisure': ['kirjasto', 'liikuntapalvelut', 'nuorisopalvelut', 'museo', 'kulttuuripalvelut'],
  'food-and-cleaning': ['ruokapalvelut', 'puhtauspalvelut', 'keskuskeittiö'],
  'whole-organisation': ['konsernipalvelut', 'kaupunginkanslia', 'strategiayksikkö'],
} as Record<(typeof SECTORS)[number], string[]>;

const TITLE_STARTS = [
  'Sähköinen ajanvaraus', 'Yhteinen varauskalenteri', 'Kuvalliset päiväjärjestykset', 'Hävikin seuranta', 'Uusi perehdytysmalli',
  'Työvuorojen itsesuunnittelu', 'Palautekanava asiakkaille', 'Etävastaanotto', 'Kevyempi laskujen kierto', 'Lean-siivousreitit',
  'Lääkehoidon tarkistuslista', 'Mobiilikirjaus kotikäynneillä', 'Kielitietoinen varhaiskasvatus', 'Kirjaston omatoimiaika',
  'Energiansäästö kiinteistöissä', 'Kiertotalous hankinnoissa', 'Tiedolla johtamisen näkymä', 'Monikanavainen asiointi',
  'Liikkuva koulupäivä', 'Ruokalistojen kasvisvaihtoehdot', 'Tilojen yhteiskäyttö', 'Robotiikka laskutuksessa',
  'Nuorten osallisuusraati', 'Kotouttamisen polku', 'Digituki ikäihmisille', 'Kokouskäytäntöjen uudistus',
  'Sairauspoissaolojen varhainen tuki', 'Asukaspalautteen käsittely', 'Katujen talvikunnossapidon reitit', 'Museon virtuaalikierros',
];
const TITLE_ENDS = ['', '', '', ' – pilotista käytäntöön', ' koko organisaatioon', ' yhdessä henkilöstön kanssa', ' arjen sujuvuuden tueksi', ' ja asiakaskokemus'];

const AIMS_FI = [
  'Asiakkaat joutuivat odottamaan liian kauan, ja jonot kasvoivat erityisesti maanantaisin.',
  'Halusimme vähentää päällekkäistä työtä ja turhia puhelinsoittoja yksiköiden välillä.',
  'Tavoitteena oli rauhallisemmat siirtymät päivän aikana ja vähemmän odottelua.',
  'Perehdytys oli kirjavaa, ja uudet työntekijät kokivat jäävänsä yksin.',
  'Ruokahävikkiä syntyi selvästi yli valtakunnallisen keskiarvon.',
  'Tilojen käyttöaste oli matala, vaikka moni ryhmä etsi kokoontumispaikkaa.',
  'Laskujen käsittelyyn kului useita päiviä ja maksuja myöhästyi.',
  'Henkilöstö toivoi enemmän vaikutusmahdollisuuksia työvuoroihin.',
  'Kotikäyntien kirjaaminen tehtiin toimistolla jälkikäteen, mikä vei aikaa asiakastyöltä.',
  'Halusimme, että nuorten ääni kuuluu palveluiden suunnittelussa.',
  'Energiankulutus oli noussut kolmena vuonna peräkkäin.',
  'Asiakaspalaute hajosi moneen kanavaan, eikä kukaan nähnyt kokonaiskuvaa.',
];
const ACHIEVED_FI = [
  'Odotusaika lyheni keskimäärin kolmanneksella, ja asiakastyytyväisyys nousi.',
  'Päällekkäiset varaukset loppuivat lähes kokonaan ensimmäisen kuukauden aikana.',
  'Siirtymät nopeutuivat, ja lapset tietävät nyt, mitä seuraavaksi tapahtuu.',
  'Uudet työntekijät arvioivat perehdytyksen selvästi aiempaa paremmaksi.',
  'Hävikki puolittui, ja säästetyt rahat käytettiin raaka-aineiden laatuun.',
  'Käyttöaste kaksinkertaistui, ja yhdistykset löysivät uusia tiloja.',
  'Laskujen läpimenoaika lyheni viidestä päivästä yhteen.',
  'Sairauspoissaolot vähenivät, ja työvuorotoiveet toteutuvat aiempaa useammin.',
  'Kirjaukset valmistuvat käynnin aikana, ja asiakastyöhön jää enemmän aikaa.',
  'Malli on otettu käyttöön kaikissa yksiköissä, ja sitä on esitelty muille kunnille.',
  'Kulutus kääntyi laskuun ja säästöä kertyi ensimmäisenä vuonna merkittävästi.',
  'Palautteet käsitellään nyt viikoittain, ja vastausaika lyheni kahteen päivään.',
];
const AIMS_SV = ['Kunderna fick vänta för länge på att få en tid.', 'Vi ville minska dubbelarbetet mellan enheterna.', 'Introduktionen av ny personal var splittrad.'];
const ACHIEVED_SV = ['Väntetiden förkortades med en tredjedel.', 'Dubbelbokningarna upphörde nästan helt.', 'Den nya modellen används nu i alla enheter.'];
const AIMS_EN = ['Customers waited too long for an appointment.', 'We wanted to cut duplicate work between units.', 'Induction of new staff was patchy.'];
const ACHIEVED_EN = ['Waiting times fell by a third.', 'Double bookings all but stopped.', 'The model is now used in every unit.'];

export const THEMES = [
  'digitalisaatio', 'asiakaskokemus', 'työhyvinvointi', 'kestävä kehitys', 'saavutettavuus', 'osallisuus', 'johtaminen',
  'prosessien sujuvuus', 'yhteistyö', 'ennaltaehkäisy', 'tiedolla johtaminen', 'hävikin vähentäminen', 'energiansäästö',
  'perehdytys', 'viestintä', 'turvallisuus', 'monikulttuurisuus', 'lean', 'palvelumuotoilu', 'etäpalvelut', 'robotiikka',
  'kiertotalous', 'liikkuminen', 'lukutaito', 'arjen sujuvuus',
];
const METRICS = [
  { name: 'Odotusaika', unit: 'min', lo: 5, hi: 60 },
  { name: 'Asiakastyytyväisyys', unit: '%', lo: 50, hi: 98 },
  { name: 'Hävikki', unit: 'kg/vko', lo: 10, hi: 200 },
  { name: 'Sairauspoissaolot', unit: 'pv/htv', lo: 5, hi: 25 },
  { name: 'Käsittelyaika', unit: 'pv', lo: 1, hi: 14 },
  { name: 'Kustannussäästö', unit: '€/v', lo: 1_000, hi: 250_000 },
];
const PARTICIPANTS = ['management', 'supervisors', 'staff', 'customers'] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One CSV line per deed (external ids OLD-000001…), deterministic for a seed. */
export function deedCsvLines(count: number, seed: number): string[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const some = <T>(items: readonly T[], lo: number, hi: number): T[] => {
    const wanted = between(lo, hi);
    const chosen = new Set<T>();
    while (chosen.size < wanted) chosen.add(pick(items));
    return [...chosen];
  };
  const start = Date.parse('2012-01-01T00:00:00Z');
  const end = Date.parse('2025-06-30T00:00:00Z');
  const now = Date.now();
  const lines = [csvLine([...IMPORT_COLUMNS])];
  for (let i = 1; i <= count; i++) {
    const sector = pick(SECTORS);
    const unit = pick(UNITS[sector] ?? ['hallinto']);
    const r = random();
    const language = r < 0.92 ? 'fi' : r < 0.97 ? 'sv' : 'en';
    const [aims, achieved] = language === 'fi' ? [AIMS_FI, ACHIEVED_FI] : language === 'sv' ? [AIMS_SV, ACHIEVED_SV] : [AIMS_EN, ACHIEVED_EN];
    const from = start + random() * (end - start);
    const to = random() < 0.7 ? from + between(30, 540) * 86_400_000 : undefined;
    const published = Math.min(now - 86_400_000, (to ?? from + 60 * 86_400_000) + between(5, 200) * 86_400_000);
    const summer = new Date(published).getUTCMonth() >= 3 && new Date(published).getUTCMonth() <= 9;
    const publishedAt = `${day(published)}T${pad(between(8, 15))}:${pad(between(0, 59))}:00${summer ? '+03:00' : '+02:00'}`;
    const metrics = some(METRICS, 0, 3).map((m) => {
      const baseline = between(m.lo, m.hi);
      return { name: m.name, value: Math.max(m.lo, Math.round(baseline * (0.5 + random() * 0.6))), unit: m.unit, baseline };
    });
    const row: Record<string, string> = {
      external_id: `OLD-${String(i).padStart(6, '0')}`,
      organisation: pick(ORGANISATIONS),
      title: `${pick(TITLE_STARTS)}${pick(TITLE_ENDS)}`,
      aim: some(aims, 1, 3).join(' '),
      achieved: some(achieved, 1, 3).join(random() < 0.2 ? '\n' : ' '),
      unit,
      sector,
      themes: some(THEMES, 0, 4).join(';'),
      size: random() < 0.75 ? 'small' : 'large',
      scope: pick(['unit', 'unit', 'unit', 'sector', 'sector', 'whole-organisation']),
      participants: some(PARTICIPANTS, 1, 4).join(';'),
      period_from: day(from),
      period_to: to ? day(to) : '',
      language: random() < 0.3 && language === 'fi' ? '' : language,
      published_at: publishedAt,
      metrics: metrics.length ? JSON.stringify(metrics) : '',
    };
    lines.push(csvLine(IMPORT_COLUMNS.map((column) => row[column])));
  }
  return lines;
}

/** Writes the CSV into `dir`; returns its path and size. */
export async function writeDeedCsv(dir: string, count: number, seed: number): Promise<{ path: string; bytes: number; ms: number }> {
  const started = Date.now();
  const path = join(dir, `deeds-${count}.csv`);
  await writeFile(path, '\uFEFF' + deedCsvLines(count, seed).join('\r\n') + '\r\n');
  return { path, bytes: (await stat(path)).size, ms: Date.now() - started };
}

/** A runtime on a fresh bench database (dropped at the end). */
export async function benchRuntime(dataDir: string, projectionBatch: number): Promise<Runtime> {
  const database = await createBenchDatabase();
  const runtime = await createRuntime(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url, PROJECTION_BATCH_SIZE: String(projectionBatch) }, []), { inMemory: true });
  onCleanup(() => runtime.close());
  return runtime;
}

/** Progress on stderr, a line every 5 s, so long phases show they are alive. */
export function progressLines(): (p: ImportProgress) => void {
  let last = 0;
  return (p) => {
    const [done, total] = p.phase === 'import' ? [p.checked, p.total] : [p.done, p.total];
    if (Date.now() - last < 5_000) return;
    last = Date.now();
    const written = p.phase === 'import' ? `, ${fmt(p.imported + p.present)} written` : '';
    process.stderr.write(`  ${p.phase.padEnd(8)} ${fmt(done)}/${fmt(total)}${written}  ${(p.ms / 1000).toFixed(1)} s\n`);
  };
}

const perSecond = (count: number, ms: number) => (ms > 0 ? Math.round((count * 1000) / ms) : 0);

async function main(): Promise<void> {
  const deeds = Math.round(envNumber('BENCH_IMPORT_DEEDS', 100_000));
  const batchSize = Math.round(envNumber('BENCH_IMPORT_BATCH', 1_000));
  const concurrency = Math.round(envNumber('BENCH_IMPORT_CONCURRENCY', 2));
  const projectionBatch = Math.round(envNumber('BENCH_IMPORT_PROJECTION_BATCH', 2_000));
  const seed = envNumber('BENCH_IMPORT_SEED', 1);
  await printMachine(`bench:import — importing ${fmt(deeds)} deeds from a CSV file`);

  const dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-bench-import-'));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const file = await writeDeedCsv(dataDir, deeds, seed);
  console.log(`generated ${file.path}: ${fmt(deeds)} rows, ${fmt(file.bytes / 2 ** 20, 1)} MiB in ${(file.ms / 1000).toFixed(1)} s`);
  const runtime = await benchRuntime(dataDir, projectionBatch);
  console.log(`bulk writes of ${fmt(batchSize)} deeds, ${concurrency} in flight; projection batches of ${fmt(projectionBatch)} events\n`);

  // 1. Parse and check only (a dry run): the rate of reading and validating.
  const dry = await importDeeds(undefined, { path: file.path }, { dryRun: true, onProgress: progressLines() });
  const checkOnlyMs = dry.timings.importMs;

  // 2. The import: checking and bulk writes overlap.
  const cpu = process.cpuUsage();
  const pgBefore = await postgresCpuMs();
  const first: ImportReport = await importDeeds(runtime, { path: file.path }, { batchSize, concurrency, projections: 'skip', onProgress: progressLines() });
  const used = process.cpuUsage(cpu);
  const nodeCpuMs = (used.user + used.system) / 1000;
  const pgAfter = await postgresCpuMs();
  if (first.bad.length > 0) console.log(`!! ${first.bad.length} generated rows were refused, e.g. ${JSON.stringify(first.bad[0])}`);

  // 3. The projections catch up (the CLI does this right after writing; timed on its own here).
  const projectionsStarted = Date.now();
  const caught = await catchUpProjections(runtime.store, runtime.runner, 'run', 600_000, progressLines());
  const projectMs = Date.now() - projectionsStarted;
  const [{ published }] = await runtime.dataSource.query(`SELECT count(*)::int AS published FROM deed_entries WHERE status = 'published'`);

  // 4. The same file again: nothing is written twice.
  const second = await importDeeds(runtime, { path: file.path }, { batchSize, concurrency, projections: 'skip' });
  const [{ events, size }] = await runtime.dataSource.query(`SELECT count(*)::int AS events, pg_size_pretty(pg_total_relation_size('events')) AS size FROM events`);

  const t = first.timings;
  console.log('');
  console.log(
    table(
      ['step', 'seconds', 'rate', ''],
      [
        ['parse CSV (read + RFC 4180)', (dry.timings.parseMs / 1000).toFixed(2), fmt(perSecond(dry.rows, dry.timings.parseMs)), 'rows/s'],
        ['parse + check (dry run: DTO, decider, events)', (checkOnlyMs / 1000).toFixed(2), fmt(perSecond(dry.rows, checkOnlyMs)), 'rows/s'],
        ['import: parse + check + write, overlapped', (t.importMs / 1000).toFixed(2), fmt(perSecond(first.imported, t.importMs)), 'deeds/s'],
        ['  of which the write window (first to last batch)', (t.writeMs / 1000).toFixed(2), fmt(perSecond(first.imported, t.writeMs)), `deeds/s (${fmt(perSecond(first.imported * 2, t.writeMs))} events/s)`],
        ['projection catch-up (all projections)', (projectMs / 1000).toFixed(2), fmt(perSecond(first.imported, projectMs)), `deeds/s (${caught})`],
        ['second run of the same file', (second.timings.importMs / 1000).toFixed(2), fmt(perSecond(second.rows, second.timings.importMs)), `rows/s (${fmt(second.imported)} imported, ${fmt(second.alreadyPresent)} already present)`],
      ],
    ),
  );
  console.log('');
  console.log(`imported ${fmt(first.imported)} deeds (${fmt(first.bad.length)} bad rows); events table ${fmt(events)} rows, ${size}; published deeds in the catalogue: ${fmt(published)}`);
  console.log(
    `CPU during the import: node ${fmt(nodeCpuMs / 1000, 1)} s (${fmt((nodeCpuMs / t.importMs) * 100)} % of one core)` +
      (pgBefore !== undefined && pgAfter !== undefined ? `, PostgreSQL ${fmt((pgAfter - pgBefore) / 1000, 1)} s` : ''),
  );
  console.log(`target ≥ ${fmt(TARGET_DEEDS_PER_S)} deeds/s for the import (parse + check + write): ${verdict(perSecond(first.imported, t.importMs) >= TARGET_DEEDS_PER_S)}`);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) runBench('bench:import', main, 600);
