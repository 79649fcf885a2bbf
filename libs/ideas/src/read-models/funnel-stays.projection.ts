// The funnel through time: one row per stay of an idea in a state of the funnel, valid from the moment the event
// that began it was recorded until the next one was. "The funnel as of T" is then the stays open at T, a range
// query over an index, instead of a fold over every event up to T. Each stay holds the whole funnel fact of
// its idea at that time (evolveFunnelFact, the same fold the live funnel uses), so the as-of answer equals the
// fold by construction; test/funnel-as-of.e2e.spec.ts checks it against the fold over random histories.
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '#event-store';
import type { Projection, ProjectionStore, VersionedRow } from '#projections';
import { FunnelFact } from './funnel-fact.entity.js';
import { evolveFunnelFact } from './funnel.projection.js';
import { ideaKey, type RecordedIdeaEvent } from './idea-events.js';

/** The events that move an idea in the funnel (or out of it, merged). Comments and supports leave the table alone. */
export const FUNNEL_EVENT_TYPES: readonly string[] = ['IdeaSubmitted', 'IdeaReviewStarted', 'IdeaPilotStarted', 'IdeaAdopted', 'IdeaRejected', 'IdeaWithdrawn', 'IdeaMerged'];
const moving = new Set(FUNNEL_EVENT_TYPES);

export interface FunnelStay {
  seq: number;
  fact: FunnelFact;
  /** When the event that began the stay was recorded (ISO 8601). */
  from: string;
  /** When the next one was; null while the stay lasts. */
  to: string | null;
}

/** One idea's stays, oldest first. `version` is the last funnel event applied. */
export interface FunnelTimeline extends VersionedRow {
  ideaId: string;
  version: number;
  stays: FunnelStay[];
  /** Index of the first stay not yet as stored (stays.length when nothing changed since loading). */
  unsaved: number;
}

export function evolveFunnelTimeline(row: FunnelTimeline | undefined, event: RecordedEvent): FunnelTimeline | undefined {
  const last = row?.stays[row.stays.length - 1];
  const fact = evolveFunnelFact(last?.fact, event as RecordedIdeaEvent);
  if (!fact) return row;
  const at = new Date(event.recordedAt).toISOString();
  const stays = row ? row.stays.map((s, i) => (i === row.stays.length - 1 ? { ...s, to: at } : s)) : [];
  // The closed stay changed (it ended) and the new one is new: both need writing.
  const unsaved = row ? Math.min(row.unsaved, row.stays.length - 1) : 0;
  return { ideaId: fact.ideaId, version: event.streamVersion, stays: [...stays, { seq: stays.length + 1, fact, from: at, to: null }], unsaved };
}

const COLUMNS = [
  'idea_id', 'seq', 'version', 'organisation', 'unit', 'sector', 'stage', 'submitted_at', 'stage_entered_at',
  'reached_review', 'reached_pilot', 'days_submitted', 'days_in_review', 'days_piloting', 'valid_from', 'valid_to',
] as const;

interface StayRecord {
  idea_id: string;
  seq: number;
  version: number;
  organisation: string;
  unit: string;
  sector: string;
  stage: string;
  submitted_at: string | Date;
  stage_entered_at: string | Date;
  reached_review: boolean;
  reached_pilot: boolean;
  days_submitted: number | null;
  days_in_review: number | null;
  days_piloting: number | null;
  valid_from: string | Date;
  valid_to: string | Date | null;
}

const iso = (value: string | Date) => new Date(value).toISOString();
/** A stay still open ends at 'infinity', so "open at T" is one range condition (valid_to > T). */
const OPEN = 'infinity';

const toRecord = (ideaId: string, version: number, stay: FunnelStay): StayRecord => ({
  idea_id: ideaId,
  seq: stay.seq,
  version,
  organisation: stay.fact.organisation,
  unit: stay.fact.unit,
  sector: stay.fact.sector,
  stage: stay.fact.stage,
  submitted_at: iso(stay.fact.submittedAt),
  stage_entered_at: iso(stay.fact.stageEnteredAt),
  reached_review: stay.fact.reachedReview,
  reached_pilot: stay.fact.reachedPilot,
  days_submitted: stay.fact.daysSubmitted,
  days_in_review: stay.fact.daysInReview,
  days_piloting: stay.fact.daysPiloting,
  valid_from: stay.from,
  valid_to: stay.to ?? OPEN,
});

const fromRecord = (r: StayRecord): FunnelStay => ({
  seq: r.seq,
  from: iso(r.valid_from),
  to: r.valid_to === null ? null : iso(r.valid_to),
  fact: Object.assign(new FunnelFact(), {
    ideaId: r.idea_id,
    version: r.version,
    organisation: r.organisation,
    unit: r.unit,
    sector: r.sector,
    stage: r.stage,
    submittedAt: new Date(r.submitted_at),
    stageEnteredAt: new Date(r.stage_entered_at),
    reachedReview: r.reached_review,
    reachedPilot: r.reached_pilot,
    daysSubmitted: r.days_submitted === null ? null : Number(r.days_submitted),
    daysInReview: r.days_in_review === null ? null : Number(r.days_in_review),
    daysPiloting: r.days_piloting === null ? null : Number(r.days_piloting),
  }),
});

/**
 * Rows of `funnel_stays`, an idea's stays together. Saving writes the stays a batch changed: the one it
 * closed and the ones it began (an upsert on (idea_id, seq)); the version is kept on every stay written,
 * and loading takes the highest.
 */
export const funnelStaysStore: ProjectionStore<FunnelTimeline> = {
  async load(tx: EntityManager, keys: string[]) {
    const out = new Map<string, FunnelTimeline>();
    if (keys.length === 0) return out;
    const rows: StayRecord[] = await tx.query(
      `SELECT idea_id, seq, version, organisation, unit, sector, stage, submitted_at, stage_entered_at, reached_review, reached_pilot,
              days_submitted, days_in_review, days_piloting, valid_from,
              CASE WHEN valid_to = 'infinity' THEN NULL ELSE valid_to END AS valid_to
       FROM funnel_stays WHERE idea_id = ANY($1::uuid[]) ORDER BY idea_id, seq`,
      [keys],
    );
    for (const r of rows) {
      const timeline = out.get(r.idea_id) ?? { ideaId: r.idea_id, version: 0, stays: [], unsaved: 0 };
      timeline.stays.push(fromRecord(r));
      timeline.unsaved = timeline.stays.length;
      timeline.version = Math.max(timeline.version, r.version);
      out.set(r.idea_id, timeline);
    }
    return out;
  },
  async save(tx: EntityManager, rows: FunnelTimeline[]) {
    // A stay never changes once its successor began: only those a batch closed or began are written.
    const records = rows.flatMap((row) => row.stays.slice(row.unsaved).map((stay) => toRecord(row.ideaId, row.version, stay)));
    if (records.length === 0) return;
    const cols = COLUMNS.join(', ');
    await tx.query(
      `INSERT INTO funnel_stays (${cols})
       SELECT ${cols} FROM jsonb_populate_recordset(NULL::funnel_stays, $1::jsonb)
       ON CONFLICT (idea_id, seq) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'idea_id' && c !== 'seq').map((c) => `${c} = excluded.${c}`).join(', ')}`,
      [JSON.stringify(records)],
    );
  },
  tables() {
    return ['funnel_stays'];
  },
  async clear(tx: EntityManager) {
    await tx.query('DELETE FROM funnel_stays');
  },
};

export const funnelStaysProjection: Projection<FunnelTimeline> = {
  name: 'funnel-stays',
  keyOf: (event) => (moving.has(event.type) ? ideaKey(event) : undefined),
  evolve: evolveFunnelTimeline,
  store: funnelStaysStore,
};
