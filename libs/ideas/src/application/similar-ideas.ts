// "Has someone already suggested this?": ideas of the organisation that resemble a title or description
// being typed. Cheap candidate lists, each capped and found through an index, then merged and scored:
//   - full-text: ideas with all the typed words (else, with any of them), stemmed in Finnish, Swedish and English
//     (GIN index on the idea's own-language vector), the last word as a prefix since it may be half typed;
//   - then "all but one" word (one may be mistyped or missing) and any word, only while the stricter lists give few;
// Ranking: trigram similarity of the title to the text (which also weighs typos and compound words the stemmer
// leaves whole, "kokoustilavaraus" ~ "kokoustilojen varaus") plus the cover-density rank of the words.
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

/** How many candidates each index may give before ranking: keeps a common word or a short prefix cheap. */
const CANDIDATES = 60;

/**
 * Title trigram similarity (0–1) and cover-density rank (normalised to 0–1 by PostgreSQL, rank / (rank + 1)),
 * weighted equally; the rank is stretched because one shared word already says something.
 */
export const similarityScore = (trigram: number, rank: number): number => Math.min(1, 0.5 * trigram + 0.5 * Math.min(1, rank * 5));

export async function findSimilarIdeas(db: DataSource | EntityManager, organisation: string, text: string, options: SimilarOptions = {}): Promise<SimilarIdea[]> {
  const limit = options.limit ?? 5;
  const trimmed = text.trim().toLowerCase().slice(0, 300);
  if (trimmed.length < 3) return [];
  // Candidates, each list capped and found through the full-text index: ideas with all the words; if that gives
  // few, with all but one; if still few, with any. Trigram similarity to the title then ranks them with the words.
  const tsq = (source: string | null, n: number) =>
    `CASE WHEN $${n}::text IS NULL THEN NULL ELSE to_tsquery('finnish', $${n}) || to_tsquery('swedish', $${n}) || to_tsquery('english', $${n}) END`;
  const rows: Array<{ id: string; title: string; stage: string; support_count: number; submitted_at: Date; tri: number; rank: number }> = await db.query(
    `WITH q AS (SELECT ${tsq(null, 2)} AS all_words, ${tsq(null, 3)} AS but_one, ${tsq(null, 4)} AS any_word),
     every_word AS MATERIALIZED (
       SELECT i.id FROM idea_views i, q
       WHERE q.all_words IS NOT NULL AND i.organisation = $1 AND i.stage <> 'merged' AND i.search @@ q.all_words
       LIMIT ${CANDIDATES}
     ),
     most_words AS MATERIALIZED (
       SELECT i.id FROM idea_views i, q
       WHERE (SELECT count(*) FROM every_word) < $6 AND q.but_one IS NOT NULL AND i.organisation = $1 AND i.stage <> 'merged' AND i.search @@ q.but_one
       LIMIT ${CANDIDATES}
     ),
     some_word AS MATERIALIZED (
       SELECT i.id FROM idea_views i, q
       WHERE (SELECT count(*) FROM every_word) + (SELECT count(*) FROM most_words) < $6
         AND q.any_word IS NOT NULL AND i.organisation = $1 AND i.stage <> 'merged' AND i.search @@ q.any_word
       LIMIT ${CANDIDATES}
     ),
     candidates AS (SELECT id FROM every_word UNION SELECT id FROM most_words UNION SELECT id FROM some_word)
     SELECT i.id, i.title, i.stage, i.support_count, i.submitted_at,
            similarity(lower(i.title), $5)::float8 AS tri,
            CASE WHEN q.any_word IS NULL THEN 0 ELSE ts_rank_cd(i.search, q.any_word, 32) END::float8 AS rank
     FROM candidates c
     JOIN idea_views i ON i.id = c.id
     CROSS JOIN q
     WHERE ($7::uuid IS NULL OR i.id <> $7::uuid)`,
    [organisation, similarityTsQuery(trimmed, 'all'), similarityTsQuery(trimmed, 'but-one'), similarityTsQuery(trimmed, 'any'), trimmed, limit + 1, options.exclude ?? null],
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
