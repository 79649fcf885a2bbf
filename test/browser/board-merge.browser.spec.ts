// The board's merge of a duplicate: the change agent opens the duplicate, picks the idea it repeats (similar ideas
// first), sees both side by side and merges; the duplicate leaves the board and the surviving idea is shown.
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { newDeedOrg, type DeedOrg } from '../support/deeds-scenarios.js';
import { reflowReport, withAxe } from './reflow.js';
import { submitIdeas } from './journeys.js';
import { launch, newPage, screenshot, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any;

describe('board: merge a duplicate', () => {
  let app: TestApp;
  let browser: Browser;
  let org: DeedOrg;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launch();
    org = await newDeedOrg(app, 'yhdista');
    // Two employees sent the same idea from the intranet; a third idea is something else.
    await submitIdeas(browser, app, org.employee, [
      { title: 'Yhteinen sähköinen varauskalenteri', description: 'Jokaisella talolla on oma vihkonsa, ja varaaminen vie aikaa.', unit: 'varhaiskasvatus' },
    ]);
    await submitIdeas(browser, app, org.colleague, [
      { title: 'Kokoushuoneiden sähköinen varauskalenteri', description: 'Varaukset vihkoihin vievät aikaa; yksi kalenteri riittäisi.', unit: 'varhaiskasvatus' },
      { title: 'Kierrätyspisteet taukotiloihin', description: 'Biojäte ja pahvi lajitteluun.', unit: 'varhaiskasvatus' },
    ]);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function board(width = 1440): Promise<{ page: Page; errors: string[] }> {
    const opened = await newPage(browser, { width, height: 1000 });
    await withAxe(opened.page);
    await opened.page.addInitScript((t) => localStorage.setItem('kehittamo.token', t), org.agent);
    await opened.page.goto(`${app.baseUrl}/board.html`);
    return opened;
  }

  it('shows the duplicate and the chosen idea side by side and merges them', async () => {
    const { page, errors } = await board();
    await page.getByRole('button', { name: 'Kokoushuoneiden sähköinen varauskalenteri' }).click();
    const merge = page.locator('#detail form.merge');
    await merge.getByRole('heading', { name: 'Yhdistä kaksoiskappale' }).waitFor();
    // Nothing chosen: said under the field.
    await merge.getByRole('button', { name: 'Yhdistä ideaan' }).click();
    await merge.locator('#merge-into-err').getByText('Valitse idea, johon tämä yhdistetään.').waitFor();
    expect(await page.evaluate(() => document.activeElement.id)).toBe('merge-into');
    // The similar idea comes first.
    await page.waitForFunction(() => document.querySelectorAll('#merge-into optgroup').length > 0);
    expect(await merge.locator('optgroup[label="Samankaltaiset"] option').first().textContent()).toBe('Yhteinen sähköinen varauskalenteri');
    expect(await merge.locator('optgroup option').allTextContents()).not.toContain('Kokoushuoneiden sähköinen varauskalenteri');
    await page.getByLabel('Idea, johon tämä yhdistetään').selectOption({ label: 'Yhteinen sähköinen varauskalenteri' });
    const sides = merge.locator('.compare .side');
    await sides.nth(1).getByText('Yhteinen sähköinen varauskalenteri').waitFor();
    expect(await sides.nth(0).textContent()).toContain('Kokoushuoneiden sähköinen varauskalenteri');
    const [left, right] = [await sides.nth(0).boundingBox(), await sides.nth(1).boundingBox()];
    expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
    expect(Math.abs(right!.y - left!.y)).toBeLessThan(2);
    await screenshot(page, 'board-merge', { docs: true });

    // The phone: the two stack, the page does not scroll sideways, axe passes.
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await reflowReport(page)).toEqual({ sideways: 0, clipped: [], targets: [], axe: [] });
    await page.setViewportSize({ width: 1440, height: 1000 });

    await merge.getByRole('button', { name: 'Yhdistä ideaan' }).click();
    await page.locator('#live').getByText('”Kokoushuoneiden sähköinen varauskalenteri” yhdistettiin ideaan ”Yhteinen sähköinen varauskalenteri”.').waitFor();
    await page.locator('#detail-title').getByText('Yhteinen sähköinen varauskalenteri').waitFor();
    await page.waitForFunction(() => !document.querySelector('#board').textContent.includes('Kokoushuoneiden sähköinen varauskalenteri'));
    expect(await page.locator('section.column[data-stage="submitted"] .card').count()).toBe(2);
    expect(errors).toEqual([]);
  }, TIMEOUT);
});
