// Season events → the jury's and the public's read models, and the awards onto Tekojen tori's deed entries.
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '#event-store';
import { lockKey, typeormStore, type Projection, type ProjectionStore } from '#projections';
import { isSeasonStream, type AwardAnnounced, type AwardSeasonEvent } from '../domain/award-season.events.js';
import { AwardSeasonView, NominationView, ScoreView, type SeriesView } from './award-views.entity.js';

type Recorded = RecordedEvent & AwardSeasonEvent;
const at = (e: RecordedEvent) => new Date(e.metadata.occurredAt ?? e.recordedAt);
const ofSeason = (e: RecordedEvent) => isSeasonStream(e.streamId);

/** A season's name, year and windows as the view keeps them (opened with them, or revised). */
const seasonSettings = (d: { year: number; name: string; nominationOpensAt: string; nominationClosesAt: string; eligibleFrom: string; eligibleTo: string; galaAt: string }) => ({
  year: d.year,
  name: d.name,
  nominationOpensAt: new Date(d.nominationOpensAt),
  nominationClosesAt: new Date(d.nominationClosesAt),
  eligibleFrom: new Date(d.eligibleFrom),
  eligibleTo: new Date(d.eligibleTo),
  galaAt: new Date(d.galaAt),
});

const withSeries = (row: AwardSeasonView, key: string, change: (s: SeriesView) => SeriesView): SeriesView[] => row.series.map((s) => (s.key === key ? change(s) : s));

export function evolveSeasonView(row: AwardSeasonView | undefined, recorded: Recorded): AwardSeasonView | undefined {
  if (recorded.type === 'AwardSeasonOpened') {
    const d = recorded.data;
    return Object.assign(new AwardSeasonView(), {
      id: d.seasonId,
      version: recorded.streamVersion,
      ...seasonSettings(d),
      series: d.series.map((s) => ({ ...s, stage: 'long-list', revealed: false, shortlist: null, finalists: null, overrides: [], rounds: [] })),
      awards: [],
      announced: 0,
      published: false,
      openedAt: at(recorded),
    });
  }
  if (!row) return undefined;
  const next = { ...row, version: recorded.streamVersion };
  switch (recorded.type) {
    case 'AwardSeasonRevised': {
      const d = recorded.data;
      const fresh = { stage: 'long-list' as const, revealed: false, shortlist: null, finalists: null, overrides: [], rounds: [] };
      return {
        ...next,
        ...seasonSettings(d),
        // The series' settings follow the change; their rounds, overrides and reveal stay.
        series: d.series.map((s) => ({ ...(row.series.find((old) => old.key === s.key) ?? fresh), ...s })),
      };
    }
    case 'SeriesRevealed':
      return { ...next, series: withSeries(row, recorded.data.series, (s) => ({ ...s, revealed: true })) };
    case 'ShortlistOverridden': {
      const { round, nominationId, action, reason } = recorded.data;
      return { ...next, series: withSeries(row, recorded.data.series, (s) => ({ ...s, overrides: [...s.overrides, { round, nominationId, action, reason, at: at(recorded).toISOString() }] })) };
    }
    case 'RoundClosed': {
      const { round, size, ranking, selected } = recorded.data;
      return {
        ...next,
        series: withSeries(row, recorded.data.series, (s) => ({
          ...s,
          ...(round === 'long-list' ? { stage: 'shortlist' as const, shortlist: selected } : { stage: 'winners' as const, finalists: selected }),
          rounds: [...s.rounds, { round, size, closedAt: at(recorded).toISOString(), ranking, selected }],
        })),
      };
    }
    case 'AwardGranted':
      return { ...next, awards: [...row.awards, { ...recorded.data, grantedAt: at(recorded).toISOString() }] };
    case 'AwardAnnounced':
      return { ...next, announced: row.announced + 1 };
    case 'ResultsPublished':
      return { ...next, published: true };
    default:
      return row;
  }
}

const SEASON_TYPES = new Set(['AwardSeasonOpened', 'AwardSeasonRevised', 'SeriesRevealed', 'ShortlistOverridden', 'RoundClosed', 'AwardGranted', 'AwardAnnounced', 'ResultsPublished']);

export const awardSeasonProjection: Projection<AwardSeasonView> = {
  name: 'award-seasons',
  keyOf: (event) => (ofSeason(event) && SEASON_TYPES.has(event.type) ? (event.data as { seasonId: string }).seasonId : undefined),
  evolve: (row, event) => evolveSeasonView(row, event as Recorded),
  store: typeormStore(AwardSeasonView, 'id'),
  // The season as its organisers and jurors see it, read back after each command.
  inline: true,
};

export function evolveNominationView(row: NominationView | undefined, recorded: Recorded): NominationView | undefined {
  if (recorded.type === 'NominationSubmitted') {
    const d = recorded.data;
    return Object.assign(new NominationView(), {
      id: d.nominationId,
      version: recorded.streamVersion,
      seasonId: d.seasonId,
      series: d.series,
      seq: recorded.streamVersion,
      nominee: d.nominee,
      organisation: d.nominee.organisation,
      person: d.nominee.kind === 'employee' ? (d.nominee.person ?? null) : null,
      justifications: d.justification ? [d.justification] : [],
      source: d.source,
      recused: {},
      nominatedAt: at(recorded),
    });
  }
  if (!row) return undefined;
  const next = { ...row, version: recorded.streamVersion };
  switch (recorded.type) {
    case 'NominationMerged':
      return { ...next, justifications: [...row.justifications, recorded.data.justification] };
    case 'JurorRecused':
      return { ...next, recused: { ...row.recused, [recorded.data.juror]: recorded.data.reason } };
    default:
      return row;
  }
}

const NOMINATION_TYPES = new Set(['NominationSubmitted', 'NominationMerged', 'JurorRecused']);

export const awardNominationProjection: Projection<NominationView> = {
  name: 'award-nominations',
  keyOf: (event) => (ofSeason(event) && NOMINATION_TYPES.has(event.type) ? (event.data as { nominationId: string }).nominationId : undefined),
  evolve: (row, event) => evolveNominationView(row, event as Recorded),
  store: typeormStore(NominationView, 'id'),
};

export function evolveScoreView(row: ScoreView | undefined, recorded: Recorded): ScoreView | undefined {
  if (recorded.type !== 'NominationScored' && recorded.type !== 'NominationScoreChanged') return row;
  const d = recorded.data;
  return Object.assign(new ScoreView(), {
    id: `${d.nominationId}:${d.juror}`,
    version: recorded.streamVersion,
    seasonId: d.seasonId,
    series: d.series,
    nominationId: d.nominationId,
    juror: d.juror,
    scores: d.scores,
    comment: d.comment,
    changes: row ? row.changes + 1 : 0,
    scoredAt: at(recorded),
  });
}

export const awardScoreProjection: Projection<ScoreView> = {
  name: 'award-scores',
  keyOf: (event) =>
    ofSeason(event) && (event.type === 'NominationScored' || event.type === 'NominationScoreChanged')
      ? `${(event.data as { nominationId: string }).nominationId}:${(event.data as { juror: string }).juror}`
      : undefined,
  evolve: (row, event) => evolveScoreView(row, event as Recorded),
  store: typeormStore(ScoreView, 'id'),
};

// ---------------------------------------------------------------------------------------------
// Announced deed awards → deed_entries.awards (the catalogue's "awarded" filter)
// ---------------------------------------------------------------------------------------------

/** One deed's awards waiting to be written. Version stays 0: idempotency is by award id, not by stream version. */
export interface DeedAwardRow {
  version: number;
  deedId: string;
  applied: string[];
  pending: { awardId: string; seasonId: string; seasonVersion: number; year: number; season: string; series: string; award: string }[];
}

export function evolveDeedAwards(row: DeedAwardRow | undefined, recorded: RecordedEvent): DeedAwardRow | undefined {
  const event = recorded as unknown as AwardAnnounced;
  if (event.type !== 'AwardAnnounced' || event.data.nominee.kind !== 'deed') return row;
  const current = row ?? { version: 0, deedId: event.data.nominee.deedId, applied: [], pending: [] };
  if (current.applied.includes(event.data.awardId) || current.pending.some((p) => p.awardId === event.data.awardId)) return current;
  const d = event.data;
  const award = { awardId: d.awardId, seasonId: d.seasonId, seasonVersion: recorded.streamVersion, year: d.year, season: d.seasonName, series: d.seriesName, award: d.title };
  return { ...current, version: 0, pending: [...current.pending, award] };
}

/**
 * Order-independent: every announced award is recorded (award_applications), whether or not the
 * deed's catalogue entry exists yet, and the entry's awards are computed from those records, here
 * when the entry exists and by the deed_entries insert trigger when the entry arrives later (another
 * Kafka partition, a projection running behind, a rebuild of deed-entries). See DeedAwardsInAnyOrder.
 */
const rebuilding = async (tx: EntityManager): Promise<boolean> =>
  (await tx.query(`SELECT current_setting('kehittamo.rebuilding', true) = 'on' AS on`))[0].on === true;

const deedAwardStore: ProjectionStore<DeedAwardRow> = {
  async load(tx: EntityManager, keys: string[]) {
    const rows: { award_id: string; deed_id: string }[] = await tx.query(`SELECT award_id, deed_id FROM award_applications WHERE deed_id = ANY($1::uuid[])`, [keys]);
    return new Map(keys.map((deedId) => [deedId, { version: 0, deedId, applied: rows.filter((r) => r.deed_id === deedId).map((r) => r.award_id), pending: [] }]));
  },
  async save(tx: EntityManager, rows: DeedAwardRow[]) {
    const pending = rows.filter((r) => r.pending.length > 0);
    if (pending.length === 0) return;
    const records = pending.flatMap((row) =>
      row.pending.map((p) => ({
        award_id: p.awardId,
        deed_id: row.deedId,
        award: { season: p.season, year: p.year, series: p.series, award: p.award },
        year: p.year,
        season_id: p.seasonId,
        season_version: p.seasonVersion,
      })),
    );
    await tx.query(
      `INSERT INTO award_applications (award_id, deed_id, award, year, season_id, season_version)
       SELECT award_id, deed_id, award, year, season_id, season_version
       FROM jsonb_to_recordset($1::jsonb) AS r(award_id uuid, deed_id uuid, award jsonb, year int, season_id uuid, season_version int)
       ON CONFLICT (award_id) DO NOTHING`,
      [JSON.stringify(records)],
    );
    // Entries that exist now; one that arrives later gets its awards from the insert trigger. While a
    // rebuild fills its own copy of award_applications, the live entries are left alone until the swap.
    if (await rebuilding(tx)) return;
    // deed-entries rewrites whole rows: hold its lock so neither projection overwrites the other's change.
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey('deed-entries')]);
    await tx.query(`UPDATE deed_entries SET awards = deed_entry_awards(id) WHERE id = ANY($1::uuid[])`, [pending.map((r) => r.deedId)]);
  },
  tables: () => ['award_applications'],
  // The swap's afterSwap rewrites deed_entries: its lock is taken before any table is touched.
  swapLocks: ['deed-entries'],
  async clear(tx: EntityManager) {
    await tx.query(`DELETE FROM award_applications`);
    if (await rebuilding(tx)) return;
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey('deed-entries')]);
    await tx.query(`UPDATE deed_entries SET awards = '[]'::jsonb WHERE jsonb_array_length(awards) > 0`);
  },
  async afterSwap(tx: EntityManager) {
    // The rebuilt applications replace the old ones: every entry's awards follow them.
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey('deed-entries')]);
    await tx.query(`UPDATE deed_entries SET awards = deed_entry_awards(id) WHERE awards IS DISTINCT FROM deed_entry_awards(id)`);
  },
};

export const deedAwardsProjection: Projection<DeedAwardRow> = {
  name: 'award-deed-entries',
  keyOf: (event) => (ofSeason(event) && event.type === 'AwardAnnounced' && (event.data as AwardAnnounced['data']).nominee.kind === 'deed' ? (event.data as { nominee: { deedId: string } }).nominee.deedId : undefined),
  evolve: (row, event) => evolveDeedAwards(row, event),
  store: deedAwardStore,
};

export const awardProjections = [awardSeasonProjection, awardNominationProjection, awardScoreProjection, deedAwardsProjection];
