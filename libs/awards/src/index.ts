// The awards context's public entry point: Gaala's seasons, jury and results.
import type { Projection } from '#projections';
import { AwardSeasonView, NominationView, ScoreView } from './read-models/award-views.entity.js';
import { awardProjections as projections } from './read-models/award.projections.js';
import { CreateAwardReadModels1732300003000 } from './read-models/awards.migration.js';
import { DeedAwardsInAnyOrder1732300003100 } from './read-models/deed-awards.migration.js';

export { AwardsModule } from './awards.module.js';
export { seasonDecider, currentRanking, type SeasonCommand, type SeasonState } from './domain/award-season.decider.js';
export * from './domain/award-season.events.js';
export { rankNominations, weightedMean, type RankingInput, type Ranking } from './domain/shortlist.js';
export { replaySeason, liveRanking } from './application/season-queries.js';
export { AwardSeasonView, NominationView, ScoreView };
export const awardsSchema = { entities: [AwardSeasonView, NominationView, ScoreView] as Function[], migrations: [CreateAwardReadModels1732300003000, DeedAwardsInAnyOrder1732300003100] as Function[] };
export const awardProjections: Projection<any>[] = projections;
