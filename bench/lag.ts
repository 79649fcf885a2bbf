// End-to-end lag in scale-out: a command accepted by the API (PostgreSQL event store, PROJECTIONS=off)
// -> relay -> Kafka -> projector (FEED=kafka) -> read models. Per command: the time from the API's
// 201 to the moment every projection's checkpoint (what the API's read-your-writes wait reads)
// includes its position, i.e. the read models show it. Target: 1,000 commands/s for 60 s, p99 <= 1 s.
//   npm run bench:lag                      (needs PostgreSQL and the Kafka broker: bash infra/kafka/start.sh)
// The API, the relay and the projector run as their own processes (dist/apps/*/src/main.js), as in
// docker-compose.yml; this process only sends the commands and watches the checkpoints.
// Knobs: BENCH_LAG_RATE (1000 commands/s), BENCH_LAG_SECONDS (60), BENCH_LAG_WARMUP_SECONDS (5, not counted),
//        BENCH_LAG_CONCURRENCY (64 commands in flight at most), BENCH_LAG_PARTITIONS (6), BENCH_LAG_RELAY_POLL_MS (25),
//        BENCH_LAG_POLL_MS (5: how often the checkpoints are read), KAFKA_BROKERS, BENCH_DATABASE_URL, BENCH_MAX_SECONDS.
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { logLevel } from 'kafkajs';
import pg from 'pg';
import { compareCheckpoints, parseToken, type Checkpoint } from '#event-store';
import { createKafka } from '#messaging';
import { loadConfig, loadOrCreateLocalKeys, signLocalToken } from '#platform';
import { allProjections } from '../apps/api/src/runtime.js';
import { createBenchDatabase, envNumber, fmt, onCleanup, printMachine, runBench, table, verdict } from './support.js';

const RATE = envNumber('BENCH_LAG_RATE', 1_000);
const SECONDS = envNumber('BENCH_LAG_SECONDS', 60);
const WARMUP = envNumber('BENCH_LAG_WARMUP_SECONDS', 5);
const CONCURRENCY = envNumber('BENCH_LAG_CONCURRENCY', 64);
const PARTITIONS = envNumber('BENCH_LAG_PARTITIONS', 6);
const RELAY_POLL_MS = envNumber('BENCH_LAG_RELAY_POLL_MS', 25);
const POLL_MS = envNumber('BENCH_LAG_POLL_MS', 5);
const TARGET_RATE = 1_000;
const TARGET_P99_MS = 1_000;
const DRAIN_MS = 30_000;

const dist = (entry: string) => fileURLToPath(new URL(`../apps/${entry}/src/main.js`, import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startProcess(name: string, entry: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000));
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    console.log(`stopped ${name}`);
  });
  return { child, output: () => output };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, detail: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${detail()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);

interface Pending {
  token: Checkpoint;
  acceptedAt: number;
  counted: boolean;
}

runBench(
  'bench:lag',
  async () => {
    await printMachine('bench:lag — command accepted -> relay -> Kafka -> projector (FEED=kafka) -> read model');
    const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:19092';
    const bench = await createBenchDatabase();
    const prefix = `bench.lag.${randomBytes(4).toString('hex')}.`;
    const kafka = createKafka({ brokers: brokers.split(','), clientId: 'bench-lag', logLevel: logLevel.ERROR });
    onCleanup(async () => {
      const admin = kafka.admin();
      await admin.connect();
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (mine.length) await admin.deleteTopics({ topics: mine });
      await admin.deleteGroups([`${prefix}projector`]).catch(() => undefined);
      await admin.disconnect();
      console.log(`deleted topics ${prefix}*`);
    });
    const dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-bench-lag-'));
    onCleanup(() => rm(dataDir, { recursive: true, force: true }));
    const keys = await loadOrCreateLocalKeys(dataDir);
    const config = loadConfig({ DATA_DIR: dataDir }, []);
    const port = await freePort();
    const common = {
      DATABASE_URL: bench.url,
      DATA_DIR: dataDir,
      PSEUDONYM_KEY: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: brokers,
      KAFKA_LOG_LEVEL: 'error',
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
      KAFKA_REPLICATION_FACTOR: '1',
    };
    // The API first: it migrates the database. CONSISTENCY_WAIT_MS=0: it answers at once (the bench measures the wait).
    const api = startProcess('api', dist('api'), { ...common, PORT: String(port), HOST: '127.0.0.1', PROJECTIONS: 'off', CONSISTENCY_WAIT_MS: '0' });
    const base = `http://127.0.0.1:${port}`;
    await waitFor('the API answers /health/live', async () => (await fetch(`${base}/health/live`)).ok, 60_000, api.output);
    const relay = startProcess('relay', dist('relay'), { ...common, RELAY_POLL_MS: String(RELAY_POLL_MS) });
    const projector = startProcess('projector', dist('projector'), { ...common, FEED: 'kafka', KAFKA_GROUP_ID: `${prefix}projector` });
    for (const [name, p] of [['relay', relay], ['projector', projector]] as const) {
      p.child.once('exit', (code, signal) => {
        if (code !== 0) console.error(`${name} exited (${code ?? signal}):\n${p.output()}`);
      });
    }

    const db = new pg.Pool({ connectionString: bench.url, max: 2 });
    onCleanup(() => db.end());
    // Inline views are written with the events on the PostgreSQL store: only the others follow the feed.
    const names = allProjections().filter((p) => !p.inline).map((p) => p.name);
    /** The position every projection has applied (what the API's consistency wait reads). */
    const applied = async (): Promise<Checkpoint | undefined> => {
      const { rows } = await db.query('SELECT transaction_id::text AS tx, position::text AS pos FROM projection_checkpoints WHERE name = ANY($1) ORDER BY transaction_id, position', [names]);
      return rows.length === names.length ? { transactionId: rows[0].tx, position: rows[0].pos } : undefined;
    };

    const employees = await Promise.all(Array.from({ length: 20 }, (_, i) => signLocalToken(keys, config.auth, { subject: `bench-${i}`, organisation: `bench-org-${i % 4}`, roles: ['employee'] })));
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let sequence = 0;
    const submit = (): Promise<{ status: number; token?: string }> =>
      new Promise((resolve, reject) => {
        const n = sequence++;
        const body = JSON.stringify({
          title: `Mittausidea ${n}`,
          description: 'Aamujono on pitkä. Verkkoajanvaraus tasaisi ruuhkaa ja vapauttaisi aikaa neuvontaan.',
          problem: 'Jonot ovat pitkiä.',
          proposal: 'Ajanvaraus verkossa.',
          unit: `yksikko-${n % 10}`,
          sector: 'social-and-health',
          themes: ['digitalisaatio'],
          language: 'fi',
          anonymous: n % 5 === 0,
        });
        const req = request(
          `${base}/api/ideas`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${employees[n % employees.length]}` } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, token: res.headers['x-consistency-token'] as string | undefined }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    // One command through the whole pipeline before the clock starts (topics created, group joined).
    const first = await submit();
    if (first.status !== 201 || !first.token) throw new Error(`the API refused the first command (${first.status}):\n${api.output()}`);
    await waitFor(
      'the first command reaches the read models (relay and projector up)',
      async () => {
        const at = await applied();
        return at !== undefined && compareCheckpoints(at, parseToken(first.token!)!) >= 0;
      },
      90_000,
      () => `relay:\n${relay.output()}\nprojector:\n${projector.output()}`,
    );
    console.log(`pipeline up; ${fmt(RATE)} commands/s for ${WARMUP} s warm-up + ${SECONDS} s measured, ≤ ${CONCURRENCY} in flight, ${PARTITIONS} partitions, relay poll ${RELAY_POLL_MS} ms\n`);

    // The watcher: every POLL_MS, the applied position; commands at or before it are visible.
    let pending: Pending[] = [];
    const lags: number[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching || pending.length > 0) {
        const at = await applied();
        const now = performance.now();
        if (at && pending.length > 0) {
          const still: Pending[] = [];
          for (const p of pending) {
            if (compareCheckpoints(p.token, at) <= 0) {
              if (p.counted) lags.push(now - p.acceptedAt);
            } else still.push(p);
          }
          pending = still;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    })();

    // Open loop: commands start on schedule (RATE per second) whatever the answers take, up to CONCURRENCY in flight.
    const accept: number[] = [];
    let sent = 0;
    let accepted = 0;
    let refused = 0;
    const statuses = new Map<number, number>();
    let failed = 0;
    let behind = 0;
    let inFlight = 0;
    const started = performance.now();
    const warmupEnd = started + WARMUP * 1000;
    const end = warmupEnd + SECONDS * 1000;
    let measuredSent = 0;
    for (let due = 0; ; due++) {
      const at = started + (due * 1000) / RATE;
      if (at >= end) break;
      const wait = at - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const counted = at >= warmupEnd;
      if (inFlight >= CONCURRENCY) {
        if (counted) behind++;
        continue;
      }
      inFlight++;
      sent++;
      if (counted) measuredSent++;
      const t0 = performance.now();
      void submit().then(
          ({ status, token }) => {
            inFlight--;
            const now = performance.now();
            if (status === 201 && token) {
              if (counted) {
                accepted++;
                accept.push(now - t0);
              }
              pending.push({ token: parseToken(token)!, acceptedAt: now, counted });
            } else if (counted) {
              refused++;
              statuses.set(status, (statuses.get(status) ?? 0) + 1);
            }
          },
          () => {
            inFlight--;
            if (counted) failed++;
          },
        );
    }
    const answersBy = Date.now() + DRAIN_MS;
    while (inFlight > 0 && Date.now() < answersBy) await new Promise((resolve) => setTimeout(resolve, 10));
    const loadEnded = performance.now();
    const measuredSeconds = (Math.max(loadEnded, end) - warmupEnd) / 1000;
    // Whatever is still on its way gets DRAIN_MS to show up.
    const drainUntil = Date.now() + DRAIN_MS;
    while (pending.some((p) => p.counted) && Date.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 50));
    const notVisible = pending.filter((p) => p.counted).length;
    watching = false;
    pending = [];
    await watcher;
    agent.destroy();

    const sorted = [...lags].sort((a, b) => a - b);
    const acceptSorted = [...accept].sort((a, b) => a - b);
    const rate = accepted / measuredSeconds;
    const ms = (v: number) => (Number.isNaN(v) ? '—' : fmt(v));
    console.log(
      table(
        ['commands/s asked', 'sent', 'accepted (201)', 'accepted/s achieved', 'refused', 'failed', 'skipped (in-flight cap)', 'not visible in 30 s'],
        [[fmt(RATE), fmt(measuredSent), fmt(accepted), fmt(rate, 1), fmt(refused), fmt(failed), fmt(behind), fmt(notVisible)]],
      ),
    );
    console.log();
    console.log(
      table(
        ['', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'n'],
        [
          ['accepted -> visible in the read models', ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]), fmt(sorted.length)],
          ['command answered (POST /api/ideas)', ms(percentile(acceptSorted, 50)), ms(percentile(acceptSorted, 95)), ms(percentile(acceptSorted, 99)), ms(acceptSorted[acceptSorted.length - 1]), fmt(acceptSorted.length)],
        ],
      ),
    );
    if (statuses.size > 0) console.log(`\nrefused by status: ${[...statuses].map(([status, n]) => `${status} × ${fmt(n)}`).join(', ')}`);
    const p99 = percentile(sorted, 99);
    console.log(`\nvisible = every projection's checkpoint (written by the Kafka-fed projector) includes the command's position; watched every ${POLL_MS} ms`);
    console.log(`rate: ${fmt(rate, 1)} accepted/s sustained for ${measuredSeconds.toFixed(1)} s (target ≥ ${fmt(TARGET_RATE)}/s) -> ${verdict(rate >= TARGET_RATE * 0.99 && behind === 0)}`);
    console.log(`lag: p99 ${ms(p99)} ms (target ≤ ${fmt(TARGET_P99_MS)} ms) -> ${verdict(p99 <= TARGET_P99_MS && notVisible === 0)}`);
  },
  envNumber('BENCH_LAG_SECONDS', 60) + envNumber('BENCH_LAG_WARMUP_SECONDS', 5) + 180,
);
