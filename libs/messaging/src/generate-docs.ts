// Writes docs/integration-events.md from the schemas: `npm run docs:events` (`-- --check` only compares).
import { readFileSync, writeFileSync } from 'node:fs';
import { integrationDocsFile, renderIntegrationDocs } from './docs.js';
import { loadSchemas } from './schemas.js';

function main(): void {
  const page = renderIntegrationDocs(loadSchemas());
  const file = integrationDocsFile();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing: out of date
    }
    if (current !== page) {
      console.error(`${file} is out of date: run npm run docs:events`);
      process.exit(1);
    }
    console.log(`${file} is up to date.`);
    return;
  }
  writeFileSync(file, page);
  console.log(`Wrote ${file}`);
}

main();
