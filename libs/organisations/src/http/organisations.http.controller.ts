import { Body, Controller, Get, Inject, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '#event-store';
import { APP_CONFIG, Authorize, CLOCK, commandMetadata, CurrentActor, ORGANISATION_ID, parseIfMatch, ProblemException, PSEUDONYMIZER, requestId, type Actor, type AppConfig, type Clock, type Pseudonymizer } from '#platform';
import { decideAndWait, ProjectionRunner } from '#projections';
import { toOrganisation } from '../application/organisation-names.js';
import { organisationDecider, type OrganisationCommand } from '../domain/organisation.decider.js';
import { organisationStreamId } from '../domain/organisation.events.js';
import { OrganisationView } from '../read-models/organisation-view.entity.js';
import { RegisterOrganisationDto, RenameOrganisationDto } from './organisation.dto.js';

@ApiTags('organisations')
@Controller('api/organisations')
export class OrganisationsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  private async run(id: string, command: OrganisationCommand, actor: Actor, req: Request, res: Response) {
    const written = await decideAndWait(this.store, this.projections, this.config.projections.consistencyWaitMs, organisationDecider, {
      what: 'organisation',
      streamId: organisationStreamId(id),
      command,
      expectedVersion: parseIfMatch(req),
      metadata: commandMetadata(actor, this.pseudonyms.of(actor), this.clock.now(), requestId(req)),
    });
    res.setHeader('ETag', `"${written.version}"`);
    const row = await this.db.getRepository(OrganisationView).findOneBy({ id });
    return row ? toOrganisation(row) : { id, version: written.version };
  }

  @Authorize('organisations.list')
  @Get()
  @ApiOperation({ summary: 'The registered organisations with their names in Finnish, Swedish and English (no login)' })
  async list() {
    const rows = await this.db.getRepository(OrganisationView).find({ order: { nameFi: 'ASC', id: 'ASC' } });
    return { items: rows.map(toOrganisation) };
  }

  @Authorize('organisations.register')
  @Post()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Register an organisation under the id its tokens carry (admins)' })
  async register(@CurrentActor() actor: Actor, @Body() dto: RegisterOrganisationDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const answer = await this.run(dto.id, { type: 'RegisterOrganisation', organisation: dto.id, names: dto.names, kind: dto.kind }, actor, req, res);
    res.status(201).setHeader('Location', `/api/organisations/${dto.id}`);
    return answer;
  }

  @Authorize('organisations.rename')
  @Patch(':org')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change an organisation's names or kind (admins); names left out stay as they are" })
  async rename(@CurrentActor() actor: Actor, @Param('org') org: string, @Body() dto: RenameOrganisationDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!ORGANISATION_ID.test(org)) throw ProblemException.of(404, 'organisation-not-found', 'There is no such organisation in the registry.');
    return this.run(org, { type: 'RenameOrganisation', names: dto.names, kind: dto.kind }, actor, req, res);
  }
}
