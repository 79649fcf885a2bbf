// Every page works in Finnish: Finnish headings and labels, and the API's refusals said in Finnish, not in English.
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { launch, newPage, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any;

/** English an untranslated page would show: HTTP titles, class-validator wording, API details. */
const ENGLISH = /\b(Unauthorized|Forbidden|Bad Request|Not Found|must be|should not|the request|token is|Submit|Loading)\b/;

describe('every page in Finnish', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launch();
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function visit(path: string, token?: string): Promise<{ page: Page; errors: string[]; text: () => Promise<string> }> {
    const opened = await newPage(browser);
    if (token !== undefined) await opened.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), token);
    await opened.page.goto(app.baseUrl + path);
    expect(await opened.page.locator('html').getAttribute('lang')).toBe('fi');
    return { ...opened, text: async () => (await opened.page.locator('body').innerText()) as string };
  }

  it.each([
    ['/board.html', 'Muutosagenttien taulu', 'Ideoita ei voitu hakea: Kirjaudu sisään: tunniste puuttuu tai on vanhentunut.'],
    ['/funnel.html', 'Innovaatiosuppilo', 'Suppiloa ei voitu hakea: Kirjaudu sisään: tunniste puuttuu tai on vanhentunut.'],
  ])('%s says in Finnish that a sign-in is needed', async (path, heading, message) => {
    const { page, errors, text } = await visit(path, '');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
    await page.waitForFunction((m) => document.querySelector('#live').textContent === m, message);
    expect(await page.locator('#live').getAttribute('role')).toBe('alert');
    expect(await text()).not.toMatch(ENGLISH);
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('the board and the funnel in Finnish for a change agent', async () => {
    const agent = await app.token('agentti', 'savonlinna', 'change-agent');
    for (const [path, ready] of [['/board.html', 'section.column'], ['/funnel.html', '#charts .chart']]) {
      const { page, errors, text } = await visit(path, agent);
      await page.locator(ready).first().waitFor();
      expect(await text()).not.toMatch(ENGLISH);
      expect(errors).toEqual([]);
    }
  }, TIMEOUT);

  it('Tekojen tori, the jury room, the front page and the widget page in Finnish', async () => {
    const tori = await visit('/tori.html');
    await tori.page.waitForFunction(() => document.querySelector('#count').textContent !== '');
    expect(await tori.page.locator('#count').textContent()).toBe('0 tekoa');
    expect(await tori.text()).not.toMatch(ENGLISH);

    const jury = await visit('/jury.html', '');
    expect(await jury.page.getByRole('heading', { level: 1 }).textContent()).toBe('Tuomariston huone');
    await jury.page.waitForFunction(() => document.querySelector('#live').textContent === 'Ei gaaloja.');
    expect(await jury.text()).not.toMatch(ENGLISH);

    const front = await visit('/');
    expect(await front.page.getByRole('heading', { level: 1 }).textContent()).toBe('Kehittämö');
    expect(await front.page.getByRole('link', { name: 'Tuomariston huone' }).getAttribute('href')).toBe('/jury.html');

    const employee = await app.token('työntekijä', 'savonlinna', 'employee');
    const widget = await visit(`/widget-demo.html#token=${employee}`);
    await widget.page.locator('idea-widget').getByRole('button', { name: 'Lähetä idea' }).click();
    await widget.page.locator('idea-widget').getByText('Tarkista merkityt kentät.').waitFor();
    expect(await widget.page.locator('idea-widget #e-title').textContent()).toBe('Kirjoita vähintään 3 merkkiä.');
    expect(await widget.text()).not.toMatch(ENGLISH);
    for (const opened of [tori, jury, front, widget]) expect(opened.errors).toEqual([]);
  }, TIMEOUT);
});
