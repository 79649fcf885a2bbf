// Shared shapes of request fields, for class-validator and class-transformer in every context.
import type { FieldError } from './problem.js';

/** Organisation ids: lower-case, digits and hyphens, e.g. `imatra`, `jarvi-saimaan-palvelut`. */
export const ORGANISATION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Options for IsNumber: no NaN, no Infinity (class-validator's maxDecimalPlaces breaks on 1e-7, so it is not used). */
export const FINITE_NUMBER = { allowNaN: false, allowInfinity: false };

type TransformArgs = { value: unknown };
export const trimString = ({ value }: TransformArgs) => (typeof value === 'string' ? value.trim() : value);
/** Query strings carry text: "12" → 12, anything else is left for the validator to refuse. */
export const queryInt = ({ value }: TransformArgs) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
export const queryBool = ({ value }: TransformArgs) => (value === 'true' ? true : value === 'false' ? false : value);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Names that reach an object's prototype: never a field of ours, refused rather than silently dropped. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function textProblem(text: string): string | undefined {
  // PostgreSQL can store neither NUL characters nor unpaired surrogates (in jsonb): refuse them here rather than fail later.
  if (text.includes('\u0000')) return 'text must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'text must be valid Unicode: an unpaired surrogate (\\uD800–\\uDFFF) is not a character';
  return undefined;
}

/** The first field of a request body or query whose name or text cannot be taken in, with the reason. */
export function inputProblem(value: unknown, field: string, depth = 0): FieldError | undefined {
  if (depth > 64) return { field, message: 'the request is nested more than 64 levels deep' };
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { field, message } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = inputProblem(value[i], `${field}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const path = field ? `${field}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { field: path, message: `"${key}" is not a field name this API takes` };
      const message = textProblem(key);
      if (message) return { field: field || 'body', message: `field names: ${message}` };
      const problem = inputProblem((value as Record<string, unknown>)[key], path, depth + 1);
      if (problem) return problem;
    }
  }
  return undefined;
}
