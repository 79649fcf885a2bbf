import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The word index of duplicate suggestions (see idea-words.projection.ts); its projection fills it from the events.
 * Words are compared byte-wise (COLLATE "C"), so "the words a typed prefix begins" is a range of the key.
 */
export class CreateIdeaWords1765200001000 implements MigrationInterface {
  name = 'CreateIdeaWords1765200001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idea_word_sets (
        idea_id uuid PRIMARY KEY,
        version int NOT NULL,
        organisation text NOT NULL,
        language text NOT NULL,
        live boolean NOT NULL,
        words text[] NOT NULL
      )`);
    await db.query(`
      CREATE TABLE idea_words (
        organisation text NOT NULL,
        word text COLLATE "C" NOT NULL,
        idea_id uuid NOT NULL,
        PRIMARY KEY (organisation, word, idea_id)
      )`);
    await db.query(`
      CREATE TABLE idea_word_counts (
        organisation text NOT NULL,
        word text COLLATE "C" NOT NULL,
        n int NOT NULL,
        PRIMARY KEY (organisation, word)
      )`);
    await db.query(`CREATE INDEX idea_word_counts_trgm_idx ON idea_word_counts USING gin (word gin_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idea_word_counts, idea_words, idea_word_sets`);
  }
}
