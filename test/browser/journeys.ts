// Steps of the journeys done in the pages, shared by the browser specs that need an earlier step as their starting
// state: an employee sends ideas through the widget; a change agent takes an idea to adoption on the board.
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../support/app.js';
import { newPage } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any;

export interface IdeaInput {
  title: string;
  description: string;
  /** The unit the widget is embedded for (the intranet page of that unit). */
  unit?: string;
  /** A value of the widget's sector list, e.g. "social-and-health". */
  sector?: string;
  themes?: string[];
}

/** The employee (signed in with `token`) sends each idea through the widget on /widget-demo.html. */
export async function submitIdeas(browser: Browser, app: TestApp, token: string, ideas: IdeaInput[]): Promise<void> {
  const { page, errors } = await newPage(browser);
  await page.goto(`${app.baseUrl}/widget-demo.html#token=${token}`);
  const widget = page.locator('idea-widget');
  await widget.locator('#f-title').waitFor();
  for (const idea of ideas) {
    if (idea.unit) await page.evaluate((unit) => document.getElementById('w').setAttribute('unit', unit), idea.unit);
    await widget.getByLabel(/^Otsikko/).fill(idea.title);
    await widget.getByLabel(/^Kuvaus/).fill(idea.description);
    if (idea.sector) await widget.getByLabel('Toimiala').selectOption(idea.sector);
    if (idea.themes) await widget.getByLabel('Teemat (pilkuin eroteltuna)').fill(idea.themes.join(', '));
    await widget.getByRole('button', { name: 'Lähetä idea' }).click();
    await widget.locator('#live').getByText('Kiitos! Idea on lähetetty.').waitFor();
    // The form is empty again before the next idea.
    await page.waitForFunction(() => document.querySelector('idea-widget').shadowRoot.querySelector('#f-title').value === '');
  }
  if (errors.length) throw new Error(`the widget reported errors: ${errors.join('; ')}`);
  await page.context().close();
}

/** The change agent (signed in with `token`) opens the board; the caller closes the page's context. */
export async function openBoard(browser: Browser, app: TestApp, token: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(browser, { width: 1440, height: 1000 });
  await opened.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), token);
  await opened.page.goto(`${app.baseUrl}/board.html`);
  return opened;
}

const column = (page: Page, stage: string) => page.locator(`section.column[data-stage="${stage}"]`);

async function takeIntoReview(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: title }).click();
  await page.getByLabel('Tiimi', { exact: true }).fill('Muutosagentit');
  await page.locator('#detail').getByRole('button', { name: 'Ota arvioitavaksi' }).click();
  await column(page, 'inReview').getByText(title).waitFor();
}

/** On the board: review, then rejection with a reason. */
export async function rejectOnBoard(browser: Browser, app: TestApp, token: string, title: string, reason: string): Promise<void> {
  const { page, errors } = await openBoard(browser, app, token);
  await takeIntoReview(page, title);
  await page.locator('#detail').getByRole('button', { name: 'Hylkää' }).click();
  await page.getByLabel('Perustelu', { exact: true }).fill(reason);
  await page.locator('#detail').getByRole('button', { name: 'Hylkää' }).click();
  await column(page, 'rejected').getByText(title).waitFor();
  if (errors.length) throw new Error(`the board reported errors: ${errors.join('; ')}`);
  await page.context().close();
}

/** On the board: review, pilot with one metric, one measurement, adoption — as the board's own test does it. */
export async function adoptOnBoard(browser: Browser, app: TestApp, token: string, title: string): Promise<void> {
  const { page, errors } = await openBoard(browser, app, token);
  await takeIntoReview(page, title);

  await page.getByLabel('Tavoite', { exact: true }).fill('Varaukset yhteen kalenteriin kolmessa talossa.');
  await page.getByLabel('Pilottitiimi', { exact: true }).fill('Pilottitiimi: viestintä');
  await page.getByLabel('Alkaa', { exact: true }).fill('2026-01-15');
  await page.getByLabel('Päättyy', { exact: true }).fill('2026-04-15');
  await page.getByLabel('Mittari', { exact: true }).fill('Henkilöstötyytyväisyys');
  await page.getByLabel('Mittarin yksikkö', { exact: true }).fill('%');
  await page.getByLabel('Lähtötaso', { exact: true }).fill('62');
  await page.getByLabel('Tavoitetaso', { exact: true }).fill('70');
  await page.locator('#detail').getByRole('button', { name: 'Käynnistä pilotti' }).click();
  await column(page, 'piloting').getByText(title).waitFor();

  await page.getByLabel('Mittaus: Henkilöstötyytyväisyys', { exact: true }).fill('66');
  await page.getByLabel('Mitattu', { exact: true }).fill('2026-02-15');
  await page.locator('#detail').getByRole('button', { name: 'Kirjaa mittaus' }).click();
  await page.locator('#detail .measurement').getByText('Henkilöstötyytyväisyys: 66').waitFor();

  await page.getByLabel('Tulos', { exact: true }).fill('Käytössä kaikissa taloissa; tyytyväisyys nousi kuusi prosenttiyksikköä.');
  await page.locator('#detail').getByRole('button', { name: 'Ota käyttöön' }).click();
  await column(page, 'adopted').getByText(title).waitFor();
  if (errors.length) throw new Error(`the board reported errors: ${errors.join('; ')}`);
  await page.context().close();
}

export interface DeedInput {
  title: string;
  aim?: string;
  achieved?: string;
}

/** The organisation editor (signed in with `token`) writes a new deed on /editor.html and publishes it in Tekojen tori. */
export async function publishDeed(browser: Browser, app: TestApp, token: string, deed: DeedInput): Promise<void> {
  await inEditor(browser, app, token, deed, async (page) => {
    await page.getByRole('button', { name: 'Uusi teko' }).click();
    await page.getByRole('heading', { name: 'Uusi teko', level: 2 }).waitFor();
    await page.getByLabel('Otsikko').fill(deed.title);
  });
}

/** The organisation editor completes the draft deed opened from an idea on /editor.html and publishes it. */
export async function publishDraft(browser: Browser, app: TestApp, token: string, deed: DeedInput): Promise<void> {
  await inEditor(browser, app, token, deed, async (page) => {
    await page.locator('section[data-state="draft"]').getByRole('button', { name: `Muokkaa: ${deed.title}` }).click();
    await page.locator('#deed-state').waitFor();
  });
}

async function inEditor(browser: Browser, app: TestApp, token: string, deed: DeedInput, open: (page: Page) => Promise<void>): Promise<void> {
  const { page, errors } = await newPage(browser, { width: 1280, height: 1000 });
  await page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), token);
  await page.goto(`${app.baseUrl}/editor.html`);
  await page.locator('#deed-lists section').first().waitFor();
  await open(page);
  await page.getByLabel(/^Tavoite/).fill(deed.aim ?? 'Lyhyemmät reitit ja enemmän aikaa asiakkaille.');
  await page.getByLabel(/^Saavutettu/).fill(deed.achieved ?? 'Reitit lyhenivät viidenneksellä.');
  await page.getByLabel(/^Yksikkö/).first().fill('kotihoito');
  await page.getByLabel(/^Toimiala/).selectOption('social-and-health');
  await page.getByLabel('Henkilöstö').check();
  await page.getByLabel(/^Alkoi/).fill('10.1.2026');
  await page.getByRole('button', { name: 'Tallenna luonnos' }).click();
  await page.locator('#live').getByText('Luonnos tallennettu.').waitFor();
  await page.getByRole('button', { name: 'Julkaise torilla' }).click();
  await page.locator('#live').getByText('Teko julkaistu Tekojen torilla.').waitFor();
  await page.locator('section[data-state="published"]').getByRole('button', { name: `Muokkaa: ${deed.title}` }).waitFor();
  if (errors.length) throw new Error(`the editor reported errors: ${errors.join('; ')}`);
  await page.context().close();
}

/** `datetime-local` as the browser (same machine, same zone) shows it. */
export const localDateTime = (ms: number) => {
  // Typed the Finnish way, as a person here would: 8.12.2026 14.05.09 (local time, with seconds).
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getDate()}.${d.getMonth() + 1}.${d.getFullYear()} ${d.getHours()}.${two(d.getMinutes())}.${two(d.getSeconds())}`;
};

export interface SeasonInput {
  name: string;
  nominationOpensAt: number;
  nominationClosesAt: number;
  eligibleFrom: number;
  eligibleTo: number;
  galaAt: number;
  juror: { subject: string; organisation: string };
  chair: string;
}

/** The programme admin (signed in with `token`) sets up a season on /gala.html; returns its id as the page links it. */
export async function openSeason(browser: Browser, app: TestApp, token: string, season: SeasonInput): Promise<string> {
  const { page, errors } = await newPage(browser, { width: 1280, height: 1000 });
  await page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), token);
  await page.goto(`${app.baseUrl}/gala.html`);
  const form = page.locator('#season-setup-form');
  await form.waitFor();
  await form.getByLabel(/^Gaalan nimi/).fill(season.name);
  await form.getByLabel(/^Ehdotusaika alkaa/).fill(localDateTime(season.nominationOpensAt));
  await form.getByLabel(/^Ehdotusaika päättyy/).fill(localDateTime(season.nominationClosesAt));
  await form.getByLabel(/^Tekojen julkaisukausi alkaa/).fill(localDateTime(season.eligibleFrom));
  await form.getByLabel(/^Tekojen julkaisukausi päättyy/).fill(localDateTime(season.eligibleTo));
  await form.getByLabel(/^Gaala \(tulokset/).fill(localDateTime(season.galaAt));
  await form.getByLabel(/^Palkintoja/).fill('1');
  await form.getByLabel('Tuomarin tunnus 1').fill(season.juror.subject);
  await form.getByLabel('Organisaatio', { exact: true }).fill(season.juror.organisation);
  await form.getByLabel(/^Puheenjohtajan tunnus/).fill(season.chair);
  await form.getByRole('button', { name: 'Avaa gaala' }).click();
  await page.locator('#live').getByText(`Gaala ${season.name} on avattu.`).waitFor();
  const link = page.locator('#grants a[href^="/results.html#season="]').first();
  await link.waitFor();
  const id = (await link.getAttribute('href'))!.split('#season=')[1];
  if (errors.length) throw new Error(`the gala page reported errors: ${errors.join('; ')}`);
  await page.context().close();
  return id;
}
