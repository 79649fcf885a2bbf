// Test databases: the embedded one (in memory) and a fresh database on the machine's PostgreSQL server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { openEmbedded, openServer, type DatabaseHandle } from '../database.js';
import { initDataSource, type SchemaParts } from '../data-source.js';

export type DatabaseKind = 'embedded' | 'postgres';

export const serverUrl = (database = 'postgres'): string => {
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/${database}`;
  return base.toString();
};

/** Fails with a clear message when the PostgreSQL server is not there: integration suites never skip. */
export async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required for this suite and is not reachable at ${serverUrl()} (${(error as Error).message}). ` +
        'Start it, or point TEST_DATABASE_URL at a server where we may create databases.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  kind: DatabaseKind;
  handle: DatabaseHandle;
  url?: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A fresh, empty database of the given kind with the schema migrated. */
export async function createTestDatabase(kind: DatabaseKind, parts: SchemaParts): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const handle = await openEmbedded(undefined);
    const dataSource = await initDataSource(handle, parts);
    return {
      kind,
      handle,
      dataSource,
      close: async () => {
        await dataSource.destroy();
        await handle.close();
      },
    };
  }
  await requirePostgres();
  const name = `kehittamo_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = serverUrl(name);
  const handle = openServer(url, 20);
  const dataSource = await initDataSource(handle, parts);
  return {
    kind,
    handle,
    url,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      const drop = new pg.Client({ connectionString: serverUrl() });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

/** A fresh database on the server for one suite: `create` before it, `drop` (forcing out connections) after it. */
export function serverDatabase(): { name: string; url: string; create(): Promise<string>; drop(): Promise<void> } {
  const name = `kehittamo_test_${randomBytes(6).toString('hex')}`;
  let created = false;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    name,
    url: serverUrl(name),
    async create() {
      await requirePostgres();
      await run(`CREATE DATABASE ${name}`);
      created = true;
      return serverUrl(name);
    },
    async drop() {
      if (created) await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      created = false;
    },
  };
}
