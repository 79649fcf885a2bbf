import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdeaReadModels1732300001000 implements MigrationInterface {
  name = 'CreateIdeaReadModels1732300001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE TABLE idea_views (
        id uuid PRIMARY KEY,
        version int NOT NULL,
        organisation text NOT NULL,
        unit text NOT NULL,
        sector text NOT NULL,
        themes text[] NOT NULL,
        language text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        problem text,
        proposal text,
        media jsonb NOT NULL,
        anonymous boolean NOT NULL,
        submitter text NOT NULL,
        stage text NOT NULL,
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        review_team text,
        pilot jsonb,
        measurements jsonb NOT NULL,
        result jsonb,
        rejection_reason text,
        withdrawal_reason text,
        support_count int NOT NULL,
        supporters text[] NOT NULL,
        deed_id uuid,
        comments jsonb NOT NULL,
        history jsonb NOT NULL,
        -- Full-text search in the idea's own language (Snowball stemmers for Finnish, Swedish, English).
        search tsvector GENERATED ALWAYS AS (
          to_tsvector(
            CASE language WHEN 'sv' THEN 'swedish'::regconfig WHEN 'en' THEN 'english'::regconfig ELSE 'finnish'::regconfig END,
            title || ' ' || description || ' ' || coalesce(problem, '') || ' ' || coalesce(proposal, ''))
        ) STORED
      )`);
    await db.query(`CREATE INDEX idea_views_org_submitted_idx ON idea_views (organisation, submitted_at DESC, id DESC)`);
    await db.query(`CREATE INDEX idea_views_submitter_idx ON idea_views (submitter)`);
    await db.query(`CREATE INDEX idea_views_search_idx ON idea_views USING gin (search)`);
    await db.query(`
      CREATE TABLE funnel_facts (
        idea_id uuid PRIMARY KEY,
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
        days_piloting double precision
      )`);
    await db.query(`CREATE INDEX funnel_facts_org_submitted_idx ON funnel_facts (organisation, submitted_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE funnel_facts`);
    await db.query(`DROP TABLE idea_views`);
  }
}
