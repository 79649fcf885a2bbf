// The ideas context's public entry point.
import { CreateIdeaReadModels1732300001000 } from './read-models/ideas.migration.js';
import { IndexIdeaSubmissionsByOrganisation1732300001500 } from './read-models/time-travel.migration.js';
import { IdeaMerges1764500000000 } from './read-models/idea-merges.migration.js';
import { CreateFunnelStays1765200000000 } from './read-models/funnel-stays.migration.js';
import { funnelStaysProjection } from './read-models/funnel-stays.projection.js';
import { CreateIdeaWords1765200001000 } from './read-models/idea-words.migration.js';
import { ideaWordsProjection } from './read-models/idea-words.projection.js';
import { FunnelFact } from './read-models/funnel-fact.entity.js';
import { IdeaView } from './read-models/idea-view.entity.js';
import { funnelProjection } from './read-models/funnel.projection.js';
import { ideaViewProjection } from './read-models/idea-view.projection.js';

export { IdeasModule } from './ideas.module.js';
export { ideaDecider } from './domain/idea.decider.js';
export * from './domain/idea.events.js';
export type { IdeaCommand, CommandContext } from './domain/idea.commands.js';
export { ExecuteIdeaCommand, type IdeaCommandResult } from './application/execute-idea-command.js';
export { MergeIdeasCommand, type MergeResult } from './application/merge-ideas.js';
export { findSimilarIdeas, similarityTsQuery, type SimilarIdea } from './application/similar-ideas.js';
export { IdeaView, FunnelFact };
export { MediaLinkDto } from './http/idea.dto.js';
export { ideaKey, occurredAt, type RecordedIdeaEvent } from './read-models/idea-events.js';
export { evolveFunnelFact } from './read-models/funnel.projection.js';
export { evolveFunnelTimeline, funnelStaysProjection, type FunnelTimeline, type FunnelStay } from './read-models/funnel-stays.projection.js';
export * from './application/time-travel.js';
export type { Funnel, FunnelFilter } from './application/funnel.query.js';

export const ideasSchema = { entities: [IdeaView, FunnelFact], migrations: [CreateIdeaReadModels1732300001000, IndexIdeaSubmissionsByOrganisation1732300001500, IdeaMerges1764500000000, CreateFunnelStays1765200000000, CreateIdeaWords1765200001000] };
export const ideaProjections = [ideaViewProjection, funnelProjection, funnelStaysProjection, ideaWordsProjection];
