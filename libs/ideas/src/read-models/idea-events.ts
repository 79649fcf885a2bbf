import type { RecordedEvent } from '#event-store';
import { IDEA_EVENT_TYPES, isIdeaStream, type IdeaEvent } from '../domain/idea.events.js';

export type RecordedIdeaEvent = RecordedEvent & IdeaEvent;

const known = new Set<string>(IDEA_EVENT_TYPES);

/** Narrows a feed event to an idea event, keyed by the idea's id. */
export function ideaKey(event: RecordedEvent): string | undefined {
  return isIdeaStream(event.streamId) && known.has(event.type) ? event.streamId.slice('idea-'.length) : undefined;
}

export const occurredAt = (event: RecordedEvent): Date => new Date(event.metadata.occurredAt ?? event.recordedAt);

/** The role under which the actor took the step, for histories ("change-agent moved it to piloting"). */
export function actorRole(event: RecordedEvent): string {
  const roles = event.metadata.actor?.roles ?? [];
  const moves = ['IdeaReviewStarted', 'IdeaPilotStarted', 'PilotMeasurementsRecorded', 'IdeaAdopted', 'IdeaRejected'];
  if (moves.includes(event.type) && roles.includes('change-agent')) return 'change-agent';
  return roles.find((role) => role === 'employee') ?? roles[0] ?? 'unknown';
}
