// The word index duplicate suggestions search: per organisation, which ideas hold each word (stemmed in the
// idea's own language, as its full-text vector has it) and how many do. A typed word is first matched against
// the organisation's words (its stems, the words it begins while being typed, look-alikes for a typo), and
// then only the postings of the rarest matched words are read, a bounded number of them: the cost of a
// suggestion does not grow with how many ideas share a common word.
//   idea_word_sets   one row per idea: its organisation and words (what a later change must take away)
//   idea_words       (organisation, word, idea) postings
//   idea_word_counts (organisation, word) → ideas holding it, with a trigram index for look-alikes
// All three are written by this projection's store only. A merged duplicate leaves the index.
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '#event-store';
import type { Projection, ProjectionStore, VersionedRow } from '#projections';
import { ideaKey, type RecordedIdeaEvent } from './idea-events.js';

export interface IdeaWords extends VersionedRow {
  ideaId: string;
  version: number;
  organisation: string;
  language: string;
  /** The text to index; null when it did not change since the row was loaded. */
  text: string | null;
  /** False once the idea was merged into another: its words leave the index. */
  live: boolean;
}

export function evolveIdeaWords(row: IdeaWords | undefined, event: RecordedEvent): IdeaWords | undefined {
  const e = event as RecordedIdeaEvent;
  if (e.type === 'IdeaSubmitted') {
    const d = e.data;
    return { ideaId: d.ideaId, version: e.streamVersion, organisation: d.organisation, language: d.language, text: `${d.title}\n${d.description}`, live: true };
  }
  if (!row) return undefined;
  if (e.type === 'IdeaMerged') return { ...row, version: e.streamVersion, live: false, text: null };
  return row;
}

/** The text-search configuration of an idea's language, as its full-text vector uses. */
export const LANGUAGE_CONFIG = `CASE $lang WHEN 'sv' THEN 'swedish'::regconfig WHEN 'en' THEN 'english'::regconfig ELSE 'finnish'::regconfig END`;

interface Change {
  organisation: string;
  word: string;
  idea_id: string;
}

export const ideaWordsStore: ProjectionStore<IdeaWords> = {
  async load(tx: EntityManager, keys: string[]) {
    if (keys.length === 0) return new Map();
    const rows: Array<{ idea_id: string; version: number; organisation: string; language: string; live: boolean }> = await tx.query(
      `SELECT idea_id, version, organisation, language, live FROM idea_word_sets WHERE idea_id = ANY($1::uuid[])`,
      [keys],
    );
    return new Map(rows.map((r) => [r.idea_id, { ideaId: r.idea_id, version: r.version, organisation: r.organisation, language: r.language, text: null, live: r.live }]));
  },
  async save(tx: EntityManager, rows: IdeaWords[]) {
    if (rows.length === 0) return;
    // Each idea's words before and after, side by side: what leaves the index and what enters it.
    const changes: Array<{ idea_id: string; organisation: string; removed: string[] | null; added: string[] | null }> = await tx.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(idea_id uuid, version int, organisation text, language text, text text, live boolean)
       ), next AS (
         SELECT i.idea_id, i.version, i.organisation, i.language, i.live,
           CASE WHEN NOT i.live THEN '{}'::text[]
                WHEN i.text IS NULL THEN s.words
                ELSE tsvector_to_array(to_tsvector(${LANGUAGE_CONFIG.replace('$lang', 'i.language')}, i.text)) END AS words,
           coalesce(s.words, '{}') AS old_words
         FROM input i LEFT JOIN idea_word_sets s ON s.idea_id = i.idea_id
       ), saved AS (
         INSERT INTO idea_word_sets (idea_id, version, organisation, language, live, words)
         SELECT idea_id, version, organisation, language, live, coalesce(words, '{}') FROM next
         ON CONFLICT (idea_id) DO UPDATE SET version = excluded.version, live = excluded.live, words = excluded.words
       )
       SELECT idea_id, organisation,
         ARRAY(SELECT unnest(old_words) EXCEPT SELECT unnest(words)) AS removed,
         ARRAY(SELECT unnest(words) EXCEPT SELECT unnest(old_words)) AS added
       FROM next`,
      [JSON.stringify(rows.map((r) => ({ idea_id: r.ideaId, version: r.version, organisation: r.organisation, language: r.language, text: r.text, live: r.live })))],
    );
    const removed: Change[] = changes.flatMap((c) => (c.removed ?? []).map((word) => ({ organisation: c.organisation, word, idea_id: c.idea_id })));
    const added: Change[] = changes.flatMap((c) => (c.added ?? []).map((word) => ({ organisation: c.organisation, word, idea_id: c.idea_id })));
    if (removed.length > 0) {
      await tx.query(
        `DELETE FROM idea_words w USING jsonb_to_recordset($1::jsonb) AS x(organisation text, word text, idea_id uuid)
         WHERE w.organisation = x.organisation AND w.word = x.word AND w.idea_id = x.idea_id`,
        [JSON.stringify(removed)],
      );
    }
    if (added.length > 0) {
      await tx.query(
        `INSERT INTO idea_words (organisation, word, idea_id)
         SELECT organisation, word, idea_id FROM jsonb_to_recordset($1::jsonb) AS x(organisation text, word text, idea_id uuid)
         ORDER BY 1, 2, 3 ON CONFLICT DO NOTHING`,
        [JSON.stringify(added)],
      );
    }
    // Counts move by the difference, in key order (two batches never wait on each other in opposite orders).
    const delta = new Map<string, { organisation: string; word: string; n: number }>();
    for (const [list, sign] of [[added, 1], [removed, -1]] as const) {
      for (const c of list) {
        const key = `${c.organisation}\u0000${c.word}`;
        const cell = delta.get(key) ?? { organisation: c.organisation, word: c.word, n: 0 };
        cell.n += sign;
        delta.set(key, cell);
      }
    }
    const cells = [...delta.values()].filter((c) => c.n !== 0);
    if (cells.length > 0) {
      await tx.query(
        `INSERT INTO idea_word_counts (organisation, word, n)
         SELECT organisation, word, n FROM jsonb_to_recordset($1::jsonb) AS x(organisation text, word text, n int)
         ORDER BY 1, 2
         ON CONFLICT (organisation, word) DO UPDATE SET n = idea_word_counts.n + excluded.n`,
        [JSON.stringify(cells)],
      );
      const shrunk = cells.filter((c) => c.n < 0);
      if (shrunk.length > 0) {
        await tx.query(
          `DELETE FROM idea_word_counts c USING jsonb_to_recordset($1::jsonb) AS x(organisation text, word text)
           WHERE c.organisation = x.organisation AND c.word = x.word AND c.n <= 0`,
          [JSON.stringify(shrunk)],
        );
      }
    }
  },
  tables() {
    return ['idea_word_sets', 'idea_words', 'idea_word_counts'];
  },
  async clear(tx: EntityManager) {
    await tx.query('DELETE FROM idea_words');
    await tx.query('DELETE FROM idea_word_counts');
    await tx.query('DELETE FROM idea_word_sets');
  },
};

export const ideaWordsProjection: Projection<IdeaWords> = {
  name: 'idea-words',
  keyOf: (event) => (event.type === 'IdeaSubmitted' || event.type === 'IdeaMerged' ? ideaKey(event) : undefined),
  evolve: evolveIdeaWords,
  store: ideaWordsStore,
};
