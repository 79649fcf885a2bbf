// Domain events -> integration events: the public, versioned contract other systems read from Kafka.
//
// Every mapping below names the fields it publishes; nothing is spread from the domain event, so a
// field added to a domain event never leaks by accident. Dropped on purpose (personal data):
// - the actor of every event (its pseudonymous subject, organisation and roles) and the
//   correlation/causation ids: they would link an anonymous idea to the person who submitted it;
// - the pseudonyms of submitters, supporters and comment authors;
// - comment text and an idea's withdrawal reason (free text written by a person about themselves);
// - the media of an idea (photos and voice recordings can identify the submitter).
import type { RecordedEvent } from '#event-store';
import { publicTopicOf, type PublicTopic } from './topics.js';

/** What every integration event carries. Consumers deduplicate by (streamId, streamVersion). */
export interface IntegrationEvent<T extends string = string, D = Record<string, unknown>> {
  /** The domain event's id: the same event published twice has the same id. */
  eventId: string;
  type: T;
  /** The integration event's schema version (libs/messaging/schemas). */
  schemaVersion: number;
  streamId: string;
  streamVersion: number;
  occurredAt: string;
  data: D;
}

export interface PublicMessage {
  topic: PublicTopic;
  event: IntegrationEvent;
}

type Data = Record<string, any>;
type Mapper = (data: Data) => Record<string, unknown>;

/** Copies only the named keys that are present (optional fields stay absent rather than null). */
function pick(source: Data, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

const list = <T>(items: unknown, map: (item: Data) => T): T[] => (Array.isArray(items) ? items.map((item) => map(item as Data)) : []);

const pilotMetric = (m: Data) => pick(m, ['name', 'unit', 'baseline', 'target']);
const measurement = (m: Data) => pick(m, ['metric', 'value', 'measuredOn']);
const metricResult = (m: Data) => pick(m, ['metric', 'value']);
const deedMetric = (m: Data) => pick(m, ['name', 'value', 'unit', 'baseline']);
const mediaLink = (m: Data) => pick(m, ['kind', 'url', 'caption']);

function deedContent(content: Data): Record<string, unknown> {
  return {
    ...pick(content, ['title', 'aim', 'achieved']),
    metrics: list(content.metrics, deedMetric),
    ...pick(content, ['unit', 'sector', 'themes', 'size', 'scope', 'participants', 'periodFrom', 'periodTo', 'language']),
    media: list(content.media, mediaLink),
  };
}

/** Schema version 1 of every integration event type, by domain event type. */
const MAPPERS: Record<string, { topic: PublicTopic; version: number; map: Mapper }> = {
  // ideas.v1
  IdeaSubmitted: {
    topic: 'ideas.v1',
    version: 1,
    map: (d) => pick(d, ['ideaId', 'organisation', 'unit', 'sector', 'themes', 'language', 'title', 'description', 'problem', 'proposal', 'anonymous']),
  },
  IdeaReviewStarted: { topic: 'ideas.v1', version: 1, map: (d) => pick(d, ['ideaId', 'team']) },
  IdeaPilotStarted: {
    topic: 'ideas.v1',
    version: 1,
    map: (d) => ({ ...pick(d, ['ideaId', 'goal', 'team', 'startsOn', 'endsOn']), metrics: list(d.metrics, pilotMetric) }),
  },
  PilotMeasurementsRecorded: { topic: 'ideas.v1', version: 1, map: (d) => ({ ideaId: d.ideaId, measurements: list(d.measurements, measurement) }) },
  IdeaAdopted: { topic: 'ideas.v1', version: 1, map: (d) => ({ ideaId: d.ideaId, result: d.result, metrics: list(d.metrics, metricResult) }) },
  IdeaRejected: { topic: 'ideas.v1', version: 1, map: (d) => pick(d, ['ideaId', 'reason']) },
  IdeaWithdrawn: { topic: 'ideas.v1', version: 1, map: (d) => pick(d, ['ideaId']) },
  IdeaCommented: { topic: 'ideas.v1', version: 1, map: (d) => pick(d, ['ideaId', 'commentId']) },
  IdeaSupported: { topic: 'ideas.v1', version: 1, map: (d) => pick(d, ['ideaId']) },
  IdeaDeedLinked: { topic: 'ideas.v1', version: 1, map: (d) => pick(d, ['ideaId', 'deedId']) },
  IdeaMerged: { topic: 'ideas.v1', version: 1, map: (d) => pick(d, ['ideaId', 'survivorId']) },
  // Who supported or commented stays inside: only how many moved.
  DuplicateMerged: {
    topic: 'ideas.v1',
    version: 1,
    map: (d) => ({ ideaId: d.ideaId, duplicateId: d.duplicateId, supportersMoved: (d.supporters ?? []).length, commentsMoved: (d.comments ?? []).length }),
  },
  // deeds.v1
  DeedDrafted: {
    topic: 'deeds.v1',
    version: 1,
    map: (d) => ({ ...pick(d, ['deedId', 'organisation']), content: deedContent(d.content ?? {}), ideaIds: d.ideaIds ?? [], ...pick(d, ['source', 'externalId']) }),
  },
  DeedEdited: { topic: 'deeds.v1', version: 1, map: (d) => ({ deedId: d.deedId, content: deedContent(d.content ?? {}) }) },
  DeedPublished: { topic: 'deeds.v1', version: 1, map: (d) => ({ deedId: d.deedId, revision: d.revision, content: deedContent(d.content ?? {}) }) },
  DeedUnpublished: { topic: 'deeds.v1', version: 1, map: (d) => pick(d, ['deedId', 'reason']) },
  CampaignOpened: { topic: 'deeds.v1', version: 1, map: (d) => pick(d, ['campaignId', 'name', 'startsAt', 'endsAt']) },
  CampaignClosed: {
    topic: 'deeds.v1',
    version: 1,
    map: (d) => ({
      campaignId: d.campaignId,
      winner: d.winner ?? null,
      standings: list(d.standings, (s) => pick(s, ['organisation', 'deeds', 'reachedAt'])),
    }),
  },
};

/** The integration event types, each with its topic and schema version. */
export const INTEGRATION_EVENT_TYPES: ReadonlyArray<{ type: string; topic: PublicTopic; schemaVersion: number }> = Object.entries(MAPPERS).map(
  ([type, { topic, version }]) => ({ type, topic, schemaVersion: version }),
);

/**
 * The integration event for a domain event, and its topic; undefined when the event is not part of
 * the public contract (an unknown type, or a stream outside the public contexts): never publish what
 * has not been mapped on purpose.
 */
export function toIntegrationEvent(event: RecordedEvent): PublicMessage | undefined {
  const topic = publicTopicOf(event.streamId);
  const mapper = MAPPERS[event.type];
  if (!topic || !mapper || mapper.topic !== topic) return undefined;
  return {
    topic,
    event: {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: mapper.version,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      occurredAt: new Date(event.metadata?.occurredAt ?? event.recordedAt).toISOString(),
      data: mapper.map((event.data ?? {}) as Data),
    },
  };
}
