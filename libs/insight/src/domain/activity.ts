// Unit activity (Imatra's model), folded from events: per unit and period the ideas submitted, piloted
// and adopted per 100 staff, the share of staff who took part, the median time to a decision, and the
// incentive points under each published version of the rules. Pure: the caller supplies the events.
import type { IncentiveBonus, IncentiveRules } from './insight.events.js';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const DAY_MS = 86_400_000;
const FINNISH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Finland (YYYY-MM-DD) of an instant: periods follow Finnish time. */
export function finnishDay(at: Date | number): string {
  return FINNISH_DAY.format(at);
}

/** The key of the period a day (YYYY-MM-DD) falls in: 2025-03, 2025-Q1 or 2025. */
export function periodOf(day: string, kind: PeriodKind): string {
  const year = day.slice(0, 4);
  if (kind === 'year') return year;
  const month = Number(day.slice(5, 7));
  return kind === 'month' ? day.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** First and last day (YYYY-MM-DD) of a period. */
export function periodBounds(key: string, kind: PeriodKind): { start: string; end: string } {
  const year = Number(key.slice(0, 4));
  let first = 1;
  let last = 12;
  if (kind === 'month') first = last = Number(key.slice(5, 7));
  if (kind === 'quarter') {
    first = (Number(key.slice(6)) - 1) * 3 + 1;
    last = first + 2;
  }
  return { start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}` };
}

/** Every period from the one holding `fromDay` to the one holding `toDay`, in order. */
export function periodsBetween(fromDay: string, toDay: string, kind: PeriodKind): string[] {
  const out: string[] = [];
  const step = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  let year = Number(fromDay.slice(0, 4));
  let month = kind === 'year' ? 1 : kind === 'quarter' ? Math.floor((Number(fromDay.slice(5, 7)) - 1) / 3) * 3 + 1 : Number(fromDay.slice(5, 7));
  const last = periodOf(toDay, kind);
  for (;;) {
    const key = periodOf(`${year}-${pad(month)}-01`, kind);
    if (key > last) break;
    out.push(key);
    month += step;
    while (month > 12) {
      month -= 12;
      year++;
    }
  }
  return out;
}

/** One idea event, narrowed to what activity needs. Events of one idea arrive in stream order. */
export interface ActivityEvent {
  ideaId: string;
  type: string;
  /** When it happened (ISO 8601). */
  occurredAt: string;
  /** IdeaSubmitted only: the unit the idea belongs to. */
  unit?: string;
  /** The person taking part, by pseudonym: the submitter, a commenter or a supporter. */
  participant?: string;
}

export interface HeadcountEntry {
  unit: string;
  name?: string;
  headcount: number;
  validFrom: string;
}

export interface RulesVersion extends IncentiveRules {
  version: number;
  publishedAt: string;
}

export interface ActivityOptions {
  kind: PeriodKind;
  /** First and last day (YYYY-MM-DD) of the range; the periods holding them are included whole. */
  fromDay: string;
  toDay: string;
  /** Only this unit. */
  unit?: string;
}

export interface PeriodFigures {
  period: string;
  start: string;
  end: string;
  /** The headcount in force on the period's last day; null when none was set (rates are then null too). */
  headcount: number | null;
  submitted: number;
  piloted: number;
  adopted: number;
  rejected: number;
  perHundredStaff: { submitted: number | null; piloted: number | null; adopted: number | null };
  /** Distinct people (pseudonyms) who submitted, commented or supported an idea of the unit in the period. */
  participants: number;
  participation: number | null;
  decisions: number;
  medianDaysToDecision: number | null;
  /** Points under each rules version, keyed by version: old figures stay beside new ones. */
  pointsByRules: Record<string, number>;
}

export interface UnitActivity {
  unit: string;
  name: string | null;
  periods: PeriodFigures[];
}

interface Bucket {
  submitted: number;
  piloted: number;
  adopted: number;
  rejected: number;
  participants: Set<string>;
  decisionDays: number[];
  types: Map<string, number>;
}

const newBucket = (): Bucket => ({ submitted: 0, piloted: 0, adopted: 0, rejected: 0, participants: new Set(), decisionDays: [], types: new Map() });

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const perHundred = (count: number, headcount: number | null) => (headcount ? round((count * 100) / headcount, 2) : null);

/** The headcount of a unit on a day: the entry with the latest validFrom on or before it (a later record of the same date wins). */
export function headcountOn(entries: HeadcountEntry[], unit: string, day: string): number | null {
  let best: HeadcountEntry | undefined;
  for (const entry of entries) {
    if (entry.unit !== unit || entry.validFrom > day) continue;
    if (!best || entry.validFrom >= best.validFrom) best = entry;
  }
  return best ? best.headcount : null;
}

/** Points one version of the rules gives a unit's period. */
export function pointsFor(rules: IncentiveRules, bucket: { types: Map<string, number>; decisionDays: number[] }, participation: number | null): number {
  let points = 0;
  for (const [type, count] of bucket.types) points += (rules.points[type as keyof IncentiveRules['points']] ?? 0) * count;
  for (const bonus of rules.bonuses as IncentiveBonus[]) {
    if (bonus.kind === 'participation' && participation !== null && participation >= bonus.atLeast) points += bonus.points;
    if (bonus.kind === 'quick-decision') points += bonus.points * bucket.decisionDays.filter((d) => d <= bonus.withinDays).length;
  }
  return round(points, 2);
}

/**
 * Folds idea events, headcounts and rules into figures per unit and period. Events of an idea whose
 * submission is not among them are ignored (the idea belongs to no known unit).
 */
export function computeActivity(events: Iterable<ActivityEvent>, headcounts: HeadcountEntry[], rules: RulesVersion[], options: ActivityOptions): UnitActivity[] {
  const ideas = new Map<string, { unit: string; submittedAt: number }>();
  const buckets = new Map<string, Map<string, Bucket>>();
  for (const event of events) {
    let idea = ideas.get(event.ideaId);
    if (event.type === 'IdeaSubmitted' && event.unit !== undefined) {
      idea = { unit: event.unit, submittedAt: Date.parse(event.occurredAt) };
      ideas.set(event.ideaId, idea);
    }
    if (!idea) continue;
    if (options.unit !== undefined && idea.unit !== options.unit) continue;
    const day = finnishDay(Date.parse(event.occurredAt));
    const key = periodOf(day, options.kind);
    let units = buckets.get(idea.unit);
    if (!units) buckets.set(idea.unit, (units = new Map()));
    let bucket = units.get(key);
    if (!bucket) units.set(key, (bucket = newBucket()));
    bucket.types.set(event.type, (bucket.types.get(event.type) ?? 0) + 1);
    if (event.participant) bucket.participants.add(event.participant);
    switch (event.type) {
      case 'IdeaSubmitted':
        bucket.submitted++;
        break;
      case 'IdeaPilotStarted':
        bucket.piloted++;
        break;
      case 'IdeaAdopted':
      case 'IdeaRejected':
        if (event.type === 'IdeaAdopted') bucket.adopted++;
        else bucket.rejected++;
        bucket.decisionDays.push(Math.max(0, (Date.parse(event.occurredAt) - idea.submittedAt) / DAY_MS));
        break;
    }
  }
  const names = new Map<string, string>();
  for (const entry of headcounts) if (entry.name) names.set(entry.unit, entry.name);
  // The unit asked for is answered even without headcounts or ideas (all zero); otherwise every unit known.
  const unitIds = options.unit !== undefined ? new Set([options.unit]) : new Set<string>([...headcounts.map((h) => h.unit), ...buckets.keys()]);
  const periods = periodsBetween(options.fromDay, options.toDay, options.kind);
  const out: UnitActivity[] = [];
  for (const unit of [...unitIds].sort()) {
    const unitBuckets = buckets.get(unit);
    out.push({
      unit,
      name: names.get(unit) ?? null,
      periods: periods.map((period) => {
        const { start, end } = periodBounds(period, options.kind);
        const bucket = unitBuckets?.get(period) ?? newBucket();
        const headcount = headcountOn(headcounts, unit, end);
        const participation = headcount ? round(bucket.participants.size / headcount, 4) : null;
        const decidedIn = median(bucket.decisionDays);
        const pointsByRules: Record<string, number> = {};
        for (const version of rules) pointsByRules[String(version.version)] = pointsFor(version, bucket, participation);
        return {
          period,
          start,
          end,
          headcount,
          submitted: bucket.submitted,
          piloted: bucket.piloted,
          adopted: bucket.adopted,
          rejected: bucket.rejected,
          perHundredStaff: { submitted: perHundred(bucket.submitted, headcount), piloted: perHundred(bucket.piloted, headcount), adopted: perHundred(bucket.adopted, headcount) },
          participants: bucket.participants.size,
          participation,
          decisions: bucket.decisionDays.length,
          medianDaysToDecision: decidedIn === null ? null : round(decidedIn, 2),
          pointsByRules,
        };
      }),
    });
  }
  return out;
}
