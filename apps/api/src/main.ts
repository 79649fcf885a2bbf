// Starts the product: API and projections in one process (embedded database unless DATABASE_URL is set).
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '#platform';
import { createHttpApp } from './http-app.js';
import { createRuntime } from './runtime.js';
import { loadDemoData } from './demo-data.js';

async function main(): Promise<void> {
  const logger = new Logger('Kehittamo');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const runtime = await createRuntime(config);
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
