// Whose idea is it: the organisation the access policy compares with the caller's, from the idea's first event.
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { EVENT_STORE, type EventStore } from '#event-store';
import { isUuid, ProblemException, ResolvesTarget, type TargetResolver } from '#platform';
import { ideaStreamId } from '../domain/idea.events.js';

const notFound = () => ProblemException.of(404, 'idea-not-found', 'There is no such idea.');

/** Reads the event store, not a read model: a command right after the submit must not find "no such idea". */
@Injectable()
@ResolvesTarget('idea')
export class IdeaTargetResolver implements TargetResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async organisationOf(request: Request): Promise<string> {
    const id = request.params.id;
    if (typeof id !== 'string' || !isUuid(id)) throw notFound();
    const [submitted] = await this.store.readStream(ideaStreamId(id), { toVersion: 1 });
    const organisation = (submitted?.data as { organisation?: unknown } | undefined)?.organisation;
    if (typeof organisation !== 'string') throw notFound();
    return organisation;
  }
}
