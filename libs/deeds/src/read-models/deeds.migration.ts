import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeedReadModels1732300002000 implements MigrationInterface {
  name = 'CreateDeedReadModels1732300002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // Immutable wrapper so the language can pick the text-search configuration inside generated columns.
    await db.query(`
      CREATE FUNCTION deed_ts_config(language text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE language WHEN 'sv' THEN 'swedish'::regconfig WHEN 'en' THEN 'english'::regconfig ELSE 'finnish'::regconfig END
      $$`);
    await db.query(`
      CREATE FUNCTION deed_words(words text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_to_string(words, ' '), '')
      $$`);
    await db.query(`
      CREATE TABLE deed_entries (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        organisation text NOT NULL,
        status text NOT NULL,
        revision int NOT NULL,
        title text NOT NULL,
        aim text NOT NULL,
        achieved text NOT NULL,
        metrics jsonb NOT NULL,
        unit text NOT NULL,
        sector text NOT NULL,
        themes text[] NOT NULL,
        size text NOT NULL,
        scope text NOT NULL,
        participants text[] NOT NULL,
        period_from date NOT NULL,
        period_to date,
        language text NOT NULL,
        media jsonb NOT NULL,
        idea_ids uuid[] NOT NULL,
        source text,
        external_id text,
        drafted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        first_published_at timestamptz,
        published_at timestamptz,
        unpublished_at timestamptz,
        unpublish_reason text,
        year int,
        revisions jsonb NOT NULL,
        awards jsonb NOT NULL DEFAULT '[]',
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector(deed_ts_config(language), title), 'A') ||
          setweight(to_tsvector(deed_ts_config(language), aim || ' ' || achieved), 'B') ||
          setweight(to_tsvector('simple', deed_words(themes)), 'C')
        ) STORED,
        search_text text GENERATED ALWAYS AS (lower(title || ' ' || aim || ' ' || achieved)) STORED
      )`);
    await db.query(`CREATE INDEX deed_entries_search_idx ON deed_entries USING gin (search)`);
    await db.query(`CREATE INDEX deed_entries_trgm_idx ON deed_entries USING gin (search_text gin_trgm_ops)`);
    await db.query(`CREATE INDEX deed_entries_published_idx ON deed_entries (first_published_at DESC, id DESC) WHERE status = 'published'`);
    await db.query(`CREATE INDEX deed_entries_org_idx ON deed_entries (organisation, status)`);
    await db.query(`CREATE INDEX deed_entries_themes_idx ON deed_entries USING gin (themes)`);
    await db.query(`
      CREATE TABLE campaign_views (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        name text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL,
        winner text,
        closed_at timestamptz,
        final_standings jsonb
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE campaign_views`);
    await db.query(`DROP TABLE deed_entries`);
    await db.query(`DROP FUNCTION deed_ts_config(text)`);
    await db.query(`DROP FUNCTION deed_words(text[])`);
  }
}
