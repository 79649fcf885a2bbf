// Everything the processes share, built before Nest: database, event store, projections, identity.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { CreateEventStore1732300000000, KurrentDbEventStore, PostgresEventStore, type EventStore } from '#event-store';
import { awardProjections, awardsSchema } from '#awards';
import { deedProjections, deedsSchema } from '#deeds';
import { ideaProjections, ideasSchema } from '#ideas';
import { NotificationDelivery, notificationProjections, notificationsSchema } from '#notifications';
import {
  initDataSource,
  openEmbedded,
  openServer,
  pseudonym,
  TokenVerifier,
  type AppConfig,
  type DatabaseHandle,
  type Pseudonymizer,
} from '#platform';
import { CreateProjectionCheckpoints1732300000100, ProjectionRunner, type Projection } from '#projections';

export const schema = {
  entities: [...ideasSchema.entities, ...deedsSchema.entities, ...awardsSchema.entities, ...notificationsSchema.entities],
  migrations: [
    CreateEventStore1732300000000,
    CreateProjectionCheckpoints1732300000100,
    ...ideasSchema.migrations,
    ...deedsSchema.migrations,
    ...awardsSchema.migrations,
    ...notificationsSchema.migrations,
  ],
};

export const allProjections = (): Projection<any>[] => [...ideaProjections, ...deedProjections, ...awardProjections, ...notificationProjections];

export interface Runtime {
  config: AppConfig;
  database: DatabaseHandle;
  dataSource: DataSource;
  store: EventStore;
  runner: ProjectionRunner;
  verifier: TokenVerifier;
  pseudonymizer: Pseudonymizer;
  /** Sends notification mail (SMTP, or DATA_DIR/outbox); started by the process that delivers (NOTIFICATIONS=run). */
  notifications: NotificationDelivery;
  close(): Promise<void>;
}

async function loadPseudonymKey(config: AppConfig): Promise<string> {
  if (config.pseudonymKey) return config.pseudonymKey;
  const dir = join(config.dataDir, 'keys');
  const file = join(dir, 'pseudonym.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true });
  await writeFile(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}

export interface RuntimeOptions {
  /** Keep the embedded database in memory (tests, benchmarks). */
  inMemory?: boolean;
}

export async function createRuntime(config: AppConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  await mkdir(config.dataDir, { recursive: true });
  const database =
    config.database.mode === 'postgres' ? openServer(config.database.url) : await openEmbedded(options.inMemory ? undefined : config.dataDir);
  let dataSource: DataSource;
  try {
    dataSource = await initDataSource(database, schema);
  } catch (error) {
    await database.close();
    throw error;
  }
  const store =
    config.eventStore.kind === 'kurrentdb'
      ? KurrentDbEventStore.fromConnectionString(config.eventStore.connectionString)
      : new PostgresEventStore(dataSource, {}, { prepared: database.mode === 'postgres' });
  const runner = new ProjectionRunner(dataSource, store, allProjections(), config.projections);
  const verifier = await TokenVerifier.create(config);
  const key = await loadPseudonymKey(config);
  const pseudonymizer: Pseudonymizer = { of: (who) => pseudonym(key, typeof who === 'string' ? who : who.subject) };
  const notifications = new NotificationDelivery(dataSource, config);
  return {
    config,
    database,
    dataSource,
    store,
    runner,
    verifier,
    pseudonymizer,
    notifications,
    async close() {
      await notifications.stop();
      await runner.stop();
      if (store instanceof KurrentDbEventStore) await store.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.close();
    },
  };
}
