// A notification sender as its own process (what `npm start` runs beside the API), for the restart tests:
// configured from the environment like the product; SIGTERM finishes the mail in flight, SIGKILL does not.
import 'reflect-metadata';
import { loadConfig } from '#platform';
import { createRuntime } from '../../apps/api/src/runtime.js';

const runtime = await createRuntime(loadConfig(process.env, []));
runtime.notifications.start();
console.log(`notification sender ${runtime.notifications.worker} started`);
process.once('SIGTERM', () => {
  void (async () => {
    await runtime.close();
    console.log('notification sender stopped');
    process.exit(0);
  })();
});
