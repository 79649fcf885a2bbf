// Migrating an existing deed catalogue: source rows (CSV or JSON) → checked deeds → the events that
// record them, with their original dates. Pure: no I/O, the clock comes in as an argument.
//
// Every row is checked by the same rules as the HTTP API (DraftDeedDto through class-transformer and
// class-validator) and then decided by the deed decider (DraftDeed, then PublishDeed), so an imported
// deed is exactly what an editor could have drafted and published.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { isISO8601, validate, type ValidationError } from 'class-validator';
import type { EventMetadata, NewEvent } from '#event-store';
import { ISO_DATE_OR_INSTANT, nameBasedId, type Actor, type DomainError } from '#platform';
import { deedDecider } from '../domain/deed.decider.js';
import { deedStreamId, type DeedContent, type DeedEvent } from '../domain/deed.events.js';
import { deedContentFrom, DraftDeedDto } from '../http/deed.dto.js';
import { readCsv } from './csv.js';

/** The columns (CSV) and keys (JSON) of an import file. JSON uses the same snake_case names. */
export const IMPORT_COLUMNS = [
  'external_id',
  'organisation',
  'title',
  'aim',
  'achieved',
  'unit',
  'sector',
  'themes',
  'size',
  'scope',
  'participants',
  'period_from',
  'period_to',
  'language',
  'published_at',
  'metrics',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns a CSV header may leave out (their values are optional in every row). */
export const OPTIONAL_COLUMNS: readonly ImportColumn[] = ['themes', 'period_to', 'language', 'metrics'];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = IMPORT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c));

const KNOWN = new Set<string>(IMPORT_COLUMNS);

/** A problem with the file as a whole (not one row): the import cannot start. */
export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFormatError';
  }
}

/** Where a row is in its file: the physical line a CSV record starts on, or the index in a JSON array. */
export type RowPlace = { line: number } | { index: number };

export const describePlace = (place: RowPlace): string => ('line' in place ? `line ${place.line}` : `item [${place.index}]`);

export interface SourceRow {
  place: RowPlace;
  format: 'csv' | 'json';
  /** Column → value: strings from CSV, any JSON value from JSON. */
  values: Record<string, unknown>;
  /** Set when the record could not even be read (malformed CSV, wrong number of fields, not an object). */
  problem?: string;
}

export interface FieldProblem {
  /** The column (CSV) or key (JSON), e.g. `title` or `metrics[0].value`; `(row)` for the row as a whole. */
  field: string;
  message: string;
}

export interface ImportedDeed {
  externalId: string;
  deedId: string;
  streamId: string;
  organisation: string;
  /** The original publication instant (ISO 8601, UTC). */
  publishedAt: string;
  /** DeedDrafted (source `import`), then DeedPublished revision 1; ids are name-based from the external id. */
  events: NewEvent[];
}

export type RowCheck = { ok: true; deed: ImportedDeed } | { ok: false; externalId?: string; errors: FieldProblem[] };

// ---------------------------------------------------------------------------------------------
// Reading a file into source rows
// ---------------------------------------------------------------------------------------------

/** The rows of a CSV file: a header naming the columns, then one record per deed. */
export function csvSourceRows(text: string): SourceRow[] {
  const records = readCsv(text);
  const first = records.next();
  if (first.done) throw new ImportFormatError('The CSV file is empty: the first line must name the columns.');
  if (!first.value.ok) throw new ImportFormatError(`The CSV header (line ${first.value.line}) cannot be read: ${first.value.message}.`);
  const header = first.value.fields.map((name) => name.trim().toLowerCase());
  const unknown = header.filter((name) => !KNOWN.has(name));
  const duplicated = header.filter((name, i) => header.indexOf(name) !== i);
  const missing = REQUIRED_COLUMNS.filter((name) => !header.includes(name));
  const problems = [
    ...(unknown.length ? [`unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')}`] : []),
    ...(duplicated.length ? [`column(s) named twice: ${[...new Set(duplicated)].join(', ')}`] : []),
    ...(missing.length ? [`missing column(s): ${missing.join(', ')}`] : []),
  ];
  if (problems.length) {
    throw new ImportFormatError(`The CSV header (line ${first.value.line}) is not usable: ${problems.join('; ')}. Columns: ${IMPORT_COLUMNS.join(', ')}.`);
  }
  const rows: SourceRow[] = [];
  for (const record of records) {
    const place = { line: record.line };
    if (!record.ok) {
      rows.push({ place, format: 'csv', values: {}, problem: record.message });
      continue;
    }
    if (record.fields.length !== header.length) {
      rows.push({ place, format: 'csv', values: {}, problem: `the record has ${record.fields.length} field(s); the header has ${header.length}` });
      continue;
    }
    const values: Record<string, unknown> = {};
    header.forEach((name, i) => (values[name] = record.fields[i]));
    rows.push({ place, format: 'csv', values });
  }
  return rows;
}

/** The rows of a JSON file: an array of objects with the snake_case keys of IMPORT_COLUMNS. */
export function jsonSourceRows(text: string): SourceRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ImportFormatError(`The JSON file cannot be read: ${(error as Error).message}.`);
  }
  if (!Array.isArray(parsed)) throw new ImportFormatError('The JSON file must hold an array of deed objects: [{ "external_id": "…", … }, …].');
  return parsed.map((item, index) => {
    const place = { index };
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return { place, format: 'json' as const, values: {}, problem: 'the item is not an object' };
    return { place, format: 'json' as const, values: item as Record<string, unknown> };
  });
}

// ---------------------------------------------------------------------------------------------
// Checking one row
// ---------------------------------------------------------------------------------------------

/** DTO property → the column it comes from. */
const COLUMN_OF: Record<string, string> = { periodFrom: 'period_from', periodTo: 'period_to' };

const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL cannot store (NUL, broken UTF-16) would fail a whole batch: find it per row. */
function unstorableText(value: unknown, depth = 0): boolean {
  if (depth > 32) return true;
  if (typeof value === 'string') return NUL_OR_LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some((item) => unstorableText(item, depth + 1));
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => NUL_OR_LONE_SURROGATE.test(k) || unstorableText(v, depth + 1));
  return false;
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const own = parent ? error.property : (COLUMN_OF[error.property] ?? error.property);
    const field = parent ? (/^\d+$/.test(own) ? `${parent}[${own}]` : `${parent}.${own}`) : own;
    const messages = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      // class-validator names the DTO property ("periodFrom must be …"): name the column instead.
      message: !parent && own !== error.property && message.startsWith(error.property) ? own + message.slice(error.property.length) : message,
    }));
    return [...messages, ...flatten(error.children ?? [], field)];
  });
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A CSV cell or JSON value as the DTO expects it; `undefined` when absent. */
function plainFor(row: SourceRow, problems: FieldProblem[]): Record<string, unknown> {
  const v = row.values;
  const token = (name: string) => {
    const value = v[name];
    if (isBlank(value)) return undefined;
    return typeof value === 'string' ? value.trim() : value;
  };
  const text = (name: string) => (isBlank(v[name]) ? undefined : v[name]);
  const list = (name: string) => {
    const value = v[name];
    if (isBlank(value)) return undefined;
    if (row.format === 'csv' && typeof value === 'string') {
      return value
        .split(';')
        .map((part) => part.trim())
        .filter((part) => part !== '');
    }
    return value;
  };
  let metrics: unknown = v.metrics;
  if (isBlank(metrics)) metrics = undefined;
  else if (row.format === 'csv' && typeof metrics === 'string') {
    try {
      metrics = JSON.parse(metrics);
    } catch {
      problems.push({ field: 'metrics', message: 'metrics must be a JSON array, e.g. [{"name":"Odotusaika","value":12,"unit":"min","baseline":20}]' });
      metrics = undefined;
    }
  }
  const plain: Record<string, unknown> = {
    organisation: token('organisation'),
    title: text('title'),
    aim: text('aim'),
    achieved: text('achieved'),
    unit: text('unit'),
    sector: token('sector'),
    themes: list('themes'),
    size: token('size'),
    scope: token('scope'),
    participants: list('participants'),
    periodFrom: token('period_from'),
    periodTo: token('period_to'),
    language: token('language'),
    metrics,
  };
  for (const key of Object.keys(plain)) if (plain[key] === undefined) delete plain[key];
  return plain;
}

function externalIdOf(row: SourceRow, problems: FieldProblem[]): string | undefined {
  const raw = row.values.external_id;
  if (isBlank(raw)) {
    problems.push({ field: 'external_id', message: 'external_id is required: the stable id of the deed in the old catalogue' });
    return undefined;
  }
  const value = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (value === undefined || value.length > 200 || /[\u0000-\u001f\u007f]/.test(value)) {
    problems.push({ field: 'external_id', message: 'external_id must be text of 1–200 characters without control characters' });
    return undefined;
  }
  return value;
}

function publishedAtOf(row: SourceRow, now: Date, problems: FieldProblem[]): string | undefined {
  const raw = row.values.published_at;
  if (isBlank(raw)) {
    problems.push({ field: 'published_at', message: 'published_at is required: when the deed was first published, e.g. 2021-05-03T09:00:00+03:00' });
    return undefined;
  }
  const value = typeof raw === 'string' ? raw.trim() : '';
  const instant = ISO_DATE_OR_INSTANT.test(value) && isISO8601(value, { strict: true }) ? new Date(value) : undefined;
  if (!instant || Number.isNaN(instant.getTime())) {
    problems.push({ field: 'published_at', message: 'published_at must be an ISO 8601 date or date-time, e.g. 2021-05-03 or 2021-05-03T09:00:00+03:00' });
    return undefined;
  }
  if (instant.getTime() > now.getTime()) {
    problems.push({ field: 'published_at', message: 'published_at must not be in the future' });
    return undefined;
  }
  return instant.toISOString();
}

const FIELD_OF_REFUSAL: Record<string, string> = {
  'deed.title-required': 'title',
  'deed.aim-required': 'aim',
  'deed.achieved-required': 'achieved',
  'deed.period-ends-before-start': 'period_to',
};
const refusal = (error: DomainError): FieldProblem => ({ field: FIELD_OF_REFUSAL[error.code] ?? '(row)', message: error.message });

/** The deed id of an imported deed: the same external id always gives the same deed. */
export const importedDeedId = (externalId: string): string => nameBasedId(`deed-import:${externalId}`);

export interface CheckOptions {
  /** Publication dates after this are refused. */
  now: Date;
  /** Recorded as the events' correlation and causation id (one per import run), when given. */
  runId?: string;
}

/** Checks one row and, when it is good, returns the deed with its events. */
export async function checkRow(row: SourceRow, options: CheckOptions): Promise<RowCheck> {
  if (row.problem) return { ok: false, errors: [{ field: '(row)', message: row.problem }] };
  const problems: FieldProblem[] = [];
  const unknown = Object.keys(row.values).filter((key) => !KNOWN.has(key));
  for (const key of unknown) problems.push({ field: key, message: `property ${key} should not exist (the keys are ${IMPORT_COLUMNS.join(', ')})` });
  const externalId = externalIdOf(row, problems);
  if (unstorableText(row.values)) problems.push({ field: '(row)', message: 'text must not contain NUL characters (\\u0000) or unpaired UTF-16 surrogates' });
  const plain = plainFor(row, problems);
  if (plain.organisation === undefined) problems.push({ field: 'organisation', message: 'organisation is required, e.g. "imatra"' });
  const dto = plainToInstance(DraftDeedDto, plain);
  const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: false });
  // An empty cell the DTO requires: one "is required" rather than "must be a string" and "must be longer than".
  const required = new Set<string>();
  for (const problem of flatten(invalid)) {
    const property = Object.entries(COLUMN_OF).find(([, column]) => column === problem.field)?.[0] ?? problem.field;
    if (property in plain || problem.field.includes('.') || problem.field.includes('[')) problems.push(problem);
    else if (!required.has(problem.field)) {
      required.add(problem.field);
      problems.push({ field: problem.field, message: `${problem.field} is required` });
    }
  }
  const publishedAt = publishedAtOf(row, options.now, problems);
  if (problems.length > 0 || externalId === undefined || publishedAt === undefined) return { ok: false, externalId, errors: problems };

  const organisation = dto.organisation!;
  const content: DeedContent = deedContentFrom(dto);
  const deedId = importedDeedId(externalId);
  const streamId = deedStreamId(deedId);
  const actor: Actor = { subject: 'import', organisation, roles: ['org-editor'] };
  const context = { actor, now: new Date(publishedAt) };
  const drafted = deedDecider.decide(
    { type: 'DraftDeed', deedId, organisation, content, ideaIds: [], source: 'import', externalId, context },
    deedDecider.initialState(),
  );
  if (!drafted.ok) return { ok: false, externalId, errors: [refusal(drafted.error)] };
  const state = drafted.events.reduce(deedDecider.evolve, deedDecider.initialState());
  const published = deedDecider.decide({ type: 'PublishDeed', context }, state);
  if (!published.ok) return { ok: false, externalId, errors: [refusal(published.error)] };

  const metadata: EventMetadata = {
    occurredAt: publishedAt,
    actor: { subject: actor.subject, organisation: actor.organisation, roles: actor.roles },
    ...(options.runId ? { correlationId: options.runId, causationId: options.runId } : {}),
  };
  const events: NewEvent[] = [...drafted.events, ...published.events].map((event: DeedEvent, i) => ({
    eventId: nameBasedId(`${streamId}:import:${i}`),
    type: event.type,
    data: event.data,
    metadata,
  }));
  return { ok: true, deed: { externalId, deedId, streamId, organisation, publishedAt, events } };
}

/** Checks rows in order and refuses an external id already seen earlier in the same file. */
export class ImportChecker {
  private readonly seen = new Map<string, RowPlace>();

  constructor(private readonly options: CheckOptions) {}

  async check(row: SourceRow): Promise<RowCheck> {
    const result = await checkRow(row, this.options);
    const externalId = result.ok ? result.deed.externalId : result.externalId;
    if (externalId === undefined) return result;
    const earlier = this.seen.get(externalId);
    if (earlier) {
      const duplicate = { field: 'external_id', message: `external_id "${externalId}" is already used on ${describePlace(earlier)}` };
      return { ok: false, externalId, errors: result.ok ? [duplicate] : [duplicate, ...result.errors] };
    }
    this.seen.set(externalId, row.place);
    return result;
  }
}
