// Shared helpers for the benchmarks: a throw-away database on the PostgreSQL server, environment knobs,
// machine facts, a hard time limit with clean-up, and number formatting. Benchmarks print; they never assert.
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import pg from 'pg';

/** The server the benchmarks may create databases on (any database name in the URL is replaced). */
export function serverUrl(database = 'postgres'): string {
  const base = new URL(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/${database}`;
  return base.toString();
}

/** Shows a URL without any password. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number (got "${raw}")`);
  return value;
}

export function envFlag(name: string, fallback = false): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Clean-up: everything registered here runs once, on success, failure, Ctrl-C or the time limit.
// ---------------------------------------------------------------------------------------------

const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;

/** Registers a clean-up step; the last registered runs first. */
export function onCleanup(step: () => Promise<void>): void {
  cleanups.push(step);
}

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const step = cleanups.pop()!;
      await step().catch((error) => console.error(`clean-up step failed: ${(error as Error).message}`));
    }
  })();
  return cleaning;
}

/**
 * Runs a benchmark's main function with a hard time limit (BENCH_MAX_SECONDS, default 170 s):
 * whatever happens, the clean-up runs and the process exits.
 */
export function runBench(name: string, main: () => Promise<void>, defaultMaxSeconds = 170): void {
  const maxSeconds = envNumber('BENCH_MAX_SECONDS', defaultMaxSeconds);
  const started = Date.now();
  const finish = async (code: number) => {
    await Promise.race([cleanup(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
    console.log(`\n[${name}] finished in ${((Date.now() - started) / 1000).toFixed(1)} s${code === 0 ? '' : ` (exit ${code})`}`);
    process.exit(code);
  };
  const limit = setTimeout(() => {
    console.error(`\n[${name}] time limit of ${maxSeconds} s reached (BENCH_MAX_SECONDS): stopping and cleaning up.`);
    void finish(2);
  }, maxSeconds * 1000);
  limit.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n[${name}] ${signal}: cleaning up.`);
      void finish(130);
    });
  }
  main().then(
    () => finish(0),
    (error) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      return finish(1);
    },
  );
}

// ---------------------------------------------------------------------------------------------
// A throw-away database
// ---------------------------------------------------------------------------------------------

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${redact(serverUrl())} (${(error as Error).message}). Set BENCH_DATABASE_URL.`);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates `kehittamo_bench_<random>`, registers its DROP for clean-up (BENCH_KEEP_DATABASE=1 keeps it, for a look afterwards). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `kehittamo_bench_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    if (envFlag('BENCH_KEEP_DATABASE')) {
      console.log(`kept database ${name} (BENCH_KEEP_DATABASE): drop it with DROP DATABASE ${name} WITH (FORCE)`);
      return;
    }
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    console.log(`dropped database ${name}`);
  };
  onCleanup(drop);
  console.log(`created database ${name} on ${redact(serverUrl())}`);
  return { name, url: serverUrl(name), drop };
}

export async function serverVersion(): Promise<string> {
  return admin(async (client) => {
    const { rows } = await client.query(`SELECT current_setting('server_version') AS v, current_setting('synchronous_commit') AS sc,
      current_setting('shared_buffers') AS sb, current_setting('max_connections') AS mc`);
    const r = rows[0];
    return `PostgreSQL ${r.v} (synchronous_commit=${r.sc}, shared_buffers=${r.sb}, max_connections=${r.mc})`;
  });
}

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------

/** The commit measured, and whether the working tree had changes (others may be editing while we measure). */
function codeVersion(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter(Boolean).length;
    return changed === 0 ? `commit ${head}` : `commit ${head} + ${changed} changed files in the working tree`;
  } catch {
    return 'unknown (no git)';
  }
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

/** Prints the machine, the load on it now (other processes may be running) and the PostgreSQL server. */
export async function printMachine(title: string, withPostgres = true): Promise<void> {
  console.log(`# ${title}`);
  console.log(`date        ${new Date().toISOString()}`);
  console.log(`cpus        ${availableParallelism()} (${cpus()[0]?.model ?? 'unknown'})`);
  console.log(`memory      ${gib(totalmem())} total, ${gib(freemem())} free`);
  console.log(`node        ${process.version}`);
  console.log(`load avg    ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1/5/15 min; other processes may be running)`);
  console.log(`code        ${codeVersion()}`);
  if (withPostgres) {
    try {
      console.log(`database    ${await serverVersion()}`);
    } catch (error) {
      console.log(`database    ${(error as Error).message}`);
    }
  }
  console.log('');
}

export const fmt = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** A plain text table. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export const verdict = (met: boolean): string => (met ? 'MET' : 'MISSED');

/** A small deterministic generator (mulberry32), so data sets are the same from run to run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * CPU time (ms) used so far by the local PostgreSQL server's processes, read from /proc.
 * Approximate (backends that exit between two readings drop out); undefined when there is no /proc or no local server.
 */
export async function postgresCpuMs(): Promise<number | undefined> {
  const { readdir, readFile } = await import('node:fs/promises');
  let total = 0;
  let found = false;
  try {
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
        const fields = stat.slice(close + 2).split(' ');
        // utime and stime are fields 14 and 15 of the line, i.e. 12 and 13 after the name; in clock ticks (100 Hz).
        total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
        found = true;
      } catch {
        /* the process has gone */
      }
    }
  } catch {
    return undefined;
  }
  return found ? total : undefined;
}
