import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExecuteIdeaCommandHandler } from './application/execute-idea-command.js';
import { GetUnitActivityHandler } from './application/activity.query.js';
import { GetFunnelHandler } from './application/funnel.query.js';
import { GetIdeaHandler, ListIdeasHandler } from './application/idea-queries.js';
import { IdeaTargetResolver } from './application/idea-target.resolver.js';
import { ActivityController } from './http/activity.http.controller.js';
import { GetFunnelAsOfHandler, GetIdeaAsOfHandler } from './application/time-travel.js';
import { IdeasController } from './http/ideas.http.controller.js';
import { MergeIdeasHandler } from './application/merge-ideas.js';

/** The ideas context: submitting ideas and moving them through the funnel. */
@Module({
  imports: [CqrsModule],
  controllers: [IdeasController, ActivityController],
  providers: [IdeaTargetResolver, ExecuteIdeaCommandHandler, MergeIdeasHandler, GetIdeaHandler, ListIdeasHandler, GetFunnelHandler, GetFunnelAsOfHandler, GetIdeaAsOfHandler, GetUnitActivityHandler],
})
export class IdeasModule {}
