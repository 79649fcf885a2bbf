// Rebuilds every projection from position zero, with a progress bar.
//   npm run projections:rebuild [-- --only funnel]
// In embedded mode stop the running app first: the embedded database is opened by one process at a time.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '#platform';
import { createRuntime } from '../runtime.js';

function bar(done: number, total: number): string {
  const width = 30;
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done}/${total}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: true });
  const runtime = await createRuntime(loadConfig(process.env, []));
  try {
    const names = runtime.runner.names.filter((name) => !values.only || name === values.only);
    if (names.length === 0) throw new Error(`No projection named "${values.only}". Projections: ${runtime.runner.names.join(', ')}`);
    for (const projection of runtime.runner.projectionsNamed(names)) {
      const started = Date.now();
      let last = 0;
      const applied = await runtime.runner.rebuild(projection, ({ done, total }) => {
        if (Date.now() - last < 100 && done < total) return;
        last = Date.now();
        process.stdout.write(`\r${projection.name.padEnd(16)} ${bar(done, total)}`);
      });
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`\r${projection.name.padEnd(16)} ${bar(applied, applied)}  ${seconds.toFixed(1)} s\n`);
    }
  } finally {
    await runtime.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
