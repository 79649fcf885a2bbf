// Runs projections from the store's feed: batches, checkpoints committed with the rows,
// one instance per projection at a time (advisory lock), rebuild from zero, and waiting for a position.
import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { compareCheckpoints, START, type Checkpoint, type EventStore, type RecordedEvent } from '#event-store';
import type { Projection, VersionedRow } from './projection.js';

export interface RunnerOptions {
  batchSize: number;
  pollMs: number;
}

export interface ProjectionStatus {
  name: string;
  checkpoint: Checkpoint;
  eventsApplied: number;
  lastError?: string;
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
export async function applyEvents(tx: EntityManager, projection: Projection<any>, events: RecordedEvent[]): Promise<void> {
  const keys = [...new Set(events.map((event) => projection.keyOf(event)).filter((key): key is string => key !== undefined))];
  if (keys.length === 0) return;
  const rows: Map<string, VersionedRow | undefined> = await projection.store.load(tx, keys);
  const touched = applyBatch(projection, rows, events);
  const changed = [...touched].map((key) => rows.get(key)).filter((row): row is VersionedRow => row !== undefined);
  if (changed.length > 0) await projection.store.save(tx, changed);
}

export class ProjectionRunner {
  private readonly logger = new Logger('Projections');
  private readonly positions = new Map<string, Checkpoint>();
  private readonly waiters = new Set<() => void>();
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly signals = new Map<string, { pending: boolean; wake?: () => void }>();
  private unsubscribe?: () => void;

  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
    private readonly projections: Projection<any>[],
    private readonly options: RunnerOptions,
  ) {}

  get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  projectionsNamed(names: string[]): Projection<any>[] {
    return this.projections.filter((p) => names.includes(p.name));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.store.onAppended(() => this.nudge());
    // One loop per projection: a slow or failing projection does not hold the others back.
    this.loops = this.projections.map((projection) => this.run(projection));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.nudge();
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Wakes the loops at once (an append happened in this process). */
  nudge(): void {
    for (const projection of this.projections) {
      const signal = this.signals.get(projection.name) ?? { pending: false };
      signal.pending = true;
      this.signals.set(projection.name, signal);
      signal.wake?.();
    }
  }

  private async run(projection: Projection<any>): Promise<void> {
    let failures = 0;
    const signal = this.signals.get(projection.name) ?? { pending: false };
    this.signals.set(projection.name, signal);
    while (this.running) {
      signal.pending = false;
      let progressed = 0;
      try {
        progressed = await this.runOnce(projection);
        failures = 0;
      } catch (error) {
        failures++;
        const message = (error as Error).message;
        this.logger.error(`Projection ${projection.name}: batch failed (attempt ${failures}), will retry: ${message}`);
        await this.db
          .query('UPDATE projection_checkpoints SET last_error = $2, updated_at = now() WHERE name = $1', [projection.name, message.slice(0, 2000)])
          .catch(() => undefined);
      }
      if (progressed > 0 || signal.pending) continue;
      const delay = failures > 0 ? Math.min(5_000, this.options.pollMs * 2 ** failures) : this.options.pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        signal.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      signal.wake = undefined;
    }
  }

  /** Processes one batch of one projection. Returns how many events it read (0: caught up, or locked elsewhere). */
  async runOnce(projection: Projection<any>): Promise<number> {
    const { count, checkpoint } = await this.db.transaction(async (tx) => {
      const [{ locked }] = await tx.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [lockKey(projection.name)]);
      if (!locked) return { count: 0, checkpoint: undefined };
      const from = await this.readCheckpoint(tx, projection.name);
      const events = await this.store.readAll(from, { limit: this.options.batchSize }, tx);
      if (events.length === 0) return { count: 0, checkpoint: from };
      await this.applyAndSave(tx, projection, events);
      const last = events[events.length - 1].checkpoint;
      await this.writeCheckpoint(tx, projection.name, last, events.length);
      return { count: events.length, checkpoint: last };
    });
    // The in-memory position moves only once the transaction has committed.
    if (checkpoint) this.advance(projection.name, checkpoint);
    return count;
  }

  private applyAndSave(tx: EntityManager, projection: Projection<any>, events: RecordedEvent[]): Promise<void> {
    return applyEvents(tx, projection, events);
  }

  private async readCheckpoint(tx: EntityManager, name: string): Promise<Checkpoint> {
    const rows = await tx.query('SELECT transaction_id::text AS tx, position::text AS pos FROM projection_checkpoints WHERE name = $1', [name]);
    if (rows.length === 0) {
      await tx.query('INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
      return START;
    }
    return { transactionId: rows[0].tx, position: rows[0].pos };
  }

  private async writeCheckpoint(tx: EntityManager, name: string, checkpoint: Checkpoint, applied: number): Promise<void> {
    await tx.query(
      `UPDATE projection_checkpoints SET transaction_id = $2::text::xid8, position = $3::bigint,
         events_applied = events_applied + $4, updated_at = now(), last_error = NULL WHERE name = $1`,
      [name, checkpoint.transactionId, checkpoint.position, applied],
    );
  }

  private advance(name: string, checkpoint: Checkpoint): void {
    const current = this.positions.get(name);
    if (!current || compareCheckpoints(checkpoint, current) > 0) this.positions.set(name, checkpoint);
    for (const waiter of this.waiters) waiter();
  }

  /** True when every projection has applied everything up to `token`. */
  private async reached(token: Checkpoint): Promise<boolean> {
    const behind: string[] = [];
    for (const name of this.names) {
      const position = this.positions.get(name);
      // While this process runs the projections, memory is as new as the database.
      if (this.running && position && compareCheckpoints(position, token) < 0) return false;
      if (!position || compareCheckpoints(position, token) < 0) behind.push(name);
    }
    if (behind.length === 0) return true;
    // Another process runs them (scale-out: the projector, fed by the store or by Kafka): its
    // checkpoints, all in one statement.
    const rows: { name: string; tx: string; pos: string }[] = await this.db.query(
      'SELECT name, transaction_id::text AS tx, position::text AS pos FROM projection_checkpoints WHERE name = ANY($1)',
      [behind],
    );
    let all = rows.length === behind.length;
    for (const row of rows) {
      const position = { transactionId: row.tx, position: row.pos };
      this.positions.set(row.name, position);
      if (compareCheckpoints(position, token) < 0) all = false;
    }
    return all;
  }

  /** Waits (bounded) until the read models reflect `token`. Returns false on time-out. */
  async waitFor(token: Checkpoint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.reached(token))) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      this.nudge();
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 50));
        this.waiters.add(done);
      });
    }
    return true;
  }

  async status(): Promise<ProjectionStatus[]> {
    const rows = await this.db.query(
      'SELECT name, transaction_id::text AS tx, position::text AS pos, events_applied, last_error FROM projection_checkpoints WHERE name = ANY($1)',
      [this.names],
    );
    return rows.map((row: Record<string, string>) => ({
      name: row.name,
      checkpoint: { transactionId: row.tx, position: row.pos },
      eventsApplied: Number(row.events_applied),
      lastError: row.last_error ?? undefined,
    }));
  }

  /**
   * Rebuilds one projection from position zero in a single transaction: readers keep the old rows
   * until it commits, and the live runner waits on the lock meanwhile.
   */
  async rebuild(projection: Projection<any>, onProgress?: (progress: RebuildProgress) => void, batchSize = 2_000): Promise<number> {
    const { count: total } = await this.store.head();
    let done = 0;
    let finalCheckpoint: Checkpoint = START;
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey(projection.name)]);
      await projection.store.clear(tx);
      await tx.query(
        `INSERT INTO projection_checkpoints (name) VALUES ($1)
         ON CONFLICT (name) DO UPDATE SET transaction_id = '0', position = 0, events_applied = 0`,
        [projection.name],
      );
      let checkpoint: Checkpoint = START;
      onProgress?.({ projection: projection.name, done, total });
      for (;;) {
        const events = await this.store.readAll(checkpoint, { limit: batchSize }, tx);
        if (events.length === 0) break;
        await this.applyAndSave(tx, projection, events);
        checkpoint = events[events.length - 1].checkpoint;
        done += events.length;
        onProgress?.({ projection: projection.name, done, total: Math.max(total, done) });
      }
      await tx.query(
        `UPDATE projection_checkpoints SET transaction_id = $2::text::xid8, position = $3::bigint, events_applied = $4,
           rebuilt_at = now(), updated_at = now(), last_error = NULL WHERE name = $1`,
        [projection.name, checkpoint.transactionId, checkpoint.position, done],
      );
      finalCheckpoint = checkpoint;
    });
    this.positions.set(projection.name, finalCheckpoint);
    return done;
  }
}
