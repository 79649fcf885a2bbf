// "Has someone already suggested this?": ideas of the organisation that resemble a title or description
// being typed, found through the organisation's word index (see findSimilarIdeas) and ranked by trigram
// similarity of the title (which also weighs typos and compound words the stemmer leaves whole,
// "kokoustilavaraus" ~ "kokoustilojen varaus") plus the cover-density rank of the words.
import type { DataSource, EntityManager } from 'typeorm';

export interface SimilarIdea {
  id: string;
  title: string;
  stage: string;
  supportCount: number;
  submittedAt: string;
  /** 0–1: how alike the idea is to the text (half title trigram similarity, half full-text rank). */
  score: number;
}

export interface SimilarOptions {
  limit?: number;
  /** Leave this idea out (the one just submitted). */
  exclude?: string;
  /** Suggestions scoring below this are dropped. */
  minScore?: number;
}

const searchWords = (text: string): string[] => [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3))].slice(0, 8);

/**
 * Up to 8 distinct words of at least 3 letters, the last one as a prefix while it is being typed, as a tsquery:
 * `all` of them, all `but-one` (any single word may be mistyped or missing), or `any` of them.
 */
export function similarityTsQuery(text: string, mode: 'all' | 'but-one' | 'any' = 'any'): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  const typing = /[\p{L}\p{N}]$/u.test(text.trim()) ? words.length - 1 : -1;
  const terms = words.map((w, i) => (i === typing ? `'${w}':*` : `'${w}'`));
  if (mode === 'all') return terms.join(' & ');
  if (mode === 'any') return terms.join(' | ');
  if (terms.length < 3) return null;
  return terms.map((_, skip) => `(${terms.filter((_t, i) => i !== skip).join(' & ')})`).join(' | ');
}

/**
 * How many ideas the typed words bring before ranking: the rarest word first, then the next rarest while the
 * ones before brought fewer than this, each at most this many. Keeps common words cheap.
 */
const CANDIDATES = 80;
/** How alike (trigram similarity) an organisation's word must be to stand in for a mistyped one, and how many may. */
const LOOK_ALIKE = 0.45;
const LOOK_ALIKES = 3;
/** Words a half-typed word may stand for: the commonest ones it begins. */
const COMPLETIONS = 6;

/**
 * Title trigram similarity (0–1) and cover-density rank (normalised to 0–1 by PostgreSQL, rank / (rank + 1)),
 * weighted equally; the rank is stretched because one shared word already says something.
 */
export const similarityScore = (trigram: number, rank: number): number => Math.min(1, 0.5 * trigram + 0.5 * Math.min(1, rank * 5));

/**
 * Suggestions come from the organisation's word index (idea-words projection), never from scanning ideas:
 * 1. each typed word is matched to the organisation's words: its Finnish, Swedish and English stems, the words
 *    it begins when it is the one being typed, and up to three look-alikes (a typo, a compound's other form);
 * 2. the typed words matching the fewest ideas bring their ideas, rarest first, until about 80 candidates
 *    (their postings, read from the index's key, at most 80 a word);
 * 3. those few candidates are ranked by trigram similarity of the title to the text and the words' rank.
 * The work is bounded by the number of typed words, whatever the size of the organisation.
 */
export async function findSimilarIdeas(db: DataSource | EntityManager, organisation: string, text: string, options: SimilarOptions = {}): Promise<SimilarIdea[]> {
  const limit = options.limit ?? 5;
  const trimmed = text.trim().toLowerCase().slice(0, 300);
  if (trimmed.length < 3) return [];
  const words = searchWords(trimmed);
  if (words.length === 0) return [];
  const typing = /[\p{L}\p{N}]$/u.test(trimmed) ? words.length : 0;
  const stems = (w: string) => `tsvector_to_array(to_tsvector('finnish', ${w}) || to_tsvector('swedish', ${w}) || to_tsvector('english', ${w}) || to_tsvector('simple', ${w}))`;
  const rows: Array<{ id: string; title: string; stage: string; support_count: number; submitted_at: Date; tri: number; rank: number }> = await db.query(
    `WITH q AS (SELECT w, ord::int AS ord FROM unnest($2::text[]) WITH ORDINALITY AS q(w, ord)),
     matched AS MATERIALIZED (
       SELECT q.ord, m.word, m.n FROM q CROSS JOIN LATERAL (
         -- One key lookup per stem. Written as a lateral lookup in key order on purpose: given \`word = ANY (…)\`
         -- the planner takes the trigram index (it answers equality too), whose cost depends on its state (right
         -- after a bulk rebuild, before a vacuum, it read about 1,100 pages per typed word).
         SELECT x.word, x.n FROM unnest(${stems('q.w')}) s(stem)
         CROSS JOIN LATERAL (
           SELECT c.word, c.n FROM idea_word_counts c
           WHERE c.organisation = $1 AND c.word = (s.stem COLLATE "C")
           ORDER BY c.organisation, c.word LIMIT 1
         ) x
         UNION
         (SELECT c.word, c.n FROM idea_word_counts c
          WHERE q.ord = $3 AND c.organisation = $1 AND c.word >= (q.w COLLATE "C") AND c.word < ((q.w || chr(1114111)) COLLATE "C")
          ORDER BY c.n DESC LIMIT ${COMPLETIONS})
         UNION
         (SELECT c.word, c.n FROM idea_word_counts c
          WHERE length(q.w) >= 4 AND c.organisation = $1 AND c.word % q.w AND similarity(c.word, q.w) >= $4
          ORDER BY similarity(c.word, q.w) DESC, c.word LIMIT ${LOOK_ALIKES})
       ) m
     ),
     rarest AS (
       SELECT ord FROM (
         SELECT ord, sum(sum(n)) OVER (ORDER BY sum(n), ord) - sum(n) AS before FROM matched GROUP BY ord
       ) s WHERE before < ${CANDIDATES}
     ),
     candidates AS (
       SELECT DISTINCT p.idea_id FROM rarest r CROSS JOIN LATERAL (
         SELECT w.idea_id FROM idea_words w
         WHERE w.organisation = $1 AND w.word IN (SELECT m.word FROM matched m WHERE m.ord = r.ord)
         LIMIT ${CANDIDATES}
       ) p
     ),
     query AS (SELECT CASE WHEN $6::text IS NULL THEN NULL ELSE to_tsquery('finnish', $6) || to_tsquery('swedish', $6) || to_tsquery('english', $6) END AS any_word)
     SELECT i.id, i.title, i.stage, i.support_count, i.submitted_at,
            similarity(lower(i.title), $5)::float8 AS tri,
            CASE WHEN query.any_word IS NULL THEN 0 ELSE ts_rank_cd(i.search, query.any_word, 32) END::float8 AS rank
     FROM candidates c
     JOIN idea_views i ON i.id = c.idea_id
     CROSS JOIN query
     WHERE i.stage <> 'merged' AND ($7::uuid IS NULL OR i.id <> $7::uuid)`,
    [organisation, words, typing, LOOK_ALIKE, trimmed, similarityTsQuery(trimmed, 'any'), options.exclude ?? null],
  );
  const minScore = options.minScore ?? 0.2;
  return rows
    .map((r) => ({
      id: r.id,
      title: r.title,
      stage: r.stage,
      supportCount: r.support_count,
      submittedAt: new Date(r.submitted_at).toISOString(),
      score: Math.round(similarityScore(r.tri, r.rank) * 1000) / 1000,
    }))
    .filter((r) => r.score >= minScore)
    .sort((a, b) => b.score - a.score || b.supportCount - a.supportCount || a.id.localeCompare(b.id))
    .slice(0, limit);
}
