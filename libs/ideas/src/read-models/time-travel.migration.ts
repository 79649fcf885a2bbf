import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Time travel finds an organisation's idea streams in the event store without scanning it. */
export class IndexIdeaSubmissionsByOrganisation1732300001500 implements MigrationInterface {
  name = 'IndexIdeaSubmissionsByOrganisation1732300001500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX events_idea_submitted_org_idx ON events ((data->>'organisation'), stream_id) WHERE type = 'IdeaSubmitted'`);
    // How many submissions an organisation has, known to the planner: a large one is read by a hash join
    // over the events, a small one by a lookup per idea.
    await db.query(`CREATE STATISTICS events_type_org_stats (mcv) ON type, (data->>'organisation') FROM events`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP STATISTICS events_type_org_stats`);
    await db.query(`DROP INDEX events_idea_submitted_org_idx`);
  }
}
