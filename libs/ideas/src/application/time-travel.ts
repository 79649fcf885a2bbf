// Time travel: the funnel and an idea as they were at a moment, folded from the events recorded up to it.
// Nothing here reads a read model or a snapshot: the same pure evolve functions the projections use
// are run over the events whose recorded time is at or before `asOf`.
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { EVENT_STORE, PostgresEventStore, START, type EventStore, type RecordedEvent } from '#event-store';
import { ProblemException, PSEUDONYMIZER, type Actor, type Pseudonymizer } from '#platform';
import { ideaStreamId, type Stage } from '../domain/idea.events.js';
import { evolveFunnelFact } from '../read-models/funnel.projection.js';
import type { FunnelFact } from '../read-models/funnel-fact.entity.js';
import { evolveIdeaView } from '../read-models/idea-view.projection.js';
import type { IdeaView } from '../read-models/idea-view.entity.js';
import { ideaKey, type RecordedIdeaEvent } from '../read-models/idea-events.js';
import type { Funnel, FunnelFilter } from './funnel.query.js';
import { assertMayRead, presentIdea } from './idea-queries.js';

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

/** The stage-moving events and the submission: all the funnel needs. */
const FUNNEL_TYPES = ['IdeaSubmitted', 'IdeaReviewStarted', 'IdeaPilotStarted', 'IdeaAdopted', 'IdeaRejected', 'IdeaWithdrawn'];

/** Idea streams per round trip when folding the funnel. */
const STREAM_BATCH = 5_000;

interface FunnelEventRow {
  stream_id: string;
  stream_version: number;
  type: string;
  data: RecordedIdeaEvent['data'] | null;
  occurred_at: string | null;
  recorded_at: Date;
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
    if (fact.organisation !== organisation) continue;
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

/** A feed row narrowed to what `evolveFunnelFact` reads. */
function asRecorded(row: FunnelEventRow): RecordedIdeaEvent {
  return {
    eventId: '',
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    schemaVersion: 1,
    data: row.data ?? {},
    metadata: { occurredAt: row.occurred_at ?? new Date(row.recorded_at).toISOString() },
    checkpoint: START,
    recordedAt: new Date(row.recorded_at).toISOString(),
  } as RecordedIdeaEvent;
}

/**
 * Folds every idea of `organisation` from the events recorded up to `asOf` into funnel facts.
 * PostgreSQL store: the organisation's idea streams come from a partial expression index on the
 * submissions, then their stage events are read a batch of streams at a time (keyset on the stream id),
 * only the few columns the fold needs, and folded in one pass; memory holds one batch plus one small fact
 * per idea. Another store: the whole feed is read in order and filtered (slower, same answer).
 */
export async function foldFunnelFacts(db: DataSource, store: EventStore, organisation: string, asOf: Date): Promise<{ facts: FunnelFact[]; events: number }> {
  const facts: FunnelFact[] = [];
  let events = 0;
  if (!(store instanceof PostgresEventStore)) {
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
  let after = '';
  for (;;) {
    const streams: { stream_id: string }[] = await db.query(
      `SELECT stream_id FROM events
       WHERE type = 'IdeaSubmitted' AND (data->>'organisation') = $1 AND recorded_at <= $2 AND stream_id > $3
       ORDER BY stream_id LIMIT $4`,
      [organisation, asOf.toISOString(), after, STREAM_BATCH],
    );
    if (streams.length === 0) break;
    after = streams[streams.length - 1].stream_id;
    const rows: FunnelEventRow[] = await db.query(
      `SELECT stream_id, stream_version, type,
         CASE WHEN type = 'IdeaSubmitted' THEN jsonb_build_object('ideaId', data->'ideaId', 'organisation', data->'organisation', 'unit', data->'unit', 'sector', data->'sector') END AS data,
         metadata->>'occurredAt' AS occurred_at, recorded_at
       FROM events
       WHERE stream_id = ANY($1::text[]) AND type = ANY($2::text[]) AND recorded_at <= $3
       ORDER BY stream_id, stream_version`,
      [streams.map((s) => s.stream_id), FUNNEL_TYPES, asOf.toISOString()],
    );
    let current: FunnelFact | undefined;
    let stream = '';
    for (const row of rows) {
      if (row.stream_id !== stream) {
        if (current) facts.push(current);
        current = undefined;
        stream = row.stream_id;
      }
      current = evolveFunnelFact(current, asRecorded(row));
    }
    if (current) facts.push(current);
    events += rows.length;
    if (streams.length < STREAM_BATCH) break;
  }
  return { facts, events };
}

export class GetFunnelAsOfQuery {
  constructor(
    readonly filter: FunnelFilter,
    readonly asOf: Date,
    readonly actor: Actor,
  ) {}
}

export type FunnelAsOf = Funnel & { asOf: string; eventsFolded: number };

/** The funnel as it stood at `asOf`, rebuilt from the events. */
@QueryHandler(GetFunnelAsOfQuery)
export class GetFunnelAsOfHandler implements IQueryHandler<GetFunnelAsOfQuery, FunnelAsOf> {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ filter, asOf, actor }: GetFunnelAsOfQuery): Promise<FunnelAsOf> {
    const organisation = filter.organisation ?? actor.organisation;
    assertMayRead(actor, organisation);
    const { facts, events } = await foldFunnelFacts(this.db, this.store, organisation, asOf);
    return { ...summariseFunnel(facts, organisation, filter), asOf: asOf.toISOString(), eventsFolded: events };
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
    assertMayRead(actor, now.organisation);
    const then = foldIdeaAsOf(events, asOf);
    if (!then) throw ProblemException.of(404, 'idea-not-yet-submitted', `The idea had not been submitted by ${asOf.toISOString()}.`);
    return { ...presentIdea(then, this.pseudonyms.of(actor)), asOf: asOf.toISOString() };
  }
}
