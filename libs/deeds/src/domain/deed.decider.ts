// The deed's life: draft → published (revisions) ⇄ unpublished. Pure. Who may act is the access policy's
// (libs/platform/src/access-policy.ts), checked before a command is issued.
import { accept, refuse, type Actor, type Decision } from '#platform';
import type { DeedContent, DeedEvent } from './deed.events.js';

export interface DeedContext {
  actor: Actor;
  now: Date;
}

export type DeedCommand =
  | { type: 'DraftDeed'; deedId: string; organisation: string; content: DeedContent; ideaIds: string[]; source?: 'import' | 'idea' | 'editor'; externalId?: string; context: DeedContext }
  | { type: 'EditDeed'; content: DeedContent; context: DeedContext }
  | { type: 'PublishDeed'; context: DeedContext }
  | { type: 'UnpublishDeed'; reason: string; context: DeedContext };

export type DeedState =
  | { status: 'none' }
  | { status: 'draft' | 'published' | 'unpublished'; deedId: string; organisation: string; content: DeedContent; revision: number; editedSincePublish: boolean };

export const initialDeedState = (): DeedState => ({ status: 'none' });

export function evolveDeed(state: DeedState, event: DeedEvent): DeedState {
  switch (event.type) {
    case 'DeedDrafted':
      return { status: 'draft', deedId: event.data.deedId, organisation: event.data.organisation, content: event.data.content, revision: 0, editedSincePublish: false };
    case 'DeedEdited':
      return state.status === 'none' ? state : { ...state, content: event.data.content, editedSincePublish: true };
    case 'DeedPublished':
      return state.status === 'none' ? state : { ...state, status: 'published', content: event.data.content, revision: event.data.revision, editedSincePublish: false };
    case 'DeedUnpublished':
      return state.status === 'none' ? state : { ...state, status: 'unpublished' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function checkContent(content: DeedContent): Decision<DeedEvent> | undefined {
  if (!content.title.trim()) return refuse('invalid', 'deed.title-required', 'A deed needs a title.');
  if (!content.aim.trim()) return refuse('invalid', 'deed.aim-required', 'Tell what the development aimed at.');
  if (!content.achieved.trim()) return refuse('invalid', 'deed.achieved-required', 'Tell what the development achieved.');
  if (content.periodTo && content.periodTo < content.periodFrom) return refuse('invalid', 'deed.period-ends-before-start', 'The period cannot end before it starts.');
  return undefined;
}

export function decideDeed(command: DeedCommand, state: DeedState): Decision<DeedEvent> {
  if (command.type === 'DraftDeed') {
    if (state.status !== 'none') return refuse('conflict', 'deed.exists', 'This deed already exists.');
    const invalid = checkContent(command.content);
    if (invalid) return invalid;
    const { deedId, organisation, content, ideaIds, source, externalId } = command;
    return accept({ type: 'DeedDrafted', data: { deedId, organisation, content, ideaIds, ...(source ? { source } : {}), ...(externalId ? { externalId } : {}) } });
  }
  if (state.status === 'none') return refuse('not-found', 'deed.not-found', 'There is no such deed.');
  const { deedId } = state;
  switch (command.type) {
    case 'EditDeed': {
      const invalid = checkContent(command.content);
      if (invalid) return invalid;
      // A published deed changes by publishing a new revision: every published revision stays viewable.
      if (state.status === 'published') return accept({ type: 'DeedPublished', data: { deedId, revision: state.revision + 1, content: command.content } });
      return accept({ type: 'DeedEdited', data: { deedId, content: command.content } });
    }
    case 'PublishDeed': {
      if (state.status === 'published') return refuse('conflict', 'deed.already-published', 'The deed is already published.');
      return accept({ type: 'DeedPublished', data: { deedId, revision: state.revision + 1, content: state.content } });
    }
    case 'UnpublishDeed': {
      if (state.status !== 'published') return refuse('conflict', 'deed.not-published', 'Only a published deed can be unpublished.');
      if (!command.reason.trim()) return refuse('invalid', 'deed.reason-required', 'Unpublishing needs a reason.');
      return accept({ type: 'DeedUnpublished', data: { deedId, reason: command.reason } });
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const deedDecider = { decide: decideDeed, evolve: evolveDeed, initialState: initialDeedState };
