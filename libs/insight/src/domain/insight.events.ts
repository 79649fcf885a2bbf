// What is recorded about organisation units and incentive rules. Plain typed data, like every event.
import { IDEA_EVENT_TYPES, type IdeaEventType } from '#ideas';

/** A unit's headcount from a date on (a correction of the same date replaces the earlier figure). */
export type UnitHeadcountSet = {
  type: 'UnitHeadcountSet';
  data: {
    organisation: string;
    /** The unit id ideas use in their `unit` field. */
    unit: string;
    /** Display name, when the import gave one. */
    name?: string;
    headcount: number;
    /** YYYY-MM-DD, in Finnish time: the headcount holds from this day until a later one. */
    validFrom: string;
  };
};

/** A bonus on top of the points per event. */
export type IncentiveBonus =
  /** A unit earns `points` in a period where at least this share of its staff took part. */
  | { kind: 'participation'; atLeast: number; points: number }
  /** Each idea decided (adopted or rejected) within this many days of its submission earns `points`. */
  | { kind: 'quick-decision'; withinDays: number; points: number };

export interface IncentiveRules {
  name?: string;
  /** Points per idea event type, e.g. { IdeaSubmitted: 1, IdeaAdopted: 5 }; types not named earn nothing. */
  points: Partial<Record<IdeaEventType, number>>;
  bonuses: IncentiveBonus[];
}

export type IncentiveRulesPublished = {
  type: 'IncentiveRulesPublished';
  data: IncentiveRules & { organisation: string; version: number };
};

export type InsightEvent = UnitHeadcountSet | IncentiveRulesPublished;

export const unitsStreamId = (organisation: string): string => `org-units-${organisation}`;
export const rulesStreamId = (organisation: string): string => `incentive-rules-${organisation}`;

export const POINT_EVENT_TYPES: readonly IdeaEventType[] = IDEA_EVENT_TYPES;
