// Bundles the widget and the pages with esbuild into apps/api/web/dist (served by the API at /widget.js, /board.js, …).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const entries = ['widget', 'board', 'tori', 'funnel', 'jury', 'static', 'accessibility', 'editor', 'settings', 'nominations', 'gala', 'results', 'coordinator'];
await build({
  entryPoints: entries.map((name) => join(here, 'src', `${name}.mts`)),
  outdir: join(here, 'dist'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
});
for (const name of entries) {
  const code = readFileSync(join(here, 'dist', `${name}.js`));
  console.log(`${name}.js: ${(code.length / 1024).toFixed(1)} kB, gzipped ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} kB`);
}
