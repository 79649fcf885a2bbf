// Small HTTP conventions shared by every context: If-Match, Idempotency-Key, request ids.
import type { Request } from 'express';
import { newId } from './ids.js';
import { ProblemException } from './problem.js';

/** `If-Match: "3"` (or W/"3") → 3; absent → undefined. */
export function parseIfMatch(req: Request): number | undefined {
  const raw = req.headers['if-match'];
  if (raw === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(Array.isArray(raw) ? raw[0] : raw);
  if (!match) throw ProblemException.validation([{ field: 'If-Match', message: 'If-Match must be an ETag this API gave out, e.g. "3"' }]);
  return Number(match[1]);
}

export function parseIdempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(raw)) {
    throw ProblemException.validation([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1–200 visible ASCII characters' }]);
  }
  return raw;
}

export function requestId(req: Request): string {
  const raw = req.headers['x-request-id'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && /^[\w.:-]{1,100}$/.test(value) ? value : newId();
}

/** Keyed pseudonyms: the only form in which a person's identity enters events and read models. */
export interface Pseudonymizer {
  of(actor: { subject: string } | string): string;
}
export const PSEUDONYMIZER = Symbol('Pseudonymizer');
export const APP_CONFIG = Symbol('AppConfig');
