// Seals the personal fields of events written before they were sealed, so that erasure reaches them too.
//   npm run people:seal
// Once per installation that has events from before; running it again changes nothing. In embedded mode
// stop the running app first: the embedded database is opened by one process at a time.
import 'reflect-metadata';
import { sealExistingEvents } from '#event-store';
import { loadConfig } from '#platform';
import { PERSONAL_DATA } from '../people/personal-data.registry.js';
import { createRuntime } from '../runtime.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env, []);
  if (config.eventStore.kind === 'kurrentdb') {
    throw new Error('Events in KurrentDB cannot be rewritten: only events appended from now on are sealed there (see docs/privacy.md).');
  }
  const runtime = await createRuntime(config);
  try {
    const result = await sealExistingEvents(runtime.dataSource, runtime.personKeys, PERSONAL_DATA, {
      onProgress: ({ scanned, sealed }) => process.stdout.write(`\r${scanned} events looked at, ${sealed} sealed`),
    });
    process.stdout.write(`\r${result.scanned} events looked at, ${result.sealed} sealed now.\n`);
  } finally {
    await runtime.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
