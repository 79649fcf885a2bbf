// Time-travel funnel on the PostgreSQL server: the funnel of one organisation as it stood at a moment, over
// 1,000,000 events. The events are generated in the database (ideas with stage moves, comments and supports
// spread over two years) and projected into funnel_stays by the real projection (a rebuild); then the as-of
// funnel (GetFunnelAsOfHandler: the stays open at the moment) is asked for at several moments, checked against
// counts taken straight from the events with SQL and field by field against the JS fold of the events, and
// timed beside the previous path (one SQL statement folding the events themselves).
//   npm run bench:time-travel
// Two shapes: the events spread over BENCH_TT_ORGS organisations (default 10; the organisation asked for
// holds a tenth of them), then every idea moved to that one organisation (all 1,000,000 events are its own).
// Knobs: BENCH_DATABASE_URL, BENCH_TT_EVENTS (1000000), BENCH_TT_ORGS (10), BENCH_TT_RUNS (5), BENCH_MAX_SECONDS.
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { foldFunnelFacts, GetFunnelAsOfHandler, GetFunnelAsOfQuery, summariseFunnel, type Funnel, type FunnelAsOf, type FunnelFilter } from '#ideas';
import { loadConfig, type Actor } from '#platform';
import { createRuntime } from '../apps/api/src/runtime.js';
import { createBenchDatabase, envNumber, fmt, onCleanup, printMachine, runBench, table, verdict } from './support.js';

const EVENTS_PER_IDEA = 5;
const TOTAL_EVENTS = Math.round(envNumber('BENCH_TT_EVENTS', 1_000_000));
const IDEAS = Math.floor(TOTAL_EVENTS / EVENTS_PER_IDEA);
const ORGS = Math.max(1, Math.round(envNumber('BENCH_TT_ORGS', 10)));
const RUNS = Math.max(1, Math.round(envNumber('BENCH_TT_RUNS', 5)));
const TARGET_MS = 300;
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

const STAGE_TYPES = ['IdeaSubmitted', 'IdeaReviewStarted', 'IdeaPilotStarted', 'IdeaAdopted', 'IdeaRejected', 'IdeaWithdrawn'];
const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const days = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

/**
 * The previous path, kept here to measure against: the same fold as `evolveFunnelFact`, run by PostgreSQL over the events recorded up to asOf, in one
 * statement and one pass: the organisation's submissions come through the submissions index; their stage
 * events are grouped per idea in a hash aggregate (no sort), each idea reduced to the time it entered each
 * stage; the decider moves an idea through submitted → in review → piloting → adopted (or ends it with a
 * rejection or withdrawal) once each, so the stay in a stage is the time to the next stage reached. Then
 * the funnel's counts and medians. Only the answer crosses the wire; nothing is read from a read model.
 * bench/time-travel.ts checks it against the JS fold with `evolveFunnelFact`.
 */
async function previousFold(db: DataSource, organisation: string, asOf: Date, filter: FunnelFilter): Promise<{ funnel: Funnel; events: number }> {
  const at = `coalesce((e.metadata->>'occurredAt')::timestamptz, e.recorded_at)`;
  const daysBetween = (later: string, earlier: string) => `greatest(0, extract(epoch FROM ${later} - ${earlier}) / 86400)::float8`;
  // Grouping a large organisation's ideas in memory rather than sorting on disk.
  const [row] = await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '64MB'`);
    return tx.query(
    `WITH chosen AS (
       SELECT e.stream_id FROM events e
       WHERE e.type = 'IdeaSubmitted' AND (e.data->>'organisation') = $1 AND e.recorded_at <= $2
         AND ($3::timestamptz IS NULL OR ${at} >= $3::timestamptz) AND ($4::timestamptz IS NULL OR ${at} < $4::timestamptz)
         AND ($5::text IS NULL OR e.data->>'unit' = $5) AND ($6::text IS NULL OR e.data->>'sector' = $6)
     ), ideas AS (
       SELECT e.stream_id, count(*)::int AS events,
         min(${at}) FILTER (WHERE e.type = 'IdeaSubmitted') AS t_sub,
         min(${at}) FILTER (WHERE e.type = 'IdeaReviewStarted') AS t_rev,
         min(${at}) FILTER (WHERE e.type = 'IdeaPilotStarted') AS t_pil,
         min(${at}) FILTER (WHERE e.type IN ('IdeaAdopted', 'IdeaRejected', 'IdeaWithdrawn')) AS t_end,
         min(e.type) FILTER (WHERE e.type IN ('IdeaAdopted', 'IdeaRejected', 'IdeaWithdrawn')) AS ended
       FROM events e
       WHERE e.type = ANY($7::text[]) AND e.recorded_at <= $2 AND e.stream_id IN (SELECT stream_id FROM chosen)
       GROUP BY e.stream_id
     ), facts AS (
       SELECT events,
         CASE ended WHEN 'IdeaAdopted' THEN 'adopted' WHEN 'IdeaRejected' THEN 'rejected' WHEN 'IdeaWithdrawn' THEN 'withdrawn'
           ELSE CASE WHEN t_pil IS NOT NULL THEN 'piloting' WHEN t_rev IS NOT NULL THEN 'inReview' ELSE 'submitted' END END AS stage,
         t_rev IS NOT NULL AS reached_review,
         t_pil IS NOT NULL AS reached_pilot,
         ${daysBetween('coalesce(t_rev, t_pil, t_end)', 't_sub')} AS days_submitted,
         CASE WHEN t_rev IS NOT NULL THEN ${daysBetween('coalesce(t_pil, t_end)', 't_rev')} END AS days_in_review,
         CASE WHEN t_pil IS NOT NULL THEN ${daysBetween('t_end', 't_pil')} END AS days_piloting
       FROM ideas
       WHERE t_sub IS NOT NULL
     )
     SELECT count(*)::int AS total,
       count(*) FILTER (WHERE stage = 'submitted')::int AS submitted,
       count(*) FILTER (WHERE stage = 'inReview')::int AS in_review,
       count(*) FILTER (WHERE stage = 'piloting')::int AS piloting,
       count(*) FILTER (WHERE stage = 'adopted')::int AS adopted,
       count(*) FILTER (WHERE stage = 'rejected')::int AS rejected,
       count(*) FILTER (WHERE stage = 'withdrawn')::int AS withdrawn,
       count(*) FILTER (WHERE reached_review)::int AS reached_review,
       count(*) FILTER (WHERE reached_pilot)::int AS reached_pilot,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days_submitted) AS median_submitted,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days_in_review) AS median_in_review,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days_piloting) AS median_piloting,
       coalesce(sum(events), 0)::int AS events
     FROM facts`,
    [organisation, asOf.toISOString(), filter.from ?? null, filter.to ?? null, filter.unit ?? null, filter.sector ?? null, STAGE_TYPES],
    );
  });
  const dayOrNull = (value: unknown) => (value === null || value === undefined ? null : days(Number(value)));
  return {
    events: row.events,
    funnel: {
      organisation,
      filter: { ...filter, organisation },
      total: row.total,
      counts: { submitted: row.submitted, inReview: row.in_review, piloting: row.piloting, adopted: row.adopted, rejected: row.rejected, withdrawn: row.withdrawn },
      reached: { inReview: row.reached_review, piloting: row.reached_pilot, adopted: row.adopted },
      conversion: {
        submittedToPiloting: ratio(row.reached_pilot, row.total),
        pilotingToAdopted: ratio(row.adopted, row.reached_pilot),
        submittedToAdopted: ratio(row.adopted, row.total),
      },
      medianDays: { submitted: dayOrNull(row.median_submitted), inReview: dayOrNull(row.median_in_review), piloting: dayOrNull(row.median_piloting) },
    },
  };
}

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

  // The read model for time travel: funnel_stays, filled by its projection from the events (a rebuild).
  for (;;) {
    const [{ visible }] = await db.query(`SELECT coalesce(max(transaction_id) < pg_snapshot_xmin(pg_current_snapshot()), true) AS visible FROM events`);
    if (visible) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const projecting = Date.now();
  const [staysProjection] = runtime.runner.projectionsNamed(['funnel-stays']);
  await runtime.runner.rebuild(staysProjection);
  await db.query('VACUUM ANALYZE funnel_stays');
  console.log(`funnel_stays rebuilt from the events in ${((Date.now() - projecting) / 1000).toFixed(1)} s`);
  await printSizes(db);

  const handler = new GetFunnelAsOfHandler(db);
  const start = Date.parse(EPOCH);
  const moments = [0.25, 0.5, 1.1].map((share) => new Date(start + share * SPAN_DAYS * 86_400_000));
  const rows: Array<Array<string | number>> = [];
  const all: number[] = [];
  let worst = 0;
  let checks = 0;
  let failures = 0;

  /** The reference: the projections' own evolve function over events read a batch of ideas at a time. */
  const reference = async (asOf: Date) => {
    const t0 = Date.now();
    const { facts } = await foldFunnelFacts(db, runtime.store, TARGET_ORG, asOf);
    return { funnel: summariseFunnel(facts, TARGET_ORG, {}), ms: Date.now() - t0 };
  };

  const measure = async (shape: string) => {
    for (const asOf of moments) {
      const times: number[] = [];
      let answer: FunnelAsOf | undefined;
      for (let run = 0; run < RUNS; run++) {
        const t0 = process.hrtime.bigint();
        answer = await handler.execute(new GetFunnelAsOfQuery({ organisation: TARGET_ORG }, asOf, admin));
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      all.push(...times);
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      worst = Math.max(worst, times[times.length - 1]);
      const expected = await sqlCounts(db, TARGET_ORG, asOf.toISOString());
      const ok =
        answer!.total === expected.total && answer!.counts.adopted === expected.adopted && answer!.counts.piloting === expected.piloting && answer!.counts.rejected === expected.rejected;
      checks++;
      if (!ok) {
        failures++;
        console.log(`MISMATCH at ${asOf.toISOString()}: stays ${JSON.stringify(answer!.counts)} total ${answer!.total}, SQL ${JSON.stringify(expected)}`);
      }
      const ref = await reference(asOf);
      const { asOf: _a, ...fast } = answer!;
      const same = JSON.stringify(fast) === JSON.stringify(ref.funnel) ? 'yes' : 'NO';
      checks++;
      if (same === 'NO') {
        failures++;
        console.log(`REFERENCE MISMATCH at ${asOf.toISOString()}:\n  stays ${JSON.stringify(fast)}\n  fold  ${JSON.stringify(ref.funnel)}`);
      }
      const t0 = Date.now();
      const before = await previousFold(db, TARGET_ORG, asOf, {});
      const beforeMs = Date.now() - t0;
      rows.push([shape, asOf.toISOString().slice(0, 10), fmt(answer!.total), fmt(times[0], 1), fmt(median, 1), fmt(times[times.length - 1], 1), fmt(beforeMs), fmt(before.events), fmt(ref.ms), ok ? 'yes' : 'NO', same]);
    }
  };

  // How fast the machine is now (others may be using it): a plain scan of the whole table.
  const scan = async () => {
    const t0 = Date.now();
    await db.query('SELECT count(*) FROM events');
    return Date.now() - t0;
  };
  console.log(`calibration: SELECT count(*) FROM events (${fmt(count)} rows) takes ${fmt(await scan())} ms now; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await measure(`${ORGS} orgs`);
  console.log(`moving every idea to ${TARGET_ORG} (all ${fmt(count)} events become its own)…`);
  await db.query(`UPDATE events SET data = jsonb_set(data, '{organisation}', to_jsonb($1::text)) WHERE type = 'IdeaSubmitted'`, [TARGET_ORG]);
  await db.query('VACUUM ANALYZE events');
  // The stays carry the organisation of the submission: the same move there (the fold below checks the answers).
  await db.query(`UPDATE funnel_stays SET organisation = $1`, [TARGET_ORG]);
  await db.query('VACUUM ANALYZE funnel_stays');
  await measure('1 org');
  console.log(`calibration: SELECT count(*) FROM events takes ${fmt(await scan())} ms now; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  console.log('');
  console.log(table(['shape', 'asOf', 'ideas', 'min ms', 'median ms', 'max ms', 'previous path ms', 'events it folded', 'JS fold ms', 'matches SQL counts', 'same as JS fold'], rows));
  const sorted = [...all].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  console.log(`\nas-of funnel over all moments and shapes (${sorted.length} answers): p50 ${fmt(pct(50), 1)} ms, p95 ${fmt(pct(95), 1)} ms, p99 ${fmt(pct(99), 1)} ms, max ${fmt(sorted[sorted.length - 1], 1)} ms`);
  console.log(`runs per moment: ${RUNS}; events in the store: ${fmt(count)}; answers checked: ${checks - failures}/${checks}`);
  console.log(`target: the as-of funnel of one organisation over ${fmt(count)} events in ≤ ${fmt(TARGET_MS)} ms (slowest answer): ${fmt(worst, 1)} ms → ${verdict(worst <= TARGET_MS && failures === 0)}`);
}

async function printSizes(db: DataSource): Promise<void> {
  const sizes: Array<{ name: string; size: string }> = await db.query(
    `SELECT c.relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c
     WHERE c.relname IN ('events', 'funnel_stays', 'funnel_stays_pkey', 'funnel_stays_org_from_idx', 'funnel_stays_org_to_idx') ORDER BY c.relname`,
  );
  const [{ stays }] = await db.query(`SELECT count(*)::int AS stays FROM funnel_stays`);
  console.log(`funnel_stays: ${fmt(stays)} stays; sizes (with indexes for tables): ${sizes.map((s) => `${s.name} ${s.size}`).join(', ')}`);
}

runBench('time-travel', main, 900);
