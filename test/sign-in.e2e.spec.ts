// How the pages sign in: GET /api/config, and the development sign-in backed by the local key, which is on only
// with no identity provider configured and outside production.
import { ConfigError, loadConfig } from '#platform';
import { client, startTestApp, type TestApp } from './support/app.js';
import { ideaBody } from './support/ideas-scenarios.js';

const TIMEOUT = 60_000;
const IDP = { AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks', AUTH_ISSUER: 'https://login.example/realms/kunta', AUTH_AUDIENCE: 'kehittamo-api' };

describe('sign-in configuration and the development sign-in', () => {
  describe('embedded default (no identity provider, not production)', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    }, TIMEOUT);
    afterAll(() => app?.close());

    it('tells the pages that the development sign-in is on, without a token', async () => {
      const reply = await client(app.baseUrl)('GET', '/api/config');
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ signIn: { kind: 'development' } });
    });

    it('signs a chosen person in for an organisation with roles, and the API takes the token', async () => {
      const call = client(app.baseUrl);
      const signIn = await call('POST', '/api/development/sign-in', { body: { subject: '  Aino Virtanen ', organisation: 'imatra', roles: ['employee', 'change-agent'] } });
      expect(signIn.status).toBe(200);
      expect(signIn.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 8 * 3600 });
      const claims = JSON.parse(Buffer.from(signIn.body.accessToken.split('.')[1], 'base64url').toString());
      expect(claims).toMatchObject({ sub: 'Aino Virtanen', org: 'imatra', roles: ['employee', 'change-agent'], iss: 'kehittamo-local', aud: 'kehittamo-api' });
      const token = signIn.body.accessToken as string;
      const submitted = await call('POST', '/api/ideas', { token, body: ideaBody() });
      expect(submitted.status).toBe(201);
      expect((await call('GET', '/api/ideas?organisation=imatra', { token })).status).toBe(200);
      // The organisation in the token is the one acted for: another organisation's ideas stay closed.
      expect((await call('GET', '/api/ideas?organisation=lappeenranta', { token })).status).toBe(403);
    });

    it.each([
      [{}, ['subject', 'organisation', 'roles']],
      [{ subject: '', organisation: 'imatra', roles: ['employee'] }, ['subject']],
      [{ subject: 'a\u0007b', organisation: 'imatra', roles: ['employee'] }, ['subject']],
      [{ subject: 'x'.repeat(201), organisation: 'imatra', roles: ['employee'] }, ['subject']],
      [{ subject: 'aino', organisation: 'Imatra', roles: ['employee'] }, ['organisation']],
      [{ subject: 'aino', organisation: 'imatra', roles: [] }, ['roles']],
      [{ subject: 'aino', organisation: 'imatra', roles: ['superuser'] }, ['roles']],
      [{ subject: 'aino', organisation: 'imatra', roles: ['juror', 'juror'] }, ['roles']],
      [{ subject: 'aino', organisation: 'imatra', roles: 'admin' }, ['roles']],
    ])('refuses %j with a problem naming the fields', async (body, fields) => {
      const reply = await client(app.baseUrl)('POST', '/api/development/sign-in', { body });
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect([...new Set(reply.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([...fields].sort());
    });
  });

  describe.each([
    ['in production', { NODE_ENV: 'production' }, { kind: 'none' }, /production/],
    ['with an identity provider', IDP, { kind: 'none' }, /identity provider/],
    ['with an identity provider and the pages\u2019 client', { ...IDP, AUTH_CLIENT_ID: 'kehittamo-pages', AUTH_SCOPES: 'openid profile email' }, { kind: 'oidc', issuer: IDP.AUTH_ISSUER, clientId: 'kehittamo-pages', scopes: 'openid profile email' }, /identity provider/],
    ['in production with an identity provider', { ...IDP, NODE_ENV: 'production', AUTH_CLIENT_ID: 'kehittamo-pages', AUTH_AUTHORITY: 'https://login.example/realms/kunta/' }, { kind: 'oidc', issuer: IDP.AUTH_ISSUER, clientId: 'kehittamo-pages', scopes: 'openid profile' }, /identity provider/],
  ])('%s', (_name, env, signIn, reason) => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ env });
    }, TIMEOUT);
    afterAll(() => app?.close());

    it('refuses the development sign-in with a 403 problem and says how the pages sign in', async () => {
      const call = client(app.baseUrl);
      expect((await call('GET', '/api/config')).body).toEqual({ signIn });
      const reply = await call('POST', '/api/development/sign-in', { body: { subject: 'aino', organisation: 'imatra', roles: ['admin'] } });
      expect(reply.status).toBe(403);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body).toMatchObject({ type: expect.stringContaining('development-sign-in-off'), status: 403, code: 'sign-in.development.off' });
      expect(reply.body.detail).toMatch(reason);
      expect(reply.body).not.toHaveProperty('accessToken');
    });
  });

  it('refuses a pages\u2019 client without an identity provider, and scopes without openid', () => {
    const configError = (env: Record<string, string>) => {
      try {
        loadConfig(env, []);
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
    };
    expect(configError({ AUTH_CLIENT_ID: 'kehittamo-pages' })).toContain('AUTH_CLIENT_ID needs AUTH_JWKS_URL');
    expect(configError({ ...IDP, AUTH_CLIENT_ID: 'kehittamo-pages', AUTH_SCOPES: 'profile' })).toContain('AUTH_SCOPES must include openid');
    expect(configError({ ...IDP, AUTH_CLIENT_ID: 'a b' })).toContain('AUTH_CLIENT_ID must be');
    expect(configError({ ...IDP, AUTH_CLIENT_ID: 'kehittamo-pages' })).toBe('');
  });
});
