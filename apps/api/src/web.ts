// The static pages (board, Tekojen tori, funnel) and the intranet widget, served by the API without a token
// (the CORS allow-list that lets the widget call the API from an intranet is in cors.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';

/**
 * Where `apps/api/web` may be: beside the sources (tests), from `dist/apps/api/src` (npm start, and the container
 * image, which copies `apps/api/web/{public,dist}` to `/app/apps/api/web`), or under the working directory.
 */
export function webRootCandidates(moduleDir: string, cwd: string): string[] {
  return [resolve(moduleDir, '../web'), resolve(moduleDir, '../../../../apps/api/web'), resolve(cwd, 'apps/api/web')];
}

/** The first candidate that holds the pages (`public`). */
export function webRoot(moduleDir = dirname(fileURLToPath(import.meta.url)), cwd = process.cwd()): string | undefined {
  return webRootCandidates(moduleDir, cwd).find((dir) => existsSync(join(dir, 'public')));
}

/** `/`, `/board.html`, `/tori.html`, `/funnel.html` and the bundles (`/widget.js`, …) built by `npm run build:web`. */
export function mountWeb(app: { use(handler: express.RequestHandler): unknown }, root = webRoot()): void {
  if (!root) return;
  ensureBundles(root);
  const options = { index: 'index.html', maxAge: '5m', fallthrough: true };
  app.use(express.static(join(root, 'public'), options));
  if (existsSync(join(root, 'dist'))) app.use(express.static(join(root, 'dist'), options));
}

/** Builds the bundles when they are missing or older than their sources and esbuild is installed (a development checkout). */
function ensureBundles(root: string): void {
  const newest = (dir: string) => (existsSync(dir) ? Math.max(0, ...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs)) : 0);
  const built = existsSync(join(root, 'dist', 'widget.js')) ? statSync(join(root, 'dist', 'widget.js')).mtimeMs : 0;
  if (built >= newest(join(root, 'src'))) return;
  try {
    execFileSync(process.execPath, [join(root, 'build.mjs')], { stdio: 'ignore', timeout: 30_000 });
  } catch {
    /* no esbuild here (production image): serve what was built, if anything */
  }
}
