import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsObject,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
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
import { DATE_ONLY, FINITE_NUMBER, ISO_DATE_OR_INSTANT, ORGANISATION_ID, queryBool, queryInt, trimString } from '#platform';
import { LANGUAGES, SECTORS } from '#ideas';
import { DEED_SCOPES, DEED_SIZES, PARTICIPANTS, type DeedContent } from '../domain/deed.events.js';
import { MediaLinkDto } from '#ideas';


export class DeedMetricDto {
  @ApiProperty({ example: 'Sisäinen viestintä' }) @Transform(trimString) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ example: 33 }) @IsNumber(FINITE_NUMBER) value: number;
  @ApiPropertyOptional({ example: '%' }) @IsOptional() @IsString() @MaxLength(20) unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber(FINITE_NUMBER) baseline?: number;
}

/** The content of a deed, as editors write it. */
export class DeedContentDto {
  @ApiProperty({ example: 'Kuvalliset päiväjärjestykset varhaiskasvatukseen' }) @Transform(trimString) @IsString() @Length(3, 200) title: string;
  @ApiProperty({ description: 'What the development aimed at' }) @IsString() @Length(1, 5000) aim: string;
  @ApiProperty({ description: 'What it achieved' }) @IsString() @Length(1, 5000) achieved: string;
  @ApiPropertyOptional({ type: [DeedMetricDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true, message: '$property must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => DeedMetricDto)
  metrics?: DeedMetricDto[];
  @ApiProperty({ example: 'varhaiskasvatus' }) @Transform(trimString) @IsString() @Length(1, 100) unit: string;
  @ApiProperty({ enum: SECTORS }) @IsIn(SECTORS) sector: (typeof SECTORS)[number];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Matches(/\S/, { each: true, message: 'each theme must contain text' }) @Length(1, 50, { each: true }) themes?: string[];
  @ApiProperty({ enum: DEED_SIZES }) @IsIn(DEED_SIZES) size: (typeof DEED_SIZES)[number];
  @ApiProperty({ enum: DEED_SCOPES }) @IsIn(DEED_SCOPES) scope: (typeof DEED_SCOPES)[number];
  @ApiProperty({ enum: PARTICIPANTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'participants must name at least one group (management, supervisors, staff, customers)' })
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(PARTICIPANTS, { each: true })
  participants: (typeof PARTICIPANTS)[number][];
  @ApiProperty({ example: '2025-09-01' }) @Matches(DATE_ONLY, { message: 'periodFrom must be a date (YYYY-MM-DD)' }) @IsISO8601({ strict: true }) periodFrom: string;
  @ApiPropertyOptional({ example: '2026-03-31' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'periodTo must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  periodTo?: string;
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'fi' }) @IsOptional() @IsIn(LANGUAGES) language?: (typeof LANGUAGES)[number];
  @ApiPropertyOptional({ type: [MediaLinkDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsObject({ each: true, message: '$property must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => MediaLinkDto)
  media?: MediaLinkDto[];
}

export class DraftDeedDto extends DeedContentDto {
  @ApiPropertyOptional({ description: "Defaults to the caller's organisation" })
  @IsOptional()
  @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier such as "imatra"' })
  organisation?: string;
  @ApiPropertyOptional({ type: [String], description: 'Adopted ideas the deed came from' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ideaIds?: string[];
}

export class UnpublishDeedDto {
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 2000) reason: string;
}


export class CatalogueQueryDto {
  @ApiPropertyOptional({ description: 'Search words; the last one matches as a prefix' }) @IsOptional() @IsString() @Length(1, 200) q?: string;
  @ApiPropertyOptional({ enum: SECTORS }) @IsOptional() @IsIn(SECTORS) sector?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) theme?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier' }) organisation?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(queryInt) @IsInt() @Min(1990) @Max(2100) year?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(queryBool) @IsIn([true, false], { message: 'awarded must be true or false' }) awarded?: boolean;
  @ApiPropertyOptional({ enum: ['relevance', 'newest'] }) @IsOptional() @IsIn(['relevance', 'newest']) sort?: 'relevance' | 'newest';
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Transform(queryInt) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) cursor?: string;
}

export class OpenCampaignDto {
  @ApiProperty({ example: 'Tekoja tiskiin 2026' }) @Transform(trimString) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: '2026-09-01T00:00:00+03:00' })
  @Matches(ISO_DATE_OR_INSTANT, { message: 'startsAt must be a date or an ISO 8601 date-time' })
  @IsISO8601({ strict: true })
  startsAt: string;
  @ApiProperty({ example: '2026-11-01T00:00:00+02:00' })
  @Matches(ISO_DATE_OR_INSTANT, { message: 'endsAt must be a date or an ISO 8601 date-time' })
  @IsISO8601({ strict: true })
  endsAt: string;
}

export class ListDeedsQueryDto {
  @ApiPropertyOptional({ description: "Defaults to the caller's organisation (admins may name another)" })
  @IsOptional()
  @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier' })
  organisation?: string;
  @ApiPropertyOptional({ enum: ['draft', 'published', 'unpublished'] }) @IsOptional() @IsIn(['draft', 'published', 'unpublished']) status?: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Transform(queryInt) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) cursor?: string;
}

/** A validated request body as the deed's content (what the events carry). */
export function deedContentFrom(dto: DeedContentDto): DeedContent {
  return {
    title: dto.title,
    aim: dto.aim,
    achieved: dto.achieved,
    metrics: (dto.metrics ?? []).map((m) => ({ name: m.name, value: m.value, ...(m.unit ? { unit: m.unit } : {}), ...(m.baseline !== undefined ? { baseline: m.baseline } : {}) })),
    unit: dto.unit,
    sector: dto.sector,
    themes: dto.themes ?? [],
    size: dto.size,
    scope: dto.scope,
    participants: dto.participants,
    periodFrom: dto.periodFrom,
    ...(dto.periodTo ? { periodTo: dto.periodTo } : {}),
    language: dto.language ?? 'fi',
    media: (dto.media ?? []).map((m) => ({ kind: m.kind, url: m.url, ...(m.caption ? { caption: m.caption } : {}) })),
  };
}
