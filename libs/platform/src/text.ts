// Stored text is shown as text: markup a writer typed must never run in a reader's page.
const TAG = /<\/?[a-zA-Z!][^>]*>/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Removes tags and control characters, again and again until nothing changes (so `<<b>script>`
 * cannot reassemble), and defuses any `<` that could still open a tag. Plain comparisons such as
 * "a < b" stay as they are.
 */
export function plainText(value: string): string {
  let text = value.replace(CONTROL, '');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(TAG, '');
  }
  return text.replace(/<(?=[a-zA-Z!/?])/g, '‹');
}

/** Only web links survive: no javascript:, data: or other schemes. */
export function safeUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * The words of a search as a prefix-matching tsquery source: "kokoustila varaus" → 'kokoustila':* & 'varaus':*.
 * Only letters and digits survive, so the result is always valid tsquery syntax. Null when no word is left.
 */
export function prefixTsQuery(q: string): string | null {
  const words = searchWords(q);
  return words.length === 0 ? null : words.map((w) => `'${w}':*`).join(' & ');
}

/** The same words matched whole (after stemming): ranks a real word match above a prefix match. */
export function exactTsQuery(q: string): string | null {
  const words = searchWords(q);
  return words.length === 0 ? null : words.map((w) => `'${w}'`).join(' & ');
}

/** The words of a search, lower case, at most eight. */
export const searchWords = (q: string): string[] => (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);

/** A date (YYYY-MM-DD) or an ISO 8601 date-time with an optional offset: what PostgreSQL reads as timestamptz. */
export const ISO_DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
