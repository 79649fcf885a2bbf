// Relay throughput to the real broker: events/s from the PostgreSQL event store to Kafka, with the relay's
// production settings (idempotent producer, acks from all in-sync replicas, one request in flight,
// the checkpoint committed after each acknowledged batch). Each event goes out twice: the full event to
// the internal topic and its integration event to the public topic. Target: >= 10,000 events/s.
//   bash infra/kafka/start.sh && npm run bench:relay
// Before and after, in the same run: "before" is the relay as it was (schemas interpreted for every event,
// batches of 1,000), "after" as it is now (schemas compiled once, batches of BENCH_RELAY_BATCH), "off" without
// the schema check (RELAY_VALIDATE=0). Relay CPU µs/event is the figure to compare on a busy machine.
// Knobs: BENCH_DATABASE_URL, KAFKA_BROKERS (127.0.0.1:19092), BENCH_RELAY_EVENTS (50000),
//        BENCH_RELAY_BATCH (2000), BENCH_RELAY_PARTITIONS (6), BENCH_RELAY_ROUNDS (2), BENCH_MAX_SECONDS.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { PostgresEventStore } from '#event-store';
import { createKafka, Relay, SchemaRegistry, topicNames, validate, type SchemaEntry, type ValidationError } from '#messaging';
import { initDataSource, openServer } from '#platform';
import { schema } from '../apps/api/src/runtime.js';
import { createBenchDatabase, envNumber, fmt, onCleanup, printMachine, prng, runBench, table, verdict } from './support.js';

const EVENTS = envNumber('BENCH_RELAY_EVENTS', 50_000);
const BATCH = envNumber('BENCH_RELAY_BATCH', 2_000);
const BEFORE_BATCH = 1_000;
const PARTITIONS = envNumber('BENCH_RELAY_PARTITIONS', 6);
const ROUNDS = envNumber('BENCH_RELAY_ROUNDS', 2);
const TARGET = 10_000;

/** Idea streams of realistic events: submitted, comments and support, review, pilot, adoption. */
function* ideaEvents(random: () => number): Generator<{ streamId: string; version: number; type: string; data: unknown; metadata: unknown }> {
  const at = () => new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 3e10)).toISOString();
  const meta = (who: string) => ({ occurredAt: at(), actor: { subject: `psn-${who}`, organisation: 'imatra', roles: ['employee'] }, correlationId: randomUUID() });
  for (let n = 0; ; n++) {
    const ideaId = randomUUID();
    const streamId = `idea-${ideaId}`;
    let version = 0;
    yield {
      streamId,
      version: ++version,
      type: 'IdeaSubmitted',
      data: {
        ideaId,
        title: 'Ajanvaraus verkossa vastaanotolle',
        description: 'Asiakkaat jonottavat aamuisin pitkään. Verkkoajanvaraus tasaisi ruuhkaa ja vapauttaisi aikaa neuvontaan.',
        organisation: 'imatra',
        unit: `yksikko-${n % 20}`,
        sector: 'social-and-health',
        themes: ['digitalisaatio', 'asiakaspalvelu'],
        language: 'fi',
        media: [],
        anonymous: random() < 0.2,
        submitter: `psn-${n}`,
      },
      metadata: meta(`${n}`),
    };
    for (let i = Math.floor(random() * 5); i > 0; i--) {
      yield random() < 0.5
        ? { streamId, version: ++version, type: 'IdeaSupported', data: { ideaId, supporter: `psn-s${i}` }, metadata: meta(`s${i}`) }
        : { streamId, version: ++version, type: 'IdeaCommented', data: { ideaId, commentId: randomUUID(), text: 'Meillä toimisi sama malli, kokeillaan syksyllä.', author: `psn-c${i}` }, metadata: meta(`c${i}`) };
    }
    yield { streamId, version: ++version, type: 'IdeaReviewStarted', data: { ideaId, team: 'Muutosagentit' }, metadata: meta('agent') };
    if (random() < 0.5) {
      yield {
        streamId,
        version: ++version,
        type: 'IdeaPilotStarted',
        data: { ideaId, goal: 'Puolita aamujono', team: 'Pilottitiimi', startsOn: '2025-02-01', endsOn: '2025-04-30', metrics: [{ name: 'jono', unit: 'min', baseline: 25, target: 10 }] },
        metadata: meta('agent'),
      };
      yield { streamId, version: ++version, type: 'IdeaAdopted', data: { ideaId, result: 'Jono 11 minuuttiin.', metrics: [{ metric: 'jono', value: 11 }] }, metadata: meta('agent') };
    }
  }
}

/** The schema check as it was: the schema interpreted for every event (paths and an error list built each time). */
class InterpretedSchemas extends SchemaRegistry {
  private readonly byName: Map<string, SchemaEntry>;
  constructor() {
    super();
    this.byName = new Map(this.entries.map((e) => [`${e.topic}/${e.type}`, e]));
  }
  override validate(topic: string, event: unknown): ValidationError[] {
    const entry = this.byName.get(`${topic}/${(event as { type: string }).type}`);
    return entry ? validate(entry.schema, event) : [{ path: '/type', message: 'no schema' }];
  }
}

/** Loads the events with plain multi-row INSERTs (fast), in transactions of 5,000. */
async function load(db: DataSource, count: number): Promise<void> {
  const events = ideaEvents(prng(1));
  for (let done = 0; done < count; ) {
    const rows = [];
    for (let i = 0; i < Math.min(5_000, count - done); i++) {
      const e = events.next().value!;
      rows.push({ event_id: randomUUID(), stream_id: e.streamId, stream_version: e.version, type: e.type, data: e.data, metadata: e.metadata });
    }
    await db.query(
      `INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata)
       SELECT event_id, stream_id, stream_version, type, data, metadata FROM jsonb_to_recordset($1::jsonb)
         AS t(event_id uuid, stream_id text, stream_version int, type text, data jsonb, metadata jsonb)`,
      [JSON.stringify(rows)],
    );
    done += rows.length;
  }
}

runBench('bench:relay', async () => {
  await printMachine('bench:relay — event store to Kafka through the relay');
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const bench = await createBenchDatabase();
  const handle = openServer(bench.url);
  const db = await initDataSource(handle, schema);
  onCleanup(() => db.destroy());
  const store = new PostgresEventStore(db);
  const kafka = createKafka({ brokers, clientId: 'bench-relay', logLevel: logLevel.ERROR });
  const prefix = `bench.relay.${randomBytes(4).toString('hex')}.`;
  onCleanup(async () => {
    const admin = kafka.admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length) await admin.deleteTopics({ topics: mine });
    await admin.disconnect();
    console.log(`deleted topics ${prefix}*`);
  });

  const loadStart = Date.now();
  await load(db, EVENTS);
  console.log(`loaded ${fmt(EVENTS)} events in ${((Date.now() - loadStart) / 1000).toFixed(1)} s; brokers ${brokers.join(',')}, ${PARTITIONS} partitions, batch ${BATCH}\n`);

  const rows: Array<Array<string | number>> = [];
  const variants = [
    { key: 'before', label: 'before: interpreted, batch 1,000', batch: BEFORE_BATCH, schemas: () => new InterpretedSchemas() },
    { key: 'after', label: `after: compiled, batch ${fmt(BATCH)}`, batch: BATCH, schemas: () => new SchemaRegistry() },
    { key: 'off', label: `off (RELAY_VALIDATE=0), batch ${fmt(BATCH)}`, batch: BATCH, schemas: () => undefined },
  ] as const;
  const rates: Record<string, number[]> = { before: [], after: [], off: [] };
  const cpus: Record<string, number[]> = { before: [], after: [], off: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const variant of variants) {
      const relay = new Relay(db, store, kafka, {
        name: `bench:${round}:${variant.key}`,
        topics: topicNames(prefix),
        batchSize: variant.batch,
        pollMs: 20,
        partitions: PARTITIONS,
        replicationFactor: 1,
        schemas: variant.schemas(),
      });
      // Connect and create the topics first: the figure is the steady publishing rate.
      let first = 0;
      const off = relay.onPublished(() => {
        if (first === 0) first = Date.now();
      });
      const cpu = process.cpuUsage();
      const started = Date.now();
      relay.start();
      while (relay.status().published < EVENTS) {
        if (relay.status().lastError) throw new Error(relay.status().lastError);
        await new Promise((done) => setTimeout(done, 5));
      }
      const ended = Date.now();
      await relay.stop();
      off();
      const used = process.cpuUsage(cpu);
      const rate = EVENTS / ((ended - started) / 1000);
      rates[variant.key].push(rate);
      cpus[variant.key].push((used.user + used.system) / EVENTS);
      rows.push([
        `${round}`,
        variant.label,
        fmt(rate),
        fmt((EVENTS - variant.batch) / ((ended - first) / 1000)),
        fmt((used.user + used.system) / EVENTS, 1),
        `${((ended - started) / 1000).toFixed(2)} s`,
      ]);
    }
  }
  console.log(table(['round', 'relay', 'events/s (start to end)', 'events/s (after 1st batch)', 'relay CPU µs/event', 'time'], rows));
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)];
  console.log(`\nmessages per event: 2 (internal topic + public topic), plus one watermark per partition at most every 100 ms; acks=-1, idempotent, maxInFlightRequests=1`);
  for (const variant of variants) {
    console.log(`${variant.label.padEnd(40)} median ${fmt(median(rates[variant.key])).padStart(7)} events/s, ${fmt(median(cpus[variant.key]), 1).padStart(6)} µs CPU/event`);
  }
  console.log(`target >= ${fmt(TARGET)} events/s with the default settings (after): median ${fmt(median(rates.after))}, best ${fmt(Math.max(...rates.after))} -> ${verdict(median(rates.after) >= TARGET)}`);
}, 170);
