// The intranet widget embedded in a page of another origin: CORS, shadow DOM, field errors, keyboard-only use.
import type { Browser } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../support/app.js';
import { launch, newPage, screenshot, startIntranet, TIMEOUT } from './support.js';

// Browser globals inside page.evaluate / waitForFunction callbacks (the test's tsconfig has no DOM library).
declare const document: any, localStorage: any, getComputedStyle: any;

const intranetPage = (api: string, token: string) => `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Imatran intranet</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f2f4f7}header{background:#6b1f4a;color:#fff;padding:12px 24px}main{display:grid;grid-template-columns:1fr 40rem;gap:24px;padding:24px}</style></head>
<body><header><a href="#" style="color:#fff">Imatran kaupungin intranet</a></header>
<main><section><h1>Ajankohtaista</h1><p>Kerro ideasi työn parantamiseksi – jokainen idea käsitellään muutosagenttien tiimissä.</p></section>
<idea-widget organisation="imatra" unit="varhaiskasvatus" lang="fi" api="${api}" token="${token}"></idea-widget></main>
<script src="${api}/widget.js"></script></body></html>`;

describe('intranet widget (another origin)', () => {
  let app: TestApp;
  let browser: Browser;
  let intranet: Awaited<ReturnType<typeof startIntranet>>;
  let token = '';
  const previousCors = process.env.CORS_ORIGINS;

  beforeAll(async () => {
    intranet = await startIntranet((api) => intranetPage(api, token));
    process.env.CORS_ORIGINS = `https://intra.example.fi, ${intranet.origin}`;
    app = await startTestApp();
    intranet.setApi(app.baseUrl);
    token = await app.token('aino', 'imatra', 'employee');
    browser = await launch();
  }, TIMEOUT);

  afterAll(async () => {
    if (previousCors === undefined) delete process.env.CORS_ORIGINS;
    else process.env.CORS_ORIGINS = previousCors;
    await browser?.close();
    await app?.close();
    await intranet?.close();
  });

  it('answers preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${app.baseUrl}/api/ideas`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    const allowed = await preflight(intranet.origin);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(intranet.origin);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('shows the API field errors, then submits and lists the idea with its stage and history', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(intranet.origin);
    const widget = page.locator('idea-widget');
    await widget.locator('#f-title').waitFor();
    // Everything lives in the widget's shadow root, not in the intranet's document.
    expect(await page.evaluate(() => document.querySelector('#f-title'))).toBeNull();

    await widget.getByLabel('Otsikko').fill('Ei');
    await widget.getByLabel('Linkki kuvaan, ääneen tai videoon').fill('kuva.jpg');
    await widget.getByRole('button', { name: 'Lähetä idea' }).click();
    await page.waitForFunction(() => document.querySelector('idea-widget')!.shadowRoot!.querySelector('#e-title')!.textContent !== '');
    // The API's problem details name the fields; the widget says what is wrong in the page's language.
    expect(await widget.locator('#e-title').textContent()).toBe('Kirjoita vähintään 3 merkkiä.');
    expect(await widget.locator('#e-description').textContent()).toBe('Kenttä on pakollinen.');
    expect(await widget.locator('#f-title').getAttribute('aria-invalid')).toBe('true');
    expect(await widget.locator('#f-description').getAttribute('aria-invalid')).toBe('true');
    expect(await widget.locator('#f-title').getAttribute('aria-describedby')).toBe('e-title');
    expect(await widget.locator('#e-media').textContent()).toBe('Anna verkko-osoite, joka alkaa https://.');
    expect(await widget.locator('#e-sector').textContent()).toBe('');
    expect(await widget.locator('#live').getAttribute('aria-live')).toBe('polite');
    expect(await widget.locator('#live').textContent()).toContain('Tarkista merkityt kentät');
    // The first invalid field has the focus.
    expect(await page.evaluate(() => document.querySelector('idea-widget')!.shadowRoot!.activeElement?.id)).toBe('f-title');
    await screenshot(page, 'widget-field-error', { docs: true });

    await widget.getByLabel('Otsikko').fill('Kuvalliset päiväjärjestykset ryhmiin');
    await widget.getByLabel('Kuvaus').fill('Lapset hahmottavat päivän kulun kuvista.');
    await widget.getByLabel('Mikä ongelma ratkeaa?').fill('Siirtymät ruokailuun ja ulkoiluun venyvät.');
    await widget.getByLabel('Toimiala').selectOption('education-and-early-childhood');
    await widget.getByLabel('Teemat (pilkuin eroteltuna)').fill('saavutettavuus, arki');
    await widget.getByLabel('Linkki kuvaan, ääneen tai videoon').fill('https://intra.imatra.fi/kuvat/paivajarjestys.jpg');
    await widget.getByLabel('Linkin laji').selectOption('image');
    await widget.getByRole('button', { name: 'Lähetä idea' }).click();
    await page.waitForFunction(() => document.querySelector('idea-widget')!.shadowRoot!.querySelector('#live')!.textContent!.startsWith('Kiitos'));
    expect(await widget.locator('#f-title').getAttribute('aria-invalid')).toBeNull();
    await screenshot(page, 'widget-submitted');

    const mine = await client(app.baseUrl)('GET', '/api/ideas?mine=true', { token });
    expect(mine.body.items.map((i: { title: string }) => i.title)).toEqual(['Kuvalliset päiväjärjestykset ryhmiin']);
    expect(mine.body.items[0]).toMatchObject({ unit: 'varhaiskasvatus', sector: 'education-and-early-childhood', themes: ['saavutettavuus', 'arki'] });
    const submitted = await client(app.baseUrl)('GET', `/api/ideas/${mine.body.items[0].id}`, { token });
    expect(submitted.body.media).toEqual([{ kind: 'image', url: 'https://intra.imatra.fi/kuvat/paivajarjestys.jpg' }]);

    await widget.getByRole('tab', { name: 'Omat ideani' }).click();
    await widget.getByText('Kuvalliset päiväjärjestykset ryhmiin', { exact: true }).waitFor();
    expect(await widget.locator('.stage').first().textContent()).toBe('Lähetetty');
    await widget.getByText('Vaiheet').click();
    await widget.locator('details ol li').first().waitFor();
    expect(await widget.locator('details ol li').first().textContent()).toContain('Lähetetty');
    await widget.getByRole('textbox', { name: 'Kommentti' }).fill('Kokeillaan ensin Mansikkalassa.');
    await widget.getByRole('button', { name: 'Kommentoi' }).click();
    await widget.getByText('Kokeillaan ensin Mansikkalassa.').waitFor();
    await screenshot(page, 'widget-my-ideas', { docs: true });
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('speaks Swedish and English too', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(intranet.origin);
    await page.locator('idea-widget #f-title').waitFor();
    await page.evaluate(([api, t]) => {
      for (const lang of ['sv', 'en']) {
        const w = document.createElement('idea-widget');
        for (const [k, v] of Object.entries({ id: `w-${lang}`, organisation: 'imatra', unit: 'bibliotek', lang, api, token: t })) w.setAttribute(k, v);
        document.body.append(w);
      }
    }, [app.baseUrl, token]);
    await page.locator('#w-sv').getByRole('button', { name: 'Skicka idén' }).click();
    await page.locator('#w-sv').getByText('Fältet är obligatoriskt.').first().waitFor();
    expect(await page.locator('#w-sv #e-title').textContent()).toBe('Skriv minst 3 tecken.');
    await page.locator('#w-sv').getByLabel('Rubrik').fill('Gemensam bokningskalender');
    await page.locator('#w-sv').getByLabel('Beskrivning').fill('Varje hus har sitt eget häfte.');
    await page.locator('#w-sv').getByRole('button', { name: 'Skicka idén' }).click();
    await page.locator('#w-sv').getByText('Tack! Idén har skickats.').waitFor();
    expect(await page.locator('#w-en').getByRole('tab', { name: 'My ideas' }).count()).toBe(1);
    const mine = await client(app.baseUrl)('GET', '/api/ideas?mine=true', { token });
    expect(mine.body.items.find((i: { title: string }) => i.title === 'Gemensam bokningskalender')).toMatchObject({ language: 'sv', unit: 'bibliotek' });
    expect(errors).toEqual([]);
  }, TIMEOUT);

  it('can be used with the keyboard alone, with a visible focus', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(intranet.origin);
    await page.locator('idea-widget #f-title').waitFor();
    const focused = () => page.evaluate(() => {
      const inner = document.activeElement?.shadowRoot?.activeElement as any;
      return inner ? { id: inner.id, text: inner.textContent, outline: getComputedStyle(inner).outlineStyle } : null;
    });
    let tabs = 0;
    while ((await focused())?.id !== 'f-title') {
      await page.keyboard.press('Tab');
      if (++tabs > 10) throw new Error('Tab never reached the title field');
    }
    expect((await focused())!.outline).toBe('solid');
    await page.keyboard.type('Kierrätyspisteet kaikkiin taukotiloihin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Taukotiloista puuttuvat lajitteluastiat.');
    await page.keyboard.press('Tab'); // problem
    await page.keyboard.press('Tab'); // proposal
    await page.keyboard.press('Tab'); // sector
    expect((await focused())!.id).toBe('f-sector');
    await page.keyboard.press('Tab'); // themes
    await page.keyboard.type('ympäristö');
    await page.keyboard.press('Tab'); // media link
    expect((await focused())!.id).toBe('f-media');
    await page.keyboard.press('Tab'); // kind of link
    await page.keyboard.press('Tab'); // attach a file
    await page.keyboard.press('Tab'); // take a photo or video
    await page.keyboard.press('Tab'); // record a voice note
    expect((await focused())!.text).toBe('Äänitä viesti');
    await page.keyboard.press('Tab'); // anonymous
    expect((await focused())!.id).toBe('f-anonymous');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect((await focused())!.text).toBe('Lähetä idea');
    await screenshot(page, 'widget-keyboard-focus', { docs: true });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('idea-widget')!.shadowRoot!.querySelector('#live')!.textContent!.startsWith('Kiitos'));
    const mine = await client(app.baseUrl)('GET', '/api/ideas?mine=true', { token });
    const idea = mine.body.items.find((i: { title: string }) => i.title === 'Kierrätyspisteet kaikkiin taukotiloihin');
    expect(idea).toMatchObject({ anonymous: true, themes: ['ympäristö'] });
    // Arrow keys move between the tabs.
    await page.keyboard.press('Shift+Tab');
    let back = 0;
    while ((await focused())?.id !== 'tab-new') {
      await page.keyboard.press('Shift+Tab');
      if (++back > 15) throw new Error('Shift+Tab never reached the tabs');
    }
    await page.keyboard.press('ArrowRight');
    expect((await focused())!.id).toBe('tab-mine');
    await page.locator('idea-widget').getByText('Kierrätyspisteet kaikkiin taukotiloihin', { exact: true }).waitFor();
    expect(errors).toEqual([]);
  }, TIMEOUT);
});
