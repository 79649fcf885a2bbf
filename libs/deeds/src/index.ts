// The deeds context's public entry point: deeds, Tekojen tori and campaigns.
import { CampaignView } from './read-models/campaign-view.entity.js';
import { campaignViewProjection } from './read-models/campaign-view.projection.js';
import { DeedEntry } from './read-models/deed-entry.entity.js';
import { deedEntryProjection } from './read-models/deed-entry.projection.js';
import { CreateCatalogueSearch1732300002100 } from './read-models/catalogue-search.migration.js';
import { CatalogueTitleSearch1765200002000 } from './read-models/catalogue-titles.migration.js';
import { CatalogueTermPostings1765300015000 } from './read-models/catalogue-terms.migration.js';
import { CreateDeedReadModels1732300002000 } from './read-models/deeds.migration.js';

export { DeedsModule } from './deeds.module.js';
export { CampaignCloser } from './application/campaigns.js';
export { deedDecider, type DeedCommand } from './domain/deed.decider.js';
export * from './domain/deed.events.js';
export { campaignDecider, campaignStreamId, rankStandings } from './domain/campaign.js';
export { DeedEntry, CampaignView };
export const deedsSchema = { entities: [DeedEntry, CampaignView], migrations: [CreateDeedReadModels1732300002000, CreateCatalogueSearch1732300002100, CatalogueTitleSearch1765200002000, CatalogueTermPostings1765300015000] };
export const deedProjections = [deedEntryProjection, campaignViewProjection];
