// The change-agent board: an idea moves across the columns with the step its stage allows; the funnel page.
import type { Browser, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../support/app.js';
import { adoptOnBoard, openBoard, publishDraft, rejectOnBoard, submitIdeas } from './journeys.js';
import { launch, newPage, screenshot, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any, getComputedStyle: any;

describe('change-agent board and funnel pages', () => {
  let app: TestApp;
  let browser: Browser;
  let agent: string;
  let ideaId: string;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launch();
    const employee = await app.token('eero', 'lappeenranta', 'employee');
    agent = await app.token('agentti', 'lappeenranta', 'change-agent');
    // The employee sends four ideas from the widget; the change agents reject one and take one to adoption.
    const description = 'Jokaisella talolla on oma vihkonsa, ja varaaminen vie aikaa.';
    await submitIdeas(browser, app, employee, [
      { title: 'Yhteinen sähköinen varauskalenteri', description, unit: 'varhaiskasvatus', sector: 'education-and-early-childhood', themes: ['digitalisaatio'] },
      { title: 'Etätyöpäivien yhteinen kalenteri', description, unit: 'hallinto', sector: 'business-and-support', themes: ['Ilmastoteot', 'etätyö'] },
      { title: 'Kouluruokalan hävikkiseuranta', description, unit: 'ruokapalvelut', sector: 'food-and-cleaning', themes: ['digitalisaatio'] },
      { title: 'Kotihoidon reittien optimointi', description, unit: 'kotihoito', sector: 'social-and-health', themes: ['digitalisaatio'] },
    ]);
    await rejectOnBoard(browser, app, agent, 'Kouluruokalan hävikkiseuranta', 'Päällekkäinen jo käynnissä olevan hankkeen kanssa.');
    await adoptOnBoard(browser, app, agent, 'Kotihoidon reittien optimointi');
    // The idea the first test moves across the board, as the board names it.
    const board = await openBoard(browser, app, agent);
    ideaId = (await board.page.getByRole('button', { name: 'Yhteinen sähköinen varauskalenteri' }).getAttribute('data-id'))!;
    await board.page.context().close();
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(path: string): Promise<{ page: Page; errors: string[] }> {
    const opened = await newPage(browser, { width: 1440, height: 900 });
    await opened.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), agent);
    await opened.page.goto(app.baseUrl + path);
    return opened;
  }

  const column = (page: Page, stage: string) => page.locator(`section.column[data-stage="${stage}"]`);

  it('moves an idea from submitted through review and pilot to adopted, with its timeline', async () => {
    const { page, errors } = await signedIn('/board.html');
    await column(page, 'submitted').getByText('Yhteinen sähköinen varauskalenteri').waitFor();
    expect(await column(page, 'submitted').locator('.card').count()).toBe(2);
    expect(await column(page, 'rejected').locator('.card').count()).toBe(1);

    await page.getByRole('button', { name: 'Yhteinen sähköinen varauskalenteri' }).click();
    // The API's field error lands under the field, in Finnish, and the field gets the focus.
    await page.getByLabel('Tiimi', { exact: true }).fill('Muutosagentit '.repeat(10));
    await page.locator('#detail').getByRole('button', { name: 'Ota arvioitavaksi' }).click();
    await page.locator('#a-team-err').getByText('Enintään 100 merkkiä.').waitFor();
    expect(await page.getByLabel('Tiimi', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('a-team');
    expect(await page.locator('#live').getAttribute('role')).toBe('alert');
    await page.getByLabel('Tiimi', { exact: true }).fill('Muutosagentit, varhaiskasvatus');
    await page.locator('#detail').getByRole('button', { name: 'Ota arvioitavaksi' }).click();
    await column(page, 'inReview').getByText('Yhteinen sähköinen varauskalenteri').waitFor();
    expect(await page.locator('#live').textContent()).toContain('Arvioinnissa');

    await page.getByLabel('Tavoite', { exact: true }).fill('Varaukset yhteen kalenteriin kolmessa talossa.');
    await page.getByLabel('Pilottitiimi', { exact: true }).fill('Pilottitiimi: viestintä');
    await page.getByLabel('Alkaa', { exact: true }).fill('2026-01-15');
    await page.getByLabel('Päättyy', { exact: true }).fill('2026-04-15');
    await page.getByLabel('Mittari', { exact: true }).fill('Henkilöstötyytyväisyys');
    await page.getByLabel('Mittarin yksikkö', { exact: true }).fill('%');
    await page.getByLabel('Lähtötaso', { exact: true }).fill('62');
    await page.getByLabel('Tavoitetaso', { exact: true }).fill('70');
    await page.locator('#detail').getByRole('button', { name: 'Käynnistä pilotti' }).click();
    await column(page, 'piloting').getByText('Yhteinen sähköinen varauskalenteri').waitFor();

    await page.getByLabel('Mittaus: Henkilöstötyytyväisyys', { exact: true }).fill('66');
    await page.getByLabel('Mitattu', { exact: true }).fill('2026-02-15');
    await page.locator('#detail').getByRole('button', { name: 'Kirjaa mittaus' }).click();
    await page.locator('#detail .measurement').getByText('Henkilöstötyytyväisyys: 66').waitFor();
    await screenshot(page, 'board-piloting', { docs: true });

    await page.getByLabel('Tulos', { exact: true }).fill('Käytössä kaikissa taloissa; tyytyväisyys nousi kuusi prosenttiyksikköä.');
    await page.locator('#detail').getByRole('button', { name: 'Ota käyttöön' }).click();
    await column(page, 'adopted').getByText('Yhteinen sähköinen varauskalenteri').waitFor();
    expect(await column(page, 'submitted').locator('.card').count()).toBe(1);
    // Every event of the idea, with who (role) and when.
    const timeline = page.locator('#detail .timeline li');
    await timeline.and(page.locator('[data-event="IdeaAdopted"]')).waitFor();
    expect(await timeline.evaluateAll((items) => items.map((li: any) => li.dataset.event))).toEqual(['IdeaSubmitted', 'IdeaReviewStarted', 'IdeaPilotStarted', 'PilotMeasurementsRecorded', 'IdeaAdopted']);
    const lines = await timeline.allTextContents();
    expect(lines[0]).toMatch(/Idea lähetetty · työntekijä$/);
    expect(lines[1]).toMatch(/Arviointi aloitettu: Muutosagentit, varhaiskasvatus · muutosagentti$/);
    expect(lines[2]).toContain('Pilotti käynnistetty: Varaukset yhteen kalenteriin kolmessa talossa.');
    expect(lines.slice(1).every((l) => l.endsWith('· muutosagentti'))).toBe(true);
    expect(await timeline.locator('time').evaluateAll((times) => times.every((x: any) => !Number.isNaN(Date.parse(x.getAttribute('datetime')))))).toBe(true);
    expect(await page.locator('#detail .lineage').textContent()).toContain('Kehittämistekoa ei ole vielä avattu.');

    const idea = await client(app.baseUrl)('GET', `/api/ideas/${ideaId}`, { token: agent });
    expect(idea.body.stage).toBe('adopted');
    const history: string[] = idea.body.history.map((h: { stage: string }) => h.stage);
    expect(history.filter((s, i) => s !== history[i - 1])).toEqual(['submitted', 'inReview', 'piloting', 'adopted']);
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('rejects an idea only with a reason', async () => {
    const { page, errors } = await signedIn('/board.html');
    await page.getByRole('button', { name: 'Etätyöpäivien yhteinen kalenteri' }).click();
    await page.locator('#detail').getByRole('button', { name: 'Hylkää' }).click();
    // The reason is required: the browser keeps the form until it is given.
    expect(await page.locator('#live').textContent()).toBe('');
    await page.getByLabel('Perustelu', { exact: true }).fill('Päällekkäinen jo käynnissä olevan hankkeen kanssa.');
    await page.locator('#detail').getByRole('button', { name: 'Hylkää' }).click();
    await column(page, 'rejected').getByText('Etätyöpäivien yhteinen kalenteri').waitFor();
    await screenshot(page, 'board-rejected');
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('filters the board by unit, sector and theme', async () => {
    const { page, errors } = await signedIn('/board.html');
    await page.locator('section.column .card').first().waitFor();
    const onlyCard = async (stage: string, title: string) => {
      await page.waitForFunction((t) => { const cards = document.querySelectorAll('section.column .card'); return cards.length === 1 && cards[0].textContent.includes(t); }, title);
      expect(await column(page, stage).locator('.card').count()).toBe(1);
    };
    await page.getByLabel('Toimiala').selectOption('food-and-cleaning');
    await page.getByRole('button', { name: 'Näytä' }).click();
    await onlyCard('rejected', 'Kouluruokalan hävikkiseuranta');
    await page.getByLabel('Toimiala').selectOption('');
    await page.getByLabel('Yksikkö').fill('kotihoito');
    await page.getByRole('button', { name: 'Näytä' }).click();
    await onlyCard('adopted', 'Kotihoidon reittien optimointi');
    await page.getByLabel('Yksikkö').fill('');
    // Themes match case-insensitively on a part of the word.
    await page.getByLabel('Teema').fill('ilmasto');
    await page.getByRole('button', { name: 'Näytä' }).click();
    // (rejected by the test before)
    await onlyCard('rejected', 'Etätyöpäivien yhteinen kalenteri');
    await screenshot(page, 'board-filtered');
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it("shows an adopted idea's lineage to its development deed in Tekojen tori", async () => {
    const editor = await app.token('toimittaja', 'lappeenranta', 'org-editor');
    const opened = await newPage(browser, { width: 1440, height: 900 });
    const { page, errors } = opened;
    await page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), editor);
    await page.goto(`${app.baseUrl}/board.html`);
    await page.getByRole('button', { name: 'Kotihoidon reittien optimointi' }).click();
    await page.locator('#detail').getByRole('button', { name: 'Avaa kehittämisteko' }).click();
    await page.waitForFunction(() => document.querySelector('#live').textContent === 'Kehittämisteko avattu luonnoksena.');
    await page.locator('#detail .lineage').getByText('(luonnos, ei vielä julkaistu)').waitFor();
    expect(await page.locator('#detail .timeline li').last().getAttribute('data-event')).toBe('IdeaDeedLinked');
    expect(await page.locator('#detail .timeline li').last().textContent()).toMatch(/Kehittämisteko avattu · toimittaja$/);
    const deedId = await page.locator('#detail .lineage [data-deed]').getAttribute('data-deed');
    // The editor completes the draft on the editor page and publishes it.
    await publishDraft(browser, app, editor, { title: 'Kotihoidon reittien optimointi' });
    await page.getByRole('button', { name: 'Kotihoidon reittien optimointi' }).click();
    const link = page.locator('#detail .lineage').getByRole('link', { name: 'Kotihoidon reittien optimointi' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/tori.html#deed/${deedId}`);
    expect(await page.locator('#detail .lineage').textContent()).toContain('Ei palkintoja');
    await screenshot(page, 'board-lineage', { docs: true, fullPage: true });
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('shows the funnel with counts, conversions, lead times and unit activity, filters it, and exports CSV', async () => {
    const { page, errors } = await signedIn('/funnel.html');
    await page.locator('#charts .chart').first().waitFor();
    expect(await page.locator('#live').textContent()).toBe('lappeenranta: 4 ideaa');
    const text = await page.locator('#charts').textContent();
    expect(text).toContain('Käyttöönotettu');
    expect(text).toMatch(/50\s%/); // 2 of 4 submitted reached the pilot (Intl puts a no-break space before %)
    expect(text).toContain('Läpimenoajat: mediaanipäivät vaiheessa');
    // Unit activity this month: every unit that did something, with what it did.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const activity = await page.locator('table.activity tbody tr').allTextContents();
    expect(activity).toContain(`kotihoito${month}1111`); // submitted, piloted, adopted, one person
    expect(activity).toContain(`varhaiskasvatus${month}1111`);
    expect(activity).toHaveLength(4);
    expect(await page.locator('#charts').textContent()).toContain('vaatii yksiköiden henkilöstömäärät');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Lataa CSV' }).click();
    const file = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(file!, 'utf8');
    expect(csv).toContain('"vaiheessa:adopted";"2"');
    expect(csv).toContain(`"kotihoito";"${month}";"1";"1";"1";"1"`);
    expect(csv).toContain(`"kaikki";"${month}";"4";"2";"2";"1"`);
    await screenshot(page, 'funnel', { docs: true, fullPage: true });

    // Per sector and per period; a day that is no day is named under its field, in Finnish.
    await page.getByLabel('Toimiala').selectOption('social-and-health');
    await page.getByLabel('Jakso', { exact: true }).selectOption('year');
    await page.getByRole('button', { name: 'Näytä' }).click();
    await page.waitForFunction(() => document.querySelector('#live').textContent === 'lappeenranta: 1 ideaa');
    expect(await page.locator('#activity-h').textContent()).toBe('Yksiköiden aktiivisuus vuosittain');
    expect(await page.locator('table.activity tbody tr').allTextContents()).toEqual([`kotihoito${month.slice(0, 4)}1111`]);
    await page.getByLabel('Alkaen').fill('30.2.2026');
    await page.getByRole('button', { name: 'Näytä' }).click();
    await page.locator('#e-from').getByText('Anna päivämäärä muodossa p.k.vvvv, esim. 31.12.2026.').waitFor();
    expect(await page.getByLabel('Alkaen').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('from');
    expect(errors).toEqual([]);
  }, TIMEOUT);
});
