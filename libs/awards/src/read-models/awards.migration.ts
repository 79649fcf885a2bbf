import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAwardReadModels1732300003000 implements MigrationInterface {
  name = 'CreateAwardReadModels1732300003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE award_seasons (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        year int NOT NULL,
        name text NOT NULL,
        nomination_opens_at timestamptz NOT NULL,
        nomination_closes_at timestamptz NOT NULL,
        eligible_from timestamptz NOT NULL,
        eligible_to timestamptz NOT NULL,
        gala_at timestamptz NOT NULL,
        series jsonb NOT NULL,
        awards jsonb NOT NULL,
        announced int NOT NULL,
        published boolean NOT NULL,
        opened_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE award_nominations (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        season_id uuid NOT NULL,
        series text NOT NULL,
        seq int NOT NULL,
        nominee jsonb NOT NULL,
        organisation text NOT NULL,
        person text,
        justifications jsonb NOT NULL,
        source text NOT NULL,
        recused jsonb NOT NULL,
        nominated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX award_nominations_season_idx ON award_nominations (season_id, series, seq)`);
    await db.query(`
      CREATE TABLE award_scores (
        id text PRIMARY KEY,
        version int NOT NULL,
        season_id uuid NOT NULL,
        series text NOT NULL,
        nomination_id uuid NOT NULL,
        juror text NOT NULL,
        scores jsonb NOT NULL,
        comment text,
        changes int NOT NULL,
        scored_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX award_scores_season_idx ON award_scores (season_id, series)`);
    // Which announced awards have reached deed_entries.awards: written in the same transaction, so each lands once.
    await db.query(`CREATE TABLE award_applications (award_id uuid PRIMARY KEY, deed_id uuid NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE award_applications`);
    await db.query(`DROP TABLE award_scores`);
    await db.query(`DROP TABLE award_nominations`);
    await db.query(`DROP TABLE award_seasons`);
  }
}
