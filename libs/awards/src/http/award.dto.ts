import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FINITE_NUMBER, ISO_DATE_OR_INSTANT, ORGANISATION_ID, trimString } from '#platform';
import { AWARD_CATEGORIES, SERIES_KINDS } from '../domain/award-season.events.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SUBJECT = /^[\x21-\x7e]{1,200}$/;

const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));
/** A list of `min`–`max` objects, each checked as `type`. */
const objectList = (type: () => Function, min: number, max: number): PropertyDecorator =>
  apply([IsArray(), ArrayMinSize(min), ArrayMaxSize(max), IsObject({ each: true, message: '$property must be a list of objects' }), ValidateNested({ each: true }), Type(type)]);
/** Optional names of a series' sub-awards. */
const subAwardNames = (): PropertyDecorator => apply([IsOptional(), IsArray(), ArrayMaxSize(50), IsString({ each: true }), Length(1, 200, { each: true })]);

export class CriterionDto {
  @ApiProperty({ example: 'boldness' }) @Matches(SLUG, { message: 'key must be a lower-case identifier' }) key: string;
  @ApiPropertyOptional({ example: 'Rohkeus' }) @IsOptional() @Transform(trimString) @IsString() @Length(1, 100) name?: string;
  @ApiProperty({ example: 1 }) @IsNumber(FINITE_NUMBER) @Min(0.01) @Max(100) weight: number;
}

export class JurorDto {
  @ApiProperty({ description: "The juror's subject id (the token's sub)" }) @IsString() @Matches(SUBJECT, { message: 'subject must be 1–200 visible ASCII characters' }) subject: string;
  @ApiProperty({ example: 'imatra', description: "The juror's organisation: nominations of it recuse the juror" })
  @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier' })
  organisation: string;
}

export class SeriesDto {
  @ApiProperty({ enum: SERIES_KINDS }) @IsIn(SERIES_KINDS) kind: (typeof SERIES_KINDS)[number];
  @ApiPropertyOptional({ example: 'innostavat-teot' }) @IsOptional() @Matches(SLUG, { message: 'key must be a lower-case identifier' }) key?: string;
  @ApiPropertyOptional({ example: 'Innostavat teot' }) @IsOptional() @Transform(trimString) @IsString() @Length(1, 200) name?: string;
  @ApiProperty({ example: 25 }) @IsInt() @Min(1) @Max(500) awards: number;
  @ApiPropertyOptional({ description: 'Long list cut; defaults to twice the awards' }) @IsOptional() @IsInt() @Min(1) @Max(5000) shortlistSize?: number;
  @ApiPropertyOptional({ type: [CriterionDto], description: 'Defaults to the five programme criteria, equal weights' })
  @IsOptional()
  @objectList(() => CriterionDto, 1, 20)
  criteria?: CriterionDto[];
  @ApiProperty({ type: [JurorDto] }) @objectList(() => JurorDto, 1, 100) jurors: JurorDto[];
  @ApiProperty({ description: "The chair's subject id" }) @IsString() @Matches(SUBJECT, { message: 'chair must be 1–200 visible ASCII characters' }) chair: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() blind?: boolean;
  @ApiPropertyOptional({ type: [String], example: ['Vuoden ympäristöteko'] }) @subAwardNames() subAwards?: string[];
}

const instant = (field: string) => [
  Matches(ISO_DATE_OR_INSTANT, { message: `${field} must be a date or an ISO 8601 date-time` }),
  IsISO8601({ strict: true }),
];

export class OpenSeasonDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(1990) @Max(2100) year: number;
  @ApiProperty({ example: 'Gaala 2026' }) @Transform(trimString) @IsString() @Length(1, 200) name: string;
  @ApiProperty() @apply(instant('nominationOpensAt')) nominationOpensAt: string;
  @ApiProperty() @apply(instant('nominationClosesAt')) nominationClosesAt: string;
  @ApiProperty({ description: 'Deeds first published from here count' }) @apply(instant('eligibleFrom')) eligibleFrom: string;
  @ApiProperty() @apply(instant('eligibleTo')) eligibleTo: string;
  @ApiProperty({ description: 'The gala: results are embargoed until then' }) @apply(instant('galaAt')) galaAt: string;
  @ApiProperty({ type: [SeriesDto] }) @objectList(() => SeriesDto, 1, 10) series: SeriesDto[];
}

/** A series as the admin changes it: named by its key (or by its kind, for the programme's own series). */
export class ReviseSeriesDto {
  @ApiPropertyOptional({ example: 'innostavat-teot', description: "The series' key; a new key adds a series (until the first nomination)" })
  @IsOptional()
  @Matches(SLUG, { message: 'key must be a lower-case identifier' })
  key?: string;
  @ApiPropertyOptional({ enum: SERIES_KINDS, description: 'Needed for a new series' }) @IsOptional() @IsIn(SERIES_KINDS) kind?: (typeof SERIES_KINDS)[number];
  @ApiPropertyOptional({ example: 'Innostavat teot' }) @IsOptional() @Transform(trimString) @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ example: 25 }) @IsOptional() @IsInt() @Min(1) @Max(500) awards?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(5000) shortlistSize?: number;
  @ApiPropertyOptional({ type: [CriterionDto] }) @IsOptional() @objectList(() => CriterionDto, 1, 20) criteria?: CriterionDto[];
  @ApiPropertyOptional({ type: [JurorDto], description: 'The whole jury: replaces the current one' }) @IsOptional() @objectList(() => JurorDto, 1, 100) jurors?: JurorDto[];
  @ApiPropertyOptional({ description: "The new chair's subject id" }) @IsOptional() @IsString() @Matches(SUBJECT, { message: 'chair must be 1–200 visible ASCII characters' }) chair?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() blind?: boolean;
  @ApiPropertyOptional({ type: [String] }) @subAwardNames() subAwards?: string[];
}

/** Changes to a season: a field left out stays as it is. */
export class ReviseSeasonDto {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @IsInt() @Min(1990) @Max(2100) year?: number;
  @ApiPropertyOptional({ example: 'Gaala 2026' }) @IsOptional() @Transform(trimString) @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @apply(instant('nominationOpensAt')) nominationOpensAt?: string;
  @ApiPropertyOptional() @IsOptional() @apply(instant('nominationClosesAt')) nominationClosesAt?: string;
  @ApiPropertyOptional() @IsOptional() @apply(instant('eligibleFrom')) eligibleFrom?: string;
  @ApiPropertyOptional() @IsOptional() @apply(instant('eligibleTo')) eligibleTo?: string;
  @ApiPropertyOptional() @IsOptional() @apply(instant('galaAt')) galaAt?: string;
  @ApiPropertyOptional({ type: [ReviseSeriesDto], description: 'Every series of the season, when given: a series left out is removed (until the first nomination); a field left out stays' })
  @IsOptional()
  @objectList(() => ReviseSeriesDto, 1, 10)
  series?: ReviseSeriesDto[];
}

export class NominateDto {
  @ApiProperty({ example: 'innostavat-teot' }) @Matches(SLUG, { message: 'series must be a series key' }) series: string;
  @ApiPropertyOptional({ description: 'Deeds series: the published deed' }) @IsOptional() @IsUUID('all') deedId?: string;
  @ApiPropertyOptional({ description: "Organisations and employees series; defaults to the caller's organisation" })
  @IsOptional()
  @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier' })
  organisation?: string;
  @ApiPropertyOptional({ description: "Employees series: the employee's name" }) @IsOptional() @Transform(trimString) @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trimString) @IsString() @Length(1, 200) unit?: string;
  @ApiPropertyOptional({ description: "Employees series: the employee's subject id, so they can see their award" })
  @IsOptional()
  @IsString()
  @Matches(SUBJECT, { message: 'employeeSubject must be 1–200 visible ASCII characters' })
  employeeSubject?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trimString) @IsString() @MaxLength(5000) justification?: string;
}

export class ScoreDto {
  @ApiProperty({ example: { results: 4, boldness: 5, 'staff-driven': 3, customer: 4, transferability: 2 }, description: 'Every criterion of the series, 1–5' })
  @IsObject()
  scores: Record<string, number>;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) comment?: string;
}

export class ConflictDto {
  @ApiProperty({ example: 'Olin hankkeen ohjausryhmässä.' }) @Transform(trimString) @IsString() @Length(1, 2000) reason: string;
}

export class SeriesRefDto {
  @ApiProperty() @Matches(SLUG, { message: 'series must be a series key' }) series: string;
}

export class OverrideDto extends SeriesRefDto {
  @ApiProperty() @IsUUID('all') nominationId: string;
  @ApiProperty({ enum: ['include', 'exclude'] }) @IsIn(['include', 'exclude']) action: 'include' | 'exclude';
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 2000) reason: string;
}

export class GrantAwardDto {
  @ApiProperty() @IsUUID('all') nominationId: string;
  @ApiProperty({ enum: AWARD_CATEGORIES }) @IsIn(AWARD_CATEGORIES) category: (typeof AWARD_CATEGORIES)[number];
  @ApiPropertyOptional({ example: 'Vuoden ympäristöteko' }) @IsOptional() @IsString() @Length(1, 200) subAward?: string;
}

export class AcceptProposalDto extends SeriesRefDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') deedId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier' }) organisation?: string;
}

export class OurNominationsQueryDto {
  @ApiPropertyOptional({ description: "Defaults to the caller's organisation (admins may name another)" })
  @IsOptional()
  @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier' })
  organisation?: string;
}

export class SeriesQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'series must be a series key' }) series?: string;
}

export class RequiredSeriesQueryDto {
  @ApiProperty() @Matches(SLUG, { message: 'series must be a series key' }) series: string;
}

export class AuditQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}
