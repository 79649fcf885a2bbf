import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The organisation registry's read model, owned by the `organisations` projection. */
export class CreateOrganisations1765300000000 implements MigrationInterface {
  name = 'CreateOrganisations1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE organisations (
      id text PRIMARY KEY,
      version int NOT NULL,
      name_fi text NOT NULL,
      name_sv text NOT NULL,
      name_en text,
      kind text NOT NULL,
      registered_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE organisations`);
  }
}
