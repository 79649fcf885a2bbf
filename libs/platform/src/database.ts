// Opens the database: embedded PostgreSQL (PGlite served on a local socket) or a real server.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { DataSourceOptions } from 'typeorm';

export interface DatabaseHandle {
  /** Connection options for TypeORM's ordinary `postgres` driver. */
  options: Pick<DataSourceOptions & { type: 'postgres' }, 'type' | 'host' | 'port' | 'username' | 'database' | 'url' | 'extra'>;
  mode: 'embedded' | 'postgres';
  close(): Promise<void>;
}

/**
 * Starts PGlite and serves it on a loopback port so the normal `pg` driver can use it.
 * `dataDir` undefined keeps the database in memory (tests).
 */
export async function openEmbedded(dataDir: string | undefined, maxConnections = 8): Promise<DatabaseHandle> {
  let db: PGlite;
  if (dataDir) {
    const dir = join(dataDir, 'pgdata');
    await mkdir(dir, { recursive: true });
    db = await PGlite.create(dir, { extensions: { pg_trgm } });
  } else {
    db = await PGlite.create({ extensions: { pg_trgm } });
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    mode: 'embedded',
    options: {
      type: 'postgres',
      host,
      port: Number(port),
      username: 'postgres',
      database: 'postgres',
      // Queries are serialised inside PGlite anyway; a small pool keeps the socket server's queue short.
      extra: { max: maxConnections - 1 },
    },
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}

export function openServer(url: string, poolSize = 10): DatabaseHandle {
  return {
    mode: 'postgres',
    options: {
      type: 'postgres',
      url,
      extra: {
        max: poolSize,
        // One stuck transaction must not stall every catch-up reader for long.
        idle_in_transaction_session_timeout: 30_000,
        connectionTimeoutMillis: 5_000,
      },
    },
    close: async () => undefined,
  };
}
