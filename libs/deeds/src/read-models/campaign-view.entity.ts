import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface Standing {
  rank: number;
  organisation: string;
  deeds: number;
  reachedAt: string;
  sectors: Record<string, number>;
}

@Entity({ name: 'campaign_views' })
export class CampaignView {
  @PrimaryColumn('uuid') id: string;
  @Column('int') version: number;
  @Column('text') name: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  @Column('text') status: string;
  @Column('text', { nullable: true }) winner: string | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column('jsonb', { name: 'final_standings', nullable: true }) finalStandings: Standing[] | null;
}
