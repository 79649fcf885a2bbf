// Merging a duplicate into a surviving idea: two streams, written one after the other.
// The duplicate's `IdeaMerged` is the decision; the survivor's `DuplicateMerged` follows from it. Both steps are
// idempotent, so repeating the same merge (a retry after a failure between the two appends) completes it.
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { compareCheckpoints, EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { APP_CONFIG, commandMetadata, type AppConfig } from '#platform';
import { decideAndWait, ProjectionRunner } from '#projections';
import type { CommandContext } from '../domain/idea.commands.js';
import { ideaDecider, survivorSnapshot, type IdeaState } from '../domain/idea.decider.js';
import { ideaStreamId, type IdeaEvent, type MovedComment } from '../domain/idea.events.js';
import type { IdeaCommandResult } from './execute-idea-command.js';

export class MergeIdeasCommand {
  constructor(
    readonly duplicateId: string,
    readonly survivorId: string,
    readonly context: CommandContext,
    readonly options: { expectedVersion?: number; requestId: string },
  ) {}
}

export interface MergeResult extends IdeaCommandResult {
  mergedInto: string;
  supportersMoved: number;
  commentsMoved: number;
}

const fold = (events: RecordedEvent[]): IdeaState =>
  events.reduce((state, e) => ideaDecider.evolve(state, { type: e.type, data: e.data } as IdeaEvent), ideaDecider.initialState());

/** The duplicate's comments, its own and those it had absorbed itself, with their original times. */
export function commentsOf(events: RecordedEvent[]): MovedComment[] {
  const comments: MovedComment[] = [];
  for (const e of events) {
    const event = { type: e.type, data: e.data } as IdeaEvent;
    if (event.type === 'IdeaCommented') {
      const { commentId, text, author, media } = event.data;
      comments.push({ commentId, text, author, at: e.metadata.occurredAt ?? e.recordedAt, ...(media?.length ? { media } : {}) });
    } else if (event.type === 'DuplicateMerged') {
      comments.push(...event.data.comments);
    }
  }
  return comments.sort((a, b) => a.at.localeCompare(b.at));
}

@CommandHandler(MergeIdeasCommand)
export class MergeIdeasHandler implements ICommandHandler<MergeIdeasCommand, MergeResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ duplicateId, survivorId, context, options }: MergeIdeasCommand): Promise<MergeResult> {
    const metadata = commandMetadata(context.actor, context.pseudonym, context.now, options.requestId);
    const survivor = survivorSnapshot(fold(await this.store.readStream(ideaStreamId(survivorId))));
    const wait = this.config.projections.consistencyWaitMs;
    const merged = await decideAndWait(this.store, this.projections, wait, ideaDecider, {
      what: 'idea',
      streamId: ideaStreamId(duplicateId),
      command: { type: 'MergeIdea', survivor: survivor.status === 'none' ? { ideaId: survivorId, status: 'none' } : survivor, context },
      expectedVersion: options.expectedVersion,
      metadata,
    });
    // What moves is read from the duplicate as it stands once merged: nothing can be added to it after that.
    const duplicateEvents = await this.store.readStream(ideaStreamId(duplicateId));
    const duplicate = fold(duplicateEvents);
    const supporters = duplicate.status === 'none' ? [] : duplicate.supporters;
    const comments = commentsOf(duplicateEvents);
    const absorbed = await decideAndWait(this.store, this.projections, wait, ideaDecider, {
      what: 'idea',
      streamId: ideaStreamId(survivorId),
      command: { type: 'AbsorbDuplicate', duplicateId, supporters, comments, context },
      metadata,
    });
    const last = compareCheckpoints(absorbed.checkpoint, merged.checkpoint) > 0 ? absorbed : merged;
    const moved = await this.store.readStream(ideaStreamId(survivorId));
    const event = moved.reverse().find((e) => e.type === 'DuplicateMerged' && (e.data as { duplicateId: string }).duplicateId === duplicateId);
    const data = event?.data as { supporters: string[]; comments: MovedComment[] } | undefined;
    return {
      id: duplicateId,
      version: merged.version,
      stage: 'merged',
      consistencyToken: last.checkpoint,
      replayed: merged.replayed && absorbed.replayed,
      visible: merged.visible && absorbed.visible,
      mergedInto: survivorId,
      supportersMoved: data?.supporters.length ?? 0,
      commentsMoved: data?.comments.length ?? 0,
    };
  }
}
