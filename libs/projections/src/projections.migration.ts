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

/** The feed core: parked projections, resumable blue/green rebuilds, skipped events. */
export class ProjectionFeedCore1765100000000 implements MigrationInterface {
  name = 'ProjectionFeedCore1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE projection_checkpoints
        ADD COLUMN failures int NOT NULL DEFAULT 0,
        ADD COLUMN parked_until timestamptz,
        ADD COLUMN failed_event jsonb`);
    await db.query(`
      CREATE TABLE projection_rebuilds (
        name text PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT '0',
        position bigint NOT NULL DEFAULT 0,
        done bigint NOT NULL DEFAULT 0,
        total bigint NOT NULL DEFAULT 0,
        reason text NOT NULL DEFAULT 'requested',
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        leased_by text,
        leased_until timestamptz,
        last_error text
      )`);
    await db.query(`
      CREATE TABLE projection_dead_letters (
        name text NOT NULL,
        event_id uuid NOT NULL,
        stream_id text NOT NULL,
        stream_version int NOT NULL,
        type text NOT NULL,
        transaction_id xid8 NOT NULL,
        position bigint NOT NULL,
        error text,
        skipped_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, event_id)
      )`);
    await db.query(`CREATE TABLE processor_leases (name text PRIMARY KEY, held_by text NOT NULL, held_until timestamptz NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE processor_leases`);
    await db.query(`DROP TABLE projection_dead_letters`);
    await db.query(`DROP TABLE projection_rebuilds`);
    await db.query(`ALTER TABLE projection_checkpoints DROP COLUMN failed_event, DROP COLUMN parked_until, DROP COLUMN failures`);
  }
}
