import type { Actor } from '#platform';
import type { Language, MediaLink, Measurement, MetricResult, MovedComment, PilotMetric, Sector } from './idea.events.js';
import type { SurvivorSnapshot } from './idea.decider.js';

/** Who and when: arrives with every command so the decider stays pure. */
export interface CommandContext {
  actor: Actor;
  /** The actor's keyed pseudonym, computed at the edge. */
  pseudonym: string;
  now: Date;
}

export type IdeaCommand =
  | {
      type: 'SubmitIdea';
      ideaId: string;
      title: string;
      description: string;
      problem?: string;
      proposal?: string;
      organisation: string;
      unit: string;
      sector: Sector;
      themes: string[];
      language: Language;
      media: MediaLink[];
      anonymous: boolean;
      context: CommandContext;
    }
  | { type: 'StartReview'; team: string; context: CommandContext }
  | { type: 'StartPilot'; goal: string; team: string; startsOn: string; endsOn: string; metrics: PilotMetric[]; context: CommandContext }
  | { type: 'RecordMeasurements'; measurements: Measurement[]; context: CommandContext }
  | { type: 'AdoptIdea'; result: string; metrics: MetricResult[]; context: CommandContext }
  | { type: 'RejectIdea'; reason: string; context: CommandContext }
  | { type: 'WithdrawIdea'; reason?: string; context: CommandContext }
  | { type: 'CommentIdea'; commentId: string; text: string; media?: MediaLink[]; context: CommandContext }
  | { type: 'SupportIdea'; context: CommandContext }
  | { type: 'LinkDeed'; deedId: string; context: CommandContext }
  /** On the duplicate: merge it into `survivor` (its state as the handler read it). */
  | { type: 'MergeIdea'; survivor: SurvivorSnapshot; context: CommandContext }
  /** On the survivor: take over a merged duplicate's supporters and comments. */
  | { type: 'AbsorbDuplicate'; duplicateId: string; supporters: string[]; comments: MovedComment[]; context: CommandContext };

export type IdeaCommandType = IdeaCommand['type'];
