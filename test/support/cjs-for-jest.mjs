// Jest (ESM mode) cannot load a CommonJS package that requires Nest 12's ESM-only packages: its own
// require() refuses ES modules, where Node's does not. For such packages this builds, once, an ES module
// copy whose require() of those packages is served by real imports (so tests share one @nestjs/common with
// the code under test). jest.config.js maps the package's name to the copy.
import { buildSync } from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** Returns the path of the ES module copy of `name` under `outDir`. */
export function esmCopy(name, outDir) {
  const entry = require.resolve(name);
  const outfile = join(outDir, `${name.replace(/[@/]/g, '_')}.mjs`);
  if (existsSync(outfile) && statSync(outfile).mtimeMs >= statSync(entry).mtimeMs) return outfile;
  const packages = ['@nestjs/common', '@nestjs/core', 'rxjs', 'reflect-metadata'];
  const builtins = ['async_hooks', 'net', 'crypto'].flatMap((b) => [b, `node:${b}`]);
  const externals = [...packages, ...builtins];
  const names = Object.keys(require(name)).filter((key) => key !== 'default' && key !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(key));
  const imports = externals.map((ext, i) => `import * as __ext${i} from '${builtins.includes(ext) && !ext.startsWith('node:') ? `node:${ext}` : ext}';`);
  const table = `const require = (id) => { const found = { ${externals.map((ext, i) => `${JSON.stringify(ext)}: __ext${i}`).join(', ')} }[id]; if (!found) throw new Error('not bundled: ' + id); return found; };`;
  buildSync({
    stdin: { contents: `const m = require(${JSON.stringify(name)});\nexport const { ${names.join(', ')} } = m;\nexport default m;\n`, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    external: externals,
    banner: { js: `${imports.join('\n')}\n${table}` },
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
