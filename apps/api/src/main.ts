// Starts the product: API and projections in one process (embedded database unless DATABASE_URL is set).
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { kafkaSettingsFromEnv, type KafkaSettings } from '#messaging';
import { ConfigError, loadConfig } from '#platform';
import { createHttpApp } from './http-app.js';
import { createRuntime } from './runtime.js';
import { loadDemoData } from './demo-data.js';

async function main(): Promise<void> {
  const logger = new Logger('Kehittamo');
  let config;
  let kafka: KafkaSettings | undefined;
  try {
    config = loadConfig();
    // Scale-out: with KAFKA_BROKERS set, readiness also checks the broker the relay and projector use.
    kafka = process.env.KAFKA_BROKERS ? kafkaSettingsFromEnv(process.env, 'kehittamo-api') : undefined;
  } catch (error) {
    if (!(error instanceof ConfigError) && !/^KAFKA_/.test((error as Error).message)) throw error;
    console.error((error as Error).message);
    process.exit(2);
  }
  const runtime = await createRuntime(config, { kafka });
  // In scale-out the projector runs them; this process still waits on their checkpoints for read-your-writes.
  if (config.projections.mode === 'run') runtime.runner.start();
  if (config.notifications.delivery === 'run') runtime.notifications.start();
  if (config.demo) await loadDemoData(runtime, logger);
  const app = await createHttpApp(runtime);
  const close = async () => {
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen(config.port, config.host);
  const where = config.database.mode === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server';
  logger.log(`API on http://localhost:${config.port}/api (docs: /api/docs), events in ${where}`);
  logger.log(`Get a token: npm run --silent token -- --sub alice --org imatra --roles employee`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
