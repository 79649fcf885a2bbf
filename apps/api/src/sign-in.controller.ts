// What the pages need to sign people in (GET /api/config), and the development sign-in: a token signed with the
// installation's local key for a person, organisation and roles of one's choosing — only with no identity provider
// configured and not in production.
import { Body, Controller, Get, Header, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { APP_CONFIG, Authorize, loadOrCreateLocalKeys, ORGANISATION_ID, ProblemException, ROLES, signLocalToken, trimString, type AppConfig, type Role } from '#platform';

/** How long a development sign-in lasts. */
export const DEVELOPMENT_TOKEN_SECONDS = 8 * 3600;

export class DevelopmentSignInDto {
  @ApiProperty({ example: 'aino.virtanen', description: 'Who signs in: any name, becomes the token subject' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\p{Cc}]+$/u, { message: 'subject must not contain control characters' })
  subject: string;

  @ApiProperty({ example: 'imatra', description: 'Organisation id' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'organisation must be a lower-case organisation id such as imatra' })
  organisation: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['employee', 'change-agent'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class SignInConfigDto {
  @ApiProperty({ enum: ['oidc', 'development', 'none'] }) kind: 'oidc' | 'development' | 'none';
  @ApiPropertyOptional({ description: 'OIDC issuer (authority) the pages sign in at' }) issuer?: string;
  @ApiPropertyOptional({ description: 'The pages\u2019 public client id' }) clientId?: string;
  @ApiPropertyOptional({ example: 'openid profile' }) scopes?: string;
}

@ApiTags('sign-in')
@Controller('api')
export class SignInController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Authorize('sign-in.config')
  @Get('config')
  @Header('cache-control', 'no-cache')
  @ApiOperation({ summary: 'How the pages sign people in: OIDC (issuer, client id, scopes) or the development sign-in' })
  signInConfig(): { signIn: SignInConfigDto } {
    const signIn = this.config.auth.signIn;
    if (signIn.kind === 'oidc') return { signIn: { kind: 'oidc', issuer: signIn.authority, clientId: signIn.clientId, scopes: signIn.scopes } };
    return { signIn: { kind: signIn.kind } };
  }

  @Authorize('sign-in.development')
  @Post('development/sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Development sign-in: a token signed with the local key (refused in production and when an identity provider is configured)' })
  async developmentSignIn(@Body() body: DevelopmentSignInDto): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    if (this.config.auth.signIn.kind !== 'development') {
      throw ProblemException.of(
        403,
        'development-sign-in-off',
        this.config.auth.jwksUrl
          ? 'The development sign-in is off: this installation signs people in through its identity provider.'
          : 'The development sign-in is off in production (NODE_ENV=production).',
        { code: 'sign-in.development.off' },
      );
    }
    const keys = await loadOrCreateLocalKeys(this.config.dataDir);
    const accessToken = await signLocalToken(keys, this.config.auth, { subject: body.subject, organisation: body.organisation, roles: body.roles, ttlSeconds: DEVELOPMENT_TOKEN_SECONDS });
    return { accessToken, tokenType: 'Bearer', expiresIn: DEVELOPMENT_TOKEN_SECONDS };
  }
}
