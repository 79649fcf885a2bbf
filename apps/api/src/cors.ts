// Browsers on other origins (the intranets that embed the widget) may call the API only from CORS_ORIGINS;
// an origin listed for organisations may only make changes with a token of one of them.
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { APP_CONFIG, ProblemException, type AppConfig, type AuthenticatedRequest, type CorsOrigin } from '#platform';
import { WRITE_METHODS } from './rate-limit.js';

/** Answers preflights and adds Access-Control-* headers for the allowed origins; none by default. */
export function enableCorsAllowList(app: NestExpressApplication, origins: CorsOrigin[]): void {
  if (origins.length === 0) return;
  const allowed = new Set(origins.map((o) => o.origin));
  app.enableCors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin.toLowerCase())),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Content-Digest', 'If-Match', 'Idempotency-Key', 'Range', 'X-Consistency-Token', 'X-Request-Id'],
    exposedHeaders: [
      'ETag',
      'Accept-Ranges',
      'Content-Range',
      'Location',
      'X-Consistency-Token',
      'X-Consistency',
      'X-Request-Id',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'RateLimit-Policy',
    ],
    maxAge: 600,
  });
}

/**
 * Global guard after the bearer token: a write whose Origin is the intranet of other organisations than the
 * token's is refused (403). Origins listed for no organisation, and requests without Origin, pass.
 */
@Injectable()
export class OriginOrganisationGuard implements CanActivate {
  private readonly owners: Map<string, string[]>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.owners = new Map(config.cors.filter((o) => o.organisations.length > 0).map((o) => [o.origin, o.organisations]));
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || this.owners.size === 0) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const origin = req.headers.origin?.toLowerCase();
    if (!WRITE_METHODS.has(req.method) || !origin || !req.actor) return true;
    const owners = this.owners.get(origin);
    if (!owners || owners.includes(req.actor.organisation)) return true;
    throw ProblemException.of(
      403,
      'origin-organisation-mismatch',
      `${origin} is the intranet of ${owners.join(', ')}: changes for organisation ${req.actor.organisation} cannot be made from it.`,
      { code: 'origin.organisation-mismatch' },
    );
  }
}
