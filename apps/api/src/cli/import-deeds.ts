// Imports an existing deed catalogue (CSV or JSON) as published deeds with their original dates.
//   npm run import:deeds -- <file.csv|file.json> [--dry-run]      (--help for the columns)
// In embedded mode stop the running app first: the embedded database is opened by one process at a time.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compareCheckpoints, DuplicateEventError, WrongExpectedVersionError, type EventStore } from '#event-store';
import { DEED_SCOPES, DEED_SIZES, PARTICIPANTS } from '#deeds';
import { LANGUAGES, SECTORS } from '#ideas';
import { loadConfig } from '#platform';
import type { ProjectionRunner } from '#projections';
import {
  csvSourceRows,
  describePlace,
  ImportChecker,
  ImportFormatError,
  jsonSourceRows,
  type FieldProblem,
  type ImportedDeed,
  type SourceRow,
} from '../../../../libs/deeds/src/import/index.js';
import { createRuntime } from '../runtime.js';

export type ImportFormat = 'csv' | 'json';

/** A file to import: a path, or the content itself (tests). */
export interface ImportSource {
  path?: string;
  content?: string | Uint8Array;
  /** Taken from the file name (.csv, .json) when not given. */
  format?: ImportFormat;
}

export type ImportProgress =
  /** Rows checked so far, and what the bulk writes running alongside have done. */
  | { phase: 'import'; checked: number; total: number; bad: number; imported: number; present: number; ms: number }
  | { phase: 'project'; done: number; total: number; ms: number };

export interface ImportOptions {
  /** Check and report only; write nothing. */
  dryRun?: boolean;
  /** Publication dates after this are refused (default: now). */
  now?: Date;
  /** Recorded as the events' correlation id (default: a new id per run). */
  runId?: string;
  /** Deeds per bulk write (default 1000). */
  batchSize?: number;
  /** Bulk writes in flight at once (default 2 on a server, 1 on the embedded database). */
  concurrency?: number;
  /**
   * After writing: 'run' starts the projection runner, waits until every projection has reached the
   * store's head and stops it (default); 'wait' only waits (the runner is already running, e.g. in the app);
   * 'skip' leaves it to the app's next start.
   */
  projections?: 'run' | 'wait' | 'skip';
  /** How long to wait for the projections (default 10 minutes). */
  projectionTimeoutMs?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops between batches; what was written stays (a second run skips it). */
  signal?: AbortSignal;
}

export interface BadRow {
  /** "line 12" (CSV: the physical line where the record starts) or "item [3]" (JSON: the array index). */
  place: string;
  line?: number;
  index?: number;
  externalId?: string;
  errors: FieldProblem[];
}

export interface ImportReport {
  format: ImportFormat;
  dryRun: boolean;
  rows: number;
  valid: number;
  bad: BadRow[];
  /** Deeds written by this run. */
  imported: number;
  /** Good rows whose deed was already in the store (imported before): not written again. */
  alreadyPresent: number;
  projections: 'caught-up' | 'behind' | 'skipped';
  interrupted: boolean;
  timings: {
    /** Reading and parsing the file. */
    parseMs: number;
    /** Time spent checking rows (DTO, decider, events); the writes run alongside. */
    checkMs: number;
    /** From the first bulk write sent to the last one done. */
    writeMs: number;
    /** The whole import before the projections: parse, check and write. */
    importMs: number;
    projectMs: number;
  };
}

/** A mistake in how the import was asked for: exit code 2. */
export class ImportUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportUsageError';
  }
}

function formatOf(source: ImportSource, text: string): ImportFormat {
  if (source.format) return source.format;
  if (source.path) {
    const ext = extname(source.path).toLowerCase();
    if (ext === '.csv') return 'csv';
    if (ext === '.json') return 'json';
    throw new ImportUsageError(`Unknown format "${ext || basename(source.path)}": the file must end in .csv or .json.`);
  }
  return text.trimStart().replace(/^\uFEFF/, '').startsWith('[') ? 'json' : 'csv';
}

async function textOf(source: ImportSource): Promise<string> {
  if (source.path && !source.format) formatOf(source, ''); // an unknown format is refused before reading
  let bytes: Uint8Array;
  if (typeof source.content === 'string') return source.content;
  if (source.content) bytes = source.content;
  else if (source.path) {
    try {
      bytes = await readFile(source.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new ImportUsageError(`No such file: ${source.path}`);
      if (code === 'EISDIR') throw new ImportUsageError(`${source.path} is a directory, not a file.`);
      throw new ImportUsageError(`Cannot read ${source.path}: ${(error as Error).message}`);
    }
  } else throw new ImportUsageError('Nothing to import: give a file.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFormatError('The file is not UTF-8 text. Save it as UTF-8 (in Excel: "CSV UTF-8").');
  }
}

/** Reads and parses the file into source rows. */
export async function readImportRows(source: ImportSource): Promise<{ format: ImportFormat; rows: SourceRow[] }> {
  const text = await textOf(source);
  const format = formatOf(source, text);
  return { format, rows: format === 'csv' ? csvSourceRows(text) : jsonSourceRows(text) };
}

/** Writes deeds stream by stream: for a store without a bulk write. */
async function appendOneByOne(store: EventStore, deeds: ImportedDeed[]): Promise<{ written: number; skipped: number }> {
  let written = 0;
  let skipped = 0;
  for (const deed of deeds) {
    try {
      const result = await store.append(deed.streamId, deed.events, 0);
      if (result.replayed) skipped++;
      else written++;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) && !(error instanceof DuplicateEventError)) throw error;
      skipped++;
    }
  }
  return { written, skipped };
}

/** Waits until every projection has reached the store's head ('run': runs the runner meanwhile, then stops it). */
export async function catchUpProjections(
  store: EventStore,
  runner: ProjectionRunner,
  mode: 'run' | 'wait',
  timeoutMs: number,
  onProgress?: (progress: ImportProgress) => void,
): Promise<'caught-up' | 'behind'> {
  const started = Date.now();
  const head = await store.head();
  const appliedBy = (statuses: Awaited<ReturnType<ProjectionRunner['status']>>) => new Map(statuses.map((s) => [s.name, s]));
  const before = appliedBy(await runner.status());
  // Inline views are written with the events; the others follow the feed.
  const names = runner.feedNames;
  const baseline = Math.min(...names.map((name) => before.get(name)?.eventsApplied ?? 0));
  const total = Math.max(0, head.count - baseline);
  if (mode === 'run') runner.start();
  try {
    for (;;) {
      const now = appliedBy(await runner.status());
      const reached = names.every((name) => {
        const status = now.get(name);
        return status !== undefined && compareCheckpoints(status.checkpoint, head.checkpoint) >= 0;
      });
      const done = reached ? total : Math.min(total, Math.max(0, Math.min(...names.map((name) => now.get(name)?.eventsApplied ?? 0)) - baseline));
      onProgress?.({ phase: 'project', done, total, ms: Date.now() - started });
      if (reached) return 'caught-up';
      if (Date.now() - started > timeoutMs) return 'behind';
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    if (mode === 'run') await runner.stop();
  }
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Imports a deed catalogue: checks every row, writes each good one as DeedDrafted + DeedPublished with
 * its original date, skips deeds already imported (their ids follow from the external id), and lets the
 * projections catch up so the catalogue shows them. Checking and writing overlap: while PostgreSQL
 * writes one batch, the next rows are checked. `runtime` may be left out for a dry run.
 */
export async function importDeeds(
  runtime: { store: EventStore; runner: ProjectionRunner; database?: { mode: string } } | undefined,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const dryRun = options.dryRun === true;
  if (!dryRun && !runtime) throw new Error('Importing needs a runtime (a database); only a dry run does without.');
  const started = Date.now();
  const { format, rows } = await readImportRows(source);
  const report: ImportReport = {
    format,
    dryRun,
    rows: rows.length,
    valid: 0,
    bad: [],
    imported: 0,
    alreadyPresent: 0,
    projections: 'skipped',
    interrupted: false,
    timings: { parseMs: Date.now() - started, checkMs: 0, writeMs: 0, importMs: 0, projectMs: 0 },
  };
  const checker = new ImportChecker({ now: options.now ?? new Date(), runId: options.runId ?? randomUUID() });
  const batchSize = Math.max(1, options.batchSize ?? 1_000);
  const concurrency = Math.max(1, options.concurrency ?? (runtime?.database?.mode === 'embedded' ? 1 : 2));
  const store = runtime?.store;

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let firstWrite = 0;
  let lastWrite = 0;
  let checked = 0;
  const progress = () =>
    options.onProgress?.({ phase: 'import', checked, total: rows.length, bad: report.bad.length, imported: report.imported, present: report.alreadyPresent, ms: Date.now() - started });
  const send = async (batch: ImportedDeed[]) => {
    firstWrite ||= Date.now();
    const writing = (async () => {
      const result = store!.appendToNewStreams
        ? await store!.appendToNewStreams(batch.map((deed) => ({ streamId: deed.streamId, events: deed.events })))
        : await appendOneByOne(store!, batch);
      report.imported += result.written;
      report.alreadyPresent += result.skipped;
      lastWrite = Date.now();
      progress();
    })().catch((error) => {
      failure ??= error;
    });
    inFlight.add(writing);
    void writing.finally(() => inFlight.delete(writing));
    await nextTick(); // let the driver send it before the next rows are checked
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) throw failure;
  };

  let pending: ImportedDeed[] = [];
  try {
    for (const row of rows) {
      if (options.signal?.aborted) break;
      const checking = Date.now();
      const result = await checker.check(row);
      report.timings.checkMs += Date.now() - checking;
      checked++;
      if (result.ok) {
        report.valid++;
        if (!dryRun) pending.push(result.deed);
      } else {
        report.bad.push({ place: describePlace(row.place), ...row.place, ...(result.externalId !== undefined ? { externalId: result.externalId } : {}), errors: result.errors });
      }
      if (pending.length >= batchSize) {
        await send(pending);
        pending = [];
      }
      if (checked % 500 === 0) {
        progress();
        await nextTick();
      }
    }
    if (pending.length > 0) await send(pending); // checked rows are written even when stopping
  } finally {
    await Promise.all(inFlight);
  }
  if (failure) throw failure;
  progress();
  report.interrupted = checked < rows.length;
  report.timings.writeMs = firstWrite ? lastWrite - firstWrite : 0;
  report.timings.importMs = Date.now() - started;

  const mode = options.projections ?? 'run';
  if (!dryRun && mode !== 'skip' && !report.interrupted) {
    const projecting = Date.now();
    report.projections = await catchUpProjections(runtime!.store, runtime!.runner, mode, options.projectionTimeoutMs ?? 600_000, options.onProgress);
    report.timings.projectMs = Date.now() - projecting;
  }
  return report;
}

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

const HELP = `Imports an existing deed catalogue as published deeds (Tekojen tori), keeping their original dates.

Usage: npm run import:deeds -- <file.csv|file.json> [options]

Options:
  --dry-run            check every row and report; write nothing (no database needed)
  --batch-size <n>     deeds per bulk write (default 1000)
  --no-projections     do not bring the read models up to date now; the app does it when it next runs
  -h, --help           this text

Each good row becomes DeedDrafted (source "import", with its external id) and DeedPublished revision 1,
both dated published_at and recorded as done by "import", an editor of the row's organisation.
The deed id follows from external_id, so running the same file again imports nothing twice
("0 imported, N already present"). Existing deeds are never changed: to correct one, edit it in the app.

Columns (CSV header, in any order) and keys (JSON: the same snake_case names; camelCase keys are refused):
  external_id    required  stable id of the deed in the old catalogue, unique in the file (≤ 200 characters)
  organisation   required  lower-case identifier, e.g. imatra
  title          required  3–200 characters
  aim            required  what the development aimed at (≤ 5000 characters)
  achieved       required  what it achieved (≤ 5000 characters)
  unit           required  e.g. varhaiskasvatus
  sector         required  one of: ${SECTORS.join(', ')}
  themes         optional  ≤ 10 themes of 1–50 characters. CSV: separated by ";". JSON: an array of strings
  size           required  ${DEED_SIZES.join(' | ')}
  scope          required  ${DEED_SCOPES.join(' | ')}
  participants   required  any of ${PARTICIPANTS.join(', ')}. CSV: separated by ";". JSON: an array
  period_from    required  YYYY-MM-DD
  period_to      optional  YYYY-MM-DD, not before period_from
  language       optional  ${LANGUAGES.join(' | ')} (default fi)
  published_at   required  the original publication: an ISO 8601 date or date-time, e.g. 2021-05-03T09:00:00+03:00
  metrics        optional  a JSON array of {"name", "value", "unit"?, "baseline"?}; in CSV the JSON text in one cell

CSV: RFC 4180, UTF-8 (a byte-order mark is fine), comma-separated, CRLF or LF; quote fields that contain
commas, quotes or line breaks, and double the quotes inside ("").  JSON: UTF-8, an array of objects.
Bad rows are reported with their place (CSV: the line where the record starts; JSON: the array index)
and every bad field; the good rows are imported all the same.

Exit codes: 0 every row was good; 1 some rows were bad (the good ones were imported unless --dry-run),
or the import failed; 2 usage error (no such file, unknown format, unusable header or JSON).
Environment: DATABASE_URL (else the embedded database in DATA_DIR: stop the app first), PROJECTION_BATCH_SIZE.`;

const fmt = (n: number) => n.toLocaleString('en-US');
const rate = (count: number, ms: number) => (ms <= 0 ? '–' : fmt(Math.round((count * 1000) / ms)));

function bar(done: number, total: number): string {
  const width = 30;
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${fmt(done)}/${fmt(total)}`;
}

/** Progress on stderr: one line rewritten in place on a terminal, a line every few seconds otherwise. */
function progressPrinter(): { onProgress: (p: ImportProgress) => void; end: () => void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let open = false;
  let phase = '';
  const line = (p: ImportProgress) => {
    if (p.phase === 'import') {
      return (
        `checked ${bar(p.checked, p.total)} rows, ${fmt(p.bad)} bad · ` +
        `${fmt(p.imported)} imported, ${fmt(p.present)} already present · ${rate(p.imported + p.present, p.ms)} deeds/s`
      );
    }
    return `projections ${bar(p.done, p.total)} events  ${(p.ms / 1000).toFixed(1)} s`;
  };
  const end = () => {
    if (open) process.stderr.write('\n');
    open = false;
  };
  return {
    onProgress(p) {
      const finished = p.phase === 'import' ? p.checked >= p.total : p.done >= p.total;
      if (p.phase !== phase) {
        end();
        phase = p.phase;
        last = 0;
      }
      const now = Date.now();
      if (!finished && now - last < (tty ? 100 : 5_000)) return;
      last = now;
      if (tty) {
        process.stderr.write(`\r${line(p)}`);
        open = true;
      } else process.stderr.write(`${line(p)}\n`);
    },
    end,
  };
}

export function formatReport(report: ImportReport, file: string): string {
  const out: string[] = [];
  if (report.bad.length > 0) {
    out.push(`${fmt(report.bad.length)} bad row(s), not imported:`);
    for (const row of report.bad) {
      out.push(`  ${row.place}${row.externalId !== undefined ? ` (external_id ${JSON.stringify(row.externalId)})` : ''}:`);
      for (const error of row.errors) out.push(`    ${error.field}: ${error.message}`);
    }
    out.push('');
  }
  out.push(`${file} (${report.format.toUpperCase()}): ${fmt(report.rows)} rows, ${fmt(report.valid)} good, ${fmt(report.bad.length)} bad`);
  const t = report.timings;
  if (report.dryRun) {
    out.push(`checked in ${((t.parseMs + t.checkMs) / 1000).toFixed(1)} s (${rate(report.rows, t.parseMs + t.checkMs)} rows/s)`);
    out.push(`dry run: nothing written; ${fmt(report.valid)} deed(s) would be imported or found already present`);
    return out.join('\n');
  }
  out.push(`deeds: ${fmt(report.imported)} imported, ${fmt(report.alreadyPresent)} already present`);
  out.push(
    `took ${(t.importMs / 1000).toFixed(1)} s (${rate(report.valid, t.importMs)} deeds/s): ` +
      `parse ${(t.parseMs / 1000).toFixed(1)} s, check ${(t.checkMs / 1000).toFixed(1)} s, write ${(t.writeMs / 1000).toFixed(1)} s (alongside the check)`,
  );
  if (report.interrupted) out.push('interrupted: what was written stays; run the same file again to import the rest');
  if (report.projections === 'caught-up') out.push(`catalogue up to date (projections caught up in ${(report.timings.projectMs / 1000).toFixed(1)} s)`);
  else if (report.projections === 'behind') out.push('projections are still catching up: the catalogue shows the deeds once they have (the app continues it)');
  else out.push('projections not run: the catalogue shows the deeds after the app has caught up');
  return out.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean' },
        'batch-size': { type: 'string' },
        'no-projections': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ImportUsageError(`${(error as Error).message}\n\n${HELP}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new ImportUsageError(`${positionals.length === 0 ? 'Give the file to import.' : 'Give one file at a time.'}\n\n${HELP}`);
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20_000)) {
    throw new ImportUsageError('--batch-size must be a whole number from 1 to 20000.');
  }
  const path = resolve(positionals[0]);
  const source: ImportSource = { path };
  const progress = progressPrinter();
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nstopping after the batches in flight…\n');
    controller.abort();
  });

  let report: ImportReport;
  if (values['dry-run']) {
    // No database: a dry run can check a file while the app is running.
    try {
      report = await importDeeds(undefined, source, { dryRun: true, onProgress: progress.onProgress });
    } finally {
      progress.end();
    }
  } else {
    // The catch-up reads the feed in larger batches than the live default.
    const runtime = await createRuntime(loadConfig({ PROJECTION_BATCH_SIZE: '2000', ...process.env }, []));
    try {
      report = await importDeeds(runtime, source, {
        batchSize,
        projections: values['no-projections'] ? 'skip' : 'run',
        onProgress: progress.onProgress,
        signal: controller.signal,
      });
    } finally {
      progress.end();
      await runtime.close();
    }
  }
  console.log(formatReport(report, positionals[0]));
  return report.bad.length > 0 || report.interrupted ? 1 : 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      const usage = error instanceof ImportUsageError || error instanceof ImportFormatError;
      console.error(error instanceof Error ? error.message : error);
      process.exit(usage ? 2 : 1);
    },
  );
}
