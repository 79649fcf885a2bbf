// The PostgreSQL event store: one `events` table, read in (transaction id, position) order.
import { EventEmitter } from 'node:events';
import {
  DuplicateEventError,
  WrongExpectedVersionError,
  type AppendResult,
  type Checkpoint,
  type EventStore,
  type ExpectedVersion,
  type AppendOptions,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type SqlExecutor,
} from './event-store.port.js';
import type { Upcasters } from './upcasting.js';
import type { BulkAppendResult, NewStream } from './event-store.port.js';

const UNIQUE_VIOLATION = '23505';

interface EventRow {
  position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

const COLUMNS = `position::text AS position, transaction_id::text AS transaction_id, event_id, stream_id, stream_version,
  type, schema_version, data, metadata, recorded_at`;

// One statement: the expected-version check, the versions and the insert happen together.
// Two writers that both pass the check collide on the (stream_id, stream_version) key.
const APPEND_SQL = `
WITH head AS (
  SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream_id = $1
), input AS (
  SELECT e, n FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, n)
)
INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
SELECT $1, head.v + input.n, (e->>'eventId')::uuid, e->>'type', coalesce((e->>'schemaVersion')::int, 1), e->'data', e->'metadata'
FROM head, input
WHERE $3::int IS NULL OR head.v = $3::int
ORDER BY input.n
RETURNING position::text AS position, transaction_id::text AS transaction_id, stream_version, recorded_at`;

// Bulk import: many new streams in one statement. A stream is skipped whole when it already exists or
// one of its event ids is taken (so an existing stream never gets versions mixed in); ON CONFLICT DO NOTHING
// covers a concurrent writer of the same streams. Versions are 1..n per stream, positions in input order.
const APPEND_TO_NEW_STREAMS_SQL = `
WITH input AS (
  SELECT s.sn, s.stream->>'streamId' AS stream_id, e.n::int AS n, e.event
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS s(stream, sn)
  CROSS JOIN LATERAL jsonb_array_elements(s.stream->'events') WITH ORDINALITY AS e(event, n)
), taken AS (
  SELECT DISTINCT i.sn FROM input i
  WHERE EXISTS (SELECT 1 FROM events x WHERE x.stream_id = i.stream_id)
     OR EXISTS (SELECT 1 FROM events x WHERE x.event_id = (i.event->>'eventId')::uuid)
), written AS (
  INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
  SELECT i.stream_id, i.n, (i.event->>'eventId')::uuid, i.event->>'type', coalesce((i.event->>'schemaVersion')::int, 1), i.event->'data', i.event->'metadata'
  FROM input i
  WHERE NOT EXISTS (SELECT 1 FROM taken t WHERE t.sn = i.sn)
  ORDER BY i.sn, i.n
  ON CONFLICT DO NOTHING
  RETURNING stream_id, stream_version, position, transaction_id
)
SELECT stream_id, max(stream_version)::int AS next_version, count(*)::int AS events,
  max(position)::text AS position, min(transaction_id::text) AS transaction_id
FROM written GROUP BY stream_id`;

interface AppendedRow {
  position: string;
  transaction_id: string;
  stream_version: number;
  recorded_at: Date;
}

interface Transactional {
  transaction<T>(run: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

interface PreparedPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: any[] }>;
}

export class PostgresEventStore implements EventStore {
  private readonly emitter = new EventEmitter();
  /** The driver's own pool, when there is one: appends run as a named prepared statement, planned once per connection. */
  private readonly pool?: PreparedPool;

  constructor(
    private readonly db: SqlExecutor,
    private readonly upcasters: Upcasters = {},
    /**
     * Use named prepared statements through the driver's pool. Only on a real server: the embedded
     * database is one session shared by every connection, so a statement name would collide.
     */
    options: { prepared?: boolean } = {},
  ) {
    this.emitter.setMaxListeners(100);
    const master = (db as { driver?: { master?: PreparedPool } }).driver?.master;
    if (options.prepared && master && typeof master.query === 'function') this.pool = master;
  }

  /** Appends run inline projections in their own transaction when the executor can open one (a DataSource). */
  get transactional(): boolean {
    return typeof (this.db as Partial<Transactional>).transaction === 'function';
  }

  private async runAppend(streamId: string, events: NewEvent[], values: unknown[], options?: AppendOptions): Promise<AppendedRow[]> {
    const hook = options?.inTransaction;
    if (hook && this.transactional) {
      return (this.db as unknown as Transactional).transaction(async (tx) => {
        await hook.before(tx, streamId, events);
        const rows: AppendedRow[] = await tx.query(APPEND_SQL, values);
        if (rows.length > 0) {
          await hook.after(
            tx,
            rows.map((row, i) => ({
              eventId: events[i].eventId,
              streamId,
              streamVersion: row.stream_version,
              type: events[i].type,
              schemaVersion: events[i].schemaVersion ?? 1,
              data: events[i].data,
              metadata: events[i].metadata,
              checkpoint: { transactionId: row.transaction_id, position: row.position },
              recordedAt: new Date(row.recorded_at).toISOString(),
            })),
          );
        }
        return rows;
      });
    }
    if (this.pool) return (await this.pool.query({ name: 'kehittamo_append_v2', text: APPEND_SQL, values })).rows;
    return this.db.query(APPEND_SQL, values);
  }

  async isFuture(checkpoint: Checkpoint): Promise<boolean> {
    const [row] = await this.db.query('SELECT $1::text::xid8 >= pg_snapshot_xmax(pg_current_snapshot()) AS future', [checkpoint.transactionId]);
    return row.future === true;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion, options?: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('Nothing to append.');
    const payload = JSON.stringify(
      events.map((event) => ({
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        data: event.data,
        metadata: event.metadata,
      })),
    );
    for (let attempt = 0; ; attempt++) {
      try {
        const rows = await this.runAppend(streamId, events, [streamId, payload, expected === 'any' ? null : expected], options);
        if (rows.length === 0) {
          // A retried request whose events are already in the stream is not a conflict.
          const replay = await this.findReplay(streamId, events);
          if (replay) return replay;
          throw new WrongExpectedVersionError(streamId, expected, await this.version(streamId));
        }
        const last = rows[rows.length - 1];
        const result: AppendResult = {
          streamId,
          nextVersion: last.stream_version,
          checkpoint: { transactionId: last.transaction_id, position: last.position },
          replayed: false,
        };
        this.emitter.emit('appended', result);
        return result;
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        const constraint = (error as { constraint?: string }).constraint;
        if (constraint === 'events_event_id_key') {
          const replay = await this.findReplay(streamId, events);
          if (replay) return replay;
          throw new DuplicateEventError(events[0].eventId);
        }
        // Another writer took the version first.
        if (expected === 'any' && attempt < 5) continue;
        throw new WrongExpectedVersionError(streamId, expected, await this.version(streamId));
      }
    }
  }

  /** The same events sent again (a retried request): answer as the first time, write nothing. */
  private async findReplay(streamId: string, events: NewEvent[]): Promise<AppendResult | undefined> {
    const rows: EventRow[] = await this.db.query(`SELECT ${COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY stream_version`, [
      events.map((event) => event.eventId),
    ]);
    if (rows.length === 0) return undefined;
    const sameEvents =
      rows.length === events.length &&
      rows.every((row, i) => row.stream_id === streamId && row.event_id === events[i].eventId && row.type === events[i].type);
    if (!sameEvents) throw new DuplicateEventError(rows[0].event_id);
    const last = rows[rows.length - 1];
    return {
      streamId,
      nextVersion: last.stream_version,
      checkpoint: { transactionId: last.transaction_id, position: last.position },
      replayed: true,
    };
  }

  private async version(streamId: string): Promise<number> {
    const [row] = await this.db.query('SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream_id = $1', [streamId]);
    return Number(row.v);
  }

  async readStream(streamId: string, options: { fromVersion?: number; toVersion?: number } = {}): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 AND stream_version <= $3 ORDER BY events.stream_version`,
      [streamId, options.fromVersion ?? 1, options.toVersion ?? 2_147_483_647],
    );
    return rows.map((row) => this.toRecorded(row));
  }

  async readAll(after: Checkpoint, options: ReadAllOptions, executor: SqlExecutor = this.db): Promise<RecordedEvent[]> {
    // Only transactions older than every running one are final: nothing can commit before them any more.
    const rows: EventRow[] = await executor.query(
      `SELECT ${COLUMNS} FROM events
       WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
         AND ($4::boolean OR transaction_id < pg_snapshot_xmin(pg_current_snapshot()))
       ORDER BY events.transaction_id, events.position
       LIMIT $3`,
      [after.transactionId, after.position, options.limit, options.includeRecent === true],
    );
    return rows.map((row) => this.toRecorded(row));
  }

  async head(): Promise<{ checkpoint: Checkpoint; count: number }> {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*) FROM events)::int AS count, coalesce(last.tx, '0') AS tx, coalesce(last.pos, '0') AS pos
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (
         SELECT e.transaction_id::text AS tx, e.position::text AS pos FROM events e ORDER BY e.transaction_id DESC, e.position DESC LIMIT 1
       ) last ON true`,
    );
    return { count: Number(row.count), checkpoint: { transactionId: row.tx, position: row.pos } };
  }

  onAppended(listener: (result: AppendResult) => void): () => void {
    this.emitter.on('appended', listener);
    return () => this.emitter.off('appended', listener);
  }

  /**
   * Writes many new streams in one statement (bulk import): versions 1..n per stream. Streams that
   * already exist, or whose event ids are already used, are skipped whole, so running it twice writes
   * nothing twice. Meant for streams only the importer writes (name-based ids): a concurrent `append`
   * to one of the same streams is not serialised against it. Local subscribers hear of each written stream.
   */
  async appendToNewStreams(streams: NewStream[], options?: AppendOptions): Promise<BulkAppendResult> {
    if (streams.length === 0) return { written: 0, skipped: 0, events: 0 };
    const streamIds = new Set<string>();
    const eventIds = new Set<string>();
    for (const stream of streams) {
      if (stream.events.length === 0) throw new Error(`Nothing to append to ${stream.streamId}.`);
      if (streamIds.has(stream.streamId)) throw new Error(`Stream ${stream.streamId} appears twice in one bulk write.`);
      streamIds.add(stream.streamId);
      for (const event of stream.events) {
        if (eventIds.has(event.eventId)) throw new DuplicateEventError(event.eventId);
        eventIds.add(event.eventId);
      }
    }
    // A cheap look first: streams already there are not sent at all (a re-run sends only ids).
    const present: Array<{ stream_id: string }> = await this.db.query('SELECT DISTINCT stream_id FROM events WHERE stream_id = ANY($1::text[])', [[...streamIds]]);
    const taken = new Set(present.map((row) => row.stream_id));
    const fresh = taken.size === 0 ? streams : streams.filter((stream) => !taken.has(stream.streamId));
    if (fresh.length === 0) return { written: 0, skipped: streams.length, events: 0 };
    const payload = JSON.stringify(
      fresh.map((stream) => ({
        streamId: stream.streamId,
        events: stream.events.map((event) => ({
          eventId: event.eventId,
          type: event.type,
          schemaVersion: event.schemaVersion ?? 1,
          data: event.data,
          metadata: event.metadata,
        })),
      })),
    );
    type Written = Array<{ stream_id: string; next_version: number; events: number; position: string; transaction_id: string }>;
    const hook = options?.inTransaction;
    const rows: Written =
      hook && this.transactional
        ? await (this.db as unknown as Transactional).transaction(async (tx) => {
            for (const stream of fresh) await hook.before(tx, stream.streamId, stream.events);
            const written: Written = await tx.query(APPEND_TO_NEW_STREAMS_SQL, [payload]);
            if (written.length > 0) {
              // Inline views get the events as recorded, in feed order.
              const recorded: EventRow[] = await tx.query(`SELECT ${COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) ORDER BY transaction_id, position`, [
                written.map((w) => w.stream_id),
              ]);
              await hook.after(tx, recorded.map((row) => this.toRecorded(row)));
            }
            return written;
          })
        : await this.db.query(APPEND_TO_NEW_STREAMS_SQL, [payload]);
    let events = 0;
    for (const row of rows) {
      events += row.events;
      const result: AppendResult = {
        streamId: row.stream_id,
        nextVersion: row.next_version,
        checkpoint: { transactionId: row.transaction_id, position: row.position },
        replayed: false,
      };
      this.emitter.emit('appended', result);
    }
    return { written: rows.length, skipped: streams.length - rows.length, events };
  }

  private toRecorded(row: EventRow): RecordedEvent {
    const upcast = this.upcasters[row.type];
    let { data, schema_version: schemaVersion } = row;
    if (upcast) ({ data, schemaVersion } = upcast({ data, schemaVersion }));
    return {
      eventId: row.event_id,
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      type: row.type,
      schemaVersion,
      data,
      metadata: row.metadata,
      checkpoint: { transactionId: row.transaction_id, position: row.position },
      recordedAt: new Date(row.recorded_at).toISOString(),
    };
  }
}
