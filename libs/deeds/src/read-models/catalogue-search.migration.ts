import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What keeps Tekojen tori search fast at 100,000 deeds:
 * - `deed_search_words`: every word of the published deeds, once, with a trigram index. A query word is
 *   expanded to the similar words found here ("kehittämisteot" → "kehittämisteko"), and those go into the
 *   full-text query. Fuzzy matching thus looks at a dictionary of a few thousand words, not at every text.
 * - `deed_facet_cells`: how many published deeds fall in each (sector, year, organisation, awarded, theme)
 *   cell; theme '' counts each deed once. Browsing and filtering answer their total and facets from here.
 * Both are kept by statement triggers on `deed_entries`, so every writer of that table (the deed and award
 * projections, a rebuild's delete) keeps them right in the same transaction.
 */
export class CreateCatalogueSearch1732300002100 implements MigrationInterface {
  name = 'CreateCatalogueSearch1732300002100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE deed_search_words (word text PRIMARY KEY)`);
    await db.query(`CREATE INDEX deed_search_words_trgm_idx ON deed_search_words USING gin (word gin_trgm_ops)`);
    await db.query(`
      CREATE TABLE deed_facet_cells (
        sector text NOT NULL,
        year int NOT NULL,
        organisation text NOT NULL,
        awarded boolean NOT NULL,
        theme text NOT NULL,
        n int NOT NULL,
        PRIMARY KEY (theme, sector, year, organisation, awarded)
      )`);
    // The words of a deed's texts as the 'simple' parser splits them: lower case, not stemmed.
    await db.query(`
      CREATE FUNCTION deed_text_words(p_title text, p_aim text, p_achieved text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT lexeme FROM unnest(to_tsvector('simple', $1 || ' ' || $2 || ' ' || $3))
        WHERE length(lexeme) BETWEEN 4 AND 60
      $$`);
    await db.query(`
      CREATE FUNCTION deed_facet_rows(p_sector text, p_year int, p_organisation text, p_awards jsonb, p_themes text[])
        RETURNS TABLE (sector text, year int, organisation text, awarded boolean, theme text)
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT $1, $2, $3, jsonb_array_length($4) > 0, t FROM unnest(ARRAY[''] || ARRAY(SELECT DISTINCT x FROM unnest($5) x WHERE x <> '')) t
      $$`);
    const delta = (sources: string) => `
        INSERT INTO deed_facet_cells (sector, year, organisation, awarded, theme, n)
        SELECT f.sector, f.year, f.organisation, f.awarded, f.theme, sum(c.sign)::int
        FROM (${sources}) c, deed_facet_rows(c.sector, c.year, c.organisation, c.awards, c.themes) f
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(c.sign) <> 0
        ORDER BY 5, 1, 2, 3, 4
        ON CONFLICT (theme, sector, year, organisation, awarded) DO UPDATE SET n = deed_facet_cells.n + excluded.n`;
    const published = (table: string, sign: number) =>
      `SELECT ${sign} AS sign, sector, year, organisation, awards, themes FROM ${table} WHERE status = 'published' AND year IS NOT NULL`;
    const words = `
        INSERT INTO deed_search_words (word)
        SELECT DISTINCT w FROM new_rows r, deed_text_words(r.title, r.aim, r.achieved) w WHERE r.status = 'published'
        ORDER BY w
        ON CONFLICT (word) DO NOTHING`;
    await db.query(`
      CREATE FUNCTION deed_entries_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${delta(published('new_rows', 1))};
        ${words};
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION deed_entries_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${delta(`${published('old_rows', -1)} UNION ALL ${published('new_rows', 1)}`)};
        ${words};
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION deed_entries_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${delta(published('old_rows', -1))};
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER deed_entries_inserted AFTER INSERT ON deed_entries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deed_entries_inserted()`);
    await db.query(`CREATE TRIGGER deed_entries_updated AFTER UPDATE ON deed_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deed_entries_updated()`);
    await db.query(`CREATE TRIGGER deed_entries_deleted AFTER DELETE ON deed_entries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION deed_entries_deleted()`);
    // Deeds already in the table (a database from before this migration).
    await db.query(`INSERT INTO deed_facet_cells (sector, year, organisation, awarded, theme, n)
      SELECT f.sector, f.year, f.organisation, f.awarded, f.theme, count(*)::int
      FROM deed_entries d, deed_facet_rows(d.sector, d.year, d.organisation, d.awards, d.themes) f
      WHERE d.status = 'published' AND d.year IS NOT NULL GROUP BY 1, 2, 3, 4, 5`);
    await db.query(`INSERT INTO deed_search_words (word)
      SELECT DISTINCT w FROM deed_entries d, deed_text_words(d.title, d.aim, d.achieved) w WHERE d.status = 'published' ON CONFLICT DO NOTHING`);
    // Fuzzy matching now goes through the dictionary: the trigram index over whole texts goes.
    await db.query(`DROP INDEX deed_entries_trgm_idx`);
    await db.query(`ALTER TABLE deed_entries DROP COLUMN search_text`);
    await db.query(`CREATE INDEX deed_entries_sector_idx ON deed_entries (sector, first_published_at DESC, id DESC) WHERE status = 'published'`);
    await db.query(`CREATE INDEX deed_entries_year_idx ON deed_entries (year, first_published_at DESC, id DESC) WHERE status = 'published'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX deed_entries_year_idx`);
    await db.query(`DROP INDEX deed_entries_sector_idx`);
    await db.query(`ALTER TABLE deed_entries ADD COLUMN search_text text GENERATED ALWAYS AS (lower(title || ' ' || aim || ' ' || achieved)) STORED`);
    await db.query(`CREATE INDEX deed_entries_trgm_idx ON deed_entries USING gin (search_text gin_trgm_ops)`);
    await db.query(`DROP TRIGGER deed_entries_deleted ON deed_entries`);
    await db.query(`DROP TRIGGER deed_entries_updated ON deed_entries`);
    await db.query(`DROP TRIGGER deed_entries_inserted ON deed_entries`);
    await db.query(`DROP FUNCTION deed_entries_deleted()`);
    await db.query(`DROP FUNCTION deed_entries_updated()`);
    await db.query(`DROP FUNCTION deed_entries_inserted()`);
    await db.query(`DROP FUNCTION deed_facet_rows(text, int, text, jsonb, text[])`);
    await db.query(`DROP FUNCTION deed_text_words(text, text, text)`);
    await db.query(`DROP TABLE deed_facet_cells`);
    await db.query(`DROP TABLE deed_search_words`);
  }
}
