import {
  createParamDecorator,
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthenticationError, TokenVerifier, type Actor } from './identity.js';

const PUBLIC = 'kehittamo:public';
/** Marks a route that anyone may call without a token. */
export const Public = () => SetMetadata(PUBLIC, true);

export type AuthenticatedRequest = Request & { actor?: Actor };

/** Global guard: every route needs a valid bearer token unless it is marked @Public(). */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);
    const header = req.headers.authorization;
    if (!header) {
      if (isPublic) return true;
      throw new AuthenticationError('Sign in: this request needs a bearer token.');
    }
    const match = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)$/i.exec(header);
    if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token>".');
    req.actor = await this.verifier.verify(match[1]);
    return true;
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
