import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, CLOCK, CurrentActor, newId, parseIfMatch, ProblemException, PSEUDONYMIZER, requestId, type Actor, type Clock, type FieldError, type Pseudonymizer } from '#platform';
import { waitForToken, ProjectionRunner } from '#projections';
import type { SeasonChanges, SeriesChange } from '../domain/award-season.decider.js';
import { CANONICAL_SERIES, DEFAULT_CRITERIA, nomineeKey, type Nominee, type SeriesConfig } from '../domain/award-season.events.js';
import { ExecuteSeasonCommand, NomineeResolver, ResultsAnnouncer, type SeasonCommandBody, type SeasonCommandResult } from '../application/season-commands.js';
import {
  AuditQuery,
  auditCsv,
  GetSeasonQuery,
  ListNominationsQuery,
  OrganisationNominationsQuery,
  ListSeasonsQuery,
  MyAwardsQuery,
  ProgressQuery,
  ProposalsQuery,
  ResultsQuery,
  ShortlistQuery,
  type AuditEntry,
} from '../application/season-queries.js';
import {
  AcceptProposalDto,
  AuditQueryDto,
  ConflictDto,
  GrantAwardDto,
  NominateDto,
  OpenSeasonDto,
  OurNominationsQueryDto,
  OverrideDto,
  RequiredSeriesQueryDto,
  ReviseSeasonDto,
  ScoreDto,
  SeriesQueryDto,
  SeriesRefDto,
} from './award.dto.js';

const seasonId = new ParseUUIDPipe({ exceptionFactory: () => ProblemException.of(404, 'award-season-not-found', 'There is no such award season.') });
const nominationId = new ParseUUIDPipe({ exceptionFactory: () => ProblemException.of(404, 'award-nomination-not-found', 'There is no such nomination.') });
const instant = (value: string) => new Date(value).toISOString();

/** Scores arrive as { criterion: 1–5 }: checked here so a bad value is named as a field. */
function checkScores(scores: Record<string, unknown>): Record<string, number> {
  const errors: FieldError[] = [];
  const entries = Object.entries(scores);
  if (entries.length === 0) errors.push({ field: 'scores', message: 'scores must give every criterion a score 1–5' });
  if (entries.length > 20) errors.push({ field: 'scores', message: 'scores has more criteria than any series' });
  for (const [key, value] of entries.slice(0, 20)) {
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(key)) errors.push({ field: `scores.${key.slice(0, 64)}`, message: 'criterion keys are lower-case identifiers' });
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) errors.push({ field: `scores.${key}`, message: `scores.${key} must be a whole number from 1 to 5` });
  }
  if (errors.length) throw ProblemException.validation(errors);
  return scores as Record<string, number>;
}

@ApiTags('awards')
@ApiBearerAuth()
@Controller('api')
export class AwardsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
    @Inject(NomineeResolver) private readonly nominees: NomineeResolver,
    @Inject(ResultsAnnouncer) private readonly announcer: ResultsAnnouncer,
  ) {}

  private run(id: string, command: SeasonCommandBody, actor: Actor, req: Request, expectedVersion?: number): Promise<SeasonCommandResult> {
    return this.commands.execute(new ExecuteSeasonCommand(id, command, actor, requestId(req), expectedVersion));
  }

  @Authorize('awards.open')
  @Post('award-seasons')
  @ApiOperation({ summary: 'Open an award season with its windows, gala date and series (admins)' })
  async open(@CurrentActor() actor: Actor, @Body() dto: OpenSeasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const id = newId();
    const series: SeriesConfig[] = dto.series.map((s) => ({
      key: s.key ?? CANONICAL_SERIES[s.kind].key,
      name: s.name ?? CANONICAL_SERIES[s.kind].name,
      kind: s.kind,
      awards: s.awards,
      shortlistSize: s.shortlistSize ?? s.awards * 2,
      criteria: s.criteria ? s.criteria.map((c) => ({ key: c.key, name: c.name ?? c.key, weight: c.weight })) : DEFAULT_CRITERIA,
      // Subjects enter the season only as keyed pseudonyms.
      jurors: s.jurors.map((j) => ({ juror: this.pseudonyms.of(j.subject), organisation: j.organisation })),
      chair: this.pseudonyms.of(s.chair),
      blind: s.blind ?? false,
      subAwards: s.subAwards ?? [],
    }));
    const result = await this.run(
      id,
      {
        type: 'OpenSeason',
        seasonId: id,
        year: dto.year,
        name: dto.name,
        nominationOpensAt: instant(dto.nominationOpensAt),
        nominationClosesAt: instant(dto.nominationClosesAt),
        eligibleFrom: instant(dto.eligibleFrom),
        eligibleTo: instant(dto.eligibleTo),
        galaAt: instant(dto.galaAt),
        series,
      },
      actor,
      req,
    );
    res.status(201).setHeader('Location', `/api/award-seasons/${id}`);
    return { id, version: result.version, series: series.map((s) => s.key) };
  }

  @Authorize('awards.revise')
  @Patch('award-seasons/:id')
  @ApiOperation({
    summary:
      'Change a season (admins): name, windows, gala date, jurors and chair until the results are announced; series, criteria and weights until the first nomination. If-Match optional.',
  })
  async revise(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Body() dto: ReviseSeasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const expectedVersion = parseIfMatch(req);
    const changes: SeasonChanges = {
      ...(dto.year !== undefined ? { year: dto.year } : {}),
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.nominationOpensAt ? { nominationOpensAt: instant(dto.nominationOpensAt) } : {}),
      ...(dto.nominationClosesAt ? { nominationClosesAt: instant(dto.nominationClosesAt) } : {}),
      ...(dto.eligibleFrom ? { eligibleFrom: instant(dto.eligibleFrom) } : {}),
      ...(dto.eligibleTo ? { eligibleTo: instant(dto.eligibleTo) } : {}),
      ...(dto.galaAt ? { galaAt: instant(dto.galaAt) } : {}),
    };
    if (dto.series) {
      changes.series = dto.series.map((s, i): SeriesChange => {
        const key = s.key ?? (s.kind ? CANONICAL_SERIES[s.kind].key : undefined);
        if (!key) throw ProblemException.validation([{ field: `series[${i}].key`, message: 'key names the series to change (or kind, for a new series of the programme)' }]);
        return {
          key,
          ...(s.kind !== undefined ? { kind: s.kind } : {}),
          ...(s.name !== undefined ? { name: s.name } : {}),
          ...(s.awards !== undefined ? { awards: s.awards } : {}),
          ...(s.shortlistSize !== undefined ? { shortlistSize: s.shortlistSize } : {}),
          ...(s.criteria ? { criteria: s.criteria.map((c) => ({ key: c.key, name: c.name ?? c.key, weight: c.weight })) } : {}),
          // Subjects enter the season only as keyed pseudonyms.
          ...(s.jurors ? { jurors: s.jurors.map((j) => ({ juror: this.pseudonyms.of(j.subject), organisation: j.organisation })) } : {}),
          ...(s.chair !== undefined ? { chair: this.pseudonyms.of(s.chair) } : {}),
          ...(s.blind !== undefined ? { blind: s.blind } : {}),
          ...(s.subAwards !== undefined ? { subAwards: s.subAwards } : {}),
        };
      });
    }
    const result = await this.run(id, { type: 'ReviseSeason', changes }, actor, req, expectedVersion);
    res.setHeader('ETag', `"${result.version}"`);
    const state = result.state.status === 'open' ? result.state : undefined;
    return { id, version: result.version, changed: result.events.includes('AwardSeasonRevised'), series: state ? Object.keys(state.series) : [] };
  }

  @Authorize('awards.list')
  @Get('award-seasons')
  @ApiOperation({ summary: 'Award seasons with their windows and gala dates (no login)' })
  list() {
    return this.queries.execute(new ListSeasonsQuery());
  }

  @Authorize('awards.get')
  @Get('award-seasons/:id')
  @ApiOperation({ summary: 'A season and its series; jury details for the jury and admins' })
  get(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string) {
    return this.queries.execute(new GetSeasonQuery(id, actor));
  }

  @Authorize('awards.nominate')
  @Post('award-seasons/:id/nominations')
  @ApiOperation({ summary: "Nominate a deed, an organisation or an employee (org editors for their own organisation, admins); a duplicate merges" })
  async nominate(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Body() dto: NominateDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { nominee, evidence } = await this.nominees.resolve(id, dto, actor);
    const nomination = newId();
    const result = await this.run(id, { type: 'Nominate', nominationId: nomination, series: dto.series, nominee, justification: dto.justification ?? '', source: 'nominator', evidence }, actor, req);
    return this.nominationAnswer(id, nomination, dto.series, nominee, result, res);
  }

  private nominationAnswer(season: string, nomination: string, series: string, nominee: Nominee, result: SeasonCommandResult, res: Response) {
    if (result.events.includes('NominationSubmitted')) {
      res.status(201).setHeader('Location', `/api/award-seasons/${season}/nominations`);
      return { id: nomination, seasonId: season, series, merged: false, version: result.version };
    }
    // Merged into (or the same as) the existing nomination of the same nominee.
    res.status(200);
    const existing = result.state.status === 'open' ? result.state.byNominee[`${series}|${nomineeKey(nominee)}`] : undefined;
    return { id: existing ?? nomination, seasonId: season, series, merged: true, version: result.version };
  }

  @Authorize('awards.nominations')
  @Get('award-seasons/:id/nominations')
  @ApiOperation({ summary: 'Nominations: jurors see their own series (blind series without names), chairs and admins everything' })
  async nominations(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Query() query: SeriesQueryDto, @Req() req: Request) {
    await waitForToken(this.projections, req, ['award-nominations']);
    return this.queries.execute(new ListNominationsQuery(id, query.series, actor));
  }

  @Authorize('awards.our-nominations')
  @Get('award-seasons/:id/our-nominations')
  @ApiOperation({ summary: "The organisation's nominations in the season, whoever nominated (its editors, admins)" })
  async ourNominations(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Query() query: OurNominationsQueryDto, @Req() req: Request) {
    await waitForToken(this.projections, req, ['award-nominations']);
    return this.queries.execute(new OrganisationNominationsQuery(id, query.organisation ?? actor.organisation));
  }

  @Authorize('awards.score')
  @Post('nominations/:id/scores')
  @HttpCode(200)
  @ApiOperation({ summary: 'Score a nomination on every criterion 1–5 (jurors of its series); scoring again changes the score until the round closes' })
  async score(@CurrentActor() actor: Actor, @Param('id', nominationId) id: string, @Body() dto: ScoreDto, @Req() req: Request) {
    const scores = checkScores(dto.scores);
    const season = await this.nominees.seasonOf(id);
    const result = await this.run(season, { type: 'Score', nominationId: id, scores, comment: dto.comment?.trim() || null }, actor, req);
    return { nominationId: id, seasonId: season, version: result.version, changed: result.events.includes('NominationScoreChanged'), recorded: result.events.length > 0 };
  }

  @Authorize('awards.conflict')
  @Post('nominations/:id/conflicts')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare a conflict of interest: the juror is recused from the nomination' })
  async conflict(@CurrentActor() actor: Actor, @Param('id', nominationId) id: string, @Body() dto: ConflictDto, @Req() req: Request) {
    const season = await this.nominees.seasonOf(id);
    const result = await this.run(season, { type: 'DeclareConflict', nominationId: id, reason: dto.reason }, actor, req);
    return { nominationId: id, seasonId: season, recused: true, version: result.version };
  }

  @Authorize('awards.shortlist')
  @Get('award-seasons/:id/shortlist')
  @ApiOperation({ summary: "The series' ranking and cut in its current round, live (chair, admins)" })
  async shortlist(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Query() query: RequiredSeriesQueryDto, @Req() req: Request) {
    await waitForToken(this.projections, req, ['award-nominations', 'award-scores']);
    return this.queries.execute(new ShortlistQuery(id, query.series, actor));
  }

  @Authorize('awards.progress')
  @Get('award-seasons/:id/progress')
  @ApiOperation({ summary: "Each juror's progress in the series' current round (chair, admins)" })
  async progress(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Query() query: RequiredSeriesQueryDto, @Req() req: Request) {
    await waitForToken(this.projections, req, ['award-nominations', 'award-scores']);
    return this.queries.execute(new ProgressQuery(id, query.series, actor));
  }

  @Authorize('awards.override')
  @Post('award-seasons/:id/overrides')
  @HttpCode(200)
  @ApiOperation({ summary: 'Include or exclude a nomination in the current round, with a reason (chair)' })
  async override(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Body() dto: OverrideDto, @Req() req: Request) {
    const result = await this.run(id, { type: 'Override', series: dto.series, nominationId: dto.nominationId, action: dto.action, reason: dto.reason }, actor, req);
    return { seasonId: id, series: dto.series, version: result.version };
  }

  @Authorize('awards.reveal')
  @Post('award-seasons/:id/reveal')
  @HttpCode(200)
  @ApiOperation({ summary: "Reveal a blind series' nominee names to its jurors (chair)" })
  async reveal(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Body() dto: SeriesRefDto, @Req() req: Request) {
    const result = await this.run(id, { type: 'Reveal', series: dto.series }, actor, req);
    return { seasonId: id, series: dto.series, revealed: true, version: result.version };
  }

  @Authorize('awards.close-round')
  @Post('award-seasons/:id/rounds/close')
  @HttpCode(200)
  @ApiOperation({ summary: "Close the series' current round: long list → shortlist → winners (chair)" })
  async closeRound(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Body() dto: SeriesRefDto, @Req() req: Request) {
    const result = await this.run(id, { type: 'CloseRound', series: dto.series }, actor, req);
    return { seasonId: id, series: dto.series, version: result.version };
  }

  @Authorize('awards.grant')
  @Post('award-seasons/:id/awards')
  @ApiOperation({ summary: 'Grant an award, a sub-award or an honourable mention (the series\' chair, admins); public after the gala' })
  async grant(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Body() dto: GrantAwardDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (dto.category === 'sub-award' && !dto.subAward) throw ProblemException.validation([{ field: 'subAward', message: 'subAward names the sub-award to grant' }]);
    if (dto.category !== 'sub-award' && dto.subAward) throw ProblemException.validation([{ field: 'subAward', message: 'subAward is only for the sub-award category' }]);
    const awardId = newId();
    const result = await this.run(id, { type: 'GrantAward', awardId, nominationId: dto.nominationId, category: dto.category, ...(dto.subAward ? { subAward: dto.subAward } : {}) }, actor, req);
    res.status(201);
    return { awardId, seasonId: id, version: result.version };
  }

  @Authorize('awards.proposals')
  @Get('award-seasons/:id/proposals')
  @ApiOperation({ summary: 'Candidates from Tekojen tori: the most active organisations, the newest deeds (chair, admins)' })
  proposals(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Query() query: RequiredSeriesQueryDto) {
    return this.queries.execute(new ProposalsQuery(id, query.series, actor));
  }

  @Authorize('awards.accept-proposal')
  @Post('award-seasons/:id/proposals/accept')
  @ApiOperation({ summary: "Accept a catalogue proposal as a nomination (the series' chair)" })
  async accept(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Body() dto: AcceptProposalDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!dto.deedId === !dto.organisation) throw ProblemException.validation([{ field: dto.deedId ? 'organisation' : 'deedId', message: 'give either deedId (deeds series) or organisation (organisations series)' }]);
    const { nominee, evidence } = await this.nominees.resolve(id, { series: dto.series, deedId: dto.deedId, organisation: dto.organisation }, actor);
    const nomination = newId();
    const justification = 'Ehdotettu Tekojen torilta.';
    const result = await this.run(id, { type: 'Nominate', nominationId: nomination, series: dto.series, nominee, justification, source: 'catalogue', evidence }, actor, req);
    return this.nominationAnswer(id, nomination, dto.series, nominee, result, res);
  }

  @Authorize('awards.audit')
  @Get('award-seasons/:id/audit')
  @ApiOperation({ summary: 'Every nomination, score, recusal, override and award from the events; ?format=csv (admins, chairs)' })
  async audit(@CurrentActor() actor: Actor, @Param('id', seasonId) id: string, @Query() query: AuditQueryDto, @Res({ passthrough: true }) res: Response) {
    const audit = (await this.queries.execute(new AuditQuery(id, actor))) as { entries: AuditEntry[] };
    if (query.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="award-season-${id}-audit.csv"`);
      return auditCsv(audit.entries);
    }
    return audit;
  }

  @Authorize('awards.results')
  @Get('award-seasons/:id/results')
  @ApiOperation({ summary: 'The awards of a season, published at the gala (no login; 404 before the gala)' })
  async results(@Param('id', seasonId) id: string) {
    const now = this.clock.now();
    const results = await this.queries.execute(new ResultsQuery(id, now));
    // Past the gala: make sure the catalogue has caught up too, without waiting for the timer.
    await this.announcer.announceDue().catch(() => undefined);
    return results;
  }

  @Authorize('awards.mine')
  @Get('awards/mine')
  @ApiOperation({ summary: "Your organisation's awards and your own, after each gala" })
  mine(@CurrentActor() actor: Actor) {
    return this.queries.execute(new MyAwardsQuery(actor, this.clock.now()));
  }
}
