// Browser-test helpers: headless Debian Chromium through playwright-core (never a downloaded browser), screenshots.
import { copyFile, mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const TIMEOUT = 120_000;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** `fakeMedia`: a fake microphone and camera, permission granted without asking (for recording in the widget). */
export function launch(options: { fakeMedia?: boolean } = {}): Promise<Browser> {
  const media = options.fakeMedia ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : [];
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, ...media] });
}

/** A page that fails the test on a page error; console errors are collected. */
export async function newPage(browser: Browser, options: { width?: number; height?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 860 }, locale: 'fi-FI' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  return { page, errors };
}

/** Saves test/screenshots/<name>.png, and docs/screenshots/<name>.png when `docs` (the pictures in the README). */
export async function screenshot(page: Page, name: string, options: { docs?: boolean; fullPage?: boolean } = {}): Promise<string> {
  const dir = join(process.cwd(), 'test', 'screenshots');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  if (options.docs && process.env.SAVE_DOC_SCREENSHOTS === '1') {
    await mkdir(join(process.cwd(), 'docs', 'screenshots'), { recursive: true });
    await copyFile(file, join(process.cwd(), 'docs', 'screenshots', `${name}.png`));
  }
  return file;
}

/**
 * A tiny static server on another port: the organisation's intranet, a different origin from the API. `host`:
 * "localhost" (default: another host name as well as another port) or "127.0.0.1" (the same site as a Keycloak on
 * loopback, whose session cookie a browser sends to a hidden frame over plain http only within one site).
 */
export async function startIntranet(html: (apiBase: string) => string, options: { host?: 'localhost' | '127.0.0.1' } = {}): Promise<{ origin: string; setApi(base: string): void; close(): Promise<void> }> {
  let api = '';
  const server: Server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html(api));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://${options.host ?? 'localhost'}:${port}`,
    setApi: (base) => (api = base),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
