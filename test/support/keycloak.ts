// Test helpers for suites that need the real Keycloak (infra/keycloak/start.sh): its realm "kehittamo", the test
// people (<organisation>-<role>, password "kehittamo"), tokens by the password grant, and key rotation through the
// admin REST API. Suites never skip: a Keycloak that does not answer is an error, under CI and locally alike.

export const KEYCLOAK_URL = (process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:18080').replace(/\/+$/, '');
export const REALM = 'kehittamo';
export const ISSUER = `${KEYCLOAK_URL}/realms/${REALM}`;
export const CLIENT_ID = 'kehittamo-pages';
export const PASSWORD = 'kehittamo';

/** The API's settings for this Keycloak: what an installation sets to sign in with it. */
export const KEYCLOAK_ENV = {
  AUTH_JWKS_URL: `${ISSUER}/protocol/openid-connect/certs`,
  AUTH_ISSUER: ISSUER,
  AUTH_AUDIENCE: 'kehittamo-api',
  AUTH_CLIENT_ID: CLIENT_ID,
  AUTH_SCOPES: 'openid profile',
};

/** Throws a clear error unless the realm answers (within ~10 s). Call it in `beforeAll`. */
export async function requireKeycloak(): Promise<void> {
  try {
    const res = await fetch(`${ISSUER}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (error) {
    throw new Error(`Keycloak's realm "${REALM}" does not answer at ${ISSUER} (${(error as Error).message}): start it with "bash infra/keycloak/start.sh" (KEYCLOAK_URL sets where it is).`);
  }
}

async function form(url: string, fields: Record<string, string>): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
  const body = await res.json();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** An access token for a test person (password grant of the pages' client; the pages themselves use the code flow). */
export async function passwordToken(username: string): Promise<string> {
  const body = await form(`${ISSUER}/protocol/openid-connect/token`, { grant_type: 'password', client_id: CLIENT_ID, username, password: PASSWORD, scope: 'openid' });
  return body.access_token as string;
}

async function adminToken(): Promise<string> {
  const body = await form(`${KEYCLOAK_URL}/realms/master/protocol/openid-connect/token`, { grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'admin' });
  return body.access_token as string;
}

async function admin(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${KEYCLOAK_URL}/admin/realms/${REALM}${path}`, {
    method,
    headers: { authorization: `Bearer ${await adminToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export const kidOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;

/**
 * Rotates the realm's RS256 signing key as an administrator would: a new generated key provider with a higher
 * priority signs from now on; the providers that signed before are disabled (their keys leave the JWKS).
 * Returns the new key's kid.
 */
export async function rotateSigningKey(): Promise<string> {
  const realm = await admin('GET', '');
  const providers = ((await admin('GET', `/components?type=org.keycloak.keys.KeyProvider`)) as { id: string; providerId: string; name: string; config: Record<string, string[]> }[])
    .filter((p) => p.providerId === 'rsa-generated' && (p.config.algorithm?.[0] ?? 'RS256') === 'RS256' && p.config.enabled?.[0] !== 'false');
  const priority = Math.max(100, ...providers.map((p) => Number(p.config.priority?.[0] ?? 0))) + 100;
  const name = `rotated-${Date.now()}`;
  await admin('POST', '/components', { name, providerId: 'rsa-generated', providerType: 'org.keycloak.keys.KeyProvider', parentId: realm.id, config: { priority: [String(priority)], enabled: ['true'], active: ['true'], algorithm: ['RS256'], keySize: ['2048'] } });
  for (const old of providers) await admin('PUT', `/components/${old.id}`, { ...old, config: { ...old.config, enabled: ['false'], active: ['false'] } });
  const keys = (await admin('GET', '/keys')) as { keys: { kid: string; algorithm: string; providerPriority: number; status: string }[] };
  const rs256 = keys.keys.filter((k) => k.algorithm === 'RS256' && k.status === 'ACTIVE').sort((a, b) => b.providerPriority - a.providerPriority);
  return rs256[0].kid;
}

/** Sets how long the realm's access tokens live (seconds): the renewal tests shorten it, then set it back. */
export async function setAccessTokenLifespan(seconds: number): Promise<void> {
  await admin('PUT', '', { accessTokenLifespan: seconds });
}
