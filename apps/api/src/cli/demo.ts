// Loads the demo data (ideas, Tekojen tori, campaigns), brings the read models up to date and prints what is there.
//   npm run demo
// In embedded mode the app must not be running: the embedded database belongs to one process at a time.
// To load the demo into a running app, start it with: npm start -- --demo
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, DatabaseInUseError, loadConfig, type AppConfig } from '#platform';
import { rankStandings } from '#deeds';
import { SECTORS, STAGES } from '#ideas';
import { DEMO_CATALOGUE_ORGANISATIONS, DEMO_ORGANISATIONS, loadDemoData } from '../demo-data.js';
import { createRuntime, type Runtime } from '../runtime.js';

const STOP_FIRST = 'Stop the app first, or load the demo into it with: npm start -- --demo';

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function open(config: AppConfig): Promise<Runtime> {
  try {
    return await createRuntime(config);
  } catch (error) {
    if (error instanceof DatabaseInUseError) fail(`${error.message}\n${STOP_FIRST}`);
    fail(`Could not open the database: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface StageCount {
  organisation: string;
  stage: string;
  ideas: number;
}

function printSummary(rows: StageCount[], events: number): void {
  const organisations = [...new Set([...DEMO_ORGANISATIONS, ...rows.map((row) => row.organisation)])].filter((org) =>
    rows.some((row) => row.organisation === org),
  );
  const count = (org: string, stage: string) => rows.find((row) => row.organisation === org && row.stage === stage)?.ideas ?? 0;
  const width = Math.max('organisation'.length, ...organisations.map((org) => org.length));
  const columns = [...STAGES, 'total'];
  const line = (label: string, cells: (string | number)[]) => `  ${label.padEnd(width)}  ${cells.map((cell, i) => String(cell).padStart(columns[i].length)).join('  ')}`;
  console.log('');
  console.log(`Ideas per stage (${events} events in the store):`);
  console.log(line('organisation', columns));
  for (const org of organisations) {
    const counts = STAGES.map((stage) => count(org, stage));
    console.log(line(org, [...counts, counts.reduce((a, b) => a + b, 0)]));
  }
  const totals = STAGES.map((stage) => rows.filter((row) => row.stage === stage).reduce((sum, row) => sum + row.ideas, 0));
  console.log(line('all', [...totals, totals.reduce((a, b) => a + b, 0)]));
}

function printHints(port: number, example?: { id: string; organisation: string; status: string }): void {
  console.log('');
  console.log('Start the app and look around:');
  console.log('  npm start');
  console.log('  export T=$(npm run --silent token -- --sub alice --org imatra --roles employee,change-agent)');
  console.log(`  curl -s localhost:${port}/api/funnel -H "Authorization: Bearer $T"`);
  console.log(`  (other organisations: ${DEMO_ORGANISATIONS.filter((org) => org !== 'imatra').join(', ')}; alice has ideas of her own in imatra)`);
  console.log('Tekojen tori and the campaigns need no login:');
  console.log(`  curl -s -G localhost:${port}/api/catalogue/deeds --data-urlencode q=kehittämisteot   (curl sends ä unencoded otherwise: 400)`);
  console.log(`  curl -s localhost:${port}/api/catalogue/stats`);
  console.log(`  curl -s localhost:${port}/api/campaigns`);
  if (example) {
    console.log(`A deed as its editors see it (${example.status === 'draft' ? 'this one is a draft, drafted from an adopted idea' : 'this one has a second revision'}):`);
    console.log(`  export E=$(npm run --silent token -- --sub editor --org ${example.organisation} --roles employee,org-editor)`);
    console.log(`  curl -s localhost:${port}/api/deeds/${example.id} -H "Authorization: Bearer $E"`);
  }
}

const SECTOR_LABELS: Record<string, string> = {
  'social-and-health': 'social',
  'education-and-early-childhood': 'education',
  technical: 'technical',
  'business-and-support': 'support',
  'culture-and-leisure': 'culture',
  'food-and-cleaning': 'food',
  'whole-organisation': 'whole-org',
};

interface DeedCount {
  year: number;
  sector: string;
  deeds: number;
}

interface DeedStatus {
  status: string;
  deeds: number;
  revised: number;
  from_ideas: number;
  organisations: number;
}

interface CampaignRow {
  id: string;
  name: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  winner: string | null;
  final_standings: { organisation: string; deeds: number }[] | null;
}

function printDeeds(rows: DeedCount[], statuses: DeedStatus[]): void {
  const years = [...new Set(rows.map((row) => row.year))].sort((a, b) => a - b);
  const columns = [...SECTORS.map((sector) => SECTOR_LABELS[sector] ?? sector), 'total'];
  const count = (year: number | null, sector: string | null) =>
    rows.filter((row) => (year === null || row.year === year) && (sector === null || row.sector === sector)).reduce((sum, row) => sum + row.deeds, 0);
  const line = (label: string, cells: (string | number)[]) => `  ${label.padEnd(5)}  ${cells.map((cell, i) => String(cell).padStart(columns[i].length)).join('  ')}`;
  const by = (status: string) => statuses.find((s) => s.status === status);
  const published = by('published');
  const organisations = published?.organisations ?? 0;
  console.log('');
  console.log(
    `Tekojen tori: ${published?.deeds ?? 0} published deeds of ${organisations} organisations ` +
      `(${published?.revised ?? 0} revised, ${statuses.reduce((sum, s) => sum + s.from_ideas, 0)} from ideas; ` +
      `${by('draft')?.deeds ?? 0} drafts, ${by('unpublished')?.deeds ?? 0} unpublished). Published deeds per year and sector:`,
  );
  console.log(line('year', columns));
  for (const year of years) console.log(line(String(year), [...SECTORS.map((sector) => count(year, sector)), count(year, null)]));
  console.log(line('all', [...SECTORS.map((sector) => count(null, sector)), count(null, null)]));
}

async function printCampaigns(runtime: Runtime): Promise<void> {
  const campaigns: CampaignRow[] = await runtime.dataSource.query(
    `SELECT id, name, starts_at, ends_at, status, winner, final_standings FROM campaign_views ORDER BY starts_at`,
  );
  const names = new Map(DEMO_CATALOGUE_ORGANISATIONS.map((org) => [org.id, org.name]));
  const day = (at: Date) => new Date(at).toLocaleDateString('fi-FI', { timeZone: 'Europe/Helsinki' });
  console.log('');
  console.log('Campaigns ("Suomen kekseliäin kunta": the most deeds published in the window):');
  const now = new Date();
  for (const campaign of campaigns) {
    const window = `${day(campaign.starts_at)}–${day(new Date(new Date(campaign.ends_at).getTime() - 1))}`;
    if (campaign.status === 'closed') {
      const top = campaign.final_standings?.[0];
      const winner = campaign.winner ? `${names.get(campaign.winner) ?? campaign.winner}${top ? ` (${top.deeds} deeds)` : ''}` : 'nobody';
      console.log(`  ${campaign.name.padEnd(22)} ${window.padEnd(23)} closed   winner: ${winner}`);
      continue;
    }
    // Still open: the standings so far, computed as GET /api/campaigns/{id}/standings does.
    const rows: { organisation: string; sector: string; first_published_at: Date }[] = await runtime.dataSource.query(
      `SELECT organisation, sector, first_published_at FROM deed_entries
       WHERE first_published_at >= $1 AND first_published_at < $2 AND NOT (status = 'unpublished' AND unpublished_at < $2)`,
      [campaign.starts_at, campaign.ends_at],
    );
    const standings = rankStandings(
      rows.map((row) => ({ organisation: row.organisation, sector: row.sector, publishedAt: new Date(row.first_published_at) })),
      new Date(campaign.starts_at),
      new Date(campaign.ends_at),
    );
    const phase = now < new Date(campaign.starts_at) ? 'upcoming' : now < new Date(campaign.ends_at) ? 'running' : 'ended';
    const leader = standings[0] ? `${names.get(standings[0].organisation) ?? standings[0].organisation} (${standings[0].deeds} deeds)` : 'nobody yet';
    console.log(`  ${campaign.name.padEnd(22)} ${window.padEnd(23)} ${phase.padEnd(8)} leading: ${leader}`);
    console.log(`    curl -s localhost:${runtime.config.port}/api/campaigns/${campaign.id}/standings`);
  }
}

async function main(): Promise<void> {
  const logger = new Logger('Demo');
  let config: AppConfig;
  try {
    config = loadConfig(process.env, []);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
  const runtime = await open(config);
  try {
    await loadDemoData(runtime, logger, { waitForProjections: false });

    const started = Date.now();
    runtime.runner.start();
    const head = await runtime.store.head();
    const caughtUp = await runtime.runner.waitFor(head.checkpoint, 120_000);
    await runtime.runner.stop();
    if (!caughtUp) {
      const status = await runtime.runner.status();
      const errors = status.filter((s) => s.lastError).map((s) => `${s.name}: ${s.lastError}`);
      throw new Error(`The read models did not catch up within 120 s.${errors.length > 0 ? ` ${errors.join('; ')}` : ''}`);
    }
    logger.log(`Read models up to date (${head.count} events) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

    const rows: StageCount[] = await runtime.dataSource.query(
      `SELECT organisation, stage, count(*)::int AS ideas FROM funnel_facts GROUP BY organisation, stage ORDER BY organisation, stage`,
    );
    printSummary(rows, head.count);
    const deeds: DeedCount[] = await runtime.dataSource.query(
      `SELECT year, sector, count(*)::int AS deeds FROM deed_entries WHERE status = 'published' GROUP BY year, sector ORDER BY year, sector`,
    );
    const statuses: DeedStatus[] = await runtime.dataSource.query(
      `SELECT status, count(*)::int AS deeds, count(*) FILTER (WHERE revision > 1)::int AS revised,
              count(*) FILTER (WHERE source = 'idea')::int AS from_ideas, count(DISTINCT organisation)::int AS organisations
       FROM deed_entries GROUP BY status`,
    );
    printDeeds(deeds, statuses);
    await printCampaigns(runtime);
    const [example] = await runtime.dataSource.query(
      `SELECT id, organisation, status FROM deed_entries WHERE status = 'draft' OR revision > 1 ORDER BY status = 'draft' DESC, updated_at DESC, id LIMIT 1`,
    );
    printHints(config.port, example);

    // The read models must show every submitted idea and drafted deed; if not, the projections skipped events.
    const [{ submitted, drafted }] = await runtime.dataSource.query(
      `SELECT count(*) FILTER (WHERE type = 'IdeaSubmitted')::int AS submitted, count(*) FILTER (WHERE type = 'DeedDrafted')::int AS drafted FROM events`,
    );
    const shown = rows.reduce((sum, row) => sum + row.ideas, 0);
    const listed = statuses.reduce((sum, row) => sum + row.deeds, 0);
    if (shown !== submitted || listed !== drafted) {
      console.error(
        `\nWARNING: the read models show ${shown} ideas and ${listed} deeds, but the event store holds ${submitted} and ${drafted}: the projections skipped events.` +
          `\nRebuild them with: npm run projections:rebuild`,
      );
      process.exitCode = 1;
    }
  } finally {
    await runtime.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
