// Loads the demo data, brings the read models up to date and prints what is there.
//   npm run demo
// In embedded mode the app must not be running: the embedded database belongs to one process at a time.
// To load the demo into a running app, start it with: npm start -- --demo
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, DatabaseInUseError, loadConfig, type AppConfig } from '#platform';
import { STAGES } from '#ideas';
import { DEMO_ORGANISATIONS, loadDemoData } from '../demo-data.js';
import { createRuntime, type Runtime } from '../runtime.js';

const STOP_FIRST = 'Stop the app first, or load the demo into it with: npm start -- --demo';

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function open(config: AppConfig): Promise<Runtime> {
  try {
    return await createRuntime(config);
  } catch (error) {
    if (error instanceof DatabaseInUseError) fail(`${error.message}\n${STOP_FIRST}`);
    fail(`Could not open the database: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface StageCount {
  organisation: string;
  stage: string;
  ideas: number;
}

function printSummary(rows: StageCount[], events: number, port: number): void {
  const organisations = [...new Set([...DEMO_ORGANISATIONS, ...rows.map((row) => row.organisation)])].filter((org) =>
    rows.some((row) => row.organisation === org),
  );
  const count = (org: string, stage: string) => rows.find((row) => row.organisation === org && row.stage === stage)?.ideas ?? 0;
  const width = Math.max('organisation'.length, ...organisations.map((org) => org.length));
  const columns = [...STAGES, 'total'];
  const line = (label: string, cells: (string | number)[]) => `  ${label.padEnd(width)}  ${cells.map((cell, i) => String(cell).padStart(columns[i].length)).join('  ')}`;
  console.log('');
  console.log(`Ideas per stage (${events} events in the store):`);
  console.log(line('organisation', columns));
  for (const org of organisations) {
    const counts = STAGES.map((stage) => count(org, stage));
    console.log(line(org, [...counts, counts.reduce((a, b) => a + b, 0)]));
  }
  const totals = STAGES.map((stage) => rows.filter((row) => row.stage === stage).reduce((sum, row) => sum + row.ideas, 0));
  console.log(line('all', [...totals, totals.reduce((a, b) => a + b, 0)]));
  console.log('');
  console.log('Start the app and look around:');
  console.log('  npm start');
  console.log('  export T=$(npm run --silent token -- --sub alice --org imatra --roles employee,change-agent)');
  console.log(`  curl -s localhost:${port}/api/funnel -H "Authorization: Bearer $T"`);
  console.log(`  (other organisations: ${DEMO_ORGANISATIONS.filter((org) => org !== 'imatra').join(', ')}; alice has ideas of her own in imatra)`);
}

async function main(): Promise<void> {
  const logger = new Logger('Demo');
  let config: AppConfig;
  try {
    config = loadConfig(process.env, []);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
  const runtime = await open(config);
  try {
    await loadDemoData(runtime, logger, { waitForProjections: false });

    const started = Date.now();
    runtime.runner.start();
    const head = await runtime.store.head();
    const caughtUp = await runtime.runner.waitFor(head.checkpoint, 120_000);
    await runtime.runner.stop();
    if (!caughtUp) {
      const status = await runtime.runner.status();
      const errors = status.filter((s) => s.lastError).map((s) => `${s.name}: ${s.lastError}`);
      throw new Error(`The read models did not catch up within 120 s.${errors.length > 0 ? ` ${errors.join('; ')}` : ''}`);
    }
    logger.log(`Read models up to date (${head.count} events) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

    const rows: StageCount[] = await runtime.dataSource.query(
      `SELECT organisation, stage, count(*)::int AS ideas FROM funnel_facts GROUP BY organisation, stage ORDER BY organisation, stage`,
    );
    printSummary(rows, head.count, config.port);

    // The read models must show every submitted idea; if not, the projections skipped events.
    const [{ submitted }] = await runtime.dataSource.query(`SELECT count(*)::int AS submitted FROM events WHERE type = 'IdeaSubmitted'`);
    const shown = rows.reduce((sum, row) => sum + row.ideas, 0);
    if (shown !== submitted) {
      console.error(
        `\nWARNING: the read models show ${shown} ideas, but the event store holds ${submitted}: the projections skipped events.` +
          `\nRebuild them with: npm run projections:rebuild`,
      );
      process.exitCode = 1;
    }
  } finally {
    await runtime.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
