import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Measurement, MediaLink, MetricResult, PilotMetric } from '../domain/idea.events.js';

export interface HistoryEntry {
  event: string;
  stage: string;
  at: string;
  actorRole: string;
  reason?: string;
}

export interface CommentView {
  id: string;
  text: string;
  author: string;
  at: string;
  /** Uploads or links the comment carries (absent when none). */
  media?: MediaLink[];
}

export interface PilotView {
  goal: string;
  team: string;
  startsOn: string;
  endsOn: string;
  metrics: PilotMetric[];
}

/** One row per idea: what the idea pages and lists show. */
@Entity({ name: 'idea_views' })
@Index(['organisation', 'submittedAt'])
export class IdeaView {
  @PrimaryColumn('uuid') id: string;
  @Column('int') version: number;
  @Column('text') organisation: string;
  @Column('text') unit: string;
  @Column('text') sector: string;
  @Column('text', { array: true }) themes: string[];
  @Column('text') language: string;
  @Column('text') title: string;
  @Column('text') description: string;
  @Column('text', { nullable: true }) problem: string | null;
  @Column('text', { nullable: true }) proposal: string | null;
  @Column('jsonb') media: MediaLink[];
  @Column('boolean') anonymous: boolean;
  /** Keyed pseudonym; never shown for an anonymous idea, used for "my ideas". */
  @Column('text') submitter: string;
  @Column('text') stage: string;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('text', { name: 'review_team', nullable: true }) reviewTeam: string | null;
  @Column('jsonb', { nullable: true }) pilot: PilotView | null;
  @Column('jsonb') measurements: Measurement[];
  @Column('jsonb', { nullable: true }) result: { summary: string; metrics: MetricResult[] } | null;
  @Column('text', { name: 'rejection_reason', nullable: true }) rejectionReason: string | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason: string | null;
  @Column('int', { name: 'support_count' }) supportCount: number;
  @Column('text', { array: true }) supporters: string[];
  @Column('uuid', { name: 'deed_id', nullable: true }) deedId: string | null;
  @Column('jsonb') comments: CommentView[];
  @Column('jsonb') history: HistoryEntry[];
  /** Set when this idea was merged, as a duplicate, into another one. */
  @Column('uuid', { name: 'merged_into', nullable: true }) mergedInto: string | null;
  /** Duplicates merged into this idea. */
  @Column('uuid', { name: 'merged_from', array: true, default: () => "'{}'" }) mergedFrom: string[];
}
