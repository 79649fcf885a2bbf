// A CSV reader (RFC 4180): quoted fields with doubled quotes, commas and line breaks inside quotes,
// a leading byte-order mark, and CRLF, LF or CR line ends. Pure; no dependencies.
//
// Each record carries the physical line (1-based) where it starts, so a report can point at it.
// A malformed record (a quote inside an unquoted field, text after a closing quote, an unclosed quote)
// is reported with its line and skipped; reading goes on at the next line.

export interface CsvRecord {
  ok: true;
  /** The physical line the record starts on (1-based). */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  ok: false;
  line: number;
  message: string;
}

export type CsvItem = CsvRecord | CsvProblem;

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** Line breaks in `text` between `from` (inclusive) and `to` (exclusive): LF, CRLF and a lone CR each count once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) breaks++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) breaks++;
  }
  return breaks;
}

/**
 * The records of a CSV text, in order. Blank lines are skipped. Every record is yielded as it is:
 * checking the number of fields against the header is the caller's business.
 */
export function* readCsv(text: string, delimiter = ','): Generator<CsvItem> {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') throw new Error('The delimiter must be one character other than a quote or a line break.');
  const DELIM = delimiter.charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  /** Moves past the end of the current physical line (or to the end of the text). */
  const skipRestOfLine = () => {
    while (i < n) {
      const c = text.charCodeAt(i++);
      if (c === LF) {
        line++;
        return;
      }
      if (c === CR) {
        if (text.charCodeAt(i) === LF) i++;
        line++;
        return;
      }
    }
  };

  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let problem: string | undefined;
    let quotedAny = false;
    // One record: fields until a line break outside quotes, or the end of the text.
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        quotedAny = true;
        i++;
        let value = '';
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          if (q === -1) break;
          value += text.slice(i, q);
          line += countLineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          line += countLineBreaks(text, i, n);
          i = n;
          problem = 'a quoted field is not closed: the closing quote (") is missing';
          break;
        }
        fields.push(value);
        if (i >= n) break;
        const c = text.charCodeAt(i);
        if (c === DELIM) {
          i++;
          continue;
        }
        if (c === LF || c === CR) {
          i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
          line++;
          break;
        }
        problem = `unexpected text after a closing quote in field ${fields.length}; a quote inside a quoted field is written as two quotes ("")`;
        skipRestOfLine();
        break;
      }
      // An unquoted field runs to the delimiter or the line end, and must not contain a quote.
      let j = i;
      let c = -1;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === DELIM || c === LF || c === CR || c === QUOTE) break;
        j++;
      }
      if (j < n && c === QUOTE) {
        problem = `a quote (") inside unquoted field ${fields.length + 1}; quote the whole field and write the quote as two quotes ("")`;
        i = j;
        skipRestOfLine();
        break;
      }
      fields.push(text.slice(i, j));
      i = j;
      if (i >= n) break;
      if (c === DELIM) {
        i++; // a delimiter at the very end of the text still opens one more, empty, field
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    if (problem) {
      yield { ok: false, line: start, message: problem };
      continue;
    }
    if (fields.length === 1 && fields[0] === '' && !quotedAny) continue; // a blank line
    yield { ok: true, line: start, fields };
  }
}

/** Writes one CSV record (quoting only where needed), without the line end. For tests and generators. */
export function csvLine(values: readonly string[], delimiter = ','): string {
  return values.map((value) => (/[",\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value)).join(delimiter);
}
