// Open data: CSV and JSON writers that stream rows to the response a batch at a time.
import type { Response } from 'express';

export const LICENCE = { id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0 International', url: 'https://creativecommons.org/licenses/by/4.0/' } as const;

/**
 * One CSV cell. A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) gets a leading apostrophe; cells with a quote, comma, semicolon or line break are quoted.
 * Numbers are written as they are (a negative number is data, not a formula).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (values: unknown[]): string => values.map(csvCell).join(',') + '\r\n';

export type ExportFormat = 'csv' | 'json';

/** Writes one chunk, waiting while the client's socket is full; false once the client has gone. */
async function send(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk)) return true;
  // Wait for the socket to take more (or the client to go), leaving no listener behind.
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  return !res.destroyed;
}

export interface ExportSpec<Row> {
  format: ExportFormat;
  /** File name without extension. */
  name: string;
  /** CSV header, in order; each row is mapped to these columns. */
  columns: readonly string[];
  toCsv(row: Row): unknown[];
  toJson(row: Row): unknown;
  /** Extra top-level fields of the JSON document (licence, source, …). */
  meta: Record<string, unknown>;
  /** Batches of rows, in order; the generator is stopped early when the client goes away. */
  batches: AsyncIterable<Row[]>;
}

/**
 * Streams an export: headers, then each batch as it comes, so the process holds one batch at a time.
 * JSON is one document: the meta fields, then "items": [ … ], written item by item.
 */
export async function streamExport<Row>(res: Response, spec: ExportSpec<Row>): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', spec.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
  res.setHeader('Content-Disposition', `inline; filename="${spec.name}.${spec.format}"`);
  res.setHeader('Cache-Control', 'public, max-age=300');
  let first = true;
  let open = await send(res, spec.format === 'csv' ? csvRow([...spec.columns]) : `${JSON.stringify(spec.meta).slice(0, -1)},"items":[\n`);
  const iterator = spec.batches[Symbol.asyncIterator]();
  try {
    while (open) {
      const next = await iterator.next();
      if (next.done) break;
      let chunk = '';
      for (const row of next.value) {
        if (spec.format === 'csv') chunk += csvRow(spec.toCsv(row));
        else {
          chunk += (first ? '' : ',\n') + JSON.stringify(spec.toJson(row));
          first = false;
        }
      }
      if (chunk) open = await send(res, chunk);
    }
  } finally {
    if (!open) await iterator.return?.(undefined);
  }
  if (open) {
    if (spec.format === 'json') await send(res, '\n]}\n');
    res.end();
  }
}
