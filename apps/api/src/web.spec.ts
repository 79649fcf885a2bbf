// The pages in the container image: the Dockerfile ships the built bundles where web.ts looks for them, and a
// layout like the image's (compiled code, pages and bundles, no sources) is served as it is.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import express from 'express';
import { mountWeb, webRoot, webRootCandidates } from './web.js';

describe('web assets in the container image', () => {
  it('builds the bundles before pruning dev dependencies and copies them to a place web.ts looks at', async () => {
    const dockerfile = await readFile(join(process.cwd(), 'infra/Dockerfile'), 'utf8');
    const [build, runtime] = dockerfile.split(/^FROM .*$/m).slice(1);
    expect(build).toMatch(/RUN npm run build && npm run build:web && npm prune --omit=dev/);
    const workdir = /^WORKDIR (\S+)$/m.exec(runtime)![1];
    const copies = [...runtime.matchAll(/^COPY --from=build \/app\/apps\/api\/web\/(public|dist) (\S+)$/gm)].map((m) => [m[1], posix.resolve(workdir, m[2])]);
    expect(copies.map(([what]) => what).sort()).toEqual(['dist', 'public']);
    // The image runs dist/apps/api/src/main.js from the working directory.
    const candidates = webRootCandidates(posix.join(workdir, 'dist/apps/api/src'), workdir);
    for (const [what, target] of copies) expect(candidates.map((c) => posix.join(c, what))).toContain(target);
  });

  describe('a layout like the image', () => {
    let dir: string;
    let server: Server;
    let base: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kehittamo-web-'));
      await mkdir(join(dir, 'dist/apps/api/src'), { recursive: true });
      await mkdir(join(dir, 'apps/api/web/public'), { recursive: true });
      await mkdir(join(dir, 'apps/api/web/dist'), { recursive: true });
      await writeFile(join(dir, 'apps/api/web/public/jury.html'), '<!doctype html><title>Tuomariston huone</title>');
      await writeFile(join(dir, 'apps/api/web/dist/widget.js'), 'customElements.define("idea-widget", class extends HTMLElement {});');
      const root = webRoot(join(dir, 'dist/apps/api/src'), '/');
      expect(root).toBe(join(dir, 'apps/api/web'));
      const app = express();
      mountWeb(app, root);
      server = await new Promise<Server>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
      await rm(dir, { recursive: true, force: true });
    });

    it('serves the pages and the bundles without sources to rebuild from', async () => {
      const page = await fetch(`${base}/jury.html`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Tuomariston huone');
      const widget = await fetch(`${base}/widget.js`);
      expect(widget.status).toBe(200);
      expect(widget.headers.get('content-type')).toMatch(/javascript/);
      expect(await widget.text()).toContain('idea-widget');
      expect((await fetch(`${base}/board.js`)).status).toBe(404);
    });
  });
});
