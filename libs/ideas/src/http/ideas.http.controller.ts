import { Body, Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { formatToken } from '#event-store';
import {
  Authorize,
  CLOCK,
  CurrentActor,
  nameBasedId,
  newId,
  parseIdempotencyKey,
  parseIfMatch,
  ProblemException,
  PSEUDONYMIZER,
  requestId,
  type Actor,
  type Clock,
  type Pseudonymizer,
} from '#platform';
import { ProjectionRunner, waitForToken } from '#projections';
import type { IdeaCommand } from '../domain/idea.commands.js';
import type { MediaLink } from '../domain/idea.events.js';
import { ExecuteIdeaCommand, type IdeaCommandResult } from '../application/execute-idea-command.js';
import { GetFunnelQuery } from '../application/funnel.query.js';
import { GetIdeaQuery, ListIdeasQuery } from '../application/idea-queries.js';
import { GetFunnelAsOfQuery, GetIdeaAsOfQuery, parseAsOf } from '../application/time-travel.js';
import { MergeIdeasCommand, type MergeResult } from '../application/merge-ideas.js';
import { findSimilarIdeas } from '../application/similar-ideas.js';
import { uploadedMedia } from '../application/uploaded-media.js';
import {
  AdoptIdeaDto,
  CommentIdeaDto,
  FunnelQueryDto,
  ListIdeasQueryDto,
  MergeIdeaDto,
  SimilarIdeasQueryDto,
  SubmitIdeaQueryDto,
  RecordMeasurementsDto,
  RejectIdeaDto,
  StartPilotDto,
  StartReviewDto,
  SubmitIdeaDto,
  WithdrawIdeaDto,
} from './idea.dto.js';

type CommandBody = Omit<IdeaCommand, 'context'> extends infer C ? (C extends { type: infer T } ? { type: T } & Record<string, unknown> : never) : never;

const anyUuid = new ParseUUIDPipe({ exceptionFactory: () => ProblemException.of(404, 'idea-not-found', 'There is no such idea.') });

@ApiTags('ideas')
@ApiBearerAuth()
@Controller('api')
export class IdeasController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
    @Inject(ProjectionRunner) private readonly consistency: ProjectionRunner,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  private async run(ideaId: string, actor: Actor, body: CommandBody, req: Request, res: Response, idempotencyKey?: string): Promise<IdeaCommandResult> {
    const command = { ...body, context: { actor, pseudonym: this.pseudonyms.of(actor), now: this.clock.now() } } as IdeaCommand;
    const result: IdeaCommandResult = await this.commands.execute(
      new ExecuteIdeaCommand(ideaId, command, { expectedVersion: parseIfMatch(req), requestId: requestId(req), idempotencyKey }),
    );
    res.setHeader('ETag', `"${result.version}"`);
    res.setHeader('X-Consistency-Token', formatToken(result.consistencyToken));
    // The write stands; only the read models are behind. Send the token with the next query to wait for it.
    if (!result.visible) res.setHeader('X-Consistency', 'pending');
    return result;
  }

  private static answer(result: IdeaCommandResult) {
    return { id: result.id, version: result.version, stage: result.stage, consistencyToken: formatToken(result.consistencyToken) };
  }

  @Authorize('ideas.submit')
  @Post('ideas')
  @ApiOperation({ summary: 'Submit an idea' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key creates one idea' })
  async submit(
    @CurrentActor() actor: Actor,
    @Body() dto: SubmitIdeaDto,
    @Query() query: SubmitIdeaQueryDto,
    @Headers('idempotency-key') rawKey: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const key = parseIdempotencyKey(rawKey);
    // With a key, the id is derived from it: the same caller retrying gets the same idea. Derived through the
    // keyed pseudonym function, never from the subject alone: whoever knows a colleague's subject and guesses
    // their key must not be able to recompute the id and so learn who submitted an anonymous idea.
    const ideaId = key ? nameBasedId(`idea:${this.pseudonyms.of(`idea-idempotency\u0000${actor.organisation}\u0000${actor.subject}\u0000${key}`)}`) : newId();
    const result = await this.run(
      ideaId,
      actor,
      {
        type: 'SubmitIdea',
        ideaId,
        title: dto.title,
        description: dto.description,
        ...(dto.problem ? { problem: dto.problem } : {}),
        ...(dto.proposal ? { proposal: dto.proposal } : {}),
        organisation: dto.organisation ?? actor.organisation,
        unit: dto.unit,
        sector: dto.sector,
        themes: dto.themes ?? [],
        language: dto.language ?? 'fi',
        media: await uploadedMedia(this.db, this.pseudonyms.of(actor), dto.organisation ?? actor.organisation, dto.media ?? []),
        anonymous: dto.anonymous ?? false,
      },
      req,
      res,
      key,
    );
    res.status(201).setHeader('Location', `/api/ideas/${ideaId}`);
    // Possible duplicates only when asked for: the search is a read, and the write answers without it.
    if (query.similar === undefined) return IdeasController.answer(result);
    const similar = await findSimilarIdeas(this.db, dto.organisation ?? actor.organisation, `${dto.title} ${dto.description}`, { exclude: ideaId, limit: query.similar });
    return { ...IdeasController.answer(result), similar };
  }

  @Authorize('ideas.similar')
  @Get('ideas/similar')
  @ApiOperation({ summary: 'Ideas of the organisation similar to a title or description being typed (duplicate check)' })
  async similar(@CurrentActor() actor: Actor, @Query() query: SimilarIdeasQueryDto, @Req() req: Request) {
    await waitForToken(this.consistency, req, ['idea-views', 'idea-words']);
    const organisation = query.organisation ?? actor.organisation;
    return { organisation, items: await findSimilarIdeas(this.db, organisation, query.text, { limit: query.limit ?? 5 }) };
  }

  @Authorize('ideas.list')
  @Get('ideas')
  @ApiOperation({ summary: 'List ideas of an organisation (newest first, cursor pagination)' })
  async list(@CurrentActor() actor: Actor, @Query() query: ListIdeasQueryDto, @Req() req: Request) {
    await waitForToken(this.consistency, req, ['idea-views']);
    return this.queries.execute(new ListIdeasQuery({ ...query, limit: query.limit ?? 20 }, actor));
  }

  @Authorize('ideas.get')
  @Get('ideas/:id')
  @ApiOperation({ summary: 'One idea with its history; ?asOf=<date-time> folds its events up to that moment' })
  async get(@CurrentActor() actor: Actor, @Param('id', anyUuid) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response, @Query('asOf') rawAsOf?: string) {
    const asOf = parseAsOf(rawAsOf);
    if (asOf) return this.queries.execute(new GetIdeaAsOfQuery(id, asOf, actor));
    await waitForToken(this.consistency, req, ['idea-views']);
    const idea = await this.queries.execute(new GetIdeaQuery(id, actor));
    res.setHeader('ETag', `"${(idea as { version: number }).version}"`);
    // A merged duplicate points to the idea it lives on in.
    const mergedInto = (idea as { mergedInto?: string | null }).mergedInto;
    if (mergedInto) res.setHeader('Link', `</api/ideas/${mergedInto}>; rel="canonical"`);
    return idea;
  }

  @Authorize('ideas.review')
  @Post('ideas/:id/review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the review (change agents)' })
  async review(@CurrentActor() actor: Actor, @Param('id', anyUuid) id: string, @Body() dto: StartReviewDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return IdeasController.answer(await this.run(id, actor, { type: 'StartReview', team: dto.team }, req, res));
  }

  @Authorize('ideas.pilot')
  @Post('ideas/:id/pilot')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a pilot with a plan and metrics (change agents)' })
  async pilot(@CurrentActor() actor: Actor, @Param('id', anyUuid) id: string, @Body() dto: StartPilotDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const metrics = dto.metrics.map((m) => ({ name: m.name, baseline: m.baseline, ...(m.unit ? { unit: m.unit } : {}), ...(m.target !== undefined ? { target: m.target } : {}) }));
    return IdeasController.answer(
      await this.run(id, actor, { type: 'StartPilot', goal: dto.goal, team: dto.team, startsOn: dto.startsOn, endsOn: dto.endsOn, metrics }, req, res),
    );
  }

  @Authorize('ideas.measurements')
  @Post('ideas/:id/measurements')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record pilot measurements (change agents)' })
  async measurements(@CurrentActor() actor: Actor, @Param('id', anyUuid) id: string, @Body() dto: RecordMeasurementsDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const measurements = dto.measurements.map((m) => ({ metric: m.metric, value: m.value, measuredOn: m.measuredOn }));
    return IdeasController.answer(await this.run(id, actor, { type: 'RecordMeasurements', measurements }, req, res));
  }

  @Authorize('ideas.adopt')
  @Post('ideas/:id/adopt')
  @HttpCode(200)
  @ApiOperation({ summary: 'Adopt the idea with its measured result (change agents)' })
  async adopt(@CurrentActor() actor: Actor, @Param('id', anyUuid) id: string, @Body() dto: AdoptIdeaDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const metrics = (dto.metrics ?? []).map((m) => ({ metric: m.metric, value: m.value }));
    return IdeasController.answer(await this.run(id, actor, { type: 'AdoptIdea', result: dto.result, metrics }, req, res));
  }

  @Authorize('ideas.reject')
  @Post('ideas/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the idea with a reason (change agents)' })
  async reject(@CurrentActor() actor: Actor, @Param('id', anyUuid) id: string, @Body() dto: RejectIdeaDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return IdeasController.answer(await this.run(id, actor, { type: 'RejectIdea', reason: dto.reason }, req, res));
  }

  @Authorize('ideas.withdraw')
  @Post('ideas/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw your own idea before it is piloted' })
  async withdraw(@CurrentActor() actor: Actor, @Param('id', anyUuid) id: string, @Body() dto: WithdrawIdeaDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return IdeasController.answer(await this.run(id, actor, { type: 'WithdrawIdea', ...(dto.reason ? { reason: dto.reason } : {}) }, req, res));
  }

  @Authorize('ideas.comment')
  @Post('ideas/:id/comments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Comment on an idea, optionally with photos, recordings or videos (uploads of yours, as for a new idea)' })
  async comment(@CurrentActor() actor: Actor, @Param('id', anyUuid) id: string, @Body() dto: CommentIdeaDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    let media: MediaLink[] = [];
    if (dto.media?.length) {
      // An upload may join only an idea of the organisation it was made for.
      const [idea] = (await this.db.query('SELECT organisation FROM idea_views WHERE id = $1', [id])) as { organisation: string }[];
      media = await uploadedMedia(this.db, this.pseudonyms.of(actor), idea?.organisation ?? actor.organisation, dto.media);
    }
    return IdeasController.answer(await this.run(id, actor, { type: 'CommentIdea', commentId: newId(), text: dto.text, ...(media.length ? { media } : {}) }, req, res));
  }

  @Authorize('ideas.support')
  @Post('ideas/:id/support')
  @HttpCode(200)
  @ApiOperation({ summary: 'Support an idea (once per person)' })
  async support(@CurrentActor() actor: Actor, @Param('id', anyUuid) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return IdeasController.answer(await this.run(id, actor, { type: 'SupportIdea' }, req, res));
  }

  @Authorize('ideas.merge')
  @Post('ideas/:id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge this idea, a duplicate, into another idea: supports and comments move over (change agents)' })
  async merge(@CurrentActor() actor: Actor, @Param('id', anyUuid) id: string, @Body() dto: MergeIdeaDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const context = { actor, pseudonym: this.pseudonyms.of(actor), now: this.clock.now() };
    const result: MergeResult = await this.commands.execute(new MergeIdeasCommand(id, dto.into, context, { expectedVersion: parseIfMatch(req), requestId: requestId(req) }));
    res.setHeader('ETag', `"${result.version}"`);
    res.setHeader('X-Consistency-Token', formatToken(result.consistencyToken));
    res.setHeader('Link', `</api/ideas/${result.mergedInto}>; rel="canonical"`);
    if (!result.visible) res.setHeader('X-Consistency', 'pending');
    return { ...IdeasController.answer(result), mergedInto: result.mergedInto, supportersMoved: result.supportersMoved, commentsMoved: result.commentsMoved };
  }

  @Authorize('ideas.funnel')
  @Get('funnel')
  @ApiOperation({ summary: 'The innovation funnel: counts per stage, conversion and median days per stage' })
  async funnel(@CurrentActor() actor: Actor, @Query() query: FunnelQueryDto, @Req() req: Request) {
    const { asOf: rawAsOf, ...filter } = query;
    const asOf = parseAsOf(rawAsOf);
    await waitForToken(this.consistency, req, [asOf ? 'funnel-stays' : 'funnel']);
    if (asOf) return this.queries.execute(new GetFunnelAsOfQuery(filter, asOf, actor));
    return this.queries.execute(new GetFunnelQuery(filter, actor));
  }
}
