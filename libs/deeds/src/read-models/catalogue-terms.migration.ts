import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-word postings of the catalogue, ordered by impact, so that a text search reads the strongest deeds of a
 * word straight from an index instead of every deed that has it (see deed-entry.projection.ts, which keeps them):
 * - `deed_terms`: one row per (term, published deed): the term is a lexeme of the deed's search vector (stemmed
 *   in the deed's language; themes unstemmed), its impact the weights of its occurrences (title 1, aim and
 *   achieved 0.4, theme 0.2 each, at most 4). Key (term, impact, deed): "the strongest deeds with this term" is
 *   the key read backwards from the term, `LIMIT k`, and the key alone answers it.
 * - `deed_term_counts`: how many published deeds hold each term (its document frequency): the rarest word of
 *   a search, the estimate of a large total, and the commonest terms a prefix begins. Terms compare byte-wise (COLLATE "C"), so "the terms a prefix begins" is a range of the key.
 */
export class CatalogueTermPostings1765300015000 implements MigrationInterface {
  name = 'CatalogueTermPostings1765300015000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION deed_term_impact(p_weights text[]) RETURNS real LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT least(4, sum(CASE w WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.4 WHEN 'C' THEN 0.2 ELSE 0.1 END))::real FROM unnest($1) w
      $$`);
    await db.query(`
      CREATE TABLE deed_terms (
        term text COLLATE "C" NOT NULL,
        impact real NOT NULL,
        deed_id uuid NOT NULL,
        PRIMARY KEY (term, impact, deed_id)
      )`);
    await db.query(`CREATE TABLE deed_term_counts (term text COLLATE "C" PRIMARY KEY, n int NOT NULL)`);
    // Deeds published before this migration.
    await db.query(`
      INSERT INTO deed_terms (term, impact, deed_id)
      SELECT t.lexeme, deed_term_impact(t.weights), s.id FROM deed_search s, unnest(s.search) t ORDER BY 1, 2, 3`);
    await db.query(`
      INSERT INTO deed_term_counts (term, n)
      SELECT term, count(*) FROM deed_terms GROUP BY term`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE deed_term_counts, deed_terms`);
    await db.query(`DROP FUNCTION deed_term_impact(text[])`);
  }
}
