// Configuration comes from the environment only, and is checked once at start-up.
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
  };
  /** Secret for keyed pseudonyms (HMAC); read from the data directory when not given. */
  pseudonymKey?: string;
  /** `run`: this process runs the projections (embedded, single node); `off`: another process does (scale-out). */
  projections: { mode: 'run' | 'off'; batchSize: number; pollMs: number; consistencyWaitMs: number };
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
  const eventStoreKind = env.EVENT_STORE ?? 'postgres';
  if (!['postgres', 'kurrentdb'].includes(eventStoreKind)) problems.push(`EVENT_STORE must be postgres or kurrentdb (got "${eventStoreKind}")`);
  const kurrent = env.KURRENTDB_CONNECTION_STRING;
  if (eventStoreKind === 'kurrentdb' && !kurrent) problems.push('KURRENTDB_CONNECTION_STRING is required when EVENT_STORE=kurrentdb');
  if (kurrent && !/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//.test(kurrent)) problems.push('KURRENTDB_CONNECTION_STRING must start with kurrentdb://, kdb:// or esdb://');
  if (jwksUrl && !env.AUTH_ISSUER) problems.push('AUTH_ISSUER is required when AUTH_JWKS_URL is set');
  if (jwksUrl && !env.AUTH_AUDIENCE) problems.push('AUTH_AUDIENCE is required when AUTH_JWKS_URL is set');
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
    },
    pseudonymKey,
    projections: {
      mode: env.PROJECTIONS === 'off' ? 'off' : 'run',
      batchSize: intVar(env, 'PROJECTION_BATCH_SIZE', 500, 1, 10_000, problems),
      pollMs: intVar(env, 'PROJECTION_POLL_MS', 250, 10, 60_000, problems),
      consistencyWaitMs: intVar(env, 'CONSISTENCY_WAIT_MS', 2_000, 0, 60_000, problems),
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
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
