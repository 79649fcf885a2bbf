// Whose nominee is it: the organisation the access policy compares with a nominating editor's.
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { isUuid, ProblemException, ResolvesTarget, type Actor, type TargetResolver } from '#platform';

/** A deed's organisation comes from the catalogue (only published deeds are nominated); otherwise the organisation named, by default the caller's. */
@Injectable()
@ResolvesTarget('nominee')
export class NomineeTargetResolver implements TargetResolver {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async organisationOf(request: Request, actor: Actor): Promise<string | null> {
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    if (body.deedId !== undefined) {
      if (typeof body.deedId !== 'string' || !isUuid(body.deedId)) return null;
      const [deed] = await this.db.query(`SELECT organisation FROM deed_entries WHERE id = $1`, [body.deedId]);
      if (!deed) throw ProblemException.of(404, 'deed-not-found', 'There is no such deed in the catalogue.');
      return deed.organisation as string;
    }
    if (body.organisation === undefined) return actor.organisation;
    return typeof body.organisation === 'string' && /^[a-z0-9][a-z0-9-]{0,62}$/.test(body.organisation) ? body.organisation : null;
  }
}
