import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1764500000100 implements MigrationInterface {
  name = 'CreateNotifications1764500000100';

  async up(db: QueryRunner): Promise<void> {
    // What the notifier needs to know to address a notification, folded from the events.
    await db.query(`CREATE TABLE notification_streams (stream_id text PRIMARY KEY, version int NOT NULL)`);
    await db.query(`
      CREATE TABLE notification_ideas (
        idea_id uuid PRIMARY KEY,
        organisation text NOT NULL,
        unit text NOT NULL,
        submitter text NOT NULL,
        title text NOT NULL
      )`);
    await db.query(`CREATE TABLE notification_deeds (deed_id uuid PRIMARY KEY, idea_ids uuid[] NOT NULL)`);
    await db.query(`CREATE TABLE notification_seasons (season_id uuid PRIMARY KEY, name text NOT NULL, series jsonb NOT NULL)`);
    await db.query(`
      CREATE TABLE notification_people (
        person text PRIMARY KEY,
        organisation text NOT NULL,
        roles text[] NOT NULL,
        preferences_set boolean NOT NULL DEFAULT false,
        channels text[] NOT NULL DEFAULT '{in-app}',
        email text,
        frequency text NOT NULL DEFAULT 'immediately',
        language text NOT NULL DEFAULT 'fi',
        kinds text[],
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX notification_people_org_idx ON notification_people (organisation)`);
    // The feed and outbox: one row per (event, recipient), whatever redelivers the event.
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL UNIQUE,
        event_id uuid NOT NULL,
        recipient text NOT NULL,
        organisation text NOT NULL,
        kind text NOT NULL,
        params jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        in_app boolean NOT NULL,
        email_mode text NOT NULL CHECK (email_mode IN ('none', 'immediate', 'digest')),
        digest_day date,
        mail_id uuid,
        read_at timestamptz,
        UNIQUE (event_id, recipient)
      )`);
    await db.query(`CREATE INDEX notifications_recipient_idx ON notifications (recipient, seq DESC)`);
    await db.query(`CREATE INDEX notifications_digest_idx ON notifications (digest_day) WHERE email_mode = 'digest' AND mail_id IS NULL`);
    // Mail to send: claimed by a sender for a lease, then marked sent (or failed) with the server's answer.
    await db.query(`
      CREATE TABLE notification_mails (
        id uuid PRIMARY KEY,
        -- Set on the first claim and never changed: every attempt carries the same Message-ID.
        message_id text UNIQUE,
        recipient text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('single', 'digest')),
        notification_ids uuid[] NOT NULL,
        digest_day date,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'sent', 'failed', 'dropped')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        claimed_by text,
        claimed_until timestamptz,
        address text,
        transport text,
        response text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX notification_mails_todo_idx ON notification_mails (created_at) WHERE state IN ('pending', 'claimed')`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['notification_mails', 'notifications', 'notification_people', 'notification_seasons', 'notification_deeds', 'notification_ideas', 'notification_streams']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}

/**
 * The awards the notifier has seen for deeds, so that whoever learns of the deed's ideas later (a Kafka feed applies
 * the award's stream and the deed's and ideas' streams independently) is still told.
 */
export class NotificationAwardsInAnyOrder1764500000200 implements MigrationInterface {
  name = 'NotificationAwardsInAnyOrder1764500000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notification_awards (
        event_id uuid PRIMARY KEY,
        deed_id uuid NOT NULL,
        params jsonb NOT NULL,
        occurred_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX notification_awards_deed_idx ON notification_awards (deed_id)`);
    // An idea learnt late finds the deeds made of it.
    await db.query(`CREATE INDEX notification_deeds_ideas_idx ON notification_deeds USING gin (idea_ids)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notification_deeds_ideas_idx`);
    await db.query(`DROP TABLE notification_awards`);
  }
}

/** Who supports which idea, so that supporters are told when the idea moves on. */
export class NotificationSupporters1765400000100 implements MigrationInterface {
  name = 'NotificationSupporters1765400000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE notification_supporters (idea_id uuid NOT NULL, supporter text NOT NULL, PRIMARY KEY (idea_id, supporter))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notification_supporters`);
  }
}
