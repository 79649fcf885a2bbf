// docker-compose.yml cannot be run on our build machines (no Docker engine), so keep it honest here:
// every process it starts exists, and every variable it sets for our code is one the code reads.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}
const code = [...sourceFiles(join(root, 'apps')), ...sourceFiles(join(root, 'libs'))].map((f) => readFileSync(f, 'utf8')).join('\n');

/** Variables set in the anchors and services that run our image (everything from "x-env" on, minus third-party images). */
function ourVariables(): string[] {
  const names = new Set<string>();
  let top = '';
  let service = '';
  for (const line of compose.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const topKey = /^([\w-]+):/.exec(line);
    if (topKey) top = topKey[1];
    const serviceKey = /^ {2}([\w-]+):/.exec(line);
    if (top === 'services' && serviceKey) service = serviceKey[1];
    const ours = top === 'x-env' || (top === 'services' && ['api', 'relay', 'projector'].includes(service));
    const variable = /^\s+([A-Z][A-Z0-9_]+):/.exec(line);
    if (ours && variable) names.add(variable[1]);
  }
  return [...names];
}

describe('docker-compose.yml', () => {
  it('starts only entry points that exist in the code', () => {
    const commands = [...compose.matchAll(/command: \["node", "dist\/(apps\/[\w-]+\/src\/[\w/-]+)\.js"\]/g)].map((m) => m[1]);
    expect(commands.sort()).toEqual(['apps/api/src/main', 'apps/projector/src/main', 'apps/relay/src/main']);
    for (const command of commands) expect(existsSync(join(root, `${command}.ts`))).toBe(true);
  });

  it('sets only variables that the code reads', () => {
    const variables = ourVariables();
    expect(variables).toEqual(expect.arrayContaining(['DATABASE_URL', 'EVENT_STORE', 'KURRENTDB_CONNECTION_STRING', 'KAFKA_BROKERS', 'PROJECTIONS', 'FEED']));
    for (const name of variables) expect({ name, read: new RegExp(`\\b${name}\\b`).test(code) }).toEqual({ name, read: true });
  });

  it('publishes the API port the app listens on, and every service builds from the Dockerfile that exists', () => {
    expect(compose).toMatch(/"3000:3000"/);
    expect(compose).toMatch(/PORT: "3000"/);
    expect(compose).toMatch(/dockerfile: infra\/Dockerfile/);
    expect(existsSync(join(root, 'infra/Dockerfile'))).toBe(true);
    const dockerfile = readFileSync(join(root, 'infra/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/COPY --from=build \/app\/libs\/messaging\/schemas/);
  });
});
