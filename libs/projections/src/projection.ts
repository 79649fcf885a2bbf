// A projection is a pure fold from events to rows, plus the table those rows live in.
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '#event-store';

/** Every row remembers the last stream version it applied, so a redelivered event changes nothing. */
export interface VersionedRow {
  version: number;
}

export interface ProjectionStore<Row extends VersionedRow> {
  load(tx: EntityManager, keys: string[]): Promise<Map<string, Row>>;
  save(tx: EntityManager, rows: Row[]): Promise<void>;
  clear(tx: EntityManager): Promise<void>;
  /**
   * The tables this projection owns and nobody else writes. A rebuild fills copies of them in a shadow
   * schema (the store's SQL names tables without a schema, so the copies are found first) and swaps them in.
   */
  tables(tx: EntityManager): string[];
  /** Runs in the swap's transaction, after the rebuilt tables have replaced the live ones. */
  afterSwap?(tx: EntityManager): Promise<void>;
}

export interface Projection<Row extends VersionedRow = VersionedRow> {
  /** Stable name: the checkpoint and the lock are keyed on it. */
  name: string;
  /** Which row an event belongs to, or undefined when the projection ignores the event. */
  keyOf(event: RecordedEvent): string | undefined;
  /** Pure: the row after the event. Must set `version` to the event's stream version. */
  evolve(row: Row | undefined, event: RecordedEvent): Row | undefined;
  store: ProjectionStore<Row>;
  /**
   * Kept in the append's own transaction where the event store allows it (PostgreSQL): the view a
   * command's caller reads straight back. Elsewhere (KurrentDB) it runs on the feed like the others.
   */
  inline?: boolean;
}

export const PROJECTIONS = Symbol('Projections');
