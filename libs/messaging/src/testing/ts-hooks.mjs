// Module hooks that let a child process run the TypeScript sources directly (fault tests start the
// relay and the projector as real processes): `#alias` imports resolve to the sources as in
// tsconfig.json "paths", `./x.js` resolves to `./x.ts` beside it, and .ts files are transpiled one
// by one with the project's compiler options (as ts-jest does). No build, no dist/ needed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolvePath(dirname(fileURLToPath(import.meta.url)), '../../../..');
const tsconfig = JSON.parse(readFileSync(resolvePath(root, 'tsconfig.json'), 'utf8'));
const aliases = new Map(Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [alias, pathToFileURL(resolvePath(root, target)).href]));
// The compiler is loaded only when a file is not in the cache yet.
let compiler;
async function typescript() {
  compiler ??= import('typescript').then(({ default: ts }) => ({
    ts,
    compilerOptions: {
      ...ts.convertCompilerOptionsFromJson(tsconfig.compilerOptions, root).options,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      inlineSourceMap: true,
      sourceMap: false,
      incremental: false,
      declaration: false,
      noEmit: false,
    },
  }));
  return compiler;
}

// Transpiled output is cached by content, so the second start of a process skips the compiler.
const cacheDir = resolvePath(tmpdir(), 'kehittamo-ts-hooks');
// The cache key covers the source, the tsconfig and the installed compiler's version.
const tsVersion = JSON.parse(readFileSync(resolvePath(root, 'node_modules/typescript/package.json'), 'utf8')).version;
const optionsHash = createHash('sha1').update(tsVersion).update(JSON.stringify(tsconfig.compilerOptions)).update('esnext-inline-map-1').digest('hex');

async function transpile(file) {
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha1').update(optionsHash).update(file).update(source).digest('hex');
  const cached = resolvePath(cacheDir, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  const { ts, compilerOptions } = await typescript();
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: file });
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${cached}.${process.pid}.tmp`;
    writeFileSync(temp, outputText);
    renameSync(temp, cached);
  } catch {
    // a cache is an optimisation only
  }
  return outputText;
}

export async function resolve(specifier, context, next) {
  const alias = aliases.get(specifier);
  if (alias) return { url: alias, shortCircuit: true };
  if (context.parentURL?.endsWith('.ts') && (specifier.startsWith('./') || specifier.startsWith('../')) && specifier.endsWith('.js')) {
    const candidate = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  return { format: 'module', source: await transpile(fileURLToPath(url)), shortCircuit: true };
}
