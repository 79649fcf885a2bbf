// Time travel: the funnel and an idea as they were at a moment. An idea is its own stream folded up to the moment;
// the funnel reads the stays kept by the funnel-stays projection (a range query). `foldFunnelFacts` folds the
// events themselves with the projections' evolve function: the reference the stays must equal (tests, bench).
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENT_STORE, PostgresEventStore, START, type EventStore, type RecordedEvent, storeBeneath } from '#event-store';
import { ProblemException, PSEUDONYMIZER, type Actor, type Pseudonymizer } from '#platform';
import { ideaStreamId, type Stage } from '../domain/idea.events.js';
import { evolveFunnelFact } from '../read-models/funnel.projection.js';
import { FUNNEL_EVENT_TYPES } from '../read-models/funnel-stays.projection.js';
import type { FunnelFact } from '../read-models/funnel-fact.entity.js';
import { evolveIdeaView } from '../read-models/idea-view.projection.js';
import type { IdeaView } from '../read-models/idea-view.entity.js';
import { ideaKey, type RecordedIdeaEvent } from '../read-models/idea-events.js';
import type { Funnel, FunnelFilter } from './funnel.query.js';
import { presentIdea } from './idea-queries.js';

/** An `asOf` query parameter: an ISO 8601 date-time (or date: its start, UTC), not in the future by more than a clock skew. */
export function parseAsOf(raw: string | undefined, field = 'asOf'): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/.test(raw);
  const at = ok ? new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw) : undefined;
  if (!at || Number.isNaN(at.getTime())) {
    throw ProblemException.validation([{ field, message: `${field} must be an ISO 8601 date-time with a time zone, e.g. 2025-03-01T12:00:00Z` }]);
  }
  return at;
}

/** The stage-moving events, the submission and a merge: all the funnel needs. */
const FUNNEL_TYPES = FUNNEL_EVENT_TYPES;

/** Idea streams per round trip when folding the funnel. */
const STREAM_BATCH = 20_000;

interface FunnelIdeaRow {
  stream_id: string;
  /** One digit per stage event, in stream order: its index in FUNNEL_TYPES. */
  codes: string;
  /** The events' times, comma-separated, in the same order. */
  ats: string;
  unit: string;
  sector: string;
}

/** The median the SQL funnel reports (percentile_cont(0.5)): the middle value, or the mean of the two middle ones. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const days = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

/** The funnel over folded facts, in the same shape and with the same rules as the live funnel query. */
export function summariseFunnel(facts: Iterable<FunnelFact>, organisation: string, filter: FunnelFilter): Funnel {
  const from = filter.from ? Date.parse(filter.from) : undefined;
  const to = filter.to ? Date.parse(filter.to) : undefined;
  const counts: Record<Stage, number> = { submitted: 0, inReview: 0, piloting: 0, adopted: 0, rejected: 0, withdrawn: 0 };
  let total = 0;
  let reachedReview = 0;
  let reachedPilot = 0;
  const submitted: number[] = [];
  const inReview: number[] = [];
  const piloting: number[] = [];
  for (const fact of facts) {
    if (fact.organisation !== organisation || fact.stage === 'merged') continue;
    const at = new Date(fact.submittedAt).getTime();
    if (from !== undefined && at < from) continue;
    if (to !== undefined && at >= to) continue;
    if (filter.unit !== undefined && fact.unit !== filter.unit) continue;
    if (filter.sector !== undefined && fact.sector !== filter.sector) continue;
    total++;
    counts[fact.stage as Stage]++;
    if (fact.reachedReview) reachedReview++;
    if (fact.reachedPilot) reachedPilot++;
    if (fact.daysSubmitted !== null) submitted.push(fact.daysSubmitted);
    if (fact.daysInReview !== null) inReview.push(fact.daysInReview);
    if (fact.daysPiloting !== null) piloting.push(fact.daysPiloting);
  }
  return {
    organisation,
    filter: { ...filter, organisation },
    total,
    counts,
    reached: { inReview: reachedReview, piloting: reachedPilot, adopted: counts.adopted },
    conversion: {
      submittedToPiloting: ratio(reachedPilot, total),
      pilotingToAdopted: ratio(counts.adopted, reachedPilot),
      submittedToAdopted: ratio(counts.adopted, total),
    },
    medianDays: { submitted: days(median(submitted)), inReview: days(median(inReview)), piloting: days(median(piloting)) },
  };
}

/** An event narrowed to what `evolveFunnelFact` reads. Stream versions count stage events only (the fold ignores them). */
function asRecorded(streamId: string, version: number, type: string, data: object, occurredAt: string): RecordedIdeaEvent {
  return {
    eventId: '',
    streamId,
    streamVersion: version,
    type,
    schemaVersion: 1,
    data,
    metadata: { occurredAt },
    checkpoint: START,
    recordedAt: occurredAt,
  } as RecordedIdeaEvent;
}

/**
 * Folds every idea of `organisation` from the events recorded up to `asOf` into funnel facts.
 * PostgreSQL store: the organisation's idea streams come from a partial expression index on the
 * submissions, a batch of streams at a time (keyset on the stream id); their stage events are read through
 * the stream key, only the type, time, unit and sector, packed as one row per idea, and folded in one pass.
 * Memory holds one batch plus one small fact per idea. Another store: the whole feed is read in order and filtered (slower, same answer).
 */
export async function foldFunnelFacts(db: DataSource, store: EventStore, organisation: string, asOf: Date): Promise<{ facts: FunnelFact[]; events: number }> {
  const facts: FunnelFact[] = [];
  let events = 0;
  if (!(storeBeneath(store) instanceof PostgresEventStore)) {
    const rows = new Map<string, FunnelFact | undefined>();
    for (let after = START; ; ) {
      const batch = await store.readAll(after, { limit: 5_000 });
      if (batch.length === 0) break;
      after = batch[batch.length - 1].checkpoint;
      for (const event of batch) {
        if (Date.parse(event.recordedAt) > asOf.getTime()) continue;
        const key = ideaKey(event);
        if (!key || !FUNNEL_TYPES.includes(event.type)) continue;
        events++;
        rows.set(key, evolveFunnelFact(rows.get(key), event as RecordedIdeaEvent));
      }
    }
    for (const fact of rows.values()) if (fact && fact.organisation === organisation) facts.push(fact);
    return { facts, events };
  }
  const codes = FUNNEL_TYPES.map((type, i) => `WHEN '${type}' THEN '${i}'`).join(' ');
  let after = '';
  for (;;) {
    // One row per idea: its submission's fields, then its stage events as a string of type codes and
    // a list of times, in stream order. The ideas come from the submissions index; their events from
    // the (stream_id, stream_version) key, a nested loop per idea.
    const rows: FunnelIdeaRow[] = await db.query(
      `WITH ideas AS (
         SELECT stream_id FROM events
         WHERE type = 'IdeaSubmitted' AND (data->>'organisation') = $1 AND recorded_at <= $2 AND stream_id > $3
         ORDER BY stream_id LIMIT $4
       )
       SELECT i.stream_id,
         string_agg(CASE e.type ${codes} END, '' ORDER BY e.stream_version) AS codes,
         string_agg(coalesce(e.metadata->>'occurredAt', to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), ',' ORDER BY e.stream_version) AS ats,
         max(e.data->>'unit') FILTER (WHERE e.type = 'IdeaSubmitted') AS unit,
         max(e.data->>'sector') FILTER (WHERE e.type = 'IdeaSubmitted') AS sector
       FROM ideas i JOIN events e ON e.stream_id = i.stream_id
       WHERE e.type = ANY($5::text[]) AND e.recorded_at <= $2
       GROUP BY i.stream_id
       ORDER BY i.stream_id`,
      [organisation, asOf.toISOString(), after, STREAM_BATCH, FUNNEL_TYPES],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1].stream_id;
    for (const row of rows) {
      const ats = row.ats.split(',');
      const ideaId = row.stream_id.slice('idea-'.length);
      let fact: FunnelFact | undefined;
      for (let i = 0; i < row.codes.length; i++) {
        const type = FUNNEL_TYPES[row.codes.charCodeAt(i) - 48];
        const data = type === 'IdeaSubmitted' ? { ideaId, organisation, unit: row.unit, sector: row.sector } : { ideaId };
        fact = evolveFunnelFact(fact, asRecorded(row.stream_id, i + 1, type, data, ats[i]));
      }
      if (fact) facts.push(fact);
      events += row.codes.length;
    }
    if (rows.length < STREAM_BATCH) break;
  }
  return { facts, events };
}


/**
 * The funnel as it stood at `asOf`, from `funnel_stays`: each idea's stay open at that moment (began by then,
 * not ended by then) carries the idea's funnel fact as the fold had it, so the counts and medians are the live
 * funnel's query over those rows. The cost follows the organisation's ideas, never the events they have had.
 */
export async function funnelAsOf(db: DataSource | EntityManager, organisation: string, asOf: Date, filter: FunnelFilter): Promise<Funnel> {
  const [row] = await db.query(
    `SELECT count(*)::int AS total,
       count(*) FILTER (WHERE stage = 'submitted')::int AS submitted,
       count(*) FILTER (WHERE stage = 'inReview')::int AS in_review,
       count(*) FILTER (WHERE stage = 'piloting')::int AS piloting,
       count(*) FILTER (WHERE stage = 'adopted')::int AS adopted,
       count(*) FILTER (WHERE stage = 'rejected')::int AS rejected,
       count(*) FILTER (WHERE stage = 'withdrawn')::int AS withdrawn,
       count(*) FILTER (WHERE reached_review)::int AS reached_review,
       count(*) FILTER (WHERE reached_pilot)::int AS reached_pilot,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days_submitted) AS median_submitted,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days_in_review) AS median_in_review,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days_piloting) AS median_piloting
     FROM funnel_stays
     WHERE organisation = $1 AND valid_from <= $2 AND valid_to > $2 AND stage <> 'merged'
       AND ($3::timestamptz IS NULL OR submitted_at >= $3::timestamptz)
       AND ($4::timestamptz IS NULL OR submitted_at < $4::timestamptz)
       AND ($5::text IS NULL OR unit = $5)
       AND ($6::text IS NULL OR sector = $6)`,
    [organisation, asOf.toISOString(), filter.from ?? null, filter.to ?? null, filter.unit ?? null, filter.sector ?? null],
  );
  const dayOrNull = (value: unknown) => (value === null || value === undefined ? null : days(Number(value)));
  return {
    organisation,
    filter: { ...filter, organisation },
    total: row.total,
    counts: { submitted: row.submitted, inReview: row.in_review, piloting: row.piloting, adopted: row.adopted, rejected: row.rejected, withdrawn: row.withdrawn },
    reached: { inReview: row.reached_review, piloting: row.reached_pilot, adopted: row.adopted },
    conversion: {
      submittedToPiloting: ratio(row.reached_pilot, row.total),
      pilotingToAdopted: ratio(row.adopted, row.reached_pilot),
      submittedToAdopted: ratio(row.adopted, row.total),
    },
    medianDays: { submitted: dayOrNull(row.median_submitted), inReview: dayOrNull(row.median_in_review), piloting: dayOrNull(row.median_piloting) },
  };
}

export class GetFunnelAsOfQuery {
  constructor(
    readonly filter: FunnelFilter,
    readonly asOf: Date,
    readonly actor: Actor,
  ) {}
}

export type FunnelAsOf = Funnel & { asOf: string };

/** The funnel as it stood at `asOf`, from the stays kept by the funnel-stays projection. */
@QueryHandler(GetFunnelAsOfQuery)
export class GetFunnelAsOfHandler implements IQueryHandler<GetFunnelAsOfQuery, FunnelAsOf> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ filter, asOf, actor }: GetFunnelAsOfQuery): Promise<FunnelAsOf> {
    const organisation = filter.organisation ?? actor.organisation;
    return { ...(await funnelAsOf(this.db, organisation, asOf, filter)), asOf: asOf.toISOString() };
  }
}

export class GetIdeaAsOfQuery {
  constructor(
    readonly ideaId: string,
    readonly asOf: Date,
    readonly actor: Actor,
  ) {}
}

/** Folds one idea's events recorded up to `asOf`; undefined when it had not been submitted by then. */
export function foldIdeaAsOf(events: RecordedEvent[], asOf: Date): IdeaView | undefined {
  let view: IdeaView | undefined;
  for (const event of events) {
    if (Date.parse(event.recordedAt) > asOf.getTime()) break;
    if (!ideaKey(event)) continue;
    view = evolveIdeaView(view, event as RecordedIdeaEvent);
  }
  return view;
}

/** One idea as it was at `asOf`: its own stream folded up to that moment. */
@QueryHandler(GetIdeaAsOfQuery)
export class GetIdeaAsOfHandler implements IQueryHandler<GetIdeaAsOfQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
  ) {}

  async execute({ ideaId, asOf, actor }: GetIdeaAsOfQuery) {
    const events = await this.store.readStream(ideaStreamId(ideaId));
    const now = foldIdeaAsOf(events, new Date(8.64e15));
    if (!now) throw ProblemException.of(404, 'idea-not-found', 'There is no such idea.');
    const then = foldIdeaAsOf(events, asOf);
    if (!then) throw ProblemException.of(404, 'idea-not-yet-submitted', `The idea had not been submitted by ${asOf.toISOString()}.`);
    return { ...presentIdea(then, this.pseudonyms.of(actor)), asOf: asOf.toISOString() };
  }
}
