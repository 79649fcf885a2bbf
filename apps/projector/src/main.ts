// The projector process: keeps the read models up to date, fed by the event store or by Kafka.
//   FEED=store (default): the store-fed ProjectionRunner (checkpoints in projection_checkpoints).
//   FEED=kafka: a Kafka consumer group on the internal topic (kehittamo.events.v1); run several
//               instances with the same KAFKA_GROUP_ID and they share the partitions.
// Environment: DATABASE_URL, PROJECTION_BATCH_SIZE, PROJECTION_POLL_MS; for FEED=kafka also KAFKA_BROKERS,
// KAFKA_GROUP_ID (default kehittamo-projector), KAFKA_TOPIC_PREFIX, KAFKA_SESSION_TIMEOUT_MS (30000),
// KAFKA_HEARTBEAT_MS (3000), KAFKA_LOG_LEVEL; HEALTH_PORT / HEALTH_HOST (serve /health/live, /health/ready and
// /metrics with the lag per projection there; unset: no health server).
// SIGTERM / SIGINT: the transaction in flight is finished (and its offsets committed), then the process exits.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { KurrentDbEventStore, openSealedEvents, PersonalDataEventStore, PersonKeyStore, PostgresEventStore } from '#event-store';
import {
  checkpointLagMetrics,
  createKafka,
  databaseHealth,
  eventStoreHealth,
  healthSettingsFromEnv,
  KafkaProjector,
  kafkaHealth,
  kafkaSettingsFromEnv,
  startHealthServer,
  topicNames,
  type HealthCheck,
  type HealthServer,
} from '#messaging';
import { ConfigError, loadConfig } from '#platform';
import { ProjectionRunner } from '#projections';
import { PERSONAL_DATA } from '../../api/src/people/personal-data.registry.js';
import { allProjections, openStorage } from '../../api/src/runtime.js';

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError([`${name} must be a whole number >= ${min} (got "${raw}")`]);
  return value;
}

async function main(): Promise<void> {
  const logger = new Logger('ProjectorApp');
  const feed = (process.env.FEED ?? 'store').toLowerCase();
  let config, healthSettings;
  try {
    if (feed !== 'store' && feed !== 'kafka') throw new ConfigError([`FEED must be store or kafka (got "${process.env.FEED}")`]);
    config = loadConfig();
    healthSettings = healthSettingsFromEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  // The database and the events as stored (personal fields sealed), as the API opens them.
  const { database, dataSource, sealedStore: store } = await openStorage(config);
  const checks: HealthCheck[] = [databaseHealth(dataSource), eventStoreHealth(store)];
  let applied: (() => number) | undefined;
  // Projections read personal fields opened with their owners' keys (erased once a key is destroyed).
  const personKeys = new PersonKeyStore(dataSource);
  let stop: () => Promise<void>;
  let stopping = false;
  // Up before the feed: an orchestrator sees the process live, and not ready while a dependency is away.
  let health: HealthServer | undefined;
  if (healthSettings) {
    // Fed by the store, inline views are written with the events and have no lag of their own; fed by Kafka, all run here.
    const names = allProjections()
      .filter((p) => feed === 'kafka' || !(store.transactional && p.inline))
      .map((p) => p.name);
    health = await startHealthServer({
      ...healthSettings,
      checks,
      metrics: async () => [
        ...(applied
          ? [
              '# HELP kehittamo_projector_events_applied_total Events this projector instance applied from Kafka.',
              '# TYPE kehittamo_projector_events_applied_total counter',
              `kehittamo_projector_events_applied_total ${applied()}`,
            ]
          : []),
        ...(await checkpointLagMetrics(dataSource, store, names, store instanceof PostgresEventStore)),
      ],
    });
    logger.log(`health on http://${healthSettings.host}:${health.port}/health/ready (metrics at /metrics)`);
  }

  if (feed === 'kafka') {
    let settings, sessionTimeout, heartbeatInterval;
    try {
      settings = kafkaSettingsFromEnv(process.env, 'kehittamo-projector');
      sessionTimeout = intEnv('KAFKA_SESSION_TIMEOUT_MS', 30_000, 1_000);
      heartbeatInterval = intEnv('KAFKA_HEARTBEAT_MS', 3_000, 100);
    } catch (error) {
      console.error((error as Error).message);
      process.exit(2);
    }
    const groupId = process.env.KAFKA_GROUP_ID || 'kehittamo-projector';
    const kafka = createKafka(settings);
    checks.push(kafkaHealth(kafka));
    // Every projection, inline views included: the read models may live in another database than the events
    // (a replica fed from Kafka). Where the API already wrote an inline view, the row's version makes it a no-op.
    const projector = new KafkaProjector(dataSource, kafka, allProjections(), {
      groupId,
      topic: topicNames(settings.topicPrefix).internal,
      batchSize: config.projections.batchSize,
      sessionTimeout,
      heartbeatInterval,
      openEvents: (events, executor) => openSealedEvents(events, personKeys, PERSONAL_DATA, executor),
    });
    // A broker that is away at start is waited for (readiness says so meanwhile), not a crash.
    void (async () => {
      for (let attempt = 1; !stopping; attempt++) {
        try {
          await projector.start();
          logger.log(`projections fed by Kafka (group ${groupId})`);
          return;
        } catch (error) {
          logger.warn(`Kafka consumer not started (attempt ${attempt}), will retry: ${(error as Error).message}`);
          await projector.stop().catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 1_000 * attempt)));
        }
      }
    })();
    let reported = 0;
    const progress = setInterval(() => {
      const { applied } = projector.status();
      if (applied !== reported) logger.log(`${applied} events applied (${applied - reported} in the last 10 s)`);
      reported = applied;
    }, 10_000);
    applied = () => projector.status().applied;
    // Requested rebuilds (an erasure's among them) are carried out and resumed here too.
    const rebuilder = new ProjectionRunner(dataSource, new PersonalDataEventStore(store, personKeys, PERSONAL_DATA), allProjections(), config.projections);
    rebuilder.startRebuildWorker();
    stop = async () => {
      clearInterval(progress);
      await projector.stop();
      await rebuilder.stop();
    };
  } else {
    const opened = new PersonalDataEventStore(store, personKeys, PERSONAL_DATA);
    const runner = new ProjectionRunner(dataSource, opened, allProjections(), config.projections);
    runner.start();
    stop = () => runner.stop();
    logger.log(`projections fed by the event store (${runner.names.join(', ')})`);
  }

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing the batch in flight`);
    await stop();
    await health?.close();
    if (store instanceof KurrentDbEventStore) await store.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
