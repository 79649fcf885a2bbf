import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MediaLink } from '#ideas';
import type { DeedContent, DeedMetric } from '../domain/deed.events.js';

export interface DeedRevision {
  revision: number;
  publishedAt: string;
  content: DeedContent;
}

export interface DeedAward {
  season: string;
  year: number;
  series: string;
  award: string;
}

/** One row per deed: the editors' view and, while published, the public catalogue entry. */
@Entity({ name: 'deed_entries' })
export class DeedEntry {
  @PrimaryColumn('uuid') id: string;
  @Column('int') version: number;
  @Column('text') organisation: string;
  @Column('text') status: string;
  @Column('int') revision: number;
  @Column('text') title: string;
  @Column('text') aim: string;
  @Column('text') achieved: string;
  @Column('jsonb') metrics: DeedMetric[];
  @Column('text') unit: string;
  @Column('text') sector: string;
  @Column('text', { array: true }) themes: string[];
  @Column('text') size: string;
  @Column('text') scope: string;
  @Column('text', { array: true }) participants: string[];
  @Column('date', { name: 'period_from' }) periodFrom: string;
  @Column('date', { name: 'period_to', nullable: true }) periodTo: string | null;
  @Column('text') language: string;
  @Column('jsonb') media: MediaLink[];
  @Column('uuid', { name: 'idea_ids', array: true }) ideaIds: string[];
  @Column('text', { nullable: true }) source: string | null;
  @Column('text', { name: 'external_id', nullable: true }) externalId: string | null;
  @Column('timestamptz', { name: 'drafted_at' }) draftedAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('timestamptz', { name: 'first_published_at', nullable: true }) firstPublishedAt: Date | null;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column('timestamptz', { name: 'unpublished_at', nullable: true }) unpublishedAt: Date | null;
  @Column('text', { name: 'unpublish_reason', nullable: true }) unpublishReason: string | null;
  @Column('int', { nullable: true }) year: number | null;
  @Column('jsonb') revisions: DeedRevision[];
  @Column('jsonb') awards: DeedAward[];
}
