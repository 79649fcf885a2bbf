import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEventStore1732300000000 implements MigrationInterface {
  name = 'CreateEventStore1732300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE events_position_seq AS bigint`);
    await db.query(`
      CREATE TABLE events (
        position bigint NOT NULL DEFAULT nextval('events_position_seq') PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id uuid NOT NULL CONSTRAINT events_event_id_key UNIQUE,
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version > 0),
        type text NOT NULL,
        schema_version integer NOT NULL DEFAULT 1,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
      )`);
    await db.query(`ALTER SEQUENCE events_position_seq OWNED BY events.position`);
    await db.query(`CREATE INDEX events_feed_idx ON events (transaction_id, position)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE events`);
  }
}
