// The development sign-in on the embedded installation (no identity provider): a clearly marked dialog picks a
// person, an organisation and roles; the API signs the token with its local key. Not offered in production.
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { axeViolations, sidewaysScroll, withAxe } from './reflow.js';
import { submitIdeas } from './journeys.js';
import { launch, newPage, screenshot, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate callbacks (the test's tsconfig has no DOM library).
declare const localStorage: any;

describe('development sign-in (no identity provider)', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launch();
    // An employee of Imatra sent an idea from the widget: the board shows it once signed in.
    await submitIdeas(browser, app, await app.token('eero', 'imatra', 'employee'), [{ title: 'Kokoushuoneiden varauskalenteri', description: 'Jokaisella talolla on oma vihkonsa, ja varaaminen vie aikaa.', unit: 'varhaiskasvatus' }]);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('picks a person, an organisation and roles in a marked dialog, signs in to the board and out again', async () => {
    const { page, errors } = await newPage(browser, { width: 1280, height: 900 });
    await withAxe(page);
    await page.goto(`${app.baseUrl}/board.html`);
    const control = page.locator('#sign-in');
    await control.locator('.dev-badge').getByText('Kehityskirjautuminen').waitFor();
    await control.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kehityskirjautuminen' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Vain kehityskäyttöön');
    expect(await axeViolations(page)).toEqual([]);

    // No role chosen: the API's refusal names the field.
    await dialog.getByLabel('Henkilö', { exact: true }).fill('Ville Virtanen');
    await dialog.getByLabel('Organisaatio', { exact: true }).fill('imatra');
    await dialog.getByLabel('työntekijä', { exact: true }).uncheck();
    await dialog.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await dialog.getByRole('alert').getByText('Kirjautuminen epäonnistui: Roolit').waitFor();

    await dialog.getByLabel('muutosagentti', { exact: true }).check();
    await screenshot(page, 'development-sign-in', { docs: true });
    await dialog.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await dialog.waitFor({ state: 'detached' });
    await control.getByText('Kirjautunut: Ville Virtanen (imatra)').waitFor();
    await page.locator('section.column[data-stage="submitted"]').getByText('Kokoushuoneiden varauskalenteri').waitFor();
    const token = await page.evaluate(() => localStorage.getItem('kehittamo.token'));
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).toMatchObject({ sub: 'Ville Virtanen', org: 'imatra', roles: ['change-agent'], iss: 'kehittamo-local' });

    // The session lasts over a reload; signing out forgets it.
    await page.reload();
    await control.getByText('Kirjautunut: Ville Virtanen (imatra)').waitFor();
    await control.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await control.getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('kehittamo.token'))).toBeNull();
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('fits a phone: the dialog reflows at 320 px, in the widget too', async () => {
    const { page, errors } = await newPage(browser, { width: 320, height: 640 });
    await page.goto(`${app.baseUrl}/jury.html`);
    await page.locator('#sign-in').getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await page.getByRole('dialog', { name: 'Kehityskirjautuminen' }).waitFor();
    expect(await sidewaysScroll(page)).toBe(0);

    await page.goto(`${app.baseUrl}/widget-demo.html`);
    const widget = page.locator('idea-widget');
    await widget.locator('.dev-badge').waitFor();
    await widget.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    const dialog = widget.getByRole('dialog', { name: 'Kehityskirjautuminen' });
    await dialog.waitFor();
    expect(await sidewaysScroll(page)).toBe(0);
    await dialog.getByLabel('Henkilö', { exact: true }).fill('Aino');
    await dialog.getByLabel('Organisaatio', { exact: true }).fill('lappeenranta');
    await dialog.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await widget.getByText('Kirjautunut: Aino (lappeenranta)').waitFor();
    await widget.getByRole('tab', { name: 'Omat ideani' }).click();
    await widget.getByText('Et ole vielä lähettänyt ideoita.').waitFor();
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('is not offered in production', async () => {
    const production = await startTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const { page, errors } = await newPage(browser);
      await page.goto(`${production.baseUrl}/board.html`);
      await page.locator('#sign-in[data-state="none"]').waitFor({ state: 'attached' });
      expect(await page.locator('#sign-in button').count()).toBe(0);
      expect(await page.locator('.dev-badge').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await production.close();
    }
  }, TIMEOUT);
});
