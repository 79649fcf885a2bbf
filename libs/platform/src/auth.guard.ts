// The one gate every HTTP request passes: who is calling (bearer token), then may they (access policy).
import {
  createParamDecorator,
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthenticationError, TokenVerifier, type Actor } from './identity.js';
import { isPolicyKey, POLICIES, type Policy, type PolicyKey, type TargetKind } from './access-policy.js';
import { admits, AUTHORIZE, denialMessage, targetResolverType, type TargetResolver } from './authorization.js';
import { ProblemException } from './problem.js';

export type AuthenticatedRequest = Request & { actor?: Actor };

const ORGANISATION_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `organisation` from the query or the body; absent means the caller's own. */
function organisationField(source: unknown, actor: Actor): string | null {
  const value = source && typeof source === 'object' ? (source as Record<string, unknown>).organisation : undefined;
  if (value === undefined) return actor.organisation;
  return typeof value === 'string' && ORGANISATION_RE.test(value) ? value : null;
}

/**
 * Global guard. Every route names its line in the access policy with @Authorize(key); a route without one is
 * refused (fail closed). Public routes need no token; the others need a valid token (401), a role the policy
 * grants (403) and, for grants scoped to the own organisation, a target in the caller's organisation (403).
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly logger = new Logger('Authorization');

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(ModuleRef) private readonly modules: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = this.reflector.get<unknown>(AUTHORIZE, context.getHandler());
    if (!isPolicyKey(key)) {
      this.logger.error({ msg: 'route without an access policy refused', method: req.method, path: req.path, key });
      throw ProblemException.of(403, 'no-access-policy', 'This endpoint has no access policy, so no one may call it.');
    }
    const policy: Policy = POLICIES[key];
    const header = req.headers.authorization;
    if (!header) {
      if (policy.access === 'public') return true;
      throw new AuthenticationError('Sign in: this request needs a bearer token.');
    }
    const match = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)$/i.exec(header);
    if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token>".');
    const actor = await this.verifier.verify(match[1]);
    req.actor = actor;
    const verdict = await admits(key, actor, () => this.organisationOf(policy.target, key, req, actor));
    if (verdict.allowed) return true;
    if (verdict.reason === 'organisation') {
      throw ProblemException.of(403, 'other-organisation', `${denialMessage(key)} This is ${verdict.organisation}'s; you act for ${actor.organisation}.`, {
        code: `${key}.other-organisation`,
      });
    }
    throw ProblemException.of(403, 'forbidden', denialMessage(key), { code: `${key}.forbidden` });
  }

  private async organisationOf(target: TargetKind | undefined, key: PolicyKey, req: Request, actor: Actor): Promise<string | null> {
    switch (target) {
      case 'organisation-in-query':
        return organisationField(req.query, actor);
      case 'organisation-in-body':
        return organisationField(req.body, actor);
      case 'organisation-in-path': {
        const org = req.params?.org;
        return typeof org === 'string' && ORGANISATION_RE.test(org) ? org : null;
      }
      case undefined:
        throw new Error(`Access policy "${key}" scopes a grant to the own organisation but names no target.`);
      default: {
        const type = targetResolverType(target);
        if (!type) throw new Error(`No resolver for the "${target}" target of access policy "${key}".`);
        const resolver = this.modules.get<TargetResolver>(type, { strict: false });
        return resolver.organisationOf(req, actor);
      }
    }
  }
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new AuthenticationError('Sign in: this request needs a bearer token.');
  return actor;
});

export const OptionalActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor | undefined => context.switchToHttp().getRequest<AuthenticatedRequest>().actor,
);
