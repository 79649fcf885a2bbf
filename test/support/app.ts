// Starts the whole API in-process on a fresh database, for end-to-end tests.
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, loadOrCreateLocalKeys, signLocalToken, type Role } from '#platform';
import { createHttpApp } from '../../apps/api/src/http-app.js';
import { createRuntime, type Runtime } from '../../apps/api/src/runtime.js';

export interface TestApp {
  app: NestExpressApplication;
  runtime: Runtime;
  baseUrl: string;
  token(subject: string, organisation: string, ...roles: Role[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * Write rate limits far above what any test sends, unless a test sets its own (`env`): the limiter still runs
 * on every write, as in production.
 */
export const TEST_RATE_LIMITS = { RATE_LIMIT_WRITES_PER_MINUTE_USER: '1000000', RATE_LIMIT_WRITES_PER_MINUTE_ADDRESS: '1000000' };

/** `database`: 'embedded' (in memory, no server) or a PostgreSQL URL. CORS_ORIGINS of the test process applies unless `env` sets it. */
export async function startTestApp(options: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-test-'));
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      PORT: '0',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      PROJECTION_POLL_MS: '50',
      ...TEST_RATE_LIMITS,
      ...(process.env.CORS_ORIGINS ? { CORS_ORIGINS: process.env.CORS_ORIGINS } : {}),
      ...options.env,
    },
    [],
  );
  const runtime = await createRuntime(config, { inMemory: true });
  runtime.runner.start();
  const app = await createHttpApp(runtime, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const keys = await loadOrCreateLocalKeys(dataDir);
  return {
    app,
    runtime,
    baseUrl: `http://127.0.0.1:${address.port}`,
    token: (subject, organisation, ...roles) => signLocalToken(keys, config.auth, { subject, organisation, roles: roles.length ? roles : ['employee'] }),
    async close() {
      await app.close();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small fetch wrapper: JSON in, JSON (or problem+json) out. */
/**
 * A client session as the pages keep one: it remembers the newest consistency token its writes were given and
 * sends it with every read, so a read after a write waits for the views it reads (read-your-writes). A request
 * that sets its own `x-consistency-token` header (or `consistent: false`) is sent as it is.
 */
export function client(baseUrl: string) {
  let newest: { tx: bigint; pos: bigint; raw: string } | undefined;
  const remember = (raw: string | null) => {
    const match = raw ? /^(\d+)\.(\d+)$/.exec(raw) : null;
    if (!match) return;
    const token = { tx: BigInt(match[1]), pos: BigInt(match[2]), raw: raw! };
    if (!newest || token.tx > newest.tx || (token.tx === newest.tx && token.pos > newest.pos)) newest = token;
  };
  return async function call<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; consistent?: boolean } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const ownToken = Object.keys(headers).some((name) => name.toLowerCase() === 'x-consistency-token');
    if (method === 'GET' && newest && !ownToken && options.consistent !== false) headers['x-consistency-token'] = newest.raw;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body });
    if (method !== 'GET' && res.status < 300) remember(res.headers.get('x-consistency-token'));
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  };
}
