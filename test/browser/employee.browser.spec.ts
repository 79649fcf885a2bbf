// The employee's journey through the intranet widget and the settings page: while typing a new idea they are shown
// a colleague's similar one and support it instead; they send another idea and withdraw a third; a change agent takes
// the supported idea and theirs into review on the board; the bell shows both unread notifications (the supported
// idea's and their own idea's), which they read and mark read; on "My
// settings" they choose e-mail (the missing address is said inline), and download everything held about them.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { reflowEverywhere } from './everywhere.js';
import { reflowReport, withAxe } from './reflow.js';
import { launch, newPage, screenshot, startIntranet, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any;

const ORG = `kannatus-${randomBytes(3).toString('hex')}`;
const intranetPage = (api: string, token: string) => `<!doctype html><html lang="fi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Intranet</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f2f4f7}main{display:grid;grid-template-columns:minmax(0,1fr);gap:16px;padding:16px}
@media (min-width:60em){main{grid-template-columns:minmax(0,1fr) 36rem}}</style></head>
<body><main><section><h1>Ajankohtaista</h1></section>
<idea-widget organisation="${ORG}" unit="hallinto" lang="fi" api="${api}" token="${token}"></idea-widget></main>
<script src="${api}/widget.js"></script></body></html>`;

describe('employee: similar ideas, support, withdraw, notifications and my settings', () => {
  let app: TestApp;
  let browser: Browser;
  let intranet: Awaited<ReturnType<typeof startIntranet>>;
  let token = '';
  const people = { employee: '', colleague: '', agent: '' };
  const previousCors = process.env.CORS_ORIGINS;

  beforeAll(async () => {
    intranet = await startIntranet((api) => intranetPage(api, token));
    process.env.CORS_ORIGINS = intranet.origin;
    app = await startTestApp();
    intranet.setApi(app.baseUrl);
    people.employee = await app.token(`${ORG}-aino`, ORG, 'employee');
    people.colleague = await app.token(`${ORG}-eero`, ORG, 'employee');
    people.agent = await app.token(`${ORG}-agentti`, ORG, 'change-agent');
    browser = await launch();
  }, TIMEOUT);

  afterAll(async () => {
    if (previousCors === undefined) delete process.env.CORS_ORIGINS;
    else process.env.CORS_ORIGINS = previousCors;
    await browser?.close();
    await app?.close();
    await intranet?.close();
  });

  async function intranetAs(who: keyof typeof people, width = 1280): Promise<{ page: Page; errors: string[] }> {
    token = people[who];
    const opened = await newPage(browser, { width, height: 1000 });
    await withAxe(opened.page);
    await opened.page.goto(intranet.origin);
    await opened.page.locator('idea-widget #f-title').waitFor();
    return opened;
  }

  async function submit(page: Page, title: string, description: string) {
    const widget = page.locator('idea-widget');
    await widget.getByLabel(/^Otsikko/).fill(title);
    await widget.getByLabel(/^Kuvaus/).fill(description);
    await widget.getByRole('button', { name: 'Lähetä idea' }).click();
    await widget.locator('#live').getByText('Kiitos! Idea on lähetetty.').waitFor();
  }

  it('is shown a similar idea while typing and supports it instead; sends and withdraws ideas of their own', async () => {
    const colleague = await intranetAs('colleague');
    await submit(colleague.page, 'Yhteinen sähköinen varauskalenteri', 'Kokoustilojen varaaminen vie aikaa, kun jokaisella talolla on oma vihkonsa.');

    const { page, errors } = await intranetAs('employee');
    const widget = page.locator('idea-widget');
    await widget.getByLabel(/^Otsikko/).pressSequentially('Sähköinen varauskalenteri kokoustiloille', { delay: 40 });
    const similar = widget.locator('#similar');
    await similar.getByRole('heading', { name: 'Onko joku jo ehdottanut tätä?' }).waitFor();
    expect(await similar.locator('li').count()).toBe(1);
    expect(await similar.locator('li').textContent()).toContain('Yhteinen sähköinen varauskalenteri · Lähetetty · 0 kannatusta');
    await screenshot(page, 'widget-similar', { docs: true });
    await similar.getByRole('button', { name: 'Kannata ideaa: Yhteinen sähköinen varauskalenteri' }).click();
    await widget.locator('#live').getByText(/^Kannatat ideaa Yhteinen sähköinen varauskalenteri\./).waitFor();
    expect(await similar.getByRole('button', { name: 'Kannatettu: Yhteinen sähköinen varauskalenteri' }).isDisabled()).toBe(true);
    // The phone: the widget with the suggestions reflows and passes axe.
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await reflowReport(page)).toEqual({ sideways: 0, clipped: [], targets: [], axe: [] });
    await page.setViewportSize({ width: 1280, height: 1000 });

    // Instead of the duplicate, two ideas of their own; the second one they think better of.
    await widget.getByLabel(/^Otsikko/).fill('');
    await submit(page, 'Kierrätyspisteet taukotiloihin', 'Taukotiloissa ei voi lajitella biojätettä eikä pahvia.');
    expect(await similar.textContent()).toBe('');
    await submit(page, 'Kahvinkeitin toiseen kerrokseen', 'Kahville joutuu kävelemään toiseen rakennukseen.');
    await widget.getByRole('tab', { name: 'Omat ideani' }).click();
    const mine = widget.locator('li.idea', { hasText: 'Kahvinkeitin toiseen kerrokseen' });
    await mine.getByRole('button', { name: 'Peru idea' }).click();
    expect(await mine.getByRole('button', { name: 'Peru idea' }).getAttribute('aria-expanded')).toBe('true');
    await mine.getByLabel('Miksi perut? (valinnainen)').fill('Keitin löytyi varastosta.');
    await mine.getByRole('button', { name: 'Vahvista peruminen' }).click();
    await widget.locator('#live').getByText('Idea Kahvinkeitin toiseen kerrokseen on peruttu.').waitFor();
    await widget.locator('li.idea', { hasText: 'Kahvinkeitin toiseen kerrokseen' }).locator('.stage', { hasText: 'Peruttu' }).waitFor();
    expect(await widget.locator('li.idea', { hasText: 'Kierrätyspisteet taukotiloihin' }).getByRole('button', { name: 'Peru idea' }).count()).toBe(1);
    expect([...colleague.errors, ...errors]).toEqual([]);
  }, TIMEOUT);

  it('reads the notification that the idea moved on from the bell, then sets how they are told and downloads their data', async () => {
    // The change agent takes the colleague's idea the employee supported into review on the board, then the employee's own.
    const board = await newPage(browser, { width: 1440, height: 900 });
    await board.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), people.agent);
    await board.page.goto(`${app.baseUrl}/board.html`);
    for (const title of ['Yhteinen sähköinen varauskalenteri', 'Kierrätyspisteet taukotiloihin']) {
      await board.page.getByRole('button', { name: title }).click();
      await board.page.getByLabel('Tiimi', { exact: true }).fill('Muutosagentit');
      await board.page.locator('#detail').getByRole('button', { name: 'Ota arvioitavaksi' }).click();
      await board.page.locator('section.column[data-stage="inReview"]').getByText(title).waitFor();
    }

    const { page, errors } = await intranetAs('employee');
    const widget = page.locator('idea-widget');
    const bell = widget.getByRole('button', { name: 'Ilmoitukset 2 lukematonta' });
    await bell.waitFor();
    await bell.click();
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    const feed = widget.locator('#feed');
    const note = feed.locator('li.unread', { hasText: 'Ideasi on nyt arvioitavana' });
    await note.waitFor();
    expect(await note.textContent()).toMatch(/Ideasi .Kierrätyspisteet taukotiloihin. on nyt arvioitavana\./);
    // The idea they supported instead of sending their own moved on too.
    const supported = feed.locator('li.unread', { hasText: 'Tukemasi idea on nyt arvioitavana' });
    await supported.waitFor();
    expect(await supported.textContent()).toMatch(/Tukemasi idea .Yhteinen sähköinen varauskalenteri. on nyt arvioitavana\./);
    await screenshot(page, 'widget-notifications', { docs: true });
    // The bell's name holds its visible text and the count; the open feed passes axe.
    expect((await reflowReport(page)).axe).toEqual([]);
    await supported.getByRole('button', { name: 'Merkitse luetuksi: Tukemasi idea on nyt arvioitavana' }).click();
    await widget.getByRole('button', { name: 'Ilmoitukset 1 lukematonta' }).waitFor();
    await note.getByRole('button', { name: 'Merkitse luetuksi: Ideasi on nyt arvioitavana' }).click();
    await widget.getByRole('button', { name: 'Ilmoitukset', exact: true }).waitFor();
    expect(await feed.locator('li.unread').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelector('idea-widget').shadowRoot.activeElement?.id)).toBe('bell');

    // My settings: the feed, e-mail without an address (said inline), then with one; the data export.
    const settings = await newPage(browser, { width: 320, height: 900 });
    await withAxe(settings.page);
    await settings.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), people.employee);
    await settings.page.goto(`${app.baseUrl}/settings.html`);
    const s = settings.page;
    await s.locator('.note-item.read').getByText('Ideasi on nyt arvioitavana').waitFor();
    await s.locator('.note-item.read').getByText('Tukemasi idea on nyt arvioitavana').waitFor();
    expect(await s.locator('#unread-count').textContent()).toBe('Ei lukemattomia');
    await s.getByLabel('Sähköpostilla').check();
    await s.getByLabel('Kerran päivässä koosteena').check();
    await s.getByLabel('Ideani etenee').uncheck();
    await s.getByRole('button', { name: 'Tallenna asetukset' }).click();
    await s.locator('#live').getByText('Tarkista merkityt kentät.').waitFor();
    expect(await s.locator('#e-email').textContent()).toBe('Kenttä on pakollinen.');
    expect(await s.evaluate(() => document.activeElement.id)).toBe('p-email');
    await s.getByLabel('Sähköpostiosoite').fill('ei-osoite');
    await s.getByRole('button', { name: 'Tallenna asetukset' }).click();
    await s.locator('#e-email').getByText('Tarkista tämä kenttä.').waitFor();
    await s.getByLabel('Sähköpostiosoite').fill('aino.virtanen@example.fi');
    await s.getByRole('button', { name: 'Tallenna asetukset' }).click();
    await s.locator('#live').getByText('Asetukset tallennettu.').waitFor();
    await s.reload();
    await s.locator('#prefs-form').waitFor();
    expect(await s.getByLabel('Sähköpostiosoite').inputValue()).toBe('aino.virtanen@example.fi');
    expect(await s.getByLabel('Kerran päivässä koosteena').isChecked()).toBe(true);
    expect(await s.getByLabel('Ideani etenee').isChecked()).toBe(false);
    await s.getByRole('button', { name: 'Lataa omat tiedot' }).click();
    const file = s.getByRole('link', { name: 'Tallenna tiedosto: kehittamo-omat-tiedot.json' });
    await file.waitFor();
    const [download] = await Promise.all([s.waitForEvent('download'), file.click()]);
    expect(download.suggestedFilename()).toBe('kehittamo-omat-tiedot.json');
    expect(await readFile((await download.path())!, 'utf8')).toContain('Kierrätyspisteet taukotiloihin');
    expect(await reflowReport(s)).toEqual({ sideways: 0, clipped: [], targets: [], axe: [] });
    await screenshot(s, 'settings-phone', { docs: true, fullPage: true });
    expect(await reflowEverywhere(s)).toEqual([]);
    expect([...board.errors, ...errors, ...settings.errors]).toEqual([]);
  }, TIMEOUT);
});
