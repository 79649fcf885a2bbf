// Request bodies and query strings of the ideas API, checked by class-validator.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsObject,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DATE_ONLY, FINITE_NUMBER, ISO_DATE_OR_INSTANT, ORGANISATION_ID, queryBool, queryInt, trimString } from '#platform';
import { LANGUAGES, MEDIA_KINDS, SECTORS, STAGES } from '../domain/idea.events.js';


export class MediaLinkDto {
  @ApiProperty({ enum: MEDIA_KINDS }) @IsIn(MEDIA_KINDS) kind: (typeof MEDIA_KINDS)[number];
  @ApiProperty({ example: 'https://intra.imatra.fi/kohtaamo/video/123' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'url must be an http(s) address' })
  @MaxLength(2000)
  url: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) caption?: string;
}

/** An idea's photo, recording or video: a link, or an upload of the submitter's (POST /api/media). */
export class IdeaMediaDto {
  @ApiProperty({ enum: MEDIA_KINDS }) @IsIn(MEDIA_KINDS) kind: (typeof MEDIA_KINDS)[number];
  @ApiPropertyOptional({ example: 'https://intra.imatra.fi/kohtaamo/video/123', description: 'A link; leave out for an upload (mediaId)' })
  @ValidateIf((m: IdeaMediaDto) => m.mediaId === undefined || m.url !== undefined)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'url must be an http(s) address' })
  @MaxLength(2000)
  url?: string;
  @ApiPropertyOptional({ description: 'An upload of yours (POST /api/media), instead of a link', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'mediaId must be the id an upload answered' })
  mediaId?: string;
  @ApiPropertyOptional({ description: "The upload's sha256, as its answer gave it" })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hexadecimal digits' })
  sha256?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) caption?: string;
  @ApiPropertyOptional({ description: 'Text alternative: what the picture shows, what the recording says' }) @IsOptional() @IsString() @MaxLength(2000) alt?: string;
}

export class SubmitIdeaDto {
  @ApiProperty({ example: 'Yhteinen sähköinen varauskalenteri kokoustiloille' })
  @Transform(trimString)
  @IsString()
  @Length(3, 200)
  title: string;

  @ApiProperty({ example: 'Kokoustilojen varaaminen vie aikaa, koska jokaisella talolla on oma vihkonsa.' })
  @IsString()
  @Length(1, 5000)
  description: string;

  @ApiPropertyOptional({ description: 'The problem the idea solves' }) @IsOptional() @IsString() @MaxLength(5000) problem?: string;
  @ApiPropertyOptional({ description: 'What the submitter proposes' }) @IsOptional() @IsString() @MaxLength(5000) proposal?: string;

  @ApiPropertyOptional({ description: "Defaults to the caller's organisation", example: 'imatra' })
  @IsOptional()
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier such as "imatra"' })
  organisation?: string;

  @ApiProperty({ example: 'varhaiskasvatus' }) @Transform(trimString) @IsString() @Length(1, 100) unit: string;
  @ApiProperty({ enum: SECTORS }) @IsIn(SECTORS) sector: (typeof SECTORS)[number];

  @ApiPropertyOptional({ type: [String], example: ['digitalisaatio'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  themes?: string[];

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'fi' }) @IsOptional() @IsIn(LANGUAGES) language?: (typeof LANGUAGES)[number];

  @ApiPropertyOptional({ type: [IdeaMediaDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsObject({ each: true, message: '$property must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => IdeaMediaDto)
  media?: IdeaMediaDto[];

  @ApiPropertyOptional({ default: false, description: 'Hide who submitted the idea from everyone' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
}

export class StartReviewDto {
  @ApiProperty({ example: 'Muutosagentit, varhaiskasvatus' }) @Transform(trimString) @IsString() @Length(1, 100) team: string;
}

export class PilotMetricDto {
  @ApiProperty({ example: 'Henkilöstötyytyväisyys' }) @Transform(trimString) @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional({ example: '%' }) @IsOptional() @IsString() @MaxLength(20) unit?: string;
  @ApiProperty({ example: 62 }) @IsNumber(FINITE_NUMBER) baseline: number;
  @ApiPropertyOptional({ example: 70 }) @IsOptional() @IsNumber(FINITE_NUMBER) target?: number;
}

export class StartPilotDto {
  @ApiProperty() @IsString() @Length(1, 2000) goal: string;
  @ApiProperty({ example: 'Pilottitiimi: viestintä' }) @Transform(trimString) @IsString() @Length(1, 100) team: string;
  @ApiProperty({ example: '2026-01-15' }) @Matches(DATE_ONLY, { message: 'startsOn must be a date (YYYY-MM-DD)' }) @IsISO8601({ strict: true }) startsOn: string;
  @ApiProperty({ example: '2026-04-15' }) @Matches(DATE_ONLY, { message: 'endsOn must be a date (YYYY-MM-DD)' }) @IsISO8601({ strict: true }) endsOn: string;
  @ApiProperty({ type: [PilotMetricDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true, message: '$property must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => PilotMetricDto)
  metrics: PilotMetricDto[];
}

export class MeasurementDto {
  @ApiProperty() @IsString() @Length(1, 100) metric: string;
  @ApiProperty() @IsNumber(FINITE_NUMBER) value: number;
  @ApiProperty({ example: '2026-02-15' }) @Matches(DATE_ONLY, { message: 'measuredOn must be a date (YYYY-MM-DD)' }) @IsISO8601({ strict: true }) measuredOn: string;
}

export class RecordMeasurementsDto {
  @ApiProperty({ type: [MeasurementDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: '$property must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => MeasurementDto)
  measurements: MeasurementDto[];
}

export class MetricResultDto {
  @ApiProperty() @IsString() @Length(1, 100) metric: string;
  @ApiProperty() @IsNumber(FINITE_NUMBER) value: number;
}

export class AdoptIdeaDto {
  @ApiProperty() @IsString() @Length(1, 5000) result: string;
  @ApiPropertyOptional({ type: [MetricResultDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true, message: '$property must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => MetricResultDto)
  metrics?: MetricResultDto[];
}

export class RejectIdeaDto {
  @ApiProperty({ example: 'Päällekkäinen jo käynnissä olevan hankkeen kanssa.' }) @Transform(trimString) @IsString() @Length(1, 2000) reason: string;
}

export class WithdrawIdeaDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class CommentIdeaDto {
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 2000) text: string;

  @ApiPropertyOptional({ type: [IdeaMediaDto], description: 'Photos, recordings or videos: uploads of yours (POST /api/media) or links' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsObject({ each: true, message: '$property must be a list of objects' })
  @ValidateNested({ each: true })
  @Type(() => IdeaMediaDto)
  media?: IdeaMediaDto[];
}


export class ListIdeasQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier' }) organisation?: string;
  @ApiPropertyOptional({ enum: STAGES }) @IsOptional() @IsIn(STAGES) stage?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) unit?: string;
  @ApiPropertyOptional({ enum: SECTORS }) @IsOptional() @IsIn(SECTORS) sector?: string;
  @ApiPropertyOptional({ description: 'Full-text search' }) @IsOptional() @IsString() @Length(1, 200) q?: string;
  @ApiPropertyOptional({ description: 'Only my own ideas' }) @IsOptional() @Transform(queryBool) @IsBoolean() mine?: boolean;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Transform(queryInt) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class FunnelQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier' }) organisation?: string;
  @ApiPropertyOptional({ description: 'Ideas submitted from this moment on (ISO 8601 date or date-time)' })
  @IsOptional()
  @Matches(ISO_DATE_OR_INSTANT, { message: 'from must be a date (YYYY-MM-DD) or an ISO 8601 date-time' })
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ description: 'Ideas submitted before this moment (ISO 8601 date or date-time)' })
  @IsOptional()
  @Matches(ISO_DATE_OR_INSTANT, { message: 'to must be a date (YYYY-MM-DD) or an ISO 8601 date-time' })
  @IsISO8601({ strict: true })
  to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) unit?: string;
  @ApiPropertyOptional({ enum: SECTORS }) @IsOptional() @IsIn(SECTORS) sector?: string;
  @ApiPropertyOptional({ description: 'Time travel: the funnel as it was at this moment (ISO 8601 date-time), folded from the events recorded up to it' })
  @IsOptional()
  @IsString()
  asOf?: string;
}

export class SimilarIdeasQueryDto {
  @ApiPropertyOptional({ description: "Defaults to the caller's organisation" })
  @IsOptional()
  @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case identifier' })
  organisation?: string;
  @ApiProperty({ description: 'Title or description as typed so far (3–300 characters)', example: 'kokoustilojen varaus' })
  @Transform(trimString)
  @IsString()
  @Length(3, 300)
  text: string;
  @ApiPropertyOptional({ default: 5 }) @IsOptional() @Transform(queryInt) @IsInt() @Min(1) @Max(20) limit?: number;
}

export class SubmitIdeaQueryDto {
  @ApiPropertyOptional({
    description:
      'Also answer with up to this many similar ideas of the organisation (possible duplicates) in `similar`. Left out, the answer has no ' +
      'suggestions: a page asks GET /api/ideas/similar while the person types, before sending.',
    minimum: 1,
    maximum: 10,
  })
  @IsOptional()
  @Transform(queryInt)
  @IsInt()
  @Min(1)
  @Max(10)
  similar?: number;
}

export class MergeIdeaDto {
  @ApiProperty({ description: 'The idea this duplicate is merged into (the survivor)' }) @IsUUID('all', { message: 'into must be the id (UUID) of an idea' }) into: string;
}
