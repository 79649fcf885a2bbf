// Who is calling: every command and query carries an Actor taken from a verified bearer JWT.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { AppConfig } from './config.js';

export const ROLES = ['employee', 'change-agent', 'org-editor', 'juror', 'jury-chair', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export interface Actor {
  /** Subject of the token: a pseudonymous id issued by the identity provider. */
  subject: string;
  organisation: string;
  roles: Role[];
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean => roles.some((role) => actor.roles.includes(role));

export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

const LOCAL_ALG = 'EdDSA';
const ORGANISATION_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;

interface LocalKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

/** The embedded installation signs its own tokens with a key kept in the data directory. */
export async function loadOrCreateLocalKeys(dataDir: string): Promise<LocalKeys> {
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'jwt-signing-key.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LocalKeys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey, publicKey } = await generateKeyPair(LOCAL_ALG, { crv: 'Ed25519', extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const keys: LocalKeys = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: LOCAL_ALG, use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: LOCAL_ALG, use: 'sig' },
  };
  await mkdir(dir, { recursive: true });
  await writeFile(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return JSON.parse(await readFile(file, 'utf8')) as LocalKeys;
}

export interface TokenRequest {
  subject: string;
  organisation: string;
  roles: Role[];
  ttlSeconds?: number;
}

export async function signLocalToken(keys: LocalKeys, config: AppConfig['auth'], request: TokenRequest): Promise<string> {
  const key = await importJWK(keys.privateJwk, LOCAL_ALG);
  return new SignJWT({ [config.organisationClaim]: request.organisation, [config.rolesClaim]: request.roles })
    .setProtectedHeader({ alg: LOCAL_ALG, kid: keys.privateJwk.kid })
    .setSubject(request.subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 12 * 3600}s`)
    .sign(key);
}

function claimPath(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), payload);
}

/** How many verified tokens are remembered, and for how long at most (never past the token's own expiry). */
const VERIFIED_CACHE_SIZE = 10_000;
const VERIFIED_CACHE_MS = 5 * 60_000;

/**
 * Verifies bearer tokens and maps their claims to an Actor. A token verified once is remembered (its actor and
 * expiry) for a few minutes, so the signature check, the costliest step of a request, runs once per token and
 * not once per call: a person's page sends the same token with every request. Nothing is trusted longer than
 * without the cache: an expired token is refused at once, and a remembered one is dropped at its expiry.
 */
export class TokenVerifier {
  private readonly verified = new Map<string, { actor: Actor; until: number }>();

  private constructor(
    private readonly keySet: JWTVerifyGetKey,
    private readonly config: AppConfig['auth'],
  ) {}

  static async create(config: AppConfig): Promise<TokenVerifier> {
    if (config.auth.jwksUrl) {
      // jose caches the key set and refetches it when a token names an unknown kid.
      return new TokenVerifier(
        createRemoteJWKSet(new URL(config.auth.jwksUrl), { cooldownDuration: config.auth.jwksCooldownMs, cacheMaxAge: 10 * 60_000 }),
        config.auth,
      );
    }
    const keys = await loadOrCreateLocalKeys(config.dataDir);
    return new TokenVerifier(createLocalJWKSet({ keys: [keys.publicJwk] }), config.auth);
  }

  async verify(token: string): Promise<Actor> {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known) {
      if (known.until > now) return { ...known.actor, roles: [...known.actor.roles] };
      this.verified.delete(token);
    }
    return this.verifyAfresh(token);
  }

  private remember(token: string, actor: Actor, expiresAt: number | undefined): void {
    const until = Math.min(Date.now() + VERIFIED_CACHE_MS, expiresAt === undefined ? Infinity : expiresAt * 1000);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      // Oldest first (a Map keeps insertion order): drop a tenth at once rather than one per new token.
      let drop = Math.ceil(VERIFIED_CACHE_SIZE / 10);
      for (const key of this.verified.keys()) {
        this.verified.delete(key);
        if (--drop === 0) break;
      }
    }
    this.verified.set(token, { actor: { ...actor, roles: [...actor.roles] }, until });
  }

  private async verifyAfresh(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ['EdDSA', 'ES256', 'ES384', 'RS256', 'RS384', 'RS512', 'PS256'],
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new AuthenticationError(code === 'ERR_JWT_EXPIRED' ? 'The token has expired.' : 'The token is not valid.');
    }
    const organisation = claimPath(payload, this.config.organisationClaim);
    const rawRoles = claimPath(payload, this.config.rolesClaim);
    const roles = (Array.isArray(rawRoles) ? rawRoles : typeof rawRoles === 'string' ? rawRoles.split(/[ ,]+/) : []).filter(isRole);
    if (!payload.sub) throw new AuthenticationError('The token has no subject.');
    if (typeof organisation !== 'string' || !ORGANISATION_RE.test(organisation)) {
      throw new AuthenticationError(`The token has no valid organisation claim "${this.config.organisationClaim}".`);
    }
    const actor = { subject: payload.sub, organisation, roles };
    this.remember(token, actor, payload.exp);
    return actor;
  }
}

/**
 * What every event records about its command: when, who — by keyed pseudonym only, never the token's
 * subject — and the request it came from.
 */
export function commandMetadata(actor: Actor, pseudonym: string, now: Date, requestId: string) {
  return {
    occurredAt: now.toISOString(),
    actor: { subject: pseudonym, organisation: actor.organisation, roles: [...actor.roles] as string[] },
    correlationId: requestId,
    causationId: requestId,
  };
}
