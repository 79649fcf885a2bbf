import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per idea: where it stands in the funnel and how long it stayed in each stage. */
@Entity({ name: 'funnel_facts' })
@Index(['organisation', 'submittedAt'])
export class FunnelFact {
  @PrimaryColumn('uuid', { name: 'idea_id' }) ideaId: string;
  @Column('int') version: number;
  @Column('text') organisation: string;
  @Column('text') unit: string;
  @Column('text') sector: string;
  @Column('text') stage: string;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt: Date;
  @Column('timestamptz', { name: 'stage_entered_at' }) stageEnteredAt: Date;
  @Column('boolean', { name: 'reached_review' }) reachedReview: boolean;
  @Column('boolean', { name: 'reached_pilot' }) reachedPilot: boolean;
  @Column('double precision', { name: 'days_submitted', nullable: true }) daysSubmitted: number | null;
  @Column('double precision', { name: 'days_in_review', nullable: true }) daysInReview: number | null;
  @Column('double precision', { name: 'days_piloting', nullable: true }) daysPiloting: number | null;
}
