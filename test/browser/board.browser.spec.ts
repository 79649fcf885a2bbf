// The change-agent board: an idea moves across the columns with the step its stage allows; the funnel page.
import type { Browser, Page } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../support/app.js';
import { actionBodies, ideaBody } from '../support/ideas-scenarios.js';
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
    const call = client(app.baseUrl);
    const employee = await app.token('eero', 'lappeenranta', 'employee');
    agent = await app.token('agentti', 'lappeenranta', 'change-agent');
    const seed = async (overrides: Record<string, unknown>) => {
      const reply = await call('POST', '/api/ideas', { token: employee, body: ideaBody(overrides) });
      expect(reply.status).toBe(201);
      return reply.body.id as string;
    };
    ideaId = await seed({ title: 'Yhteinen sähköinen varauskalenteri' });
    await seed({ title: 'Etätyöpäivien yhteinen kalenteri', unit: 'hallinto', sector: 'business-and-support' });
    const other = await seed({ title: 'Kouluruokalan hävikkiseuranta', unit: 'ruokapalvelut', sector: 'food-and-cleaning' });
    const piloted = await seed({ title: 'Kotihoidon reittien optimointi', unit: 'kotihoito', sector: 'social-and-health' });
    for (const [id, steps] of [[other, ['review', 'reject']], [piloted, ['review', 'pilot', 'measurements', 'adopt']]] as const) {
      for (const step of steps) expect((await call('POST', `/api/ideas/${id}/${step}`, { token: agent, body: actionBodies[step] })).status).toBe(200);
    }
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
    await page.getByLabel('Tiimi', { exact: true }).fill('Muutosagentit, varhaiskasvatus');
    await page.locator('#detail').getByRole('button', { name: 'Ota arvioitavaksi' }).click();
    await column(page, 'inReview').getByText('Yhteinen sähköinen varauskalenteri').waitFor();
    expect(await page.locator('#live').textContent()).toContain('Arvioinnissa');

    await page.getByLabel('Tavoite', { exact: true }).fill('Varaukset yhteen kalenteriin kolmessa talossa.');
    await page.getByLabel('Pilottitiimi', { exact: true }).fill('Pilottitiimi: viestintä');
    await page.getByLabel('Alkaa', { exact: true }).fill('2026-01-15');
    await page.getByLabel('Päättyy', { exact: true }).fill('2026-04-15');
    await page.getByLabel('Mittari', { exact: true }).fill('Henkilöstötyytyväisyys');
    await page.getByLabel('Yksikkö', { exact: true }).fill('%');
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
    const timeline = await page.locator('#detail .timeline li').allTextContents();
    const stages = timeline.filter((l) => !l.startsWith('Mittaus')).map((l) => l.replace(/^.*\d{1,2}\.\d{2}\s/, '').split(' · ')[0]);
    // A measurement is a step inside the pilot: consecutive entries may share a stage.
    expect(stages.filter((s, i) => s !== stages[i - 1])).toEqual(['Lähetetty', 'Arvioinnissa', 'Pilotissa', 'Käyttöönotettu']);

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

  it('shows the funnel with counts, conversions and median days', async () => {
    const { page, errors } = await signedIn('/funnel.html');
    await page.locator('#charts .chart').first().waitFor();
    expect(await page.locator('#live').textContent()).toBe('lappeenranta: 4 ideaa');
    const text = await page.locator('#charts').textContent();
    expect(text).toContain('Käyttöönotettu');
    expect(text).toContain('50 %'); // 2 of 4 submitted reached the pilot
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Lataa CSV' }).click();
    const file = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(file!, 'utf8');
    expect(csv).toContain('"vaiheessa:adopted";"2"');
    await screenshot(page, 'funnel', { docs: true });
    expect(errors).toEqual([]);
  }, TIMEOUT);
});
