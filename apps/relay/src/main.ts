// The relay process: publishes the event store's events to Kafka (see libs/messaging/src/relay.ts).
//   DATABASE_URL=postgres://... KAFKA_BROKERS=host:9092 npm run relay
// Environment: KAFKA_BROKERS, KAFKA_CLIENT_ID, KAFKA_TOPIC_PREFIX, KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR,
// KAFKA_LOG_LEVEL, RELAY_NAME (checkpoint row, default relay:kafka), RELAY_BATCH_SIZE (2000), RELAY_POLL_MS (100),
// RELAY_VALIDATE (check each integration event against its schema before publishing; default on),
// HEALTH_PORT / HEALTH_HOST (serve /health/live, /health/ready and /metrics there; unset: no health server).
// SIGTERM / SIGINT: the batch in flight is finished and its checkpoint committed, then the process exits.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { PostgresEventStore } from '#event-store';
import {
  checkpointLagMetrics,
  createKafka,
  databaseHealth,
  DEFAULT_RELAY_NAME,
  eventStoreHealth,
  healthSettingsFromEnv,
  kafkaHealth,
  kafkaSettingsFromEnv,
  Relay,
  SchemaRegistry,
  startHealthServer,
  topicNames,
  type HealthServer,
} from '#messaging';
import { ConfigError, loadConfig } from '#platform';
import { openStorage } from '../../api/src/runtime.js';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError([`${name} must be a whole number >= 1 (got "${raw}")`]);
  return value;
}

async function main(): Promise<void> {
  const logger = new Logger('RelayApp');
  let config, kafkaSettings, batchSize, pollMs, schemas, healthSettings;
  try {
    config = loadConfig();
    kafkaSettings = kafkaSettingsFromEnv(process.env, 'kehittamo-relay');
    healthSettings = healthSettingsFromEnv();
    batchSize = intEnv('RELAY_BATCH_SIZE', 2_000);
    pollMs = intEnv('RELAY_POLL_MS', 100);
    const validate = !['0', 'false', 'no', 'off'].includes((process.env.RELAY_VALIDATE ?? '').toLowerCase());
    // The schema files travel beside the code (libs/messaging/schemas): an image must ship them.
    schemas = validate ? new SchemaRegistry() : undefined;
  } catch (error) {
    const message = (error as Error).message;
    console.error(/schemas/i.test(message) ? `${message}\n(RELAY_VALIDATE=0 runs without checking events against their schemas.)` : message);
    process.exit(2);
  }
  // The database and the events as stored (personal fields sealed), as the API opens them.
  const { database, dataSource, sealedStore: store } = await openStorage(config);
  const kafka = createKafka(kafkaSettings);
  const name = process.env.RELAY_NAME || DEFAULT_RELAY_NAME;
  const relay = new Relay(dataSource, store, kafka, {
    name,
    topics: topicNames(kafkaSettings.topicPrefix),
    batchSize,
    pollMs,
    exclusive: database.mode === 'postgres',
    partitions: kafkaSettings.partitions,
    replicationFactor: kafkaSettings.replicationFactor,
    schemas,
  });

  let reported = 0;
  const progress = setInterval(() => {
    const { published, leader, lastError } = relay.status();
    if (published !== reported) logger.log(`${published} events published (${published - reported} in the last 10 s)`);
    else if (!leader && lastError) logger.warn(`not publishing: ${lastError}`);
    reported = published;
  }, 10_000);

  let health: HealthServer | undefined;
  if (healthSettings) {
    health = await startHealthServer({
      ...healthSettings,
      checks: [databaseHealth(dataSource), eventStoreHealth(store), kafkaHealth(kafka)],
      metrics: async () => {
        const { published, leader, batches } = relay.status();
        return [
          '# HELP kehittamo_relay_published_total Events this relay instance published (acknowledged by Kafka).',
          '# TYPE kehittamo_relay_published_total counter',
          `kehittamo_relay_published_total ${published}`,
          '# HELP kehittamo_relay_batches_total Batches this relay instance published.',
          '# TYPE kehittamo_relay_batches_total counter',
          `kehittamo_relay_batches_total ${batches}`,
          '# HELP kehittamo_relay_leader Whether this instance holds the publishing lock (1) or stands by (0).',
          '# TYPE kehittamo_relay_leader gauge',
          `kehittamo_relay_leader ${leader ? 1 : 0}`,
          ...(await checkpointLagMetrics(dataSource, store, [name], store instanceof PostgresEventStore, 'kehittamo_relay_lag_events', 'relay')),
        ];
      },
    });
    logger.log(`health on http://${healthSettings.host}:${health.port}/health/ready (metrics at /metrics)`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing the batch in flight`);
    clearInterval(progress);
    await relay.stop();
    await health?.close();
    await dataSource.destroy().catch(() => undefined);
    await database.close();
    logger.log(`stopped after publishing ${relay.status().published} events`);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  relay.start();
  logger.log(`relaying to ${kafkaSettings.brokers.join(',')} (topics ${Object.values(topicNames(kafkaSettings.topicPrefix).public).join(', ')}, internal ${topicNames(kafkaSettings.topicPrefix).internal})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
