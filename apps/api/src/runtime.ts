// Everything the processes share, built before Nest: database, event store, projections, identity.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import {
  CreateEventStore1732300000000,
  CreatePersonKeys1732300000200,
  KurrentDbEventStore,
  PersonalDataEventStore,
  PersonKeyStore,
  PostgresEventStore,
  type EventStore,
} from '#event-store';
import { awardProjections, awardsSchema } from '#awards';
import { deedProjections, deedsSchema } from '#deeds';
import { createKafka, type KafkaSettings } from '#messaging';
import { ideaProjections, ideasSchema } from '#ideas';
import { NotificationDelivery, notificationProjections, notificationsSchema } from '#notifications';
import { organisationProjections, organisationsSchema } from '#organisations';
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
import { CreateProjectionCheckpoints1732300000100, ProjectionFeedCore1765100000000, ProjectionRunner, rebuildOn, type Projection } from '#projections';
import { PERSONAL_DATA } from './people/personal-data.registry.js';
import { CreateMedia1765200000000, MediaStore } from './media/media-store.js';

export const schema = {
  entities: [...ideasSchema.entities, ...deedsSchema.entities, ...awardsSchema.entities, ...notificationsSchema.entities, ...organisationsSchema.entities],
  migrations: [
    CreateEventStore1732300000000,
    CreateProjectionCheckpoints1732300000100,
    CreatePersonKeys1732300000200,
    ...ideasSchema.migrations,
    ...deedsSchema.migrations,
    ...awardsSchema.migrations,
    ...notificationsSchema.migrations,
    ProjectionFeedCore1765100000000,
    CreateMedia1765200000000,
    ...organisationsSchema.migrations,
  ],
};

/** The processor that carries an erasure through: every read model is rebuilt once the person's key is gone. */
export const ERASURE_PROCESSOR = 'person-erasures';

export const allProjections = (): Projection<any>[] => {
  const views = [...ideaProjections, ...deedProjections, ...awardProjections, ...notificationProjections, ...organisationProjections];
  return [...views, rebuildOn(ERASURE_PROCESSOR, 'PersonErased', () => views.map((p) => p.name))];
};

export interface Runtime {
  config: AppConfig;
  database: DatabaseHandle;
  dataSource: DataSource;
  /** Personal fields opened (or erased): what handlers and projections use. */
  store: EventStore;
  /** The same events as stored, personal fields sealed: what the relay publishes. */
  sealedStore: EventStore;
  personKeys: PersonKeyStore;
  runner: ProjectionRunner;
  verifier: TokenVerifier;
  pseudonymizer: Pseudonymizer;
  /** Kafka, when this process is configured with it (KAFKA_BROKERS): readiness checks it. */
  kafka?: Kafka;
  /** Sends notification mail (SMTP, or DATA_DIR/outbox); started by the process that delivers (NOTIFICATIONS=run). */
  notifications: NotificationDelivery;
  /** Uploaded media, sealed with their uploaders' keys, in chunks. */
  media: MediaStore;
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
  /** Kafka settings when the installation has Kafka (scale-out): /health/ready then checks the broker too. */
  kafka?: KafkaSettings;
}

/**
 * The database (server or embedded, migrated) and the event store the installation keeps its events in,
 * as stored (personal fields sealed). Shared by the API, the relay and the projector.
 */
export async function openStorage(config: AppConfig, options: { inMemory?: boolean } = {}): Promise<{ database: DatabaseHandle; dataSource: DataSource; sealedStore: EventStore }> {
  const database =
    config.database.mode === 'postgres' ? openServer(config.database.url) : await openEmbedded(options.inMemory ? undefined : config.dataDir);
  let dataSource: DataSource;
  try {
    dataSource = await initDataSource(database, schema);
  } catch (error) {
    await database.close();
    throw error;
  }
  // Events come from where the installation keeps them; checkpoints, locks and read models stay in PostgreSQL.
  const sealedStore =
    config.eventStore.kind === 'kurrentdb'
      ? KurrentDbEventStore.fromConnectionString(config.eventStore.connectionString)
      : new PostgresEventStore(dataSource, {}, { prepared: database.mode === 'postgres' });
  return { database, dataSource, sealedStore };
}

export async function createRuntime(config: AppConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  await mkdir(config.dataDir, { recursive: true });
  const { database, dataSource, sealedStore } = await openStorage(config, options);
  // Keys live in PostgreSQL (or the embedded database) whichever store holds the events.
  const personKeys = new PersonKeyStore(dataSource);
  const store = new PersonalDataEventStore(sealedStore, personKeys, PERSONAL_DATA);
  const runner = new ProjectionRunner(dataSource, store, allProjections(), config.projections);
  // Every append through the runtime's store keeps the inline views, whoever writes (commands, imports, tools).
  store.appendHook = runner.inlineHook;
  const verifier = await TokenVerifier.create(config);
  const key = await loadPseudonymKey(config);
  const pseudonymizer: Pseudonymizer = { of: (who) => pseudonym(key, typeof who === 'string' ? who : who.subject) };
  const notifications = new NotificationDelivery(dataSource, config);
  return {
    config,
    database,
    dataSource,
    store,
    sealedStore,
    personKeys,
    runner,
    verifier,
    pseudonymizer,
    kafka: options.kafka ? createKafka(options.kafka) : undefined,
    notifications,
    media: new MediaStore(dataSource, personKeys, config.media),
    async close() {
      await notifications.stop();
      await runner.stop();
      if (sealedStore instanceof KurrentDbEventStore) await sealedStore.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.close();
    },
  };
}
