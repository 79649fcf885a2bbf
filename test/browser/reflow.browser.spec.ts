// Every page and the intranet widget reflow from a 320 px phone to a desktop (WCAG 2.1 SC 1.4.10), with the demo data:
// no sideways scrolling of the page, no text cut off or drawn over its neighbours, targets of at least 24 × 24 px
// (2.5.8), axe's WCAG 2.1 A/AA rules, and the same again under the 1.4.12 text-spacing overrides.
import { Logger } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { loadDemoData } from '../../apps/api/src/demo-data.js';
import { client, startTestApp, type TestApp } from '../support/app.js';
import { applyTextSpacing, axeViolations, clippedText, sidewaysScroll, smallTargets, WIDTHS, withAxe } from './reflow.js';
import { launch, newPage, screenshot, startIntranet } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any, getComputedStyle: any;

// Loading the demo (some 1,000 idea events and 450 deeds) takes a few minutes on a busy machine.
const SETUP_TIMEOUT = 900_000;
const TIMEOUT = 300_000;
const LONG_TITLE = 'Talvikunnossapidon reittien optimointi GPS-datalla';

/** An intranet page of the organisation that reflows itself: the widget beside the news on wide screens, below on phones. */
const intranetPage = (api: string, token: string, lang: 'fi' | 'sv') => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Imatran intranet</title>
<style>*{box-sizing:border-box}body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f2f4f7;color:#1b1b1b}
h1{font-size:1.6rem;overflow-wrap:anywhere}header{background:#6b1f4a;padding:12px 16px}header a{color:#fff;display:inline-block;padding:4px 0}
main{display:grid;grid-template-columns:minmax(0,1fr);gap:24px;padding:16px}
@media (min-width:60em){main{grid-template-columns:minmax(0,1fr) 34rem;padding:24px}}</style></head>
<body><header><a href="#">Imatran kaupungin intranet</a></header>
<main><section>${lang === 'fi' ? '<h1>Ajankohtaista</h1><p>Kerro ideasi työn parantamiseksi – jokainen idea käsitellään muutosagenttien tiimissä.</p>' : '<h1>Aktuellt</h1><p>Berätta om din idé för att förbättra arbetet – varje idé behandlas av förändringsagenterna.</p>'}</section>
<idea-widget organisation="imatra" unit="viestintä" lang="${lang}" api="${api}" token="${token}"></idea-widget></main>
<script src="${api}/widget.js"></script></body></html>`;

describe('every page reflows from 320 px to a desktop (demo data)', () => {
  let app: TestApp;
  let browser: Browser;
  let intranet: Awaited<ReturnType<typeof startIntranet>>;
  let agent = '';
  let juror = '';
  let chair = '';
  let seasonId = '';
  let deedWithLineage = '';
  /** The intranet's language (and its widget's) for the next visit. */
  let intranetLang: 'fi' | 'sv' = 'fi';
  const previousCors = process.env.CORS_ORIGINS;
  /** Sideways scrolling of the page measured for every page and width, printed at the end. */
  const measured: string[] = [];

  beforeAll(async () => {
    let employee = '';
    intranet = await startIntranet((api) => intranetPage(api, employee, intranetLang));
    process.env.CORS_ORIGINS = intranet.origin;
    app = await startTestApp();
    intranet.setApi(app.baseUrl);
    await loadDemoData(app.runtime, new Logger('Demo'), { waitForProjections: false });
    const head = await app.runtime.store.head();
    expect(await app.runtime.runner.waitFor(head.checkpoint, 300_000)).toBe(true);
    // alice is a change agent in imatra with ideas of her own in the demo.
    agent = await app.token('alice', 'imatra', 'employee', 'change-agent');
    employee = agent;

    // A season in the jury room, with three of the catalogue's newest deeds nominated.
    const call = client(app.baseUrl);
    const deeds = await call('GET', '/api/catalogue/deeds?sort=newest&limit=3');
    expect(deeds.status).toBe(200);
    expect(deeds.body.items).toHaveLength(3);
    const admin = await app.token('ohjelma', 'kunteko', 'admin');
    const start = Date.now();
    const season = await call('POST', '/api/award-seasons', {
      token: admin,
      body: {
        year: new Date().getUTCFullYear(),
        name: `Kehittämisgaala ${new Date().getUTCFullYear()}`,
        nominationOpensAt: new Date(start - 60_000).toISOString(),
        nominationClosesAt: new Date(start + 3_600_000).toISOString(),
        eligibleFrom: new Date(start - 3 * 365 * 86_400_000).toISOString(),
        eligibleTo: new Date(start + 86_400_000).toISOString(),
        galaAt: new Date(start + 7_200_000).toISOString(),
        series: [{ kind: 'deeds', awards: 1, shortlistSize: 2, blind: false, jurors: [{ subject: 'tuomari-1', organisation: 'kunteko' }], chair: 'puheenjohtaja' }],
      },
    });
    expect(season.status).toBe(201);
    seasonId = season.body.id;
    for (const deed of deeds.body.items) {
      const editor = await app.token(`${deed.organisation}-toimittaja`, deed.organisation, 'org-editor');
      const nominated = await call('POST', `/api/award-seasons/${seasonId}/nominations`, { token: editor, body: { series: 'innostavat-teot', deedId: deed.id, justification: 'Tulokset on mitattu ja käytäntö on siirrettävissä muihin kuntiin.' } });
      expect(nominated.status).toBe(201);
    }
    juror = await app.token('tuomari-1', 'kunteko', 'juror');
    chair = await app.token('puheenjohtaja', 'kunteko', 'jury-chair');
    // A deed drafted from an adopted idea: its page shows the idea, the pilot and the result.
    const [fromIdea] = await app.runtime.dataSource.query(`SELECT id FROM deed_entries WHERE source = 'idea' AND status = 'published' ORDER BY id LIMIT 1`);
    expect(fromIdea).toBeDefined();
    deedWithLineage = fromIdea.id;
    browser = await launch();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    if (measured.length) console.log(`Sideways scrolling of the page (px):\n${measured.join('\n')}`);
    if (previousCors === undefined) delete process.env.CORS_ORIGINS;
    else process.env.CORS_ORIGINS = previousCors;
    await browser?.close();
    await app?.close();
    await intranet?.close();
  });

  async function open(width: number, url: string, token = ''): Promise<{ page: Page; errors: string[] }> {
    const opened = await newPage(browser, { width, height: 800 });
    await withAxe(opened.page);
    await opened.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), token);
    await opened.page.goto(url);
    return opened;
  }

  /** The page as it is now passes every check; `what` names the state in the failure message. */
  async function expectReflow(page: Page, what: string, width: number): Promise<void> {
    const sideways = await sidewaysScroll(page);
    measured.push(`  ${String(width).padStart(4)} px  ${what}: ${sideways}`);
    expect({ what, sideways, clipped: await clippedText(page), targets: await smallTargets(page), axe: await axeViolations(page) }).toEqual({ what, sideways: 0, clipped: [], targets: [], axe: [] });
  }

  /** Then with the WCAG 1.4.12 text spacing (line height 1.5, letter 0.12 em, word 0.16 em, paragraph 2 em). */
  async function expectTextSpacing(page: Page, what: string): Promise<void> {
    await applyTextSpacing(page);
    expect({ what: `${what}, text spacing`, sideways: await sidewaysScroll(page), clipped: await clippedText(page) }).toEqual({ what: `${what}, text spacing`, sideways: 0, clipped: [] });
  }

  describe.each(WIDTHS)('%i px wide', (width) => {
    const narrow = width < 768;

    /** On a phone the filters fold behind "Rajaa" and open with it; on wider screens they are in view, with no button. */
    async function expectFilters(page: Page, field: string): Promise<void> {
      const toggle = page.getByRole('button', { name: 'Rajaa' });
      if (!narrow) {
        expect({ toggle: await toggle.isVisible(), field: await page.getByLabel(field, { exact: true }).isVisible() }).toEqual({ toggle: false, field: true });
        return;
      }
      expect({ toggle: await toggle.isVisible(), expanded: await toggle.getAttribute('aria-expanded'), field: await page.getByLabel(field, { exact: true }).isVisible() }).toEqual({ toggle: true, expanded: 'false', field: false });
      await toggle.click();
      await page.getByLabel(field, { exact: true }).waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    }

    it('Tekojen tori: search with facets (folded behind "Rajaa" on a phone), and a deed', async () => {
      const { page, errors } = await open(width, `${app.baseUrl}/tori.html`);
      await page.locator('#results li').first().waitFor();
      await page.locator('#campaigns h3').waitFor();
      expect(await page.locator('#count').textContent()).toMatch(/^\d{3} tekoa$/);
      const toggle = page.getByRole('button', { name: 'Rajaa' });
      const facet = page.getByRole('checkbox').first();
      if (narrow) {
        expect(await toggle.isVisible()).toBe(true);
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        expect(await facet.isVisible()).toBe(false);
        if (width === 375) await screenshot(page, 'phone-tori', { docs: true });
        await expectReflow(page, 'tori, facets folded', width);
        await toggle.click();
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
        await facet.waitFor();
        // A chosen facet shows on the button, so it is not forgotten once the facets are folded again.
        const chosen = page.locator(`[id="${await facet.getAttribute('id')}"]`);
        await chosen.check();
        await page.getByRole('button', { name: 'Rajaa (1 valittu)' }).waitFor();
        if (width === 375) await screenshot(page, 'phone-tori-facets', { docs: true });
        await expectReflow(page, 'tori, facets open', width);
        await chosen.uncheck();
        await page.getByRole('button', { name: 'Rajaa', exact: true }).waitFor();
      } else {
        // Beside the results, no button needed.
        expect(await toggle.isVisible()).toBe(false);
        expect(await facet.isVisible()).toBe(true);
        await expectReflow(page, 'tori', width);
      }
      await expectTextSpacing(page, 'tori');

      await page.goto(`${app.baseUrl}/tori.html#deed/${deedWithLineage}`);
      await page.locator('#deed-title').waitFor();
      expect(await page.locator('#deed').textContent()).toContain('Taustalla');
      await expectReflow(page, 'tori, a deed', width);
      await expectTextSpacing(page, 'tori, a deed');
      expect(errors).toEqual([]);
    }, TIMEOUT);

    it('the change-agent board: the columns scroll in their own region on a phone and fill the width on a desktop; an idea open', async () => {
      const { page, errors } = await open(width, `${app.baseUrl}/board.html`, agent);
      await page.locator('.card').first().waitFor();
      const card = page.locator('.card-open', { hasText: LONG_TITLE });
      expect(await card.count()).toBe(1);
      const region = page.getByRole('region', { name: 'Ideat vaiheittain' });
      const geometry = () =>
        page.evaluate(() => {
          const board = document.querySelector('#board');
          const main = document.querySelector('main');
          const padding = parseFloat(getComputedStyle(main).paddingLeft) + parseFloat(getComputedStyle(main).paddingRight);
          return { scrolls: board.scrollWidth > board.clientWidth + 1, width: board.clientWidth, room: main.clientWidth - padding, scrollLeft: board.scrollLeft };
        });
      const next = page.getByRole('button', { name: 'Seuraava vaihe' });
      let shape = await geometry();
      if (width === 375) await screenshot(page, 'phone-board', { docs: true });
      await expectFilters(page, 'Yksikkö');
      if (width <= 768) {
        // The columns scroll inside the board, which says so above it and moves a column at a time with its buttons.
        expect(shape.scrolls).toBe(true);
        expect(await page.locator('#board-hint').isVisible()).toBe(true);
        expect(await region.getAttribute('tabindex')).toBe('0');
        expect(await page.getByRole('button', { name: 'Edellinen vaihe' }).getAttribute('aria-disabled')).toBe('true');
        await next.click();
        await page.waitForFunction(() => document.querySelector('#board').scrollLeft > 100);
        await page.waitForFunction(() => document.querySelector('#board-prev').getAttribute('aria-disabled') === 'false');
        await page.evaluate(() => document.querySelector('#board').scrollTo({ left: 0, behavior: 'instant' }));
      } else {
        // A desktop: all five columns in view, across the whole width.
        expect(shape.scrolls).toBe(false);
        expect(await page.locator('#board-nav').isVisible()).toBe(false);
        expect(shape.width).toBeGreaterThanOrEqual(shape.room - 2);
      }
      await expectReflow(page, 'board', width);

      // An idea's detail: beside the board on a desktop, below it on a phone; the board goes on scrolling in its region.
      await card.click();
      await page.locator('#detail-title').waitFor();
      expect(await page.locator('#detail-title').textContent()).toBe(LONG_TITLE);
      shape = await geometry();
      if (width === 1280) expect(shape.width).toBeGreaterThan(shape.room / 2);
      await expectReflow(page, 'board, an idea open', width);
      await expectTextSpacing(page, 'board, an idea open');
      expect(errors).toEqual([]);
    }, TIMEOUT);

    it('the funnel and the front page', async () => {
      const { page, errors } = await open(width, `${app.baseUrl}/funnel.html`, agent);
      await page.locator('#charts .chart').first().waitFor();
      await page.locator('table.activity').waitFor();
      await expectFilters(page, 'Yksikkö');
      await expectReflow(page, 'funnel', width);
      await expectTextSpacing(page, 'funnel');
      await page.goto(`${app.baseUrl}/`);
      await expectReflow(page, 'front page', width);
      await expectTextSpacing(page, 'front page');
      expect(errors).toEqual([]);
    }, TIMEOUT);

    it("the jury room: a juror's nominations and the chair's shortlist", async () => {
      for (const [who, token, ready] of [['juror', juror, 'section[data-role="juror"] li.nomination'], ['chair', chair, 'section[data-role="chair"] table']] as const) {
        const { page, errors } = await open(width, `${app.baseUrl}/jury.html#season=${seasonId}`, token);
        await page.locator(ready).first().waitFor();
        await expectReflow(page, `jury room, ${who}`, width);
        await expectTextSpacing(page, `jury room, ${who}`);
        expect(errors).toEqual([]);
      }
    }, TIMEOUT);

    it('the widget on an intranet page: a new idea, and my ideas with their history; in Swedish too', async () => {
      intranetLang = 'fi';
      const { page, errors } = await open(width, intranet.origin);
      const widget = page.locator('idea-widget');
      await widget.locator('#f-title').waitFor();
      if (width === 375) await screenshot(page, 'phone-widget', { docs: true, fullPage: true });
      await expectReflow(page, 'widget, new idea', width);
      await widget.getByRole('tab', { name: 'Omat ideani' }).click();
      await widget.locator('li.idea').first().waitFor();
      await widget.locator('li.idea details summary').first().click();
      await expectReflow(page, 'widget, my ideas', width);
      await expectTextSpacing(page, 'widget, my ideas');

      // On a Swedish intranet page: Swedish words, Swedish hyphenation.
      intranetLang = 'sv';
      await page.goto(intranet.origin);
      await widget.getByRole('button', { name: 'Skicka idén' }).waitFor();
      await expectReflow(page, 'widget in Swedish', width);
      await expectTextSpacing(page, 'widget in Swedish');

      // The widget's own page on the API's origin.
      await page.goto(`${app.baseUrl}/widget-demo.html#token=${agent}`);
      await widget.locator('#f-title').waitFor();
      await expectReflow(page, 'widget page', width);
      await expectTextSpacing(page, 'widget page');
      expect(errors).toEqual([]);
    }, TIMEOUT);
  });
});
