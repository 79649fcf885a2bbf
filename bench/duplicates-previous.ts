// The duplicate search as it was before the stems were looked up by key (kept here only to measure against, in
// the same run and on the same data): each typed word's stems were matched with `word = ANY (…)`, for which the
// planner takes the trigram index of the organisation's words (fast once vacuumed; right after a bulk rebuild it
// read about 1,100 pages per typed word).
import type { DataSource } from 'typeorm';
import { similarityTsQuery, type SimilarIdea } from '#ideas';

type SimilarOptions = { limit?: number; exclude?: string; minScore?: number };
const searchWords = (text: string): string[] => [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3))].slice(0, 8);
const similarityScore = (trigram: number, rank: number): number => Math.min(1, 0.5 * trigram + 0.5 * Math.min(1, rank * 5));

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

export async function previousFindSimilar(db: DataSource, organisation: string, text: string, options: SimilarOptions = {}): Promise<SimilarIdea[]> {
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
         SELECT c.word, c.n FROM idea_word_counts c
         WHERE c.organisation = $1 AND c.word = ANY (${stems('q.w')}::text[])
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
