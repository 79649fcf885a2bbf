// The EventStore port: what every adapter (PostgreSQL, KurrentDB) offers the rest of the system.

/** Who did it, when, and why: recorded with every event. */
export interface EventMetadata {
  occurredAt: string;
  actor?: { subject: string; organisation: string; roles: string[] };
  correlationId?: string;
  causationId?: string;
  [extension: string]: unknown;
}

export interface NewEvent<T extends string = string, D = unknown> {
  eventId: string;
  type: T;
  schemaVersion?: number;
  data: D;
  metadata: EventMetadata;
}

/**
 * A position in the global feed. For the PostgreSQL store this is the writing transaction's id
 * and the sequence position; reading in that order never skips a late-committing transaction.
 * Both parts are decimal strings (they are 64-bit).
 */
export interface Checkpoint {
  transactionId: string;
  position: string;
}

export const START: Checkpoint = Object.freeze({ transactionId: '0', position: '0' });

export interface RecordedEvent<T extends string = string, D = unknown> {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: T;
  schemaVersion: number;
  data: D;
  metadata: EventMetadata;
  checkpoint: Checkpoint;
  recordedAt: string;
}

/** A number is the version the stream must be at (0: the stream must not exist yet). */
export type ExpectedVersion = number | 'any';

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append. */
  nextVersion: number;
  /** Where the last appended event sits in the global feed: the consistency token. */
  checkpoint: Checkpoint;
  /** True when every event had been appended before with the same ids: nothing was written. */
  replayed: boolean;
}

/** A stream to create in a bulk write: its events get versions 1..n, in order. */
export interface NewStream {
  streamId: string;
  events: NewEvent[];
}

/** What a bulk write did, counted in streams (and the events written). */
export interface BulkAppendResult {
  /** Streams written. */
  written: number;
  /** Streams left alone because the stream, or one of its event ids, already existed. */
  skipped: number;
  /** Events written. */
  events: number;
}

export interface ReadAllOptions {
  limit: number;
  /**
   * Also events of transactions that committed while an older one is still running. Only for a
   * reader that holds the locks keeping every writer of the events it cares about out (a rebuild's
   * swap of an inline view); a catch-up reader using it could skip a late commit.
   */
  includeRecent?: boolean;
  /** Personal data keys read from the database, not from a process's cache (a rebuild after an erasure). */
  freshKeys?: boolean;
}

/** Something that runs SQL: a DataSource, an EntityManager or a QueryRunner. */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/**
 * Work done in the append's own transaction (inline projections): `before` runs first (it takes the
 * locks the work needs, before any row of the append exists), `after` gets the events as recorded.
 * Only a store that can share a transaction with the read models runs it (`transactional`).
 */
export interface AppendHook {
  /** Whether these events concern the hook at all: when not, the append runs as a plain statement. */
  applies?(streamId: string, events: NewEvent[]): boolean;
  /**
   * Runs in the transaction before its events are written, with every stream the transaction appends to: one for
   * a single append, several when the store commits concurrent appends together or writes new streams in bulk.
   */
  before(tx: SqlExecutor, streams: ReadonlyArray<{ streamId: string; events: NewEvent[] }>): Promise<void>;
  after(tx: SqlExecutor, recorded: RecordedEvent[]): Promise<void>;
}

export interface AppendOptions {
  inTransaction?: AppendHook;
}

export interface EventStore {
  /**
   * True when `append` runs an `AppendHook` in the same transaction as the events (the PostgreSQL
   * store). Otherwise the hook is ignored and the views it would keep are left to the feed.
   */
  readonly transactional?: boolean;
  append(streamId: string, events: NewEvent[], expected: ExpectedVersion, options?: AppendOptions): Promise<AppendResult>;
  /**
   * True when no transaction that could hold `checkpoint` has started yet: a token from the future.
   * Answered from the snapshot alone (no scan). Adapters that cannot tell leave it out.
   */
  isFuture?(checkpoint: Checkpoint): Promise<boolean>;
  readStream(streamId: string, options?: { fromVersion?: number; toVersion?: number }): Promise<RecordedEvent[]>;
  /** Events after `after`, in feed order, at most `limit`; only events that can no longer be preceded by another. */
  readAll(after: Checkpoint, options: ReadAllOptions, executor?: SqlExecutor): Promise<RecordedEvent[]>;
  /** The feed position a reader starting now would reach: used to report lag and rebuild progress. */
  head(): Promise<{ checkpoint: Checkpoint; count: number }>;
  /** Called after every successful append (in this process), so local subscribers wake at once. */
  onAppended(listener: (result: AppendResult) => void): () => void;
  /**
   * Bulk import (optional: an adapter without it is written to stream by stream with `append(…, 0)`).
   * Writes many new streams at once, each with versions 1..n, and tells local subscribers about each.
   * Idempotent: a stream that already exists, or whose event ids are already used, is skipped whole.
   */
  appendToNewStreams?(streams: NewStream[], options?: AppendOptions): Promise<BulkAppendResult>;
}

export const EVENT_STORE = Symbol('EventStore');

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, not ${expected}.`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class DuplicateEventError extends Error {
  constructor(readonly eventId: string) {
    super(`Event ${eventId} was already appended with different content or to another stream.`);
    this.name = 'DuplicateEventError';
  }
}

export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  const tx = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (tx !== 0n) return tx < 0n ? -1 : 1;
  const pos = BigInt(a.position) - BigInt(b.position);
  return pos === 0n ? 0 : pos < 0n ? -1 : 1;
}

export const formatToken = (checkpoint: Checkpoint): string => `${checkpoint.transactionId}.${checkpoint.position}`;

export function parseToken(token: string): Checkpoint | undefined {
  const match = /^(\d{1,20})\.(\d{1,20})$/.exec(token.trim());
  return match ? { transactionId: match[1], position: match[2] } : undefined;
}
