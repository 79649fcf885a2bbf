import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type AppendResult, type EventStore } from '#event-store';
import { APP_CONFIG, commandMetadata, nameBasedId, type AppConfig } from '#platform';
import { decideAndWait, ProjectionRunner } from '#projections';
import type { IdeaCommand } from '../domain/idea.commands.js';
import { ideaDecider, type IdeaState } from '../domain/idea.decider.js';
import { ideaStreamId } from '../domain/idea.events.js';

export class ExecuteIdeaCommand {
  constructor(
    readonly ideaId: string,
    readonly command: IdeaCommand,
    readonly options: { expectedVersion?: number; requestId: string; idempotencyKey?: string },
  ) {}
}

export interface IdeaCommandResult {
  id: string;
  version: number;
  stage: string;
  /** Position of the append: pass it back as X-Consistency-Token to read your own write anywhere. */
  consistencyToken: AppendResult['checkpoint'];
  replayed: boolean;
  /** False when the read models had not caught up within the bounded wait. */
  visible: boolean;
}

@CommandHandler(ExecuteIdeaCommand)
export class ExecuteIdeaCommandHandler implements ICommandHandler<ExecuteIdeaCommand, IdeaCommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ ideaId, command, options }: ExecuteIdeaCommand): Promise<IdeaCommandResult> {
    const streamId = ideaStreamId(ideaId);
    const { actor, now, pseudonym } = command.context;
    const eventIds = options.idempotencyKey ? (i: number) => nameBasedId(`${streamId}:${options.idempotencyKey}:${i}`) : undefined;

    if (eventIds) {
      // A retried create: the first event already carries the id this key derives.
      const [first] = await this.store.readStream(streamId, { toVersion: 1 });
      if (first && first.eventId === eventIds(0)) {
        const visible = await this.projections.waitFor(first.checkpoint, this.config.projections.consistencyWaitMs, this.projections.ownViews);
        return { id: ideaId, version: 1, stage: 'submitted', consistencyToken: first.checkpoint, replayed: true, visible };
      }
    }

    const written = await decideAndWait(this.store, this.projections, this.config.projections.consistencyWaitMs, ideaDecider, {
      what: 'idea',
      streamId,
      command,
      expectedVersion: options.expectedVersion,
      eventIds,
      metadata: commandMetadata(actor, pseudonym, now, options.requestId),
    });
    return {
      id: ideaId,
      version: written.version,
      stage: (written.state as Exclude<IdeaState, { status: 'none' }>).status,
      consistencyToken: written.checkpoint,
      replayed: written.replayed,
      visible: written.visible,
    };
  }
}
