import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Actor } from '#platform';

export interface FunnelFilter {
  organisation?: string;
  from?: string;
  to?: string;
  unit?: string;
  sector?: string;
}

export interface Funnel {
  organisation: string;
  filter: FunnelFilter;
  total: number;
  counts: { submitted: number; inReview: number; piloting: number; adopted: number; rejected: number; withdrawn: number };
  reached: { inReview: number; piloting: number; adopted: number };
  conversion: { submittedToPiloting: number | null; pilotingToAdopted: number | null; submittedToAdopted: number | null };
  medianDays: { submitted: number | null; inReview: number | null; piloting: number | null };
}

export class GetFunnelQuery {
  constructor(
    readonly filter: FunnelFilter,
    readonly actor: Actor,
  ) {}
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const days = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100);

/** The innovation funnel over ideas submitted in the period: where they stand, how many got how far, how long stages take. */
@QueryHandler(GetFunnelQuery)
export class GetFunnelHandler implements IQueryHandler<GetFunnelQuery, Funnel> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ filter, actor }: GetFunnelQuery): Promise<Funnel> {
    const organisation = filter.organisation ?? actor.organisation;
    const [row] = await this.db.query(
      `SELECT count(*)::int AS total,
        count(*) FILTER (WHERE stage = 'submitted')::int AS submitted,
        count(*) FILTER (WHERE stage = 'inReview')::int AS in_review,
        count(*) FILTER (WHERE stage = 'piloting')::int AS piloting,
        count(*) FILTER (WHERE stage = 'adopted')::int AS adopted,
        count(*) FILTER (WHERE stage = 'rejected')::int AS rejected,
        count(*) FILTER (WHERE stage = 'withdrawn')::int AS withdrawn,
        count(*) FILTER (WHERE reached_review)::int AS reached_review,
        count(*) FILTER (WHERE reached_pilot)::int AS reached_pilot,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY days_submitted) AS median_submitted,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY days_in_review) AS median_in_review,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY days_piloting) AS median_piloting
       FROM funnel_facts
       WHERE organisation = $1 AND stage <> 'merged'
         AND ($2::timestamptz IS NULL OR submitted_at >= $2::timestamptz)
         AND ($3::timestamptz IS NULL OR submitted_at < $3::timestamptz)
         AND ($4::text IS NULL OR unit = $4)
         AND ($5::text IS NULL OR sector = $5)`,
      [organisation, filter.from ?? null, filter.to ?? null, filter.unit ?? null, filter.sector ?? null],
    );
    return {
      organisation,
      filter: { ...filter, organisation },
      total: row.total,
      counts: {
        submitted: row.submitted,
        inReview: row.in_review,
        piloting: row.piloting,
        adopted: row.adopted,
        rejected: row.rejected,
        withdrawn: row.withdrawn,
      },
      reached: { inReview: row.reached_review, piloting: row.reached_pilot, adopted: row.adopted },
      conversion: {
        submittedToPiloting: ratio(row.reached_pilot, row.total),
        pilotingToAdopted: ratio(row.adopted, row.reached_pilot),
        submittedToAdopted: ratio(row.adopted, row.total),
      },
      medianDays: { submitted: days(row.median_submitted), inReview: days(row.median_in_review), piloting: days(row.median_piloting) },
    };
  }
}
