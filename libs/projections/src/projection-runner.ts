// The feed core of one process: a daemon that reads each batch of the feed once and hands it to every
// asynchronous projection at that position, inline projections kept in the append's transaction, parked
// projections that fail, blue/green rebuilds in short transactions, and scoped waits for a position.
import { createHash, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { compareCheckpoints, START, type AppendHook, type Checkpoint, type EventStore, type NewEvent, type RecordedEvent, type SqlExecutor } from '#event-store';
import type { Projection, VersionedRow } from './projection.js';

export interface RunnerOptions {
  batchSize: number;
  pollMs: number;
  /** First wait after a failure; doubles with each failure in a row. */
  retryBaseMs?: number;
  /** The longest wait between two attempts of a parked projection. */
  retryMaxMs?: number;
}

export interface ParkedEvent {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  checkpoint: Checkpoint;
}

export interface ProjectionStatus {
  name: string;
  /** inline: kept in the append's transaction; async: run by the daemon from the feed. */
  mode: 'inline' | 'async';
  checkpoint: Checkpoint;
  eventsApplied: number;
  lastError?: string;
  failures: number;
  /** Set while the projection waits to retry after a failure: nothing else waits on it. */
  parkedUntil?: string;
  /** The event that failed on its own, when the failure has been narrowed to one. */
  failedEvent?: ParkedEvent;
  /** A blue/green rebuild in progress. */
  rebuild?: { done: number; total: number; startedAt?: string };
}

export interface RebuildProgress {
  projection: string;
  done: number;
  total: number;
}

/** A 64-bit advisory lock key per projection name. */
export function lockKey(name: string): string {
  return createHash('sha256').update(`projection:${name}`).digest().readBigInt64BE(0).toString();
}

/** Where a rebuild keeps its copies of the projection's tables until the swap. */
export const shadowSchema = (name: string): string => `rebuild_${name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;

/** Applies a batch of events to rows. Pure but for the row cache it fills. */
export function applyBatch<Row extends VersionedRow>(projection: Projection<Row>, rows: Map<string, Row | undefined>, events: RecordedEvent[]): Set<string> {
  const touched = new Set<string>();
  for (const event of events) {
    const key = projection.keyOf(event);
    if (key === undefined) continue;
    const row = rows.get(key);
    // Idempotent: an event this row has already applied is ignored.
    if (row && event.streamVersion <= row.version) continue;
    const next = projection.evolve(row, event);
    rows.set(key, next);
    touched.add(key);
  }
  return touched;
}

/**
 * Loads the rows a batch touches, folds the events into them and saves what changed, inside the
 * caller's transaction. Any feed (the store's, or a Kafka consumer's) goes through here.
 */
export async function applyEvents(tx: EntityManager, projection: Projection<any>, events: RecordedEvent[], skipped?: ReadonlySet<string>): Promise<void> {
  if (skipped && skipped.size > 0) events = events.filter((event) => !skipped.has(event.eventId));
  const keys = [...new Set(events.map((event) => projection.keyOf(event)).filter((key): key is string => key !== undefined))];
  if (keys.length === 0) return;
  const rows: Map<string, VersionedRow | undefined> = await projection.store.load(tx, keys);
  const touched = applyBatch(projection, rows, events);
  const changed = [...touched].map((key) => rows.get(key)).filter((row): row is VersionedRow => row !== undefined);
  if (changed.length > 0) await projection.store.save(tx, changed);
}

/** An event as `keyOf` sees it before the append has given it a position. */
const provisional = (streamId: string, event: NewEvent): RecordedEvent => ({
  eventId: event.eventId,
  streamId,
  streamVersion: 0,
  type: event.type,
  schemaVersion: event.schemaVersion ?? 1,
  data: event.data,
  metadata: event.metadata,
  checkpoint: START,
  recordedAt: event.metadata.occurredAt,
});

/** What the daemon knows of one asynchronous projection. */
interface Lane {
  projection: Projection<any>;
  /** Undefined: read it from the database (first run, or another process moved it). */
  checkpoint?: Checkpoint;
  /**
   * The checkpoint as last written to (or read from) the database. Behind `checkpoint` only over events that do not
   * concern the projection: those move it in memory, and it is written now and then, not in a transaction per batch.
   */
  saved?: Checkpoint;
  /** Events between `saved` and `checkpoint` (counted in `events_applied` when the checkpoint is written). */
  unsaved: number;
  failures: number;
  parkedUntil?: number;
  /** After a failed batch: smaller and smaller batches up to `suspectUntil`, to find the event that fails. */
  suspectUntil?: Checkpoint;
  limit?: number;
}

/** Failures that say nothing about the event: deadlock, serialisation, lock time-out, shutdown, lost connection. */
export function transient(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  if (typeof code !== 'string') return /Connection terminated|ECONNRESET|ECONNREFUSED|socket hang up/i.test(String((error as Error)?.message));
  return ['40P01', '40001', '55P03', '57P01', '57P02', '57P03'].includes(code) || code.startsWith('08') || ['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(code);
}

/** Rows an UPDATE or DELETE touched: TypeORM answers those with [rows, count], other statements with the rows. */
const touchedRows = (result: unknown): number =>
  Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[1] : Array.isArray(result) ? result.length : 0;

const LANES_AT_ONCE = 3;
/**
 * How long the daemon lets appends gather after a small batch while nobody waits for it: a little lag for far fewer
 * transactions (each lane's batch costs a transaction with its lock and checkpoint, whatever its size). A reader
 * waiting for a consistency token cuts the pause short, and the first append after a quiet spell is applied at once.
 */
const COALESCE_MS = 100;

/** How often checkpoints moved only over events of no concern to their projection are written. */
const SKIPPED_SAVE_MS = 1_000;

/** Waits `ms`, or until the function handed to `cutShort` is called. */
const pause = (ms: number, cutShort: (done: () => void) => void): Promise<void> =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    cutShort(() => {
      clearTimeout(timer);
      resolve();
    });
  });

const key = (checkpoint: Checkpoint): string => `${checkpoint.transactionId}.${checkpoint.position}`;

export class ProjectionRunner {
  private readonly logger = new Logger('Projections');
  private readonly positions = new Map<string, Checkpoint>();
  private readonly waiters = new Set<() => void>();
  private readonly lanes: Lane[];
  private readonly inline: Projection<any>[];
  private running = false;
  private loop?: Promise<void>;
  private rebuildLoop?: Promise<void>;
  private pending = false;
  private wake?: () => void;
  private unsubscribe?: () => void;
  private readonly worker = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private lastParkedCheck = 0;
  /** Events an operator skipped, per projection: they stay skipped on a replay or a rebuild. */
  private readonly skipped = new Map<string, Set<string>>();

  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
    private readonly projections: Projection<any>[],
    private readonly options: RunnerOptions,
  ) {
    // Inline only where the store runs them in the append's transaction; otherwise they ride the feed.
    const inline = store.transactional === true;
    this.inline = projections.filter((p) => inline && p.inline);
    this.lanes = projections.filter((p) => !this.inline.includes(p)).map((projection) => ({ projection, failures: 0, unsaved: 0 }));
  }

  get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  /** The projections this process runs from the feed (every one that is not inline here). */
  get feedNames(): string[] {
    return this.lanes.map((lane) => lane.projection.name);
  }

  /** The projections meant to be read straight back after a command (inline where the store allows it). */
  get ownViews(): string[] {
    return this.projections.filter((p) => p.inline).map((p) => p.name);
  }

  /** The projections this process keeps in the append's transaction. */
  get inlineNames(): string[] {
    return this.inline.map((p) => p.name);
  }

  projectionsNamed(names: string[]): Projection<any>[] {
    return this.projections.filter((p) => names.includes(p.name));
  }

  /**
   * The hook a command hands to the append: inline projections take a shared lock (a rebuild's swap takes
   * it exclusively) before the events exist, and fold them in the same transaction after.
   */
  readonly inlineHook: AppendHook = {
    applies: (streamId, events) => this.inline.some((projection) => events.some((event) => projection.keyOf(provisional(streamId, event)) !== undefined)),
    before: async (tx, streams) => {
      for (const projection of this.inline) {
        if (streams.some(({ streamId, events }) => events.some((event) => projection.keyOf(provisional(streamId, event)) !== undefined))) {
          await tx.query('SELECT pg_advisory_xact_lock_shared($1::bigint)', [lockKey(projection.name)]);
        }
      }
    },
    after: async (tx, recorded) => {
      for (const projection of this.inline) await applyEvents(tx as EntityManager, projection, recorded);
    },
  };

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.store.onAppended(() => this.nudge());
    this.loop = (async () => {
      await this.adoptInlineViews();
      await this.daemon();
    })();
    this.rebuildLoop ??= this.rebuilds();
  }

  private rebuildWorker = false;

  /**
   * Runs only the rebuild worker (a process whose projections are fed by Kafka): requested rebuilds, an
   * erasure's included, are carried out and resumed here.
   */
  startRebuildWorker(): void {
    this.rebuildWorker = true;
    this.rebuildLoop ??= this.rebuilds();
  }

  /**
   * Brings each inline view up to the head once, when it first runs inline (after an upgrade, its
   * asynchronous lane may have been behind); from then on every append keeps it. Under its lock, so no
   * writer is in flight, reading every committed event.
   */
  private async adoptInlineViews(): Promise<void> {
    for (const projection of this.inline) {
      try {
        await this.db.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(projection.name)]);
          await tx.query(`INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [projection.name]);
          const [row] = await tx.query(`SELECT transaction_id::text AS tx, position::text AS pos, inline FROM projection_checkpoints WHERE name = $1`, [projection.name]);
          if (row.inline) return;
          let at: Checkpoint = { transactionId: row.tx, position: row.pos };
          let applied = 0;
          for (;;) {
            const events = await this.store.readAll(at, { limit: this.options.batchSize, includeRecent: true }, tx);
            if (events.length === 0) break;
            await applyEvents(tx, projection, events);
            at = events[events.length - 1].checkpoint;
            applied += events.length;
          }
          await tx.query(
            `UPDATE projection_checkpoints SET inline = true, transaction_id = $2::text::xid8, position = $3::bigint, events_applied = events_applied + $4, updated_at = now() WHERE name = $1`,
            [projection.name, at.transactionId, at.position, applied],
          );
        });
      } catch (error) {
        this.logger.error(`Inline view ${projection.name} could not catch up: ${(error as Error).message}`);
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.rebuildWorker = false;
    this.unsubscribe?.();
    this.nudge();
    await Promise.all([this.loop, this.rebuildLoop]);
    await this.saveSkipped(true).catch((error: Error) => this.logger.warn(`Could not save the checkpoints on stopping: ${error.message}`));
    this.loop = undefined;
    this.rebuildLoop = undefined;
  }

  /** Wakes the daemon at once (an append happened in this process). A parked projection stays parked. */
  nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Cuts the daemon's gathering pause short: a reader is waiting. */
  private hurry?: () => void;

  private async gather(): Promise<void> {
    if (this.waiters.size > 0) return;
    await pause(COALESCE_MS, (done) => (this.hurry = done));
    this.hurry = undefined;
  }

  private async sleep(ms: number): Promise<void> {
    await pause(ms, (done) => (this.wake = done));
    this.wake = undefined;
  }

  private async daemon(): Promise<void> {
    while (this.running) {
      this.pending = false;
      let progressed = 0;
      try {
        progressed = await this.cycle();
      } catch (error) {
        this.logger.error(`Feed read failed, will retry: ${(error as Error).message}`);
        await this.sleep(Math.min(5_000, this.options.pollMs * 10));
        continue;
      }
      if (progressed > 0 || this.pending) {
        // Under a stream of appends, let a few more arrive so one transaction per lane carries many events.
        if (progressed < this.options.batchSize / 4) await this.gather();
        continue;
      }
      const parked = this.lanes.map((l) => l.parkedUntil).filter((t): t is number => t !== undefined);
      const untilRetry = parked.length > 0 ? Math.max(0, Math.min(...parked) - Date.now()) : Infinity;
      await this.sleep(Math.min(this.options.pollMs, untilRetry));
    }
  }

  /**
   * One pass: lanes at the same checkpoint share one read of the feed; a lane behind (new, rebuilt,
   * recovering) reads on its own until it reaches the others. Returns how many events were applied.
   */
  private async cycle(): Promise<number> {
    await this.loadCheckpoints();
    await this.checkParked();
    await this.saveSkipped();
    const now = Date.now();
    const groups = new Map<string, { from: Checkpoint; lanes: Lane[]; limit: number }>();
    for (const lane of this.lanes) {
      if (!lane.checkpoint || (lane.parkedUntil !== undefined && lane.parkedUntil > now)) continue;
      const narrowing = lane.limit !== undefined;
      const id = `${key(lane.checkpoint)}${narrowing ? `:${lane.projection.name}` : ''}`;
      const group = groups.get(id) ?? { from: lane.checkpoint, lanes: [], limit: lane.limit ?? this.options.batchSize };
      group.lanes.push(lane);
      groups.set(id, group);
    }
    let applied = 0;
    for (const { from, lanes, limit } of groups.values()) {
      if (!this.running) break;
      const events = await this.store.readAll(from, { limit });
      if (events.length === 0) {
        for (const lane of lanes) this.advance(lane.projection.name, from);
        continue;
      }
      // A few lanes at a time: each holds a connection for its transaction, and the pool is shared with requests.
      for (let i = 0; i < lanes.length; i += LANES_AT_ONCE) {
        const counts = await Promise.all(lanes.slice(i, i + LANES_AT_ONCE).map((lane) => this.applyTo(lane, from, events)));
        applied += counts.reduce((a, b) => a + b, 0);
      }
    }
    return applied;
  }

  private lastSkippedSave = 0;

  /**
   * Writes the checkpoints that moved in memory over events of no concern, at most once a second (and when the
   * daemon stops), in one statement; each only if the database still holds what this process last saw there, so a
   * checkpoint another process moved meanwhile is read again instead.
   */
  private async saveSkipped(force = false): Promise<void> {
    const moved = this.lanes.filter((lane) => lane.checkpoint && lane.saved && compareCheckpoints(lane.checkpoint, lane.saved) > 0);
    if (moved.length === 0 || (!force && Date.now() - this.lastSkippedSave < SKIPPED_SAVE_MS)) return;
    this.lastSkippedSave = Date.now();
    const input = moved.map((lane) => ({
      name: lane.projection.name,
      tx: lane.checkpoint!.transactionId,
      pos: lane.checkpoint!.position,
      n: lane.unsaved,
      was_tx: lane.saved!.transactionId,
      was_pos: lane.saved!.position,
    }));
    const rows: { name: string }[] = await this.db.query(
      `UPDATE projection_checkpoints c SET transaction_id = x.tx::xid8, position = x.pos::bigint, events_applied = c.events_applied + x.n, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(name text, tx text, pos text, n bigint, was_tx text, was_pos text)
       WHERE c.name = x.name AND c.transaction_id = x.was_tx::xid8 AND c.position = x.was_pos::bigint
       RETURNING c.name`,
      [JSON.stringify(input)],
    );
    const saved = new Set(rows.map((row) => row.name));
    for (const lane of moved) {
      if (saved.has(lane.projection.name)) lane.saved = lane.checkpoint;
      else lane.checkpoint = lane.saved = undefined;
      lane.unsaved = 0;
    }
  }

  private async loadCheckpoints(): Promise<void> {
    const unknown = this.lanes.filter((lane) => !lane.checkpoint);
    if (unknown.length === 0) return;
    const names = unknown.map((lane) => lane.projection.name);
    await this.db.query(`INSERT INTO projection_checkpoints (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [names]);
    const rows: { name: string; tx: string; pos: string; failures: number; parked_until: Date | null }[] = await this.db.query(
      `SELECT name, transaction_id::text AS tx, position::text AS pos, failures, parked_until FROM projection_checkpoints WHERE name = ANY($1)`,
      [names],
    );
    const letters: { name: string; event_id: string }[] = await this.db.query(`SELECT name, event_id FROM projection_dead_letters WHERE name = ANY($1)`, [names]);
    for (const name of names) this.skipped.set(name, new Set(letters.filter((l) => l.name === name).map((l) => l.event_id)));
    for (const row of rows) {
      const lane = unknown.find((l) => l.projection.name === row.name)!;
      lane.checkpoint = { transactionId: row.tx, position: row.pos };
      lane.saved = lane.checkpoint;
      lane.failures = row.failures;
      lane.parkedUntil = row.parked_until ? row.parked_until.getTime() : undefined;
      this.advance(row.name, lane.checkpoint);
    }
  }

  /** A parked projection is released at once when someone retries or skips it (the CLI, another process). */
  private async checkParked(): Promise<void> {
    const parked = this.lanes.filter((lane) => lane.parkedUntil !== undefined);
    if (parked.length === 0 || Date.now() - this.lastParkedCheck < 500) return;
    this.lastParkedCheck = Date.now();
    const rows: { name: string; failures: number }[] = await this.db.query(`SELECT name, failures FROM projection_checkpoints WHERE name = ANY($1)`, [
      parked.map((lane) => lane.projection.name),
    ]);
    for (const row of rows) {
      if (row.failures > 0) continue;
      const lane = parked.find((l) => l.projection.name === row.name)!;
      lane.parkedUntil = undefined;
      lane.failures = 0;
      lane.checkpoint = lane.saved = undefined;
      lane.unsaved = 0;
    }
  }

  /** One batch for one lane, in its own transaction with its checkpoint. Failures park the lane. */
  private async applyTo(lane: Lane, from: Checkpoint, events: RecordedEvent[]): Promise<number> {
    const name = lane.projection.name;
    if (lane.limit === undefined && lane.saved && !events.some((event) => lane.projection.keyOf(event) !== undefined)) {
      // Nothing here for this projection: move on in memory; saveSkipped() writes the checkpoint now and then.
      lane.checkpoint = events[events.length - 1].checkpoint;
      lane.unsaved += events.length;
      this.advance(name, lane.checkpoint);
      return events.length;
    }
    try {
      const outcome = await this.commitBatch(lane.projection, lane.saved ?? from, events, lane.unsaved);
      if (outcome === 'held') {
        // Another process runs it: follow its checkpoint from the database.
        lane.checkpoint = lane.saved = undefined;
        lane.unsaved = 0;
        return 0;
      }
      if (outcome === 'moved') {
        lane.checkpoint = lane.saved = undefined;
        lane.unsaved = 0;
        return 0;
      }
      lane.checkpoint = outcome;
      lane.saved = outcome;
      lane.unsaved = 0;
      if (lane.failures > 0 || lane.parkedUntil !== undefined) this.logger.log(`Projection ${name}: running again after ${lane.failures} failure(s).`);
      lane.failures = 0;
      lane.parkedUntil = undefined;
      if (lane.suspectUntil && compareCheckpoints(outcome, lane.suspectUntil) >= 0) {
        lane.suspectUntil = undefined;
        lane.limit = undefined;
      }
      this.advance(name, outcome);
      return events.length;
    } catch (error) {
      await this.park(lane, error as Error, events);
      return 0;
    }
  }

  private async park(lane: Lane, error: Error, events: RecordedEvent[]): Promise<void> {
    const name = lane.projection.name;
    const message = error.message.slice(0, 2000);
    if (transient(error)) {
      // A deadlock, a serialisation failure, a lost connection: not the event's fault. Try the same batch again soon.
      lane.parkedUntil = Date.now() + Math.min(5_000, this.options.pollMs * 4 + Math.random() * 200);
      this.logger.warn(`Projection ${name}: batch interrupted (${message}); trying again.`);
      return;
    }
    if (events.length > 1) {
      // Narrow it down before waiting (halving the batch), up to where this batch ended.
      lane.suspectUntil ??= events[events.length - 1].checkpoint;
      lane.limit = Math.ceil(events.length / 2);
      this.logger.warn(`Projection ${name}: a batch of ${events.length} failed (${message}); trying ${lane.limit} at a time.`);
      return;
    }
    lane.failures++;
    const base = this.options.retryBaseMs ?? 1_000;
    const wait = Math.min(this.options.retryMaxMs ?? 300_000, base * 2 ** (lane.failures - 1));
    lane.parkedUntil = Date.now() + wait;
    const [event] = events;
    const failed: ParkedEvent = { eventId: event.eventId, streamId: event.streamId, streamVersion: event.streamVersion, type: event.type, checkpoint: event.checkpoint };
    this.logger.error(`Projection ${name} parked: ${event.type} ${event.streamId}@${event.streamVersion} failed (${lane.failures} in a row), next try in ${wait} ms: ${message}`);
    // Its own statement: the batch's transaction has rolled back.
    await this.db
      .query(
        `INSERT INTO projection_checkpoints (name, last_error, failures, parked_until, failed_event, updated_at)
         VALUES ($1, $2, $3, now() + ($4::int * interval '1 millisecond'), $5::jsonb, now())
         ON CONFLICT (name) DO UPDATE SET last_error = excluded.last_error, failures = excluded.failures,
           parked_until = excluded.parked_until, failed_event = excluded.failed_event, updated_at = now()`,
        [name, message, lane.failures, wait, JSON.stringify(failed)],
      )
      .catch((e: Error) => this.logger.error(`Projection ${name}: could not record the failure: ${e.message}`));
  }

  /**
   * Applies a batch under the projection's lock, if the projection's checkpoint in the database is still `from` (the
   * batch was read from there, or from past events that do not concern it); 'held' when another process has it,
   * 'moved' when it is elsewhere.
   */
  private commitBatch(projection: Projection<any>, from: Checkpoint, events: RecordedEvent[], passed = 0): Promise<Checkpoint | 'held' | 'moved'> {
    return this.db.transaction(async (tx) => {
      const [{ locked }] = await tx.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [lockKey(projection.name)]);
      if (!locked) return 'held';
      const [row] = await tx.query('SELECT transaction_id::text AS tx, position::text AS pos FROM projection_checkpoints WHERE name = $1', [projection.name]);
      const current = row ? { transactionId: row.tx, position: row.pos } : START;
      if (!row) await tx.query('INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [projection.name]);
      if (compareCheckpoints(current, from) !== 0) return 'moved';
      await applyEvents(tx, projection, events, this.skipped.get(projection.name));
      const last = events[events.length - 1].checkpoint;
      await tx.query(
        `UPDATE projection_checkpoints SET transaction_id = $2::text::xid8, position = $3::bigint, events_applied = events_applied + $4,
           updated_at = now(), last_error = NULL, failures = 0, parked_until = NULL, failed_event = NULL WHERE name = $1`,
        [projection.name, last.transactionId, last.position, events.length + passed],
      );
      return last;
    });
  }

  /** Processes one batch of one projection, outside the daemon. Throws when the batch fails. */
  async runOnce(projection: Projection<any>): Promise<number> {
    const [row] = await this.db.query('SELECT transaction_id::text AS tx, position::text AS pos FROM projection_checkpoints WHERE name = $1', [projection.name]);
    const from = row ? { transactionId: row.tx, position: row.pos } : START;
    const events = await this.store.readAll(from, { limit: this.options.batchSize });
    if (events.length === 0) return 0;
    const outcome = await this.commitBatch(projection, from, events);
    if (outcome === 'held' || outcome === 'moved') return 0;
    this.advance(projection.name, outcome);
    return events.length;
  }

  private advance(name: string, checkpoint: Checkpoint): void {
    const current = this.positions.get(name);
    if (!current || compareCheckpoints(checkpoint, current) > 0) this.positions.set(name, checkpoint);
    for (const waiter of this.waiters) waiter();
  }

  /** True for a token no transaction has reached yet (made up, or from another installation). */
  isFuture(token: Checkpoint): Promise<boolean> {
    return this.store.isFuture?.(token) ?? Promise.resolve(false);
  }

  /** The asynchronous projections among `names` (all of them by default): inline ones are current at commit. */
  private awaited(names?: readonly string[]): string[] {
    const async = this.lanes.map((lane) => lane.projection.name);
    return names === undefined ? async : async.filter((name) => names.includes(name));
  }

  /** The projections among `names` that have not applied everything up to `token`. */
  async behind(token: Checkpoint, names?: readonly string[]): Promise<string[]> {
    const wanted = this.awaited(names);
    const behind: string[] = [];
    for (const name of wanted) {
      const position = this.positions.get(name);
      if (!position || compareCheckpoints(position, token) < 0) behind.push(name);
    }
    // While this process runs the daemon, memory is as new as the database.
    if (behind.length === 0 || this.running) return behind;
    // Another process runs them (scale-out: the projector, fed by the store or by Kafka): its checkpoints, in one statement.
    const rows: { name: string; tx: string; pos: string }[] = await this.db.query(
      'SELECT name, transaction_id::text AS tx, position::text AS pos FROM projection_checkpoints WHERE name = ANY($1)',
      [behind],
    );
    const still = new Set(behind);
    for (const row of rows) {
      const position = { transactionId: row.tx, position: row.pos };
      this.positions.set(row.name, position);
      if (compareCheckpoints(position, token) >= 0) still.delete(row.name);
    }
    return [...still];
  }

  /**
   * Waits (bounded) until the named projections (every asynchronous one by default) reflect `token`.
   * Returns false on time-out. A parked projection is not waited for past the bound.
   */
  async waitFor(token: Checkpoint, timeoutMs: number, names?: readonly string[]): Promise<boolean> {
    return (await this.waitForNamed(token, timeoutMs, names)).length === 0;
  }

  /** Like `waitFor`, answering which projections were still behind when the wait ended. */
  async waitForNamed(token: Checkpoint, timeoutMs: number, names?: readonly string[]): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const behind = await this.behind(token, names);
      const left = deadline - Date.now();
      if (behind.length === 0 || left <= 0) return behind;
      // A parked projection will not move within a request's wait: answer now, saying it is behind.
      if (await this.allParked(behind)) return behind;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 50));
        this.waiters.add(done);
        this.hurry?.();
      });
    }
  }

  private async allParked(names: string[]): Promise<boolean> {
    // From the database: an operator's retry or skip (another process) releases it before this process notices.
    const rows: { n: number }[] = await this.db.query(`SELECT count(*)::int AS n FROM projection_checkpoints WHERE name = ANY($1) AND failures > 0`, [names]);
    return rows[0].n === names.length;
  }

  async status(): Promise<ProjectionStatus[]> {
    const rows = await this.db.query(
      `SELECT c.name, c.transaction_id::text AS tx, c.position::text AS pos, c.events_applied, c.last_error, c.failures, c.parked_until, c.failed_event,
         r.done AS rebuild_done, r.total AS rebuild_total, r.started_at AS rebuild_started
       FROM projection_checkpoints c LEFT JOIN projection_rebuilds r ON r.name = c.name WHERE c.name = ANY($1)`,
      [this.names],
    );
    const byName = new Map(rows.map((row: Record<string, any>) => [row.name as string, row]));
    return this.names.map((name) => {
      const row: Record<string, any> = byName.get(name) ?? {};
      const saved = { transactionId: row.tx ?? '0', position: row.pos ?? '0' };
      // This process's daemon may be ahead of the database over events of no concern to the projection.
      const lane = this.running ? this.lanes.find((l) => l.projection.name === name) : undefined;
      const ahead = lane?.checkpoint && compareCheckpoints(lane.checkpoint, saved) > 0;
      return {
        name,
        mode: this.inlineNames.includes(name) ? 'inline' : 'async',
        checkpoint: ahead ? lane!.checkpoint! : saved,
        eventsApplied: Number(row.events_applied ?? 0) + (ahead ? lane!.unsaved : 0),
        lastError: row.last_error ?? undefined,
        failures: Number(row.failures ?? 0),
        parkedUntil: row.parked_until ? new Date(row.parked_until).toISOString() : undefined,
        failedEvent: row.failed_event ?? undefined,
        rebuild: row.rebuild_total != null ? { done: Number(row.rebuild_done), total: Number(row.rebuild_total), startedAt: row.rebuild_started?.toISOString?.() } : undefined,
      };
    });
  }

  /** Retries a parked projection now (the CLI, an operator): the daemon picks it up within a second. */
  async retry(name: string): Promise<boolean> {
    const result = await this.db.query(`UPDATE projection_checkpoints SET failures = 0, parked_until = NULL, updated_at = now() WHERE name = $1 AND failures > 0`, [name]);
    return touchedRows(result) > 0;
  }

  /**
   * Skips the event a parked projection failed on: it is kept in projection_dead_letters with the error,
   * and the projection goes on after it.
   */
  async skip(name: string): Promise<ParkedEvent | undefined> {
    return this.db.transaction(async (tx) => {
      // The daemon's batches hold this lock: the skip never races a retry of the same event.
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(name)]);
      const [row] = await tx.query(`SELECT failed_event, last_error FROM projection_checkpoints WHERE name = $1 FOR UPDATE`, [name]);
      const failed: ParkedEvent | undefined = row?.failed_event ?? undefined;
      if (!failed) return undefined;
      await tx.query(
        `INSERT INTO projection_dead_letters (name, event_id, stream_id, stream_version, type, transaction_id, position, error)
         VALUES ($1, $2, $3, $4, $5, $6::text::xid8, $7::bigint, $8) ON CONFLICT DO NOTHING`,
        [name, failed.eventId, failed.streamId, failed.streamVersion, failed.type, failed.checkpoint.transactionId, failed.checkpoint.position, row.last_error],
      );
      await tx.query(
        `UPDATE projection_checkpoints SET transaction_id = $2::text::xid8, position = $3::bigint, failures = 0, parked_until = NULL,
           failed_event = NULL, last_error = NULL, updated_at = now() WHERE name = $1`,
        [name, failed.checkpoint.transactionId, failed.checkpoint.position],
      );
      return failed;
    });
  }

  // ---- Blue/green rebuilds ------------------------------------------------------------------------

  /** Asks the daemons to rebuild these projections (erasure does): whichever process holds the lease carries it through. */
  async requestRebuild(names: string[], reason: string, executor: SqlExecutor = this.db): Promise<void> {
    // A rebuild under way starts over (its generation, requested_at, changes): it may have read events before the request.
    await executor.query(
      `INSERT INTO projection_rebuilds (name, reason) SELECT unnest($1::text[]), $2
       ON CONFLICT (name) DO UPDATE SET transaction_id = '0', position = 0, done = 0, reason = excluded.reason, requested_at = clock_timestamp()`,
      [names, reason],
    );
    this.nudgeRebuilds?.();
  }

  private nudgeRebuilds?: () => void;
  /** Rebuilds this process is carrying out: the lease is per process, so one run each. */
  private readonly rebuilding = new Set<string>();

  /**
   * Waits (bounded) until no rebuild of these projections is pending. Returns those still pending.
   * With no daemon running in this process (a CLI, a test), it carries them out itself.
   */
  async waitForRebuilds(names: string[], timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = (await this.pendingRebuilds()).filter((name) => names.includes(name));
      if (pending.length === 0 || Date.now() >= deadline) return pending;
      // Another process's daemon may hold them; otherwise this one carries them out.
      if (!this.running) {
        for (const projection of this.projectionsNamed(pending)) {
          await this.rebuild(projection, undefined, 2_000, true).catch((error: Error) => this.logger.error(`Rebuild of ${projection.name} failed, will retry: ${error.message}`));
        }
      }
      this.nudgeRebuilds?.();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Rebuilds that are requested or were cut short (a crash), with what is left of them. */
  async pendingRebuilds(): Promise<string[]> {
    const rows: { name: string }[] = await this.db.query(`SELECT name FROM projection_rebuilds ORDER BY requested_at`);
    return rows.map((row) => row.name).filter((name) => this.names.includes(name));
  }

  private async rebuilds(): Promise<void> {
    const retryAt = new Map<string, number>();
    while (this.running || this.rebuildWorker) {
      let pending: string[] = [];
      try {
        pending = await this.pendingRebuilds();
      } catch (error) {
        this.logger.error(`Could not read the rebuild requests: ${(error as Error).message}`);
      }
      for (const name of pending) {
        if (!(this.running || this.rebuildWorker)) break;
        if ((retryAt.get(name) ?? 0) > Date.now()) continue;
        try {
          await this.rebuild(this.projectionsNamed([name])[0], undefined, 2_000, true);
          retryAt.delete(name);
        } catch (error) {
          // One failing rebuild does not hold the others back.
          retryAt.set(name, Date.now() + 5_000);
          this.logger.error(`Rebuild of ${name} failed, will retry: ${(error as Error).message}`);
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        this.nudgeRebuilds = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.nudgeRebuilds = undefined;
    }
  }

  /** Follows a rebuild that another process carries out, until it has swapped. */
  private async follow(name: string, onProgress?: (progress: RebuildProgress) => void, takeOver?: () => Promise<boolean>): Promise<number | 'taken over'> {
    for (;;) {
      if (takeOver && (await takeOver())) return 'taken over';
      const [row] = await this.db.query(`SELECT done::int AS done, total::int AS total FROM projection_rebuilds WHERE name = $1`, [name]);
      if (!row) {
        const [checkpoint] = await this.db.query(`SELECT events_applied::int AS n FROM projection_checkpoints WHERE name = $1`, [name]);
        return Number(checkpoint?.n ?? 0);
      }
      onProgress?.({ projection: name, done: row.done, total: Math.max(row.total, row.done) });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Holds or renews the lease on a rebuild; false when another process holds it. */
  private async lease(name: string): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE projection_rebuilds SET leased_by = $2, leased_until = now() + interval '10 seconds', started_at = coalesce(started_at, now())
       WHERE name = $1 AND (leased_by IS NULL OR leased_by = $2 OR leased_until < now())`,
      [name, this.worker],
    );
    return touchedRows(result) > 0;
  }

  /** Copies of the projection's tables (columns, defaults, constraints, indexes, triggers) in its shadow schema. */
  private async createShadow(projection: Projection<any>): Promise<void> {
    const schema = shadowSchema(projection.name);
    await this.db.transaction(async (tx) => {
      await tx.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await tx.query(`CREATE SCHEMA ${schema}`);
      // Definitions read with every name qualified, then pointed at the copy.
      await tx.query(`SET LOCAL search_path = pg_catalog`);
      for (const table of projection.store.tables(tx)) {
        await tx.query(`CREATE TABLE ${schema}."${table}" (LIKE public."${table}" INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY)`);
        const target = (sql: string) => sql.replace(new RegExp(` ON (ONLY )?public\\.("?)${table}\\2 `), ` ON $1${schema}."${table}" `);
        const constraints: { name: string; def: string }[] = await tx.query(
          `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'c', 'x', 'f')`,
          [`public."${table}"`],
        );
        for (const c of constraints) await tx.query(`ALTER TABLE ${schema}."${table}" ADD CONSTRAINT "${c.name}" ${c.def}`);
        const indexes: { def: string }[] = await tx.query(
          `SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
           WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
          [`public."${table}"`],
        );
        for (const i of indexes) await tx.query(target(i.def));
        const triggers: { def: string }[] = await tx.query(`SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`, [
          `public."${table}"`,
        ]);
        for (const t of triggers) await tx.query(target(t.def));
      }
    });
  }

  /** Whether the shadow copies still have the live tables' columns and indexes (no migration changed them since). */
  private async shadowMatchesLive(projection: Projection<any>): Promise<boolean> {
    const schema = shadowSchema(projection.name);
    const tables = [...projection.store.tables(this.db.manager)];
    const shapes: { schema: string; table: string; shape: string }[] = await this.db.query(
      `SELECT n.nspname AS schema, c.relname AS table,
         (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull, ',' ORDER BY a.attnum)
            FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
         || ' | ' ||
         coalesce((SELECT string_agg(ic.relname, ',' ORDER BY ic.relname) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid), '') AS shape
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND c.relname = ANY($1::text[]) AND n.nspname IN ('public', $2)`,
      [tables, schema],
    );
    const of = (where: string) => new Map(shapes.filter((row) => row.schema === where).map((row) => [row.table, row.shape]));
    const live = of('public');
    const shadow = of(schema);
    return tables.every((table) => live.get(table) !== undefined && live.get(table) === shadow.get(table));
  }

  private async withShadow<T>(projection: Projection<any>, run: (tx: EntityManager) => Promise<T>, exclusive = false): Promise<T> {
    return this.db.transaction(async (tx) => {
      if (exclusive) {
        await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(projection.name)]);
        for (const other of [...(projection.store.swapLocks ?? [])].sort()) await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(other)]);
      }
      await tx.query(`SELECT set_config('search_path', $1, true), set_config('kehittamo.rebuilding', 'on', true)`, [`${shadowSchema(projection.name)}, public`]);
      return run(tx);
    });
  }

  /**
   * Rebuilds one projection from position zero, blue/green: copies of its tables are filled in short
   * transactions (one batch each, so no snapshot is held and every other reader of the feed goes on)
   * while the live tables keep serving; then, under the projection's lock, the copies catch up with the
   * last events and replace the live tables in one transaction. A rebuild cut short resumes where its
   * last batch committed. Returns the events applied.
   */
  async rebuild(projection: Projection<any>, onProgress?: (progress: RebuildProgress) => void, batchSize = 2_000, resumeOnly = false): Promise<number> {
    const name = projection.name;
    if (this.rebuilding.has(name)) return resumeOnly ? 0 : (this.follow(name, onProgress) as Promise<number>);
    this.rebuilding.add(name);
    try {
      return await this.rebuildHere(projection, onProgress, batchSize, resumeOnly);
    } catch (error) {
      // Let another attempt (here or in another process) resume it at once; a crash frees it when the lease runs out.
      await this.db.query(`UPDATE projection_rebuilds SET leased_by = NULL, leased_until = NULL, last_error = $3 WHERE name = $1 AND leased_by = $2`, [name, this.worker, (error as Error).message.slice(0, 2000)]).catch(() => undefined);
      throw error;
    } finally {
      this.rebuilding.delete(name);
    }
  }

  private async rebuildHere(projection: Projection<any>, onProgress: ((progress: RebuildProgress) => void) | undefined, batchSize: number, resumeOnly: boolean): Promise<number> {
    const name = projection.name;
    const isInline = this.inline.some((p) => p.name === name);
    const STATE = `SELECT transaction_id::text AS tx, position::text AS pos, done::int AS done, requested_at::text AS generation FROM projection_rebuilds WHERE name = $1`;
    let [state] = await this.db.query(STATE, [name]);
    if (!state && resumeOnly) return 0;
    if (!state) {
      await this.db.query(`INSERT INTO projection_rebuilds (name, reason) VALUES ($1, 'operator') ON CONFLICT (name) DO NOTHING`, [name]);
      [state] = await this.db.query(STATE, [name]);
    }
    if (!(await this.lease(name))) {
      if (resumeOnly) return 0;
      // Another process carries it out: follow it, and take over if its lease runs out (it crashed).
      const followed = await this.follow(name, onProgress, () => this.lease(name));
      if (followed !== 'taken over') return followed;
      [state] = await this.db.query(STATE, [name]);
    }
    const generation: string = state.generation;
    /** A newer request (an erasure) started the rebuild over: this run stops, the next one begins afresh. */
    const stillCurrent = (result: unknown) => {
      if (touchedRows(result) === 0) throw new Error(`The rebuild of ${name} was requested again; starting over.`);
    };
    const [{ exists }] = await this.db.query(`SELECT count(*)::int > 0 AS exists FROM pg_namespace WHERE nspname = $1`, [shadowSchema(name)]);
    let checkpoint: Checkpoint = { transactionId: state.tx, position: state.pos };
    let done = Number(state.done);
    // A rebuild cut short before an upgrade that changed the projection's tables starts over in the new shape.
    if (!exists || compareCheckpoints(checkpoint, START) === 0 || !(await this.shadowMatchesLive(projection))) {
      await this.createShadow(projection);
      await this.withShadow(projection, (tx) => projection.store.clear(tx));
      checkpoint = START;
      done = 0;
    }
    const letters: { event_id: string }[] = await this.db.query(`SELECT event_id FROM projection_dead_letters WHERE name = $1`, [name]);
    const skipped = new Set(letters.map((l) => l.event_id));
    const { count: total } = await this.store.head();
    await this.db.query(`UPDATE projection_rebuilds SET total = $2 WHERE name = $1`, [name, total]);
    onProgress?.({ projection: name, done, total });
    for (;;) {
      // Stopping: the next process resumes from the last committed batch.
      if (resumeOnly && !this.running && !this.rebuildWorker) return done;
      if (!(await this.lease(name))) return done;
      const events = await this.store.readAll(checkpoint, { limit: batchSize, freshKeys: true });
      if (events.length === 0) break;
      await this.withShadow(projection, async (tx) => {
        await applyEvents(tx, projection, events, skipped);
        const last = events[events.length - 1].checkpoint;
        stillCurrent(
          await tx.query(
            `UPDATE public.projection_rebuilds SET transaction_id = $2::text::xid8, position = $3::bigint, done = done + $4
             WHERE name = $1 AND requested_at::text = $5`,
            [name, last.transactionId, last.position, events.length, generation],
          ),
        );
      });
      checkpoint = events[events.length - 1].checkpoint;
      done += events.length;
      onProgress?.({ projection: name, done, total: Math.max(total, done) });
    }
    // The swap: the projection's lock keeps the daemon's batches (and, for an inline view, every writer) out.
    const final = await this.withShadow(
      projection,
      async (tx) => {
        let at = checkpoint;
        for (;;) {
          const events = await this.store.readAll(at, { limit: batchSize, includeRecent: isInline, freshKeys: true }, tx);
          if (events.length === 0) break;
          await applyEvents(tx, projection, events, skipped);
          at = events[events.length - 1].checkpoint;
          done += events.length;
        }
        await tx.query(`SELECT set_config('search_path', 'public', true)`);
        for (const table of projection.store.tables(tx)) {
          // A serial column's sequence belongs to the live table, and the copy's default draws from it too:
          // it is handed over to the copy instead of being dropped with the live table.
          const owned: { seq: string; col: string }[] = await tx.query(
            `SELECT quote_ident(s.relname) AS seq, quote_ident(a.attname) AS col
             FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
             JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
             WHERE d.classid = 'pg_class'::regclass AND d.refobjid = $1::regclass AND d.deptype = 'a'`,
            [`public."${table}"`],
          );
          for (const { seq } of owned) await tx.query(`ALTER SEQUENCE public.${seq} OWNED BY NONE`);
          await tx.query(`DROP TABLE public."${table}"`);
          await tx.query(`ALTER TABLE ${shadowSchema(name)}."${table}" SET SCHEMA public`);
          for (const { seq, col } of owned) await tx.query(`ALTER SEQUENCE public.${seq} OWNED BY public."${table}".${col}`);
        }
        await projection.store.afterSwap?.(tx);
        await tx.query(`DROP SCHEMA ${shadowSchema(name)}`);
        await tx.query(
          `INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
          [name],
        );
        await tx.query(
          `UPDATE projection_checkpoints SET transaction_id = $2::text::xid8, position = $3::bigint, events_applied = $4, rebuilt_at = now(), updated_at = now(),
             last_error = NULL, failures = 0, parked_until = NULL, failed_event = NULL WHERE name = $1`,
          [name, at.transactionId, at.position, done],
        );
        stillCurrent(await tx.query(`DELETE FROM projection_rebuilds WHERE name = $1 AND requested_at::text = $2`, [name, generation]));
        return at;
      },
      true,
    );
    onProgress?.({ projection: name, done, total: Math.max(total, done) });
    const lane = this.lanes.find((l) => l.projection.name === name);
    if (lane) {
      lane.checkpoint = lane.saved = undefined;
      lane.unsaved = 0;
      lane.failures = 0;
      lane.parkedUntil = undefined;
      lane.suspectUntil = undefined;
      lane.limit = undefined;
    }
    this.positions.set(name, final);
    for (const waiter of this.waiters) waiter();
    return done;
  }
}

/**
 * A processor on the feed: when an event of `type` arrives, it asks for a blue/green rebuild of the named
 * projections, in the same transaction as its checkpoint, so a crash can neither lose nor skip the request.
 * Erasure uses it: the read models are rebuilt after a person's key is destroyed.
 */
export function rebuildOn(name: string, type: string, projections: () => string[]): Projection<VersionedRow & { streamId: string }> {
  return {
    name,
    keyOf: (event) => (event.type === type ? event.streamId : undefined),
    evolve: (_row, event) => ({ streamId: event.streamId, version: event.streamVersion }),
    store: {
      // No rows of its own: every such event asks again (a repeated request starts the rebuild over).
      load: async () => new Map(),
      save: async (tx, rows) => {
        // Rebuilding the processor itself replays old requests: those were carried out long ago.
        const [{ rebuilding }] = await tx.query(`SELECT current_setting('kehittamo.rebuilding', true) = 'on' AS rebuilding`);
        if (rows.length === 0 || rebuilding === true) return;
        await tx.query(
          `INSERT INTO projection_rebuilds (name, reason) SELECT unnest($1::text[]), $2
           ON CONFLICT (name) DO UPDATE SET transaction_id = '0', position = 0, done = 0, reason = excluded.reason, requested_at = clock_timestamp()`,
          [projections().filter((p) => p !== name), type],
        );
      },
      clear: async () => undefined,
      tables: () => [],
    },
  };
}
