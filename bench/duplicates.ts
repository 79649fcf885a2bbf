// Duplicate suggestions on the PostgreSQL server: 100,000 ideas of one organisation (the worst case: every idea is
// a candidate), written as IdeaSubmitted events with the store's bulk write and projected into idea_views by the
// real projection (ProjectionRunner.rebuild); then what GET /api/ideas/similar runs (findSimilarIdeas), one
// query at a time, as a person types: a title growing keystroke by keystroke (from 3 letters), titles with a
// typo, and description fragments. p50/p95/p99 per kind and overall; EXPLAIN ANALYZE of the slowest when missed.
//   npm run bench:duplicates
// Knobs: BENCH_DATABASE_URL, BENCH_DUPLICATES_IDEAS (100000), BENCH_DUPLICATES_ORGS (1: every idea in one
//        organisation), BENCH_DUPLICATES_QUERIES (600), BENCH_DUPLICATES_SEED (3), BENCH_MAX_SECONDS (900),
//        BENCH_KEEP_DATABASE.
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { findSimilarIdeas, ideaStreamId, SECTORS, type IdeaSubmitted } from '#ideas';
import { previousFindSimilar } from './duplicates-previous.js';
import type { NewStream } from '#event-store';
import { envNumber, fmt, onCleanup, printMachine, prng, runBench, table, verdict } from './support.js';
import { benchRuntime } from './import.js';

const TARGET_P95_MS = 20;
const IDEAS = Math.round(envNumber('BENCH_DUPLICATES_IDEAS', 100_000));
const ORGS = Math.max(1, Math.round(envNumber('BENCH_DUPLICATES_ORGS', 1)));
const QUERIES = Math.round(envNumber('BENCH_DUPLICATES_QUERIES', 600));
const SEED = envNumber('BENCH_DUPLICATES_SEED', 3);
const CHUNK = 2_000;

// Vocabulary of a municipality's improvement ideas: titles are "<what> <where/for whom> <how>"; half of them name
// a place or team (1,000 of those). Still far fewer distinct words than real ideas have: every common word is in
// thousands of ideas, which is the hard case for the full-text index.
const WHAT = [
  'Sähköinen varauskalenteri', 'Yhteinen perehdytysmalli', 'Ruokahävikin seuranta', 'Kuvitettu päiväjärjestys', 'Etävastaanotto', 'Omatoimikirjasto',
  'Digituki', 'Työvuorojen vaihtopörssi', 'Laskujen sähköinen kierto', 'Energiansäästökampanja', 'Asiakaspalautteen keruu', 'Kiertotalousvarasto',
  'Yhteiskäyttöauto', 'Tilojen yhteiskäyttö', 'Palautekanava', 'Mentorointiohjelma', 'Hyvinvointitauko', 'Siivouksen mitoitus', 'Kotihoidon reititys',
  'Lääkejakelun automaatti', 'Nuorten osallisuusraha', 'Koulukuljetusten optimointi', 'Kokousten pelisäännöt', 'Vuorohoidon ilmoitus',
];
const WHERE = [
  'kokoustiloille', 'varhaiskasvatukseen', 'kotihoitoon', 'kirjastoon', 'ruokapalveluihin', 'taloushallintoon', 'ikäihmisille', 'nuorille', 'kouluihin',
  'terveysasemalle', 'tilapalveluihin', 'kuntatekniikkaan', 'henkilöstölle', 'asukkaille', 'sosiaalityöhön', 'liikuntapaikoille',
];
const HOW = ['', '', ' mobiilisovelluksella', ' kokeiluna', ' koko kaupunkiin', ' yhdellä lomakkeella', ' ilman paperia', ' viikoittain', ' tekoälyn avulla'];
const SENTENCES = [
  'Nykyinen tapa vie aikaa ja aiheuttaa päällekkäistä työtä.',
  'Asiakkaat joutuvat odottamaan, koska tieto ei kulje.',
  'Kokeillaan ensin yhdessä yksikössä ja mitataan tulokset.',
  'Henkilöstö on toivonut tätä jo pitkään.',
  'Paperilomakkeet katoavat ja tiedot kirjataan kahteen kertaan.',
  'Säästö olisi arviolta useita tunteja viikossa.',
  'Samaa on kokeiltu naapurikunnassa hyvin tuloksin.',
  'Tavoitteena on parempi työhyvinvointi ja sujuvampi arki.',
];

// Places and teams named in ideas ("Mansikkalan päiväkotiin"): 1,000 of them, so that titles are not all alike.
const PLACE_HEAD = ['Mansikka', 'Vuoksen', 'Rauta', 'Sieni', 'Karhu', 'Tain', 'Kosken', 'Lampi', 'Meri', 'Kallio', 'Metsä', 'Pelto', 'Haapa', 'Koivu', 'Kuusi', 'Petäjä', 'Leppä', 'Pihlaja', 'Tammi', 'Vaahtera', 'Ranta', 'Niemi', 'Saari', 'Mäki', 'Laakso', 'Harju', 'Kivi', 'Hiekka', 'Sammal', 'Kanerva', 'Mustikka', 'Puolukka', 'Kataja', 'Tuomi', 'Paju', 'Salava', 'Raita', 'Jalava', 'Lehmus', 'Saarni'];
const PLACE_TAIL = ['lan päiväkotiin', 'lan koululle', 'mäen kotihoitoon', 'rannan kirjastoon', 'kylän neuvolaan', 'lahden keittiöön', 'niemen varikolle', 'kosken uimahalliin', 'harjun terveysasemalle', 'puiston palvelutaloon', 'kadun toimistoon', 'tien asukastupaan', 'lammen leirikeskukseen', 'salon nuorisotilaan', 'vaaran hoivakotiin', 'joen pesulaan', 'metsän varastoon', 'kummun musiikkiopistoon', 'portin lukioon', 'kankaan sairaalaan', 'saaren satamaan', 'ojan vesilaitokselle', 'suon kasvihuoneelle', 'sillan pysäköintiin', 'linnan museoon'];

const orgName = (i: number) => (i === 0 ? 'imatra' : `kunta-${i}`);

function title(random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const where = random() < 0.5 ? pick(WHERE) : `${pick(PLACE_HEAD)}${pick(PLACE_TAIL)}`;
  return `${pick(WHAT)} ${where}${pick(HOW)}`;
}

function streams(count: number, random: () => number): NewStream[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const out: NewStream[] = [];
  const start = Date.parse('2023-01-02T07:00:00Z');
  for (let i = 0; i < count; i++) {
    const ideaId = randomUUID();
    const organisation = orgName(i % ORGS);
    const event: IdeaSubmitted = {
      type: 'IdeaSubmitted',
      data: {
        ideaId,
        title: title(random),
        description: `${pick(SENTENCES)} ${pick(SENTENCES)}`,
        organisation,
        unit: pick(WHERE),
        sector: pick(SECTORS),
        themes: [],
        language: 'fi',
        media: [],
        anonymous: random() < 0.2,
        submitter: `p_bench_${Math.floor(random() * 5_000)}`,
      },
    };
    const occurredAt = new Date(start + Math.floor(random() * 700 * 86_400_000)).toISOString();
    out.push({
      streamId: ideaStreamId(ideaId),
      events: [{ eventId: randomUUID(), type: event.type, data: event.data, metadata: { occurredAt, actor: { subject: event.data.submitter, organisation, roles: ['employee'] } } }],
    });
  }
  return out;
}

type Kind = 'typing a title' | 'title with a typo' | 'description fragment';

function queries(count: number, random: () => number): Array<{ kind: Kind; text: string }> {
  const out: Array<{ kind: Kind; text: string }> = [];
  while (out.length < count) {
    const r = random();
    if (r < 0.6) {
      // One title typed keystroke by keystroke; the widget asks on every third keystroke from 3 letters on.
      const t = title(random);
      for (let n = 3; n <= t.length && out.length < count; n += 3) out.push({ kind: 'typing a title', text: t.slice(0, n) });
    } else if (r < 0.8) {
      const t = title(random);
      const at = 2 + Math.floor(random() * (t.length - 4));
      out.push({ kind: 'title with a typo', text: t.slice(0, at) + t.slice(at + 1) });
    } else {
      const s = SENTENCES[Math.floor(random() * SENTENCES.length)];
      out.push({ kind: 'description fragment', text: s.slice(0, 20 + Math.floor(random() * (s.length - 20))) });
    }
  }
  return out;
}

const percentile = (sorted: number[], p: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);

async function main(): Promise<void> {
  await printMachine(`bench:duplicates — similar-idea suggestions among ${fmt(IDEAS)} ideas (${ORGS} organisation${ORGS === 1 ? '' : 's'})`);
  const dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-bench-duplicates-'));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const runtime = await benchRuntime(dataDir, 2_000);
  const random = prng(SEED);

  let started = performance.now();
  const all = streams(IDEAS, random);
  for (let i = 0; i < all.length; i += CHUNK) await runtime.store.appendToNewStreams!(all.slice(i, i + CHUNK));
  const writeMs = performance.now() - started;
  started = performance.now();
  // Feed readers only see events below the oldest open transaction on the whole server: with other work on the
  // server, wait until our writes are readable before rebuilding.
  for (;;) {
    const [{ visible }] = await runtime.dataSource.query(`SELECT coalesce(max(transaction_id) < pg_snapshot_xmin(pg_current_snapshot()), true) AS visible FROM events`);
    if (visible) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const waitMs = performance.now() - started;
  started = performance.now();
  const projectTimes: string[] = [];
  for (const name of ['idea-views', 'idea-words']) {
    const t0 = performance.now();
    const [projection] = runtime.runner.projectionsNamed([name]);
    await runtime.runner.rebuild(projection);
    projectTimes.push(`${name} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // What autovacuum does shortly after a bulk load: statistics, and the visibility map that lets the postings be
  // read from their index alone (the counts were updated once per batch of the rebuild, leaving dead rows).
  for (const table of ['idea_views', 'idea_words', 'idea_word_counts', 'idea_word_sets']) await runtime.dataSource.query(`VACUUM ANALYZE ${table}`);
  const [{ count }] = await runtime.dataSource.query(`SELECT count(*)::int AS count FROM idea_views WHERE organisation = 'imatra'`);
  console.log(
    `wrote ${fmt(IDEAS)} IdeaSubmitted events in ${(writeMs / 1000).toFixed(1)} s (readable after ${(waitMs / 1000).toFixed(1)} s more); ` +
      `rebuilt ${projectTimes.join(', ')}; imatra has ${fmt(count)} ideas`,
  );
  await printSizes(runtime.dataSource);
  if (count === 0) throw new Error('no ideas were projected: nothing to measure');

  const list = queries(QUERIES, random);
  // Warm-up: the first queries load the indexes into memory.
  for (const q of list.slice(0, 20)) {
    await findSimilarIdeas(runtime.dataSource, 'imatra', q.text);
    await previousFindSimilar(runtime.dataSource, 'imatra', q.text);
  }
  const paths = [
    { name: 'stems by key (now)', run: (text: string) => findSimilarIdeas(runtime.dataSource, 'imatra', text) },
    { name: 'previous (trigram index for stems)', run: (text: string) => previousFindSimilar(runtime.dataSource, 'imatra', text) },
  ];
  const timings = new Map<string, number[]>();
  const slowest = new Map<string, { ms: number; text: string }>();
  const empty = new Map<string, number>();
  // The two paths take turns query by query, so both see the same load.
  for (const q of list) {
    for (const path of paths) {
      const t0 = performance.now();
      const found = await path.run(q.text);
      const ms = performance.now() - t0;
      if (found.length === 0) empty.set(path.name, (empty.get(path.name) ?? 0) + 1);
      for (const key of [`${path.name}\u0000${q.kind}`, `${path.name}\u0000all`]) timings.set(key, [...(timings.get(key) ?? []), ms]);
      if (ms > (slowest.get(path.name)?.ms ?? 0)) slowest.set(path.name, { ms, text: q.text });
    }
  }
  const rows: Array<Array<string | number>> = [];
  for (const [key, ms] of timings) {
    const [path, kind] = key.split('\u0000');
    const sorted = [...ms].sort((a, b) => a - b);
    rows.push([path, kind, sorted.length, fmt(percentile(sorted, 50), 1), fmt(percentile(sorted, 95), 1), fmt(percentile(sorted, 99), 1), fmt(sorted[sorted.length - 1], 1)]);
  }
  console.log(table(['path', 'query', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rows));
  for (const path of paths) console.log(`${path.name}: queries with no suggestion ${empty.get(path.name) ?? 0} of ${list.length}; slowest "${slowest.get(path.name)?.text}" ${fmt(slowest.get(path.name)?.ms ?? 0, 1)} ms`);
  // Only the plan of the stems' lookup changed: both paths must suggest the very same ideas with the same scores.
  let same = 0;
  for (const q of list.slice(0, 100)) {
    const [a, b] = await Promise.all(paths.map((p) => p.run(q.text)));
    if (JSON.stringify(a.map((s) => [s.id, s.score])) === JSON.stringify(b.map((s) => [s.id, s.score]))) same++;
  }
  console.log(`the same suggestions (ideas and scores) as the previous path in ${same} of 100 queries`);
  for (const i of [3, 40, 200]) {
    const text = list[i]?.text ?? 'varaus';
    console.log(`sample: "${text}" → ${JSON.stringify((await findSimilarIdeas(runtime.dataSource, 'imatra', text)).map((s) => `${s.title} (${s.score})`))}`);
  }
  const now = [...(timings.get(`${paths[0].name}\u0000all`) ?? [])].sort((a, b) => a - b);
  const p95 = percentile(now, 95);
  console.log(`\nload average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`p95 ${fmt(p95, 1)} ms, target ≤ ${TARGET_P95_MS} ms: ${verdict(p95 <= TARGET_P95_MS)}`);
}

async function printSizes(db: DataSource): Promise<void> {
  const sizes: Array<{ name: string; size: string }> = await db.query(
    `SELECT relname AS name, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class
     WHERE relname IN ('idea_views', 'idea_words', 'idea_word_counts', 'idea_word_sets', 'idea_words_pkey', 'idea_word_counts_trgm_idx', 'idea_views_search_idx') ORDER BY relname`,
  );
  const [{ postings, words }] = await db.query(`SELECT (SELECT count(*) FROM idea_words)::int AS postings, (SELECT count(*) FROM idea_word_counts)::int AS words`);
  console.log(`word index: ${fmt(words)} words, ${fmt(postings)} postings; sizes (tables with their indexes): ${sizes.map((s) => `${s.name} ${s.size}`).join(', ')}\n`);
}

runBench('bench:duplicates', main, 900);
