// The widget on an intranet page of another origin records a voice note (Chromium's fake microphone), lets the
// author listen to it, uploads it with a photo picked from a file, and sends the idea carrying both.
import type { Browser } from 'playwright-core';
import { client, startTestApp, type TestApp } from '../support/app.js';
import { pngWithGps } from '../support/media-fixtures.js';
import { launch, newPage, screenshot, startIntranet, TIMEOUT } from './support.js';

declare const document: any, localStorage: any;

const intranetPage = (api: string, token: string) => `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Intranet</title></head>
<body><main><h1>Ajankohtaista</h1>
<idea-widget organisation="imatra" unit="kotihoito" lang="fi" api="${api}" token="${token}"></idea-widget></main>
<script src="${api}/widget.js"></script></body></html>`;

describe('voice notes and photos from the intranet widget (another origin)', () => {
  let app: TestApp;
  let browser: Browser;
  let intranet: Awaited<ReturnType<typeof startIntranet>>;
  let token = '';
  const previousCors = process.env.CORS_ORIGINS;

  beforeAll(async () => {
    intranet = await startIntranet((api) => intranetPage(api, token));
    process.env.CORS_ORIGINS = intranet.origin;
    app = await startTestApp();
    intranet.setApi(app.baseUrl);
    token = await app.token('hoitaja-helmi', 'imatra', 'employee');
    browser = await launch({ fakeMedia: true });
  }, TIMEOUT);

  afterAll(async () => {
    if (previousCors === undefined) delete process.env.CORS_ORIGINS;
    else process.env.CORS_ORIGINS = previousCors;
    await browser?.close();
    await app?.close();
    await intranet?.close();
  });

  it(
    'records a voice note with a running timer, plays it back before sending, and submits it with a photo',
    async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(intranet.origin);
      const widget = page.locator('idea-widget');
      await widget.locator('#f-title').waitFor();

      await widget.getByRole('button', { name: 'Äänitä viesti' }).click();
      const timer = widget.getByRole('timer');
      await timer.waitFor({ state: 'visible' });
      await page.waitForFunction(() => document.querySelector('idea-widget').shadowRoot.querySelector('.timer').textContent >= '0:02', undefined, { timeout: 15_000 });
      expect(await widget.getByRole('button', { name: 'Lopeta äänitys' }).getAttribute('aria-pressed')).toBe('true');
      await widget.getByRole('button', { name: 'Lopeta äänitys' }).click();

      // Listen before sending: a player of the recording, then attach it.
      const player = widget.getByLabel('Kuuntele ennen lähettämistä');
      await player.waitFor();
      expect(await player.evaluate((audio: any) => audio.src.startsWith('blob:'))).toBe(true);
      await screenshot(page, 'widget-voice-note-review');
      await widget.getByRole('button', { name: 'Liitä äänite' }).click();

      // A photo from the file picker.
      await widget.locator('input[type=file]:not([capture])').setInputFiles({ name: 'vaunu.png', mimeType: 'image/png', buffer: pngWithGps() });
      await page.waitForFunction(() => document.querySelector('idea-widget').shadowRoot.querySelectorAll('li.item[data-media-id]').length === 2, undefined, { timeout: 30_000 });
      const alts = widget.getByLabel('Kuvaile kuva tai kerro, mitä tallenteessa sanotaan');
      await alts.nth(0).fill('Asiakkaan rollaattorin jarru ei pidä.');
      await alts.nth(1).fill('Rikkinäinen tarjoiluvaunu.');

      await widget.getByLabel('Otsikko').fill('Rollaattorien jarrujen tarkistus kotikäynneillä');
      await widget.getByLabel('Kuvaus').fill('Ääniviestissä kerron, mitä huomasin.');
      await widget.getByLabel('Toimiala').selectOption('social-and-health');
      await widget.getByRole('button', { name: 'Lähetä idea' }).click();
      await page.waitForFunction(() => document.querySelector('idea-widget').shadowRoot.querySelector('#live').textContent.includes('Kiitos'), undefined, { timeout: 30_000 });
      await screenshot(page, 'widget-voice-note-sent');
      expect(errors).toEqual([]);

      // The idea carries the recording and the photo, described by the author.
      const call = client(app.baseUrl);
      const mine = await call('GET', '/api/ideas?mine=true', { token });
      expect(mine.body.items).toHaveLength(1);
      const idea = await call('GET', `/api/ideas/${mine.body.items[0].id}`, { token });
      const [voice, photo] = idea.body.media;
      expect(voice).toMatchObject({ kind: 'audio', alt: 'Asiakkaan rollaattorin jarru ei pidä.' });
      expect(voice.type).toMatch(/^audio\/(webm|ogg|mp4)$/);
      expect(photo).toMatchObject({ kind: 'image', type: 'image/png', width: 32, height: 24, alt: 'Rikkinäinen tarjoiluvaunu.' });
      const recording = await fetch(app.baseUrl + voice.url, { headers: { authorization: `Bearer ${token}`, range: 'bytes=0-3' } });
      expect(recording.status).toBe(206);
      expect(Buffer.from(await recording.arrayBuffer()).length).toBe(4);
      const sound = await fetch(app.baseUrl + voice.url, { headers: { authorization: `Bearer ${token}` } });
      expect(Number(sound.headers.get('content-length'))).toBeGreaterThan(1000);
    },
    TIMEOUT,
  );

  it(
    "shows the photo's thumbnail on the board card and, on the idea's page, the picture and a labelled player with the text alternatives",
    async () => {
      const { page, errors } = await newPage(browser, { width: 360, height: 800 });
      const agent = await app.token('muutosagentti', 'imatra', 'change-agent');
      await page.addInitScript((t: string) => localStorage.setItem('kehittamo.token', t), agent);
      await page.goto(`${app.baseUrl}/board.html`);
      const thumb = page.locator('.card img.thumb');
      await thumb.waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector('.card img.thumb');
        return img && img.complete && img.naturalWidth > 0;
      });
      expect(await thumb.getAttribute('alt')).toBe('Rikkinäinen tarjoiluvaunu.');
      expect(await thumb.getAttribute('width')).toBe('32');
      await page.locator('.card-open').first().click();
      const audio = page.locator('#detail figure.audio audio');
      await audio.waitFor();
      await page.waitForFunction(() => document.querySelector('#detail figure.audio audio').src.startsWith('blob:'));
      expect(await audio.getAttribute('controls')).not.toBeNull();
      expect(await audio.getAttribute('aria-label')).toBe('Äänite 1');
      const describedBy = await audio.getAttribute('aria-describedby');
      expect(await page.locator(`#${describedBy}`).textContent()).toBe('Asiakkaan rollaattorin jarru ei pidä.');
      await page.waitForFunction(() => document.querySelector('#detail figure.image img').naturalWidth > 0);
      expect(await page.locator('#detail figure.image img').getAttribute('alt')).toBe('Rikkinäinen tarjoiluvaunu.');
      // Phone width: nothing runs out sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(page, 'board-idea-media');
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "attaches a photo to a comment from the widget's own ideas list, and the board shows it with the comment",
    async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(intranet.origin);
      const widget = page.locator('idea-widget');
      await widget.getByRole('tab', { name: 'Omat ideani' }).click();
      await widget.getByText('Vaiheet').click();
      const details = widget.locator('details');
      await details.locator('ol li').first().waitFor();
      await details.locator('input[type=file]:not([capture])').setInputFiles({ name: 'jarru.png', mimeType: 'image/png', buffer: pngWithGps(20, 14) });
      await page.waitForFunction(() => document.querySelector('idea-widget').shadowRoot.querySelectorAll('details li.item[data-media-id]').length === 1, undefined, { timeout: 30_000 });
      await details.getByLabel('Kuvaile kuva tai kerro, mitä tallenteessa sanotaan').fill('Jarrun kulunut pala.');
      await details.getByRole('textbox', { name: 'Kommentti' }).fill('Tässä vielä kuva jarrusta.');
      await details.getByRole('button', { name: 'Kommentoi' }).click();
      await widget.locator('ul.comments li', { hasText: 'Tässä vielä kuva jarrusta.' }).waitFor();
      // The control is emptied for the next comment.
      expect(await details.locator('li.item').count()).toBe(0);
      expect(errors).toEqual([]);

      const call = client(app.baseUrl);
      const mine = await call('GET', '/api/ideas?mine=true', { token });
      const idea = await call('GET', `/api/ideas/${mine.body.items[0].id}`, { token });
      const comment = idea.body.comments.find((c: any) => c.text === 'Tässä vielä kuva jarrusta.');
      expect(comment.media).toEqual([expect.objectContaining({ kind: 'image', type: 'image/png', width: 20, height: 14, alt: 'Jarrun kulunut pala.' })]);

      // A change agent opens the idea on the board: the photo is under the comment.
      const board = await newPage(browser, { width: 360, height: 800 });
      const agent = await app.token('muutosagentti', 'imatra', 'change-agent');
      await board.page.addInitScript((t: string) => localStorage.setItem('kehittamo.token', t), agent);
      await board.page.goto(`${app.baseUrl}/board.html`);
      await board.page.locator('.card-open').first().click();
      const photo = board.page.locator('#detail li[data-event=IdeaCommented] figure.image img');
      await photo.waitFor();
      await board.page.waitForFunction(() => document.querySelector('#detail li[data-event=IdeaCommented] figure.image img').naturalWidth > 0);
      expect(await photo.getAttribute('alt')).toBe('Jarrun kulunut pala.');
      expect(await board.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(board.page, 'board-comment-media');
      expect(board.errors).toEqual([]);
    },
    TIMEOUT,
  );
});
