// The jury room: a juror scores blind nominations per criterion and declares a conflict; the chair overrides the
// live shortlist with a reason and closes the round. Finnish first, with the API's field errors in Finnish.
import type { Browser, Locator, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../support/app.js';
import { deedsApi, newDeedOrg, programmeAdmin, type DeedOrg } from '../support/deeds-scenarios.js';
import { launch, newPage, screenshot, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any, getComputedStyle: any;

const SERIES = 'innostavat-teot';
const CRITERIA = ['Tulokset ja tuottavuus', 'Rohkeus', 'Henkilöstölähtöisyys', 'Asiakaslähtöisyys', 'Siirrettävyys'];
const sheet = (n: number) => ({ results: n, boldness: n, 'staff-driven': n, customer: n, transferability: n });
const sleepUntil = async (at: number) => {
  while (Date.now() < at) await new Promise((resolve) => setTimeout(resolve, Math.min(250, at - Date.now())));
};

describe('jury room', () => {
  let app: TestApp;
  let browser: Browser;
  let orgs: DeedOrg[];
  let seasonId: string;
  let closesAt: number;
  const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  const tokens: Record<'j1' | 'j2' | 'chair', string> = { j1: '', j2: '', chair: '' };

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launch();
    const call = client(app.baseUrl);
    const deeds = deedsApi(app);
    const admin = await programmeAdmin(app);
    orgs = [await newDeedOrg(app, 'tuomaristo-a'), await newDeedOrg(app, 'tuomaristo-b'), await newDeedOrg(app, 'tuomaristo-c')];
    const [a, b, c] = orgs;
    const deedIds = [
      await deeds.published(a, { title: 'Kierrätyspisteet taukotiloihin' }),
      await deeds.published(b, { title: 'Selkokieliset asiakaskirjeet' }),
      await deeds.published(c, { title: 'Kotihoidon reittien optimointi' }),
    ];
    const tag = a.name;
    tokens.j1 = await app.token(`${tag}-j1`, 'kunteko', 'juror');
    tokens.j2 = await app.token(`${tag}-j2`, a.name, 'juror');
    tokens.chair = await app.token(`${tag}-chair`, 'kunteko', 'jury-chair');
    const start = Date.now();
    // Nominations stay open while the juror works, so the chair first meets the refusal to close early.
    closesAt = start + 40_000;
    const opened = await call('POST', '/api/award-seasons', {
      token: admin,
      body: {
        year: new Date().getUTCFullYear(),
        name: `Kehittämisgaala ${new Date().getUTCFullYear()}`,
        nominationOpensAt: new Date(start - 60_000).toISOString(),
        nominationClosesAt: new Date(closesAt).toISOString(),
        eligibleFrom: new Date(start - 86_400_000).toISOString(),
        eligibleTo: new Date(start + 86_400_000).toISOString(),
        galaAt: new Date(start + 3_600_000).toISOString(),
        series: [{ kind: 'deeds', awards: 1, shortlistSize: 1, blind: true, jurors: [{ subject: `${tag}-j1`, organisation: 'kunteko' }, { subject: `${tag}-j2`, organisation: a.name }], chair: `${tag}-chair` }],
      },
    });
    expect(opened.status).toBe(201);
    seasonId = opened.body.id;
    const editors = [a.editor, b.editor, c.editor];
    for (const [i, key] of (['a', 'b', 'c'] as const).entries()) {
      const nominated = await call('POST', `/api/award-seasons/${seasonId}/nominations`, { token: editors[i], body: { series: SERIES, deedId: deedIds[i], justification: `Perustelu ${key.toUpperCase()}: tulokset mitattu.` } });
      expect(nominated.status).toBe(201);
      ids[key] = nominated.body.id;
    }
    // The other juror scores everything, so the chair has a ranking to look at.
    for (const [key, n] of [['a', 5], ['b', 2], ['c', 3]] as const) expect((await call('POST', `/api/nominations/${ids[key]}/scores`, { token: tokens.j1, body: { scores: sheet(n) } })).status).toBe(200);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(token: string, query = ''): Promise<{ page: Page; errors: string[] }> {
    const opened = await newPage(browser, { width: 1280, height: 1100 });
    await opened.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), token);
    await opened.page.goto(`${app.baseUrl}/jury.html${query}#season=${seasonId}`);
    return opened;
  }

  const card = (page: Page, id: string) => page.locator(`li.nomination[data-nomination="${id}"]`);
  const criterion = (scope: Locator, name: string) => scope.getByRole('group', { name, exact: true });
  const live = (page: Page) => page.locator('#live');

  it('lets a juror score blind nominations per criterion, see progress and declare a conflict', async () => {
    const { page, errors } = await signedIn(tokens.j2);
    const section = page.locator('section[data-role="juror"]');
    await section.getByRole('heading', { name: 'Innostavat teot: arvioitavat ehdokkaat' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    expect(await section.textContent()).toContain('Sokkoarviointi');
    // Blind review: the page shows what the API gives jurors, and no organisation reaches it.
    const text = (await page.locator('main').textContent())!;
    for (const org of orgs) expect(text).not.toContain(org.name);
    expect(await card(page, ids.b).getByRole('heading', { level: 3 }).textContent()).toBe('Selkokieliset asiakaskirjeet');
    // The juror comes from organisation A: recused from its nomination automatically, with no form to score it.
    expect(await card(page, ids.a).locator('[data-status]').textContent()).toBe('Esteellinen: oma organisaatio');
    expect(await card(page, ids.a).locator('form').count()).toBe(0);
    expect(await section.locator('.progress-text').textContent()).toBe('Arvioitu 0 / 2 · esteellinen 1');

    // A criterion left unscored is named under it, and the focus goes there.
    const b = card(page, ids.b);
    for (const [i, name] of CRITERIA.slice(0, 4).entries()) await criterion(b, name).getByRole('radio', { name: String(i + 2) }).check();
    await b.getByRole('button', { name: 'Tallenna arvio' }).focus();
    await page.keyboard.press('Enter');
    await b.locator('#s-' + ids.b + '-transferability-err').getByText('Valitse pisteet 1–5.').waitFor();
    expect(await criterion(b, 'Siirrettävyys').getAttribute('aria-invalid')).toBe('true');
    expect(await live(page).getAttribute('role')).toBe('alert');
    expect(await live(page).textContent()).toBe('Tarkista merkityt kohdat.');
    const focused = await page.evaluate(() => ({ id: document.activeElement?.id, outline: getComputedStyle(document.activeElement).outlineStyle }));
    expect(focused).toEqual({ id: `s-${ids.b}-transferability-1`, outline: 'solid' });
    // Keyboard: the arrow key moves within the criterion's 1–5 scale.
    await page.keyboard.press('ArrowRight');
    expect(await criterion(b, 'Siirrettävyys').getByRole('radio', { name: '2' }).isChecked()).toBe(true);
    await screenshot(page, 'jury-field-error');
    await b.getByLabel('Kommentti (vapaaehtoinen)').fill('Hyvin mitattu, helposti siirrettävä.');
    await b.getByRole('button', { name: 'Tallenna arvio' }).click();
    await page.waitForFunction(() => document.querySelector('#live').textContent === 'Arvio tallennettu.');
    expect(await section.locator('.progress-text').textContent()).toBe('Arvioitu 1 / 2 · esteellinen 1');
    expect(await card(page, ids.b).locator('[data-status]').textContent()).toBe('Arvioitu');
    // Scoring again shows the saved score and offers to update it.
    expect(await criterion(card(page, ids.b), 'Rohkeus').getByRole('radio', { name: '3' }).isChecked()).toBe(true);
    expect(await card(page, ids.b).getByRole('button', { name: 'Päivitä arvio' }).count()).toBe(1);

    // Conflict of interest: the reason is required (the API's field error, in Finnish), then the juror is recused.
    const c = card(page, ids.c);
    await c.getByText('Ilmoita esteellisyys', { exact: true }).first().click();
    await c.getByRole('button', { name: 'Ilmoita esteellisyys' }).click();
    await c.getByText('Kenttä on pakollinen.').waitFor();
    expect(await c.getByLabel('Mikä esteellisyys on?').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await c.getByLabel('Mikä esteellisyys on?').fill('Olin hankkeen ohjausryhmässä.');
    await c.getByRole('button', { name: 'Ilmoita esteellisyys' }).click();
    await page.waitForFunction(() => document.querySelector('#live').textContent.startsWith('Esteellisyys kirjattu'));
    expect(await card(page, ids.c).locator('[data-status]').textContent()).toBe('Esteellinen: ilmoitettu');
    // The room is drawn anew; the focus returns to the nomination the juror was working on.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Kotihoidon reittien optimointi');
    expect(await card(page, ids.c).locator('form').count()).toBe(0);
    expect(await section.locator('.progress-text').textContent()).toBe('Arvioitu 1 / 1 · esteellinen 2');
    await screenshot(page, 'jury-juror', { docs: true, fullPage: true });

    const mine = await client(app.baseUrl)('GET', `/api/award-seasons/${seasonId}/nominations?series=${SERIES}`, { token: tokens.j2 });
    const byId = new Map(mine.body.items.map((n: { id: string }) => [n.id, n]));
    expect(byId.get(ids.b)).toMatchObject({ recused: null, myScore: { scores: { results: 2, boldness: 3, 'staff-driven': 4, customer: 5, transferability: 2 }, comment: 'Hyvin mitattu, helposti siirrettävä.' } });
    expect(byId.get(ids.c)).toMatchObject({ recused: 'declared', myScore: null });
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it("gives the chair the live shortlist, overrides with a reason and closes the round", async () => {
    const { page, errors } = await signedIn(tokens.chair);
    const section = page.locator('section[data-role="chair"]');
    await section.getByRole('heading', { name: 'Innostavat teot: puheenjohtajan näkymä' }).waitFor();
    expect(await page.locator('section[data-role="juror"]').count()).toBe(0);
    // The chair sees whole nominees, the ranking with the cut, and each juror's progress.
    const rows = await section.locator('table.ranking tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('Kierrätyspisteet taukotiloihin');
    expect(rows[0]).toContain(orgs[0].name);
    expect(rows[0]).toContain('✓ kyllä');
    expect(await section.locator('table.progress-table tbody tr').count()).toBe(2);
    expect(await section.locator('[data-stage]').textContent()).toBe('Kierros: pitkä lista · jatkoon 1');

    // Include C: without a reason the API's field error shows in Finnish under the reason.
    await section.getByLabel('Ehdokas', { exact: true }).selectOption(ids.c);
    await section.getByLabel('Toimenpide').selectOption('include');
    await section.getByRole('button', { name: 'Tallenna ohitus' }).click();
    await section.locator('.override').getByText('Kenttä on pakollinen.').waitFor();
    expect(await live(page).textContent()).toBe('Tarkista merkityt kohdat.');
    await section.getByLabel('Perustelu').fill('Kotihoidon teema tarvitsee edustajan.');
    await section.getByRole('button', { name: 'Tallenna ohitus' }).click();
    await page.waitForFunction(() => document.querySelector('#live').textContent === 'Ohitus tallennettu.');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Innostavat teot: puheenjohtajan näkymä');
    const overridden = (await section.locator('table.ranking tbody tr').allTextContents()).find((r) => r.includes('Kotihoidon reittien optimointi'))!;
    expect(overridden).toContain('Nosta jatkoon: Kotihoidon teema tarvitsee edustajan.');
    expect(overridden).toContain('✓ kyllä');

    // Closing asks for a confirmation; while nominations are open the API's refusal is said in Finnish.
    await section.getByRole('button', { name: 'Sulje kierros' }).click();
    expect(await live(page).textContent()).toBe('Vahvista ensin, että olet tarkistanut järjestyksen.');
    expect(await page.evaluate(() => document.activeElement?.type)).toBe('checkbox');
    await section.getByLabel('Olen tarkistanut järjestyksen ja ohitukset').check();
    expect(Date.now()).toBeLessThan(closesAt);
    await section.getByRole('button', { name: 'Sulje kierros' }).click();
    await page.waitForFunction(() => document.querySelector('#live').textContent.includes('Ehdotusaika on vielä auki'));
    await screenshot(page, 'jury-chair', { docs: true, fullPage: true });
    await sleepUntil(closesAt + 200);
    await section.getByLabel('Olen tarkistanut järjestyksen ja ohitukset').check();
    await section.getByRole('button', { name: 'Sulje kierros' }).click();
    await page.waitForFunction(() => document.querySelector('#live').textContent === 'Kierros suljettu.');
    expect(await page.locator('section[data-role="chair"] [data-stage]').textContent()).toBe('Kierros: lyhyt lista · jatkoon 1');
    expect(await page.locator('section[data-role="chair"]').getByRole('heading', { name: 'Suljetut kierrokset' }).count()).toBe(1);

    const shortlist = await client(app.baseUrl)('GET', `/api/award-seasons/${seasonId}/shortlist?series=${SERIES}`, { token: tokens.chair });
    expect(shortlist.body).toMatchObject({ stage: 'shortlist', rounds: [{ round: 'long-list' }] });
    expect(shortlist.body.rounds[0].selected).toEqual(expect.arrayContaining([ids.a, ids.c]));
    expect(shortlist.body.rounds[0].selected).not.toContain(ids.b);
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('speaks Swedish and English too', async () => {
    for (const [lang, heading, status] of [['sv', 'Innostavat teot: nomineringar att bedöma', 'Jävig: egen organisation'], ['en', 'Innostavat teot: nominations to score', 'Recused: own organisation']] as const) {
      const { page, errors } = await signedIn(tokens.j2, `?lang=${lang}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await card(page, ids.a).locator('[data-status]').textContent()).toBe(status);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, TIMEOUT);
});
