// The deed editor: an organisation editor writes a deed (field errors inline), previews it, publishes it and finds it
// in Tekojen tori; revises it while a colleague does too (the If-Match conflict shown field by field and resolved);
// unpublishes it with a reason; opens a deed from an adopted idea and sees the idea behind it. Reflow and axe at 320 px.
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { newDeedOrg, type DeedOrg } from '../support/deeds-scenarios.js';
import { reflowEverywhere } from './everywhere.js';
import { reflowReport, withAxe } from './reflow.js';
import { adoptOnBoard, openSeason, submitIdeas } from './journeys.js';
import { launch, newPage, screenshot, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any;

const TITLE = 'Ruokahävikin seuranta kouluruokaloissa';

describe('deed editor page', () => {
  let app: TestApp;
  let browser: Browser;
  let org: DeedOrg;
  let ideaTitle = '';
  let seasonId = '';

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launch();
    org = await newDeedOrg(app, 'toimitus');
    // An employee sends an idea from the widget and the change agents take it to adoption on the board: the editor
    // turns it into a deed.
    ideaTitle = 'Yhteinen sähköinen varauskalenteri';
    await submitIdeas(browser, app, org.employee, [{ title: ideaTitle, description: 'Jokaisella talolla on oma vihkonsa, ja varaaminen vie aikaa.', unit: 'varhaiskasvatus' }]);
    await adoptOnBoard(browser, app, org.agent, ideaTitle);
    // The programme admin sets up a gala on the gala page, its nominations open now.
    const admin = await app.token('programme-admin', 'kunteko', 'admin');
    const now = Date.now();
    seasonId = await openSeason(browser, app, admin, {
      name: 'Kehittämisgaala', nominationOpensAt: now - 60_000, nominationClosesAt: now + 3_600_000,
      eligibleFrom: now - 86_400_000, eligibleTo: now + 86_400_000, galaAt: now + 7_200_000,
      juror: { subject: 'toimitus-tuomari', organisation: 'kunteko' }, chair: 'toimitus-pj',
    });
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(token: string, options: { width?: number; height?: number; query?: string } = {}): Promise<{ page: Page; errors: string[] }> {
    const opened = await newPage(browser, { width: options.width ?? 1280, height: options.height ?? 1000 });
    await withAxe(opened.page);
    await opened.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), token);
    await opened.page.goto(`${app.baseUrl}/editor.html${options.query ?? ''}`);
    await opened.page.locator('#deed-lists section').first().waitFor();
    return opened;
  }

  const live = (page: Page) => page.locator('#live');

  it('writes a deed with a metric, sees field errors inline, previews it, publishes it and finds it in Tekojen tori', async () => {
    const { page, errors } = await signedIn(org.editor);
    await page.getByRole('button', { name: 'Uusi teko' }).click();
    await page.getByRole('heading', { name: 'Uusi teko', level: 2 }).waitFor();
    await page.getByLabel('Otsikko').fill(TITLE);
    await page.getByLabel(/^Tavoite/).fill('Vähemmän ruokaa roskiin kouluissa.');
    await page.getByRole('button', { name: 'Lisää mittari' }).click();
    await page.getByLabel('Mittari', { exact: true }).fill('Biojätettä päivässä');
    // Saved without the required fields: the page says what is missing under each field and moves the focus there.
    await page.getByRole('button', { name: 'Tallenna luonnos' }).click();
    await live(page).getByText('Tarkista merkityt kentät.').waitFor();
    expect(await page.locator('#e-achieved').textContent()).toBe('Kenttä on pakollinen.');
    expect(await page.locator('#e-participants').textContent()).toBe('Vähintään 1 kohta.');
    expect(await page.locator('#e-metrics').textContent()).toBe('Anna luku.');
    expect(await page.evaluate(() => document.activeElement.id)).toBe('d-achieved');
    await page.getByLabel(/^Saavutettu/).fill('Hävikki puolittui lukuvuodessa.');
    await page.getByLabel(/^Yksikkö/).first().fill('ruokapalvelut');
    await page.getByLabel(/^Toimiala/).selectOption('food-and-cleaning');
    await page.getByLabel('Teemat').fill('ympäristö, ruokahävikki');
    await page.getByLabel('Henkilöstö').check();
    await page.getByLabel('Asiakkaat').check();
    await page.getByLabel(/^Alkoi/).fill('10.1.2026');
    await page.getByLabel('Lähtötaso (valinnainen)').fill('42');
    await page.getByLabel('Tulos').fill('21');
    await page.getByLabel('Yksikkö (esim. %, min)').fill('kg');
    await page.getByRole('button', { name: 'Esikatsele' }).click();
    const preview = page.locator('#preview');
    await preview.getByRole('heading', { name: TITLE }).waitFor();
    expect(await preview.textContent()).toContain('Biojätettä päivässä: 42 → 21 kg');
    expect(await preview.textContent()).toContain('ympäristö, ruokahävikki');
    await page.getByRole('button', { name: 'Tallenna luonnos' }).click();
    await live(page).getByText('Luonnos tallennettu.').waitFor();
    await page.locator('section[data-state="draft"]').getByRole('button', { name: `Muokkaa: ${TITLE}` }).waitFor();
    await screenshot(page, 'editor-draft', { docs: true, fullPage: true });
    await page.getByRole('button', { name: 'Julkaise torilla' }).click();
    await live(page).getByText('Teko julkaistu Tekojen torilla.').waitFor();
    await page.locator('section[data-state="published"]').getByRole('button', { name: `Muokkaa: ${TITLE}` }).waitFor();
    expect(await page.locator('#deed-state').getAttribute('data-status')).toBe('published');

    // Tekojen tori shows it to anyone.
    const tori = (await newPage(browser)).page;
    await tori.goto(`${app.baseUrl}/tori.html`);
    await tori.getByLabel('Hae kehittämistekoja').pressSequentially('ruokahävik', { delay: 30 });
    await tori.getByRole('link', { name: TITLE }).click();
    await tori.locator('#deed-title').waitFor();
    const shown = await tori.locator('#deed').textContent();
    expect(shown).toContain('Hävikki puolittui lukuvuodessa.');
    expect(shown).toContain('Biojätettä päivässä: 42 → 21 kg');
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('nominates the published deed for the gala with a justification and sees the organisation\'s nominations', async () => {
    const { page, errors } = await newPage(browser, { width: 1280, height: 1000 });
    await withAxe(page);
    await page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), org.editor);
    await page.goto(`${app.baseUrl}/nominations.html#season=${seasonId}`);
    await page.locator('#nominate-form').waitFor();
    expect(await page.locator('#window').textContent()).toMatch(/^Ehdotusaika on auki /);
    expect(await page.locator('#ours').textContent()).toBe('Organisaatiolla ei ole vielä ehdotuksia tässä gaalassa.');
    await page.getByLabel(/^Kehittämisteko/).selectOption({ label: TITLE });
    await page.getByRole('button', { name: 'Lähetä ehdotus' }).click();
    await live(page).getByText('Tarkista merkityt kentät.').waitFor();
    expect(await page.locator('#e-justification').textContent()).toBe('Kenttä on pakollinen.');
    expect(await page.evaluate(() => document.activeElement.id)).toBe('n-justification');
    await page.getByLabel(/^Perustelu/).fill('Hävikki puolittui, ja malli on helppo ottaa käyttöön muissakin kouluissa.');
    await page.getByRole('button', { name: 'Lähetä ehdotus' }).click();
    await live(page).getByText('Ehdotus on jätetty.').waitFor();
    const ours = page.locator('#ours .nomination');
    await ours.getByRole('heading', { name: `Teko: ${TITLE}` }).waitFor();
    expect(await ours.textContent()).toContain('Innostavat teot');
    expect(await ours.textContent()).toContain('Hävikki puolittui, ja malli on helppo ottaa käyttöön muissakin kouluissa.');
    await screenshot(page, 'nominations', { docs: true });
    expect(await reflowEverywhere(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('revises the deed while a colleague does too: the conflict is shown field by field, the editor keeps theirs; then unpublishes with a reason', async () => {
    const a = await signedIn(org.editor);
    const b = await signedIn(org.editor);
    for (const { page } of [a, b]) {
      await page.getByRole('button', { name: `Muokkaa: ${TITLE}` }).click();
      await page.locator('#deed-form').waitFor();
    }
    await a.page.getByLabel(/^Saavutettu/).fill('Hävikki puolittui, ja säästö meni ruoan laatuun.');
    await a.page.getByRole('button', { name: 'Julkaise uusi versio' }).click();
    await live(a.page).getByText('Uusi versio 2 julkaistu torilla.').waitFor();

    await b.page.getByLabel('Otsikko').fill(`${TITLE} ja jakeluun`);
    await b.page.getByRole('button', { name: 'Julkaise uusi versio' }).click();
    const conflict = b.page.locator('.conflict');
    await conflict.getByRole('heading', { name: 'Joku muu tallensi teon sillä välin' }).waitFor();
    expect(await b.page.evaluate(() => document.activeElement.id)).toBe('conflict-h');
    expect(await conflict.locator('.diff > li').evaluateAll((items: any[]) => items.map((li) => li.dataset.field))).toEqual(['title', 'achieved']);
    const title = conflict.locator('.diff > li[data-field="title"]');
    expect(await title.locator('h4').textContent()).toBe('Otsikko');
    expect(await title.locator('.theirs dd').textContent()).toBe(TITLE);
    expect(await title.locator('.mine dd').textContent()).toBe(`${TITLE} ja jakeluun`);
    expect(await conflict.locator('.diff > li[data-field="achieved"] .theirs dd').textContent()).toBe('Hävikki puolittui, ja säästö meni ruoan laatuun.');
    await screenshot(b.page, 'editor-conflict', { docs: true });
    // The phone: the conflict, the form and the list reflow at 320 px and pass axe.
    await b.page.setViewportSize({ width: 320, height: 800 });
    const report = await reflowReport(b.page);
    expect(report).toEqual({ sideways: 0, clipped: [], targets: [], axe: [] });
    await b.page.setViewportSize({ width: 1280, height: 1000 });
    await conflict.getByRole('button', { name: 'Tallenna omani tallennetun päälle' }).click();
    await live(b.page).getByText('Uusi versio 3 julkaistu torilla.').waitFor();
    // "Mine" is the whole form: the colleague's achieved text is not carried over, the editor saw it and chose.
    expect(await b.page.getByLabel('Otsikko').inputValue()).toBe(`${TITLE} ja jakeluun`);

    await b.page.getByRole('button', { name: 'Poista julkaisusta' }).click();
    await live(b.page).getByText('Kirjoita perustelu.').waitFor();
    expect(await b.page.getByLabel(/^Perustelu/).getAttribute('aria-invalid')).toBe('true');
    await b.page.getByLabel(/^Perustelu/).fill('Luvut tarkistetaan ennen uutta julkaisua.');
    await b.page.getByRole('button', { name: 'Poista julkaisusta' }).click();
    await live(b.page).getByText('Teko poistettu julkaisusta.').waitFor();
    await b.page.locator('section[data-state="unpublished"]').getByRole('button', { name: `Muokkaa: ${TITLE} ja jakeluun` }).waitFor();
    expect(await b.page.locator('#editor .note').textContent()).toContain('Luvut tarkistetaan ennen uutta julkaisua.');
    expect([...a.errors, ...b.errors]).toEqual([]);
  }, TIMEOUT);

  it('opens a deed from an adopted idea and shows the idea behind it, in Swedish, at phone width', async () => {
    const { page, errors } = await signedIn(org.editor, { width: 320, height: 800, query: '?lang=sv' });
    expect(await page.locator('h1').textContent()).toBe('Redigering av insatser');
    await page.getByRole('button', { name: `Öppna en insats av idén: ${ideaTitle}` }).click();
    await live(page).getByText('Utkastet har öppnats av idén.').waitFor();
    await page.locator('#lineage-h').waitFor();
    await page.locator('.lineage li').getByText(`Idé: ${ideaTitle} (tagen i bruk)`).waitFor();
    expect(await page.evaluate(() => document.activeElement.id)).toBe('editor-h');
    const report = await reflowReport(page);
    expect(report).toEqual({ sideways: 0, clipped: [], targets: [], axe: [] });
    await screenshot(page, 'editor-phone-sv', { docs: true, fullPage: true });
    expect(await reflowEverywhere(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, TIMEOUT);
});
