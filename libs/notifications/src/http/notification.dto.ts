import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { queryBool, queryInt, trimString } from '#platform';
import { CHANNELS, FREQUENCIES, NOTIFICATION_KINDS, NOTIFICATION_LANGUAGES } from '../domain/preferences.js';

export class NotificationPreferencesDto {
  @ApiProperty({ enum: CHANNELS, isArray: true, example: ['email', 'in-app'], description: 'How to be told; an empty list turns notifications off' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(CHANNELS.length)
  @IsIn(CHANNELS, { each: true })
  channels: (typeof CHANNELS)[number][];

  @ApiPropertyOptional({ example: 'aino.virtanen@imatra.fi', description: 'Required when channels include email' })
  @IsOptional()
  @Transform(trimString)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiProperty({ enum: FREQUENCIES, example: 'immediately' }) @IsIn(FREQUENCIES) frequency: (typeof FREQUENCIES)[number];
  @ApiProperty({ enum: NOTIFICATION_LANGUAGES, example: 'fi' }) @IsIn(NOTIFICATION_LANGUAGES) language: (typeof NOTIFICATION_LANGUAGES)[number];

  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'Which notifications to get' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true })
  kinds: (typeof NOTIFICATION_KINDS)[number][];
}

export class ListNotificationsQueryDto {
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Transform(queryInt) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(40) cursor?: string;
  @ApiPropertyOptional({ description: 'Only unread ones' }) @IsOptional() @Transform(queryBool) @IsBoolean() unread?: boolean;
}
