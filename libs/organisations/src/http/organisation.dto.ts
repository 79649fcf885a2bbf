import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ORGANISATION_ID, trimString } from '#platform';
import { ORGANISATION_KINDS, type OrganisationKind } from '../domain/organisation.events.js';

export class OrganisationNamesDto {
  @ApiProperty({ example: 'Imatran kaupunki' }) @Transform(trimString) @IsString() @Length(1, 200) fi: string;
  @ApiProperty({ example: 'Imatra stad' }) @Transform(trimString) @IsString() @Length(1, 200) sv: string;
  @ApiPropertyOptional({ example: 'City of Imatra' }) @IsOptional() @Transform(trimString) @IsString() @Length(0, 200) en?: string;
}

export class OrganisationNamesChangeDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trimString) @IsString() @Length(1, 200) fi?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trimString) @IsString() @Length(1, 200) sv?: string;
  @ApiPropertyOptional({ description: 'An empty string removes the English name' }) @IsOptional() @Transform(trimString) @IsString() @Length(0, 200) en?: string;
}

export class RegisterOrganisationDto {
  @ApiProperty({ example: 'imatra', description: 'The id tokens carry in `org` and URLs use' })
  @Matches(ORGANISATION_ID, { message: 'id must be a lower-case identifier such as "imatra"' })
  id: string;
  @ApiProperty({ type: OrganisationNamesDto })
  @IsObject({ message: 'names must be an object' })
  @ValidateNested()
  @Type(() => OrganisationNamesDto)
  names: OrganisationNamesDto;
  @ApiProperty({ enum: ORGANISATION_KINDS }) @IsIn(ORGANISATION_KINDS) kind: OrganisationKind;
}

export class RenameOrganisationDto {
  @ApiPropertyOptional({ type: OrganisationNamesChangeDto })
  @IsOptional()
  @IsObject({ message: 'names must be an object' })
  @ValidateNested()
  @Type(() => OrganisationNamesChangeDto)
  names?: OrganisationNamesChangeDto;
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS }) @IsOptional() @IsIn(ORGANISATION_KINDS) kind?: OrganisationKind;
}
