// The read side of Gaala: who may see what of a season, and the embargo on everything public.
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { permits, plainText, ProblemException, PSEUDONYMIZER, type Actor, type PolicyKey, type Pseudonymizer } from '#platform';
import { currentRanking, evolveSeason, initialSeasonState, type SeasonState } from '../domain/award-season.decider.js';
import { seasonStreamId, type AwardSeasonEvent, type Nominee } from '../domain/award-season.events.js';
import { rankNominations } from '../domain/shortlist.js';
import { AwardSeasonView, NominationView, ScoreView, type SeriesView } from '../read-models/award-views.entity.js';

interface Access {
  /** May the actor do `key` (a line of the access policy) on this series, or on the season? */
  may(key: PolicyKey, series?: SeriesView): boolean;
  /** Series the actor chairs and judges. */
  chairs: string[];
  juries: string[];
}

/** The season's side of the access policy: who judges and who chairs which series. */
function accessOf(season: AwardSeasonView, actor: Actor, pseudonym: string): Access {
  const may = (key: PolicyKey, series?: SeriesView) =>
    permits(key, actor, {
      relations: {
        'series-chair': series?.chair === pseudonym,
        'series-juror': series?.jurors.some((j) => j.juror === pseudonym) ?? false,
        'season-chair': season.series.some((s) => s.chair === pseudonym),
      },
    });
  return {
    may,
    chairs: season.series.filter((s) => may('awards.override', s)).map((s) => s.key),
    juries: season.series.filter((s) => may('awards.score', s)).map((s) => s.key),
  };
}

async function loadSeason(db: DataSource, seasonId: string): Promise<AwardSeasonView> {
  const season = await db.getRepository(AwardSeasonView).findOneBy({ id: seasonId });
  if (!season) throw ProblemException.of(404, 'award-season-not-found', 'There is no such award season.');
  return season;
}

function seriesOf(season: AwardSeasonView, key: string): SeriesView {
  const series = season.series.find((s) => s.key === key);
  if (!series) throw ProblemException.of(404, 'award-series-not-found', `The season has no series "${key}". Series: ${season.series.map((s) => s.key).join(', ')}.`);
  return series;
}

/** Who steers a series (its chair, programme admins): as the policy's line `policy` says. */
function requireChair(season: AwardSeasonView, key: string, access: Access, policy: PolicyKey, what: string): SeriesView {
  const series = seriesOf(season, key);
  if (!access.may(policy, series)) throw ProblemException.of(403, 'award-chair-only', `Only the chair of "${series.name}" and programme admins see ${what}.`);
  return series;
}

/** A nominee as jurors of a blind series see it: no organisation, no person. */
function presentNominee(nominee: Nominee, hidden: boolean) {
  if (nominee.kind === 'deed') return hidden ? { kind: nominee.kind, title: plainText(nominee.title) } : { kind: nominee.kind, deedId: nominee.deedId, organisation: nominee.organisation, title: plainText(nominee.title) };
  if (nominee.kind === 'organisation') return hidden ? { kind: nominee.kind } : { kind: nominee.kind, organisation: nominee.organisation };
  return hidden ? { kind: nominee.kind } : { kind: nominee.kind, organisation: nominee.organisation, name: plainText(nominee.name), ...(nominee.unit ? { unit: plainText(nominee.unit) } : {}) };
}

export class GetSeasonQuery {
  constructor(readonly seasonId: string, readonly actor: Actor) {}
}

@QueryHandler(GetSeasonQuery)
export class GetSeasonHandler implements IQueryHandler<GetSeasonQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource, @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer) {}

  async execute({ seasonId, actor }: GetSeasonQuery) {
    const season = await loadSeason(this.db, seasonId);
    const access = accessOf(season, actor, this.pseudonyms.of(actor));
    const admin = access.may('awards.open');
    const insider = admin || season.series.some((s) => access.may('awards.nominations', s));
    return {
      id: season.id,
      year: season.year,
      name: season.name,
      nominationOpensAt: season.nominationOpensAt,
      nominationClosesAt: season.nominationClosesAt,
      eligibleFrom: season.eligibleFrom,
      eligibleTo: season.eligibleTo,
      galaAt: season.galaAt,
      series: season.series.map((s) => ({
        key: s.key,
        name: s.name,
        kind: s.kind,
        awards: s.awards,
        shortlistSize: s.shortlistSize,
        criteria: s.criteria,
        subAwards: s.subAwards,
        blind: s.blind,
        ...(insider ? { stage: s.stage, revealed: s.revealed, jurors: s.jurors.length } : {}),
      })),
      you: { admin, chairOf: access.chairs, jurorOf: access.juries },
    };
  }
}

export class ListNominationsQuery {
  constructor(readonly seasonId: string, readonly series: string | undefined, readonly actor: Actor) {}
}

@QueryHandler(ListNominationsQuery)
export class ListNominationsHandler implements IQueryHandler<ListNominationsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource, @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer) {}

  async execute({ seasonId, series: only, actor }: ListNominationsQuery) {
    const season = await loadSeason(this.db, seasonId);
    const pseudonym = this.pseudonyms.of(actor);
    const access = accessOf(season, actor, pseudonym);
    if (only) seriesOf(season, only);
    const steering = (key: string) => access.may('awards.shortlist', seriesOf(season, key));
    const visible = season.series.filter((s) => access.may('awards.nominations', s));
    if (visible.length === 0) throw ProblemException.of(403, 'award-jury-only', 'Only the jury and programme admins see nominations.');
    const keys = visible.map((s) => s.key).filter((k) => !only || k === only);
    if (only && keys.length === 0) throw ProblemException.of(403, 'award-other-series', 'You are not on the jury of that series: jurors see their own series only.');
    const nominations = await this.db.getRepository(NominationView).find({ where: keys.map((series) => ({ seasonId, series })), order: { seq: 'ASC' } });
    const mine = await this.db.getRepository(ScoreView).find({ where: { seasonId, juror: pseudonym } });
    const myScores = new Map(mine.map((s) => [s.nominationId, s]));
    const counts: { nomination_id: string; n: number }[] = await this.db.query(`SELECT nomination_id, count(*)::int AS n FROM award_scores WHERE season_id = $1 GROUP BY nomination_id`, [seasonId]);
    const scoreCount = new Map(counts.map((c) => [c.nomination_id, c.n]));
    return {
      seasonId,
      items: nominations.map((n) => {
        const series = visible.find((s) => s.key === n.series)!;
        const steer = steering(n.series);
        const hidden = !steer && series.blind && !series.revealed;
        const inPlay = series.stage === 'long-list' || (series.stage === 'shortlist' && (series.shortlist ?? []).includes(n.id));
        const score = myScores.get(n.id);
        return {
          id: n.id,
          series: n.series,
          nominee: presentNominee(n.nominee, hidden),
          justifications: n.justifications.map(plainText),
          nominatedAt: n.nominatedAt,
          inPlay,
          ...(steer ? { source: n.source, recusals: Object.entries(n.recused).map(([juror, reason]) => ({ juror, reason })), scores: scoreCount.get(n.id) ?? 0 } : {}),
          ...(access.juries.includes(n.series)
            ? { recused: n.recused[pseudonym] ?? (actor.organisation === n.organisation ? 'own-organisation' : null), myScore: score ? { scores: score.scores, comment: score.comment && plainText(score.comment), scoredAt: score.scoredAt } : null }
            : {}),
        };
      }),
    };
  }
}

export class OrganisationNominationsQuery {
  constructor(readonly seasonId: string, readonly organisation: string) {}
}

/** An organisation's own nominations in a season, as its editors see them: every nominee named, whoever nominated. */
@QueryHandler(OrganisationNominationsQuery)
export class OrganisationNominationsHandler implements IQueryHandler<OrganisationNominationsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ seasonId, organisation }: OrganisationNominationsQuery) {
    const season = await loadSeason(this.db, seasonId);
    const nominations = await this.db.getRepository(NominationView).find({ where: { seasonId, organisation }, order: { seq: 'ASC' } });
    return {
      seasonId,
      organisation,
      items: nominations.map((n) => {
        const series = season.series.find((s) => s.key === n.series);
        return {
          id: n.id,
          series: n.series,
          seriesName: series ? plainText(series.name) : n.series,
          nominee: presentNominee(n.nominee, false),
          justifications: n.justifications.map(plainText),
          nominatedAt: n.nominatedAt,
          source: n.source,
        };
      }),
    };
  }
}

/** Live ranking of a series' open round from the read models: the same rule the round closes with. */
export async function liveRanking(db: DataSource, season: AwardSeasonView, series: SeriesView) {
  if (series.stage === 'winners') {
    const last = series.rounds[series.rounds.length - 1];
    return { round: last.round, size: last.size, ranking: last.ranking, selected: last.selected, closed: true };
  }
  const round = series.stage;
  const [nominations, scores] = await Promise.all([
    db.query(`SELECT id, seq, recused FROM award_nominations WHERE season_id = $1 AND series = $2`, [season.id, series.key]) as Promise<{ id: string; seq: number; recused: Record<string, string> }[]>,
    db.query(`SELECT nomination_id, juror, scores FROM award_scores WHERE season_id = $1 AND series = $2`, [season.id, series.key]) as Promise<{ nomination_id: string; juror: string; scores: Record<string, number> }[]>,
  ]);
  const shortlist = new Set(series.shortlist ?? []);
  const inPlay = round === 'long-list' ? nominations : nominations.filter((n) => shortlist.has(n.id));
  const size = round === 'long-list' ? series.shortlistSize : series.awards;
  const result = rankNominations({
    nominations: inPlay.map((n) => ({ id: n.id, seq: n.seq })),
    scores: scores.map((s) => ({ nominationId: s.nomination_id, juror: s.juror, scores: s.scores })),
    recused: inPlay.flatMap((n) => Object.keys(n.recused).map((juror) => ({ nominationId: n.id, juror }))),
    criteria: series.criteria,
    size,
    overrides: series.overrides.filter((o) => o.round === round),
  });
  return { round, size, ...result, closed: false };
}

export class ShortlistQuery {
  constructor(readonly seasonId: string, readonly series: string, readonly actor: Actor) {}
}

@QueryHandler(ShortlistQuery)
export class ShortlistHandler implements IQueryHandler<ShortlistQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource, @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer) {}

  async execute({ seasonId, series: key, actor }: ShortlistQuery) {
    const season = await loadSeason(this.db, seasonId);
    const series = requireChair(season, key, accessOf(season, actor, this.pseudonyms.of(actor)), 'awards.shortlist', 'its shortlist');
    const live = await liveRanking(this.db, season, series);
    const nominations = await this.db.getRepository(NominationView).findBy({ seasonId, series: key });
    const byId = new Map(nominations.map((n) => [n.id, n]));
    const reasons = new Map(series.overrides.filter((o) => o.round === live.round).map((o) => [o.nominationId, o.reason]));
    return {
      seasonId,
      series: key,
      stage: series.stage,
      round: live.round,
      closed: live.closed,
      size: live.size,
      tieRule: 'mean z-score per juror, then higher raw weighted mean, then more jurors, then the earlier nomination',
      ranking: live.ranking.map((r) => ({
        ...r,
        ...(reasons.has(r.nominationId) ? { overrideReason: plainText(reasons.get(r.nominationId)!) } : {}),
        nominee: byId.has(r.nominationId) ? presentNominee(byId.get(r.nominationId)!.nominee, false) : null,
      })),
      selected: live.selected,
      rounds: series.rounds.map((r) => ({ round: r.round, closedAt: r.closedAt, size: r.size, selected: r.selected })),
    };
  }
}

export class ProgressQuery {
  constructor(readonly seasonId: string, readonly series: string, readonly actor: Actor) {}
}

@QueryHandler(ProgressQuery)
export class ProgressHandler implements IQueryHandler<ProgressQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource, @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer) {}

  async execute({ seasonId, series: key, actor }: ProgressQuery) {
    const season = await loadSeason(this.db, seasonId);
    const series = requireChair(season, key, accessOf(season, actor, this.pseudonyms.of(actor)), 'awards.progress', "its jurors' progress");
    const nominations = await this.db.getRepository(NominationView).findBy({ seasonId, series: key });
    const shortlist = new Set(series.shortlist ?? []);
    const inPlay = series.stage === 'shortlist' ? nominations.filter((n) => shortlist.has(n.id)) : nominations;
    const scores = await this.db.getRepository(ScoreView).findBy({ seasonId, series: key });
    return {
      seasonId,
      series: key,
      stage: series.stage,
      nominations: inPlay.length,
      jurors: series.jurors.map((j) => {
        const recused = inPlay.filter((n) => n.recused[j.juror] || n.organisation === j.organisation).length;
        const mine = scores.filter((s) => s.juror === j.juror && inPlay.some((n) => n.id === s.nominationId && !n.recused[j.juror]));
        return {
          juror: j.juror,
          organisation: j.organisation,
          scored: mine.length,
          recused,
          remaining: Math.max(0, inPlay.length - recused - mine.length),
          lastScoredAt: mine.reduce<Date | null>((latest, s) => (!latest || s.scoredAt > latest ? s.scoredAt : latest), null),
        };
      }),
    };
  }
}

/** Public view of an award. Employees are named: the gala names its heroes. */
function presentAward(a: AwardSeasonView['awards'][number]) {
  return { awardId: a.awardId, series: a.series, category: a.category, title: plainText(a.title), nominationId: a.nominationId, nominee: presentNominee(a.nominee, false) };
}

export class ResultsQuery {
  constructor(readonly seasonId: string, readonly now: Date) {}
}

@QueryHandler(ResultsQuery)
export class ResultsHandler implements IQueryHandler<ResultsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ seasonId, now }: ResultsQuery) {
    const season = await this.db.getRepository(AwardSeasonView).findOneBy({ id: seasonId });
    // Before the gala the answer is the same as for a season that does not exist: nothing leaks.
    if (!season || now < season.galaAt) throw ProblemException.of(404, 'award-results-not-found', 'There are no published results for this season; results are published at the gala.');
    return {
      seasonId,
      year: season.year,
      name: season.name,
      galaAt: season.galaAt,
      series: season.series.map((s) => ({ key: s.key, name: s.name, awards: season.awards.filter((a) => a.series === s.key).map(presentAward) })),
    };
  }
}

export class ListSeasonsQuery {}

@QueryHandler(ListSeasonsQuery)
export class ListSeasonsHandler implements IQueryHandler<ListSeasonsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute() {
    const seasons = await this.db.getRepository(AwardSeasonView).find({ order: { year: 'DESC', openedAt: 'DESC' } });
    return seasons.map((s) => ({ id: s.id, year: s.year, name: s.name, nominationOpensAt: s.nominationOpensAt, nominationClosesAt: s.nominationClosesAt, galaAt: s.galaAt }));
  }
}

export class MyAwardsQuery {
  constructor(readonly actor: Actor, readonly now: Date) {}
}

/** An organisation's awards (its own, its deeds', its employees') and an employee's own: after the gala only. */
@QueryHandler(MyAwardsQuery)
export class MyAwardsHandler implements IQueryHandler<MyAwardsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource, @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer) {}

  async execute({ actor, now }: MyAwardsQuery) {
    const pseudonym = this.pseudonyms.of(actor);
    const seasons = await this.db.getRepository(AwardSeasonView).createQueryBuilder('s').where('s.gala_at <= :now', { now }).orderBy('s.year', 'DESC').getMany();
    const mine = (a: AwardSeasonView['awards'][number]) => (a.nominee.kind === 'employee' && a.nominee.person === pseudonym ? 'me' : a.nominee.organisation === actor.organisation ? 'organisation' : null);
    return {
      items: seasons.flatMap((s) =>
        s.awards.flatMap((a) => {
          const whose = mine(a);
          return whose ? [{ seasonId: s.id, season: s.name, year: s.year, seriesName: s.series.find((x) => x.key === a.series)?.name ?? a.series, whose, ...presentAward(a) }] : [];
        }),
      ),
    };
  }
}

export interface AuditEntry {
  seq: number;
  at: string;
  event: string;
  actor: string | null;
  roles: string;
  series: string | null;
  nominationId: string | null;
  detail: string;
}

function describe(event: AwardSeasonEvent): string {
  const d = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'AwardSeasonOpened':
      return `${event.data.name} (${event.data.year}); gala ${event.data.galaAt}; series ${event.data.series.map((s) => `${s.key}: ${s.awards} awards, jurors ${s.jurors.map((j) => j.juror).join(' ')}, chair ${s.chair}${s.blind ? ', blind' : ''}`).join('; ')}`;
    case 'AwardSeasonRevised': {
      const r = event.data;
      return `settings changed (${r.changed.join(', ')}): ${r.name} (${r.year}); nominations ${r.nominationOpensAt} – ${r.nominationClosesAt}; gala ${r.galaAt}; series ${r.series.map((s) => `${s.key}: ${s.awards} awards, jurors ${s.jurors.map((j) => j.juror).join(' ')}, chair ${s.chair}${s.blind ? ', blind' : ''}`).join('; ')}`;
    }
    case 'NominationSubmitted':
      return `${event.data.source} nomination of ${JSON.stringify(presentNominee(event.data.nominee, false))}: ${event.data.justification}`;
    case 'NominationMerged':
      return `duplicate nomination merged: ${event.data.justification}`;
    case 'NominationScored':
      return `juror ${event.data.juror} scored ${JSON.stringify(event.data.scores)} in the ${event.data.round} round${event.data.comment ? `: ${event.data.comment}` : ''}`;
    case 'NominationScoreChanged':
      return `juror ${event.data.juror} changed ${JSON.stringify(event.data.previous)} to ${JSON.stringify(event.data.scores)} in the ${event.data.round} round${event.data.comment ? `: ${event.data.comment}` : ''}`;
    case 'JurorRecused':
      return `juror ${event.data.juror} recused (${event.data.reason})${event.data.detail ? `: ${event.data.detail}` : ''}`;
    case 'SeriesRevealed':
      return 'nominee names revealed to the jurors';
    case 'ShortlistOverridden':
      return `${event.data.action} in the ${event.data.round} round: ${event.data.reason}`;
    case 'RoundClosed':
      return `${event.data.round} round closed; through: ${event.data.selected.join(' ')}`;
    case 'AwardGranted':
      return `${event.data.category} "${event.data.title}" (award ${event.data.awardId})`;
    case 'AwardAnnounced':
      return `announced "${event.data.title}" (award ${event.data.awardId})`;
    case 'ResultsPublished':
      return `results published: ${event.data.awards} awards`;
    default:
      return JSON.stringify(d);
  }
}

export interface ReplayCheck {
  series: string;
  round: string;
  stored: string[];
  recomputed: string[];
  matches: boolean;
}

/** JSON with keys in one order: jsonb stores objects with its own key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));

/** Folds a season's events; at every closed round, recomputes the ranking from the events before it. */
export function replaySeason(events: Pick<RecordedEvent, 'type' | 'data'>[]): { state: SeasonState; checks: ReplayCheck[] } {
  let state = initialSeasonState();
  const checks: ReplayCheck[] = [];
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as AwardSeasonEvent;
    if (event.type === 'RoundClosed' && state.status === 'open') {
      const again = currentRanking(state, state.series[event.data.series]);
      checks.push({
        series: event.data.series,
        round: event.data.round,
        stored: event.data.selected,
        recomputed: again.selected,
        matches: canonical({ r: again.ranking, s: again.selected }) === canonical({ r: event.data.ranking, s: event.data.selected }),
      });
    }
    state = evolveSeason(state, event);
  }
  return { state, checks };
}

export class AuditQuery {
  constructor(readonly seasonId: string, readonly actor: Actor) {}
}

@QueryHandler(AuditQuery)
export class AuditHandler implements IQueryHandler<AuditQuery> {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ seasonId, actor }: AuditQuery) {
    const season = await loadSeason(this.db, seasonId);
    if (!accessOf(season, actor, this.pseudonyms.of(actor)).may('awards.audit')) throw ProblemException.of(403, 'award-audit-restricted', "Only programme admins and the season's jury chairs see the audit trail.");
    // Straight from the events, not from a read model: the audit is what happened.
    const events = await this.store.readStream(seasonStreamId(seasonId));
    const entries: AuditEntry[] = events.map((e) => {
      const d = e.data as { series?: string; nominationId?: string };
      return {
        seq: e.streamVersion,
        at: e.metadata.occurredAt ?? e.recordedAt,
        event: e.type,
        actor: e.metadata.actor?.subject ?? null,
        roles: (e.metadata.actor?.roles ?? []).join(' '),
        series: d.series ?? null,
        nominationId: d.nominationId ?? null,
        detail: plainText(describe({ type: e.type, data: e.data } as AwardSeasonEvent)),
      };
    });
    return { seasonId, entries, replay: replaySeason(events).checks };
  }
}

const csvCell = (value: unknown): string => {
  let text = value === null || value === undefined ? '' : String(value);
  // Spreadsheet formula injection: a cell must not start with = + - @.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function auditCsv(entries: AuditEntry[]): string {
  const header = ['seq', 'at', 'event', 'actor', 'roles', 'series', 'nominationId', 'detail'] as const;
  return [header.join(','), ...entries.map((e) => header.map((h) => csvCell(e[h])).join(','))].join('\r\n') + '\r\n';
}

export class ProposalsQuery {
  constructor(readonly seasonId: string, readonly series: string, readonly actor: Actor) {}
}

/** Tekojen tori proposes candidates the jury may accept: the most active organisations and the newest deeds of the window. */
@QueryHandler(ProposalsQuery)
export class ProposalsHandler implements IQueryHandler<ProposalsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource, @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer) {}

  async execute({ seasonId, series: key, actor }: ProposalsQuery) {
    const season = await loadSeason(this.db, seasonId);
    const series = requireChair(season, key, accessOf(season, actor, this.pseudonyms.of(actor)), 'awards.proposals', 'catalogue proposals');
    const window = [season.eligibleFrom, season.eligibleTo, seasonId, key];
    if (series.kind === 'deeds') {
      const rows = await this.db.query(
        `SELECT d.id, d.organisation, d.title, d.sector, d.first_published_at FROM deed_entries d
         WHERE d.status = 'published' AND d.first_published_at >= $1 AND d.first_published_at < $2
           AND NOT EXISTS (SELECT 1 FROM award_nominations n WHERE n.season_id = $3 AND n.series = $4 AND n.nominee->>'deedId' = d.id::text)
         ORDER BY d.first_published_at DESC, d.id LIMIT 20`,
        window,
      );
      return { seasonId, series: key, proposals: rows.map((r: Record<string, unknown>) => ({ kind: 'deed', deedId: r.id, organisation: r.organisation, title: plainText(String(r.title)), sector: r.sector, publishedAt: r.first_published_at, reason: 'most recent deeds' })) };
    }
    if (series.kind === 'organisations') {
      const rows = await this.db.query(
        `SELECT d.organisation, count(*)::int AS deeds FROM deed_entries d
         WHERE d.status = 'published' AND d.first_published_at >= $1 AND d.first_published_at < $2
           AND NOT EXISTS (SELECT 1 FROM award_nominations n WHERE n.season_id = $3 AND n.series = $4 AND n.organisation = d.organisation)
         GROUP BY d.organisation ORDER BY deeds DESC, d.organisation LIMIT 20`,
        window,
      );
      return { seasonId, series: key, proposals: rows.map((r: { organisation: string; deeds: number }) => ({ kind: 'organisation', organisation: r.organisation, deeds: r.deeds, reason: 'most published deeds' })) };
    }
    // The catalogue does not know people: employees are nominated by their organisations.
    return { seasonId, series: key, proposals: [] };
  }
}
