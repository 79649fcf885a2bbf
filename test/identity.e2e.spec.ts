// Production identity: bearer tokens verified against an identity provider's JWKS (OIDC).
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { AuthenticationError, loadConfig, TokenVerifier } from '#platform';

describe('tokens from an OIDC provider (JWKS)', () => {
  let server: Server;
  let keys: JWK[] = [];
  let fetches = 0;
  let dataDir: string;
  let url: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-jwks-'));
    server = createServer((_req, res) => {
      fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  async function newKey(kid: string) {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  }

  const config = () =>
    loadConfig(
      { DATA_DIR: dataDir, AUTH_JWKS_URL: url, AUTH_ISSUER: 'https://login.example/tenant', AUTH_AUDIENCE: 'api://kehittamo', AUTH_ROLES_CLAIM: 'app.roles', AUTH_ORGANISATION_CLAIM: 'app.org', AUTH_JWKS_COOLDOWN_MS: '0' },
      [],
    );

  function token(privateKey: Parameters<SignJWT['sign']>[0], kid: string, claims: Record<string, unknown> = {}, options: { aud?: string; exp?: string; iss?: string } = {}) {
    return new SignJWT({ app: { roles: ['employee', 'change-agent', 'wizard'], org: 'imatra' }, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('00000000-aaaa-bbbb-cccc-000000000001')
      .setIssuer(options.iss ?? 'https://login.example/tenant')
      .setAudience(options.aud ?? 'api://kehittamo')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? '10m')
      .sign(privateKey);
  }

  it('accepts a valid token and maps configurable claims to the actor (unknown roles dropped)', async () => {
    const first = await newKey('k1');
    keys = [first.publicJwk];
    const verifier = await TokenVerifier.create(config());
    expect(await verifier.verify(await token(first.privateKey, 'k1'))).toEqual({
      subject: '00000000-aaaa-bbbb-cccc-000000000001',
      organisation: 'imatra',
      roles: ['employee', 'change-agent'],
    });
  });

  it('checks the signature of a token once, and still refuses the token from the moment it expires', async () => {
    const first = await newKey('k1');
    keys = [first.publicJwk];
    const verifier = await TokenVerifier.create(config());
    const shortLived = await token(first.privateKey, 'k1', {}, { exp: '2s' });
    const actor = await verifier.verify(shortLived);
    // The answer is a copy: a caller changing it does not change what the next request is told.
    actor.roles.push('admin');
    expect((await verifier.verify(shortLived)).roles).toEqual(['employee', 'change-agent']);
    // A tampered copy of a remembered token is not mistaken for it.
    const [h, p] = shortLived.split('.');
    await expect(verifier.verify(`${h}.${p}.${'A'.repeat(342)}`)).rejects.toBeInstanceOf(AuthenticationError);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    await expect(verifier.verify(shortLived)).rejects.toThrow('The token has expired.');
  });

  it('refuses wrong audience, wrong issuer, expired, wrong signature and alg "none" with 401-class errors', async () => {
    const first = await newKey('k1');
    const stranger = await newKey('k1');
    keys = [first.publicJwk];
    const verifier = await TokenVerifier.create(config());
    const bad = [
      await token(first.privateKey, 'k1', {}, { aud: 'api://other' }),
      await token(first.privateKey, 'k1', {}, { iss: 'https://evil.example' }),
      await token(first.privateKey, 'k1', {}, { exp: '-1m' }),
      await token(stranger.privateKey, 'k1'),
    ];
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', iss: 'https://login.example/tenant', aud: 'api://kehittamo', app: { org: 'imatra', roles: ['admin'] }, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    bad.push(`${header}.${payload}.`);
    for (const jwt of bad) await expect(verifier.verify(jwt)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('follows a key rotation: a token with an unknown kid makes it fetch the key set again', async () => {
    const first = await newKey('k1');
    keys = [first.publicJwk];
    const verifier = await TokenVerifier.create(config());
    await verifier.verify(await token(first.privateKey, 'k1'));
    const fetchesBefore = fetches;
    const second = await newKey('k2');
    keys = [first.publicJwk, second.publicJwk];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const actor = await verifier.verify(await token(second.privateKey, 'k2'));
    expect(actor.organisation).toBe('imatra');
    expect(fetches).toBeGreaterThan(fetchesBefore);
  });
});
