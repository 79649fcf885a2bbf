import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExecuteSeasonCommandHandler, NomineeResolver, ResultsAnnouncer } from './application/season-commands.js';
import {
  AuditHandler,
  GetSeasonHandler,
  ListNominationsHandler,
  ListSeasonsHandler,
  MyAwardsHandler,
  OrganisationNominationsHandler,
  ProgressHandler,
  ProposalsHandler,
  ResultsHandler,
  ShortlistHandler,
} from './application/season-queries.js';
import { NomineeTargetResolver } from './application/nominee-target.resolver.js';
import { AwardsController } from './http/awards.http.controller.js';

/** Gaala: award seasons, nominations, jury scoring, shortlists and awards. */
@Module({
  imports: [CqrsModule],
  controllers: [AwardsController],
  providers: [
    ExecuteSeasonCommandHandler,
    NomineeResolver,
    NomineeTargetResolver,
    ResultsAnnouncer,
    GetSeasonHandler,
    ListNominationsHandler,
    ShortlistHandler,
    ProgressHandler,
    ResultsHandler,
    ListSeasonsHandler,
    MyAwardsHandler,
    OrganisationNominationsHandler,
    AuditHandler,
    ProposalsHandler,
  ],
})
export class AwardsModule {}
