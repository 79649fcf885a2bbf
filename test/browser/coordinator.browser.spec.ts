// Coordinator tools: a units CSV with bad cells shown back cell by cell (nothing imported), then a good one; two
// versions of the incentive rules side by side and in the activity report; a programme admin exports and erases a
// person's data (the erasure asks for a confirmation first).
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { newDeedOrg, type DeedOrg } from '../support/deeds-scenarios.js';
import { reflowEverywhere } from './everywhere.js';
import { reflowReport, withAxe } from './reflow.js';
import { submitIdeas } from './journeys.js';
import { launch, newPage, screenshot, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const localStorage: any;

describe('coordinator tools', () => {
  let app: TestApp;
  let browser: Browser;
  let org: DeedOrg;
  let admin = '';

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launch();
    org = await newDeedOrg(app, 'koordinaattori');
    admin = await app.token(`${org.name}-ylla`, 'kunteko', 'admin');
    // An employee sent an idea from the intranet: the activity report counts it, and the person has data to export.
    await submitIdeas(browser, app, org.employee, [{ title: 'Yhteinen sähköinen varauskalenteri', description: 'Jokaisella talolla on oma vihkonsa, ja varaaminen vie aikaa.', unit: 'kirjasto' }]);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(token: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
    const opened = await newPage(browser, { width, height: 1000 });
    await withAxe(opened.page);
    await opened.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), token);
    await opened.page.goto(`${app.baseUrl}/coordinator.html`);
    await opened.page.locator('#units-form').waitFor();
    return opened;
  }
  const live = (page: Page) => page.locator('#live');
  const csv = (text: string) => ({ name: 'yksikot.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

  it('imports unit headcounts, marking each bad cell of a wrong file, and shows rule versions side by side', async () => {
    const { page, errors } = await signedIn(org.editor);
    await page.getByRole('button', { name: 'Tuo henkilömäärät' }).click();
    await page.locator('#e-file').getByText('Valitse ensin tiedosto.').waitFor();

    await page.getByLabel(/^CSV-tiedosto/).setInputFiles(csv('unit,headcount,valid_from,name\nkirjasto,kaksitoista,2026-01-01,Kirjasto\nkotihoito,40,2026-13-01,Kotihoito\nruoka,12\n'));
    await page.getByRole('button', { name: 'Tuo henkilömäärät' }).click();
    await live(page).getByText('Tiedostossa on 3 virhettä; mitään ei tuotu. Virheelliset solut on merkitty alla.').waitFor();
    const bad = (line: number, column: string) => page.locator(`table.csv-preview tr[data-line="${line}"] td[data-column="${column}"]`);
    expect(await bad(2, 'headcount').getAttribute('class')).toBe('bad-cell');
    expect(await bad(2, 'headcount').textContent()).toBe('kaksitoista Henkilömäärä on kokonaisluku 0–1 000 000.');
    expect(await bad(3, 'valid_from').textContent()).toBe('2026-13-01 Anna päivämäärä muodossa VVVV-KK-PP.');
    expect(await bad(3, 'headcount').getAttribute('class')).toBeNull();
    expect(await page.locator('.file-errors li').textContent()).toBe('Rivi 4: Rivillä on eri määrä kenttiä kuin otsikossa.');
    expect(await page.locator('#units-current').textContent()).toBe('Henkilömääriä ei ole tuotu.');
    await screenshot(page, 'coordinator-csv-errors', { docs: true });

    await page.getByLabel(/^CSV-tiedosto/).setInputFiles(csv('unit,headcount,valid_from,name\nkirjasto,12,2026-01-01,Kirjasto\nkotihoito,40,2026-01-01,Kotihoito\n'));
    await page.getByRole('button', { name: 'Tuo henkilömäärät' }).click();
    await live(page).getByText('Tuotu: 2 riviä, joista 2 muuttui.').waitFor();
    expect(await page.locator('table.csv-preview').count()).toBe(0);
    expect(await page.locator('table.units tbody tr').allTextContents()).toEqual(['kirjastoKirjasto122026-01-01', 'kotihoitoKotihoito402026-01-01']);

    // Two versions of the rules: the second doubles the points of an idea.
    await page.getByLabel('Idea lähetetty').fill('1');
    await page.getByLabel('Otettu käyttöön').fill('5');
    await page.getByLabel('Version nimi (valinnainen)').fill('Kevät');
    await page.getByRole('button', { name: 'Julkaise uusi versio' }).click();
    await live(page).getByText('Versio 1 julkaistu; menneet jaksot lasketaan myös sillä.').waitFor();
    await page.getByLabel('Idea lähetetty').fill('2');
    await page.getByLabel('Osallistumisbonus: vähimmäisosuus (0–1)').fill('1.5');
    await page.getByLabel('Osallistumisbonuksen pisteet').fill('10');
    await page.getByRole('button', { name: 'Julkaise uusi versio' }).click();
    await live(page).getByText('Tarkista merkityt kentät.').waitFor();
    expect(await page.locator('#e-bonuses').textContent()).not.toBe('');
    await page.getByLabel('Osallistumisbonus: vähimmäisosuus (0–1)').fill('0.5');
    await page.getByLabel('Version nimi (valinnainen)').fill('Syksy');
    await page.getByRole('button', { name: 'Julkaise uusi versio' }).click();
    await live(page).getByText('Versio 2 julkaistu; menneet jaksot lasketaan myös sillä.').waitFor();
    const versions = page.locator('table.rules-versions');
    expect(await versions.locator('thead th').allTextContents()).toEqual(['', 'Versio 1: Kevät', 'Versio 2: Syksy']);
    expect(await versions.locator('tbody tr', { hasText: 'Idea lähetetty' }).textContent()).toBe('Idea lähetetty12');
    expect(await versions.locator('tbody tr', { hasText: 'Osallistumisbonus' }).textContent()).toBe('Osallistumisbonus (vähintään 50 %)–10');
    await page.locator('table.activity').waitFor();
    expect(await page.locator('table.activity thead th').allTextContents()).toEqual(expect.arrayContaining(['Pisteet v1', 'Pisteet v2']));
    expect(await page.locator('table.activity tbody tr').first().textContent()).toContain('Kirjasto');
    await screenshot(page, 'coordinator-rules', { docs: true, fullPage: true });
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await reflowReport(page)).toEqual({ sideways: 0, clipped: [], targets: [], axe: [] });
    // And at every width of the reflow suite, also with the text spacing of WCAG 1.4.12.
    expect(await reflowEverywhere(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it("lets a programme admin export a person's data and erase it after confirming", async () => {
    const { page, errors } = await signedIn(admin);
    const subject = `${org.name}-employee`;
    await page.getByLabel(/^Henkilön tunnus/).fill(subject);
    await page.getByRole('button', { name: 'Lataa henkilön tiedot' }).click();
    const link = page.getByRole('link', { name: /^Tallenna tiedosto: kehittamo-/ });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(JSON.parse(await readFile((await download.path())!, 'utf8'))).toMatchObject({ erasedAt: null });
    await page.getByRole('button', { name: 'Poista henkilötiedot' }).click();
    await live(page).getByText('Vahvista ensin poisto.').waitFor();
    await page.getByLabel('Olen tarkistanut pyynnön: henkilön tiedot poistetaan pysyvästi').check();
    await page.getByRole('button', { name: 'Poista henkilötiedot' }).click();
    await live(page).getByText('Henkilötiedot poistettu; lukumallit rakennetaan uudelleen.').waitFor();
    expect(errors).toEqual([]);
  }, TIMEOUT);
});
