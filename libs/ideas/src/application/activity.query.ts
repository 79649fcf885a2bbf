import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Actor } from '#platform';
import type { CommentView, HistoryEntry } from '../read-models/idea-view.entity.js';

export const PERIODS = ['month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export interface ActivityFilter {
  organisation?: string;
  unit?: string;
  sector?: string;
  /** Activity from this moment on, and before `to` (ISO 8601). */
  from?: string;
  to?: string;
  period?: Period;
}

export interface ActivityCounts {
  /** Ideas submitted in the period. */
  submitted: number;
  /** Pilots started in the period. */
  piloted: number;
  /** Ideas adopted in the period. */
  adopted: number;
  /** Different people who submitted or commented in the period (a count; nobody is named). */
  participants: number;
}

export interface UnitActivity {
  organisation: string;
  period: Period;
  filter: ActivityFilter;
  /** Oldest period first; every period between the first and the last activity, also the quiet ones. */
  periods: string[];
  units: { unit: string; activity: ({ period: string } & ActivityCounts)[] }[];
  totals: ({ period: string } & ActivityCounts)[];
}

/** What the bucketing needs of an idea: its unit, its submitter, its steps and its comments. */
export interface ActivityRow {
  unit: string;
  submitter: string;
  history: Pick<HistoryEntry, 'event' | 'at'>[];
  comments: Pick<CommentView, 'author' | 'at'>[];
}

const FINNISH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit' });

/** The period an instant falls in, on the Finnish calendar: 2026-03, 2026-Q1, 2026. */
export function periodOf(at: Date, period: Period): string {
  const parts = Object.fromEntries(FINNISH_DATE.formatToParts(at).map((p) => [p.type, p.value]));
  if (period === 'year') return parts.year;
  if (period === 'quarter') return `${parts.year}-Q${Math.floor((Number(parts.month) - 1) / 3) + 1}`;
  return `${parts.year}-${parts.month}`;
}

function nextPeriod(key: string, period: Period): string {
  if (period === 'year') return String(Number(key) + 1);
  const [y, rest] = key.split('-');
  const n = period === 'quarter' ? Number(rest.slice(1)) : Number(rest);
  const last = period === 'quarter' ? 4 : 12;
  const [year, next] = n === last ? [Number(y) + 1, 1] : [Number(y), n + 1];
  return period === 'quarter' ? `${year}-Q${next}` : `${year}-${String(next).padStart(2, '0')}`;
}

const STEP: Record<string, keyof Omit<ActivityCounts, 'participants'>> = { IdeaSubmitted: 'submitted', IdeaPilotStarted: 'piloted', IdeaAdopted: 'adopted' };

/** Counts per unit and period of what happened in [from, to): submissions, pilots started, adoptions, people taking part. */
export function bucketActivity(rows: ActivityRow[], period: Period, from?: Date, to?: Date): Pick<UnitActivity, 'periods' | 'units' | 'totals'> {
  const inWindow = (at: Date) => (!from || at >= from) && (!to || at < to);
  const counts = new Map<string, Map<string, ActivityCounts & { people: Set<string> }>>();
  const totals = new Map<string, ActivityCounts & { people: Set<string> }>();
  const blank = () => ({ submitted: 0, piloted: 0, adopted: 0, participants: 0, people: new Set<string>() });
  const cell = (unit: string, key: string) => {
    const byPeriod = counts.get(unit) ?? counts.set(unit, new Map()).get(unit)!;
    return [byPeriod.get(key) ?? byPeriod.set(key, blank()).get(key)!, totals.get(key) ?? totals.set(key, blank()).get(key)!];
  };
  for (const row of rows) {
    for (const step of row.history) {
      const at = new Date(step.at);
      if (!inWindow(at)) continue;
      const key = periodOf(at, period);
      const counted = STEP[step.event];
      for (const c of cell(row.unit, key)) {
        if (counted) c[counted] += 1;
        if (step.event === 'IdeaSubmitted') c.people.add(row.submitter);
      }
    }
    for (const comment of row.comments) {
      const at = new Date(comment.at);
      if (!inWindow(at)) continue;
      for (const c of cell(row.unit, periodOf(at, period))) c.people.add(comment.author);
    }
  }
  const keys = [...totals.keys()].sort();
  const periods: string[] = [];
  for (let key = keys[0]; keys.length && key <= keys[keys.length - 1]; key = nextPeriod(key, period)) periods.push(key);
  const present = (c: (ActivityCounts & { people: Set<string> }) | undefined): ActivityCounts =>
    c ? { submitted: c.submitted, piloted: c.piloted, adopted: c.adopted, participants: c.people.size } : { submitted: 0, piloted: 0, adopted: 0, participants: 0 };
  return {
    periods,
    units: [...counts.keys()].sort((a, b) => a.localeCompare(b, 'fi')).map((unit) => ({ unit, activity: periods.map((p) => ({ period: p, ...present(counts.get(unit)!.get(p)) })) })),
    totals: periods.map((p) => ({ period: p, ...present(totals.get(p)) })),
  };
}

export class GetUnitActivityQuery {
  constructor(
    readonly filter: ActivityFilter,
    readonly actor: Actor,
  ) {}
}

/** Unit activity over time from the idea views: what each unit did in each period. */
@QueryHandler(GetUnitActivityQuery)
export class GetUnitActivityHandler implements IQueryHandler<GetUnitActivityQuery, UnitActivity> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ filter, actor }: GetUnitActivityQuery): Promise<UnitActivity> {
    const organisation = filter.organisation ?? actor.organisation;
    const period = filter.period ?? 'month';
    const rows: ActivityRow[] = await this.db.query(
      `SELECT unit, submitter, history, comments FROM idea_views
       WHERE organisation = $1 AND ($2::text IS NULL OR unit = $2) AND ($3::text IS NULL OR sector = $3)`,
      [organisation, filter.unit ?? null, filter.sector ?? null],
    );
    const from = filter.from ? new Date(filter.from) : undefined;
    const to = filter.to ? new Date(filter.to) : undefined;
    return { organisation, period, filter: { ...filter, organisation, period }, ...bucketActivity(rows, period, from, to) };
  }
}
