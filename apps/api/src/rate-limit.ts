// Rate limits on writes (POST, PUT, PATCH, DELETE), with @nestjs/throttler: one budget per client address,
// checked before the token (so floods of bad tokens are limited too), and one per user, checked after it.
// Reads are not limited here. Every answer to a write carries RateLimit-* headers of the tighter budget;
// over budget the answer is 429 problem+json with Retry-After.
import { Injectable, type DynamicModule, type ExecutionContext, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { normalizeIp, ThrottlerGuard, ThrottlerModule, type ThrottlerRequest, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { ProblemException, type AppConfig, type AuthenticatedRequest } from '#platform';

export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WINDOW_MS = 60_000;

type Scope = 'address' | 'user';

interface ThrottlerRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * Fixed one-minute windows, counted in this process's memory: O(1) a request whatever the limit. A refused
 * request is not counted, so a client that waits for Retry-After gets its full budget back.
 */
export class FixedWindowStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, { hits: number; endsAt: number }>();
  private sweeper?: NodeJS.Timeout;

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerRecord> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(key, window);
      this.startSweeping();
    }
    const isBlocked = window.hits >= limit;
    if (!isBlocked) window.hits += 1;
    const seconds = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    return { totalHits: window.hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }

  get size(): number {
    return this.windows.size;
  }

  private startSweeping(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    }, WINDOW_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.windows.clear();
  }
}

abstract class WriteLimitGuard extends ThrottlerGuard {
  protected abstract readonly scope: Scope;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((throttler) => throttler.name === this.scope);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http' || !WRITE_METHODS.has(context.switchToHttp().getRequest<Request>().method);
  }

  /** Whom the budget belongs to; empty: not limited by this guard. */
  protected abstract tracker(req: AuthenticatedRequest): string;

  protected override async handleRequest({ context, limit, ttl, throttler }: ThrottlerRequest): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const who = this.tracker(req);
    if (!who) return true;
    const record = await this.storageService.increment(`${throttler.name}:${who}`, ttl, limit, 0, throttler.name ?? this.scope);
    const remaining = Math.max(0, limit - record.totalHits);
    const reset = record.isBlocked ? record.timeToBlockExpire : record.timeToExpire;
    // Both budgets apply: the headers tell of the one closer to running out.
    const shown = res.locals.rateLimitRemaining as number | undefined;
    if (shown === undefined || remaining < shown || record.isBlocked) {
      res.locals.rateLimitRemaining = remaining;
      res.setHeader('RateLimit-Limit', String(limit));
      res.setHeader('RateLimit-Remaining', String(remaining));
      res.setHeader('RateLimit-Reset', String(reset));
      res.setHeader('RateLimit-Policy', `${limit};w=${Math.round(ttl / 1000)};comment="writes per ${this.scope}"`);
    }
    if (!record.isBlocked) return true;
    const detail =
      this.scope === 'user'
        ? `You have made ${limit} changes within a minute, the most one person may. Try again in ${reset} s.`
        : `${limit} changes within a minute came from your network address, the most allowed. Try again in ${reset} s.`;
    const { problem } = ProblemException.of(429, 'too-many-requests', detail, { code: `rate-limit.${this.scope}`, retryAfter: reset });
    throw new ProblemException(problem, { 'Retry-After': String(reset) });
  }
}

/** The client's address (behind TRUST_PROXY proxies, the one they name); IPv6 clients by their /64 network. */
@Injectable()
export class AddressWriteLimitGuard extends WriteLimitGuard {
  protected readonly scope = 'address' as const;

  protected tracker(req: AuthenticatedRequest): string {
    return normalizeIp(req.ip ?? req.socket.remoteAddress ?? 'unknown', this.ipv6SubnetPrefix) ?? 'unknown';
  }
}

/** The token's subject within its organisation; runs after the bearer token is verified. */
@Injectable()
export class UserWriteLimitGuard extends WriteLimitGuard {
  protected readonly scope = 'user' as const;

  protected tracker(req: AuthenticatedRequest): string {
    return req.actor ? `${req.actor.organisation}:${req.actor.subject}` : '';
  }
}

/**
 * The throttler module and its two global guards; none when RATE_LIMIT=off. The guards come apart so the
 * application places them around the bearer-token guard: `beforeAuth` (address), `afterAuth` (user).
 */
export function rateLimiting(config: AppConfig['rateLimit']): { imports: DynamicModule[]; beforeAuth: Provider[]; afterAuth: Provider[] } {
  if (!config.enabled) return { imports: [], beforeAuth: [], afterAuth: [] };
  const throttlers = [
    { name: 'address', ttl: WINDOW_MS, limit: config.writesPerMinuteAddress },
    { name: 'user', ttl: WINDOW_MS, limit: config.writesPerMinuteUser },
  ];
  return {
    imports: [ThrottlerModule.forRoot({ throttlers, storage: new FixedWindowStorage(), setHeaders: false })],
    beforeAuth: [{ provide: APP_GUARD, useClass: AddressWriteLimitGuard }],
    afterAuth: [{ provide: APP_GUARD, useClass: UserWriteLimitGuard }],
  };
}
