// HTTP throughput of POST /api/ideas on the full app (in-process, as the e2e tests start it), on the embedded
// database and on a fresh database on the PostgreSQL server, next to the machine's limit measured in the same run:
// a plain node:http server doing one INSERT per request on the same PostgreSQL, under the same load generator.
// The POST answers once the idea's own view is committed with the events (inline); the asynchronous projections
// follow from the feed, and the check waits for them before comparing counts.
//   npm run bench:api
// Knobs: BENCH_DATABASE_URL, BENCH_API_TARGETS (baseline,embedded,postgres), BENCH_API_CONNECTIONS (20),
//        BENCH_API_SECONDS (10), BENCH_API_WARMUP_SECONDS (2), BENCH_API_LOADGEN (child | inprocess),
//        PROJECTION_BATCH_SIZE / PROJECTION_POLL_MS / CONSISTENCY_WAIT_MS (passed to the app),
//        BENCH_API_PROFILE (0; 1 times the steps of a request and counts SQL statements — adds overhead), BENCH_MAX_SECONDS.
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, loadOrCreateLocalKeys, signLocalToken } from '#platform';
import { createHttpApp } from '../apps/api/src/http-app.js';
import { createRuntime, type Runtime } from '../apps/api/src/runtime.js';
import { runLoad, type LoadJob, type LoadSummary } from './api-load.js';
import { createBenchDatabase, envFlag, envNumber, fmt, onCleanup, postgresCpuMs, printMachine, runBench, table, verdict } from './support.js';

type Target = 'baseline' | 'embedded' | 'postgres';

const TARGETS = (process.env.BENCH_API_TARGETS ?? 'baseline,embedded,postgres').split(',').map((t) => t.trim()) as Target[];
const CONNECTIONS = envNumber('BENCH_API_CONNECTIONS', 20);
const SECONDS = envNumber('BENCH_API_SECONDS', 10);
const WARMUP_SECONDS = envNumber('BENCH_API_WARMUP_SECONDS', 2);
const PROFILE = envFlag('BENCH_API_PROFILE');
const LOADGEN = (process.env.BENCH_API_LOADGEN ?? 'child') === 'inprocess' ? 'inprocess' : 'child';
const TARGET_RPS = 1_500;
const TARGET_P99_MS = 50;
const TARGET_RATIO = 0.15;
const TARGET_EMBEDDED_RPS = 500;

const BODY = JSON.stringify({
  title: 'Yhteinen sähköinen varauskalenteri kokoustiloille',
  description: 'Kokoustilojen varaaminen vie aikaa, koska jokaisella talolla on oma vihkonsa. Yksi kalenteri kaikille taloille.',
  problem: 'Tiloja varataan päällekkäin ja tyhjiä tiloja jää käyttämättä.',
  proposal: 'Kokeillaan yhteistä kalenteria kolmessa talossa kevään ajan.',
  unit: 'tilapalvelut',
  sector: 'business-and-support',
  themes: ['digitalisaatio', 'tilat'],
  language: 'fi',
  media: [{ kind: 'image', url: 'https://intra.imatra.example/kuvat/kalenteri.png', caption: 'Luonnos kalenterista' }],
});

/** Runs the load in a child process (default) or in this process. */
function load(job: LoadJob): Promise<LoadSummary> {
  if (LOADGEN === 'inprocess') return runLoad(job);
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./api-load.js', import.meta.url)), [JSON.stringify(job)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answered = false;
    child.once('message', (message: { ok: boolean; summary?: LoadSummary; error?: string }) => {
      answered = true;
      if (message.ok) resolve(message.summary!);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`load generator exited with ${code} without a result`));
    });
    onCleanup(async () => {
      if (child.exitCode === null) child.kill();
    });
  });
}

/**
 * Opt-in instrumentation (BENCH_API_PROFILE=1): times the steps of each request and the projection batches,
 * and counts the SQL statements sent (by wrapping pg's Client#query in this process). Only for finding
 * where the time goes; the figures of a profiled run are a little lower.
 */
class Profiler {
  private readonly steps = new Map<string, { calls: number; ms: number; max: number }>();
  private readonly statements = new Map<string, number>();
  private eventsRead = 0;
  private readonly original = pg.Client.prototype.query;

  constructor(runtime: Runtime) {
    const time = <T extends object>(target: T, method: keyof T & string, label: string) => {
      const fn = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
      (target as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await fn(...args);
        } finally {
          const ms = performance.now() - started;
          const step = this.steps.get(label) ?? { calls: 0, ms: 0, max: 0 };
          step.calls++;
          step.ms += ms;
          step.max = Math.max(step.max, ms);
          this.steps.set(label, step);
        }
      };
    };
    time(runtime.store, 'readStream', 'store.readStream (load the stream)');
    time(runtime.store, 'append', 'store.append');
    time(runtime.runner, 'waitFor', 'runner.waitFor (read-your-writes)');
    time(runtime.runner, 'runOnce', 'runner.runOnce (one projection batch)');
    const readAll = runtime.store.readAll.bind(runtime.store);
    runtime.store.readAll = async (...args) => {
      const events = await readAll(...args);
      this.eventsRead += events.length;
      return events;
    };
    const statements = this.statements;
    const original = this.original;
    pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
      const text = typeof config === 'string' ? config : (config as { text?: string } | undefined)?.text;
      if (text) {
        const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
        statements.set(key, (statements.get(key) ?? 0) + 1);
      }
      return (original as (...args: unknown[]) => unknown).call(this, config, ...rest);
    } as typeof pg.Client.prototype.query;
    onCleanup(async () => this.restore());
  }

  reset(): void {
    this.steps.clear();
    this.statements.clear();
    this.eventsRead = 0;
  }

  restore(): void {
    pg.Client.prototype.query = this.original;
  }

  print(requests: number): void {
    const n = Math.max(1, requests);
    const batches = [...this.steps].find(([label]) => label.startsWith('runner.runOnce'))?.[1].calls ?? 0;
    console.log(`profile over ${fmt(requests)} requests:`);
    console.log(
      table(
        ['step', 'calls/request', 'avg ms', 'max ms'],
        [...this.steps].map(([label, s]) => [label, (s.calls / n).toFixed(2), (s.ms / Math.max(1, s.calls)).toFixed(2), s.max.toFixed(0)]),
      ),
    );
    console.log(`projection batches: ${fmt(batches)}, ${(this.eventsRead / Math.max(1, batches)).toFixed(1)} events per batch`);
    const total = [...this.statements.values()].reduce((a, b) => a + b, 0);
    console.log(`SQL statements: ${(total / n).toFixed(1)} per request; the most frequent:`);
    for (const [sql, count] of [...this.statements].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${(count / n).toFixed(2).padStart(6)}  ${sql}`);
  }
}

interface TargetResult {
  target: Target;
  summary: LoadSummary;
  serverCpuMs: number;
  postgresCpuMs?: number;
  check: string;
}

/** The machine's limit: node:http and one INSERT per request into the same PostgreSQL, nothing else. */
async function benchBaseline(): Promise<TargetResult> {
  console.log('\n## baseline (node:http + one INSERT per request)');
  const { url: databaseUrl } = await createBenchDatabase();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  onCleanup(() => pool.end().catch(() => undefined));
  await pool.query(`CREATE TABLE baseline_ideas (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      pool.query('INSERT INTO baseline_ideas (body) VALUES ($1::jsonb) RETURNING id', [Buffer.concat(chunks).toString('utf8')]).then(
        ({ rows }) => {
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: rows[0].id }));
        },
        (error: Error) => {
          res.writeHead(500);
          res.end(error.message);
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as { port: number };
  const job: LoadJob = { url: `http://127.0.0.1:${port}/`, token: 'none', body: BODY, connections: CONNECTIONS, seconds: WARMUP_SECONDS };
  await load(job);
  const cpu = process.cpuUsage();
  const pgBefore = await postgresCpuMs();
  const summary = await load({ ...job, seconds: SECONDS });
  const used = process.cpuUsage(cpu);
  const pgAfter = await postgresCpuMs();
  const [{ n }] = (await pool.query('SELECT count(*)::int AS n FROM baseline_ideas')).rows;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { target: 'baseline', summary, serverCpuMs: (used.user + used.system) / 1000, postgresCpuMs: pgAfter !== undefined && pgBefore !== undefined ? pgAfter - pgBefore : undefined, check: `${fmt(n)} rows` };
}

async function benchTarget(target: Target): Promise<TargetResult> {
  if (target === 'baseline') return benchBaseline();
  console.log(`\n## ${target}`);
  const dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-bench-'));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  // One user sends every write: the write limits are raised far above the load (the limiter still runs);
  // RATE_LIMIT=off or other RATE_LIMIT_* values from the environment apply instead.
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: '0', RATE_LIMIT_WRITES_PER_MINUTE_USER: '1000000000', RATE_LIMIT_WRITES_PER_MINUTE_ADDRESS: '1000000000' };
  for (const name of ['PROJECTION_BATCH_SIZE', 'PROJECTION_POLL_MS', 'CONSISTENCY_WAIT_MS', 'RATE_LIMIT', 'RATE_LIMIT_WRITES_PER_MINUTE_USER', 'RATE_LIMIT_WRITES_PER_MINUTE_ADDRESS']) {
    if (process.env[name]) env[name] = process.env[name]!;
  }
  if (target === 'postgres') env.DATABASE_URL = (await createBenchDatabase()).url;
  const config = loadConfig(env, []);
  console.log(`projections: batch ${config.projections.batchSize}, poll ${config.projections.pollMs} ms, consistency wait ≤ ${config.projections.consistencyWaitMs} ms`);

  const runtime = await createRuntime(config, { inMemory: true });
  const profiler = PROFILE ? new Profiler(runtime) : undefined;
  let closed = false;
  const app = await (async () => {
    runtime.runner.start();
    return createHttpApp(runtime, { logger: false });
  })();
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close().catch(() => undefined);
    await runtime.close();
  };
  onCleanup(close);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const keys = await loadOrCreateLocalKeys(dataDir);
  const token = await signLocalToken(keys, config.auth, { subject: 'bench-employee', organisation: 'imatra', roles: ['employee'] });
  const url = `http://127.0.0.1:${port}/api/ideas`;

  // One request by hand: the body is valid and the answer is what we expect.
  const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: BODY });
  const probeBody = await probe.text();
  if (probe.status !== 201) throw new Error(`probe POST answered ${probe.status}: ${probeBody}`);

  const job: LoadJob = { url, token, body: BODY, connections: CONNECTIONS, seconds: WARMUP_SECONDS };
  console.log(`warm-up ${WARMUP_SECONDS} s…`);
  const warm = await load(job);
  console.log(`measuring ${SECONDS} s with ${CONNECTIONS} connections (load generator: ${LOADGEN === 'child' ? 'child process' : 'in-process'})…`);
  profiler?.reset();
  const cpu = process.cpuUsage();
  const pgBefore = target === 'postgres' ? await postgresCpuMs() : undefined;
  const summary = await load({ ...job, seconds: SECONDS });
  const used = process.cpuUsage(cpu);
  const pgAfter = target === 'postgres' ? await postgresCpuMs() : undefined;
  profiler?.print(summary.requests);
  profiler?.restore();

  // Every created idea must be in the read model once its POST has answered (read-your-writes).
  const created = 1 + warm.ok2xx + summary.ok2xx;
  // The asynchronous projections follow the feed: wait for them before counting.
  const caughtUp = await runtime.runner.waitFor((await runtime.store.head()).checkpoint, 120_000);
  if (!caughtUp) console.log('the asynchronous projections had not caught up within 120 s');
  const [row] = await runtime.dataSource.query(
    `SELECT (SELECT count(*) FROM events WHERE type = 'IdeaSubmitted')::int AS events, (SELECT count(*) FROM idea_views)::int AS views,
            (SELECT count(*) FROM funnel_facts)::int AS facts`,
  );
  // autocannon stops with up to `connections` requests in flight per run: their ideas exist but were not counted.
  const inFlight = 2 * CONNECTIONS;
  const complete = row.views === row.events && row.facts === row.events && row.events >= created && row.events <= created + inFlight;
  const check =
    `${fmt(created)} ideas answered 201 (+ ≤ ${inFlight} in flight at the stops); IdeaSubmitted events ${fmt(row.events)}, ` +
    `idea_views ${fmt(row.views)}, funnel_facts ${fmt(row.facts)} → ${complete ? 'read models complete' : 'MISMATCH'}`;
  console.log(`check: ${check}`);
  await close();
  return {
    target,
    summary,
    serverCpuMs: (used.user + used.system) / 1000,
    postgresCpuMs: pgBefore !== undefined && pgAfter !== undefined ? pgAfter - pgBefore : undefined,
    check,
  };
}

async function main(): Promise<void> {
  await printMachine('bench:api — POST /api/ideas on the full app');
  const results: TargetResult[] = [];
  for (const target of TARGETS) results.push(await benchTarget(target));

  console.log('\nsummary');
  console.log(
    table(
      ['database', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'app CPU ms/req', 'postgres CPU ms/req', 'loadgen CPU ms/req'],
      results.map(({ target, summary: s, serverCpuMs, postgresCpuMs: pg }) => [
        target,
        fmt(s.rps),
        s.p50.toFixed(0),
        s.p90.toFixed(0),
        s.p99.toFixed(0),
        s.max.toFixed(0),
        s.non2xx,
        s.errors,
        (serverCpuMs / Math.max(1, s.requests)).toFixed(2),
        pg === undefined ? '-' : (pg / Math.max(1, s.requests)).toFixed(2),
        (s.cpuMs / Math.max(1, s.requests)).toFixed(2),
      ]),
    ),
  );
  console.log('(app CPU on the embedded database includes PGlite, which runs inside the app process; autocannon reports latency in whole ms)');
  for (const { target, summary: s } of results) {
    if (Object.keys(s.statusCodes).length > 0) console.log(`${target} status codes: ${JSON.stringify(s.statusCodes)}`);
  }
  const pg = results.find((r) => r.target === 'postgres');
  if (pg) {
    const met = pg.summary.rps >= TARGET_RPS && pg.summary.p99 <= TARGET_P99_MS && pg.summary.non2xx === 0;
    console.log(
      `\nPostgreSQL: ${fmt(pg.summary.rps)} req/s (target ≥ ${fmt(TARGET_RPS)}), p99 ${pg.summary.p99} ms (target ≤ ${TARGET_P99_MS} ms), non-2xx ${pg.summary.non2xx}: ${verdict(met)}`,
    );
  }
  const base = results.find((r) => r.target === 'baseline');
  if (pg && base) {
    const ratio = pg.summary.rps / Math.max(1, base.summary.rps);
    console.log(`ratio to the machine's limit (node:http + one INSERT, ${fmt(base.summary.rps)} req/s, p99 ${base.summary.p99} ms): ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO}): ${verdict(ratio >= TARGET_RATIO)}`);
  }
  const embedded = results.find((r) => r.target === 'embedded');
  if (embedded) console.log(`embedded: ${fmt(embedded.summary.rps)} req/s (target ≥ ${TARGET_EMBEDDED_RPS}): ${verdict(embedded.summary.rps >= TARGET_EMBEDDED_RPS)}`);
}

runBench('bench:api', main);
