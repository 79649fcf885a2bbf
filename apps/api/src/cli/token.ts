// Prints a bearer token signed with the embedded installation's own key.
//   npm run --silent token -- --sub alice --org imatra --roles employee,change-agent [--ttl 3600]
import { parseArgs } from 'node:util';
import { ConfigError, isRole, loadConfig, loadOrCreateLocalKeys, ROLES, signLocalToken } from '#platform';

function fail(message: string): never {
  console.error(message);
  console.error(`usage: npm run --silent token -- --sub <subject> --org <organisation> --roles <${ROLES.join('|')}>[,…] [--ttl <seconds>]`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { sub: { type: 'string' }, org: { type: 'string' }, roles: { type: 'string' }, ttl: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const config = loadConfig();
  if (config.auth.jwksUrl) fail('AUTH_JWKS_URL is set: tokens come from your identity provider, not from this command.');
  if (!values.sub) fail('--sub is required');
  if (!values.org || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.org)) fail('--org is required: a lower-case organisation id such as imatra');
  const roles = (values.roles ?? 'employee').split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) fail(`unknown role(s): ${unknown.join(', ')}`);
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0)) fail('--ttl must be a positive number of seconds');
  const keys = await loadOrCreateLocalKeys(config.dataDir);
  process.stdout.write(
    (await signLocalToken(keys, config.auth, { subject: values.sub, organisation: values.org, roles: roles.filter(isRole), ttlSeconds: ttl })) + '\n',
  );
}

main().catch((error) => {
  if (error instanceof ConfigError) fail(error.message);
  console.error(error);
  process.exit(1);
});
