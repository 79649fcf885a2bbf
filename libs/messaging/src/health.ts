// Health of the processes around Kafka: a Kafka check every process with Kafka uses (the API's
// /health/ready too), and a small HTTP server for the relay and the projector, which have no API:
// /health/live, /health/ready (database, event store, Kafka; 503 problem+json when one is down) and
// /metrics (Prometheus text). The answers have the same shape as the API's terminus answers.
import { createServer, type Server } from 'node:http';
import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { compareCheckpoints, type Checkpoint, type EventStore } from '#event-store';

/** Nest injection token of the process's Kafka client (null when the process has no Kafka). */
export const KAFKA = Symbol('Kafka');

/** One dependency: resolves with details when it is up, throws when it is down. */
export interface HealthCheck {
  name: string;
  check(): Promise<Record<string, unknown>>;
}

export interface HealthReport {
  status: 'ok' | 'error';
  info: Record<string, Record<string, unknown>>;
  error: Record<string, Record<string, unknown>>;
  details: Record<string, Record<string, unknown>>;
}

export const withTimeout = <T>(promise: Promise<T>, ms: number, what = 'no answer'): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
};

/** Kafka is up when a broker of the bootstrap list answers a metadata request (bounded by `timeoutMs`). */
export async function checkKafka(kafka: Kafka, timeoutMs = 3_000): Promise<{ brokers: number; controller: number | null }> {
  const admin = kafka.admin({ retry: { retries: 0 } });
  const work = (async () => {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('the cluster lists no brokers');
    return { brokers: cluster.brokers.length, controller: cluster.controller };
  })();
  work.catch(() => undefined);
  try {
    return await withTimeout(work, timeoutMs, 'no answer from Kafka');
  } finally {
    void admin.disconnect().catch(() => undefined);
  }
}

export const kafkaHealth = (kafka: Kafka, timeoutMs = 3_000): HealthCheck => ({ name: 'kafka', check: () => checkKafka(kafka, timeoutMs) });

export const databaseHealth = (db: DataSource, timeoutMs = 2_000): HealthCheck => ({
  name: 'database',
  check: async () => {
    await withTimeout(db.query('SELECT 1'), timeoutMs);
    return {};
  },
});

export const eventStoreHealth = (store: EventStore, timeoutMs = 2_000): HealthCheck => ({
  name: 'eventStore',
  check: async () => ({ events: (await withTimeout(store.head(), timeoutMs)).count }),
});

/** Runs every check at once; `ok` only when all are up. */
export async function runHealthChecks(checks: HealthCheck[]): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        return { name: c.name, up: true, details: { status: 'up', ...(await c.check()) } };
      } catch (error) {
        return { name: c.name, up: false, details: { status: 'down', message: (error as Error).message } };
      }
    }),
  );
  const report: HealthReport = { status: results.every((r) => r.up) ? 'ok' : 'error', info: {}, error: {}, details: {} };
  for (const r of results) {
    (r.up ? report.info : report.error)[r.name] = r.details;
    report.details[r.name] = r.details;
  }
  return report;
}

/**
 * Prometheus lines for how far behind the store's head each named checkpoint row is, in events. The
 * count runs on the PostgreSQL event store's table; for another store only the checkpoints are shown.
 */
export async function checkpointLagMetrics(db: DataSource, store: EventStore, names: string[], countable: boolean, metric = 'kehittamo_projection_lag_events', label = 'projection'): Promise<string[]> {
  const head = await store.head();
  const rows: { name: string; tx: string; pos: string; events_applied: string; last_error: string | null }[] = await db.query(
    'SELECT name, transaction_id::text AS tx, position::text AS pos, events_applied::text, last_error FROM projection_checkpoints WHERE name = ANY($1)',
    [names],
  );
  const lines = ['# HELP kehittamo_events_total Events in the event store.', '# TYPE kehittamo_events_total gauge', `kehittamo_events_total ${head.count}`];
  if (countable) lines.push(`# HELP ${metric} Events in the store not yet handled.`, `# TYPE ${metric} gauge`);
  for (const name of names) {
    const row = rows.find((r) => r.name === name);
    if (!countable) continue;
    let lag = head.count;
    if (row) {
      const at: Checkpoint = { transactionId: row.tx, position: row.pos };
      if (compareCheckpoints(at, head.checkpoint) >= 0) lag = 0;
      else {
        const [counted] = await db.query(`SELECT count(*)::int AS n FROM events WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)`, [at.transactionId, at.position]);
        lag = counted.n;
      }
    }
    lines.push(`${metric}{${label}="${name}"} ${lag}`);
  }
  lines.push(`# HELP kehittamo_${label}_failing Whether the last batch failed (1) or not (0).`, `# TYPE kehittamo_${label}_failing gauge`);
  for (const name of names) lines.push(`kehittamo_${label}_failing{${label}="${name}"} ${rows.find((r) => r.name === name)?.last_error ? 1 : 0}`);
  return lines;
}

export interface HealthServerOptions {
  port: number;
  host: string;
  /** What /health/ready checks. */
  checks: HealthCheck[];
  /** Prometheus text lines for /metrics. */
  metrics: () => Promise<string[]>;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** GET /health/live, /health/ready and /metrics on their own port (HEALTH_PORT). */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const logger = new Logger('Health');
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const json = (status: number, body: unknown, type = 'application/json', headers: Record<string, string> = {}) => send(status, `${type}; charset=utf-8`, JSON.stringify(body), headers);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      json(405, { type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: 'Only GET and HEAD.' }, 'application/problem+json', { Allow: 'GET, HEAD' });
      return;
    }
    const answer = async () => {
      if (path === '/health/live') return json(200, { status: 'ok' });
      if (path === '/health/ready') {
        const report = await runHealthChecks(options.checks);
        if (report.status === 'ok') return json(200, report);
        return json(
          503,
          { type: 'https://kehittamo.fi/problems/not-ready', title: 'Service Unavailable', status: 503, detail: 'Not ready: see details.', details: report },
          'application/problem+json',
          { 'Retry-After': '5' },
        );
      }
      if (path === '/metrics') return send(200, 'text/plain; version=0.0.4; charset=utf-8', (await options.metrics()).join('\n') + '\n');
      return json(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: `No ${path} here: /health/live, /health/ready, /metrics.` }, 'application/problem+json');
    };
    answer().catch((error: Error) => {
      logger.error(`${path}: ${error.message}`);
      if (!res.headersSent) json(503, { type: 'https://kehittamo.fi/problems/unavailable', title: 'Service Unavailable', status: 503, detail: error.message }, 'application/problem+json');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** HEALTH_PORT (unset: no health server) and HEALTH_HOST (default 0.0.0.0). */
export function healthSettingsFromEnv(env: Record<string, string | undefined> = process.env): { port: number; host: string } | undefined {
  const raw = env.HEALTH_PORT;
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`HEALTH_PORT must be a whole number from 0 to 65535 (got "${raw}")`);
  return { port, host: env.HEALTH_HOST || '0.0.0.0' };
}
