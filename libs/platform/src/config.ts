// Configuration comes from the environment only, and is checked once at start-up.
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export type DatabaseMode = 'embedded' | 'postgres';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  database: { mode: 'embedded' } | { mode: 'postgres'; url: string };
  /** Where events live: the PostgreSQL event store (default) or a KurrentDB server. Read models stay in PostgreSQL. */
  eventStore: { kind: 'postgres' } | { kind: 'kurrentdb'; connectionString: string };
  auth: {
    /** When set, bearer tokens are verified against this JWKS (OIDC); otherwise against the local key. */
    jwksUrl?: string;
    issuer: string;
    audience: string;
    rolesClaim: string;
    organisationClaim: string;
    /** Least time between two fetches of the JWKS (an unknown kid triggers one). */
    jwksCooldownMs: number;
    /**
     * How the pages sign people in. `oidc`: Authorization Code + PKCE at `authority` (AUTH_AUTHORITY, by default
     * AUTH_ISSUER) as the public client AUTH_CLIENT_ID, asking for AUTH_SCOPES. `development`: no identity provider
     * and not production, so the pages offer the development sign-in (tokens signed with the local key).
     * `none`: tokens come from elsewhere (a host page, `npm run token`).
     */
    signIn: { kind: 'oidc'; authority: string; clientId: string; scopes: string } | { kind: 'development' } | { kind: 'none' };
  };
  /** Secret for keyed pseudonyms (HMAC); read from the data directory when not given. */
  pseudonymKey?: string;
  /** `run`: this process runs the projections (embedded, single node); `off`: another process does (scale-out). */
  projections: { mode: 'run' | 'off'; batchSize: number; pollMs: number; consistencyWaitMs: number };
  /** How often ended campaigns are looked for and closed (ms); 0: only an admin closes them. */
  campaigns: { closePollMs: number };
  /** Notifications: mail over SMTP when SMTP_URL is set, otherwise into DATA_DIR/outbox (see docs/notifications.md). */
  notifications: {
    /** `run`: this process delivers mail; `off`: another process does. */
    delivery: 'run' | 'off';
    smtpUrl?: string;
    from: string;
    /** Links in mail point here. */
    publicUrl: string;
    /** Hour (Finnish time, 0–23) after which yesterday's daily digests go out. */
    digestHour: number;
    pollMs: number;
    /** How long a claimed mail is reserved for its sender before another may take it over. */
    leaseMs: number;
    maxAttempts: number;
  };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** `json`: one JSON object a line (for log collectors); `text`: Nest's readable lines. */
  logFormat: 'json' | 'text';
  demo: boolean;
  /** Writes (POST, PUT, PATCH, DELETE) per minute, per user and per client address; reads are not limited. */
  rateLimit: { enabled: boolean; writesPerMinuteUser: number; writesPerMinuteAddress: number };
  /**
   * Which proxies in front of the API are believed about the client address (X-Forwarded-For): `false` (none,
   * the default), a number of hops, or addresses and subnets (`loopback`, `10.0.0.0/8`, …). Express's `trust proxy`.
   */
  trustProxy: false | number | string[];
  /** Origins allowed to call the API from a browser; `organisations` empty: any organisation may write from it. */
  cors: CorsOrigin[];
  /** Uploaded photos, voice notes and videos: the largest accepted of each kind (bytes) and the largest image (pixels). */
  media: { maxBytes: { image: number; audio: number; video: number }; maxImagePixels: number };
}

export interface CorsOrigin {
  origin: string;
  /** The organisations whose intranet this origin is: writes from it must carry a token of one of them. */
  organisations: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function urlVar(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) {
      problems.push(`${name} must be a ${protocols.join(' or ')} URL (got protocol "${url.protocol}")`);
      return undefined;
    }
    return raw;
  } catch {
    problems.push(`${name} is not a valid URL`);
    return undefined;
  }
}

const ORGANISATION = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `https://intra.imatra.fi/` → `https://intra.imatra.fi`; undefined when the text is not a bare web origin. */
function originOf(text: string): string | undefined {
  const value = text.trim().replace(/\/+$/, '');
  try {
    const url = new URL(value);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !value.endsWith('?') && !value.endsWith('#');
    return (url.protocol === 'https:' || url.protocol === 'http:') && bare ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CORS_ORIGINS: a plain comma-separated list (`https://a.fi,https://b.fi`: any organisation), organisations'
 * own lists (`imatra=https://intra.imatra.fi|https://x.imatra.fi;lahti=https://intra.lahti.fi`), or both,
 * separated by `;`.
 */
function corsVar(env: Env, problems: string[]): CorsOrigin[] {
  const byOrigin = new Map<string, Set<string> | 'any'>();
  const add = (raw: string, organisation?: string) => {
    const origin = originOf(raw);
    if (!origin) {
      problems.push(`CORS_ORIGINS: "${raw.trim()}" is not an origin such as https://intranet.imatra.fi (scheme, host and port only)`);
      return;
    }
    const known = byOrigin.get(origin);
    if (organisation === undefined || known === 'any') byOrigin.set(origin, 'any');
    else byOrigin.set(origin, new Set([...(known ?? []), organisation]));
  };
  for (const part of (env.CORS_ORIGINS ?? '').split(';')) {
    if (part.trim() === '') continue;
    const named = /^\s*([^=:/]+?)\s*=(.*)$/.exec(part);
    if (!named) {
      for (const origin of part.split(',')) if (origin.trim() !== '') add(origin);
      continue;
    }
    const [, organisation, list] = named;
    if (!ORGANISATION.test(organisation)) {
      problems.push(`CORS_ORIGINS: "${organisation}" is not an organisation id such as imatra (lower-case letters, digits, hyphens)`);
      continue;
    }
    const origins = list.split(/[|,]/).filter((o) => o.trim() !== '');
    if (origins.length === 0) problems.push(`CORS_ORIGINS: organisation "${organisation}" lists no origins`);
    for (const origin of origins) add(origin, organisation);
  }
  return [...byOrigin].map(([origin, organisations]) => ({ origin, organisations: organisations === 'any' ? [] : [...organisations].sort() }));
}

/** TRUST_PROXY: off (default), a number of proxy hops, or comma-separated addresses/subnets/loopback|linklocal|uniquelocal. */
function trustProxyVar(env: Env, problems: string[]): AppConfig['trustProxy'] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === 'off' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return hops;
    problems.push(`TRUST_PROXY must be off, a number of proxy hops from 1 to 10, or proxy addresses/subnets (got "${raw}")`);
    return false;
  }
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((entry) => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return false;
    const [address, bits, ...rest] = entry.split('/');
    const version = isIP(address);
    if (version === 0 || rest.length > 0) return true;
    return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
  });
  if (bad.length > 0) {
    problems.push(`TRUST_PROXY must be off, a number of proxy hops, or proxy addresses/subnets such as 10.0.0.0/8 or loopback (not "${bad.join('", "')}"); "on" is not accepted: it would believe any client's X-Forwarded-For`);
    return false;
  }
  return entries;
}

export function loadConfig(env: Env = process.env, argv: string[] = process.argv.slice(2)): AppConfig {
  const problems: string[] = [];
  const databaseUrl = urlVar(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  const jwksUrl = urlVar(env, 'AUTH_JWKS_URL', ['https:', 'http:'], problems);
  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of debug, info, warn, error (got "${env.LOG_LEVEL}")`);
  }
  const logFormat = (env.LOG_FORMAT ?? 'text') as AppConfig['logFormat'];
  if (!['json', 'text'].includes(logFormat)) problems.push(`LOG_FORMAT must be json or text (got "${env.LOG_FORMAT}")`);
  if (env.PROJECTIONS !== undefined && !['run', 'off'].includes(env.PROJECTIONS)) problems.push(`PROJECTIONS must be run or off (got "${env.PROJECTIONS}")`);
  const pseudonymKey = env.PSEUDONYM_KEY;
  if (pseudonymKey !== undefined && pseudonymKey.length < 32) {
    problems.push('PSEUDONYM_KEY must be at least 32 characters long');
  }
  if (env.RATE_LIMIT !== undefined && !['on', 'off'].includes(env.RATE_LIMIT)) problems.push(`RATE_LIMIT must be on or off (got "${env.RATE_LIMIT}")`);
  const eventStoreKind = env.EVENT_STORE ?? 'postgres';
  if (!['postgres', 'kurrentdb'].includes(eventStoreKind)) problems.push(`EVENT_STORE must be postgres or kurrentdb (got "${eventStoreKind}")`);
  const kurrent = env.KURRENTDB_CONNECTION_STRING;
  if (eventStoreKind === 'kurrentdb' && !kurrent) problems.push('KURRENTDB_CONNECTION_STRING is required when EVENT_STORE=kurrentdb');
  if (kurrent && !/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//.test(kurrent)) problems.push('KURRENTDB_CONNECTION_STRING must start with kurrentdb://, kdb:// or esdb://');
  if (jwksUrl && !env.AUTH_ISSUER) problems.push('AUTH_ISSUER is required when AUTH_JWKS_URL is set');
  if (jwksUrl && !env.AUTH_AUDIENCE) problems.push('AUTH_AUDIENCE is required when AUTH_JWKS_URL is set');
  const authority = urlVar(env, 'AUTH_AUTHORITY', ['https:', 'http:'], problems);
  if (env.AUTH_CLIENT_ID !== undefined && !/^[\x21-\x7e]{1,255}$/.test(env.AUTH_CLIENT_ID)) problems.push('AUTH_CLIENT_ID must be 1–255 printable characters without spaces');
  if (env.AUTH_CLIENT_ID && !jwksUrl) problems.push('AUTH_CLIENT_ID needs AUTH_JWKS_URL (and AUTH_ISSUER, AUTH_AUDIENCE): the API must verify the tokens the pages get');
  const scopes = (env.AUTH_SCOPES ?? 'openid profile').trim().split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid')) problems.push(`AUTH_SCOPES must include openid (got "${env.AUTH_SCOPES}")`);
  const signIn: AppConfig['auth']['signIn'] =
    jwksUrl && env.AUTH_CLIENT_ID
      ? { kind: 'oidc', authority: (authority ?? env.AUTH_ISSUER ?? '').replace(/\/+$/, ''), clientId: env.AUTH_CLIENT_ID, scopes: scopes.join(' ') }
      : !jwksUrl && env.NODE_ENV !== 'production'
        ? { kind: 'development' }
        : { kind: 'none' };
  const smtpUrl = urlVar(env, 'SMTP_URL', ['smtp:', 'smtps:'], problems);
  if (env.NOTIFICATIONS !== undefined && !['run', 'off'].includes(env.NOTIFICATIONS)) problems.push(`NOTIFICATIONS must be run or off (got "${env.NOTIFICATIONS}")`);
  const mailFrom = env.MAIL_FROM ?? 'Kehittämö <noreply@kehittamo.invalid>';
  if (!/^(?:[^<>@\r\n]*<)?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?$/.test(mailFrom.trim())) problems.push(`MAIL_FROM must be an e-mail address, optionally with a name: "Name <address>" (got "${mailFrom}")`);
  const publicUrl = urlVar(env, 'PUBLIC_URL', ['https:', 'http:'], problems);
  const config: AppConfig = {
    port: intVar(env, 'PORT', 3000, 0, 65535, problems),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    database: databaseUrl ? { mode: 'postgres', url: databaseUrl } : { mode: 'embedded' },
    eventStore: eventStoreKind === 'kurrentdb' && kurrent ? { kind: 'kurrentdb', connectionString: kurrent } : { kind: 'postgres' },
    auth: {
      jwksUrl,
      issuer: env.AUTH_ISSUER ?? 'kehittamo-local',
      audience: env.AUTH_AUDIENCE ?? 'kehittamo-api',
      rolesClaim: env.AUTH_ROLES_CLAIM ?? 'roles',
      organisationClaim: env.AUTH_ORGANISATION_CLAIM ?? 'org',
      jwksCooldownMs: intVar(env, 'AUTH_JWKS_COOLDOWN_MS', 5_000, 0, 600_000, problems),
      signIn,
    },
    pseudonymKey,
    projections: {
      mode: env.PROJECTIONS === 'off' ? 'off' : 'run',
      batchSize: intVar(env, 'PROJECTION_BATCH_SIZE', 500, 1, 10_000, problems),
      pollMs: intVar(env, 'PROJECTION_POLL_MS', 250, 10, 60_000, problems),
      consistencyWaitMs: intVar(env, 'CONSISTENCY_WAIT_MS', 2_000, 0, 60_000, problems),
    },
    campaigns: {
      closePollMs: intVar(env, 'CAMPAIGN_CLOSE_POLL_MS', 60_000, 0, 3_600_000, problems),
    },
    notifications: {
      delivery: env.NOTIFICATIONS === 'off' ? 'off' : 'run',
      smtpUrl,
      from: mailFrom.trim(),
      publicUrl: (publicUrl ?? `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''),
      digestHour: intVar(env, 'NOTIFY_DIGEST_HOUR', 7, 0, 23, problems),
      pollMs: intVar(env, 'NOTIFY_POLL_MS', 1_000, 10, 600_000, problems),
      leaseMs: intVar(env, 'NOTIFY_LEASE_MS', 120_000, 1_000, 3_600_000, problems),
      maxAttempts: intVar(env, 'NOTIFY_MAX_ATTEMPTS', 8, 1, 100, problems),
    },
    logLevel,
    logFormat,
    demo: argv.includes('--demo'),
    rateLimit: {
      enabled: env.RATE_LIMIT !== 'off',
      writesPerMinuteUser: intVar(env, 'RATE_LIMIT_WRITES_PER_MINUTE_USER', 60, 1, 1_000_000_000, problems),
      writesPerMinuteAddress: intVar(env, 'RATE_LIMIT_WRITES_PER_MINUTE_ADDRESS', 600, 1, 1_000_000_000, problems),
    },
    trustProxy: trustProxyVar(env, problems),
    cors: corsVar(env, problems),
    media: {
      maxBytes: {
        image: intVar(env, 'MEDIA_MAX_IMAGE_MB', 15, 1, 1024, problems) * 1_048_576,
        audio: intVar(env, 'MEDIA_MAX_AUDIO_MB', 30, 1, 4096, problems) * 1_048_576,
        video: intVar(env, 'MEDIA_MAX_VIDEO_MB', 200, 1, 4096, problems) * 1_048_576,
      },
      maxImagePixels: intVar(env, 'MEDIA_MAX_IMAGE_PIXELS', 40_000_000, 1, 268_435_456, problems),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
