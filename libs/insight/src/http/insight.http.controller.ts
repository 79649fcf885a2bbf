import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { parseAsOf } from '#ideas';
import { Authorize, CLOCK, commandMetadata, CurrentActor, ORGANISATION_ID, ProblemException, PSEUDONYMIZER, requestId, type Actor, type Clock, type Pseudonymizer } from '#platform';
import { InsightService } from '../application/insight.service.js';
import { PERIOD_KINDS, type PeriodKind } from '../domain/activity.js';
import { checkIncentiveRules, isCalendarDay } from '../domain/units-import.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A units CSV is small (a row per unit): a megabyte is thousands of units. */
const MAX_CSV_BYTES = 1_048_576;

export class ActivityQueryDto {
  @ApiPropertyOptional({ description: "Default: the caller's organisation" })
  @IsOptional()
  @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier' })
  organisation?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) unit?: string;
  @ApiPropertyOptional({ description: 'First day (YYYY-MM-DD, Finnish time); the period holding it is included whole' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;
  @ApiPropertyOptional({ description: 'Last day (YYYY-MM-DD); default today (or the asOf day)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
  @ApiPropertyOptional({ enum: PERIOD_KINDS, description: 'Default month' }) @IsOptional() @IsIn(PERIOD_KINDS) period?: PeriodKind;
  @ApiPropertyOptional({ description: 'Rules version for `points` (default: the latest)' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,5}$/, { message: 'rules must be a version number (1, 2, …)' })
  rules?: string;
  @ApiPropertyOptional({ description: 'Time travel: the figures as they stood at this moment (ISO 8601 date-time)' }) @IsOptional() @IsString() asOf?: string;
}

export class IncentiveRulesDto {
  @ApiPropertyOptional() name?: string;
  @ApiProperty({ description: 'Points per idea event type, e.g. {"IdeaSubmitted": 1, "IdeaAdopted": 5}' }) points: Record<string, number>;
  @ApiPropertyOptional({ description: '[{"kind":"participation","atLeast":0.2,"points":10}, {"kind":"quick-decision","withinDays":30,"points":2}]' })
  bonuses?: unknown[];
}

/** Editors of the organisation and admins manage its units and rules. */
/** Members of the organisation and admins read its activity. */
function checkOrganisation(organisation: string): void {
  if (!ORGANISATION_ID.test(organisation)) throw ProblemException.validation([{ field: 'organisation', message: 'organisation must be a lower-case identifier such as "imatra"' }]);
}

/** The request body as UTF-8 text (no body parser reads text/csv): at most MAX_CSV_BYTES. */
async function readText(req: Request): Promise<string> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'text/csv') throw ProblemException.of(415, 'csv-expected', 'Send the units as text/csv (UTF-8): unit,headcount,valid_from[,name].');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_CSV_BYTES) throw ProblemException.of(413, 'csv-too-large', `The CSV may be at most ${MAX_CSV_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CSV_BYTES) throw ProblemException.of(413, 'csv-too-large', `The CSV may be at most ${MAX_CSV_BYTES} bytes.`);
    chunks.push(chunk);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    if (text.includes('\u0000')) throw new Error('NUL');
    return text;
  } catch {
    throw ProblemException.validation([{ field: 'body', message: 'the CSV must be UTF-8 text without NUL characters (in Excel: "CSV UTF-8")' }]);
  }
}

@ApiTags('activity')
@ApiBearerAuth()
@Controller('api')
export class InsightController {
  constructor(
    @Inject(InsightService) private readonly insight: InsightService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
  ) {}

  @Authorize('units.import')
  @Post('organisations/:org/units')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: 'Import unit headcounts from CSV (unit,headcount,valid_from[,name]); each change is kept as an event (editors, admins)' })
  async importUnits(@CurrentActor() actor: Actor, @Param('org') organisation: string, @Req() req: Request) {
    checkOrganisation(organisation);
    const csv = await readText(req);
    return this.insight.importUnits(organisation, csv, commandMetadata(actor, this.pseudonyms.of(actor), this.clock.now(), requestId(req)));
  }

  @Authorize('units.list')
  @Get('organisations/:org/units')
  @ApiOperation({ summary: 'Every recorded headcount of the units (members of the organisation, admins); ?asOf= for an earlier moment' })
  async units(@CurrentActor() actor: Actor, @Param('org') organisation: string, @Query('asOf') rawAsOf?: string) {
    checkOrganisation(organisation);
    const asOf = parseAsOf(rawAsOf);
    return { organisation, asOf: asOf?.toISOString() ?? null, headcounts: await this.insight.headcounts(organisation, asOf) };
  }

  @Authorize('incentives.publish')
  @Post('organisations/:org/incentive-rules')
  @ApiOperation({ summary: 'Publish a new version of the incentive rules; every past period is figured under it too (editors, admins)' })
  @ApiBody({ type: IncentiveRulesDto })
  // Checked by checkIncentiveRules (its shape is a union the DTO pipe cannot express).
  async publishRules(@CurrentActor() actor: Actor, @Param('org') organisation: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    checkOrganisation(organisation);
    const { rules, errors } = checkIncentiveRules(body);
    if (!rules) throw ProblemException.validation(errors);
    const published = await this.insight.publishRules(organisation, rules, commandMetadata(actor, this.pseudonyms.of(actor), this.clock.now(), requestId(req)));
    res.status(201).setHeader('Location', `/api/organisations/${organisation}/incentive-rules/${published.version}`);
    return { organisation, ...published, ...rules };
  }

  @Authorize('incentives.list')
  @Get('organisations/:org/incentive-rules')
  @ApiOperation({ summary: 'Every published version of the incentive rules (members of the organisation, admins)' })
  async listRules(@CurrentActor() actor: Actor, @Param('org') organisation: string) {
    checkOrganisation(organisation);
    return { organisation, versions: await this.insight.rules(organisation) };
  }

  @Authorize('activity.get')
  @Get('activity')
  @ApiOperation({ summary: 'Unit activity per period: ideas per 100 staff, participation, median days to a decision, incentive points by rules version' })
  async activity(@CurrentActor() actor: Actor, @Query() query: ActivityQueryDto) {
    const organisation = query.organisation ?? actor.organisation;
    const bad = (['from', 'to'] as const).filter((field) => query[field] !== undefined && !isCalendarDay(query[field]!));
    if (bad.length) throw ProblemException.validation(bad.map((field) => ({ field, message: `${field} is not a calendar date` })));
    return this.insight.activity({
      organisation,
      kind: query.period ?? 'month',
      ...(query.unit !== undefined ? { unit: query.unit } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
      ...(query.rules !== undefined ? { rules: Number(query.rules) } : {}),
      ...(query.asOf !== undefined ? { asOf: parseAsOf(query.asOf) } : {}),
    });
  }
}
