import type { Request } from 'express';
import { parseToken } from '#event-store';
import { ProblemException } from '#platform';
import type { ProjectionRunner } from './projection-runner.js';

/** A query carrying the token of an earlier command waits (bounded) until the read models include it. */
export async function waitForToken(runner: ProjectionRunner, req: Request, timeoutMs = 5_000): Promise<void> {
  const raw = req.headers['x-consistency-token'];
  if (raw === undefined) return;
  const token = parseToken(Array.isArray(raw) ? raw[0] : raw);
  if (!token) throw ProblemException.validation([{ field: 'X-Consistency-Token', message: 'X-Consistency-Token must be a token this API gave out' }]);
  await runner.waitFor(token, timeoutMs);
}
