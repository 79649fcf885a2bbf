// The API verifies tokens that a real Keycloak issued (infra/keycloak/start.sh) through the realm's JWKS: the
// realm's roles and `org` attribute become the actor, the audience and issuer are checked, and a signing key
// rotated in Keycloak is picked up without a restart. The pages learn from GET /api/config where to sign in.
import { client, startTestApp, type TestApp } from './support/app.js';
import { ideaBody } from './support/ideas-scenarios.js';
import { CLIENT_ID, ISSUER, KEYCLOAK_ENV, KEYCLOAK_URL, kidOf, passwordToken, requireKeycloak, rotateSigningKey } from './support/keycloak.js';

const TIMEOUT = 120_000;

describe('Keycloak-issued tokens (real Keycloak)', () => {
  let app: TestApp;
  let call: ReturnType<typeof client>;

  beforeAll(async () => {
    await requireKeycloak();
    app = await startTestApp({ env: { ...KEYCLOAK_ENV, AUTH_JWKS_COOLDOWN_MS: '0' } });
    call = client(app.baseUrl);
  }, TIMEOUT);
  afterAll(() => app?.close());

  it('tells the pages to sign in at Keycloak, and refuses the development sign-in', async () => {
    expect((await call('GET', '/api/config')).body).toEqual({ signIn: { kind: 'oidc', issuer: ISSUER, clientId: CLIENT_ID, scopes: 'openid profile' } });
    const dev = await call('POST', '/api/development/sign-in', { body: { subject: 'aino', organisation: 'imatra', roles: ['admin'] } });
    expect(dev.status).toBe(403);
  });

  it('takes the realm roles and the org attribute from the token: an employee submits, a change agent of another organisation may not review', async () => {
    const employee = await passwordToken('imatra-employee');
    const submitted = await call('POST', '/api/ideas', { token: employee, body: ideaBody({ title: 'Keycloakin kautta lähetetty idea' }) });
    expect(submitted.status).toBe(201);
    const idea = await call('GET', `/api/ideas/${submitted.body.id}`, { token: employee });
    expect(idea.status).toBe(200);
    expect(idea.body.organisation).toBe('imatra');

    const otherAgent = await passwordToken('lappeenranta-change-agent');
    expect((await call('POST', `/api/ideas/${submitted.body.id}/review`, { token: otherAgent, body: { team: 'Tiimi' } })).status).toBe(403);
    const ownEmployeeOnly = await call('POST', `/api/ideas/${submitted.body.id}/review`, { token: employee, body: { team: 'Tiimi' } });
    expect(ownEmployeeOnly.status).toBe(403);
    const agent = await passwordToken('imatra-change-agent');
    expect((await call('POST', `/api/ideas/${submitted.body.id}/review`, { token: agent, body: { team: 'Tiimi' } })).status).toBe(200);
  }, TIMEOUT);

  it('refuses tokens of another issuer or audience, and the local key\u2019s tokens', async () => {
    // The master realm's admin-cli token: another issuer, no kehittamo-api audience.
    const res = await fetch(`${KEYCLOAK_URL}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'admin' }),
    });
    const foreign = ((await res.json()) as { access_token: string }).access_token;
    const reply = await call('GET', '/api/ideas?organisation=imatra', { token: foreign });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('GET', '/api/ideas?organisation=imatra', { token: await app.token('aino', 'imatra', 'employee') })).status).toBe(401);
  });

  it('verifies tokens signed with a key rotated in Keycloak, fetching the JWKS again for the new kid', async () => {
    const before = await passwordToken('imatra-change-agent');
    expect((await call('GET', '/api/ideas?organisation=imatra', { token: before })).status).toBe(200);
    const kid = await rotateSigningKey();
    expect(kid).not.toBe(kidOf(before));
    const after = await passwordToken('imatra-change-agent');
    expect(kidOf(after)).toBe(kid);
    const reply = await call('GET', '/api/ideas?organisation=imatra', { token: after });
    expect(reply.status).toBe(200);
    expect(reply.body.items.length).toBeGreaterThan(0);
    // The old key has left the realm's JWKS.
    const jwks = (await (await fetch(KEYCLOAK_ENV.AUTH_JWKS_URL)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toContain(kid);
    expect(jwks.keys.map((k) => k.kid)).not.toContain(kidOf(before));
  }, TIMEOUT);
});
