import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The strongest candidates of a text search are the deeds whose title has the words: `title_search` is the
 * title part (weight A) of each deed's search vector, with its own GIN index. It is derived from `search`
 * by PostgreSQL itself (a generated column), so whatever writes `deed_search` keeps it right.
 */
export class CatalogueTitleSearch1765200002000 implements MigrationInterface {
  name = 'CatalogueTitleSearch1765200002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE deed_search ADD COLUMN title_search tsvector GENERATED ALWAYS AS (ts_filter(search, '{a}')) STORED`);
    await db.query(`CREATE INDEX deed_search_title_idx ON deed_search USING gin (title_search)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE deed_search DROP COLUMN title_search`);
  }
}
