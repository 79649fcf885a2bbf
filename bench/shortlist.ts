// Shortlist latency on the PostgreSQL server: one season, 2,000 nominations × 15 jurors × 5 criteria (150,000 scores in
// 30,000 score events on the season stream). Measures the time from the last score to the chair's shortlist being
// readable with that score in it. Prints; never asserts.
//   npm run bench:shortlist
// Knobs: BENCH_DATABASE_URL, BENCH_SHORTLIST_NOMINATIONS (2000), BENCH_SHORTLIST_JURORS (15), BENCH_MAX_SECONDS.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleCommand, type NewEvent } from '#event-store';
import { DEFAULT_CRITERIA, liveRanking, seasonDecider, seasonStreamId, AwardSeasonView, type AwardSeasonEvent, type SeriesConfig } from '#awards';
import { loadConfig, type Role } from '#platform';
import { createRuntime } from '../apps/api/src/runtime.js';
import { createBenchDatabase, envNumber, fmt, onCleanup, printMachine, prng, runBench, seconds, table, verdict } from './support.js';

const NOMINATIONS = Math.round(envNumber('BENCH_SHORTLIST_NOMINATIONS', 2_000));
const JURORS = Math.round(envNumber('BENCH_SHORTLIST_JURORS', 15));
const TARGET_MS = 1_000;
const CHUNK = 2_000;

runBench('bench:shortlist', async () => {
  await printMachine('Shortlist: time from the last score to a readable shortlist');
  const database = await createBenchDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-bench-'));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const runtime = await createRuntime(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url, PROJECTION_POLL_MS: '50' }, []), { inMemory: true });
  onCleanup(() => runtime.close());
  const random = prng(7);
  const seasonId = randomUUID();
  const streamId = seasonStreamId(seasonId);
  const now = Date.now();
  const jurors = Array.from({ length: JURORS }, (_, i) => ({ juror: `p_juror_${i}`, organisation: `jury-${i}` }));
  const series: SeriesConfig = { key: 'innostavat-teot', name: 'Innostavat teot', kind: 'deeds', awards: 25, shortlistSize: 50, criteria: DEFAULT_CRITERIA, jurors, chair: 'p_chair', blind: false, subAwards: [] };
  const events: AwardSeasonEvent[] = [
    {
      type: 'AwardSeasonOpened',
      data: {
        seasonId,
        year: 2026,
        name: 'Bench',
        nominationOpensAt: new Date(now - 86_400_000).toISOString(),
        nominationClosesAt: new Date(now + 86_400_000).toISOString(),
        eligibleFrom: new Date(now - 365 * 86_400_000).toISOString(),
        eligibleTo: new Date(now).toISOString(),
        galaAt: new Date(now + 2 * 86_400_000).toISOString(),
        series: [series],
      },
    },
  ];
  const nominations = Array.from({ length: NOMINATIONS }, () => randomUUID());
  for (const [i, id] of nominations.entries()) {
    events.push({ type: 'NominationSubmitted', data: { seasonId, nominationId: id, series: series.key, nominee: { kind: 'deed', deedId: randomUUID(), organisation: `org-${i % 140}`, title: `Teko ${i}` }, justification: 'Hyvä.', source: 'nominator' } });
  }
  const sheet = () => Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.key, 1 + Math.floor(random() * 5)]));
  for (const j of jurors) for (const id of nominations) events.push({ type: 'NominationScored', data: { seasonId, nominationId: id, series: series.key, juror: j.juror, round: 'long-list', scores: sheet(), comment: null } });
  const last = events.pop()!;
  const metadata = { occurredAt: new Date().toISOString(), actor: { subject: 'p_bench', organisation: 'kunteko', roles: ['juror'] } };

  let started = Date.now();
  for (let i = 0; i < events.length; i += CHUNK) {
    const chunk: NewEvent[] = events.slice(i, i + CHUNK).map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata }));
    await runtime.store.append(streamId, chunk, i);
  }
  const appendMs = Date.now() - started;
  started = Date.now();
  runtime.runner.start();
  const head = await runtime.store.head();
  await runtime.runner.waitFor(head.checkpoint, 600_000);
  const catchUpMs = Date.now() - started;

  // The last score, through the real decider (it folds the whole season stream).
  const lastScore = last as Extract<AwardSeasonEvent, { type: 'NominationScored' }>;
  const t0 = Date.now();
  const outcome = await handleCommand(runtime.store, seasonDecider, {
    streamId,
    command: { type: 'Score', nominationId: lastScore.data.nominationId, scores: { ...lastScore.data.scores }, comment: null, context: { actor: { subject: lastScore.data.juror, organisation: 'jury-x', roles: ['juror'] as Role[] }, pseudonym: lastScore.data.juror, now: new Date() } },
    metadata,
  });
  if (!outcome.ok) throw new Error(`last score refused: ${JSON.stringify(outcome)}`);
  const t1 = Date.now();
  await runtime.runner.waitFor(outcome.result.checkpoint, 60_000);
  const t2 = Date.now();
  const season = (await runtime.dataSource.getRepository(AwardSeasonView).findOneBy({ id: seasonId }))!;
  const ranking = await liveRanking(runtime.dataSource, season, season.series[0]);
  const t3 = Date.now();
  const [{ n }] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM award_scores WHERE season_id = $1`, [seasonId]);
  // A second read, warm.
  const w0 = Date.now();
  await liveRanking(runtime.dataSource, season, season.series[0]);
  const warmMs = Date.now() - w0;

  console.log(`season: ${fmt(NOMINATIONS)} nominations × ${JURORS} jurors × ${DEFAULT_CRITERIA.length} criteria = ${fmt(n * DEFAULT_CRITERIA.length)} scores (${fmt(n)} score sheets), ${fmt(events.length + 1)} events on one stream`);
  console.log(`set-up: appended in ${seconds(appendMs)}, projections caught up in ${seconds(catchUpMs)}\n`);
  console.log(
    table(
      ['step', 'time'],
      [
        ['last score: decide on the full stream + append', `${fmt(t1 - t0)} ms`],
        ['append → read models include it', `${fmt(t2 - t1)} ms`],
        ['shortlist computed from the read models (cold)', `${fmt(t3 - t2)} ms`],
        ['shortlist computed again (warm)', `${fmt(warmMs)} ms`],
        ['last score appended → shortlist readable', `${fmt(t3 - t1)} ms`],
        ['last score sent → shortlist readable', `${fmt(t3 - t0)} ms`],
      ],
    ),
  );
  console.log(`\nshortlist: ${ranking.selected.length} selected of ${ranking.ranking.length}; top normalised ${ranking.ranking[0].normalised}`);
  console.log(`target ≤ ${TARGET_MS} ms from the last score to a readable shortlist: ${verdict(t3 - t0 <= TARGET_MS)} (${fmt(t3 - t0)} ms)`);
});
