import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { formatToken } from '#event-store';
import { Authorize, CLOCK, CurrentActor, newId, parseIfMatch, ProblemException, requestId, type Actor, type Clock } from '#platform';
import { waitForToken, ProjectionRunner } from '#projections';
import type { DeedCommand } from '../domain/deed.decider.js';
import { computeStandings, ExecuteCampaignCommand, GetCampaignQuery, ListCampaignsQuery } from '../application/campaigns.js';
import { CatalogueStatsQuery, GetCatalogueDeedQuery, GetDeedQuery, ListDeedsQuery, SearchCatalogueQuery } from '../application/catalogue.queries.js';
import { ExecuteDeedCommand, OpenDeedFromIdea, type DeedCommandResult } from '../application/deed-commands.js';
import { CatalogueQueryDto, deedContentFrom, DeedContentDto, DraftDeedDto, ListDeedsQueryDto, OpenCampaignDto, UnpublishDeedDto } from './deed.dto.js';
import { CampaignView } from '../read-models/campaign-view.entity.js';

type DeedCommandBody = DeedCommand extends infer C ? (C extends DeedCommand ? Omit<C, 'context'> : never) : never;

const deedId = new ParseUUIDPipe({ exceptionFactory: () => ProblemException.of(404, 'deed-not-found', 'There is no such deed.') });
const ideaId = new ParseUUIDPipe({ exceptionFactory: () => ProblemException.of(404, 'idea-not-found', 'There is no such idea.') });
const campaignId = new ParseUUIDPipe({ exceptionFactory: () => ProblemException.of(404, 'campaign-not-found', 'There is no such campaign.') });

function answer(res: Response, result: DeedCommandResult) {
  res.setHeader('ETag', `"${result.version}"`);
  res.setHeader('X-Consistency-Token', formatToken(result.checkpoint));
  if (!result.visible) res.setHeader('X-Consistency', 'pending');
  return { id: result.id, version: result.version, status: result.status, revision: result.revision, consistencyToken: formatToken(result.checkpoint) };
}

@ApiTags('deeds')
@ApiBearerAuth()
@Controller('api')
export class DeedsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
  ) {}

  private run(id: string, actor: Actor, body: DeedCommandBody, req: Request, options: { ifMatch?: boolean } = {}): Promise<DeedCommandResult> {
    const command = { ...body, context: { actor, now: this.clock.now() } } as DeedCommand;
    return this.commands.execute(new ExecuteDeedCommand(id, command, { expectedVersion: options.ifMatch === false ? undefined : parseIfMatch(req), requestId: requestId(req) }));
  }

  @Authorize('deeds.draft')
  @Post('deeds')
  @ApiOperation({ summary: 'Draft a development deed (organisation editors)' })
  async draft(@CurrentActor() actor: Actor, @Body() dto: DraftDeedDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const id = newId();
    const { organisation, ideaIds, ...content } = dto;
    const result = await this.run(id, actor, { type: 'DraftDeed', deedId: id, organisation: organisation ?? actor.organisation, content: deedContentFrom(content as DeedContentDto), ideaIds: ideaIds ?? [], source: 'editor' }, req);
    res.status(201).setHeader('Location', `/api/deeds/${id}`);
    return answer(res, result);
  }

  @Authorize('deeds.edit')
  @Put('deeds/:id')
  @ApiOperation({ summary: 'Edit a deed; on a published deed this publishes a new revision. Needs If-Match.' })
  async edit(@CurrentActor() actor: Actor, @Param('id', deedId) id: string, @Body() dto: DeedContentDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (req.headers['if-match'] === undefined) {
      throw ProblemException.of(428, 'if-match-required', 'Send If-Match with the version you edited, so no one else\'s change is overwritten.');
    }
    return answer(res, await this.run(id, actor, { type: 'EditDeed', content: deedContentFrom(dto) }, req));
  }

  @Authorize('deeds.publish')
  @Post('deeds/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the deed to Tekojen tori (organisation editors)' })
  async publish(@CurrentActor() actor: Actor, @Param('id', deedId) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.run(id, actor, { type: 'PublishDeed' }, req));
  }

  @Authorize('deeds.unpublish')
  @Post('deeds/:id/unpublish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the deed off the catalogue with a reason (its editors, admins)' })
  async unpublish(@CurrentActor() actor: Actor, @Param('id', deedId) id: string, @Body() dto: UnpublishDeedDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.run(id, actor, { type: 'UnpublishDeed', reason: dto.reason }, req));
  }

  @Authorize('deeds.list')
  @Get('deeds')
  @ApiOperation({ summary: "The organisation's deeds in every state, for its editors and admins" })
  async list(@CurrentActor() actor: Actor, @Query() query: ListDeedsQueryDto, @Req() req: Request) {
    await waitForToken(this.projections, req, ['deed-entries']);
    return this.queries.execute(new ListDeedsQuery(actor, { ...query, limit: query.limit ?? 20 }));
  }

  @Authorize('deeds.get')
  @Get('deeds/:id')
  @ApiOperation({ summary: "A deed as its editors see it, drafts and revisions included" })
  async get(@CurrentActor() actor: Actor, @Param('id', deedId) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await waitForToken(this.projections, req, ['deed-entries']);
    const deed = await this.queries.execute(new GetDeedQuery(id, actor));
    res.setHeader('ETag', `"${(deed as { version: number }).version}"`);
    return deed;
  }

  @Authorize('ideas.to-deed')
  @Post('ideas/:id/deed')
  @ApiOperation({ summary: 'Open a deed draft from an adopted idea (organisation editors)' })
  async fromIdea(@CurrentActor() actor: Actor, @Param('id', ideaId) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result: DeedCommandResult = await this.commands.execute(new OpenDeedFromIdea(id, actor, this.clock.now(), requestId(req)));
    res.status(201).setHeader('Location', `/api/deeds/${result.id}`);
    return answer(res, result);
  }
}

@ApiTags('catalogue')
@Controller('api/catalogue')
export class CatalogueController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
  ) {}

  @Authorize('catalogue.search')
  @Get('deeds')
  @ApiOperation({ summary: 'Search Tekojen tori: published deeds with facets (no login)' })
  async search(@Query() query: CatalogueQueryDto, @Req() req: Request) {
    await waitForToken(this.projections, req, ['deed-entries', 'award-deed-entries']);
    return this.queries.execute(new SearchCatalogueQuery({ ...query, limit: query.limit ?? 20 }));
  }

  @Authorize('catalogue.get')
  @Get('deeds/:id')
  @ApiOperation({ summary: 'A published deed with its revisions, lineage and awards (no login)' })
  async get(@Param('id', deedId) id: string, @Req() req: Request) {
    await waitForToken(this.projections, req, ['deed-entries', 'award-deed-entries']);
    return this.queries.execute(new GetCatalogueDeedQuery(id));
  }

  @Authorize('catalogue.stats')
  @Get('stats')
  @ApiOperation({ summary: 'Published deeds per year, sector and organisation (no login)' })
  async stats() {
    return this.queries.execute(new CatalogueStatsQuery());
  }
}

@ApiTags('campaigns')
@Controller('api/campaigns')
export class CampaignsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  @Authorize('campaigns.open')
  @Post()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Open a campaign with its window (admins)' })
  async open(@CurrentActor() actor: Actor, @Body() dto: OpenCampaignDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const id = newId();
    const startsAt = new Date(dto.startsAt).toISOString();
    const endsAt = new Date(dto.endsAt).toISOString();
    const result = await this.commands.execute(new ExecuteCampaignCommand(id, { type: 'OpenCampaign', campaignId: id, name: dto.name, startsAt, endsAt, actor }, requestId(req)));
    res.status(201).setHeader('Location', `/api/campaigns/${id}`);
    return result;
  }

  @Authorize('campaigns.list')
  @Get()
  @ApiOperation({ summary: 'All campaigns (no login)' })
  async list() {
    return this.queries.execute(new ListCampaignsQuery());
  }

  @Authorize('campaigns.get')
  @Get(':id')
  @ApiOperation({ summary: 'A campaign with its standings (no login)' })
  async get(@Param('id', campaignId) id: string) {
    return this.queries.execute(new GetCampaignQuery(id, this.clock.now()));
  }

  @Authorize('campaigns.standings')
  @Get(':id/standings')
  @ApiOperation({ summary: 'Organisations ranked by deeds published in the window; ties go to who got there first (no login)' })
  async standings(@Param('id', campaignId) id: string) {
    const campaign = (await this.queries.execute(new GetCampaignQuery(id, this.clock.now()))) as { standings: unknown; mostInventive: string | null; phase: string };
    return { campaignId: id, phase: campaign.phase, mostInventive: campaign.mostInventive, standings: campaign.standings };
  }

  @Authorize('campaigns.close')
  @Post(':id/close')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Close an ended campaign and record the most inventive organisation (admins; also done automatically)' })
  async close(@CurrentActor() actor: Actor, @Param('id', campaignId) id: string, @Req() req: Request) {
    const campaign = await this.db.getRepository(CampaignView).findOneBy({ id });
    if (!campaign) throw ProblemException.of(404, 'campaign-not-found', 'There is no such campaign.');
    const standings = await computeStandings(this.db, campaign.startsAt, campaign.endsAt);
    return this.commands.execute(
      new ExecuteCampaignCommand(
        id,
        { type: 'CloseCampaign', standings: standings.map(({ organisation, deeds, reachedAt, sectors }) => ({ organisation, deeds, reachedAt, sectors })), now: this.clock.now(), actor },
        requestId(req),
      ),
    );
  }
}
