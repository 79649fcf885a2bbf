// An award season, pure: opening, nominations, jury scores and recusals, rounds, overrides, awards and the gala.
// Who may act is the access policy's (libs/platform/src/access-policy.ts): the guard checks roles before the
// command is issued; the decider completes the rule with what only the season knows (who judges, who chairs).
import { accept, permits, refuse, type Actor, type Decision, type PolicyKey } from '#platform';
import {
  CANONICAL_SERIES,
  DEFAULT_CRITERIA,
  nomineeKey,
  type AwardCategory,
  type AwardGranted,
  type AwardSeasonEvent,
  type AwardSeasonOpened,
  type AwardSeasonRevised,
  type Nominee,
  type Round,
  type ScoreSheet,
  type SeriesConfig,
  type Stage,
} from './award-season.events.js';
import { rankNominations, type Ranking } from './shortlist.js';

export interface SeasonContext {
  actor: Actor;
  /** The actor's keyed pseudonym: how jurors and chairs are named in the season. */
  pseudonym: string;
  now: Date;
}

/** What the catalogue says about a nominee, looked up by the handler before deciding. */
export interface NomineeEvidence {
  /** For a deed: its catalogue status and first publication, or null when there is no such deed. */
  deed?: { organisation: string; title: string; status: string; firstPublishedAt: string | null } | null;
  /** For an organisation: how many deeds it published inside the eligibility window. */
  publishedDeeds?: number;
}

/** A series as the admin changes it: the key names it; a field left out stays as it is. */
export type SeriesChange = { key: string } & Partial<Omit<SeriesConfig, 'key'>>;

/** What the admin changes in a season; a field left out stays as it is. `series`, when given, lists every series. */
export interface SeasonChanges {
  year?: number;
  name?: string;
  nominationOpensAt?: string;
  nominationClosesAt?: string;
  eligibleFrom?: string;
  eligibleTo?: string;
  galaAt?: string;
  series?: SeriesChange[];
}

export type SeasonCommand =
  | ({ type: 'OpenSeason'; context: SeasonContext } & AwardSeasonOpened['data'])
  | { type: 'ReviseSeason'; changes: SeasonChanges; context: SeasonContext }
  | { type: 'Nominate'; nominationId: string; series: string; nominee: Nominee; justification: string; source: 'nominator' | 'catalogue'; evidence: NomineeEvidence; context: SeasonContext }
  | { type: 'Score'; nominationId: string; scores: ScoreSheet; comment: string | null; context: SeasonContext }
  | { type: 'DeclareConflict'; nominationId: string; reason: string; context: SeasonContext }
  | { type: 'Reveal'; series: string; context: SeasonContext }
  | { type: 'Override'; series: string; nominationId: string; action: 'include' | 'exclude'; reason: string; context: SeasonContext }
  | { type: 'CloseRound'; series: string; context: SeasonContext }
  | { type: 'GrantAward'; awardId: string; nominationId: string; category: AwardCategory; subAward?: string; context: SeasonContext }
  | { type: 'AnnounceResults'; context: SeasonContext };

export interface SeriesState extends SeriesConfig {
  stage: Stage;
  revealed: boolean;
  shortlist: string[] | null;
  finalists: string[] | null;
  overrides: { round: Round; nominationId: string; action: 'include' | 'exclude' }[];
}

export interface NominationState {
  id: string;
  series: string;
  key: string;
  nominee: Nominee;
  /** Order of nomination in the season: the last tie-break. */
  seq: number;
  justifications: string[];
  recused: Record<string, 'own-organisation' | 'declared'>;
  scores: Record<string, { scores: ScoreSheet; comment: string | null }>;
}

export type SeasonState =
  | { status: 'none' }
  | {
      status: 'open';
      seasonId: string;
      year: number;
      name: string;
      nominationOpensAt: string;
      nominationClosesAt: string;
      eligibleFrom: string;
      eligibleTo: string;
      galaAt: string;
      series: Record<string, SeriesState>;
      nominations: Record<string, NominationState>;
      byNominee: Record<string, string>;
      nominationCount: number;
      awards: AwardGranted['data'][];
      announced: string[];
      published: boolean;
    };
type Open = Extract<SeasonState, { status: 'open' }>;

export const initialSeasonState = (): SeasonState => ({ status: 'none' });

/**
 * A season stream holds tens of thousands of score events, so the fold updates the nominations record in place
 * (copying a 2,000-entry record per event made folding quadratic: 20 s at 32,000 events). Each fold owns its
 * state: folds start from initialState() and earlier states are never read again once evolved.
 */
const withNomination = (state: Open, id: string, change: (n: NominationState) => NominationState): Open => {
  const nomination = state.nominations[id];
  if (!nomination) return state;
  state.nominations[id] = change(nomination);
  return { ...state };
};
const withSeries = (state: Open, key: string, change: (s: SeriesState) => SeriesState): Open => {
  const series = state.series[key];
  return series ? { ...state, series: { ...state.series, [key]: change(series) } } : state;
};

const freshSeries = (s: SeriesConfig): SeriesState => ({ ...s, stage: 'long-list', revealed: false, shortlist: null, finalists: null, overrides: [] });

export function evolveSeason(state: SeasonState, event: AwardSeasonEvent): SeasonState {
  if (event.type === 'AwardSeasonOpened') {
    const { series, ...rest } = event.data;
    return {
      status: 'open',
      ...rest,
      series: Object.fromEntries(series.map((s) => [s.key, freshSeries(s)])),
      nominations: {},
      byNominee: {},
      nominationCount: 0,
      awards: [],
      announced: [],
      published: false,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'AwardSeasonRevised': {
      const { series, changed: _changed, ...rest } = event.data;
      return { ...state, ...rest, series: Object.fromEntries(series.map((s) => [s.key, { ...(state.series[s.key] ?? freshSeries(s)), ...s }])) };
    }
    case 'NominationSubmitted': {
      const d = event.data;
      const key = `${d.series}|${nomineeKey(d.nominee)}`;
      const nomination: NominationState = {
        id: d.nominationId,
        series: d.series,
        key,
        nominee: d.nominee,
        seq: state.nominationCount + 1,
        justifications: d.justification ? [d.justification] : [],
        recused: {},
        scores: {},
      };
      state.nominations[d.nominationId] = nomination;
      state.byNominee[key] = d.nominationId;
      return { ...state, nominationCount: state.nominationCount + 1 };
    }
    case 'NominationMerged':
      return withNomination(state, event.data.nominationId, (n) => ({ ...n, justifications: [...n.justifications, event.data.justification] }));
    case 'NominationScored':
    case 'NominationScoreChanged':
      return withNomination(state, event.data.nominationId, (n) => ({ ...n, scores: { ...n.scores, [event.data.juror]: { scores: event.data.scores, comment: event.data.comment } } }));
    case 'JurorRecused':
      return withNomination(state, event.data.nominationId, (n) => ({ ...n, recused: { ...n.recused, [event.data.juror]: event.data.reason } }));
    case 'SeriesRevealed':
      return withSeries(state, event.data.series, (s) => ({ ...s, revealed: true }));
    case 'ShortlistOverridden':
      return withSeries(state, event.data.series, (s) => ({ ...s, overrides: [...s.overrides, { round: event.data.round, nominationId: event.data.nominationId, action: event.data.action }] }));
    case 'RoundClosed':
      return withSeries(state, event.data.series, (s) =>
        event.data.round === 'long-list' ? { ...s, stage: 'shortlist', shortlist: event.data.selected } : { ...s, stage: 'winners', finalists: event.data.selected },
      );
    case 'AwardGranted':
      return { ...state, awards: [...state.awards, event.data] };
    case 'AwardAnnounced':
      return { ...state, announced: [...state.announced, event.data.awardId] };
    case 'ResultsPublished':
      return { ...state, published: true };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The nominations of a series that are still in play in its current round. */
export function inPlay(state: Open, series: SeriesState): NominationState[] {
  const all = Object.values(state.nominations).filter((n) => n.series === series.key);
  if (series.stage === 'long-list') return all;
  const shortlist = new Set(series.shortlist ?? []);
  return all.filter((n) => shortlist.has(n.id));
}

/** The ranking of a series' current round, as the round would close now. */
export function currentRanking(state: Open, series: SeriesState): Ranking & { round: Round; size: number } {
  const round: Round = series.stage === 'shortlist' ? 'shortlist' : 'long-list';
  const nominations = inPlay(state, series);
  const size = round === 'long-list' ? series.shortlistSize : series.awards;
  const ranking = rankNominations({
    nominations: nominations.map((n) => ({ id: n.id, seq: n.seq })),
    scores: nominations.flatMap((n) => Object.entries(n.scores).map(([juror, s]) => ({ nominationId: n.id, juror, scores: s.scores }))),
    recused: nominations.flatMap((n) => Object.keys(n.recused).map((juror) => ({ nominationId: n.id, juror }))),
    criteria: series.criteria,
    size,
    overrides: series.overrides.filter((o) => o.round === round),
  });
  return { ...ranking, round, size };
}

/** The series' chair (and whoever else the policy names for `key`) may act on it. */
const chairMay = (key: PolicyKey, series: SeriesState, context: SeasonContext) => permits(key, context.actor, { relations: { 'series-chair': series.chair === context.pseudonym } });
/** The series' jurors may act on its nominations. */
const jurorMay = (key: PolicyKey, series: SeriesState, context: SeasonContext) => permits(key, context.actor, { relations: { 'series-juror': series.jurors.some((j) => j.juror === context.pseudonym) } });
const inWindow = (at: string | null | undefined, from: string, to: string) => !!at && Date.parse(at) >= Date.parse(from) && Date.parse(at) < Date.parse(to);
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

function openSeason(command: Extract<SeasonCommand, { type: 'OpenSeason' }>, state: SeasonState): Decision<AwardSeasonEvent> {
  if (state.status !== 'none') return refuse('conflict', 'award.season-exists', 'This award season already exists.');
  const { context: _context, type: _type, ...data } = command;
  const invalid = checkSettings(data);
  return invalid ?? accept({ type: 'AwardSeasonOpened', data });
}

/** What makes a season's settings sound, when it is opened and whenever it is changed. */
function checkSettings(data: AwardSeasonOpened['data']): Decision<AwardSeasonEvent> | null {
  if (!data.name.trim()) return refuse('invalid', 'award.name-required', 'An award season needs a name.');
  const t = (s: string) => Date.parse(s);
  if (t(data.nominationClosesAt) <= t(data.nominationOpensAt)) return refuse('invalid', 'award.nomination-window-empty', 'Nominations must close after they open.');
  if (t(data.eligibleTo) <= t(data.eligibleFrom)) return refuse('invalid', 'award.eligibility-window-empty', 'The eligibility window must end after it starts.');
  if (t(data.galaAt) < t(data.nominationClosesAt)) return refuse('invalid', 'award.gala-before-nominations-close', 'The gala cannot be before nominations close.');
  if (data.series.length === 0) return refuse('invalid', 'award.series-required', 'A season needs at least one series.');
  const keys = new Set<string>();
  for (const s of data.series) {
    if (!SLUG.test(s.key)) return refuse('invalid', 'award.series-key-invalid', `Series key "${s.key}" must be a lower-case identifier.`);
    if (keys.has(s.key)) return refuse('invalid', 'award.series-duplicate', `Series "${s.key}" is given twice.`);
    keys.add(s.key);
    if (!Number.isInteger(s.awards) || s.awards < 1) return refuse('invalid', 'award.awards-count-invalid', `Series "${s.key}" must give at least one award.`);
    if (s.shortlistSize < s.awards) return refuse('invalid', 'award.shortlist-too-short', `The shortlist of "${s.key}" must hold at least its ${s.awards} awards.`);
    if (s.criteria.length === 0) return refuse('invalid', 'award.criteria-required', `Series "${s.key}" needs criteria.`);
    if (new Set(s.criteria.map((c) => c.key)).size !== s.criteria.length) return refuse('invalid', 'award.criteria-duplicate', `Series "${s.key}" names a criterion twice.`);
    if (s.criteria.some((c) => !(c.weight > 0))) return refuse('invalid', 'award.weight-invalid', `Criterion weights of "${s.key}" must be positive.`);
    if (s.jurors.length === 0) return refuse('invalid', 'award.jurors-required', `Series "${s.key}" needs jurors.`);
    if (new Set(s.jurors.map((j) => j.juror)).size !== s.jurors.length) return refuse('invalid', 'award.juror-duplicate', `Series "${s.key}" lists a juror twice.`);
    if (new Set(s.subAwards).size !== s.subAwards.length) return refuse('invalid', 'award.sub-award-duplicate', `Series "${s.key}" names a sub-award twice.`);
    if (s.subAwards.length > 0 && s.kind !== 'deeds') return refuse('invalid', 'award.sub-awards-for-deeds', 'Named sub-awards belong to the deeds series.');
  }
  return null;
}

const configOf = ({ stage: _st, revealed: _r, shortlist: _sh, finalists: _f, overrides: _o, ...config }: SeriesState): SeriesConfig => config;
const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** A series' fields that may change after the first nomination: who judges and who chairs. */
const JURY_FIELDS = new Set(['jurors', 'chair']);

/**
 * Changing a season: until its results are announced, its name, windows and gala date and each series' jurors and
 * chair; until the first nomination, also its series, their criteria and weights and everything else about them
 * (nominations and scores are made against those). The changed settings are checked as when the season opened.
 */
function reviseSeason(command: Extract<SeasonCommand, { type: 'ReviseSeason' }>, state: Open): Decision<AwardSeasonEvent> {
  if (state.published) return refuse('conflict', 'award.season-announced', 'The results of this season have been announced: its settings no longer change.');
  const { series: seriesChanges, ...changes } = command.changes;
  const before = Object.values(state.series).map(configOf);
  const series: SeriesConfig[] = [];
  for (const change of seriesChanges ?? before) {
    const existing = state.series[change.key];
    if (existing) {
      series.push({ ...configOf(existing), ...defined(change) });
      continue;
    }
    const { kind, awards, jurors, chair } = change;
    if (!kind || awards === undefined || !jurors || chair === undefined) {
      return refuse('invalid', 'award.series-incomplete', `The new series "${change.key}" needs its kind, number of awards, jurors and chair.`);
    }
    series.push({
      key: change.key,
      name: change.name ?? (CANONICAL_SERIES[kind].key === change.key ? CANONICAL_SERIES[kind].name : change.key),
      kind,
      awards,
      shortlistSize: change.shortlistSize ?? awards * 2,
      criteria: change.criteria ?? DEFAULT_CRITERIA,
      jurors,
      chair,
      blind: change.blind ?? false,
      subAwards: change.subAwards ?? [],
    });
  }
  const current = { seasonId: state.seasonId, year: state.year, name: state.name, nominationOpensAt: state.nominationOpensAt, nominationClosesAt: state.nominationClosesAt, eligibleFrom: state.eligibleFrom, eligibleTo: state.eligibleTo, galaAt: state.galaAt };
  const next: AwardSeasonOpened['data'] = { ...current, ...defined(changes), seasonId: state.seasonId, series };
  const invalid = checkSettings(next);
  if (invalid) return invalid;
  const changed: string[] = (Object.keys(current) as (keyof typeof current)[]).filter((k) => next[k] !== current[k]);
  if (!same(series.map((s) => s.key), before.map((s) => s.key))) changed.push('series');
  const seriesChanged = series.flatMap((s) => {
    const old = before.find((b) => b.key === s.key);
    return old ? (Object.keys(s) as (keyof SeriesConfig)[]).filter((k) => !same(s[k], old[k])).map((k) => `${s.key}.${k}`) : [];
  });
  const all: string[] = [...changed, ...seriesChanged];
  if (all.length === 0) return accept();
  const structural = all.filter((c) => c === 'series' || (c.includes('.') && !JURY_FIELDS.has(c.slice(c.lastIndexOf('.') + 1))));
  if (structural.length > 0 && state.nominationCount > 0) {
    return refuse('conflict', 'award.series-locked', `Series, their criteria and weights change only until the first nomination; this season has nominations (${structural.join(', ')}).`);
  }
  // A juror is never asked to judge their own organisation: whoever joins a jury is recused as at nomination.
  const recusals: AwardSeasonEvent[] = series.flatMap((s) =>
    Object.values(state.nominations)
      .filter((n) => n.series === s.key)
      .flatMap((n) =>
        s.jurors
          .filter((j) => j.organisation === n.nominee.organisation && !n.recused[j.juror])
          .map((j) => ({ type: 'JurorRecused', data: { seasonId: state.seasonId, nominationId: n.id, series: s.key, juror: j.juror, reason: 'own-organisation', detail: null } }) as AwardSeasonEvent),
      ),
  );
  const revised: AwardSeasonRevised = { type: 'AwardSeasonRevised', data: { ...next, changed: all } };
  return accept(revised, ...recusals);
}

function nominate(command: Extract<SeasonCommand, { type: 'Nominate' }>, state: Open): Decision<AwardSeasonEvent> {
  const { context, nominee, evidence } = command;
  const series = state.series[command.series];
  if (!series) return refuse('not-found', 'award.series-not-found', `The season has no series "${command.series}".`);
  const allowed = command.source === 'catalogue' ? chairMay('awards.accept-proposal', series, context) : permits('awards.nominate', context.actor, { organisation: nominee.organisation });
  if (!allowed) {
    return refuse('forbidden', 'award.nominators-only', command.source === 'catalogue' ? `Only the chair of "${series.name}" accepts catalogue proposals.` : `Editors of ${context.actor.organisation} nominate only their own organisation, its deeds and its employees.`);
  }
  const now = context.now.getTime();
  if (now < Date.parse(state.nominationOpensAt) || now >= Date.parse(state.nominationClosesAt)) {
    return refuse('conflict', 'award.nominations-closed', `Nominations are taken from ${state.nominationOpensAt} until ${state.nominationClosesAt}.`);
  }
  if (series.stage !== 'long-list') return refuse('conflict', 'award.round-closed', 'The long list of this series has been closed.');
  const expected = { deeds: 'deed', organisations: 'organisation', employees: 'employee' }[series.kind];
  if (nominee.kind !== expected) return refuse('invalid', 'award.nominee-kind', `"${series.name}" takes nominees of kind "${expected}", not "${nominee.kind}".`);
  if (nominee.kind === 'deed') {
    const deed = evidence.deed;
    if (!deed) return refuse('not-found', 'award.deed-not-found', 'There is no such deed in the catalogue.');
    if (deed.status !== 'published') return refuse('conflict', 'award.deed-not-published', 'Only deeds published in the catalogue can be nominated.');
    if (!inWindow(deed.firstPublishedAt, state.eligibleFrom, state.eligibleTo)) {
      return refuse('conflict', 'award.deed-not-eligible', `The deed was first published ${deed.firstPublishedAt}; this season takes deeds published from ${state.eligibleFrom} until ${state.eligibleTo}.`);
    }
  }
  if (nominee.kind === 'organisation' && !((evidence.publishedDeeds ?? 0) > 0)) {
    return refuse('conflict', 'award.organisation-without-deeds', `${nominee.organisation} has published no deeds between ${state.eligibleFrom} and ${state.eligibleTo}.`);
  }
  if (nominee.kind === 'employee') {
    if (!nominee.name.trim()) return refuse('invalid', 'award.name-required', 'Name the employee you nominate.');
    if (!command.justification.trim()) return refuse('invalid', 'award.justification-required', 'Tell why the employee deserves the award.');
  }
  const key = `${series.key}|${nomineeKey(nominee)}`;
  const existing = state.byNominee[key];
  if (existing) {
    const justification = command.justification.trim();
    if (!justification || state.nominations[existing].justifications.includes(justification)) return accept();
    return accept({ type: 'NominationMerged', data: { seasonId: state.seasonId, nominationId: existing, series: series.key, justification } });
  }
  const recusals: AwardSeasonEvent[] = series.jurors
    .filter((j) => j.organisation === nominee.organisation)
    .map((j) => ({ type: 'JurorRecused', data: { seasonId: state.seasonId, nominationId: command.nominationId, series: series.key, juror: j.juror, reason: 'own-organisation', detail: null } }));
  return accept(
    { type: 'NominationSubmitted', data: { seasonId: state.seasonId, nominationId: command.nominationId, series: series.key, nominee, justification: command.justification.trim(), source: command.source } },
    ...recusals,
  );
}

function score(command: Extract<SeasonCommand, { type: 'Score' }>, state: Open): Decision<AwardSeasonEvent> {
  const nomination = state.nominations[command.nominationId];
  if (!nomination) return refuse('not-found', 'award.nomination-not-found', 'There is no such nomination.');
  const series = state.series[nomination.series];
  const { context } = command;
  if (!jurorMay('awards.score', series, context)) return refuse('forbidden', 'award.jurors-only', `Only the jurors of "${series.name}" score its nominations.`);
  if (nomination.recused[context.pseudonym] || context.actor.organisation === nomination.nominee.organisation) {
    return refuse('conflict', 'award.recused', 'You are recused from this nomination (conflict of interest), so you cannot score it.');
  }
  if (series.stage === 'winners') return refuse('conflict', 'award.round-closed', 'The rounds of this series are closed: scores can no longer change.');
  if (series.stage === 'shortlist' && !(series.shortlist ?? []).includes(nomination.id)) {
    return refuse('conflict', 'award.not-shortlisted', 'This nomination did not reach the shortlist; the long list is closed.');
  }
  const keys = series.criteria.map((c) => c.key);
  const missing = keys.filter((k) => !(k in command.scores));
  const unknown = Object.keys(command.scores).filter((k) => !keys.includes(k));
  if (missing.length || unknown.length) {
    return refuse('invalid', 'award.criteria-mismatch', `Score every criterion of the series once: ${[missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.join(', ')}` : ''].filter(Boolean).join('; ')}.`);
  }
  const bad = keys.filter((k) => !Number.isInteger(command.scores[k]) || command.scores[k] < 1 || command.scores[k] > 5);
  if (bad.length) return refuse('invalid', 'award.score-range', `Scores are whole numbers 1–5: check ${bad.join(', ')}.`);
  const scores = Object.fromEntries(keys.map((k) => [k, command.scores[k]]));
  const round: Round = series.stage;
  const previous = nomination.scores[context.pseudonym];
  const base = { seasonId: state.seasonId, nominationId: nomination.id, series: series.key, juror: context.pseudonym, round, scores, comment: command.comment };
  if (!previous) return accept({ type: 'NominationScored', data: base });
  if (JSON.stringify(previous.scores) === JSON.stringify(scores) && previous.comment === command.comment) return accept();
  return accept({ type: 'NominationScoreChanged', data: { ...base, previous: previous.scores } });
}

function declareConflict(command: Extract<SeasonCommand, { type: 'DeclareConflict' }>, state: Open): Decision<AwardSeasonEvent> {
  const nomination = state.nominations[command.nominationId];
  if (!nomination) return refuse('not-found', 'award.nomination-not-found', 'There is no such nomination.');
  const series = state.series[nomination.series];
  if (!jurorMay('awards.conflict', series, command.context)) return refuse('forbidden', 'award.jurors-only', `Only the jurors of "${series.name}" declare conflicts on its nominations.`);
  if (!command.reason.trim()) return refuse('invalid', 'award.reason-required', 'Say what the conflict of interest is.');
  if (series.stage === 'winners') return refuse('conflict', 'award.round-closed', 'The rounds of this series are closed.');
  if (nomination.recused[command.context.pseudonym]) return accept();
  return accept({
    type: 'JurorRecused',
    data: { seasonId: state.seasonId, nominationId: nomination.id, series: series.key, juror: command.context.pseudonym, reason: 'declared', detail: command.reason.trim() },
  });
}

function chairOf(state: Open, key: string, context: SeasonContext, policy: PolicyKey, action: string): SeriesState | Decision<AwardSeasonEvent> {
  const series = state.series[key];
  if (!series) return refuse('not-found', 'award.series-not-found', `The season has no series "${key}".`);
  if (!chairMay(policy, series, context)) return refuse('forbidden', 'award.chair-only', `Only the chair of "${series.name}" may ${action}.`);
  return series;
}
const isDecision = (x: SeriesState | Decision<AwardSeasonEvent>): x is Decision<AwardSeasonEvent> => 'ok' in x;

function grantAward(command: Extract<SeasonCommand, { type: 'GrantAward' }>, state: Open): Decision<AwardSeasonEvent> {
  const nomination = state.nominations[command.nominationId];
  if (!nomination) return refuse('not-found', 'award.nomination-not-found', 'There is no such nomination.');
  const series = chairOf(state, nomination.series, command.context, 'awards.grant', 'grant its awards');
  if (isDecision(series)) return series;
  if (series.stage !== 'winners') return refuse('conflict', 'award.rounds-open', 'Close the long list and the shortlist round before granting awards.');
  const granted = state.awards.filter((a) => a.series === series.key);
  let title: string;
  switch (command.category) {
    case 'winner':
      if (!(series.finalists ?? []).includes(nomination.id)) return refuse('conflict', 'award.not-a-finalist', 'Only a finalist of the shortlist round can win; override the round to change who they are.');
      if (granted.some((a) => a.category === 'winner' && a.nominationId === nomination.id)) return refuse('conflict', 'award.already-granted', 'This nomination has already won.');
      if (granted.filter((a) => a.category === 'winner').length >= series.awards) return refuse('conflict', 'award.awards-exhausted', `"${series.name}" gives ${series.awards} awards, and all have been granted.`);
      title = series.name;
      break;
    case 'sub-award':
      if (!command.subAward || !series.subAwards.includes(command.subAward)) {
        return refuse('invalid', 'award.sub-award-unknown', `Name one of the series' sub-awards: ${series.subAwards.join(', ') || 'this series has none'}.`);
      }
      if (granted.some((a) => a.category === 'sub-award' && a.title === command.subAward)) return refuse('conflict', 'award.already-granted', `"${command.subAward}" has already been granted.`);
      if (!(series.shortlist ?? []).includes(nomination.id)) return refuse('conflict', 'award.not-shortlisted', 'Only a shortlisted nomination can receive a sub-award.');
      title = command.subAward;
      break;
    case 'honourable-mention':
      if (!(series.shortlist ?? []).includes(nomination.id)) return refuse('conflict', 'award.not-shortlisted', 'Only a shortlisted nomination can receive an honourable mention.');
      if (granted.some((a) => a.category === 'honourable-mention' && a.nominationId === nomination.id)) return refuse('conflict', 'award.already-granted', 'This nomination already has an honourable mention.');
      title = `Kunniamaininta – ${series.name}`;
      break;
    default: {
      const unknown: never = command.category;
      return unknown;
    }
  }
  return accept({ type: 'AwardGranted', data: { seasonId: state.seasonId, awardId: command.awardId, series: series.key, nominationId: nomination.id, category: command.category, title, nominee: nomination.nominee } });
}

export function decideSeason(command: SeasonCommand, state: SeasonState): Decision<AwardSeasonEvent> {
  if (command.type === 'OpenSeason') return openSeason(command, state);
  if (state.status === 'none') return refuse('not-found', 'award.season-not-found', 'There is no such award season.');
  const { context } = command;
  switch (command.type) {
    case 'ReviseSeason':
      return reviseSeason(command, state);
    case 'Nominate':
      return nominate(command, state);
    case 'Score':
      return score(command, state);
    case 'DeclareConflict':
      return declareConflict(command, state);
    case 'Reveal': {
      const series = chairOf(state, command.series, context, 'awards.reveal', 'reveal its nominees');
      if (isDecision(series)) return series;
      if (!series.blind) return refuse('conflict', 'award.not-blind', `"${series.name}" is not reviewed blind: there is nothing to reveal.`);
      return series.revealed ? accept() : accept({ type: 'SeriesRevealed', data: { seasonId: state.seasonId, series: series.key } });
    }
    case 'Override': {
      const series = chairOf(state, command.series, context, 'awards.override', 'override its shortlist');
      if (isDecision(series)) return series;
      if (series.stage === 'winners') return refuse('conflict', 'award.round-closed', 'The rounds of this series are closed.');
      if (!inPlay(state, series).some((n) => n.id === command.nominationId)) return refuse('not-found', 'award.nomination-not-found', 'No such nomination is in play in this round of the series.');
      if (!command.reason.trim()) return refuse('invalid', 'award.reason-required', 'An override needs a reason.');
      return accept({
        type: 'ShortlistOverridden',
        data: { seasonId: state.seasonId, series: series.key, round: series.stage, nominationId: command.nominationId, action: command.action, reason: command.reason.trim() },
      });
    }
    case 'CloseRound': {
      const series = chairOf(state, command.series, context, 'awards.close-round', 'close its round');
      if (isDecision(series)) return series;
      if (series.stage === 'winners') return refuse('conflict', 'award.rounds-closed', 'Both rounds of this series are already closed.');
      if (context.now.getTime() < Date.parse(state.nominationClosesAt)) return refuse('conflict', 'award.nominations-open', `Nominations are open until ${state.nominationClosesAt}; the long list closes after that.`);
      const { ranking, selected, round, size } = currentRanking(state, series);
      return accept({ type: 'RoundClosed', data: { seasonId: state.seasonId, series: series.key, round, size, ranking, selected } });
    }
    case 'GrantAward':
      return grantAward(command, state);
    case 'AnnounceResults': {
      if (context.now.getTime() < Date.parse(state.galaAt)) return refuse('conflict', 'award.embargoed', `The results are embargoed until the gala on ${state.galaAt}.`);
      const series = Object.fromEntries(Object.values(state.series).map((s) => [s.key, s.name]));
      const fresh = state.awards.filter((a) => !state.announced.includes(a.awardId));
      const announced: AwardSeasonEvent[] = fresh.map((a) => ({
        type: 'AwardAnnounced',
        data: { seasonId: state.seasonId, awardId: a.awardId, year: state.year, seasonName: state.name, series: a.series, seriesName: series[a.series], category: a.category, title: a.title, nominee: a.nominee },
      }));
      if (state.published && announced.length === 0) return accept();
      return accept(...announced, ...(state.published ? [] : [{ type: 'ResultsPublished', data: { seasonId: state.seasonId, awards: state.awards.length } } as AwardSeasonEvent]));
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const seasonDecider = { decide: decideSeason, evolve: evolveSeason, initialState: initialSeasonState };
