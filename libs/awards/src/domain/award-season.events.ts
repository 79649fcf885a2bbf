// Gaala: one award season is one stream. Every nomination, score, recusal, override, round and award is an event on it,
// so the season's audit and its shortlists can always be rebuilt from the stream alone.

export const SERIES_KINDS = ['organisations', 'employees', 'deeds'] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

/** The programme's own series, used when the admin gives a kind without a key or a name. */
export const CANONICAL_SERIES: Record<SeriesKind, { key: string; name: string }> = {
  organisations: { key: 'ihmeiden-tekijat', name: 'Ihmeiden tekijät' },
  employees: { key: 'oman-tyon-sankarit', name: 'Oman työn sankarit' },
  deeds: { key: 'innostavat-teot', name: 'Innostavat teot' },
};

/** The programme's criteria: productive, bold development done jointly, for customers, and worth copying. */
export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'results', name: 'Tulokset ja tuottavuus', weight: 1 },
  { key: 'boldness', name: 'Rohkeus', weight: 1 },
  { key: 'staff-driven', name: 'Henkilöstölähtöisyys', weight: 1 },
  { key: 'customer', name: 'Asiakaslähtöisyys', weight: 1 },
  { key: 'transferability', name: 'Siirrettävyys', weight: 1 },
];

export interface Criterion {
  key: string;
  name: string;
  weight: number;
}

export interface Juror {
  /** Pseudonym of the juror's subject id. */
  juror: string;
  organisation: string;
}

export interface SeriesConfig {
  key: string;
  name: string;
  kind: SeriesKind;
  /** How many awards the series gives (2019: 6, 10, 25). */
  awards: number;
  /** How many nominations the long list is cut to. */
  shortlistSize: number;
  criteria: Criterion[];
  jurors: Juror[];
  /** Pseudonym of the chair. */
  chair: string;
  /** Nominee organisation and person names hidden from jurors until the chair reveals them. */
  blind: boolean;
  /** Named sub-awards, one each: e.g. "Vuoden ympäristöteko". */
  subAwards: string[];
}

export type Nominee =
  | { kind: 'deed'; deedId: string; organisation: string; title: string }
  | { kind: 'organisation'; organisation: string }
  | { kind: 'employee'; organisation: string; name: string; unit?: string; person?: string };

export const ROUNDS = ['long-list', 'shortlist'] as const;
export type Round = (typeof ROUNDS)[number];
export type Stage = Round | 'winners';
export const AWARD_CATEGORIES = ['winner', 'sub-award', 'honourable-mention'] as const;
export type AwardCategory = (typeof AWARD_CATEGORIES)[number];
export type ScoreSheet = Record<string, number>;

export interface RankedEntry {
  nominationId: string;
  rank: number;
  /** Mean of the jurors' z-scores (each juror's weighted means normalised to mean 0, sd 1). */
  normalised: number | null;
  /** Mean of the jurors' raw weighted means, 1–5. */
  rawMean: number | null;
  jurors: number;
  selected: boolean;
  override?: 'include' | 'exclude';
}

export type AwardSeasonOpened = {
  type: 'AwardSeasonOpened';
  data: {
    seasonId: string;
    year: number;
    name: string;
    nominationOpensAt: string;
    nominationClosesAt: string;
    eligibleFrom: string;
    eligibleTo: string;
    galaAt: string;
    series: SeriesConfig[];
  };
};
/**
 * The admin changed the season's settings: the whole settings as they now stand, and what changed (`name`,
 * `galaAt`, …, `series` for series added, removed or reordered, `<series>.<field>` for a series' own fields).
 */
export type AwardSeasonRevised = {
  type: 'AwardSeasonRevised';
  data: AwardSeasonOpened['data'] & { changed: string[] };
};
export type NominationSubmitted = {
  type: 'NominationSubmitted';
  data: { seasonId: string; nominationId: string; series: string; nominee: Nominee; justification: string; source: 'nominator' | 'catalogue' };
};
/** A second nomination of the same nominee in the same series: one nomination, every justification kept. */
export type NominationMerged = { type: 'NominationMerged'; data: { seasonId: string; nominationId: string; series: string; justification: string } };
export type NominationScored = {
  type: 'NominationScored';
  data: { seasonId: string; nominationId: string; series: string; juror: string; round: Round; scores: ScoreSheet; comment: string | null };
};
export type NominationScoreChanged = {
  type: 'NominationScoreChanged';
  data: { seasonId: string; nominationId: string; series: string; juror: string; round: Round; scores: ScoreSheet; comment: string | null; previous: ScoreSheet };
};
export type JurorRecused = {
  type: 'JurorRecused';
  data: { seasonId: string; nominationId: string; series: string; juror: string; reason: 'own-organisation' | 'declared'; detail: string | null };
};
export type SeriesRevealed = { type: 'SeriesRevealed'; data: { seasonId: string; series: string } };
export type ShortlistOverridden = {
  type: 'ShortlistOverridden';
  data: { seasonId: string; series: string; round: Round; nominationId: string; action: 'include' | 'exclude'; reason: string };
};
export type RoundClosed = { type: 'RoundClosed'; data: { seasonId: string; series: string; round: Round; size: number; ranking: RankedEntry[]; selected: string[] } };
export type AwardGranted = {
  type: 'AwardGranted';
  data: { seasonId: string; awardId: string; series: string; nominationId: string; category: AwardCategory; title: string; nominee: Nominee };
};
/** The gala has been held: the awards are public from here on. */
export type AwardAnnounced = {
  type: 'AwardAnnounced';
  data: { seasonId: string; awardId: string; year: number; seasonName: string; series: string; seriesName: string; category: AwardCategory; title: string; nominee: Nominee };
};
export type ResultsPublished = { type: 'ResultsPublished'; data: { seasonId: string; awards: number } };

export type AwardSeasonEvent =
  | AwardSeasonOpened
  | AwardSeasonRevised
  | NominationSubmitted
  | NominationMerged
  | NominationScored
  | NominationScoreChanged
  | JurorRecused
  | SeriesRevealed
  | ShortlistOverridden
  | RoundClosed
  | AwardGranted
  | AwardAnnounced
  | ResultsPublished;

export const AWARD_EVENT_TYPES: readonly AwardSeasonEvent['type'][] = [
  'AwardSeasonOpened',
  'AwardSeasonRevised',
  'NominationSubmitted',
  'NominationMerged',
  'NominationScored',
  'NominationScoreChanged',
  'JurorRecused',
  'SeriesRevealed',
  'ShortlistOverridden',
  'RoundClosed',
  'AwardGranted',
  'AwardAnnounced',
  'ResultsPublished',
];

export const SEASON_STREAM_PREFIX = 'award-season-';
export const seasonStreamId = (seasonId: string): string => `${SEASON_STREAM_PREFIX}${seasonId}`;
export const isSeasonStream = (streamId: string): boolean => streamId.startsWith(SEASON_STREAM_PREFIX);
export const seasonIdOf = (streamId: string): string => streamId.slice(SEASON_STREAM_PREFIX.length);

/** Same nominee, same series → same key: that is what merges duplicate nominations. */
export function nomineeKey(nominee: Nominee): string {
  switch (nominee.kind) {
    case 'deed':
      return `deed:${nominee.deedId}`;
    case 'organisation':
      return `organisation:${nominee.organisation}`;
    case 'employee':
      return nominee.person ? `employee:${nominee.organisation}:${nominee.person}` : `employee:${nominee.organisation}:${nominee.name.trim().toLowerCase().replace(/\s+/g, ' ')}`;
    default: {
      const unknown: never = nominee;
      return unknown;
    }
  }
}
