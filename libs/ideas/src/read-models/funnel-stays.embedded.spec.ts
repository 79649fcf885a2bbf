// The as-of funnel read from funnel_stays equals the fold of the events recorded up to the moment, over random
// histories: ideas of two organisations moving through the funnel (or merged away), with comments and supports
// between the moves, several events at the same instant, delivered to the projection in random batches.
import 'reflect-metadata';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { START, type RecordedEvent } from '#event-store';
import { initDataSource, openEmbedded, type DatabaseHandle } from '#platform';
import { funnelAsOf, summariseFunnel } from '../application/time-travel.js';
import type { FunnelFilter } from '../application/funnel.query.js';
import { evolveFunnelFact } from './funnel.projection.js';
import type { FunnelFact } from './funnel-fact.entity.js';
import { funnelStaysProjection, type FunnelTimeline } from './funnel-stays.projection.js';
import type { RecordedIdeaEvent } from './idea-events.js';
import { CreateIdeaReadModels1732300001000 } from './ideas.migration.js';
import { CreateFunnelStays1765200000000 } from './funnel-stays.migration.js';

const EPOCH = Date.parse('2025-01-06T06:00:00Z');
/** Times on a three-hour grid: stays in days are then exact binary fractions, so medians compare exactly. */
const STEP = 3 * 3_600_000;
const ORGS = ['kunta-a', 'kunta-b'];
const UNITS = ['hoito', 'keittiö'];
const SECTORS = ['social-and-health', 'technical'];

/** Legal paths through the funnel (the decider's), each possibly ending in a merge into another idea. */
const PATHS: string[][] = [
  [],
  ['IdeaReviewStarted'],
  ['IdeaReviewStarted', 'IdeaPilotStarted'],
  ['IdeaReviewStarted', 'IdeaPilotStarted', 'IdeaAdopted'],
  ['IdeaRejected'],
  ['IdeaReviewStarted', 'IdeaRejected'],
  ['IdeaReviewStarted', 'IdeaPilotStarted', 'IdeaRejected'],
  ['IdeaWithdrawn'],
  ['IdeaReviewStarted', 'IdeaWithdrawn'],
];

const ideaArb = fc.record({
  org: fc.integer({ min: 0, max: 1 }),
  unit: fc.integer({ min: 0, max: 1 }),
  sector: fc.integer({ min: 0, max: 1 }),
  path: fc.integer({ min: 0, max: PATHS.length - 1 }),
  merged: fc.boolean(),
  start: fc.integer({ min: 0, max: 40 }),
  // Steps between events, on the grid; 0 puts two events at the same instant.
  gaps: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 8, maxLength: 8 }),
  // Comments and supports after which move (they leave the funnel alone but carry stream versions).
  chatter: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
});

const historyArb = fc.record({
  ideas: fc.array(ideaArb, { minLength: 1, maxLength: 14 }),
  batch: fc.integer({ min: 1, max: 9 }),
  moments: fc.array(fc.integer({ min: -1, max: 160 }), { minLength: 1, maxLength: 5 }),
  filter: fc.constantFrom<FunnelFilter>({}, { unit: 'hoito' }, { sector: 'technical' }, { from: new Date(EPOCH + 10 * STEP).toISOString(), to: new Date(EPOCH + 30 * STEP).toISOString() }),
});

type Idea = typeof ideaArb extends fc.Arbitrary<infer T> ? T : never;

function eventsOf(ideas: Idea[]): RecordedEvent[] {
  const out: RecordedEvent[] = [];
  ideas.forEach((idea, n) => {
    const ideaId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const streamId = `idea-${ideaId}`;
    const moves = ['IdeaSubmitted', ...PATHS[idea.path], ...(idea.merged ? ['IdeaMerged'] : [])];
    const types: string[] = [];
    moves.forEach((move, i) => {
      types.push(move);
      for (const after of idea.chatter) if (after === i) types.push(i % 2 ? 'IdeaCommented' : 'IdeaSupported');
    });
    let at = EPOCH + idea.start * STEP;
    types.forEach((type, i) => {
      at += (idea.gaps[i % idea.gaps.length] ?? 0) * STEP;
      const iso = new Date(at).toISOString();
      const data =
        type === 'IdeaSubmitted'
          ? { ideaId, organisation: ORGS[idea.org], unit: UNITS[idea.unit], sector: SECTORS[idea.sector] }
          : type === 'IdeaMerged'
            ? { ideaId, survivorId: '00000000-0000-4000-8000-999999999999' }
            : { ideaId };
      out.push({ eventId: `${n}-${i}`, streamId, streamVersion: i + 1, type, schemaVersion: 1, data, metadata: { occurredAt: iso }, checkpoint: START, recordedAt: iso } as RecordedEvent);
    });
  });
  // The feed: in recorded order (a stream's own events stay in order).
  return out.sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || a.streamId.localeCompare(b.streamId) || a.streamVersion - b.streamVersion);
}

/** The reference: every idea event recorded up to the moment, folded with the funnel's own evolve function. */
function foldAsOf(events: RecordedEvent[], asOf: Date): FunnelFact[] {
  const facts = new Map<string, FunnelFact | undefined>();
  for (const event of events) {
    if (Date.parse(event.recordedAt) > asOf.getTime()) continue;
    facts.set(event.streamId, evolveFunnelFact(facts.get(event.streamId), event as RecordedIdeaEvent));
  }
  return [...facts.values()].filter((f): f is FunnelFact => f !== undefined);
}

/** What the projection runner does with a batch: load the rows, evolve the events not yet applied, save. */
async function project(db: DataSource, events: RecordedEvent[], batch: number): Promise<void> {
  const p = funnelStaysProjection;
  await db.transaction((tx) => p.store.clear(tx));
  for (let i = 0; i < events.length; i += batch) {
    const slice = events.slice(i, i + batch);
    await db.transaction(async (tx) => {
      const keys = [...new Set(slice.map((e) => p.keyOf(e)).filter((k): k is string => k !== undefined))];
      const rows = await p.store.load(tx, keys);
      const touched = new Map<string, FunnelTimeline>();
      for (const event of slice) {
        const key = p.keyOf(event);
        if (!key) continue;
        const row = rows.get(key);
        if (row && event.streamVersion <= row.version) continue;
        const next = p.evolve(row, event);
        if (next) {
          rows.set(key, next);
          touched.set(key, next);
        }
      }
      await p.store.save(tx, [...touched.values()]);
    });
  }
}

describe('as-of funnel from funnel_stays (embedded database)', () => {
  let database: DatabaseHandle;
  let db: DataSource;

  beforeAll(async () => {
    database = await openEmbedded(undefined);
    db = await initDataSource(database, { entities: [], migrations: [CreateIdeaReadModels1732300001000, CreateFunnelStays1765200000000] });
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await database?.close();
  });

  it('equals the fold of the events recorded up to the moment, for random histories, moments and filters', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async ({ ideas, batch, moments, filter }) => {
        const events = eventsOf(ideas);
        await project(db, events, batch);
        // The moments asked for, and every instant an event was recorded at (the edges of the stays).
        const instants = [...moments.map((m) => EPOCH + m * STEP), ...events.map((e) => Date.parse(e.recordedAt))];
        for (const at of instants) {
          const asOf = new Date(at);
          const facts = foldAsOf(events, asOf);
          for (const organisation of ORGS) {
            expect(await funnelAsOf(db, organisation, asOf, filter)).toEqual(summariseFunnel(facts, organisation, filter));
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('re-delivered events change nothing', async () => {
    const events = eventsOf([{ org: 0, unit: 0, sector: 0, path: 3, merged: false, start: 0, gaps: [1, 2, 3, 4, 5, 6, 7, 8], chatter: [1] }]);
    await project(db, events, 2);
    const before = await db.query('SELECT * FROM funnel_stays ORDER BY seq');
    expect(before.map((r: { stage: string }) => r.stage)).toEqual(['submitted', 'inReview', 'piloting', 'adopted']);
    // The whole feed again, on top of what is there: every event is at or below the rows' versions.
    await db.transaction(async (tx) => {
      const rows = await funnelStaysProjection.store.load(tx, [events[0].streamId.slice('idea-'.length)]);
      const row = [...rows.values()][0];
      expect(events.filter((e) => funnelStaysProjection.keyOf(e) && e.streamVersion > row.version)).toEqual([]);
    });
    expect(await db.query('SELECT * FROM funnel_stays ORDER BY seq')).toEqual(before);
  }, 60_000);
});
