// The key table and the sealing store on the embedded database: keys made once, erased for good,
// a new generation after an erasure, and the cache that saves a query per read.
import { createTestDatabase, type TestDatabase } from '#platform/testing';
import { CreateEventStore1732300000000 } from './event-store.migration.js';
import { START, type AppendHook, type NewEvent, type RecordedEvent } from './event-store.port.js';
import { CreatePersonKeys1732300000200, PersonKeyStore } from './person-keys.js';
import { PersonalDataEventStore } from './personal-data-event-store.js';
import { ERASED_TEXT, type PersonalDataRegistry } from './personal-data.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { sealExistingEvents } from './seal-existing.js';

const registry: PersonalDataRegistry = {
  IdeaCommented: { paths: ['data.text'], owner: 'data.author' },
  DuplicateMerged: { each: 'data.comments', paths: ['text'], owner: 'author' },
};

let n = 0;
const comment = (author: string, text: string): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  type: 'IdeaCommented',
  data: { ideaId: 'i-1', commentId: `c-${n}`, text, author },
  metadata: { occurredAt: '2026-11-23T10:00:00.000Z' },
});

describe('sealing store and person keys (embedded database)', () => {
  let db: TestDatabase;
  let bare: PostgresEventStore;
  let now = 1_000_000;
  let keys: PersonKeyStore;
  let store: PersonalDataEventStore;
  let queries = 0;

  beforeAll(async () => {
    db = await createTestDatabase('embedded', { entities: [], migrations: [CreateEventStore1732300000000, CreatePersonKeys1732300000200] });
    bare = new PostgresEventStore(db.dataSource);
    const counting = { query: (sql: string, params?: unknown[]) => (queries++, db.dataSource.query(sql, params)) };
    keys = new PersonKeyStore(counting, { cacheTtlMs: 30_000 }, () => now);
    store = new PersonalDataEventStore(bare, keys, registry);
  }, 60_000);
  afterAll(async () => db?.close());

  const texts = async () => (await store.readStream('idea-1')).map((e) => (e.data as { text: string }).text);

  it('makes one key per person, seals at append, opens at read, and reads a batch with at most one key query', async () => {
    await store.append('idea-1', [comment('p_anna', 'Annan kommentti'), comment('p_ben', 'Benin kommentti'), comment('p_anna', 'Annan toinen')], 0);
    const rows = await db.dataSource.query('SELECT person, key IS NOT NULL AS keyed, erased_at FROM person_keys ORDER BY person');
    expect(rows).toEqual([
      { person: 'p_anna', keyed: true, erased_at: null },
      { person: 'p_ben', keyed: true, erased_at: null },
    ]);
    expect(JSON.stringify(await bare.readAll(START, { limit: 100 }))).not.toMatch(/kommentti|toinen/);
    keys.forget();
    queries = 0;
    expect(await texts()).toEqual(['Annan kommentti', 'Benin kommentti', 'Annan toinen']);
    expect(queries).toBe(1);
    expect((await store.readAll(START, { limit: 100 })).map((e) => (e.data as { text: string }).text)).toEqual(['Annan kommentti', 'Benin kommentti', 'Annan toinen']);
    expect(queries).toBe(1);
  });

  it('erases one person only; another process sees it once its cache expires', async () => {
    const elsewhere = new PersonKeyStore(db.dataSource, { cacheTtlMs: 30_000 }, () => now);
    const other = new PersonalDataEventStore(bare, elsewhere, registry);
    const otherTexts = async () => (await other.readStream('idea-1')).map((e) => (e.data as { text: string }).text);
    expect(await otherTexts()).toEqual(['Annan kommentti', 'Benin kommentti', 'Annan toinen']);

    expect(await keys.erase('p_anna')).toMatchObject({ person: 'p_anna', destroyed: true });
    expect(await texts()).toEqual([ERASED_TEXT, 'Benin kommentti', ERASED_TEXT]);
    const [row] = await db.dataSource.query(`SELECT key, erased_at FROM person_keys WHERE person = 'p_anna'`);
    expect(row.key).toBeNull();
    expect(row.erased_at).not.toBeNull();
    // The other process still holds the key in its cache, until the cache expires.
    expect(await otherTexts()).toEqual(['Annan kommentti', 'Benin kommentti', 'Annan toinen']);
    now += 30_001;
    expect(await otherTexts()).toEqual([ERASED_TEXT, 'Benin kommentti', ERASED_TEXT]);
    expect(await keys.erasedAt('p_anna')).toEqual(expect.any(String));
    expect(await keys.erase('p_anna')).toMatchObject({ destroyed: false });
  });

  it('gives a person who writes again a new key: the new text reads, the old stays erased', async () => {
    await store.append('idea-1', [comment('p_anna', 'Anna palasi')], 'any');
    expect(await texts()).toEqual([ERASED_TEXT, 'Benin kommentti', ERASED_TEXT, 'Anna palasi']);
    expect(await keys.erasedAt('p_anna')).toBeUndefined();
  });

  it('erases someone who never had a key, and the first key made for them afterwards works', async () => {
    expect(await keys.erase('p_cecilia')).toMatchObject({ destroyed: false });
    await store.append('idea-2', [comment('p_cecilia', 'Cecilian kommentti')], 0);
    expect((await store.readStream('idea-2')).map((e) => (e.data as { text: string }).text)).toEqual(['Cecilian kommentti']);
  });

  it('agrees on one key when two writers make the first key of a person at once', async () => {
    const a = new PersonKeyStore(db.dataSource);
    const b = new PersonKeyStore(db.dataSource);
    const [ka, kb] = await Promise.all([a.keysToSeal(['p_dora']), b.keysToSeal(['p_dora'])]);
    expect(ka.get('p_dora')!.kid).toBe(kb.get('p_dora')!.kid);
    expect(ka.get('p_dora')!.key.equals(kb.get('p_dora')!.key)).toBe(true);
  });

  it('gives inline views the plaintext while the key lives, and the erased value when another process erased the key first', async () => {
    const seen: string[] = [];
    const hook: AppendHook = {
      before: async () => undefined,
      after: async (_tx, recorded: RecordedEvent[]) => void seen.push(...recorded.map((e) => (e.data as { text: string }).text)),
    };
    await store.append('idea-5', [comment('p_ivan', 'Ivanin kommentti')], 0, { inTransaction: hook });
    expect(seen).toEqual(['Ivanin kommentti']);

    // Another process erases Ivan; this one still has his key in its cache and seals the next comment with it.
    await new PersonKeyStore(db.dataSource).erase('p_ivan');
    await store.append('idea-5', [comment('p_ivan', 'Ivanin myöhäinen kommentti')], 1, { inTransaction: hook });
    expect(seen).toEqual(['Ivanin kommentti', ERASED_TEXT]);
    // The view saw what every reader sees once the cache has expired: the event is sealed with a destroyed key.
    now += 30_001;
    expect((await store.readStream('idea-5')).map((e) => (e.data as { text: string }).text)).toEqual([ERASED_TEXT, ERASED_TEXT]);
  });

  it('seals events written in clear before sealing existed, once, so that erasure reaches them', async () => {
    // Written past the sealing store, as an older version of the system did.
    await bare.append('idea-3', [comment('p_eero', 'Eeron vanha kommentti'), comment('p_fanni', 'Fannin vanha kommentti')], 0);
    await bare.append('idea-3', [{ eventId: '00000000-0000-4000-8000-999999999999', type: 'IdeaSupported', data: { ideaId: 'i-3', supporter: 'p_eero' }, metadata: { occurredAt: '2026-11-23T10:00:00.000Z' } }], 'any');
    const stored = async () => JSON.stringify(await bare.readStream('idea-3'));
    expect(await stored()).toContain('Eeron vanha kommentti');

    const first = await sealExistingEvents(db.dataSource, keys, registry, { batchSize: 2 });
    expect(first.sealed).toBe(2);
    expect(await stored()).not.toMatch(/vanha kommentti/);
    const texts3 = async () => (await store.readStream('idea-3')).filter((e) => e.type === 'IdeaCommented').map((e) => (e.data as { text: string }).text);
    expect(await texts3()).toEqual(['Eeron vanha kommentti', 'Fannin vanha kommentti']);
    expect((await sealExistingEvents(db.dataSource, keys, registry)).sealed).toBe(0);

    await keys.erase('p_eero');
    expect(await texts3()).toEqual([ERASED_TEXT, 'Fannin vanha kommentti']);
  });

  it('seals an old event of several authors with each author\'s own key: all read, and each erasure reaches its own text only', async () => {
    const merged: NewEvent = {
      eventId: '00000000-0000-4000-8000-888888888888',
      type: 'DuplicateMerged',
      data: {
        ideaId: 'i-4',
        comments: [
          { commentId: 'm-1', author: 'p_gina', text: 'Ginan vanha kommentti' },
          { commentId: 'm-2', author: 'p_hugo', text: 'Hugon vanha kommentti' },
        ],
      },
      metadata: { occurredAt: '2026-11-23T10:00:00.000Z' },
    };
    await bare.append('idea-4', [merged], 0);
    expect((await sealExistingEvents(db.dataSource, keys, registry)).sealed).toBe(1);
    const [stored] = await bare.readStream('idea-4');
    expect(JSON.stringify(stored.data)).not.toMatch(/vanha kommentti/);
    expect((stored.data as { comments: { text: { by: string } }[] }).comments.map((c) => c.text.by)).toEqual(['p_gina', 'p_hugo']);
    const texts4 = async () => ((await store.readStream('idea-4'))[0].data as { comments: { text: string }[] }).comments.map((c) => c.text);
    expect(await texts4()).toEqual(['Ginan vanha kommentti', 'Hugon vanha kommentti']);

    await keys.erase('p_hugo');
    expect(await texts4()).toEqual(['Ginan vanha kommentti', ERASED_TEXT]);
  });
});
