// Whose deed is it: the organisation the access policy compares with the caller's, from the deed's first event.
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { EVENT_STORE, type EventStore } from '#event-store';
import { isUuid, ProblemException, ResolvesTarget, type TargetResolver } from '#platform';
import { deedStreamId } from '../domain/deed.events.js';

const notFound = () => ProblemException.of(404, 'deed-not-found', 'There is no such deed.');

/** Reads the event store, not a read model: an edit right after the draft must not find "no such deed". */
@Injectable()
@ResolvesTarget('deed')
export class DeedTargetResolver implements TargetResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async organisationOf(request: Request): Promise<string> {
    const id = request.params.id;
    if (typeof id !== 'string' || !isUuid(id)) throw notFound();
    const [drafted] = await this.store.readStream(deedStreamId(id), { toVersion: 1 });
    const organisation = (drafted?.data as { organisation?: unknown } | undefined)?.organisation;
    if (typeof organisation !== 'string') throw notFound();
    return organisation;
  }
}
