// The PostgreSQL event store: one `events` table, read in (transaction id, position) order.
import { EventEmitter } from 'node:events';
import {
  DuplicateEventError,
  WrongExpectedVersionError,
  type AppendResult,
  type Checkpoint,
  type EventStore,
  type ExpectedVersion,
  type AppendHook,
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

// Concurrent appends committed together (group commit): each stream's expected-version check, versions and insert in
// one statement. A stream whose check fails writes nothing and gets no rows back; a collision with another writer
// (the version or an event id taken meanwhile) fails the statement, and the appends then go again one by one.
const APPEND_GROUP_SQL = `
WITH streams AS (
  SELECT s.sn::int AS sn, s.stream->>'streamId' AS stream_id, (s.stream->>'expected')::int AS expected, s.stream->'events' AS events, h.v
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS s(stream, sn)
  CROSS JOIN LATERAL (SELECT coalesce(max(x.stream_version), 0) AS v FROM events x WHERE x.stream_id = s.stream->>'streamId') h
)
INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
SELECT st.stream_id, st.v + e.n, (e.event->>'eventId')::uuid, e.event->>'type', coalesce((e.event->>'schemaVersion')::int, 1), e.event->'data', e.event->'metadata'
FROM streams st CROSS JOIN LATERAL jsonb_array_elements(st.events) WITH ORDINALITY AS e(event, n)
WHERE st.expected IS NULL OR st.v = st.expected
ORDER BY st.sn, e.n
RETURNING event_id::text AS event_id, stream_id, position::text AS position, transaction_id::text AS transaction_id, stream_version, recorded_at`;

/** At most this many appends share a transaction, and at most this many such transactions run at once. */
const GROUP_SIZE = 64;
const GROUPS_IN_FLIGHT = 2;

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

/** An append waiting for its turn in a group transaction. */
interface Waiting {
  streamId: string;
  events: NewEvent[];
  /** The events as JSON, as APPEND_SQL takes them. */
  payload: string;
  expected: number | null;
  hook: AppendHook;
  resolve(rows: AppendedRow[]): void;
  reject(error: unknown): void;
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

  /** Appends waiting to be committed together, and how many group transactions are running. */
  private readonly waiting: Waiting[] = [];
  private groupsRunning = 0;
  private groupScheduled = false;

  /**
   * An append with inline views runs in a transaction with them. Appends that arrive while others are being
   * committed wait and are then committed together, up to GROUP_SIZE in one transaction (group commit): one
   * round of statements (locks, key check, insert, views) for the lot instead of one per append. Each keeps its
   * own expected-version check; if the group fails as a whole, each goes again alone, so only the one at fault
   * fails.
   */
  private runAppend(streamId: string, events: NewEvent[], payload: string, expected: number | null, options?: AppendOptions): Promise<AppendedRow[]> {
    const hook = options?.inTransaction;
    if (hook && this.transactional && (hook.applies?.(streamId, events) ?? true)) {
      return new Promise<AppendedRow[]>((resolve, reject) => {
        this.waiting.push({ streamId, events, payload, expected, hook, resolve, reject });
        this.scheduleGroup();
      });
    }
    const values = [streamId, payload, expected];
    if (this.pool) return this.pool.query({ name: 'kehittamo_append_v2', text: APPEND_SQL, values }).then((result) => result.rows);
    return this.db.query(APPEND_SQL, values);
  }

  private scheduleGroup(): void {
    if (this.groupScheduled || this.groupsRunning >= GROUPS_IN_FLIGHT || this.waiting.length === 0) return;
    this.groupScheduled = true;
    // One turn of the event loop lets the appends of requests arriving together join the same group.
    setImmediate(() => {
      this.groupScheduled = false;
      void this.commitGroup();
    });
  }

  private async commitGroup(): Promise<void> {
    if (this.waiting.length === 0) return;
    // The first waiting append and those after it that share its hook, one per stream (two appends to the same
    // stream in one statement would collide on the version).
    const hook = this.waiting[0].hook;
    const group: Waiting[] = [];
    const streams = new Set<string>();
    const rest: Waiting[] = [];
    for (const append of this.waiting) {
      if (group.length < GROUP_SIZE && append.hook === hook && !streams.has(append.streamId)) {
        group.push(append);
        streams.add(append.streamId);
      } else rest.push(append);
    }
    this.waiting.splice(0, this.waiting.length, ...rest);
    this.groupsRunning++;
    this.scheduleGroup();
    try {
      if (group.length === 1) {
        await this.appendAlone(group[0]).then(group[0].resolve, group[0].reject);
        return;
      }
      let rows: AppendedRow[][] | undefined;
      try {
        rows = await this.appendGroup(hook, group);
      } catch {
        // A collision or a view that cannot take one of the events: each goes again alone.
        await Promise.all(group.map((append) => this.appendAlone(append).then(append.resolve, append.reject)));
        return;
      }
      group.forEach((append, i) => append.resolve(rows![i]));
    } finally {
      this.groupsRunning--;
      this.scheduleGroup();
    }
  }

  private recordedOf(append: Pick<Waiting, 'streamId' | 'events'>, index: number, row: AppendedRow): RecordedEvent {
    const event = append.events[index];
    return {
      eventId: event.eventId,
      streamId: append.streamId,
      streamVersion: row.stream_version,
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      data: event.data,
      metadata: event.metadata,
      checkpoint: { transactionId: row.transaction_id, position: row.position },
      recordedAt: new Date(row.recorded_at).toISOString(),
    };
  }

  private appendAlone(append: Waiting): Promise<AppendedRow[]> {
    return (this.db as unknown as Transactional).transaction(async (tx) => {
      await append.hook.before(tx, [{ streamId: append.streamId, events: append.events }]);
      const rows: AppendedRow[] = await tx.query(APPEND_SQL, [append.streamId, append.payload, append.expected]);
      if (rows.length > 0) await append.hook.after(tx, rows.map((row, i) => this.recordedOf(append, i, row)));
      return rows;
    });
  }

  private appendGroup(hook: AppendHook, group: Waiting[]): Promise<AppendedRow[][]> {
    return (this.db as unknown as Transactional).transaction(async (tx) => {
      await hook.before(tx, group.map(({ streamId, events }) => ({ streamId, events })));
      const input = `[${group.map((a) => `{"streamId":${JSON.stringify(a.streamId)},"expected":${a.expected ?? 'null'},"events":${a.payload}}`).join(',')}]`;
      const rows: Array<AppendedRow & { event_id: string; stream_id: string }> = await tx.query(APPEND_GROUP_SQL, [input]);
      const byStream = new Map<string, AppendedRow[]>(group.map((a) => [a.streamId, []]));
      for (const row of rows) byStream.get(row.stream_id)!.push(row);
      const recorded: RecordedEvent[] = [];
      const answers = group.map((append) => {
        const mine = byStream.get(append.streamId)!.sort((a, b) => a.stream_version - b.stream_version);
        mine.forEach((row, i) => recorded.push(this.recordedOf(append, i, row)));
        return mine;
      });
      if (recorded.length > 0) {
        // In feed order, as the asynchronous projections will see them.
        recorded.sort((a, b) => (BigInt(a.checkpoint.position) < BigInt(b.checkpoint.position) ? -1 : 1));
        await hook.after(tx, recorded);
      }
      return answers;
    });
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
        const rows = await this.runAppend(streamId, events, payload, expected === 'any' ? null : expected, options);
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

  /** Stream reads asked for in the same turn of the event loop, answered by one statement. */
  private readonly streamReads: Array<{ streamId: string; from: number; to: number; resolve(events: RecordedEvent[]): void; reject(error: unknown): void }> = [];

  /**
   * The events of one stream. Reads that arrive together (the commands of concurrent requests loading their
   * streams) are answered by one statement for all their streams.
   */
  readStream(streamId: string, options: { fromVersion?: number; toVersion?: number } = {}): Promise<RecordedEvent[]> {
    return new Promise((resolve, reject) => {
      this.streamReads.push({ streamId, from: options.fromVersion ?? 1, to: options.toVersion ?? 2_147_483_647, resolve, reject });
      if (this.streamReads.length === 1) setImmediate(() => void this.readStreams());
    });
  }

  private async readStreams(): Promise<void> {
    const reads = this.streamReads.splice(0, this.streamReads.length);
    try {
      if (reads.length === 1) {
        const [read] = reads;
        const rows: EventRow[] = await this.db.query(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 AND stream_version <= $3 ORDER BY events.stream_version`,
          [read.streamId, read.from, read.to],
        );
        read.resolve(rows.map((row) => this.toRecorded(row)));
        return;
      }
      const rows: EventRow[] = await this.db.query(`SELECT ${COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) ORDER BY events.stream_id, events.stream_version`, [
        [...new Set(reads.map((read) => read.streamId))],
      ]);
      const byStream = new Map<string, EventRow[]>();
      for (const row of rows) {
        const list = byStream.get(row.stream_id);
        if (list) list.push(row);
        else byStream.set(row.stream_id, [row]);
      }
      for (const read of reads) {
        const mine = (byStream.get(read.streamId) ?? []).filter((row) => row.stream_version >= read.from && row.stream_version <= read.to);
        read.resolve(mine.map((row) => this.toRecorded(row)));
      }
    } catch (error) {
      for (const read of reads) read.reject(error);
    }
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
            await hook.before(tx, fresh);
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
