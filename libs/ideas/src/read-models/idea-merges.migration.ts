import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Merged duplicates on the idea pages. */
export class IdeaMerges1764500000000 implements MigrationInterface {
  name = 'IdeaMerges1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idea_views ADD COLUMN merged_into uuid, ADD COLUMN merged_from uuid[] NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idea_views DROP COLUMN merged_from, DROP COLUMN merged_into`);
  }
}
