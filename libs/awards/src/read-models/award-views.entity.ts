import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AwardGranted, Nominee, RankedEntry, ScoreSheet, SeriesConfig, Stage } from '../domain/award-season.events.js';

export interface SeriesView extends SeriesConfig {
  stage: Stage;
  revealed: boolean;
  shortlist: string[] | null;
  finalists: string[] | null;
  overrides: { round: string; nominationId: string; action: 'include' | 'exclude'; reason: string; at: string }[];
  rounds: { round: string; size: number; closedAt: string; ranking: RankedEntry[]; selected: string[] }[];
}

export type GrantedAward = AwardGranted['data'] & { grantedAt: string };

@Entity({ name: 'award_seasons' })
export class AwardSeasonView {
  @PrimaryColumn('uuid') id: string;
  @Column('int') version: number;
  @Column('int') year: number;
  @Column('text') name: string;
  @Column('timestamptz', { name: 'nomination_opens_at' }) nominationOpensAt: Date;
  @Column('timestamptz', { name: 'nomination_closes_at' }) nominationClosesAt: Date;
  @Column('timestamptz', { name: 'eligible_from' }) eligibleFrom: Date;
  @Column('timestamptz', { name: 'eligible_to' }) eligibleTo: Date;
  @Column('timestamptz', { name: 'gala_at' }) galaAt: Date;
  @Column('jsonb') series: SeriesView[];
  @Column('jsonb') awards: GrantedAward[];
  @Column('int') announced: number;
  @Column('boolean') published: boolean;
  @Column('timestamptz', { name: 'opened_at' }) openedAt: Date;
}

@Entity({ name: 'award_nominations' })
export class NominationView {
  @PrimaryColumn('uuid') id: string;
  @Column('int') version: number;
  @Column('uuid', { name: 'season_id' }) seasonId: string;
  @Column('text') series: string;
  /** Stream version of the nomination: the order nominations came in. */
  @Column('int') seq: number;
  @Column('jsonb') nominee: Nominee;
  @Column('text') organisation: string;
  /** Pseudonym of a nominated employee who can be told of their award. */
  @Column('text', { nullable: true }) person: string | null;
  @Column('jsonb') justifications: string[];
  @Column('text') source: string;
  @Column('jsonb') recused: Record<string, string>;
  @Column('timestamptz', { name: 'nominated_at' }) nominatedAt: Date;
}

@Entity({ name: 'award_scores' })
export class ScoreView {
  /** `${nominationId}:${juror}` */
  @PrimaryColumn('text') id: string;
  @Column('int') version: number;
  @Column('uuid', { name: 'season_id' }) seasonId: string;
  @Column('text') series: string;
  @Column('uuid', { name: 'nomination_id' }) nominationId: string;
  @Column('text') juror: string;
  @Column('jsonb') scores: ScoreSheet;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('int') changes: number;
  @Column('timestamptz', { name: 'scored_at' }) scoredAt: Date;
}
