import { DataSource, type MixedList } from 'typeorm';
import type { DatabaseHandle } from './database.js';

export interface SchemaParts {
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
}

/** Opens TypeORM on the database and brings the schema up to date (never `synchronize`). */
export async function initDataSource(handle: DatabaseHandle, parts: SchemaParts): Promise<DataSource> {
  const dataSource = new DataSource({
    ...handle.options,
    type: 'postgres',
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
  } as never);
  await dataSource.initialize();
  if (handle.mode === 'embedded') {
    // One process, one connection: nobody to wait for (and a held lock would block the only connection).
    await dataSource.runMigrations({ transaction: 'each' });
    return dataSource;
  }
  // Several processes may start at once (api, projector): one migrates, the others wait.
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(7301250001)');
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(7301250001)').catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}
