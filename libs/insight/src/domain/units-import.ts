// Units with headcounts from CSV, and incentive rules from JSON: checked field by field, pure.
import type { FieldError } from '#platform';
import { readCsv } from '../../../deeds/src/import/csv.js';
import { POINT_EVENT_TYPES, type IncentiveBonus, type IncentiveRules } from './insight.events.js';

export interface UnitRow {
  line: number;
  unit: string;
  name?: string;
  headcount: number;
  validFrom: string;
}

export interface UnitsCsvResult {
  rows: UnitRow[];
  /** `field` is "line N: column" so a person can find the cell. */
  errors: FieldError[];
}

const REQUIRED = ['unit', 'headcount', 'valid_from'] as const;
const KNOWN = new Set<string>([...REQUIRED, 'name']);
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

/**
 * Reads `unit,headcount,valid_from[,name]` (header first, columns in any order). Every bad cell is
 * reported with its line; a unit given twice for the same day in one file is refused.
 */
export function parseUnitsCsv(text: string): UnitsCsvResult {
  const errors: FieldError[] = [];
  const rows: UnitRow[] = [];
  let header: string[] | undefined;
  const seen = new Map<string, number>();
  for (const item of readCsv(text)) {
    if (!item.ok) {
      errors.push({ field: `line ${item.line}`, message: item.message });
      continue;
    }
    if (!header) {
      header = item.fields.map((f) => f.trim().toLowerCase());
      const missing = REQUIRED.filter((column) => !header!.includes(column));
      if (missing.length) errors.push({ field: `line ${item.line}`, message: `the header must name the columns ${REQUIRED.join(', ')} (missing: ${missing.join(', ')})` });
      const unknown = header.filter((column) => !KNOWN.has(column));
      if (unknown.length) errors.push({ field: `line ${item.line}`, message: `unknown column(s): ${unknown.join(', ')}; allowed: unit, headcount, valid_from, name` });
      const twice = header.filter((column, i) => header!.indexOf(column) !== i);
      if (twice.length) errors.push({ field: `line ${item.line}`, message: `column(s) given twice: ${twice.join(', ')}` });
      if (missing.length || unknown.length || twice.length) return { rows: [], errors };
      continue;
    }
    const at = (line: number, column: string, message: string) => errors.push({ field: `line ${line}: ${column}`, message });
    if (item.fields.length !== header.length) {
      at(item.line, 'row', `has ${item.fields.length} field(s), the header ${header.length}`);
      continue;
    }
    const cell = (column: string) => (item.fields[header!.indexOf(column)] ?? '').trim();
    const before = errors.length;
    const unit = cell('unit');
    if (unit.length < 1 || unit.length > 100) at(item.line, 'unit', 'unit must be 1–100 characters');
    else if (/[\u0000-\u001f]/.test(unit)) at(item.line, 'unit', 'unit must not contain control characters');
    const rawHeadcount = cell('headcount');
    const headcount = Number(rawHeadcount);
    if (!/^\d{1,7}$/.test(rawHeadcount) || headcount > 1_000_000) at(item.line, 'headcount', 'headcount must be a whole number from 0 to 1000000');
    const validFrom = cell('valid_from');
    if (!isCalendarDay(validFrom)) at(item.line, 'valid_from', 'valid_from must be a date YYYY-MM-DD');
    const name = header.includes('name') ? cell('name') : '';
    if (name.length > 200) at(item.line, 'name', 'name must be at most 200 characters');
    if (errors.length > before) continue;
    const key = `${unit}\u0000${validFrom}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      at(item.line, 'unit', `${unit} is already given for ${validFrom} on line ${earlier}`);
      continue;
    }
    seen.set(key, item.line);
    rows.push({ line: item.line, unit, headcount, validFrom, ...(name ? { name } : {}) });
  }
  if (!header) errors.push({ field: 'body', message: 'the CSV is empty: give a header line unit,headcount,valid_from[,name] and a row per unit' });
  else if (rows.length === 0 && errors.length === 0) errors.push({ field: 'body', message: 'the CSV has a header but no rows' });
  return { rows, errors };
}

const finite = (value: unknown, min: number, max: number) => typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

/** Checks a rules document; the errors name each bad field. */
export function checkIncentiveRules(body: unknown): { rules?: IncentiveRules; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { errors: [{ field: 'body', message: 'the rules must be a JSON object with points and bonuses' }] };
  const input = body as Record<string, unknown>;
  for (const key of Object.keys(input)) if (!['name', 'points', 'bonuses'].includes(key)) errors.push({ field: key, message: `${key} is not a field of the rules (name, points, bonuses)` });
  if (input.name !== undefined && (typeof input.name !== 'string' || input.name.trim().length < 1 || input.name.length > 200)) errors.push({ field: 'name', message: 'name must be 1–200 characters' });
  const points: IncentiveRules['points'] = {};
  if (!input.points || typeof input.points !== 'object' || Array.isArray(input.points)) errors.push({ field: 'points', message: 'points must be an object of event type → points' });
  else {
    for (const [type, value] of Object.entries(input.points as Record<string, unknown>)) {
      if (!(POINT_EVENT_TYPES as readonly string[]).includes(type)) errors.push({ field: `points.${type}`, message: `not an idea event type; one of ${POINT_EVENT_TYPES.join(', ')}` });
      else if (!finite(value, -1000, 1000)) errors.push({ field: `points.${type}`, message: 'points must be a number from -1000 to 1000' });
      else points[type as keyof IncentiveRules['points']] = value as number;
    }
  }
  const bonuses: IncentiveBonus[] = [];
  if (input.bonuses !== undefined && !Array.isArray(input.bonuses)) errors.push({ field: 'bonuses', message: 'bonuses must be an array' });
  else if (Array.isArray(input.bonuses)) {
    if (input.bonuses.length > 20) errors.push({ field: 'bonuses', message: 'at most 20 bonuses' });
    input.bonuses.slice(0, 20).forEach((raw: unknown, i: number) => {
      const field = `bonuses[${i}]`;
      const bonus = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
      const allowed = ['kind', 'points', bonus.kind === 'quick-decision' ? 'withinDays' : 'atLeast'];
      for (const key of Object.keys(bonus)) if (!allowed.includes(key)) errors.push({ field: `${field}.${key}`, message: `${key} is not a field of this bonus (${allowed.join(', ')})` });
      if (!finite(bonus.points, -1000, 1000)) errors.push({ field: `${field}.points`, message: 'points must be a number from -1000 to 1000' });
      if (bonus.kind === 'participation') {
        if (!finite(bonus.atLeast, 0, 1) || bonus.atLeast === 0) errors.push({ field: `${field}.atLeast`, message: 'atLeast must be a share above 0 and at most 1' });
        else if (finite(bonus.points, -1000, 1000)) bonuses.push({ kind: 'participation', atLeast: bonus.atLeast as number, points: bonus.points as number });
      } else if (bonus.kind === 'quick-decision') {
        if (!finite(bonus.withinDays, 0, 3650) || bonus.withinDays === 0) errors.push({ field: `${field}.withinDays`, message: 'withinDays must be a number of days above 0 and at most 3650' });
        else if (finite(bonus.points, -1000, 1000)) bonuses.push({ kind: 'quick-decision', withinDays: bonus.withinDays as number, points: bonus.points as number });
      } else errors.push({ field: `${field}.kind`, message: 'kind must be participation or quick-decision' });
    });
  }
  if (errors.length) return { errors };
  return { rules: { ...(typeof input.name === 'string' ? { name: input.name.trim() } : {}), points, bonuses }, errors };
}
