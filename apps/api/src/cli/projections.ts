// Operates the projections of an installation: status, retry a parked one, skip the event it failed on.
//   npm run projections -- status
//   npm run projections -- retry <name>
//   npm run projections -- skip <name>
// In embedded mode stop the running app first: the embedded database is opened by one process at a time.
import 'reflect-metadata';
import { loadConfig } from '#platform';
import { createRuntime } from '../runtime.js';

const USAGE = 'usage: projections status | retry <name> | skip <name>';

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  if (!['status', 'retry', 'skip'].includes(command ?? '') || (command !== 'status' && !name)) {
    console.error(USAGE);
    return 2;
  }
  const runtime = await createRuntime(loadConfig(process.env, []));
  try {
    const { runner } = runtime;
    if (command !== 'status' && !runner.names.includes(name)) {
      console.error(`No projection named "${name}". Projections: ${runner.names.join(', ')}`);
      return 2;
    }
    if (command === 'retry') {
      const parked = await runner.retry(name);
      console.log(parked ? `${name}: retried; the daemon runs it again within a second.` : `${name} is not parked.`);
      return parked ? 0 : 1;
    }
    if (command === 'skip') {
      const skipped = await runner.skip(name);
      if (!skipped) {
        console.log(`${name} has no failed event to skip.`);
        return 1;
      }
      console.log(`${name}: skipped ${skipped.type} ${skipped.streamId}@${skipped.streamVersion} (kept in projection_dead_letters); it goes on after it.`);
      return 0;
    }
    for (const s of await runner.status()) {
      const state = s.lastError ? `PARKED (${s.failures} failure(s), next try ${s.parkedUntil ?? 'when retried'})` : s.rebuild ? `rebuilding ${s.rebuild.done}/${s.rebuild.total}` : 'running';
      console.log(`${s.name.padEnd(20)} ${s.mode.padEnd(6)} ${state.padEnd(40)} at ${s.checkpoint.transactionId}.${s.checkpoint.position}, ${s.eventsApplied} applied`);
      if (s.lastError) console.log(`${''.padEnd(20)} ${s.failedEvent ? `${s.failedEvent.type} ${s.failedEvent.streamId}@${s.failedEvent.streamVersion}: ` : ''}${s.lastError}`);
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
