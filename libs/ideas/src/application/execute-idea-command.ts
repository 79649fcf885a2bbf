import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, handleCommand, type AppendResult, type EventStore } from '#event-store';
import { APP_CONFIG, nameBasedId, ProblemException, type AppConfig } from '#platform';
import { ProjectionRunner } from '#projections';
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
        return { id: ideaId, version: 1, stage: 'submitted', consistencyToken: first.checkpoint, replayed: true };
      }
    }

    const outcome = await handleCommand(this.store, ideaDecider, {
      streamId,
      command,
      expectedVersion: options.expectedVersion,
      eventIds,
      metadata: {
        occurredAt: now.toISOString(),
        // Events name people only by keyed pseudonym.
        actor: { subject: pseudonym, organisation: actor.organisation, roles: actor.roles },
        correlationId: options.requestId,
        causationId: options.requestId,
      },
    });
    if (!outcome.ok) {
      if ('stale' in outcome) {
        throw ProblemException.of(412, 'stale-version', `The idea is at version ${outcome.stale.actual}, not ${outcome.stale.expected}: reload it and try again.`, {
          currentVersion: outcome.stale.actual,
        });
      }
      throw ProblemException.fromDomain(outcome.error);
    }
    const state = outcome.state as IdeaState;
    // Read-your-writes: answer once the read models include this change (bounded wait).
    await this.projections.waitFor(outcome.result.checkpoint, this.config.projections.consistencyWaitMs);
    return {
      id: ideaId,
      version: outcome.result.nextVersion,
      stage: state.status,
      consistencyToken: outcome.result.checkpoint,
      replayed: outcome.result.replayed,
    };
  }
}
