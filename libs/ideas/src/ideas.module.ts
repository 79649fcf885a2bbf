import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExecuteIdeaCommandHandler } from './application/execute-idea-command.js';
import { GetFunnelHandler } from './application/funnel.query.js';
import { GetIdeaHandler, ListIdeasHandler } from './application/idea-queries.js';
import { GetFunnelAsOfHandler, GetIdeaAsOfHandler } from './application/time-travel.js';
import { IdeasController } from './http/ideas.http.controller.js';

/** The ideas context: submitting ideas and moving them through the funnel. */
@Module({
  imports: [CqrsModule],
  controllers: [IdeasController],
  providers: [ExecuteIdeaCommandHandler, GetIdeaHandler, ListIdeasHandler, GetFunnelHandler, GetFunnelAsOfHandler, GetIdeaAsOfHandler],
})
export class IdeasModule {}
