// What can happen to an idea. Plain typed data: rehydrating never depends on class names.

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Service sectors used across the programme (DOMAIN.md). */
export const SECTORS = [
  'social-and-health',
  'education-and-early-childhood',
  'technical',
  'business-and-support',
  'culture-and-leisure',
  'food-and-cleaning',
  'whole-organisation',
] as const;
export type Sector = (typeof SECTORS)[number];

export const MEDIA_KINDS = ['image', 'audio', 'video'] as const;
export interface MediaLink {
  kind: (typeof MEDIA_KINDS)[number];
  /** A link, or for an upload its address in this API (`/api/media/<id>`). */
  url: string;
  caption?: string;
  /** An upload (POST /api/media): its id, the SHA-256 of its stored bytes, its type and an image's size. */
  mediaId?: string;
  sha256?: string;
  type?: string;
  width?: number;
  height?: number;
  /** Text alternative written by the submitter: what the picture shows, what the recording says. */
  alt?: string;
}

export interface PilotMetric {
  name: string;
  unit?: string;
  baseline: number;
  target?: number;
}

export interface Measurement {
  metric: string;
  value: number;
  measuredOn: string;
}

export interface MetricResult {
  metric: string;
  value: number;
}

export type IdeaSubmitted = {
  type: 'IdeaSubmitted';
  data: {
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
    /** Keyed pseudonym of the submitter: links "my ideas" without naming anyone. */
    submitter: string;
  };
};
export type IdeaReviewStarted = { type: 'IdeaReviewStarted'; data: { ideaId: string; team: string } };
export type IdeaPilotStarted = {
  type: 'IdeaPilotStarted';
  data: { ideaId: string; goal: string; team: string; startsOn: string; endsOn: string; metrics: PilotMetric[] };
};
export type PilotMeasurementsRecorded = { type: 'PilotMeasurementsRecorded'; data: { ideaId: string; measurements: Measurement[] } };
export type IdeaAdopted = { type: 'IdeaAdopted'; data: { ideaId: string; result: string; metrics: MetricResult[] } };
export type IdeaRejected = { type: 'IdeaRejected'; data: { ideaId: string; reason: string } };
export type IdeaWithdrawn = { type: 'IdeaWithdrawn'; data: { ideaId: string; reason?: string } };
/** A comment; `media` (uploads the author attached, checked like an idea's) only when it carries any. */
export type IdeaCommented = { type: 'IdeaCommented'; data: { ideaId: string; commentId: string; text: string; author: string; media?: MediaLink[] } };
export type IdeaSupported = { type: 'IdeaSupported'; data: { ideaId: string; supporter: string } };
/** The adopted idea became (part of) a development deed. */
export type IdeaDeedLinked = { type: 'IdeaDeedLinked'; data: { ideaId: string; deedId: string } };

/** A comment carried over from a merged duplicate, with its original time and author. */
export interface MovedComment {
  commentId: string;
  text: string;
  author: string;
  at: string;
  /** The uploads or links the comment carried (absent when none). */
  media?: MediaLink[];
}
/** A change agent merged this idea, a duplicate, into the surviving idea `survivorId`: this idea leaves the funnel. */
export type IdeaMerged = { type: 'IdeaMerged'; data: { ideaId: string; survivorId: string } };
/** The matching event on the survivor: the duplicate's supporters (one support per person) and comments move here. */
export type DuplicateMerged = {
  type: 'DuplicateMerged';
  data: { ideaId: string; duplicateId: string; supporters: string[]; comments: MovedComment[] };
};

export type IdeaEvent =
  | IdeaSubmitted
  | IdeaReviewStarted
  | IdeaPilotStarted
  | PilotMeasurementsRecorded
  | IdeaAdopted
  | IdeaRejected
  | IdeaWithdrawn
  | IdeaCommented
  | IdeaSupported
  | IdeaDeedLinked
  | IdeaMerged
  | DuplicateMerged;

export type IdeaEventType = IdeaEvent['type'];

export const IDEA_EVENT_TYPES: readonly IdeaEventType[] = [
  'IdeaSubmitted',
  'IdeaReviewStarted',
  'IdeaPilotStarted',
  'PilotMeasurementsRecorded',
  'IdeaAdopted',
  'IdeaRejected',
  'IdeaWithdrawn',
  'IdeaCommented',
  'IdeaSupported',
  'IdeaDeedLinked',
  'IdeaMerged',
  'DuplicateMerged',
];

export const ideaStreamId = (ideaId: string): string => `idea-${ideaId}`;
export const isIdeaStream = (streamId: string): boolean => streamId.startsWith('idea-');

/** The funnel's stages, in order; `rejected` and `withdrawn` end it early. */
export const STAGES = ['submitted', 'inReview', 'piloting', 'adopted', 'rejected', 'withdrawn'] as const;
export type Stage = (typeof STAGES)[number];
/** Where an idea can be: a stage of the funnel, or merged into another idea (out of the funnel). */
export type IdeaStatus = Stage | 'merged';

/** The stage an event moves the idea into, if it moves it. */
export function stageAfter(event: IdeaEvent): Stage | undefined {
  switch (event.type) {
    case 'IdeaSubmitted':
      return 'submitted';
    case 'IdeaReviewStarted':
      return 'inReview';
    case 'IdeaPilotStarted':
      return 'piloting';
    case 'IdeaAdopted':
      return 'adopted';
    case 'IdeaRejected':
      return 'rejected';
    case 'IdeaWithdrawn':
      return 'withdrawn';
    default:
      return undefined;
  }
}
