// Per-person data keys, kept in PostgreSQL (or the embedded database) beside the read models and
// never in the event stream: destroying a row's key erases that person's sealed fields everywhere.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { SqlExecutor } from './event-store.port.js';
import { newPersonKey, type PersonKey } from './personal-data.js';

export class CreatePersonKeys1732300000200 implements MigrationInterface {
  name = 'CreatePersonKeys1732300000200';

  async up(db: QueryRunner): Promise<void> {
    // `person` is a keyed pseudonym, never an identity-provider subject; `key` is null once erased.
    await db.query(`
      CREATE TABLE person_keys (
        person text PRIMARY KEY,
        kid text NOT NULL,
        key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CONSTRAINT person_keys_erased_or_keyed CHECK ((key IS NULL) = (erased_at IS NOT NULL))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE person_keys`);
  }
}

export interface PersonKeyStoreOptions {
  /**
   * How long a key (or its absence) is remembered in this process. An erasure in another process
   * reaches this one within this time; the erasing process forgets at once.
   */
  cacheTtlMs: number;
  /** Keys remembered at most (the least recently fetched go first). */
  cacheSize: number;
}

interface Cached {
  key: PersonKey | undefined;
  until: number;
}

interface KeyRow {
  person: string;
  kid: string;
  key: string | null;
}

const toKey = (row: KeyRow): PersonKey | undefined => (row.key === null ? undefined : { kid: row.kid, key: Buffer.from(row.key, 'base64') });

export interface ErasureRecord {
  person: string;
  /** Whether a key existed and was destroyed now (false: there was none, or it was already gone). */
  destroyed: boolean;
  erasedAt: string;
}

export class PersonKeyStore {
  private readonly options: PersonKeyStoreOptions;
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly db: SqlExecutor,
    options: Partial<PersonKeyStoreOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { cacheTtlMs: 30_000, cacheSize: 50_000, ...options };
  }

  /** The live keys of these people (undefined: none, or erased), one query for whatever the cache lacks. */
  async keysOf(people: Iterable<string>, executor?: SqlExecutor, fresh = false): Promise<Map<string, PersonKey | undefined>> {
    const found = new Map<string, PersonKey | undefined>();
    const missing: string[] = [];
    for (const person of new Set(people)) {
      // Fresh: another process may have erased the person since this one cached the key.
      const cached = fresh ? undefined : this.cached(person);
      if (cached) found.set(person, cached.key);
      else missing.push(person);
    }
    if (missing.length === 0) return found;
    const rows: KeyRow[] = await (executor ?? this.db).query('SELECT person, kid, key FROM person_keys WHERE person = ANY($1::text[])', [missing]);
    const byPerson = new Map(rows.map((row) => [row.person, toKey(row)]));
    for (const person of missing) {
      const key = byPerson.get(person);
      this.remember(person, key);
      found.set(person, key);
    }
    return found;
  }

  /** A live key for each person, made when they have none (or theirs was erased: later data gets a new key). */
  async keysToSeal(people: Iterable<string>, executor?: SqlExecutor): Promise<Map<string, PersonKey>> {
    const known = await this.keysOf(people, executor);
    const result = new Map<string, PersonKey>();
    const lacking: string[] = [];
    for (const [person, key] of known) {
      if (key) result.set(person, key);
      else lacking.push(person);
    }
    if (lacking.length === 0) return result;
    const fresh = lacking.map(() => newPersonKey());
    // Concurrent writers for the same person both end up with the one key that won.
    await (executor ?? this.db).query(
      `INSERT INTO person_keys (person, kid, key)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (person) DO UPDATE SET kid = EXCLUDED.kid, key = EXCLUDED.key, created_at = now(), erased_at = NULL
       WHERE person_keys.key IS NULL`,
      [lacking, fresh.map((k) => k.kid), fresh.map((k) => k.key.toString('base64'))],
    );
    const rows: KeyRow[] = await (executor ?? this.db).query('SELECT person, kid, key FROM person_keys WHERE person = ANY($1::text[])', [lacking]);
    for (const row of rows) {
      const key = toKey(row);
      if (!key) throw new Error('A data key was erased while it was being made.');
      this.remember(row.person, key);
      result.set(row.person, key);
    }
    return result;
  }

  /** Destroys the person's key: every field it sealed reads as erased from now on. */
  async erase(person: string, executor?: SqlExecutor): Promise<ErasureRecord> {
    const rows: { had_key: boolean; erased_at: Date }[] = await (executor ?? this.db).query(
      `WITH before AS (SELECT key IS NOT NULL AS had_key FROM person_keys WHERE person = $1)
       INSERT INTO person_keys (person, kid, key, erased_at) VALUES ($1, $2, NULL, now())
       ON CONFLICT (person) DO UPDATE SET key = NULL, erased_at = coalesce(person_keys.erased_at, now())
       RETURNING coalesce((SELECT had_key FROM before), false) AS had_key, erased_at`,
      [person, newPersonKey().kid],
    );
    this.remember(person, undefined);
    return { person, destroyed: rows[0].had_key, erasedAt: new Date(rows[0].erased_at).toISOString() };
  }

  /** When the person's key was destroyed, if it has been and no new one was made since. */
  async erasedAt(person: string): Promise<string | undefined> {
    const [row]: { erased_at: Date | null }[] = await this.db.query('SELECT erased_at FROM person_keys WHERE person = $1', [person]);
    return row?.erased_at ? new Date(row.erased_at).toISOString() : undefined;
  }

  forget(): void {
    this.cache.clear();
  }

  private cached(person: string): Cached | undefined {
    const entry = this.cache.get(person);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.cache.delete(person);
      return undefined;
    }
    return entry;
  }

  private remember(person: string, key: PersonKey | undefined): void {
    this.cache.delete(person);
    if (this.cache.size >= this.options.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(person, { key, until: this.now() + this.options.cacheTtlMs });
  }
}
