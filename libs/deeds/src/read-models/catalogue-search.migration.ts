import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What keeps Tekojen tori search fast at 100,000 deeds. Three tables beside `deed_entries`, kept by statement
 * triggers on it, so every writer of that table (the deed and award projections, a rebuild's delete and
 * re-insert) keeps them right in its own transaction:
 * - `deed_search`: one narrow row per published deed (its text-search vector and what the filters look at).
 *   Searches scan and rank these rows, a tenth of the size of the full entries, and read whole entries only
 *   for the page they show.
 * - `deed_search_words`: every word of the published deeds, once, with a trigram index. A query word is
 *   widened with the similar words found here ("kehittämisteot" → "kehittämisteko"), so fuzzy matching looks
 *   at a dictionary of words, never at every text.
 * - `deed_facet_cells` / `deed_theme_counts`: how many published deeds fall in each (sector, year,
 *   organisation, awarded, theme) cell (theme '' counts each deed once), and per theme overall. Browsing and
 *   filtering answer their total and facets from these instead of counting deeds.
 */
export class CreateCatalogueSearch1732300002100 implements MigrationInterface {
  name = 'CreateCatalogueSearch1732300002100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE deed_search (
        id uuid PRIMARY KEY,
        first_published_at timestamptz NOT NULL,
        sector text NOT NULL,
        organisation text NOT NULL,
        year int NOT NULL,
        awarded boolean NOT NULL,
        themes text[] NOT NULL,
        search tsvector NOT NULL
      )`);
    await db.query(`CREATE INDEX deed_search_search_idx ON deed_search USING gin (search)`);
    await db.query(`CREATE INDEX deed_search_themes_idx ON deed_search USING gin (themes)`);
    for (const column of ['', 'sector', 'organisation', 'year']) {
      await db.query(`CREATE INDEX deed_search_${column || 'newest'}_idx ON deed_search (${column ? `${column}, ` : ''}first_published_at DESC, id DESC)`);
    }
    await db.query(`CREATE TABLE deed_search_words (word text PRIMARY KEY)`);
    await db.query(`CREATE INDEX deed_search_words_trgm_idx ON deed_search_words USING gin (word gin_trgm_ops)`);
    await db.query(`
      CREATE TABLE deed_facet_cells (
        theme text NOT NULL,
        sector text NOT NULL,
        year int NOT NULL,
        organisation text NOT NULL,
        awarded boolean NOT NULL,
        n int NOT NULL,
        PRIMARY KEY (theme, sector, year, organisation, awarded)
      )`);
    for (const column of ['sector', 'organisation', 'year']) await db.query(`CREATE INDEX deed_facet_cells_${column}_idx ON deed_facet_cells (${column})`);
    await db.query(`CREATE TABLE deed_theme_counts (theme text PRIMARY KEY, n int NOT NULL)`);
    // Themes that occur together (the pair of a theme with itself is its own count): the facet of a theme filter.
    await db.query(`CREATE TABLE deed_theme_pairs (theme text NOT NULL, other text NOT NULL, n int NOT NULL, PRIMARY KEY (theme, other))`);
    // The words of a deed's texts as the 'simple' parser splits them: lower case, not stemmed.
    await db.query(`
      CREATE FUNCTION deed_text_words(p_title text, p_aim text, p_achieved text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT lexeme FROM unnest(to_tsvector('simple', $1 || ' ' || $2 || ' ' || $3)) WHERE length(lexeme) BETWEEN 4 AND 60
      $$`);
    await db.query(`
      CREATE FUNCTION deed_themes(p_themes text[]) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT DISTINCT t FROM unnest($1) t WHERE t <> ''
      $$`);
    // Titles weigh most (A), then the aim and what was achieved (B), then the themes (C).
    await db.query(`
      CREATE FUNCTION deed_search_vector(p_language text, p_title text, p_aim text, p_achieved text, p_themes text[]) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector(deed_ts_config($1), $2), 'A') ||
               setweight(to_tsvector(deed_ts_config($1), $3 || ' ' || $4), 'B') ||
               setweight(to_tsvector('simple', deed_words($5)), 'C')
      $$`);
    const published = (table: string, sign: number) =>
      `SELECT ${sign} AS sign, * FROM ${table} WHERE status = 'published' AND year IS NOT NULL AND first_published_at IS NOT NULL`;
    const counts = (sources: string) => `
        WITH c AS (${sources})
        INSERT INTO deed_facet_cells (theme, sector, year, organisation, awarded, n)
        SELECT t, sector, year, organisation, jsonb_array_length(awards) > 0, sum(sign)::int
        FROM c, LATERAL (SELECT '' AS t UNION ALL SELECT deed_themes(c.themes)) themes
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(sign) <> 0
        ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (theme, sector, year, organisation, awarded) DO UPDATE SET n = deed_facet_cells.n + excluded.n;
        WITH c AS (${sources})
        INSERT INTO deed_theme_counts (theme, n)
        SELECT t, sum(sign)::int FROM c, deed_themes(c.themes) t
        GROUP BY 1 HAVING sum(sign) <> 0 ORDER BY 1
        ON CONFLICT (theme) DO UPDATE SET n = deed_theme_counts.n + excluded.n;
        WITH c AS (${sources})
        INSERT INTO deed_theme_pairs (theme, other, n)
        SELECT a, b, sum(sign)::int FROM c, deed_themes(c.themes) a, deed_themes(c.themes) b
        GROUP BY 1, 2 HAVING sum(sign) <> 0 ORDER BY 1, 2
        ON CONFLICT (theme, other) DO UPDATE SET n = deed_theme_pairs.n + excluded.n`;
    const addSearchRows = `
        INSERT INTO deed_search (id, first_published_at, sector, organisation, year, awarded, themes, search)
        SELECT id, first_published_at, sector, organisation, year, jsonb_array_length(awards) > 0, themes,
               deed_search_vector(language, title, aim, achieved, themes)
        FROM new_rows WHERE status = 'published' AND year IS NOT NULL AND first_published_at IS NOT NULL;
        INSERT INTO deed_search_words (word)
        SELECT DISTINCT w FROM new_rows r, deed_text_words(r.title, r.aim, r.achieved) w WHERE r.status = 'published'
        ORDER BY w
        ON CONFLICT (word) DO NOTHING`;
    await db.query(`
      CREATE FUNCTION deed_entries_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${counts(published('new_rows', 1))};
        ${addSearchRows};
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION deed_entries_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${counts(`${published('old_rows', -1)} UNION ALL ${published('new_rows', 1)}`)};
        DELETE FROM deed_search WHERE id IN (SELECT id FROM old_rows);
        ${addSearchRows};
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION deed_entries_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${counts(published('old_rows', -1))};
        DELETE FROM deed_search WHERE id IN (SELECT id FROM old_rows);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER deed_entries_inserted AFTER INSERT ON deed_entries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deed_entries_inserted()`);
    await db.query(`CREATE TRIGGER deed_entries_updated AFTER UPDATE ON deed_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deed_entries_updated()`);
    await db.query(`CREATE TRIGGER deed_entries_deleted AFTER DELETE ON deed_entries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION deed_entries_deleted()`);
    // Searching moves to deed_search: the vectors and trigram index on the full entries go.
    await db.query(`DROP INDEX deed_entries_trgm_idx`);
    await db.query(`DROP INDEX deed_entries_search_idx`);
    await db.query(`ALTER TABLE deed_entries DROP COLUMN search_text, DROP COLUMN search`);
    // Deeds already in the table (a database from before this migration).
    for (const statement of `${counts(published('deed_entries', 1))}; ${addSearchRows.replace(/new_rows/g, 'deed_entries')}`.split(';')) {
      await db.query(statement);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER deed_entries_deleted ON deed_entries`);
    await db.query(`DROP TRIGGER deed_entries_updated ON deed_entries`);
    await db.query(`DROP TRIGGER deed_entries_inserted ON deed_entries`);
    await db.query(`DROP FUNCTION deed_entries_deleted()`);
    await db.query(`DROP FUNCTION deed_entries_updated()`);
    await db.query(`DROP FUNCTION deed_entries_inserted()`);
    await db.query(`ALTER TABLE deed_entries ADD COLUMN search tsvector GENERATED ALWAYS AS (deed_search_vector(language, title, aim, achieved, themes)) STORED`);
    await db.query(`ALTER TABLE deed_entries ADD COLUMN search_text text GENERATED ALWAYS AS (lower(title || ' ' || aim || ' ' || achieved)) STORED`);
    await db.query(`CREATE INDEX deed_entries_search_idx ON deed_entries USING gin (search)`);
    await db.query(`CREATE INDEX deed_entries_trgm_idx ON deed_entries USING gin (search_text gin_trgm_ops)`);
    await db.query(`DROP FUNCTION deed_search_vector(text, text, text, text, text[])`);
    await db.query(`DROP FUNCTION deed_themes(text[])`);
    await db.query(`DROP FUNCTION deed_text_words(text, text, text)`);
    await db.query(`DROP TABLE deed_theme_pairs, deed_theme_counts, deed_facet_cells, deed_search_words, deed_search`);
  }
}
