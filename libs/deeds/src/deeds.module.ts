import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CampaignCloser, ExecuteCampaignCommandHandler, GetCampaignHandler, ListCampaignsHandler } from './application/campaigns.js';
import { CatalogueStatsHandler, GetCatalogueDeedHandler, GetDeedHandler, ListDeedsHandler, SearchCatalogueHandler } from './application/catalogue.queries.js';
import { DeedTargetResolver } from './application/deed-target.resolver.js';
import { ExecuteDeedCommandHandler, IdeaLinks, OpenDeedFromIdeaHandler } from './application/deed-commands.js';
import { CampaignsController, CatalogueController, DeedsController } from './http/deeds.http.controller.js';

/** Tekojen tori: development deeds, the public catalogue and the autumn campaigns. */
@Module({
  imports: [CqrsModule],
  controllers: [DeedsController, CatalogueController, CampaignsController],
  providers: [
    DeedTargetResolver,
    IdeaLinks,
    ExecuteDeedCommandHandler,
    OpenDeedFromIdeaHandler,
    GetDeedHandler,
    ListDeedsHandler,
    SearchCatalogueHandler,
    GetCatalogueDeedHandler,
    CatalogueStatsHandler,
    ExecuteCampaignCommandHandler,
    GetCampaignHandler,
    ListCampaignsHandler,
    CampaignCloser,
  ],
})
export class DeedsModule {}
