// Opens the database: embedded PostgreSQL (PGlite served on a local socket) or a real server.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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
export class DatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The embedded database in ${dataDir} is in use by process ${pid}. Stop that process first (or use DATABASE_URL for a shared server).`);
    this.name = 'DatabaseInUseError';
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** PGlite takes no lock of its own: two processes on one data directory would corrupt it. */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'kehittamo.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DatabaseInUseError(dir, pid);
      await rm(file, { force: true }); // left behind by a process that is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

export async function openEmbedded(dataDir: string | undefined): Promise<DatabaseHandle> {
  let db: PGlite;
  let unlock = async () => undefined as void;
  if (dataDir) {
    const dir = join(dataDir, 'pgdata');
    await mkdir(dir, { recursive: true });
    unlock = await lockDataDir(dataDir);
    try {
      db = await PGlite.create(dir, { extensions: { pg_trgm } });
    } catch (error) {
      await unlock();
      throw error;
    }
  } else {
    db = await PGlite.create({ extensions: { pg_trgm } });
  }
  // PGlite is a single session: queries of several connections would interleave their protocol
  // messages (portals, transactions). One connection, and the pool queues the rest.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
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
      extra: { max: 1 },
    },
    close: async () => {
      await server.stop();
      await db.close();
      await unlock();
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
