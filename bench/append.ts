// Append throughput: PostgresEventStore.append (one event per append, expected-version check) against a
// plain single-row INSERT into a table with the same columns, on the same database, in the same run.
//   npm run bench:append
// Knobs: BENCH_DATABASE_URL, BENCH_APPEND_WRITERS (10), BENCH_APPEND_SECONDS (5 per phase),
//        BENCH_APPEND_ROUNDS (2: store, plain, store, plain), BENCH_APPEND_STREAM_LENGTH (20),
//        BENCH_APPEND_DIAGNOSE (1: afterwards, the same two on a bare pg pool, and the store with prepared statements),
//        BENCH_APPEND_DIAGNOSE_SECONDS (3), BENCH_MAX_SECONDS.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { PostgresEventStore, type NewEvent } from '#event-store';
import { initDataSource, openServer } from '#platform';
import { schema } from '../apps/api/src/runtime.js';
import { createBenchDatabase, envFlag, envNumber, fmt, onCleanup, printMachine, runBench, table, verdict } from './support.js';

const WRITERS = envNumber('BENCH_APPEND_WRITERS', 10);
const PHASE_SECONDS = envNumber('BENCH_APPEND_SECONDS', 5);
const ROUNDS = envNumber('BENCH_APPEND_ROUNDS', 2);
const WARMUP_SECONDS = envNumber('BENCH_APPEND_WARMUP_SECONDS', 1);
const STREAM_LENGTH = envNumber('BENCH_APPEND_STREAM_LENGTH', 20);
const DIAGNOSE = envFlag('BENCH_APPEND_DIAGNOSE', true);
const DIAGNOSE_SECONDS = envNumber('BENCH_APPEND_DIAGNOSE_SECONDS', 3);
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

/** One way of appending one event at the given expected version. */
type AppendOp = (streamId: string, version: number, event: NewEvent) => Promise<unknown>;

interface Variant {
  key: string;
  label: string;
  op: AppendOp;
}

interface PhaseResult {
  key: string;
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
async function phase(variant: Variant, tag: string, seconds: number) {
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
      const streamId = `bench-${variant.key}-${tag}-w${w}-s${stream}`;
      const event = newEvent(w);
      const t0 = performance.now();
      try {
        await variant.op(streamId, version, event);
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
  if (firstError) console.error(`  ${variant.label} ${tag}: ${errors} errors, first: ${(firstError as Error).message}`);
  latencies.sort((a, b) => a - b);
  return { appends: latencies.length, errors, ms, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function measured(db: DataSource, variant: Variant, round: number, seconds: number): Promise<PhaseResult> {
  const walBefore = await walLsn(db);
  const cpuBefore = process.cpuUsage();
  const r = await phase(variant, `r${round}`, seconds);
  const cpu = process.cpuUsage(cpuBefore);
  const wal = await walDiff(db, walBefore, await walLsn(db));
  const result: PhaseResult = {
    key: variant.key,
    round,
    ...r,
    rate: (r.appends / r.ms) * 1000,
    nodeCpuUsPerOp: (cpu.user + cpu.system) / Math.max(1, r.appends),
    walBytesPerOp: wal / Math.max(1, r.appends),
  };
  console.log(
    `  round ${round} ${variant.label.padEnd(34)} ${fmt(result.appends).padStart(7)} appends in ${(r.ms / 1000).toFixed(2)} s = ${fmt(result.rate).padStart(6)} appends/s` +
      `  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}`,
  );
  return result;
}

function summarise(variants: Variant[], results: PhaseResult[]) {
  const of = (key: string) => results.filter((r) => r.key === key);
  const sum = (key: string, pick: (r: PhaseResult) => number) => of(key).reduce((s, r) => s + pick(r), 0);
  const avg = (key: string, pick: (r: PhaseResult) => number) => sum(key, pick) / Math.max(1, of(key).length);
  const rate = (key: string) => (sum(key, (r) => r.appends) / sum(key, (r) => r.ms)) * 1000;
  console.log(
    table(
      ['path', 'appends/s', 'p50 ms', 'p99 ms', 'node CPU µs/append', 'WAL bytes/append', 'errors'],
      variants.map((v) => [
        v.label,
        fmt(rate(v.key)),
        avg(v.key, (r) => r.p50).toFixed(2),
        avg(v.key, (r) => r.p99).toFixed(2),
        fmt(avg(v.key, (r) => r.nodeCpuUsPerOp)),
        fmt(avg(v.key, (r) => r.walBytesPerOp)),
        sum(v.key, (r) => r.errors),
      ]),
    ),
  );
  return rate;
}

async function main(): Promise<void> {
  await printMachine('bench:append — PostgresEventStore.append vs a plain INSERT');
  console.log(
    `${WRITERS} concurrent writers, one event per append, ${PHASE_SECONDS} s per phase, ${ROUNDS} rounds of (store, plain), streams of ${STREAM_LENGTH} events; ` +
      `both through the app's TypeORM DataSource (pool of ${WRITERS})\n`,
  );

  const database = await createBenchDatabase();
  const handle = openServer(database.url, WRITERS);
  const db = await initDataSource(handle, schema);
  onCleanup(async () => {
    if (db.isInitialized) await db.destroy();
  });
  await db.query(PLAIN_TABLE);
  // As the runtime builds it on a server: appends as a named prepared statement.
  const store = new PostgresEventStore(db, {}, { prepared: true });
  const plainInsert = (executor: { query(sql: string, params: unknown[]): Promise<unknown> }): AppendOp => (streamId, version, event) =>
    executor.query(PLAIN_INSERT, [event.eventId, streamId, version + 1, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)]);
  const storeVariant: Variant = { key: 'store', label: 'PostgresEventStore.append', op: (streamId, version, event) => store.append(streamId, [event], version) };
  const plainVariant: Variant = { key: 'plain', label: 'plain INSERT', op: plainInsert(db) };

  console.log(`warm-up (${WARMUP_SECONDS} s each, not counted)`);
  await phase(storeVariant, 'warm', WARMUP_SECONDS);
  await phase(plainVariant, 'warm', WARMUP_SECONDS);

  console.log('measuring');
  const results: PhaseResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    results.push(await measured(db, storeVariant, round, PHASE_SECONDS));
    results.push(await measured(db, plainVariant, round, PHASE_SECONDS));
  }

  // The figures are of correct appends only: every stream is gap-free and nothing was lost.
  const [check] = await db.query(`
    SELECT (SELECT count(*) FROM events)::int AS events,
           (SELECT count(*) FROM plain_events)::int AS plain,
           (SELECT count(*) FROM (SELECT stream_id FROM events GROUP BY stream_id HAVING max(stream_version) <> count(*)) g)::int AS gappy`);

  console.log('\nsummary (all rounds pooled)');
  const rate = summarise([storeVariant, plainVariant], results);
  const storeRate = rate('store');
  const plainRate = rate('plain');
  const ratio = storeRate / plainRate;
  for (let round = 1; round <= ROUNDS; round++) {
    const [s, p] = [results.find((r) => r.round === round && r.key === 'store')!, results.find((r) => r.round === round && r.key === 'plain')!];
    console.log(`round ${round} ratio store/plain = ${(s.rate / p.rate).toFixed(3)}`);
  }
  console.log(
    `check: events table holds ${fmt(check.events)} rows (${fmt(results.filter((r) => r.key === 'store').reduce((n, r) => n + r.appends, 0))} measured + warm-up), ` +
      `plain_events ${fmt(check.plain)}; streams with gaps: ${check.gappy}`,
  );

  if (DIAGNOSE) {
    // Where does the gap come from? The same store and the same plain INSERT on a bare pg pool, without TypeORM,
    // and the store once more with every statement sent as a named (prepared, planned once per connection) statement.
    console.log(`\ndiagnosis (${DIAGNOSE_SECONDS} s each, bare pg pool of ${WRITERS}; not the product's path)`);
    const pool = new pg.Pool({ connectionString: database.url, max: WRITERS });
    onCleanup(() => pool.end());
    const unnamed = { query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows };
    const names = new Map<string, string>();
    const named = {
      query: async (sql: string, params?: unknown[]) => {
        let name = names.get(sql);
        if (!name) names.set(sql, (name = `bench_${names.size}`));
        return (await pool.query({ name, text: sql, values: params })).rows;
      },
    };
    const rawStore = new PostgresEventStore(unnamed);
    const preparedStore = new PostgresEventStore(named);
    const diagnostic: Variant[] = [
      { key: 'raw-store', label: 'store, bare pg', op: (streamId, version, event) => rawStore.append(streamId, [event], version) },
      { key: 'raw-prepared', label: 'store, bare pg, prepared statements', op: (streamId, version, event) => preparedStore.append(streamId, [event], version) },
      { key: 'raw-plain', label: 'plain INSERT, bare pg', op: plainInsert(unnamed) },
    ];
    for (const v of diagnostic) await phase(v, 'warm', 0.5);
    const diag: PhaseResult[] = [];
    for (const v of diagnostic) diag.push(await measured(db, v, 1, DIAGNOSE_SECONDS));
    const diagRate = summarise(diagnostic, diag);
    console.log(
      `ratios to plain INSERT on bare pg: store ${(diagRate('raw-store') / diagRate('raw-plain')).toFixed(3)}, ` +
        `store with prepared statements ${(diagRate('raw-prepared') / diagRate('raw-plain')).toFixed(3)}`,
    );
  }

  console.log(`\nstore ${fmt(storeRate)} appends/s, plain ${fmt(plainRate)} appends/s, ratio ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO}): ${verdict(ratio >= TARGET_RATIO)}`);
}

runBench('bench:append', main);
