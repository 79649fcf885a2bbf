// A person's data across the contexts: what is held about them (access) and its erasure.
// People are found by keyed pseudonym only; the identity-provider subject never reaches storage.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ERASED_TEXT, EVENT_STORE, PersonKeyStore, type EventStore } from '#event-store';
import { forgetMailOf, outboxDir } from '#notifications';
import { APP_CONFIG, commandMetadata, newId, type Actor, type AppConfig } from '#platform';
import { ProjectionRunner } from '#projections';
import { ERASURE_PROCESSOR } from '../runtime.js';

/** Recorded when a person's key is destroyed; carries their pseudonym only. */
export type PersonErased = { type: 'PersonErased'; data: { person: string; keyDestroyed: boolean; erasedAt: string } };
/** How long an erasure request waits for the rebuilds before answering with what is still pending. */
const ERASURE_WAIT_MS = 60_000;
export const personStreamId = (pseudonym: string): string => `person-${pseudonym}`;

export interface ErasureResult {
  erasedAt: string;
  /** False when there was no live key (already erased, or nothing personal was ever sealed). */
  keyDestroyed: boolean;
  /** The read models rebuilt so that they show the erased values. */
  rebuilt: string[];
  /** Read models whose rebuild is still under way when the answer was given (it goes on, and resumes after a crash). */
  pending: string[];
}

export interface PersonExport {
  generatedAt: string;
  /** Set when the person's data key has been destroyed: sealed fields below read "[poistettu]". */
  erasedAt: string | null;
  ideas: {
    id: string;
    title: string;
    description: string;
    problem: string | null;
    proposal: string | null;
    media: unknown[];
    anonymous: boolean;
    organisation: string;
    unit: string;
    sector: string;
    themes: string[];
    language: string;
    stage: string;
    withdrawalReason: string | null;
    submittedAt: string;
  }[];
  comments: { ideaId: string; commentId: string; text: string; at: string; media: unknown[] }[];
  supports: { ideaId: string }[];
  nominations: { nominationId: string; seasonId: string; series: string; nominee: unknown; justifications: string[]; nominatedAt: string }[];
  /** Awards of seasons whose results are public (the gala embargo holds for everyone else). */
  awards: { seasonId: string; awardId: string; series: string; category: string; title: string; nominee: unknown }[];
  juryScores: { nominationId: string; seasonId: string; series: string; scores: Record<string, number>; comment: string | null; scoredAt: string }[];
  /**
   * Notification preferences (with the e-mail address) and, for the person themself, their in-app feed; null
   * when neither exists. The feed is left out of an admin's export: it names the person's anonymous ideas.
   */
  notifications: {
    preferences: { channels: string[]; email: string | null; frequency: string; language: string; kinds: string[] | null; updatedAt: string } | null;
    feed: { id: string; kind: string; at: string; read: boolean; params: Record<string, unknown> }[] | null;
  } | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

@Injectable()
export class PeopleService {
  private readonly logger = new Logger('People');

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PersonKeyStore) private readonly keys: PersonKeyStore,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether anything is held about the pseudonym: a data key, or a trace in a read model. */
  async isKnown(person: string): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM person_keys WHERE person = $1)
           OR EXISTS (SELECT 1 FROM idea_views WHERE submitter = $1 OR $1 = ANY(supporters)
                      OR comments @> jsonb_build_array(jsonb_build_object('author', $1::text)))
           OR EXISTS (SELECT 1 FROM award_nominations WHERE person = $1)
           OR EXISTS (SELECT 1 FROM award_scores WHERE juror = $1) AS known`,
      [person],
    );
    return row.known === true;
  }

  /**
   * Destroys the person's data key and records the erasure; a processor on the feed then rebuilds every
   * read model blue/green (a crash resumes it), so that what they held of the person reads as erased.
   * Counts, stages and awards are folded from fields that are not personal, so they come out the same.
   * Answers once the rebuilds are done, or with `pending` when they take longer than the bound.
   */
  async erase(person: string, by: Actor, byPseudonym: string, now: Date, requestId: string): Promise<ErasureResult> {
    const erasure = await this.keys.erase(person);
    const event: PersonErased = { type: 'PersonErased', data: { person, keyDestroyed: erasure.destroyed, erasedAt: erasure.erasedAt } };
    const written = await this.store.append(personStreamId(person), [{ eventId: newId(), ...event, metadata: commandMetadata(by, byPseudonym, now, requestId) }], 'any');
    // The in-app feed keeps its rows through rebuilds (nothing is notified twice): excerpts of what the person
    // wrote are erased in it here, and mail not yet sent renders from these rows.
    if (this.runner.names.includes('notifications')) {
      await this.db.query(`UPDATE notifications SET params = jsonb_set(params, '{comment}', to_jsonb($2::text)) WHERE params->>'commentBy' = $1`, [person, ERASED_TEXT]);
      // The mail records and the local outbox: what could still hold the person's address.
      await forgetMailOf(this.db, outboxDir(this.config), person);
    }
    const views = this.runner.names.filter((name) => name !== ERASURE_PROCESSOR);
    // Until the processor has asked for the rebuilds, none of them can be reported done.
    const asked = await this.runner.waitFor(written.checkpoint, ERASURE_WAIT_MS, [ERASURE_PROCESSOR]);
    const pending = asked ? await this.runner.waitForRebuilds(views, ERASURE_WAIT_MS) : views;
    const rebuilt = views.filter((name) => !pending.includes(name));
    this.logger.log(`A person's data was erased (key destroyed: ${erasure.destroyed}); ${rebuilt.length} read models rebuilt, ${pending.length} under way.`);
    return { erasedAt: erasure.erasedAt, keyDestroyed: erasure.destroyed, rebuilt, pending };
  }

  /**
   * Everything held about the person. `includeAnonymous`: only for the person themself — an admin's
   * export listing anonymous ideas would name their submitter.
   */
  async export(person: string, includeAnonymous: boolean, now: Date): Promise<PersonExport> {
    const ideas: any[] = await this.db.query(
      `SELECT id, title, description, problem, proposal, media, anonymous, organisation, unit, sector, themes, language, stage,
              withdrawal_reason, submitted_at
         FROM idea_views WHERE submitter = $1 AND ($2 OR NOT anonymous) ORDER BY submitted_at, id`,
      [person, includeAnonymous],
    );
    const comments: any[] = await this.db.query(
      `SELECT v.id AS idea_id, c->>'id' AS comment_id, c->>'text' AS text, c->>'at' AS at, coalesce(c->'media', '[]'::jsonb) AS media
         FROM idea_views v CROSS JOIN LATERAL jsonb_array_elements(v.comments) AS c
        WHERE v.comments @> jsonb_build_array(jsonb_build_object('author', $1::text)) AND c->>'author' = $1
        ORDER BY c->>'at', c->>'id'`,
      [person],
    );
    const supports: any[] = await this.db.query(`SELECT id FROM idea_views WHERE $1 = ANY(supporters) ORDER BY submitted_at, id`, [person]);
    const nominations: any[] = await this.db.query(
      `SELECT id, season_id, series, nominee, justifications, nominated_at FROM award_nominations WHERE person = $1 ORDER BY nominated_at, id`,
      [person],
    );
    const awards: any[] = await this.db.query(
      `SELECT s.id AS season_id, a AS award FROM award_seasons s CROSS JOIN LATERAL jsonb_array_elements(s.awards) AS a
        WHERE s.published AND a->'nominee'->>'person' = $1 ORDER BY s.year, a->>'awardId'`,
      [person],
    );
    const scores: any[] = await this.db.query(
      `SELECT nomination_id, season_id, series, scores, comment, scored_at FROM award_scores WHERE juror = $1 ORDER BY scored_at, id`,
      [person],
    );
    const erasedAt = await this.keys.erasedAt(person);
    return {
      generatedAt: now.toISOString(),
      erasedAt: erasedAt ?? null,
      ideas: ideas.map((r) => ({
        id: r.id,
        title: r.title,
        description: r.description,
        problem: r.problem,
        proposal: r.proposal,
        media: r.media,
        anonymous: r.anonymous,
        organisation: r.organisation,
        unit: r.unit,
        sector: r.sector,
        themes: r.themes,
        language: r.language,
        stage: r.stage,
        withdrawalReason: r.withdrawal_reason,
        submittedAt: iso(r.submitted_at),
      })),
      comments: comments.map((r) => ({ ideaId: r.idea_id, commentId: r.comment_id, text: r.text, at: r.at, media: r.media })),
      supports: supports.map((r) => ({ ideaId: r.id })),
      nominations: nominations.map((r) => ({
        nominationId: r.id,
        seasonId: r.season_id,
        series: r.series,
        nominee: withoutPerson(r.nominee),
        justifications: r.justifications,
        nominatedAt: iso(r.nominated_at),
      })),
      awards: awards.map((r) => ({
        seasonId: r.season_id,
        awardId: r.award.awardId,
        series: r.award.series,
        category: r.award.category,
        title: r.award.title,
        nominee: withoutPerson(r.award.nominee),
      })),
      juryScores: scores.map((r) => ({
        nominationId: r.nomination_id,
        seasonId: r.season_id,
        series: r.series,
        scores: r.scores,
        comment: r.comment,
        scoredAt: iso(r.scored_at),
      })),
      notifications: await this.notificationsOf(person, includeAnonymous),
    };
  }

  private async notificationsOf(person: string, withFeed: boolean): Promise<PersonExport['notifications']> {
    if (!this.runner.names.includes('notifications')) return null;
    const [prefs]: any[] = await this.db.query(
      `SELECT channels, email, frequency, language, kinds, updated_at FROM notification_people WHERE person = $1 AND preferences_set`,
      [person],
    );
    const feed: any[] = withFeed
      ? await this.db.query(`SELECT id, kind, params, occurred_at, read_at FROM notifications WHERE recipient = $1 AND in_app ORDER BY seq`, [person])
      : [];
    if (!prefs && feed.length === 0) return null;
    return {
      preferences: prefs
        ? { channels: prefs.channels, email: prefs.email, frequency: prefs.frequency, language: prefs.language, kinds: prefs.kinds, updatedAt: iso(prefs.updated_at) }
        : null,
      feed: withFeed
        ? feed.map((r) => {
            // Answers never show pseudonyms.
            const { commentBy: _by, ...params } = r.params as Record<string, unknown>;
            return { id: r.id, kind: r.kind, at: iso(r.occurred_at), read: r.read_at !== null, params };
          })
        : null,
    };
  }
}

/** Answers never show pseudonyms. */
function withoutPerson(nominee: Record<string, unknown>): Record<string, unknown> {
  const { person: _person, ...rest } = nominee;
  return rest;
}
