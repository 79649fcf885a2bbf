// The notifier reads the event feed like any projection: run by the ProjectionRunner, checkpointed in the same
// transaction as what it writes, one instance at a time. Its rows per stream only remember the version applied
// (so a redelivered event is skipped); the work happens when a batch is saved: the batch's events, in feed order,
// update what the notifier knows (ideas, their submitters and supporters, deeds, award seasons, people and their preferences)
// and add notifications to the feed and outbox. A notification is unique per (event, recipient): whatever feeds
// the event again (a rebuild, Kafka's at-least-once delivery) adds nothing twice.
import type { EntityManager } from 'typeorm';
import { compareCheckpoints, ERASED_TEXT, type RecordedEvent } from '#event-store';
import { isSeasonStream, type AwardAnnounced, type AwardSeasonOpened, type AwardSeasonRevised, type RoundClosed } from '#awards';
import { isDeedStream, type DeedDrafted } from '#deeds';
import { IDEA_EVENT_TYPES, isIdeaStream, type IdeaEvent } from '#ideas';
import { nameBasedId } from '#platform';
import type { Projection, ProjectionStore } from '#projections';
import {
  DEFAULT_PREFERENCES,
  isPreferencesStream,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreferencesSet,
} from '../domain/preferences.js';
import type { NotificationParams } from '../domain/templates.js';

export interface NotifierRow {
  streamId: string;
  version: number;
  /** Events of this batch still to be handled (never stored). */
  pending: RecordedEvent[];
}

const IDEA_TYPES = new Set<string>(IDEA_EVENT_TYPES);
const SEASON_TYPES = new Set(['AwardSeasonOpened', 'AwardSeasonRevised', 'RoundClosed', 'AwardAnnounced']);

export function notifierKey(event: RecordedEvent): string | undefined {
  const { streamId, type } = event;
  if (isIdeaStream(streamId)) return IDEA_TYPES.has(type) ? streamId : undefined;
  if (isDeedStream(streamId)) return type === 'DeedDrafted' ? streamId : undefined;
  if (isSeasonStream(streamId)) return SEASON_TYPES.has(type) ? streamId : undefined;
  if (isPreferencesStream(streamId)) return type === 'NotificationPreferencesSet' ? streamId : undefined;
  return undefined;
}

/** The day in Finland: digests are per Finnish calendar day. */
export function finnishDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

interface Person {
  person: string;
  organisation: string;
  roles: string[];
  channels: string[];
  email: string | null;
  frequency: string;
  kinds: string[] | null;
}

interface IdeaFacts {
  idea_id: string;
  organisation: string;
  unit: string;
  submitter: string;
  title: string;
}

export interface Notice {
  kind: NotificationKind;
  recipients: string[];
  organisation: string;
  params: NotificationParams;
}

/** The address mail may go to: none once erased (a sealed address then reads "[poistettu]", which is no address). */
export const usableAddress = (email: string | null | undefined): string | null => (email && email !== ERASED_TEXT ? email : null);

const occurredAt = (event: RecordedEvent): Date => new Date(event.metadata.occurredAt ?? event.recordedAt);

/** How one recipient gets one notification, by their preferences as they stand at this point of the feed. */
export function routeFor(person: Person | undefined, kind: NotificationKind): { inApp: boolean; email: 'none' | 'immediate' | 'digest' } | undefined {
  const channels = person?.channels ?? DEFAULT_PREFERENCES.channels;
  const kinds = person?.kinds ?? NOTIFICATION_KINDS;
  if (!kinds.includes(kind)) return undefined;
  const inApp = channels.includes('in-app');
  const wantsMail = channels.includes('email') && usableAddress(person?.email) !== null;
  // Change agents' news of new ideas is a daily digest by nature; the rest follows the chosen frequency.
  const email = !wantsMail ? 'none' : kind === 'new-ideas' || person?.frequency === 'daily' ? 'digest' : 'immediate';
  if (!inApp && email === 'none') return undefined;
  return { inApp, email };
}

async function idea(tx: EntityManager, ideaId: string): Promise<IdeaFacts | undefined> {
  const [row] = await tx.query('SELECT * FROM notification_ideas WHERE idea_id = $1', [ideaId]);
  return row;
}

/** The idea events someone is told of (besides a new idea); the others need no look-up of the idea. */
const TOLD_IDEA_TYPES = new Set<string>(['IdeaReviewStarted', 'IdeaPilotStarted', 'IdeaAdopted', 'IdeaRejected', 'IdeaCommented', 'IdeaDeedLinked', 'IdeaMerged', 'DuplicateMerged']);

/** What an event means for whom. Reads the notifier's tables; writes none (handle() does). */
async function noticesFor(tx: EntityManager, event: RecordedEvent): Promise<Notice[]> {
  if (isIdeaStream(event.streamId)) {
    const e = { type: event.type, data: event.data } as IdeaEvent;
    if (e.type === 'IdeaSubmitted') {
      const d = e.data;
      const agents: { person: string }[] = await tx.query(
        `SELECT person FROM notification_people WHERE organisation = $1 AND 'change-agent' = ANY(roles) AND person <> $2 ORDER BY person`,
        [d.organisation, d.submitter],
      );
      return [{ kind: 'new-ideas', recipients: agents.map((a) => a.person), organisation: d.organisation, params: { ideaId: d.ideaId, title: d.title, unit: d.unit } }];
    }
    if (!TOLD_IDEA_TYPES.has(e.type)) return [];
    const facts = await idea(tx, e.data.ideaId);
    if (!facts) return [];
    const actor = event.metadata.actor?.subject;
    const toSubmitter = (kind: NotificationKind, params: NotificationParams): Notice[] =>
      // Nobody is told about what they did themselves.
      actor === facts.submitter ? [] : [{ kind, recipients: [facts.submitter], organisation: facts.organisation, params: { ideaId: facts.idea_id, title: facts.title, ...params } }];
    // A stage change is news to the submitter and to everyone who supported the idea (its own supporters and those
    // carried over from merged duplicates), except whoever made the change.
    const stageMoved = async (params: NotificationParams): Promise<Notice[]> => {
      const supporters: { supporter: string }[] = await tx.query(
        'SELECT supporter FROM notification_supporters WHERE idea_id = $1 AND supporter <> $2 AND supporter <> $3 ORDER BY supporter',
        [facts.idea_id, facts.submitter, actor ?? ''],
      );
      const toSupporters: Notice[] = supporters.length
        ? [{ kind: 'supported-idea-stage', recipients: supporters.map((s) => s.supporter), organisation: facts.organisation, params: { ideaId: facts.idea_id, title: facts.title, ...params } }]
        : [];
      return [...toSubmitter('idea-stage', params), ...toSupporters];
    };
    switch (e.type) {
      case 'IdeaReviewStarted':
        return stageMoved({ stage: 'inReview' });
      case 'IdeaPilotStarted':
        return stageMoved({ stage: 'piloting' });
      case 'IdeaAdopted':
        return stageMoved({ stage: 'adopted' });
      case 'IdeaRejected':
        return stageMoved({ stage: 'rejected', reason: e.data.reason });
      case 'IdeaCommented':
        return e.data.author === facts.submitter ? [] : toSubmitter('idea-comment', { comment: e.data.text.slice(0, 500), commentBy: e.data.author });
      case 'IdeaDeedLinked':
        return toSubmitter('idea-deed', { deedId: e.data.deedId });
      case 'IdeaMerged': {
        const survivor = await idea(tx, e.data.survivorId);
        return toSubmitter('idea-merged', { side: 'duplicate', otherId: e.data.survivorId, otherTitle: survivor?.title ?? '' });
      }
      case 'DuplicateMerged': {
        const duplicate = await idea(tx, e.data.duplicateId);
        return toSubmitter('idea-merged', { side: 'survivor', otherId: e.data.duplicateId, otherTitle: duplicate?.title ?? '' });
      }
      default:
        return [];
    }
  }
  if (isSeasonStream(event.streamId)) {
    if (event.type === 'AwardSeasonOpened') {
      const d = (event.data as AwardSeasonOpened['data']);
      // One notice per juror, naming every series of theirs whose long-list round opens.
      const bySeries = new Map<string, string[]>();
      for (const s of d.series) for (const person of [s.chair, ...s.jurors.map((j) => j.juror)]) bySeries.set(person, [...(bySeries.get(person) ?? []), s.name]);
      return [...bySeries].map(([person, series]) => ({
        kind: 'jury-rounds' as const,
        recipients: [person],
        organisation: event.metadata.actor?.organisation ?? '',
        params: { seasonId: d.seasonId, season: d.name, series: [...new Set(series)], round: 'long-list', roundEvent: 'opened' as const },
      }));
    }
    if (event.type === 'RoundClosed') {
      const d = event.data as RoundClosed['data'];
      const [season] = await tx.query('SELECT name, series FROM notification_seasons WHERE season_id = $1', [d.seasonId]);
      const series = (season?.series ?? []).find((s: { key: string }) => s.key === d.series) as { name: string; chair: string; jurors: string[] } | undefined;
      if (!series) return [];
      return [
        {
          kind: 'jury-rounds',
          recipients: [...new Set([series.chair, ...series.jurors])],
          organisation: event.metadata.actor?.organisation ?? '',
          params: { seasonId: d.seasonId, season: season.name, series: [series.name], round: d.round, roundEvent: 'closed', ...(d.round === 'long-list' ? { nextRound: 'shortlist' } : {}) },
        },
      ];
    }
    if (event.type === 'AwardAnnounced') {
      const d = event.data as AwardAnnounced['data'];
      if (d.nominee.kind === 'deed') return awardNotices(tx, d.nominee.deedId, { award: d.title, season: d.seasonName, category: d.category });
      return [];
    }
  }
  return [];
}

type AwardParams = { award: string; season: string; category: string };

/** The submitters of the ideas a deed came from, as far as the notifier knows them yet. */
async function awardNotices(tx: EntityManager, deedId: string, params: AwardParams): Promise<Notice[]> {
  const ideas: IdeaFacts[] = await tx.query(
    `SELECT i.* FROM notification_deeds d JOIN notification_ideas i ON i.idea_id = ANY(d.idea_ids) WHERE d.deed_id = $1 ORDER BY i.idea_id`,
    [deedId],
  );
  return ideas.map((i) => ({ kind: 'idea-award' as const, recipients: [i.submitter], organisation: i.organisation, params: { ...params, ideaId: i.idea_id, title: i.title } }));
}

/**
 * Feeds that apply streams independently (Kafka partitions) may bring a deed's award before the deed or its ideas.
 * Each award of a deed is remembered; whatever teaches the notifier of the deed's ideas later tells their
 * submitters then. A notification is unique per (event, recipient), so telling again adds nothing.
 */
async function rememberAward(tx: EntityManager, event: RecordedEvent): Promise<void> {
  if (event.type !== 'AwardAnnounced' || !isSeasonStream(event.streamId)) return;
  const d = event.data as AwardAnnounced['data'];
  if (d.nominee.kind !== 'deed') return;
  const params: AwardParams = { award: d.title, season: d.seasonName, category: d.category };
  await tx.query(`INSERT INTO notification_awards (event_id, deed_id, params, occurred_at) VALUES ($1, $2, $3, $4) ON CONFLICT (event_id) DO NOTHING`, [
    event.eventId,
    d.nominee.deedId,
    JSON.stringify(params),
    occurredAt(event),
  ]);
}

/** Tells of the remembered awards of these deeds whoever the notifier now knows to tell. */
async function awardsCaughtUp(tx: EntityManager, deedIds: string[]): Promise<void> {
  if (deedIds.length === 0) return;
  const awards: { event_id: string; deed_id: string; params: AwardParams; occurred_at: Date }[] = await tx.query(
    'SELECT event_id, deed_id, params, occurred_at FROM notification_awards WHERE deed_id = ANY($1::uuid[]) ORDER BY occurred_at, event_id',
    [deedIds],
  );
  for (const award of awards) await deliverAt(tx, award.event_id, new Date(award.occurred_at), await awardNotices(tx, award.deed_id, award.params));
}

/** The deeds whose ideas this event teaches the notifier of (after learn()). */
async function deedsTaughtBy(tx: EntityManager, event: RecordedEvent): Promise<string[]> {
  switch (event.type) {
    case 'DeedDrafted':
      return isDeedStream(event.streamId) ? [(event.data as DeedDrafted['data']).deedId] : [];
    case 'IdeaDeedLinked':
      return isIdeaStream(event.streamId) ? [(event.data as { deedId: string }).deedId] : [];
    case 'IdeaSubmitted': {
      if (!isIdeaStream(event.streamId)) return [];
      const rows: { deed_id: string }[] = await tx.query('SELECT deed_id FROM notification_deeds WHERE $1::uuid = ANY(idea_ids)', [(event.data as { ideaId: string }).ideaId]);
      return rows.map((r) => r.deed_id);
    }
    default:
      return [];
  }
}

/** Keeps what the notifier knows up to date with the event. */
async function learn(tx: EntityManager, event: RecordedEvent): Promise<void> {
  const actor = event.metadata.actor;
  if (isIdeaStream(event.streamId) && actor?.subject && actor.roles) {
    // Everyone who acts on ideas is known with the organisation and roles of their latest act: that is how the
    // change agents of an organisation are found even before they open their notification settings.
    await tx.query(
      `INSERT INTO notification_people (person, organisation, roles) VALUES ($1, $2, $3)
       ON CONFLICT (person) DO UPDATE SET organisation = excluded.organisation, roles = excluded.roles, updated_at = now()
       WHERE notification_people.organisation IS DISTINCT FROM excluded.organisation OR notification_people.roles IS DISTINCT FROM excluded.roles`,
      [actor.subject, actor.organisation, actor.roles],
    );
  }
  switch (event.type) {
    case 'IdeaSubmitted': {
      const d = event.data as Extract<IdeaEvent, { type: 'IdeaSubmitted' }>['data'];
      await tx.query(
        `INSERT INTO notification_ideas (idea_id, organisation, unit, submitter, title) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (idea_id) DO NOTHING`,
        [d.ideaId, d.organisation, d.unit, d.submitter, d.title],
      );
      return;
    }
    case 'IdeaSupported': {
      const d = event.data as Extract<IdeaEvent, { type: 'IdeaSupported' }>['data'];
      await tx.query(`INSERT INTO notification_supporters (idea_id, supporter) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [d.ideaId, d.supporter]);
      return;
    }
    case 'DuplicateMerged': {
      // The duplicate's supporters now support the survivor.
      const d = event.data as Extract<IdeaEvent, { type: 'DuplicateMerged' }>['data'];
      await tx.query(`INSERT INTO notification_supporters (idea_id, supporter) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [d.ideaId, d.supporters]);
      return;
    }
    case 'DeedDrafted': {
      const d = event.data as DeedDrafted['data'];
      await tx.query(`INSERT INTO notification_deeds (deed_id, idea_ids) VALUES ($1, $2) ON CONFLICT (deed_id) DO UPDATE SET idea_ids = excluded.idea_ids`, [
        d.deedId,
        d.ideaIds ?? [],
      ]);
      return;
    }
    case 'IdeaDeedLinked': {
      const d = event.data as { ideaId: string; deedId: string };
      await tx.query(
        `INSERT INTO notification_deeds (deed_id, idea_ids) VALUES ($1, ARRAY[$2::uuid])
         ON CONFLICT (deed_id) DO UPDATE SET idea_ids = CASE WHEN $2::uuid = ANY(notification_deeds.idea_ids) THEN notification_deeds.idea_ids ELSE notification_deeds.idea_ids || $2::uuid END`,
        [d.deedId, d.ideaId],
      );
      return;
    }
    case 'AwardSeasonOpened': {
      const d = event.data as AwardSeasonOpened['data'];
      const series = d.series.map((s) => ({ key: s.key, name: s.name, chair: s.chair, jurors: s.jurors.map((j) => j.juror) }));
      await tx.query(`INSERT INTO notification_seasons (season_id, name, series) VALUES ($1, $2, $3) ON CONFLICT (season_id) DO NOTHING`, [d.seasonId, d.name, JSON.stringify(series)]);
      return;
    }
    case 'AwardSeasonRevised': {
      // A changed jury or chair is who hears of the rounds from here on.
      if (!isSeasonStream(event.streamId)) return;
      const d = event.data as AwardSeasonRevised['data'];
      const series = d.series.map((s) => ({ key: s.key, name: s.name, chair: s.chair, jurors: s.jurors.map((j) => j.juror) }));
      await tx.query(`UPDATE notification_seasons SET name = $2, series = $3 WHERE season_id = $1`, [d.seasonId, d.name, JSON.stringify(series)]);
      return;
    }
    case 'NotificationPreferencesSet': {
      const d = event.data as NotificationPreferencesSet['data'];
      await tx.query(
        `INSERT INTO notification_people (person, organisation, roles, preferences_set, channels, email, frequency, language, kinds)
         VALUES ($1, $2, $3, true, $4, $5, $6, $7, $8)
         ON CONFLICT (person) DO UPDATE SET organisation = excluded.organisation, roles = excluded.roles, preferences_set = true,
           channels = excluded.channels, email = excluded.email, frequency = excluded.frequency, language = excluded.language,
           kinds = excluded.kinds, updated_at = now()`,
        [d.person, d.organisation, d.roles, d.channels, usableAddress(d.email), d.frequency, d.language, d.kinds],
      );
      return;
    }
    default:
      return;
  }
}

/** Adds the notices to the feed (and immediate mail to the outbox), once per (event, recipient). */
function deliver(tx: EntityManager, event: RecordedEvent, notices: Notice[]): Promise<void> {
  return deliverAt(tx, event.eventId, occurredAt(event), notices);
}

async function deliverAt(tx: EntityManager, eventId: string, at: Date, notices: Notice[]): Promise<void> {
  const recipients = [...new Set(notices.flatMap((n) => n.recipients))];
  if (recipients.length === 0) return;
  const people: Person[] = await tx.query('SELECT person, organisation, roles, channels, email, frequency, kinds FROM notification_people WHERE person = ANY($1)', [recipients]);
  const byPerson = new Map(people.map((p) => [p.person, p]));
  for (const notice of notices) {
    for (const recipient of notice.recipients) {
      const route = routeFor(byPerson.get(recipient), notice.kind);
      if (!route) continue;
      const id = nameBasedId(`notification:${eventId}:${recipient}`);
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO notifications (id, event_id, recipient, organisation, kind, params, occurred_at, in_app, email_mode, digest_day)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (event_id, recipient) DO NOTHING RETURNING id`,
        [id, eventId, recipient, notice.organisation, notice.kind, JSON.stringify(notice.params), at, route.inApp, route.email, route.email === 'digest' ? finnishDay(at) : null],
      );
      if (inserted.length === 0 || route.email !== 'immediate') continue;
      const mailId = nameBasedId(`notification-mail:${id}`);
      await tx.query(`INSERT INTO notification_mails (id, recipient, kind, notification_ids) VALUES ($1, $2, 'single', ARRAY[$3::uuid]) ON CONFLICT (id) DO NOTHING`, [
        mailId,
        recipient,
        id,
      ]);
      await tx.query('UPDATE notifications SET mail_id = $2 WHERE id = $1', [id, mailId]);
    }
  }
}

/** One event, in feed order: first who is told (as things stood before it), then what it teaches. */
export async function handleEvent(tx: EntityManager, event: RecordedEvent): Promise<void> {
  if (event.type === 'IdeaSubmitted') {
    await learn(tx, event);
    await deliver(tx, event, await noticesFor(tx, event));
  } else {
    await deliver(tx, event, await noticesFor(tx, event));
    await learn(tx, event);
  }
  await rememberAward(tx, event);
  await awardsCaughtUp(tx, await deedsTaughtBy(tx, event));
}

type Submitted = Extract<IdeaEvent, { type: 'IdeaSubmitted' }>['data'];

/**
 * A run of new ideas, the bulk of the feed, handled with a few statements for the whole run instead of several per
 * idea, with the same outcome as handleEvent one by one: who the change agents are is followed event by event in
 * memory (each submitter is learnt before their idea's notice, as handleEvent does), then the people, the ideas and
 * the notices are written.
 */
async function handleSubmittedRun(tx: EntityManager, events: RecordedEvent[]): Promise<void> {
  const ideas = events.map((event) => event.data as Submitted);
  const actors = events.map((event) => event.metadata.actor).filter((a): a is NonNullable<typeof a> => !!a?.subject && !!a.roles);
  const known: { person: string; organisation: string; roles: string[] }[] = await tx.query(
    `SELECT person, organisation, roles FROM notification_people WHERE (organisation = ANY($1::text[]) AND 'change-agent' = ANY(roles)) OR person = ANY($2::text[])`,
    [[...new Set(ideas.map((d) => d.organisation))], [...new Set(actors.map((a) => a.subject))]],
  );
  const people = new Map(known.map((p) => [p.person, { organisation: p.organisation, roles: p.roles }]));
  const learnt = new Map<string, { organisation: string; roles: string[] }>();
  const notices: Notice[][] = [];
  for (const [i, event] of events.entries()) {
    const actor = event.metadata.actor;
    if (actor?.subject && actor.roles) {
      const before = people.get(actor.subject);
      const sameRoles = before && before.roles.length === actor.roles.length && before.roles.every((r, j) => r === actor.roles[j]);
      if (!before || before.organisation !== actor.organisation || !sameRoles) learnt.set(actor.subject, { organisation: actor.organisation, roles: [...actor.roles] });
      people.set(actor.subject, { organisation: actor.organisation, roles: [...actor.roles] });
    }
    const d = ideas[i];
    const agents = [...people].filter(([person, p]) => p.organisation === d.organisation && p.roles.includes('change-agent') && person !== d.submitter).map(([person]) => person);
    notices.push([{ kind: 'new-ideas', recipients: agents.sort(), organisation: d.organisation, params: { ideaId: d.ideaId, title: d.title, unit: d.unit } }]);
  }
  if (learnt.size > 0) {
    const changed = [...learnt];
    await tx.query(
      `INSERT INTO notification_people (person, organisation, roles)
       SELECT x.person, x.organisation, ARRAY(SELECT jsonb_array_elements_text(x.roles)) FROM jsonb_to_recordset($1::jsonb) AS x(person text, organisation text, roles jsonb)
       ON CONFLICT (person) DO UPDATE SET organisation = excluded.organisation, roles = excluded.roles, updated_at = now()
       WHERE notification_people.organisation IS DISTINCT FROM excluded.organisation OR notification_people.roles IS DISTINCT FROM excluded.roles`,
      [JSON.stringify(changed.map(([person, p]) => ({ person, organisation: p.organisation, roles: p.roles })))],
    );
  }
  await tx.query(
    `INSERT INTO notification_ideas (idea_id, organisation, unit, submitter, title)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT (idea_id) DO NOTHING`,
    [ideas.map((d) => d.ideaId), ideas.map((d) => d.organisation), ideas.map((d) => d.unit), ideas.map((d) => d.submitter), ideas.map((d) => d.title)],
  );
  // Deeds that already name one of these ideas (a feed that brought the deed first): their awards are told now.
  const linked: { deed_id: string; idea_ids: string[] }[] = await tx.query('SELECT deed_id, idea_ids FROM notification_deeds WHERE idea_ids && $1::uuid[]', [
    ideas.map((d) => d.ideaId),
  ]);
  for (const [i, event] of events.entries()) {
    await deliver(tx, event, notices[i]);
    const deeds = linked.filter((deed) => deed.idea_ids.includes(ideas[i].ideaId)).map((deed) => deed.deed_id);
    await awardsCaughtUp(tx, deeds);
  }
}

/** The batch's events in feed order: runs of new ideas together, every other event on its own. */
export async function handleEvents(tx: EntityManager, events: RecordedEvent[]): Promise<void> {
  for (let i = 0; i < events.length; ) {
    let end = i;
    while (end < events.length && events[end].type === 'IdeaSubmitted' && isIdeaStream(events[end].streamId)) end++;
    if (end > i + 1) {
      await handleSubmittedRun(tx, events.slice(i, end));
      i = end;
    } else {
      await handleEvent(tx, events[i]);
      i++;
    }
  }
}

const NOTIFIER_TABLES = ['notification_streams', 'notification_ideas', 'notification_deeds', 'notification_seasons', 'notification_people', 'notification_awards', 'notification_supporters'];

export const notifierStore: ProjectionStore<NotifierRow> = {
  async load(tx, keys) {
    const rows: { stream_id: string; version: number }[] = await tx.query('SELECT stream_id, version FROM notification_streams WHERE stream_id = ANY($1)', [keys]);
    return new Map(rows.map((r) => [r.stream_id, { streamId: r.stream_id, version: r.version, pending: [] }]));
  },
  async save(tx, rows) {
    await tx.query(
      `INSERT INTO notification_streams (stream_id, version) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version`,
      [rows.map((r) => r.streamId), rows.map((r) => r.version)],
    );
    const events = rows.flatMap((r) => r.pending).sort((a, b) => compareCheckpoints(a.checkpoint, b.checkpoint));
    await handleEvents(tx, events);
  },
  tables: () => NOTIFIER_TABLES,
  async clear(tx) {
    // A rebuild refolds what the notifier knows; the feed, its read markers and the mail records stay (nothing
    // is notified twice: a notification is unique per event and recipient).
    for (const table of NOTIFIER_TABLES) await tx.query(`DELETE FROM ${table}`);
  },
};

export const notificationProjection: Projection<NotifierRow> = {
  name: 'notifications',
  keyOf: notifierKey,
  evolve: (row, event) => ({ streamId: event.streamId, version: event.streamVersion, pending: [...(row?.pending ?? []), event] }),
  store: notifierStore,
};
