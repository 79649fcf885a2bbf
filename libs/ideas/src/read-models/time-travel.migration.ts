import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Time travel finds an organisation's idea streams in the event store without scanning it. */
export class IndexIdeaSubmissionsByOrganisation1732300001500 implements MigrationInterface {
  name = 'IndexIdeaSubmissionsByOrganisation1732300001500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX events_idea_submitted_org_idx ON events ((data->>'organisation'), stream_id) WHERE type = 'IdeaSubmitted'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX events_idea_submitted_org_idx`);
  }
}
