import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `funnel_stays`, kept by the funnel-stays projection: one row per stay of an idea in a funnel state, valid
 * from `valid_from` until `valid_to` ('infinity' while it lasts). The as-of funnel reads the stays open at a
 * moment through one of two indexes: stays that began by then (early moments: few) or stays that had not
 * ended by then (recent moments: about one per idea); the planner picks the narrower.
 */
export class CreateFunnelStays1765200000000 implements MigrationInterface {
  name = 'CreateFunnelStays1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE funnel_stays (
        idea_id uuid NOT NULL,
        seq int NOT NULL,
        version int NOT NULL,
        organisation text NOT NULL,
        unit text NOT NULL,
        sector text NOT NULL,
        stage text NOT NULL,
        submitted_at timestamptz NOT NULL,
        stage_entered_at timestamptz NOT NULL,
        reached_review boolean NOT NULL,
        reached_pilot boolean NOT NULL,
        days_submitted double precision,
        days_in_review double precision,
        days_piloting double precision,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        PRIMARY KEY (idea_id, seq)
      )`);
    await db.query(`CREATE INDEX funnel_stays_org_from_idx ON funnel_stays (organisation, valid_from)`);
    await db.query(`CREATE INDEX funnel_stays_org_to_idx ON funnel_stays (organisation, valid_to)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE funnel_stays`);
  }
}
