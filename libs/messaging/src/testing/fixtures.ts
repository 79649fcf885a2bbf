// Test fixtures for the Kafka suites: realistic domain events (every idea, deed and campaign event
// type, with personal data marked "PII-" so a test can prove none of it reaches a public topic),
// appending them, reading topics back, child processes, and read-model snapshots.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import type { Kafka, IHeaders } from 'kafkajs';
import type { EventStore, NewEvent } from '#event-store';
import { isWatermark } from '../watermarks.js';

/** Marks every piece of personal data in the fixtures. */
export const PII = 'PII-';

/** Small deterministic PRNG (mulberry32), so a failing run can be repeated with its seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

export interface StreamFixture {
  streamId: string;
  events: NewEvent[];
}

const ORGS = ['imatra', 'lappeenranta', 'kouvola', 'vantaa'];
const SECTORS = ['social-and-health', 'education-and-early-childhood', 'technical', 'business-and-support'] as const;

function uuidFrom(r: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(r.next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(r.next() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

class Clock {
  constructor(private t: number) {}
  tick(r: Rng): string {
    this.t += r.int(60_000, 3 * 86_400_000);
    return new Date(this.t).toISOString();
  }
}

const meta = (occurredAt: string, who: string, org: string, roles: string[]) => ({
  occurredAt,
  actor: { subject: `${PII}actor-${who}`, organisation: org, roles },
  correlationId: `${PII}correlation-${who}`,
});

function ideaStream(r: Rng, n: number): StreamFixture {
  const ideaId = uuidFrom(r);
  const org = r.pick(ORGS);
  const clock = new Clock(Date.UTC(2025, 0, 1) + n * 3_600_000);
  const events: NewEvent[] = [];
  const submitter = `${PII}submitter-${n}`;
  const push = (type: string, data: Record<string, unknown>, who = `staff-${n}`, roles = ['employee']) =>
    events.push({ eventId: uuidFrom(r), type, data, metadata: meta(clock.tick(r), who, org, roles) });
  push('IdeaSubmitted', {
    ideaId,
    title: `Idea ${n}: shorter queues at the front desk`,
    description: 'Customers wait too long; we could book visits online.',
    ...(r.chance(0.5) ? { problem: 'Queues in the morning.', proposal: 'Online booking.' } : {}),
    organisation: org,
    unit: `unit-${n % 7}`,
    sector: r.pick(SECTORS),
    themes: ['digitalisation', 'customer-service'].slice(0, r.int(0, 2)),
    language: r.pick(['fi', 'sv', 'en']),
    media: r.chance(0.5) ? [{ kind: 'audio', url: `https://media.example/${PII}voice-${n}.m4a`, caption: `${PII}caption by the submitter` }] : [],
    anonymous: r.chance(0.3),
    submitter,
  });
  const chatter = () => {
    for (let i = r.int(0, 2); i > 0; i--) {
      if (r.chance(0.5)) push('IdeaSupported', { ideaId, supporter: `${PII}supporter-${n}-${i}` }, `supporter-${n}-${i}`);
      else push('IdeaCommented', { ideaId, commentId: uuidFrom(r), text: `${PII}comment: ask Maija from payroll`, author: `${PII}author-${n}-${i}` }, `author-${n}-${i}`);
    }
  };
  chatter();
  const ending = r.next();
  if (ending < 0.04) {
    push('IdeaMerged', { ideaId, survivorId: uuidFrom(r) }, `agent-${n}`, ['change-agent']);
  } else if (ending < 0.15) {
    push('IdeaWithdrawn', r.chance(0.5) ? { ideaId, reason: `${PII}withdrawal: I am moving to another unit` } : { ideaId }, `staff-${n}`);
  } else {
    push('IdeaReviewStarted', { ideaId, team: 'Change agents, early childhood' }, `agent-${n}`, ['change-agent']);
    chatter();
    if (ending < 0.35) {
      push('IdeaRejected', { ideaId, reason: 'Already covered by the new booking system.' }, `agent-${n}`, ['change-agent']);
    } else if (ending < 0.4) {
      const duplicateId = uuidFrom(r);
      push(
        'DuplicateMerged',
        {
          ideaId,
          duplicateId,
          supporters: [`${PII}supporter-of-duplicate-${n}`],
          comments: [{ commentId: uuidFrom(r), text: `${PII}comment on the duplicate`, author: `${PII}author-of-duplicate-${n}`, at: '2025-01-02T10:00:00.000Z' }],
        },
        `agent-${n}`,
        ['change-agent'],
      );
    } else if (ending > 0.45) {
      push(
        'IdeaPilotStarted',
        { ideaId, goal: 'Halve the morning queue', team: 'Pilot team: front desk', startsOn: '2025-02-01', endsOn: '2025-04-30', metrics: [{ name: 'queue', unit: 'min', baseline: 25, target: 10 }, { name: 'satisfaction', baseline: 3.2 }] },
        `agent-${n}`,
        ['change-agent'],
      );
      push('PilotMeasurementsRecorded', { ideaId, measurements: [{ metric: 'queue', value: 14.5, measuredOn: '2025-03-01' }] }, `agent-${n}`, ['change-agent']);
      chatter();
      if (ending > 0.6) {
        push('IdeaAdopted', { ideaId, result: 'Queue down to 11 minutes.', metrics: [{ metric: 'queue', value: 11 }] }, `agent-${n}`, ['change-agent']);
        if (r.chance(0.5)) push('IdeaDeedLinked', { ideaId, deedId: uuidFrom(r) }, `agent-${n}`, ['change-agent']);
      }
    }
  }
  return { streamId: `idea-${ideaId}`, events };
}

function deedContent(r: Rng, n: number, revision: number) {
  return {
    title: `Deed ${n} (rev ${revision}): online booking`,
    aim: 'Shorter queues.',
    achieved: 'Queues halved.',
    metrics: [{ name: 'queue', value: 11, unit: 'min', baseline: 25 }, { name: 'visits', value: 120 }],
    unit: `unit-${n % 5}`,
    sector: r.pick(SECTORS),
    themes: ['digitalisation'],
    size: r.pick(['small', 'large']),
    scope: r.pick(['unit', 'sector', 'whole-organisation']),
    participants: ['staff', 'customers'],
    periodFrom: '2025-01-01',
    ...(r.chance(0.5) ? { periodTo: '2025-06-30' } : {}),
    language: 'fi',
    media: r.chance(0.5) ? [{ kind: 'image', url: 'https://media.example/deed.jpg', caption: 'The new kiosk' }] : [],
  };
}

function deedStream(r: Rng, n: number): StreamFixture {
  const deedId = uuidFrom(r);
  const org = r.pick(ORGS);
  const clock = new Clock(Date.UTC(2025, 3, 1) + n * 3_600_000);
  const events: NewEvent[] = [];
  const push = (type: string, data: Record<string, unknown>) =>
    events.push({ eventId: uuidFrom(r), type, data, metadata: meta(clock.tick(r), `editor-${n}`, org, ['editor']) });
  push('DeedDrafted', {
    deedId,
    organisation: org,
    content: deedContent(r, n, 0),
    ideaIds: r.chance(0.5) ? [uuidFrom(r)] : [],
    ...(r.chance(0.5) ? { source: 'import', externalId: `ext-${n}` } : { source: 'editor' }),
  });
  if (r.chance(0.5)) push('DeedEdited', { deedId, content: deedContent(r, n, 0) });
  if (r.chance(0.8)) {
    push('DeedPublished', { deedId, revision: 1, content: deedContent(r, n, 1) });
    if (r.chance(0.3)) push('DeedPublished', { deedId, revision: 2, content: deedContent(r, n, 2) });
    if (r.chance(0.2)) push('DeedUnpublished', { deedId, reason: 'Outdated figures.' });
  }
  return { streamId: `deed-${deedId}`, events };
}

function campaignStream(r: Rng, n: number): StreamFixture {
  const campaignId = uuidFrom(r);
  const clock = new Clock(Date.UTC(2025, 8, 1) + n * 3_600_000);
  const events: NewEvent[] = [];
  const push = (type: string, data: Record<string, unknown>) =>
    events.push({ eventId: uuidFrom(r), type, data, metadata: meta(clock.tick(r), `admin-${n}`, 'kehittamo', ['admin']) });
  push('CampaignOpened', { campaignId, name: `Tekoja tiskiin ${2025 + n}`, startsAt: '2025-09-01T00:00:00.000Z', endsAt: '2025-11-30T00:00:00.000Z' });
  if (r.chance(0.7)) {
    const standings = r.chance(0.2) ? [] : [{ organisation: 'imatra', deeds: 12, reachedAt: '2025-11-20T10:00:00.000Z' }, { organisation: 'kouvola', deeds: 9, reachedAt: '2025-11-02T08:30:00.000Z' }];
    push('CampaignClosed', { campaignId, winner: standings[0]?.organisation ?? null, standings });
  }
  return { streamId: `campaign-${campaignId}`, events };
}

/** Streams of ideas (most), deeds and campaigns with about `total` events in all (exactly `total` when it is reached). */
export function buildStreams(total: number, seed = 1): StreamFixture[] {
  const r = rng(seed);
  const streams: StreamFixture[] = [];
  let count = 0;
  for (let n = 0; count < total; n++) {
    const kind = r.next();
    const stream = kind < 0.7 ? ideaStream(r, n) : kind < 0.97 ? deedStream(r, n) : campaignStream(r, n);
    stream.events = stream.events.slice(0, total - count);
    count += stream.events.length;
    streams.push(stream);
  }
  return streams;
}

/**
 * Appends the streams in small pieces (1-3 events per append), several streams at once, so the feed
 * interleaves streams and transactions as a busy system does. Resolves with the number of events.
 */
export async function appendStreams(store: EventStore, streams: StreamFixture[], options: { concurrency?: number; seed?: number; pauseEveryMs?: number } = {}): Promise<number> {
  const r = rng(options.seed ?? 7);
  const workers = options.concurrency ?? 4;
  let appended = 0;
  // Stream i belongs to worker i % workers; each worker takes its streams round-robin, a piece at a time.
  const work = async (w: number) => {
    const mine = streams.filter((_, i) => i % workers === w).map((s) => ({ ...s, next: 0 }));
    while (mine.some((s) => s.next < s.events.length)) {
      for (const s of mine) {
        if (s.next >= s.events.length) continue;
        const piece = s.events.slice(s.next, s.next + r.int(1, 3));
        await store.append(s.streamId, piece, s.next);
        s.next += piece.length;
        appended += piece.length;
        if (options.pauseEveryMs) await sleep(options.pauseEveryMs);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => work(w)));
  return appended;
}

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name] = value.toString();
  return out;
}

/** Every message in the topics now (up to their current end offsets), in partition order. */
export async function readTopics(kafka: Kafka, topics: string[], timeoutMs = 60_000): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, bigint>();
  try {
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, BigInt(p.high));
    }
  } finally {
    await admin.disconnect();
  }
  const remaining = new Set([...ends].filter(([, high]) => high > 0n).map(([key]) => key));
  const messages: ReadMessage[] = [];
  if (remaining.size === 0) return messages;
  const groupId = `it.read.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((done, fail) => {
      timer = setTimeout(() => fail(new Error(`reading ${topics.join(', ')}: ${remaining.size} partitions not read to their end within ${timeoutMs} ms (${messages.length} messages so far)`)), timeoutMs);
      void consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const key = `${batch.topic}/${batch.partition}`;
          const end = ends.get(key) ?? 0n;
          for (const m of batch.messages) {
            if (BigInt(m.offset) >= end) break;
            // The relay's watermarks (one per partition behind each batch) are bookkeeping, not events.
            if (!isWatermark(m)) messages.push({ topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key?.toString() ?? '', value: m.value?.toString() ?? '', headers: headerStrings(m.headers) });
            if (BigInt(m.offset) === end - 1n) remaining.delete(key);
          }
          if (remaining.size === 0) done();
        },
      });
    }).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
    const cleanup = kafka.admin();
    await cleanup.connect();
    await cleanup.deleteGroups([groupId]).catch(() => undefined);
    await cleanup.disconnect();
  }
  return messages;
}

/** Creates topics (idempotent) with `partitions` partitions. */
export async function createTopics(kafka: Kafka, topics: string[], partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })) });
  } finally {
    await admin.disconnect();
  }
}

/** Deletes every topic whose name starts with `prefix` (best effort). */
export async function deleteTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length) await admin.deleteTopics({ topics: mine, timeout: 10_000 });
  } catch {
    // best effort: a test broker is wiped on its next fresh start anyway
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Rejects after `ms`, so a stuck step fails the test instead of hanging it. */
export function within<T>(ms: number, what: string | (() => string), work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${typeof what === 'function' ? what() : what}: not done within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `check` until it is true (or fails after `timeoutMs` with `what`). */
export async function waitUntil(what: string | (() => string), check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${typeof what === 'function' ? what() : what}: not reached within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, everyMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

// ---------------------------------------------------------------------------------------------
// Child processes: the real entry points, run from the TypeScript sources (testing/run-ts.mjs).
// ---------------------------------------------------------------------------------------------

/** The repository: entry points and the TypeScript hooks are found from here, wherever jest runs. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface Child {
  pid: number;
  process: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Every child started by the suite, so `killChildren` can stop them by pid even after a failure. */
const children = new Set<Child>();

export function startEntry(entry: string, env: Record<string, string>, args: string[] = []): Child {
  const proc = spawn(process.execPath, ['--import', resolve(ROOT, 'libs/messaging/src/testing/run-ts.mjs'), resolve(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  proc.stdout!.on('data', append);
  proc.stderr!.on('data', append);
  const child: Child = {
    pid: proc.pid!,
    process: proc,
    output: () => output,
    exited: new Promise((done) => proc.once('exit', (code, signal) => done({ code, signal }))),
  };
  children.add(child);
  void child.exited.then(() => children.delete(child));
  return child;
}

/** Kills one child by its pid and waits for it to be gone. */
export async function killChild(child: Child, signal: NodeJS.Signals = 'SIGKILL'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.process.exitCode === null && child.process.signalCode === null) {
    try {
      process.kill(child.pid, signal);
    } catch {
      // already gone
    }
  }
  return child.exited;
}

/** Kills every child this suite started that still runs (use in afterAll / afterEach). */
export async function killChildren(): Promise<void> {
  await Promise.all([...children].map((child) => within(10_000, `kill ${child.pid}`, killChild(child, 'SIGKILL')).catch(() => undefined)));
}

// ---------------------------------------------------------------------------------------------
// Read models
// ---------------------------------------------------------------------------------------------

/** Every read-model row of every entity in the data source, as JSON, sorted by primary key. */
export async function readModelSnapshot(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const meta of [...dataSource.entityMetadatas].sort((a, b) => a.tableName.localeCompare(b.tableName))) {
    const key = meta.primaryColumns.map((c) => `t."${c.databaseName}"`).join(', ');
    const rows = await dataSource.query(`SELECT to_jsonb(t) AS row FROM "${meta.tableName}" t ORDER BY ${key}`);
    snapshot[meta.tableName] = rows.map((r: { row: unknown }) => r.row);
  }
  return snapshot;
}
