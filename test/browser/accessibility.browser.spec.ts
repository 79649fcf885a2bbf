// WCAG 2.1 AA on every page, in Finnish, Swedish and English: axe finds nothing in each page's main states (empty,
// filled, an error shown, a detail or dialog open); the board and the jury room work with the keyboard alone, with a
// visible focus; organisations show by name; the language switch is remembered; the accessibility statement is
// linked from every page's footer.
import type { Browser, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../support/app.js';
import { deedsApi, newDeedOrg, programmeAdmin, type DeedOrg } from '../support/deeds-scenarios.js';
import { ideaBody } from '../support/ideas-scenarios.js';
import { expectNoViolations, withAxe } from './axe.js';
import { launch, newPage, screenshot, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any, getComputedStyle: any;

const LANGS = ['fi', 'sv', 'en'] as const;
/** The pages' names in their links, as the header and the front page show them. */
const NAV: Record<string, Record<(typeof LANGS)[number], string>> = {
  '/': { fi: 'Etusivu', sv: 'Startsida', en: 'Home' },
  '/editor.html': { fi: 'Tekojen toimitus', sv: 'Redigering av insatser', en: 'Deed editor' },
  '/nominations.html': { fi: 'Gaalaehdotukset', sv: 'Nomineringar till galan', en: 'Gala nominations' },
  '/gala.html': { fi: 'Gaalan hallinta', sv: 'Administration av galan', en: 'Gala administration' },
  '/results.html': { fi: 'Gaalan tulokset', sv: 'Galans resultat', en: 'Gala results' },
  '/coordinator.html': { fi: 'Koordinaattorin työkalut', sv: 'Koordinatorns verktyg', en: 'Coordinator tools' },
  '/settings.html': { fi: 'Omat asetukset', sv: 'Mina inställningar', en: 'My settings' },
  '/tori.html': { fi: 'Tekojen tori', sv: 'Tekojen tori (insatstorget)', en: 'Tekojen tori (deeds catalogue)' },
  '/jury.html': { fi: 'Tuomaristo', sv: 'Juryn', en: 'Jury' },
  '/funnel.html': { fi: 'Suppilo', sv: 'Tratten', en: 'Funnel' },
};
type Lang = (typeof LANGS)[number];
const SERIES = 'innostavat-teot';
const sheet = (n: number) => ({ results: n, boldness: n, 'staff-driven': n, customer: n, transferability: n });

describe('accessibility and languages', () => {
  let app: TestApp;
  let browser: Browser;
  let imatra: DeedOrg;
  let lahti: DeedOrg;
  let agent: string;
  let emptyAgent: string;
  let juror: string;
  let chair: string;
  let stranger: string;
  let employee: string;
  let ideaTitle: string;
  let deedId: string;
  let seasonId: string;
  let programmeAdminToken: string;
  const nominations: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launch();
    const call = client(app.baseUrl);
    const deeds = deedsApi(app);
    const admin = await programmeAdmin(app);
    programmeAdminToken = admin;
    imatra = await newDeedOrg(app, 'imatra');
    lahti = await newDeedOrg(app, 'lahti');
    // The organisations are registered with their names: pages show these, never the ids.
    for (const [org, names] of [
      [imatra, { fi: 'Imatran kaupunki', sv: 'Imatra stad', en: 'City of Imatra' }],
      [lahti, { fi: 'Lahden kaupunki', sv: 'Lahtis stad' }],
    ] as const) {
      expect((await call('POST', '/api/organisations', { token: admin, body: { id: org.name, names, kind: 'municipality' } })).status).toBe(201);
    }
    agent = imatra.agent;
    emptyAgent = (await newDeedOrg(app, 'tyhja')).agent;
    employee = imatra.employee;
    ideaTitle = 'Yhteinen sähköinen varauskalenteri';
    for (const title of [ideaTitle, 'Kouluruokalan hävikkiseuranta', 'Kotihoidon reittien optimointi']) {
      expect((await call('POST', '/api/ideas', { token: imatra.employee, body: ideaBody({ title }) })).status).toBe(201);
    }
    deedId = await deeds.published(imatra, { title: 'Ikäihmisten digituki kirjastossa' });
    const lahtiDeed = await deeds.published(lahti, { title: 'Siivousreittien uudistus' });
    const now = Date.now();
    await deeds.openCampaign(admin, { name: 'Tekoja tiskiin', startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() });

    // A season whose nominations are open: the juror scores, the chair follows.
    juror = await app.token('a11y-juror', 'kunteko', 'juror');
    chair = await app.token('a11y-chair', 'kunteko', 'jury-chair');
    stranger = await app.token('a11y-stranger', 'kunteko', 'employee');
    const opened = await call('POST', '/api/award-seasons', {
      token: admin,
      body: {
        year: new Date().getUTCFullYear(),
        name: `Kehittämisgaala ${new Date().getUTCFullYear()}`,
        nominationOpensAt: new Date(now - 60_000).toISOString(),
        nominationClosesAt: new Date(now + 3_600_000).toISOString(),
        eligibleFrom: new Date(now - 86_400_000).toISOString(),
        eligibleTo: new Date(now + 86_400_000).toISOString(),
        galaAt: new Date(now + 7_200_000).toISOString(),
        series: [{ kind: 'deeds', awards: 1, shortlistSize: 1, jurors: [{ subject: 'a11y-juror', organisation: 'kunteko' }], chair: 'a11y-chair' }],
      },
    });
    expect(opened.status).toBe(201);
    seasonId = opened.body.id;
    for (const [editor, id] of [[imatra.editor, deedId], [lahti.editor, lahtiDeed]] as const) {
      const nominated = await call('POST', `/api/award-seasons/${seasonId}/nominations`, { token: editor, body: { series: SERIES, deedId: id, justification: 'Tulokset mitattu.' } });
      expect(nominated.status).toBe(201);
      nominations.push(nominated.body.id);
    }
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A page in a language, signed in with `token` (none: signed out), with axe ready. */
  async function open(path: string, lang: Lang, token?: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
    const opened = await newPage(browser, { width, height: 900 });
    await withAxe(opened.page);
    await opened.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t ?? ''), token ?? '');
    const [base, hash] = path.split('#');
    await opened.page.goto(`${app.baseUrl}${base}${base.includes('?') ? '&' : '?'}lang=${lang}${hash ? `#${hash}` : ''}`);
    expect(await opened.page.locator('html').getAttribute('lang')).toBe(lang);
    return opened;
  }

  const live = (page: Page) => page.locator('#live');
  const text = (page: Page) => page.locator('body').innerText() as Promise<string>;

  describe.each(LANGS)('in %s', (lang) => {
    it('the front page, the accessibility statement and the widget page', async () => {
      const front = await open('/', lang);
      await expectNoViolations(front.page, `${lang} front page`);
      // The front page's links to the programme pages, in its language.
      for (const href of ['/editor.html', '/nominations.html', '/gala.html', '/coordinator.html', '/results.html', '/settings.html']) {
        const name = NAV[href][lang];
        expect(await front.page.locator('main').getByRole('link', { name, exact: true }).getAttribute('href')).toBe(lang === 'fi' ? href : `${href}?lang=${lang}`);
      }
      const link = front.page.locator('footer a');
      expect(await link.textContent()).toBe({ fi: 'Saavutettavuusseloste', sv: 'Tillgänglighetsutlåtande', en: 'Accessibility statement' }[lang]);
      await link.click();
      await front.page.locator('#statement h2').first().waitFor();
      expect(await front.page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await front.page.getByRole('heading', { level: 1 }).textContent()).toBe({ fi: 'Saavutettavuusseloste', sv: 'Tillgänglighetsutlåtande', en: 'Accessibility statement' }[lang]);
      await expectNoViolations(front.page, `${lang} accessibility statement`);

      const widget = await open(`/widget-demo.html#token=${employee}`, lang);
      await widget.page.locator('idea-widget button[type=submit]').waitFor();
      await expectNoViolations(widget.page, `${lang} widget, empty`);
      await widget.page.locator('idea-widget button[type=submit]').click();
      await widget.page.locator('idea-widget [aria-invalid=true]').first().waitFor();
      await expectNoViolations(widget.page, `${lang} widget, errors shown`);
      for (const o of [front, widget]) expect(o.errors).toEqual([]);
    }, TIMEOUT);

    it('the programme pages: deed editor, nominations, gala, coordinator tools, my settings, gala results', async () => {
      for (const [path, token] of [
        ['/editor.html', imatra.editor],
        ['/nominations.html', imatra.editor],
        ['/gala.html', programmeAdminToken],
        ['/coordinator.html', imatra.editor],
        ['/settings.html', employee],
        ['/results.html', undefined],
      ] as const) {
        const { page, errors } = await open(path, lang, token);
        await page.waitForLoadState('networkidle');
        await page.waitForFunction(() => (document.querySelector('#page-title')?.textContent ?? '').trim().length > 0);
        expect(await page.locator('footer a').textContent()).toBe({ fi: 'Saavutettavuusseloste', sv: 'Tillgänglighetsutlåtande', en: 'Accessibility statement' }[lang]);
        // The header's links to the other pages are in the page's language too, and keep it.
        const nav = page.locator('header nav a');
        const hrefs = (await nav.evaluateAll((links: any[]) => links.map((a) => a.getAttribute('href')))) as string[];
        expect(await nav.allTextContents()).toEqual(hrefs.map((href) => NAV[href.split('?')[0]][lang]));
        if (lang !== 'fi') expect(hrefs.every((href) => href.endsWith(`lang=${lang}`))).toBe(true);
        expect(await page.locator('header nav').getAttribute('aria-label')).toBe({ fi: 'Sivut', sv: 'Sidor', en: 'Pages' }[lang]);
        await expectNoViolations(page, `${lang} ${path}`);
        expect(errors).toEqual([]);
        await page.close();
      }
    }, TIMEOUT);

    it('the board: empty, filled, an error shown, an idea open', async () => {
      const empty = await open('/board.html', lang, emptyAgent);
      await empty.page.locator('section.column').first().waitFor();
      await expectNoViolations(empty.page, `${lang} board, empty`);

      const signedOut = await open('/board.html', lang);
      await signedOut.page.waitForFunction(() => document.querySelector('#live').getAttribute('role') === 'alert');
      await expectNoViolations(signedOut.page, `${lang} board, error`);

      const { page, errors } = await open('/board.html', lang, agent);
      await page.getByRole('button', { name: ideaTitle }).waitFor();
      // The organisation by its name, in the page's language.
      expect(await page.locator('#board-org').textContent()).toContain({ fi: 'Imatran kaupunki', sv: 'Imatra stad', en: 'City of Imatra' }[lang]);
      expect(await page.locator('section.column h2').first().textContent()).toContain({ fi: 'Lähetetty', sv: 'Inskickad', en: 'Submitted' }[lang]);
      await expectNoViolations(page, `${lang} board, filled`);
      await page.getByRole('button', { name: ideaTitle }).click();
      await page.locator('#detail-title').waitFor();
      await expectNoViolations(page, `${lang} board, idea open`);
      if (lang === 'sv') await screenshot(page, 'board-sv', { docs: true });
      // The review form's field error, in the page's language.
      const team = page.locator('#a-team');
      await team.fill('x'.repeat(150));
      await page.locator('#detail form.action button[type=submit]').first().click();
      await page.locator('#a-team-err:not(:empty)').waitFor();
      expect(await page.locator('#a-team-err').textContent()).toBe({ fi: 'Enintään 100 merkkiä.', sv: 'Högst 100 tecken.', en: 'At most 100 characters.' }[lang]);
      await expectNoViolations(page, `${lang} board, field error`);
      for (const o of [empty, signedOut]) expect(o.errors).toEqual([]);
      expect(errors).toEqual([]);
    }, TIMEOUT);

    it('the funnel: empty, filled with its charts as tables, an error shown', async () => {
      const empty = await open('/funnel.html', lang, emptyAgent);
      await empty.page.locator('#charts .chart').first().waitFor();
      await expectNoViolations(empty.page, `${lang} funnel, empty`);

      const { page, errors } = await open('/funnel.html', lang, agent);
      await page.locator('#charts .chart').first().waitFor();
      expect(await live(page).textContent()).toBe({ fi: 'Imatran kaupunki: 3 ideaa', sv: 'Imatra stad: 3 idéer', en: 'City of Imatra: 3 ideas' }[lang]);
      // Every chart has its figures as a table too.
      expect(await page.locator('#charts section.chart').count()).toBe(await page.locator('#charts section.chart:has(table)').count());
      // The organisation to look at is chosen by name.
      expect(await page.locator('#organisation option').allTextContents()).toEqual(expect.arrayContaining([{ fi: 'Imatran kaupunki', sv: 'Imatra stad', en: 'City of Imatra' }[lang]]));
      await expectNoViolations(page, `${lang} funnel, filled`);
      // Days are typed the Finnish way; one that is no day is named under its field.
      await page.locator('#from').fill('1.1.2026');
      await page.locator('#filters button[type=submit]').click();
      await page.waitForFunction(() => document.querySelector('#live').getAttribute('role') === 'status' && document.querySelector('#e-from').textContent === '');
      await page.locator('#from').fill('31.2.2026');
      await page.locator('#filters button[type=submit]').click();
      await page.locator('#e-from:not(:empty)').waitFor();
      expect(await page.locator('#e-from').textContent()).toBe({ fi: 'Anna päivämäärä muodossa p.k.vvvv, esim. 31.12.2026.', sv: 'Ange datumet som d.m.åååå, t.ex. 31.12.2026.', en: 'Enter the date as d.m.yyyy, e.g. 31.12.2026.' }[lang]);
      expect(await page.locator('#from').getAttribute('aria-invalid')).toBe('true');
      await expectNoViolations(page, `${lang} funnel, error`);
      expect([...empty.errors, ...errors]).toEqual([]);
    }, TIMEOUT);

    it('Tekojen tori: nothing found, results with names, a deed open', async () => {
      const { page, errors } = await open('/tori.html', lang);
      await page.locator('#results li').first().waitFor();
      const results = await page.locator('#results').innerText();
      expect(results).toContain({ fi: 'Imatran kaupunki', sv: 'Imatra stad', en: 'City of Imatra' }[lang]);
      expect(results).not.toContain(imatra.name);
      // The organisation facet is by name too; the campaign standings as well.
      expect(await page.locator('#facets').innerText()).toContain({ fi: 'Lahden kaupunki', sv: 'Lahtis stad', en: 'Lahden kaupunki' }[lang]);
      await page.locator('#campaigns .standings li').first().waitFor();
      expect(await page.locator('#campaigns').innerText()).not.toContain(lahti.name);
      await expectNoViolations(page, `${lang} tori, filled`);
      await page.locator('#q').fill('zzzyyyxxx');
      await page.locator('#search-form button[type=submit]').click();
      await page.waitForFunction(() => document.querySelector('#results').children.length === 0);
      await expectNoViolations(page, `${lang} tori, nothing found`);
      await page.goto(`${app.baseUrl}/tori.html?lang=${lang}#deed/${deedId}`);
      await page.locator('#deed-title').waitFor();
      expect(await page.locator('#deed').innerText()).toContain({ fi: 'Imatran kaupunki', sv: 'Imatra stad', en: 'City of Imatra' }[lang]);
      await expectNoViolations(page, `${lang} tori, deed open`);
      await page.goto(`${app.baseUrl}/tori.html?lang=${lang}#deed/00000000-0000-4000-8000-000000000000`);
      await page.waitForFunction(() => document.querySelector('#live').getAttribute('role') === 'alert');
      await expectNoViolations(page, `${lang} tori, error`);
      expect(errors).toEqual([]);
    }, TIMEOUT);

    it('the jury room: not on the jury, a juror with nominations, a field error, the chair', async () => {
      const outsider = await open(`/jury.html#season=${seasonId}`, lang, stranger);
      await outsider.page.waitForLoadState('networkidle');
      await expectNoViolations(outsider.page, `${lang} jury, not on the jury`);

      const { page, errors } = await open(`/jury.html#season=${seasonId}`, lang, juror);
      const card = page.locator(`li.nomination[data-nomination="${nominations[1]}"]`);
      await card.locator('form.score').waitFor();
      // Not blind: the nominee's organisation is named, not given as an id.
      expect(await card.innerText()).toContain({ fi: 'Lahden kaupunki', sv: 'Lahtis stad', en: 'Lahden kaupunki' }[lang]);
      await expectNoViolations(page, `${lang} jury, juror`);
      await card.locator('form.score button[type=submit]').click();
      await page.waitForFunction(() => document.querySelector('#live').getAttribute('role') === 'alert');
      await expectNoViolations(page, `${lang} jury, field error`);

      const chairView = await open(`/jury.html#season=${seasonId}`, lang, chair);
      await chairView.page.locator('section[data-role="chair"] table').first().waitFor();
      await expectNoViolations(chairView.page, `${lang} jury, chair`);
      expect([...outsider.errors, ...errors, ...chairView.errors]).toEqual([]);
    }, TIMEOUT);
  });

  it('remembers the language chosen with the switch on every page', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${app.baseUrl}/tori.html`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    await page.getByLabel('Kieli').selectOption('sv');
    await page.waitForFunction(() => document.documentElement.lang === 'sv' && document.querySelector('h1').textContent.includes('insatstorget'));
    // Another page, opened without saying the language, is in Swedish too.
    await page.goto(`${app.baseUrl}/funnel.html`);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Innovationstratten');
    expect(await page.getByLabel('Språk').inputValue()).toBe('sv');
    expect(errors).toEqual([]);
  }, TIMEOUT);

  /** Presses Tab until the focused element matches; every stop on the way must show its focus. */
  async function tabTo(page: Page, matches: string, most = 80): Promise<void> {
    for (let i = 0; i < most; i++) {
      await page.keyboard.press('Tab');
      const state = await page.evaluate((selector) => {
        const e = document.activeElement;
        const style = getComputedStyle(e);
        return { hit: e.matches(selector), visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, what: `${e.tagName}#${e.id}.${e.className}` };
      }, matches);
      expect({ focus: state.what, visible: state.visible }).toEqual({ focus: state.what, visible: true });
      if (state.hit) return;
    }
    throw new Error(`${matches} was not reached with Tab`);
  }

  it('the board with the keyboard alone: open an idea, start its review, with the focus always visible', async () => {
    const { page, errors } = await open('/board.html', 'fi', agent);
    await page.getByRole('button', { name: 'Kouluruokalan hävikkiseuranta' }).waitFor();
    await tabTo(page, 'button.card-open[data-id]');
    // Down the column to the idea, then open it with Enter: the focus moves to its heading.
    while ((await page.evaluate(() => document.activeElement.textContent)) !== 'Kouluruokalan hävikkiseuranta') await tabTo(page, 'button.card-open');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'detail-title');
    await tabTo(page, '#a-team');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Muutosagentit, ruokapalvelut');
    await tabTo(page, '#detail form.action button[type=submit]');
    await page.keyboard.press('Enter');
    await page.locator('section.column[data-stage="inReview"]').getByText('Kouluruokalan hävikkiseuranta').waitFor();
    expect(await live(page).textContent()).toContain('Arvioinnissa');
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('the jury room with the keyboard alone: score every criterion and save, with the focus always visible', async () => {
    const { page, errors } = await open(`/jury.html#season=${seasonId}`, 'fi', juror);
    const card = page.locator(`li.nomination[data-nomination="${nominations[0]}"]`);
    await card.locator('form.score').waitFor();
    await tabTo(page, `[id^="s-${nominations[0]}-"][type=radio]`);
    // Five criteria: in each, the arrow keys choose the score; Tab goes on to the next criterion.
    for (let criterion = 0; criterion < 5; criterion++) {
      if (criterion > 0) await tabTo(page, `[id^="s-${nominations[0]}-"][type=radio]`, 3);
      for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowRight');
    }
    expect(await card.locator('input[type=radio]:checked').count()).toBe(5);
    await tabTo(page, `li.nomination[data-nomination="${nominations[0]}"] form.score button[type=submit]`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#live').textContent === 'Arvio tallennettu.');
    expect(await card.locator('[data-status]').textContent()).toBe('Arvioitu');
    expect(errors).toEqual([]);
  }, TIMEOUT);
});
