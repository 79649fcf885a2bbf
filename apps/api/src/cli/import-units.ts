// Imports an organisation's units with their headcounts from CSV; every change is kept as a UnitHeadcountSet event.
//   npm run import:units -- <organisation> <units.csv>
// In embedded mode stop the running app first: the embedded database is opened by one process at a time.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InsightService } from '#insight';
import { commandMetadata, loadConfig, ORGANISATION_ID, ProblemException, type Actor } from '#platform';
import { createRuntime } from '../runtime.js';

const HELP = `Imports an organisation's units with their headcounts (unit activity is figured per 100 staff).

Usage: npm run import:units -- <organisation> <units.csv>

CSV (UTF-8, header first, columns in any order):
  unit        required  the unit id ideas use in their "unit" field, 1–100 characters
  headcount   required  whole number 0–1000000
  valid_from  required  YYYY-MM-DD: the headcount holds from this day until a later row of the same unit
  name        optional  display name

All or nothing: a file with any bad cell writes nothing and every bad cell is listed ("line 4: headcount").
Rows equal to what is already recorded write nothing, so importing the same file twice changes nothing.
The same import over HTTP: POST /api/organisations/<organisation>/units with Content-Type text/csv.
Exit codes: 0 imported; 1 the file had errors; 2 usage error (no such file, bad organisation).
Environment: DATABASE_URL (else the embedded database in DATA_DIR: stop the app first).`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(HELP);
    return 0;
  }
  if (argv.length !== 2) throw new UsageError(`Give the organisation and the file.\n\n${HELP}`);
  const [organisation, file] = argv;
  if (!ORGANISATION_ID.test(organisation)) throw new UsageError(`"${organisation}" is not an organisation id (lower-case letters, digits and dashes, e.g. imatra).`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(resolve(file)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `No such file: ${file}` : code ? `Cannot read ${file}: ${(error as Error).message}` : `${file} is not UTF-8 text.`);
  }
  const runtime = await createRuntime(loadConfig(process.env, []));
  try {
    const insight = new InsightService(runtime.dataSource, runtime.store);
    const importer: Actor = { subject: 'import', organisation, roles: ['org-editor'] };
    const runId = randomUUID();
    const result = await insight.importUnits(organisation, text, commandMetadata(importer, runtime.pseudonymizer.of(importer), new Date(), runId));
    console.log(`${file}: ${result.rows} row(s); ${result.changed} headcount(s) recorded, ${result.unchanged} already as recorded`);
    return 0;
  } catch (error) {
    if (error instanceof ProblemException) {
      console.error(error.problem.detail);
      for (const problem of error.problem.errors ?? []) console.error(`  ${problem.field}: ${problem.message}`);
      return 1;
    }
    throw error;
  } finally {
    await runtime.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}

export { main as importUnitsCli };
