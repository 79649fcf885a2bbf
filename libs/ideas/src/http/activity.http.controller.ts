import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request } from 'express';
import { Authorize, CurrentActor, type Actor } from '#platform';
import { ProjectionRunner, waitForToken } from '#projections';
import { GetUnitActivityQuery, PERIODS, type Period } from '../application/activity.query.js';
import { FunnelQueryDto } from './idea.dto.js';

export class ActivityQueryDto extends FunnelQueryDto {
  @ApiPropertyOptional({ enum: PERIODS, default: 'month', description: 'Periods on the Finnish calendar' }) @IsOptional() @IsIn(PERIODS) period?: Period;
}

/** Unit activity over time, beside the funnel (read-only). */
@ApiTags('ideas')
@ApiBearerAuth()
@Controller('api')
export class ActivityController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(ProjectionRunner) private readonly consistency: ProjectionRunner,
  ) {}

  @Authorize('ideas.activity')
  @Get('funnel/activity')
  @ApiOperation({ summary: "Each unit's activity per month, quarter or year: ideas submitted, pilots started, ideas adopted, people taking part" })
  async activity(@CurrentActor() actor: Actor, @Query() query: ActivityQueryDto, @Req() req: Request) {
    await waitForToken(this.consistency, req, ['funnel', 'idea-views']);
    return this.queries.execute(new GetUnitActivityQuery(query, actor));
  }
}
