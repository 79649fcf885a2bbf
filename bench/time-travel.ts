// Time-travel funnel on the PostgreSQL server: the funnel of one organisation as it stood at a moment,
// folded from 1,000,000 events (no read model, no snapshot). The events are generated in the database
// (ideas with stage moves, comments and supports spread over two years), then the as-of funnel is asked
// for at several moments and checked against counts taken straight from the events with SQL.
//   npm run bench:time-travel
// Two shapes: the events spread over BENCH_TT_ORGS organisations (default 10; the organisation asked for
// holds a tenth of them), then every idea moved to that one organisation (all 1,000,000 events are its own).
// Knobs: BENCH_DATABASE_URL, BENCH_TT_EVENTS (1000000), BENCH_TT_ORGS (10), BENCH_TT_RUNS (5), BENCH_MAX_SECONDS.
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { foldFunnelFacts, GetFunnelAsOfHandler, GetFunnelAsOfQuery, summariseFunnel, type FunnelAsOf } from '#ideas';
import { loadConfig, type Actor } from '#platform';
import { createRuntime } from '../apps/api/src/runtime.js';
import { createBenchDatabase, envNumber, fmt, onCleanup, printMachine, runBench, table, verdict } from './support.js';

const EVENTS_PER_IDEA = 5;
const TOTAL_EVENTS = Math.round(envNumber('BENCH_TT_EVENTS', 1_000_000));
const IDEAS = Math.floor(TOTAL_EVENTS / EVENTS_PER_IDEA);
const ORGS = Math.max(1, Math.round(envNumber('BENCH_TT_ORGS', 10)));
const RUNS = Math.max(1, Math.round(envNumber('BENCH_TT_RUNS', 5)));
const TARGET_MS = 2_000;
const TARGET_ORG = 'org-3';
const EPOCH = '2024-01-01T06:00:00Z';
const SPAN_DAYS = 730;
const INSERT_CHUNK = 20_000;

// Each idea has five events. Its pattern (idea number mod 10) decides its path; the rest are comments and supports.
//   0,1 submitted · 2 in review · 3 rejected after review · 4,5 piloting · 6,7 adopted · 8 withdrawn · 9 rejected after pilot
const PATHS: Record<number, string[]> = {
  0: ['IdeaSubmitted', 'IdeaCommented', 'IdeaSupported', 'IdeaCommented', 'IdeaSupported'],
  1: ['IdeaSubmitted', 'IdeaSupported', 'IdeaSupported', 'IdeaCommented', 'IdeaSupported'],
  2: ['IdeaSubmitted', 'IdeaReviewStarted', 'IdeaCommented', 'IdeaSupported', 'IdeaCommented'],
  3: ['IdeaSubmitted', 'IdeaReviewStarted', 'IdeaRejected', 'IdeaCommented', 'IdeaSupported'],
  4: ['IdeaSubmitted', 'IdeaReviewStarted', 'IdeaPilotStarted', 'IdeaSupported', 'IdeaSupported'],
  5: ['IdeaSubmitted', 'IdeaReviewStarted', 'IdeaPilotStarted', 'PilotMeasurementsRecorded', 'IdeaCommented'],
  6: ['IdeaSubmitted', 'IdeaReviewStarted', 'IdeaPilotStarted', 'IdeaAdopted', 'IdeaCommented'],
  7: ['IdeaSubmitted', 'IdeaReviewStarted', 'IdeaPilotStarted', 'IdeaAdopted', 'IdeaSupported'],
  8: ['IdeaSubmitted', 'IdeaWithdrawn', 'IdeaCommented', 'IdeaSupported', 'IdeaSupported'],
  9: ['IdeaSubmitted', 'IdeaReviewStarted', 'IdeaPilotStarted', 'IdeaRejected', 'IdeaSupported'],
};

/** Type of event `v` (1–5) of idea `i`, as SQL over the series columns. */
const typeSql = `(ARRAY[${Object.keys(PATHS)
  .map((k) => `ARRAY[${PATHS[Number(k)].map((t) => `'${t}'`).join(',')}]`)
  .join(',')}])[(i % 10) + 1][v]`;

// Event data per type; submissions carry the organisation, unit and sector the funnel needs.
const INSERT_SQL = `
INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at)
SELECT 'idea-' || id::text, v, gen_random_uuid(), t, 1,
  CASE t
    WHEN 'IdeaSubmitted' THEN jsonb_build_object('ideaId', id, 'title', 'Idea ' || i, 'description', 'Kuvaus idealle numero ' || i || ', jossa on tavallisen mittainen teksti.',
      'organisation', 'org-' || (i % $3), 'unit', (ARRAY['varhaiskasvatus','kotihoito','tilapalvelut','ruokapalvelut','kirjasto'])[(i / 10) % 5 + 1],
      'sector', 'technical', 'themes', jsonb_build_array('digitalisaatio'), 'language', 'fi', 'media', '[]'::jsonb, 'anonymous', false, 'submitter', 'psn-' || (i % 997))
    WHEN 'IdeaReviewStarted' THEN jsonb_build_object('ideaId', id, 'team', 'Muutosagentit')
    WHEN 'IdeaPilotStarted' THEN jsonb_build_object('ideaId', id, 'goal', 'Sujuvampi arki', 'team', 'Pilotti', 'startsOn', '2024-02-01', 'endsOn', '2024-05-31', 'metrics', '[]'::jsonb)
    WHEN 'IdeaAdopted' THEN jsonb_build_object('ideaId', id, 'result', 'Käytössä', 'metrics', '[]'::jsonb)
    WHEN 'IdeaRejected' THEN jsonb_build_object('ideaId', id, 'reason', 'Päällekkäinen')
    WHEN 'IdeaWithdrawn' THEN jsonb_build_object('ideaId', id, 'reason', 'Tehty jo')
    WHEN 'IdeaCommented' THEN jsonb_build_object('ideaId', id, 'commentId', gen_random_uuid(), 'text', 'Hyvä idea!', 'author', 'psn-' || ((i + v) % 997))
    WHEN 'PilotMeasurementsRecorded' THEN jsonb_build_object('ideaId', id, 'measurements', '[]'::jsonb)
    ELSE jsonb_build_object('ideaId', id, 'supporter', 'psn-' || ((i * 7 + v) % 997))
  END,
  jsonb_build_object('occurredAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'actor', jsonb_build_object('subject', 'psn-' || (i % 997), 'organisation', 'org-' || (i % $3), 'roles', jsonb_build_array('employee'))),
  at
FROM (
  SELECT i, v, md5('idea' || i)::uuid AS id, ${typeSql} AS t,
    $4::timestamptz + make_interval(secs => i::double precision * $5::double precision / $6::double precision) + make_interval(days => (v - 1) * (1 + (i * 7) % 20)) AS at
  FROM generate_series($1::int, $2::int) AS i, generate_series(1, 5) AS v
) x
ORDER BY at`;

const admin: Actor = { subject: 'bench', organisation: 'kunteko', roles: ['admin'] };

/** The funnel counts straight from the events with SQL, independently of the fold: stage of each idea at asOf. */
async function sqlCounts(db: { query: (sql: string, params?: unknown[]) => Promise<any[]> }, organisation: string, asOf: string) {
  const [row] = await db.query(
    `WITH ideas AS (
       SELECT stream_id FROM events WHERE type = 'IdeaSubmitted' AND data->>'organisation' = $1 AND recorded_at <= $2
     ), last AS (
       SELECT DISTINCT ON (e.stream_id) e.type FROM events e JOIN ideas USING (stream_id)
       WHERE e.recorded_at <= $2 AND e.type IN ('IdeaSubmitted','IdeaReviewStarted','IdeaPilotStarted','IdeaAdopted','IdeaRejected','IdeaWithdrawn')
       ORDER BY e.stream_id, e.stream_version DESC
     )
     SELECT count(*)::int AS total, count(*) FILTER (WHERE type = 'IdeaAdopted')::int AS adopted, count(*) FILTER (WHERE type = 'IdeaPilotStarted')::int AS piloting,
       count(*) FILTER (WHERE type = 'IdeaRejected')::int AS rejected FROM last`,
    [organisation, asOf],
  );
  return row as { total: number; adopted: number; piloting: number; rejected: number };
}

async function main(): Promise<void> {
  await printMachine('Time-travel funnel: one organisation as of a moment, folded from the events');
  const database = await createBenchDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-bench-'));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const runtime = await createRuntime(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url }, []), { inMemory: true });
  onCleanup(() => runtime.close());
  const db = runtime.dataSource;

  console.log(`generating ${fmt(IDEAS * EVENTS_PER_IDEA)} events: ${fmt(IDEAS)} ideas × ${EVENTS_PER_IDEA}, ${ORGS} organisations, over ${SPAN_DAYS} days`);
  const generating = Date.now();
  for (let from = 0; from < IDEAS; from += INSERT_CHUNK) {
    const to = Math.min(IDEAS, from + INSERT_CHUNK) - 1;
    await db.query(INSERT_SQL, [from, to, ORGS, EPOCH, SPAN_DAYS * 86_400, IDEAS]);
    if ((to + 1) % 100_000 === 0 || to === IDEAS - 1) process.stdout.write(`  ${fmt((to + 1) * EVENTS_PER_IDEA)} events\n`);
  }
  await db.query('ANALYZE events');
  const [{ count, size }] = await db.query(`SELECT count(*)::int AS count, pg_size_pretty(pg_total_relation_size('events')) AS size FROM events`);
  console.log(`generated in ${((Date.now() - generating) / 1000).toFixed(1)} s: ${fmt(count)} events, table with indexes ${size}\n`);

  const handler = new GetFunnelAsOfHandler(db, runtime.store);
  const start = Date.parse(EPOCH);
  const moments = [0.25, 0.5, 1.1].map((share) => new Date(start + share * SPAN_DAYS * 86_400_000));
  const rows: Array<Array<string | number>> = [];
  let worst = 0;
  let checks = 0;
  let failures = 0;

  /** The reference: the projections' own evolve function over events read a batch of ideas at a time. */
  const reference = async (asOf: Date) => {
    const t0 = Date.now();
    const { facts } = await foldFunnelFacts(db, runtime.store, TARGET_ORG, asOf);
    return { funnel: summariseFunnel(facts, TARGET_ORG, {}), ms: Date.now() - t0 };
  };
  const referenceRows: Array<Array<string | number>> = [];

  const measure = async (shape: string, withReference: boolean) => {
    for (const asOf of moments) {
      const times: number[] = [];
      let answer: FunnelAsOf | undefined;
      for (let run = 0; run < RUNS; run++) {
        const t0 = process.hrtime.bigint();
        answer = await handler.execute(new GetFunnelAsOfQuery({ organisation: TARGET_ORG }, asOf, admin));
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      worst = Math.max(worst, median);
      const expected = await sqlCounts(db, TARGET_ORG, asOf.toISOString());
      const ok =
        answer!.total === expected.total && answer!.counts.adopted === expected.adopted && answer!.counts.piloting === expected.piloting && answer!.counts.rejected === expected.rejected;
      checks++;
      if (!ok) {
        failures++;
        console.log(`MISMATCH at ${asOf.toISOString()}: fold ${JSON.stringify(answer!.counts)} total ${answer!.total}, SQL ${JSON.stringify(expected)}`);
      }
      let same = '–';
      if (withReference) {
        const ref = await reference(asOf);
        const { asOf: _a, eventsFolded: _e, ...sql } = answer!;
        same = JSON.stringify(sql) === JSON.stringify(ref.funnel) ? 'yes' : 'NO';
        if (same === 'NO') {
          failures++;
          console.log(`REFERENCE MISMATCH at ${asOf.toISOString()}:\n  sql ${JSON.stringify(sql)}\n  ref ${JSON.stringify(ref.funnel)}`);
        }
        referenceRows.push([shape, asOf.toISOString().slice(0, 10), fmt(ref.ms)]);
      }
      rows.push([shape, asOf.toISOString().slice(0, 10), fmt(answer!.eventsFolded), fmt(answer!.total), fmt(times[0]), fmt(median), fmt(times[times.length - 1]), ok ? 'yes' : 'NO', same]);
    }
  };

  // How fast the machine is now (others may be using it): a plain scan of the whole table.
  const scan = async () => {
    const t0 = Date.now();
    await db.query('SELECT count(*) FROM events');
    return Date.now() - t0;
  };
  console.log(`calibration: SELECT count(*) FROM events (${fmt(count)} rows) takes ${fmt(await scan())} ms now`);
  await measure(`${ORGS} orgs`, true);
  console.log(`moving every idea to ${TARGET_ORG} (all ${fmt(count)} events become its own)…`);
  await db.query(`UPDATE events SET data = jsonb_set(data, '{organisation}', to_jsonb($1::text)) WHERE type = 'IdeaSubmitted'`, [TARGET_ORG]);
  await db.query('VACUUM ANALYZE events');
  await measure('1 org', false);
  console.log(`calibration: SELECT count(*) FROM events takes ${fmt(await scan())} ms now; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  console.log('');
  console.log(table(['shape', 'asOf', 'events folded', 'ideas', 'min ms', 'median ms', 'max ms', 'matches SQL counts', 'same as JS fold'], rows));
  console.log('');
  console.log('reference: the JS fold (evolveFunnelFact over events read a batch of ideas at a time), one run each');
  console.log(table(['shape', 'asOf', 'ms'], referenceRows));
  console.log('');
  console.log(`runs per moment: ${RUNS}; events in the store: ${fmt(count)}; answers checked against SQL: ${checks - failures}/${checks}`);
  console.log(`target: the time-travel funnel of one organisation over ${fmt(count)} events in ≤ ${fmt(TARGET_MS)} ms (median, worst shape): ${fmt(worst)} ms → ${verdict(worst <= TARGET_MS && failures === 0)}`);
}

runBench('time-travel', main, 900);
