// What sealing personal fields costs: appends and feed reads of idea comments (every one of them
// sealed) through the PersonalDataEventStore against the bare PostgresEventStore, on the same database.
//   npm run build && node dist/bench/personal-data.js
// Knobs: BENCH_DATABASE_URL, BENCH_PD_EVENTS (20000), BENCH_PD_PEOPLE (2000), BENCH_PD_BATCH (1000), BENCH_MAX_SECONDS.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { PersonalDataEventStore, PersonKeyStore, PostgresEventStore, START, type EventStore, type NewEvent } from '#event-store';
import { initDataSource, openServer } from '#platform';
import { PERSONAL_DATA } from '../apps/api/src/people/personal-data.registry.js';
import { schema } from '../apps/api/src/runtime.js';
import { createBenchDatabase, envNumber, fmt, onCleanup, printMachine, runBench, table } from './support.js';

const EVENTS = envNumber('BENCH_PD_EVENTS', 20_000);
const PEOPLE = envNumber('BENCH_PD_PEOPLE', 2_000);
const BATCH = envNumber('BENCH_PD_BATCH', 1_000);

function comment(i: number): NewEvent {
  const author = `p_bench${String(i % PEOPLE).padStart(17, '0')}`;
  return {
    eventId: randomUUID(),
    type: 'IdeaCommented',
    data: { ideaId: randomUUID(), commentId: randomUUID(), text: 'Meillä Vuoksenniskalla toimisi sama malli, kokeillaan syksyllä.', author },
    metadata: { occurredAt: new Date().toISOString(), actor: { subject: author, organisation: 'imatra', roles: ['employee'] } },
  };
}

async function appendAll(store: EventStore, prefix: string): Promise<number> {
  const started = performance.now();
  // Streams of 10 comments, appended 10 at a time: the shape of a busy idea page.
  for (let i = 0; i < EVENTS; i += 10) {
    await store.append(`${prefix}-${i / 10}`, Array.from({ length: 10 }, (_, k) => comment(i + k)), 0);
  }
  return performance.now() - started;
}

async function readAll(store: EventStore): Promise<{ ms: number; events: number }> {
  const started = performance.now();
  let checkpoint = START;
  let events = 0;
  for (;;) {
    const batch = await store.readAll(checkpoint, { limit: BATCH });
    if (batch.length === 0) break;
    events += batch.length;
    checkpoint = batch[batch.length - 1].checkpoint;
  }
  return { ms: performance.now() - started, events };
}

runBench('personal-data', async () => {
  await printMachine('Sealed personal fields: append and read cost');
  const database = await createBenchDatabase();
  const handle = openServer(database.url);
  const dataSource = await initDataSource(handle, schema);
  onCleanup(async () => {
    await dataSource.destroy();
    await handle.close();
  });
  const bare = new PostgresEventStore(dataSource);
  const keys = new PersonKeyStore(dataSource);
  const sealed = new PersonalDataEventStore(bare, keys, PERSONAL_DATA);

  const rows: Array<Array<string | number>> = [];
  const bareAppend = await appendAll(bare, 'bare');
  rows.push(['append, bare store', fmt((EVENTS / bareAppend) * 1000), '']);
  keys.forget();
  const sealedAppend = await appendAll(sealed, 'sealed');
  rows.push(['append, sealed (keys made on first use)', fmt((EVENTS / sealedAppend) * 1000), fmt((sealedAppend / bareAppend) * 100) + ' %']);

  // The feed holds both halves: the bare half has nothing to open, the sealed half opens every event.
  const bareRead = await readAll(bare);
  rows.push(['read feed, bare store (sealed fields left sealed)', fmt((bareRead.events / bareRead.ms) * 1000), '']);
  keys.forget();
  const cold = await readAll(sealed);
  rows.push([`read feed, opening (cold key cache, ${PEOPLE} people)`, fmt((cold.events / cold.ms) * 1000), fmt((cold.ms / bareRead.ms) * 100) + ' %']);
  const warm = await readAll(sealed);
  rows.push(['read feed, opening (warm key cache)', fmt((warm.events / warm.ms) * 1000), fmt((warm.ms / bareRead.ms) * 100) + ' %']);

  console.log(`\n${EVENTS} comments per store by ${PEOPLE} people; feed read in batches of ${BATCH} (${bareRead.events} events)\n`);
  console.log(table(['operation', 'events/s', 'time vs bare'], rows));
});
