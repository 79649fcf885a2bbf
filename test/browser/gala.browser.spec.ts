// The gala from set-up to results, through the pages: the programme admin sets up a season (mistakes said under the
// fields) and runs a Tekoja tiskiin campaign; an editor nominates a deed; the juror scores it and the chair closes
// both rounds in the jury room; the chair is offered the grant form, and the programme admin grants the award; the
// public results page keeps it hidden until the gala and shows it after.
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { newDeedOrg, type DeedOrg } from '../support/deeds-scenarios.js';
import { reflowEverywhere } from './everywhere.js';
import { reflowReport, withAxe } from './reflow.js';
import { publishDeed } from './journeys.js';
import { launch, newPage, screenshot, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any;

const DEED = 'Yhteiset kotihoidon reitit';
const CRITERIA = ['Tulokset ja tuottavuus', 'Rohkeus', 'Henkilöstölähtöisyys', 'Asiakaslähtöisyys', 'Siirrettävyys'];
/** `datetime-local` as the browser (same machine, same zone) shows it. */
const local = (ms: number) => {
  // Typed the Finnish way, as a person here would: 8.12.2026 14.05.09 (local time, with seconds).
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getDate()}.${d.getMonth() + 1}.${d.getFullYear()} ${d.getHours()}.${two(d.getMinutes())}.${two(d.getSeconds())}`;
};
const sleepUntil = async (at: number) => {
  while (Date.now() < at) await new Promise((resolve) => setTimeout(resolve, Math.min(250, at - Date.now())));
};

describe('gala: set-up, nomination, jury, award and results', () => {
  let app: TestApp;
  let browser: Browser;
  let org: DeedOrg;
  const tokens = { admin: '', juror: '', chair: '' };
  const subjects = { juror: '', chair: '' };
  let closesAt = 0;
  let galaAt = 0;
  let campaignEndsAt = 0;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launch();
    org = await newDeedOrg(app, 'gaala');
    // The organisation's editor writes the deed and publishes it on the editor page.
    await publishDeed(browser, app, org.editor, { title: DEED });
    subjects.juror = `${org.name}-tuomari`;
    subjects.chair = `${org.name}-pj`;
    tokens.admin = await app.token(`${org.name}-ohjelma`, 'kunteko', 'admin');
    tokens.juror = await app.token(subjects.juror, 'kunteko', 'juror');
    tokens.chair = await app.token(subjects.chair, 'kunteko', 'jury-chair');
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(token: string, path: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
    const opened = await newPage(browser, { width, height: 1000 });
    await withAxe(opened.page);
    await opened.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), token);
    await opened.page.goto(`${app.baseUrl}${path}`);
    return opened;
  }
  const live = (page: Page) => page.locator('#live');

  it('admin sets up a season with inline validation and runs a campaign', async () => {
    const { page, errors } = await signedIn(tokens.admin, '/gala.html');
    const form = page.locator('#season-setup-form');
    await form.waitFor();
    await form.getByLabel(/^Gaalan nimi/).fill('Kehittämisgaala (luonnos)');
    const now = Date.now();
    closesAt = now + 60_000;
    galaAt = closesAt + 25_000;
    await form.getByLabel(/^Ehdotusaika alkaa/).fill(local(now - 60_000));
    await form.getByLabel(/^Ehdotusaika päättyy/).fill(local(closesAt));
    await form.getByLabel(/^Tekojen julkaisukausi alkaa/).fill(local(now - 86_400_000));
    await form.getByLabel(/^Tekojen julkaisukausi päättyy/).fill(local(now + 86_400_000));
    // The gala before nominations close, no juror, a zero weight: each said under its field.
    await form.getByLabel(/^Gaala \(tulokset/).fill(local(now));
    await form.getByLabel('Paino').nth(1).fill('0');
    await form.getByRole('button', { name: 'Avaa gaala' }).click();
    await live(page).getByText('Tarkista merkityt kentät.').waitFor();
    expect(await page.locator('#e-galaAt').textContent()).toBe('Gaalan pitää olla ehdotusajan päättymisen jälkeen.');
    expect(await page.locator('#e-series_0__jurors').textContent()).toBe('Anna vähintään yksi tuomari.');
    expect(await page.locator('#e-series_0__criteria').textContent()).toBe('Paino on luku 0,01–100.');
    expect(await page.locator('#e-series_0__chair').textContent()).toBe('Kenttä on pakollinen.');
    expect(await page.evaluate(() => document.activeElement.dataset.field)).toBe('galaAt');
    await screenshot(page, 'gala-setup-errors', { docs: true });
    await form.getByLabel(/^Gaala \(tulokset/).fill(local(galaAt));
    await form.getByLabel('Paino').nth(1).fill('2');
    await form.getByLabel(/^Palkintoja/).fill('1');
    await form.getByLabel(/^Jatkoon pitkältä listalta/).fill('1');
    await form.getByLabel('Tuomarin tunnus 1').fill(subjects.juror);
    await form.getByLabel('Organisaatio', { exact: true }).fill('kunteko');
    await form.getByLabel(/^Puheenjohtajan tunnus/).fill(subjects.chair);
    await form.getByRole('button', { name: 'Avaa gaala' }).click();
    await live(page).getByText('Gaala Kehittämisgaala (luonnos) on avattu.').waitFor();

    // The admin edits the season, prefilled: a gala before nominations close is said under its field, as is a
    // weight out of range; then the name and a weight change, and the form shows the saved settings.
    const edit = page.locator('#season-edit-form');
    await edit.waitFor();
    expect(await page.getByLabel('Muokattava gaala').locator('option').allTextContents()).toEqual([`Kehittämisgaala (luonnos) (${new Date().getFullYear()})`]);
    expect(await edit.getByLabel(/^Gaalan nimi/).inputValue()).toBe('Kehittämisgaala (luonnos)');
    expect(await edit.getByLabel('Paino').nth(1).inputValue()).toBe('2');
    expect(await edit.getByText('Tuomareita nyt 1.', { exact: false }).count()).toBe(1);
    await edit.getByLabel(/^Gaalan nimi/).fill('Kehittämisgaala');
    await edit.getByLabel(/^Gaala \(tulokset/).fill(local(now));
    await edit.getByLabel('Paino').nth(0).fill('200');
    await edit.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await live(page).getByText('Tarkista merkityt kentät.').waitFor();
    expect(await page.locator('#e-edit-galaAt').textContent()).toBe('Gaalan pitää olla ehdotusajan päättymisen jälkeen.');
    expect(await page.locator('#e-edit-series_0__criteria').textContent()).toBe('Paino on luku 0,01–100.');
    expect(await page.evaluate(() => document.activeElement.dataset.field)).toBe('galaAt');
    await edit.getByLabel(/^Gaala \(tulokset/).fill(local(galaAt));
    await edit.getByLabel('Paino').nth(0).fill('3');
    await page.evaluate(() => (document.querySelector('#live').textContent = ''));
    await edit.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await live(page).getByText('Gaalan Kehittämisgaala muutokset on tallennettu.').waitFor();
    const saved = page.locator('#season-edit-form');
    expect(await saved.getByLabel(/^Gaalan nimi/).inputValue()).toBe('Kehittämisgaala');
    expect(await saved.getByLabel('Paino').nth(0).inputValue()).toBe('3');
    expect(await page.getByLabel('Muokattava gaala').locator('option').allTextContents()).toEqual([`Kehittämisgaala (${new Date().getFullYear()})`]);
    expect(await page.locator('#e-edit-galaAt').textContent()).toBe('');
    await screenshot(page, 'gala-edit', { docs: true });

    // A campaign: its end before its start is said inline; then one that ends in a moment, closed once it has.
    const campaign = page.locator('#campaign-form');
    await campaign.getByLabel(/^Kampanjan nimi/).fill('Tekoja tiskiin');
    campaignEndsAt = Date.now() + 4_000;
    await campaign.getByLabel(/^Alkaa/).fill(local(Date.now() - 86_400_000));
    await campaign.getByLabel(/^Päättyy/).fill(local(Date.now() - 2 * 86_400_000));
    await campaign.getByRole('button', { name: 'Avaa kampanja' }).click();
    await campaign.getByText('Kampanjan pitää päättyä sen alkamisen jälkeen.').waitFor();
    await campaign.getByLabel(/^Päättyy/).fill(local(campaignEndsAt));
    await campaign.getByRole('button', { name: 'Avaa kampanja' }).click();
    await live(page).getByText('Kampanja Tekoja tiskiin on avattu.').waitFor();
    await sleepUntil(campaignEndsAt + 500);
    await page.getByRole('button', { name: 'Sulje kampanja Tekoja tiskiin' }).click();
    await live(page).getByText(/^Kampanja Tekoja tiskiin on suljettu\./).waitFor();
    await page.locator('li.campaign[data-status="closed"]').waitFor();
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await reflowReport(page)).toEqual({ sideways: 0, clipped: [], targets: [], axe: [] });
    // And at every width of the reflow suite, also with the text spacing of WCAG 1.4.12.
    expect(await reflowEverywhere(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('the editor nominates the deed and the juror scores it', async () => {
    const editor = await signedIn(org.editor, '/nominations.html');
    await editor.page.getByLabel(/^Kehittämisteko/).selectOption({ label: DEED });
    await editor.page.getByLabel(/^Perustelu/).fill('Reitit lyhenivät viidenneksellä, ja malli sopii kaikkiin kuntiin.');
    await editor.page.getByRole('button', { name: 'Lähetä ehdotus' }).click();
    await live(editor.page).getByText('Ehdotus on jätetty.').waitFor();

    const { page, errors } = await signedIn(tokens.juror, '/jury.html');
    const card = page.locator('li.nomination').filter({ hasText: DEED });
    await card.waitFor();
    for (const name of CRITERIA) await card.getByRole('group', { name: new RegExp(`^${name}`) }).getByRole('radio', { name: '5' }).check();
    await card.getByRole('button', { name: 'Tallenna arvio' }).click();
    await live(page).getByText('Arvio tallennettu.').waitFor();
    expect(Date.now()).toBeLessThan(closesAt);
    expect([...editor.errors, ...errors]).toEqual([]);
  }, TIMEOUT);

  it('the chair closes both rounds and the programme admin grants the award; the results page shows it after the gala', async () => {
    await sleepUntil(closesAt + 300);
    const { page, errors } = await signedIn(tokens.chair, '/jury.html');
    const section = page.locator('section[data-role="chair"]');
    for (const done of ['Kierros: lyhyt lista · jatkoon 1', 'Kierros: kierrokset suljettu']) {
      await section.getByLabel('Olen tarkistanut järjestyksen ja ohitukset').check();
      await section.getByRole('button', { name: 'Sulje kierros' }).click();
      await page.waitForFunction(() => document.querySelector('#live').textContent === 'Kierros suljettu.');
      await page.waitForFunction((text) => document.querySelector('section[data-role="chair"] [data-stage]')?.textContent === text, done);
      await page.evaluate(() => (document.querySelector('#live').textContent = ''));
    }

    // The public page before the gala: nothing yet.
    const results = await newPage(browser, { width: 1280, height: 900 });
    await withAxe(results.page);
    await results.page.goto(`${app.baseUrl}/results.html`);
    await results.page.locator('.embargo').getByText(/^Tulokset julkistetaan gaalassa /).waitFor();

    // The chair is offered the grant form of their series; the programme admin, that of every series: the admin grants.
    const chairGala = await signedIn(tokens.chair, '/gala.html');
    const chairGrant = chairGala.page.locator('section.grant');
    await chairGrant.getByRole('heading', { name: 'Kehittämisgaala – Innostavat teot' }).waitFor();
    expect(await chairGrant.getByLabel(/^Ehdokas/).locator('option').allTextContents()).toEqual([DEED]);
    await chairGrant.getByRole('button', { name: 'Myönnä palkinto' }).waitFor();

    const gala = await signedIn(tokens.admin, '/gala.html');
    const grant = gala.page.locator('section.grant', { hasText: 'Kehittämisgaala – Innostavat teot' });
    await grant.getByRole('heading', { name: 'Kehittämisgaala – Innostavat teot' }).waitFor();
    expect(await grant.getByLabel(/^Ehdokas/).locator('option').allTextContents()).toEqual([DEED]);
    await grant.getByLabel(/^Palkinto/).selectOption('winner');
    await grant.getByRole('button', { name: 'Myönnä palkinto' }).click();
    await live(gala.page).getByText(`Palkinto myönnetty: ${DEED} (Voittaja).`).waitFor();
    await screenshot(gala.page, 'gala-grant', { docs: true });

    await sleepUntil(galaAt + 300);
    await results.page.reload();
    const series = results.page.locator('.series-result');
    await series.getByRole('heading', { name: 'Innostavat teot' }).waitFor();
    expect(await series.locator('li').textContent()).toBe(`Voittaja: ${DEED} (${org.name})`);
    await screenshot(results.page, 'gala-results', { docs: true });
    expect(await reflowEverywhere(results.page)).toEqual([]);
    await results.page.setViewportSize({ width: 1280, height: 900 });
    await results.page.getByRole('link', { name: DEED }).click();
    await results.page.locator('#deed-title').getByText(DEED).waitFor();
    expect([...errors, ...chairGala.errors, ...gala.errors, ...results.errors]).toEqual([]);
  }, TIMEOUT);
});
