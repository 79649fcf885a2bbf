import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExecuteIdeaCommandHandler } from './application/execute-idea-command.js';
import { GetFunnelHandler } from './application/funnel.query.js';
import { GetIdeaHandler, ListIdeasHandler } from './application/idea-queries.js';
import { IdeasController } from './http/ideas.http.controller.js';
import { MergeIdeasHandler } from './application/merge-ideas.js';

/** The ideas context: submitting ideas and moving them through the funnel. */
@Module({
  imports: [CqrsModule],
  controllers: [IdeasController],
  providers: [ExecuteIdeaCommandHandler, MergeIdeasHandler, GetIdeaHandler, ListIdeasHandler, GetFunnelHandler],
})
export class IdeasModule {}
