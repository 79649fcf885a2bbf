// Development deeds (kehittämisteot): what a development aimed at and what it achieved, published to Tekojen tori.
import type { Language, MediaLink, Sector } from '#ideas';

export const DEED_SIZES = ['small', 'large'] as const;
export const DEED_SCOPES = ['unit', 'sector', 'whole-organisation'] as const;
export const PARTICIPANTS = ['management', 'supervisors', 'staff', 'customers'] as const;

export interface DeedMetric {
  name: string;
  value: number;
  unit?: string;
  baseline?: number;
}

export interface DeedContent {
  title: string;
  /** What the development aimed at. */
  aim: string;
  /** What it achieved. */
  achieved: string;
  metrics: DeedMetric[];
  unit: string;
  sector: Sector;
  themes: string[];
  size: (typeof DEED_SIZES)[number];
  scope: (typeof DEED_SCOPES)[number];
  participants: (typeof PARTICIPANTS)[number][];
  periodFrom: string;
  periodTo?: string;
  language: Language;
  media: MediaLink[];
}

export type DeedDrafted = {
  type: 'DeedDrafted';
  data: { deedId: string; organisation: string; content: DeedContent; ideaIds: string[]; source?: 'import' | 'idea' | 'editor'; externalId?: string };
};
export type DeedEdited = { type: 'DeedEdited'; data: { deedId: string; content: DeedContent } };
export type DeedPublished = { type: 'DeedPublished'; data: { deedId: string; revision: number; content: DeedContent } };
export type DeedUnpublished = { type: 'DeedUnpublished'; data: { deedId: string; reason: string } };

export type DeedEvent = DeedDrafted | DeedEdited | DeedPublished | DeedUnpublished;
export const DEED_EVENT_TYPES: readonly DeedEvent['type'][] = ['DeedDrafted', 'DeedEdited', 'DeedPublished', 'DeedUnpublished'];

export const deedStreamId = (deedId: string): string => `deed-${deedId}`;
export const isDeedStream = (streamId: string): boolean => streamId.startsWith('deed-');
