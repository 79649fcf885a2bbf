import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProjectionCheckpoints1732300000100 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1732300000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT '0',
        position bigint NOT NULL DEFAULT 0,
        events_applied bigint NOT NULL DEFAULT 0,
        rebuilt_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_error text
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE projection_checkpoints`);
  }
}
