// Append throughput: PostgresEventStore.append (one event per append, expected-version check) against a
// plain single-row INSERT into a table with the same columns, on the same database, in the same run.
//   npm run bench:append
// Knobs: BENCH_DATABASE_URL, BENCH_APPEND_WRITERS (10), BENCH_APPEND_SECONDS (5 per phase),
//        BENCH_APPEND_ROUNDS (2: store, plain, store, plain), BENCH_APPEND_STREAM_LENGTH (20), BENCH_MAX_SECONDS.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PostgresEventStore, type NewEvent } from '#event-store';
import { initDataSource, openServer } from '#platform';
import { schema } from '../apps/api/src/runtime.js';
import { createBenchDatabase, envNumber, fmt, onCleanup, printMachine, runBench, table, verdict } from './support.js';

const WRITERS = envNumber('BENCH_APPEND_WRITERS', 10);
const PHASE_SECONDS = envNumber('BENCH_APPEND_SECONDS', 5);
const ROUNDS = envNumber('BENCH_APPEND_ROUNDS', 2);
const WARMUP_SECONDS = envNumber('BENCH_APPEND_WARMUP_SECONDS', 1);
const STREAM_LENGTH = envNumber('BENCH_APPEND_STREAM_LENGTH', 20);
const TARGET_RATIO = 0.8;

const PLAIN_TABLE = `
  CREATE TABLE plain_events (
    position bigserial PRIMARY KEY,
    event_id uuid NOT NULL UNIQUE,
    stream_id text NOT NULL,
    stream_version integer NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    UNIQUE (stream_id, stream_version)
  )`;

const PLAIN_INSERT = `INSERT INTO plain_events (event_id, stream_id, stream_version, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)`;

type Kind = 'store' | 'plain';

interface PhaseResult {
  kind: Kind;
  round: number;
  appends: number;
  errors: number;
  ms: number;
  rate: number;
  p50: number;
  p99: number;
  nodeCpuUsPerOp: number;
  walBytesPerOp: number;
}

/** A realistic event: an idea comment with the metadata every command carries. */
function newEvent(writer: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'IdeaCommented',
    data: { ideaId: randomUUID(), commentId: randomUUID(), text: 'Meillä Vuoksenniskalla toimisi sama malli, kokeillaan syksyllä.', author: `psn-writer-${writer}` },
    metadata: {
      occurredAt: new Date().toISOString(),
      actor: { subject: `psn-writer-${writer}`, organisation: 'imatra', roles: ['employee'] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

const percentile = (sorted: number[], p: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

async function walLsn(db: DataSource): Promise<string> {
  const [row] = await db.query('SELECT pg_current_wal_lsn()::text AS lsn');
  return row.lsn;
}

async function walDiff(db: DataSource, from: string, to: string): Promise<number> {
  const [row] = await db.query('SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::float8 AS d', [to, from]);
  return Number(row.d);
}

/**
 * Runs WRITERS concurrent writers for `seconds`. Each writer appends to its own streams, one event per
 * append, with the correct expected version, moving to a new stream every STREAM_LENGTH events.
 */
async function phase(db: DataSource, store: PostgresEventStore, kind: Kind, tag: string, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const writer = async (w: number) => {
    let stream = 0;
    let version = 0;
    while (performance.now() < deadline) {
      if (version >= STREAM_LENGTH) {
        stream++;
        version = 0;
      }
      const streamId = `bench-${tag}-w${w}-s${stream}`;
      const event = newEvent(w);
      const t0 = performance.now();
      try {
        if (kind === 'store') {
          await store.append(streamId, [event], version);
        } else {
          await db.query(PLAIN_INSERT, [event.eventId, streamId, version + 1, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)]);
        }
        latencies.push(performance.now() - t0);
        version++;
      } catch (error) {
        errors++;
        firstError ??= error;
        stream++;
        version = 0;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  const ms = performance.now() - started;
  if (firstError) console.error(`  ${kind} ${tag}: ${errors} errors, first: ${(firstError as Error).message}`);
  latencies.sort((a, b) => a - b);
  return { appends: latencies.length, errors, ms, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function measured(db: DataSource, store: PostgresEventStore, kind: Kind, round: number): Promise<PhaseResult> {
  const walBefore = await walLsn(db);
  const cpuBefore = process.cpuUsage();
  const r = await phase(db, store, kind, `r${round}`, PHASE_SECONDS);
  const cpu = process.cpuUsage(cpuBefore);
  const wal = await walDiff(db, walBefore, await walLsn(db));
  const result: PhaseResult = {
    kind,
    round,
    ...r,
    rate: (r.appends / r.ms) * 1000,
    nodeCpuUsPerOp: (cpu.user + cpu.system) / Math.max(1, r.appends),
    walBytesPerOp: wal / Math.max(1, r.appends),
  };
  console.log(
    `  round ${round} ${kind.padEnd(5)} ${fmt(result.appends).padStart(7)} appends in ${(r.ms / 1000).toFixed(2)} s = ${fmt(result.rate).padStart(6)} appends/s` +
      `  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}`,
  );
  return result;
}

async function main(): Promise<void> {
  await printMachine('bench:append — PostgresEventStore.append vs a plain INSERT');
  console.log(`${WRITERS} concurrent writers, one event per append, ${PHASE_SECONDS} s per phase, ${ROUNDS} rounds of (store, plain), streams of ${STREAM_LENGTH} events\n`);

  const database = await createBenchDatabase();
  const handle = openServer(database.url, WRITERS);
  const db = await initDataSource(handle, schema);
  onCleanup(async () => {
    if (db.isInitialized) await db.destroy();
  });
  await db.query(PLAIN_TABLE);
  const store = new PostgresEventStore(db);

  console.log(`warm-up (${WARMUP_SECONDS} s each, not counted)`);
  await phase(db, store, 'store', 'warm', WARMUP_SECONDS);
  await phase(db, store, 'plain', 'warm', WARMUP_SECONDS);

  console.log('measuring');
  const results: PhaseResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    results.push(await measured(db, store, 'store', round));
    results.push(await measured(db, store, 'plain', round));
  }

  // The figures are of correct appends only: every stream is gap-free and nothing was lost.
  const [check] = await db.query(`
    SELECT (SELECT count(*) FROM events)::int AS events,
           (SELECT count(*) FROM plain_events)::int AS plain,
           (SELECT count(*) FROM (SELECT stream_id FROM events GROUP BY stream_id HAVING max(stream_version) <> count(*)) g)::int AS gappy`);

  const sum = (kind: Kind, pick: (r: PhaseResult) => number) => results.filter((r) => r.kind === kind).reduce((s, r) => s + pick(r), 0);
  const rate = (kind: Kind) => (sum(kind, (r) => r.appends) / sum(kind, (r) => r.ms)) * 1000;
  const avg = (kind: Kind, pick: (r: PhaseResult) => number) => sum(kind, pick) / results.filter((r) => r.kind === kind).length;
  const storeRate = rate('store');
  const plainRate = rate('plain');
  const ratio = storeRate / plainRate;

  console.log('\nsummary (all rounds pooled)');
  console.log(
    table(
      ['path', 'appends/s', 'p50 ms', 'p99 ms', 'node CPU µs/append', 'WAL bytes/append', 'errors'],
      (['store', 'plain'] as Kind[]).map((kind) => [
        kind === 'store' ? 'PostgresEventStore.append' : 'plain INSERT',
        fmt(rate(kind)),
        avg(kind, (r) => r.p50).toFixed(2),
        avg(kind, (r) => r.p99).toFixed(2),
        fmt(avg(kind, (r) => r.nodeCpuUsPerOp)),
        fmt(avg(kind, (r) => r.walBytesPerOp)),
        sum(kind, (r) => r.errors),
      ]),
    ),
  );
  for (let round = 1; round <= ROUNDS; round++) {
    const [s, p] = [results.find((r) => r.round === round && r.kind === 'store')!, results.find((r) => r.round === round && r.kind === 'plain')!];
    console.log(`round ${round} ratio store/plain = ${(s.rate / p.rate).toFixed(3)}`);
  }
  const appended = sum('store', (r) => r.appends);
  console.log(
    `check: events table holds ${fmt(check.events)} rows (${fmt(appended)} measured + warm-up), plain_events ${fmt(check.plain)}; streams with gaps: ${check.gappy}`,
  );
  console.log(`\nstore ${fmt(storeRate)} appends/s, plain ${fmt(plainRate)} appends/s, ratio ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO}): ${verdict(ratio >= TARGET_RATIO)}`);
}

runBench('bench:append', main);
