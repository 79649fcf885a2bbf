// Writes the matrix into docs/authorization.md from the access policy: `npm run docs:authz` (`-- --check` only compares).
import { readFileSync, writeFileSync } from 'node:fs';
import { authorizationDocsFile, withMatrix } from './authorization-docs.js';

function main(): void {
  const file = authorizationDocsFile();
  const current = readFileSync(file, 'utf8');
  const page = withMatrix(current);
  if (process.argv.includes('--check')) {
    if (current !== page) {
      console.error(`${file} is out of date: run npm run docs:authz`);
      process.exit(1);
    }
    console.log(`${file} is up to date.`);
    return;
  }
  writeFileSync(file, page);
  console.log(`Wrote ${file}`);
}

main();
