// Signing in through a real Keycloak's login page (infra/keycloak/start.sh) in Chromium: an employee in the widget
// on an intranet of another origin (a button first, then silently when the Keycloak session exists), a change
// agent on the board, a juror and a chair in the jury room; each signs out.
import type { Browser, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../support/app.js';
import { deedBody } from '../support/deeds-scenarios.js';
import { ideaBody } from '../support/ideas-scenarios.js';
import { CLIENT_ID, ISSUER, KEYCLOAK_ENV, KEYCLOAK_URL, PASSWORD, passwordToken, requireKeycloak, setAccessTokenLifespan } from '../support/keycloak.js';
import { launch, newPage, screenshot, startIntranet, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate callbacks (the test's tsconfig has no DOM library).
declare const sessionStorage: any;

const intranetPage = (api: string) => `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Imatran intranet</title></head>
<body><header><a href="#">Imatran kaupungin intranet</a></header>
<main><h1>Ajankohtaista</h1><idea-widget organisation="imatra" unit="varhaiskasvatus" lang="fi" api="${api}"></idea-widget></main>
<script src="${api}/widget.js"></script></body></html>`;

const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

describe('signing in through Keycloak (real login page)', () => {
  let app: TestApp;
  let browser: Browser;
  let intranet: Awaited<ReturnType<typeof startIntranet>>;
  let seasonId = '';
  const previousCors = process.env.CORS_ORIGINS;

  beforeAll(async () => {
    await requireKeycloak();
    // The intranet on 127.0.0.1 (another port than the API: another origin), the same site as Keycloak here: over
    // plain http a browser sends Keycloak's session cookie (SameSite=Lax without Secure) to the silent sign-in's
    // hidden frame only within one site. Over https Keycloak's cookies are SameSite=None; Secure.
    intranet = await startIntranet((api) => intranetPage(api), { host: '127.0.0.1' });
    process.env.CORS_ORIGINS = intranet.origin;
    app = await startTestApp({ env: KEYCLOAK_ENV });
    intranet.setApi(app.baseUrl);
    browser = await launch();
    const call = client(app.baseUrl);
    // Seeded with Keycloak's own tokens (password grant): the API takes nothing else now.
    const submitted = await call('POST', '/api/ideas', { token: await passwordToken('imatra-employee'), body: ideaBody({ title: 'Yhteiskäyttöautot kotihoitoon' }) });
    expect(submitted.status).toBe(201);
    const deeds: string[] = [];
    for (const org of ['imatra', 'lappeenranta']) {
      const editor = await passwordToken(`${org}-org-editor`);
      const draft = await call('POST', '/api/deeds', { token: editor, body: deedBody({ title: `Kehittämisteko: ${org}` }) });
      expect(draft.status).toBe(201);
      expect((await call('POST', `/api/deeds/${draft.body.id}/publish`, { token: editor })).status).toBe(200);
      deeds.push(draft.body.id);
    }
    const juror = claims(await passwordToken('lappeenranta-juror')).sub as string;
    const chair = claims(await passwordToken('imatra-jury-chair')).sub as string;
    const now = Date.now();
    const season = await call('POST', '/api/award-seasons', {
      token: await passwordToken('imatra-admin'),
      body: {
        year: new Date().getUTCFullYear(),
        name: 'Kehittämisgaala',
        nominationOpensAt: new Date(now - 60_000).toISOString(),
        nominationClosesAt: new Date(now + 3_600_000).toISOString(),
        eligibleFrom: new Date(now - 86_400_000).toISOString(),
        eligibleTo: new Date(now + 86_400_000).toISOString(),
        galaAt: new Date(now + 7_200_000).toISOString(),
        series: [{ kind: 'deeds', awards: 1, shortlistSize: 1, blind: true, jurors: [{ subject: juror, organisation: 'lappeenranta' }], chair }],
      },
    });
    expect(season.status).toBe(201);
    seasonId = season.body.id;
    for (const [i, org] of ['imatra', 'lappeenranta'].entries()) {
      const nominated = await call('POST', `/api/award-seasons/${seasonId}/nominations`, { token: await passwordToken(`${org}-org-editor`), body: { series: 'innostavat-teot', deedId: deeds[i], justification: 'Tulokset on mitattu.' } });
      expect(nominated.status).toBe(201);
    }
  }, TIMEOUT);

  afterAll(async () => {
    if (previousCors === undefined) delete process.env.CORS_ORIGINS;
    else process.env.CORS_ORIGINS = previousCors;
    await browser?.close();
    await app?.close();
    await intranet?.close();
  });

  /** Fills Keycloak's login page (the page must be on it) and waits until it has sent the person back. */
  async function keycloakLogin(page: Page, username: string, options: { screenshot?: string } = {}) {
    await page.waitForURL((url) => url.href.startsWith(KEYCLOAK_URL));
    await page.locator('#username').waitFor();
    if (options.screenshot) await screenshot(page, options.screenshot, { docs: true });
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#kc-login').click();
    await page.waitForURL((url) => !url.href.startsWith(KEYCLOAK_URL));
  }

  it('signs a change agent in on the board through the login page, and out again', async () => {
    const { page, errors } = await newPage(browser, { width: 1280, height: 900 });
    await page.goto(`${app.baseUrl}/board.html?sector=social-and-health`);
    await page.locator('#sign-in').getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await keycloakLogin(page, 'imatra-change-agent', { screenshot: 'keycloak-sign-in' });
    // Back on the board, at the address it left (the query kept, the code and state gone), signed in.
    await page.locator('#sign-in').getByText('Kirjautunut: Ville Imatra (imatra)').waitFor();
    expect(new URL(page.url()).search).toBe('?sector=social-and-health');
    await page.locator('section.column[data-stage="submitted"]').getByText('Yhteiskäyttöautot kotihoitoon').waitFor();
    expect(await page.locator('#sign-in .dev-badge').count()).toBe(0);

    await page.locator('#sign-in').getByRole('button', { name: 'Kirjaudu ulos' }).click();
    // Keycloak ends the session and sends the person back to the board, signed out.
    await page.waitForURL((url) => url.href.startsWith(`${app.baseUrl}/board.html`));
    await page.locator('#sign-in').getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();
    expect(await page.locator('section.column .card').count()).toBe(0);
    // The Keycloak session is gone too: signing in asks for the password again.
    await page.locator('#sign-in').getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.waitForURL((url) => url.href.startsWith(KEYCLOAK_URL));
    await page.locator('#password').waitFor();
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('signs a juror and a chair in to the jury room, each seeing their own part', async () => {
    for (const [username, name, section] of [
      ['lappeenranta-juror', 'Tuomas Lappeenranta (lappeenranta)', 'section[data-role="juror"] li.nomination'],
      ['imatra-jury-chair', 'Kaarina Imatra (imatra)', 'section[data-role="chair"] table'],
    ] as const) {
      const { page, errors } = await newPage(browser, { width: 1280, height: 1100 });
      await page.goto(`${app.baseUrl}/jury.html#season=${seasonId}`);
      await page.locator('#sign-in').getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await keycloakLogin(page, username);
      await page.locator('#sign-in').getByText(`Kirjautunut: ${name}`).waitFor();
      expect(new URL(page.url()).hash).toBe(`#season=${seasonId}`);
      await page.locator(section).first().waitFor();
      await page.locator('#sign-in').getByRole('button', { name: 'Kirjaudu ulos' }).click();
      await page.waitForURL((url) => url.href.startsWith(`${app.baseUrl}/jury.html`));
      await page.locator('#sign-in').getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, TIMEOUT);

  it('signs an employee in to the widget on the intranet: a button first, then silently while the Keycloak session lasts', async () => {
    const { page, errors } = await newPage(browser, { width: 1280, height: 900 });
    await page.goto(intranet.origin);
    const widget = page.locator('idea-widget');
    // No Keycloak session yet: the silent attempt fails quietly and the widget offers a button.
    await widget.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await keycloakLogin(page, 'imatra-employee');
    await widget.getByText('Kirjautunut: Aino Imatra (imatra)').waitFor();
    // Back on the intranet page, without the code and state in its address.
    expect(new URL(page.url()).origin).toBe(intranet.origin);
    expect(new URL(page.url()).search).toBe('');
    await widget.getByLabel('Otsikko').fill('Kuvalliset päiväjärjestykset ryhmiin');
    await widget.getByLabel('Kuvaus').fill('Lapset hahmottavat päivän kulun kuvista.');
    await widget.getByLabel('Toimiala').selectOption('education-and-early-childhood');
    await widget.getByRole('button', { name: 'Lähetä idea' }).click();
    await widget.locator('#live').getByText(/^Kiitos/).waitFor();
    const mine = await client(app.baseUrl)('GET', '/api/ideas?mine=true', { token: await passwordToken('imatra-employee') });
    expect(mine.body.items.map((i: { title: string }) => i.title)).toContain('Kuvalliset päiväjärjestykset ryhmiin');

    // Another tab of the intranet: nothing stored there, but Keycloak knows the person, so no button to press.
    const second = await page.context().newPage();
    await second.goto(intranet.origin);
    await second.locator('idea-widget').getByText('Kirjautunut: Aino Imatra (imatra)').waitFor();
    expect(new URL(second.url()).origin).toBe(intranet.origin);

    // Signing out of the widget forgets its tokens (the intranet's Keycloak session is the intranet's to end).
    await second.locator('idea-widget').getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await second.locator('idea-widget').getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();
    expect(await second.evaluate(() => Object.keys(sessionStorage).filter((k: string) => k.startsWith('oidc.user')).length)).toBe(0);
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('renews the access token silently before it expires, and the board keeps working with the new one', async () => {
    // Tokens of 75 s: the pages renew a minute before expiry, so within some 15 s.
    await setAccessTokenLifespan(75);
    try {
      const { page, errors } = await newPage(browser, { width: 1280, height: 900 });
      await page.goto(`${app.baseUrl}/board.html`);
      await page.locator('#sign-in').getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await keycloakLogin(page, 'imatra-change-agent');
      await page.locator('#sign-in').getByText('Kirjautunut: Ville Imatra (imatra)').waitFor();
      const key = `oidc.user:${ISSUER}:${CLIENT_ID}`;
      const stored = () => page.evaluate((k) => JSON.parse(sessionStorage.getItem(k) ?? '{}').access_token as string | undefined, key);
      const first = await stored();
      expect(first).toBeTruthy();
      await page.waitForFunction((args) => JSON.parse(sessionStorage.getItem(args.k) ?? '{}').access_token !== args.first, { k: key, first }, { timeout: 60_000 });
      const renewed = await stored();
      expect(claims(renewed!).exp).toBeGreaterThan(claims(first!).exp);
      expect(page.url()).toBe(`${app.baseUrl}/board.html`);
      // The board asks again with the renewed token.
      await page.locator('#filters').getByRole('button', { name: 'Näytä' }).click();
      await page.locator('section.column[data-stage="submitted"]').getByText('Yhteiskäyttöautot kotihoitoon').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await setAccessTokenLifespan(300);
    }
  }, TIMEOUT);
});
