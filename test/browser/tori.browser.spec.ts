// Tekojen tori (public): as-you-type search finds a published deed; the deed page; campaign standings.
import type { Browser } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../support/app.js';
import { deedBody } from '../support/deeds-scenarios.js';
import { actionBodies, ideaBody } from '../support/ideas-scenarios.js';
import { launch, newPage, screenshot, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any, getComputedStyle: any;

describe('Tekojen tori page', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launch();
    const call = client(app.baseUrl);
    const publish = async (org: string, overrides: Record<string, unknown>) => {
      const editor = await app.token(`${org}-editor`, org, 'org-editor');
      const draft = await call('POST', '/api/deeds', { token: editor, body: deedBody(overrides) });
      expect(draft.status).toBe(201);
      expect((await call('POST', `/api/deeds/${draft.body.id}/publish`, { token: editor })).status).toBe(200);
    };
    const admin = await app.token('programme-admin', 'kunteko', 'admin');
    const now = Date.now();
    const campaign = await call('POST', '/api/campaigns', { token: admin, body: { name: 'Tekoja tiskiin 2026', startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 30 * 86_400_000).toISOString() } });
    expect(campaign.status).toBe(201);
    await publish('imatra', {});
    await publish('imatra', { title: 'Ikäihmisten digituki kirjastossa', aim: 'Digituki lähelle asukkaita.', achieved: 'Neuvontaa sai 400 asukasta.', sector: 'culture-and-leisure', themes: ['digitalisaatio'], unit: 'kirjasto' });
    // A deed opened from an adopted idea: its page shows the idea, the pilot and the result.
    const employee = await app.token('imatra-employee', 'imatra', 'employee');
    const agent = await app.token('imatra-agent', 'imatra', 'change-agent');
    const editor = await app.token('imatra-editor', 'imatra', 'org-editor');
    const idea = await call('POST', '/api/ideas', { token: employee, body: ideaBody() });
    for (const step of ['review', 'pilot', 'measurements', 'adopt'] as const) {
      expect((await call('POST', `/api/ideas/${idea.body.id}/${step}`, { token: agent, body: actionBodies[step] })).status).toBe(200);
    }
    const opened = await call('POST', `/api/ideas/${idea.body.id}/deed`, { token: editor });
    expect(opened.status).toBe(201);
    expect((await call('POST', `/api/deeds/${opened.body.id}/publish`, { token: editor })).status).toBe(200);
    await publish('lahti', { title: 'Siivousreittien uudistus', aim: 'Vähemmän ajoa kohteiden välillä.', achieved: 'Ajokilometrit vähenivät viidenneksellä.', sector: 'food-and-cleaning', themes: ['ympäristö'], unit: 'puhtauspalvelut' });
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('finds a published deed while typing, filters by a facet and opens the deed with its revisions and lineage', async () => {
    const { page, errors } = await newPage(browser, { width: 1280, height: 900 });
    await page.goto(`${app.baseUrl}/tori.html`);
    await page.locator('#results li').first().waitFor();
    expect(await page.locator('#count').textContent()).toBe('4 tekoa');
    await page.locator('#campaigns').getByText('Tekoja tiskiin 2026').waitFor();
    expect(await page.locator('.standings li').first().textContent()).toMatch(/^imatra.*3$/);

    // As-you-type: a word prefix, no Enter.
    await page.getByLabel('Hae kehittämistekoja').pressSequentially('päiväjärj', { delay: 40 });
    await page.waitForFunction(() => document.querySelector('#count')!.textContent === '1 teko');
    expect(await page.locator('#results h3').allTextContents()).toEqual(['Kuvalliset päiväjärjestykset varhaiskasvatukseen']);
    await page.getByLabel('Hae kehittämistekoja').fill('');
    await page.waitForFunction(() => document.querySelector('#count')!.textContent === '4 tekoa');
    await page.getByLabel(/^Ruoka- ja puhtauspalvelut/).check();
    await page.waitForFunction(() => document.querySelector('#count')!.textContent === '1 teko');
    expect(await page.locator('#results h3').allTextContents()).toEqual(['Siivousreittien uudistus']);
    await page.getByLabel(/^Ruoka- ja puhtauspalvelut/).uncheck();
    await page.waitForFunction(() => document.querySelector('#count')!.textContent === '4 tekoa');
    await screenshot(page, 'tori-search', { docs: true });

    await page.getByRole('link', { name: 'Kuvalliset päiväjärjestykset varhaiskasvatukseen' }).click();
    await page.locator('#deed-title').waitFor();
    let deed = await page.locator('#deed').textContent();
    expect(deed).toContain('Versio 1');
    expect(deed).toContain('Siirtymien kesto');
    await page.getByRole('link', { name: '← Takaisin hakuun' }).click();
    await page.locator('#search-view').waitFor({ state: 'visible' });

    await page.getByLabel('Hae kehittämistekoja').pressSequentially('varauskal', { delay: 40 });
    await page.waitForFunction(() => document.querySelector('#count')!.textContent === '1 teko');
    await page.getByRole('link', { name: 'Yhteinen sähköinen varauskalenteri' }).click();
    await page.locator('#deed-title').waitFor();
    deed = await page.locator('#deed').textContent();
    expect(deed).toContain('Idea: Yhteinen sähköinen varauskalenteri');
    expect(deed).toContain('Pilotti: Varaukset yhteen kalenteriin kolmessa talossa.');
    expect(deed).toContain('Tulos: Käytössä kaikissa taloissa');
    await screenshot(page, 'tori-deed', { docs: true });
    await page.getByRole('link', { name: '← Takaisin hakuun' }).click();
    await page.locator('#search-view').waitFor({ state: 'visible' });
    expect(errors).toEqual([]);
  }, TIMEOUT);
});
