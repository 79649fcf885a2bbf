import type { Request } from 'express';
import { parseToken } from '#event-store';
import { ProblemException } from '#platform';
import type { ProjectionRunner } from './projection-runner.js';

/**
 * A query carrying the token of an earlier command waits (bounded) until the projections it reads
 * include it. When the wait ends first, the answer says so (`X-Consistency: stale` and the projections
 * still behind) instead of passing stale data off as current. A token from the future is refused at once.
 */
export async function waitForToken(runner: ProjectionRunner, req: Request, reads: readonly string[], timeoutMs = 5_000): Promise<void> {
  const raw = req.headers['x-consistency-token'];
  if (raw === undefined) return;
  const token = parseToken(Array.isArray(raw) ? raw[0] : raw);
  if (!token) throw ProblemException.validation([{ field: 'X-Consistency-Token', message: 'X-Consistency-Token must be a token this API gave out' }]);
  if (await runner.isFuture(token)) {
    throw ProblemException.validation([{ field: 'X-Consistency-Token', message: 'X-Consistency-Token names a position no write has reached: use a token this API gave out' }]);
  }
  const behind = await runner.waitForNamed(token, timeoutMs, reads);
  if (behind.length > 0) {
    req.res?.setHeader('X-Consistency', 'stale');
    req.res?.setHeader('X-Consistency-Behind', behind.join(', '));
  } else {
    req.res?.setHeader('X-Consistency', 'current');
  }
}
