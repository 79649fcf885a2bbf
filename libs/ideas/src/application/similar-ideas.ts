// "Has someone already suggested this?": ideas of the organisation that resemble a title or description
// being typed. Two cheap candidate lists, merged and scored:
//   - full-text: any of the typed words, stemmed in Finnish, Swedish and English (GIN index on the idea's own
//     language vector), the last word as a prefix since it may be half typed; ranked by cover density;
//   - trigrams: the titles nearest to the text (GiST KNN on lower(title)), which also catches typos and
//     compound words the stemmer leaves whole ("kokoustilavaraus" ~ "kokoustilojen varaus").
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

/** Up to 8 distinct words of at least 3 letters, as an OR tsquery; the last one as a prefix. */
export function similarityTsQuery(text: string): string | null {
  const words = [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3))].slice(0, 8);
  if (words.length === 0) return null;
  const typing = /[\p{L}\p{N}]$/u.test(text.trim()) ? words.length - 1 : -1;
  return words.map((w, i) => (i === typing ? `'${w}':*` : `'${w}'`)).join(' | ');
}

const CANDIDATES = 40;

/**
 * Title trigram similarity (0–1) and cover-density rank (normalised to 0–1 by PostgreSQL, rank / (rank + 1)),
 * weighted equally; the rank is stretched because one shared word already says something.
 */
export const similarityScore = (trigram: number, rank: number): number => Math.min(1, 0.5 * trigram + 0.5 * Math.min(1, rank * 5));

export async function findSimilarIdeas(db: DataSource | EntityManager, organisation: string, text: string, options: SimilarOptions = {}): Promise<SimilarIdea[]> {
  const limit = options.limit ?? 5;
  const trimmed = text.trim().toLowerCase().slice(0, 300);
  if (trimmed.length < 3) return [];
  const tsq = similarityTsQuery(trimmed);
  const rows: Array<{ id: string; title: string; stage: string; support_count: number; submitted_at: Date; tri: number; rank: number }> = await db.query(
    `WITH q AS (
       SELECT CASE WHEN $2::text IS NULL THEN NULL
              ELSE to_tsquery('finnish', $2) || to_tsquery('swedish', $2) || to_tsquery('english', $2) END AS tsq
     ),
     fts AS (
       SELECT i.id, ts_rank_cd(i.search, q.tsq, 32) AS rank
       FROM idea_views i, q
       WHERE q.tsq IS NOT NULL AND i.organisation = $1 AND i.stage <> 'merged' AND i.search @@ q.tsq
       ORDER BY rank DESC
       LIMIT ${CANDIDATES}
     ),
     tri AS (
       SELECT i.id FROM idea_views i
       WHERE i.organisation = $1 AND i.stage <> 'merged'
       ORDER BY lower(i.title) <-> $3
       LIMIT ${CANDIDATES}
     ),
     candidates AS (SELECT id FROM fts UNION SELECT id FROM tri)
     SELECT i.id, i.title, i.stage, i.support_count, i.submitted_at,
            greatest(similarity(lower(i.title), $3), 0.8 * word_similarity($3, lower(i.title)))::float8 AS tri,
            coalesce(f.rank, 0)::float8 AS rank
     FROM candidates c
     JOIN idea_views i ON i.id = c.id
     LEFT JOIN fts f ON f.id = c.id
     WHERE ($4::uuid IS NULL OR i.id <> $4::uuid)`,
    [organisation, tsq, trimmed, options.exclude ?? null],
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
