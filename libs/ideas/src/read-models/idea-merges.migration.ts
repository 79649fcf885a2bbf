import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Merged duplicates on the idea pages, and a trigram index for "similar ideas" while typing. */
export class IdeaMergesAndSimilarity1764500000000 implements MigrationInterface {
  name = 'IdeaMergesAndSimilarity1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idea_views ADD COLUMN merged_into uuid, ADD COLUMN merged_from uuid[] NOT NULL DEFAULT '{}'`);
    // Nearest titles first (KNN over trigrams), within one organisation.
    await db.query(`CREATE INDEX idea_views_title_trgm_idx ON idea_views USING gist (lower(title) gist_trgm_ops(siglen=64))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX idea_views_title_trgm_idx`);
    await db.query(`ALTER TABLE idea_views DROP COLUMN merged_from, DROP COLUMN merged_into`);
  }
}
