import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Awards reach a deed's catalogue entry whatever the order in which the two arrive. Every announced
 * deed award is recorded in award_applications with its content; deed_entries.awards is computed from
 * those records when the award arrives (the entry exists) and when the entry is inserted (the award
 * came first, e.g. through another Kafka partition, or deed-entries is being rebuilt).
 */
export class DeedAwardsInAnyOrder1732300003100 implements MigrationInterface {
  name = 'DeedAwardsInAnyOrder1732300003100';

  async up(db: QueryRunner): Promise<void> {
    // Earlier records carry no content: the projection applies every announced award again.
    await db.query(`DELETE FROM award_applications`);
    await db.query(`UPDATE deed_entries SET awards = '[]'::jsonb WHERE jsonb_array_length(awards) > 0`);
    await db.query(`UPDATE projection_checkpoints SET transaction_id = '0', position = 0, events_applied = 0 WHERE name = 'award-deed-entries'`);
    await db.query(`
      ALTER TABLE award_applications
        ADD COLUMN award jsonb NOT NULL,
        ADD COLUMN year int NOT NULL,
        ADD COLUMN season_id uuid NOT NULL,
        ADD COLUMN season_version int NOT NULL`);
    await db.query(`CREATE INDEX award_applications_deed_idx ON award_applications (deed_id)`);
    // One order whatever the arrival order: by year, then season, then announcement within the season.
    await db.query(`
      CREATE FUNCTION deed_entry_awards(deed uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT coalesce(jsonb_agg(award ORDER BY year, season_id, season_version, award_id), '[]'::jsonb)
        FROM award_applications WHERE deed_id = deed
      $$`);
    await db.query(`
      CREATE FUNCTION deed_entries_fill_awards() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.awards := deed_entry_awards(NEW.id);
        RETURN NEW;
      END
      $$`);
    // BEFORE INSERT also runs for an upsert that ends in its ON CONFLICT update (excluded carries it).
    await db.query(`CREATE TRIGGER deed_entries_awards BEFORE INSERT ON deed_entries FOR EACH ROW EXECUTE FUNCTION deed_entries_fill_awards()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER deed_entries_awards ON deed_entries`);
    await db.query(`DROP FUNCTION deed_entries_fill_awards()`);
    await db.query(`DROP FUNCTION deed_entry_awards(uuid)`);
    await db.query(`DROP INDEX award_applications_deed_idx`);
    await db.query(`ALTER TABLE award_applications DROP COLUMN award, DROP COLUMN year, DROP COLUMN season_id, DROP COLUMN season_version`);
  }
}
