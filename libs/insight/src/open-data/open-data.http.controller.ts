import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { organisationNames, type OrganisationNames } from '#organisations';
import { ORGANISATION_ID, plainText, ProblemException, Authorize } from '#platform';
import { InsightService } from '../application/insight.service.js';
import { PERIOD_KINDS, type PeriodKind } from '../domain/activity.js';
import { isCalendarDay } from '../domain/units-import.js';
import { LICENCE, streamExport, type ExportFormat } from './open-data.js';

/** Rows per round trip to the database: the most an export holds in memory at once. */
export const EXPORT_BATCH = 500;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class OpenDataQueryDto {
  @ApiPropertyOptional({ description: 'Only this organisation' })
  @IsOptional()
  @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier' })
  organisation?: string;
}

export class ActivityExportQueryDto extends OpenDataQueryDto {
  @ApiPropertyOptional({ enum: PERIOD_KINDS, description: 'Default month' }) @IsOptional() @IsIn(PERIOD_KINDS) period?: PeriodKind;
  @ApiPropertyOptional({ description: 'First day YYYY-MM-DD' }) @IsOptional() @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ description: 'Last day YYYY-MM-DD' }) @IsOptional() @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' }) to?: string;
}

function formatOf(file: string, dataset: string): ExportFormat {
  const match = new RegExp(`^${dataset}\\.(csv|json)$`).exec(file);
  if (!match) throw ProblemException.of(404, 'no-such-dataset', `There is no ${file}: ${dataset}.csv and ${dataset}.json are offered.`);
  return match[1] as ExportFormat;
}

const origin = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

interface CatalogueRow extends Named {
  id: string;
  revision: number;
  organisation: string;
  title: string;
  aim: string;
  achieved: string;
  unit: string;
  sector: string;
  themes: string[];
  size: string;
  scope: string;
  participants: string[];
  period_from: string;
  period_to: string | null;
  language: string;
  first_published_at: string;
  published_at: string;
  year: number | null;
  awards: { season: string; year: number; series: string; award: string }[];
  metrics: { name: string; value: number; unit?: string; baseline?: number }[];
}

const CATALOGUE_COLUMNS = [
  'id', 'url', 'licence', 'licence_url', 'organisation', 'organisation_name_fi', 'organisation_name_sv', 'organisation_name_en', 'title', 'aim', 'achieved', 'unit', 'sector', 'themes', 'size', 'scope',
  'participants', 'period_from', 'period_to', 'language', 'first_published_at', 'published_at', 'revision', 'year', 'awards', 'metrics',
] as const;

const FUNNEL_COLUMNS = ['organisation', 'organisation_name_fi', 'organisation_name_sv', 'organisation_name_en', 'unit', 'month', 'submitted', 'reached_review', 'reached_pilot', 'in_submitted', 'in_review', 'piloting', 'adopted', 'rejected', 'withdrawn', 'licence'] as const;

const ACTIVITY_COLUMNS = [
  'organisation', 'organisation_name_fi', 'organisation_name_sv', 'organisation_name_en', 'unit', 'unit_name', 'period', 'start', 'end', 'headcount', 'submitted', 'piloted', 'adopted', 'rejected',
  'submitted_per_100', 'piloted_per_100', 'adopted_per_100', 'participants', 'participation', 'decisions', 'median_days_to_decision',
  'rules_version', 'points', 'licence',
] as const;

interface FunnelRow extends Named {
  organisation: string;
  unit: string;
  month: string;
  submitted: number;
  reached_review: number;
  reached_pilot: number;
  in_submitted: number;
  in_review: number;
  piloting: number;
  adopted: number;
  rejected: number;
  withdrawn: number;
}

type Named = { organisation: string; organisationName?: OrganisationNames };

/** Each batch's rows with their organisation's registered names (one lookup a batch). */
async function* withNames<R extends Named>(db: DataSource, batches: AsyncIterable<R[]>): AsyncGenerator<R[]> {
  for await (const rows of batches) {
    const names = await organisationNames(db, rows.map((r) => r.organisation));
    yield rows.map((r) => (names.has(r.organisation) ? { ...r, organisationName: names.get(r.organisation) } : r));
  }
}

/** The name columns of a row (empty where the organisation is not registered, or has no English name). */
const nameCells = (row: Named) => [row.organisationName?.fi ?? '', row.organisationName?.sv ?? '', row.organisationName?.en ?? ''];

/** Public, licensed exports of the catalogue, the funnel and unit activity: aggregates and published deeds only. */
@ApiTags('open data')
@Controller('api/open-data')
export class OpenDataController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(InsightService) private readonly insight: InsightService,
  ) {}

  /** Published deeds in order of first publication, a keyset batch at a time. */
  private async *catalogueBatches(organisation?: string): AsyncGenerator<CatalogueRow[]> {
    let at: string | null = null;
    let id: string | null = null;
    for (;;) {
      const rows: (CatalogueRow & { cursor: string })[] = await this.db.query(
        `SELECT id, revision, organisation, title, aim, achieved, unit, sector, themes, size, scope, participants,
           period_from::text AS period_from, period_to::text AS period_to, language,
           to_char(first_published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor,
           first_published_at, published_at, year, awards, metrics
         FROM deed_entries
         WHERE status = 'published' AND ($1::text IS NULL OR organisation = $1)
           AND ($2::timestamptz IS NULL OR (first_published_at, id) > ($2::timestamptz, $3::uuid))
         ORDER BY first_published_at, id
         LIMIT $4`,
        [organisation ?? null, at, id, EXPORT_BATCH],
      );
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < EXPORT_BATCH) return;
      at = rows[rows.length - 1].cursor;
      id = rows[rows.length - 1].id;
    }
  }

  @Authorize('open-data.catalogue')
  @Get('catalogue.:ext')
  @ApiOperation({ summary: 'Tekojen tori open data: every published deed (CC BY 4.0), streamed as CSV or JSON' })
  async catalogue(@Param('ext') ext: string, @Query() query: OpenDataQueryDto, @Req() req: Request, @Res() res: Response) {
    const format = formatOf(`catalogue.${ext}`, 'catalogue');
    const base = origin(req);
    const url = (id: string) => `${base}/api/catalogue/deeds/${id}`;
    const awards = (row: CatalogueRow) => row.awards.map((a) => ({ season: plainText(a.season), year: a.year, series: plainText(a.series), award: plainText(a.award) }));
    const iso = (value: string | Date) => new Date(value).toISOString();
    await streamExport<CatalogueRow>(res, {
      format,
      name: 'catalogue',
      columns: CATALOGUE_COLUMNS,
      meta: { dataset: 'Tekojen tori: published development deeds', licence: LICENCE, generatedAt: new Date().toISOString(), documentation: '/docs/open-data.md' },
      batches: withNames(this.db, this.catalogueBatches(query.organisation)),
      toCsv: (row) => [
        row.id, url(row.id), LICENCE.id, LICENCE.url, row.organisation, ...nameCells(row), plainText(row.title), plainText(row.aim), plainText(row.achieved), plainText(row.unit), row.sector,
        row.themes.map(plainText).join(';'), row.size, row.scope, row.participants.join(';'), row.period_from, row.period_to, row.language,
        iso(row.first_published_at), iso(row.published_at), row.revision, row.year,
        awards(row).map((a) => `${a.year} ${a.season}: ${a.series} – ${a.award}`).join('; '),
        row.metrics.length ? JSON.stringify(row.metrics.map((m) => ({ ...m, name: plainText(m.name), ...(m.unit ? { unit: plainText(m.unit) } : {}) }))) : '',
      ],
      toJson: (row) => ({
        id: row.id,
        url: url(row.id),
        licence: LICENCE.id,
        organisation: row.organisation,
        organisationName: row.organisationName ?? null,
        title: plainText(row.title),
        aim: plainText(row.aim),
        achieved: plainText(row.achieved),
        unit: plainText(row.unit),
        sector: row.sector,
        themes: row.themes.map(plainText),
        size: row.size,
        scope: row.scope,
        participants: row.participants,
        periodFrom: row.period_from,
        periodTo: row.period_to,
        language: row.language,
        firstPublishedAt: iso(row.first_published_at),
        publishedAt: iso(row.published_at),
        revision: row.revision,
        year: row.year,
        awards: awards(row),
        metrics: row.metrics.map((m) => ({ ...m, name: plainText(m.name), ...(m.unit ? { unit: plainText(m.unit) } : {}) })),
      }),
    });
  }

  /** Funnel counts per organisation, unit and month of submission, a keyset batch of groups at a time. */
  private async *funnelBatches(organisation?: string): AsyncGenerator<FunnelRow[]> {
    let after: [string, string, string] = ['', '', ''];
    for (;;) {
      const rows: FunnelRow[] = await this.db.query(
        `SELECT organisation, unit, month,
           count(*)::int AS submitted,
           count(*) FILTER (WHERE reached_review)::int AS reached_review,
           count(*) FILTER (WHERE reached_pilot)::int AS reached_pilot,
           count(*) FILTER (WHERE stage = 'submitted')::int AS in_submitted,
           count(*) FILTER (WHERE stage = 'inReview')::int AS in_review,
           count(*) FILTER (WHERE stage = 'piloting')::int AS piloting,
           count(*) FILTER (WHERE stage = 'adopted')::int AS adopted,
           count(*) FILTER (WHERE stage = 'rejected')::int AS rejected,
           count(*) FILTER (WHERE stage = 'withdrawn')::int AS withdrawn
         FROM (SELECT organisation, unit, stage, reached_review, reached_pilot,
                 to_char(submitted_at AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM') AS month
               FROM funnel_facts
               WHERE ($1::text IS NULL OR organisation = $1) AND organisation >= $2) f
         WHERE (organisation, unit, month) > ($2, $3, $4)
         GROUP BY organisation, unit, month
         ORDER BY organisation, unit, month
         LIMIT $5`,
        [organisation ?? null, ...after, EXPORT_BATCH],
      );
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < EXPORT_BATCH) return;
      const last = rows[rows.length - 1];
      after = [last.organisation, last.unit, last.month];
    }
  }

  @Authorize('open-data.funnel')
  @Get('funnel.:ext')
  @ApiOperation({ summary: 'The innovation funnel as open data: counts per organisation, unit and month of submission (CC BY 4.0)' })
  async funnel(@Param('ext') ext: string, @Query() query: OpenDataQueryDto, @Res() res: Response) {
    const format = formatOf(`funnel.${ext}`, 'funnel');
    await streamExport<FunnelRow>(res, {
      format,
      name: 'funnel',
      columns: FUNNEL_COLUMNS,
      meta: { dataset: 'Innovation funnel per organisation, unit and month of submission', licence: LICENCE, generatedAt: new Date().toISOString(), documentation: '/docs/open-data.md' },
      batches: withNames(this.db, this.funnelBatches(query.organisation)),
      toCsv: (r) => [r.organisation, ...nameCells(r), plainText(r.unit), r.month, r.submitted, r.reached_review, r.reached_pilot, r.in_submitted, r.in_review, r.piloting, r.adopted, r.rejected, r.withdrawn, LICENCE.id],
      toJson: (r) => ({
        organisation: r.organisation,
        organisationName: r.organisationName ?? null,
        unit: plainText(r.unit),
        month: r.month,
        submitted: r.submitted,
        reached: { inReview: r.reached_review, piloting: r.reached_pilot, adopted: r.adopted },
        stages: { submitted: r.in_submitted, inReview: r.in_review, piloting: r.piloting, adopted: r.adopted, rejected: r.rejected, withdrawn: r.withdrawn },
        licence: LICENCE.id,
      }),
    });
  }

  /** Organisations with ideas, a keyset batch at a time; each one's activity is folded and sent before the next is read. */
  private async *activityBatches(query: ActivityExportQueryDto): AsyncGenerator<ActivityExportRow[]> {
    let after = '';
    for (;;) {
      const organisations: { organisation: string }[] = query.organisation
        ? after === ''
          ? [{ organisation: query.organisation }]
          : []
        : await this.db.query(`SELECT DISTINCT organisation FROM funnel_facts WHERE organisation > $1 ORDER BY organisation LIMIT 20`, [after]);
      if (organisations.length === 0) return;
      for (const { organisation } of organisations) {
        after = organisation;
        const answer = await this.insight.activity({
          organisation,
          kind: query.period ?? 'month',
          ...(query.from ? { from: query.from } : {}),
          ...(query.to ? { to: query.to } : {}),
        });
        const rows: ActivityExportRow[] = [];
        for (const unit of answer.units) for (const p of unit.periods) rows.push({ organisation, unit: unit.unit, unitName: unit.name, rules: answer.rules?.version ?? null, ...p });
        if (rows.length) yield rows;
      }
    }
  }

  @Authorize('open-data.activity')
  @Get('activity.:ext')
  @ApiOperation({ summary: 'Unit activity as open data: per unit and period, under the latest incentive rules (CC BY 4.0)' })
  async activity(@Param('ext') ext: string, @Query() query: ActivityExportQueryDto, @Res() res: Response) {
    const format = formatOf(`activity.${ext}`, 'activity');
    const bad = (['from', 'to'] as const).filter((field) => query[field] !== undefined && !isCalendarDay(query[field]!));
    if (bad.length) throw ProblemException.validation(bad.map((field) => ({ field, message: `${field} is not a calendar date` })));
    if (query.from && query.to && query.from > query.to) throw ProblemException.validation([{ field: 'from', message: 'from must not be after to' }]);
    // The first organisation is folded before anything is sent, so a bad range still answers as a problem.
    const batches = this.activityBatches(query);
    const first = await batches.next();
    async function* all(): AsyncGenerator<ActivityExportRow[]> {
      if (!first.done) yield first.value;
      yield* batches;
    }
    await streamExport<ActivityExportRow>(res, {
      format,
      name: 'activity',
      columns: ACTIVITY_COLUMNS,
      meta: { dataset: 'Unit activity per period (ideas per 100 staff, participation, decision time, incentive points)', licence: LICENCE, generatedAt: new Date().toISOString(), documentation: '/docs/open-data.md' },
      batches: withNames(this.db, all()),
      toCsv: (r) => [
        r.organisation, ...nameCells(r), plainText(r.unit), r.unitName === null ? null : plainText(r.unitName), r.period, r.start, r.end, r.headcount, r.submitted, r.piloted, r.adopted, r.rejected,
        r.perHundredStaff.submitted, r.perHundredStaff.piloted, r.perHundredStaff.adopted, r.participants, r.participation, r.decisions, r.medianDaysToDecision,
        r.rules, r.points, LICENCE.id,
      ],
      toJson: (r) => ({
        organisation: r.organisation,
        organisationName: r.organisationName ?? null,
        unit: plainText(r.unit),
        unitName: r.unitName === null ? null : plainText(r.unitName),
        period: r.period,
        start: r.start,
        end: r.end,
        headcount: r.headcount,
        submitted: r.submitted,
        piloted: r.piloted,
        adopted: r.adopted,
        rejected: r.rejected,
        perHundredStaff: r.perHundredStaff,
        participants: r.participants,
        participation: r.participation,
        decisions: r.decisions,
        medianDaysToDecision: r.medianDaysToDecision,
        rulesVersion: r.rules,
        points: r.points,
        licence: LICENCE.id,
      }),
    });
  }
}

type ActivityExportRow = Awaited<ReturnType<InsightService['activity']>>['units'][number]['periods'][number] & {
  organisation: string;
  unit: string;
  unitName: string | null;
  rules: number | null;
  organisationName?: OrganisationNames;
};
