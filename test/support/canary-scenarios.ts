// The canary run shared by the embedded (e2e) and the PostgreSQL + Kafka (int) suites: every command of every
// context is driven through the HTTP API with a unique canary in every free-text field, media URL, e-mail address
// and person's identity; the bodies are generated from the OpenAPI document, so a field added to a request is
// covered without touching this file. Afterwards the people are erased and the read models rebuilt, and every
// place the system writes to is searched for every canary. Each one found must be listed, with the reason it may
// stay, in test/privacy-allow-list.json.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { outboxDir } from '#notifications';
import { nameBasedId, type Role } from '#platform';
import { pngWithGps } from './media-fixtures.js';
import { client, type Reply, type TestApp } from './app.js';
import { rebuildAll } from './deeds-scenarios.js';
import { expectStatus } from './ideas-scenarios.js';

// ---------------------------------------------------------------------------------------------------------
// Canaries

export interface Canary {
  value: string;
  /** Which field it was put in: `<METHOD> <path template> <field path>` (array indexes as []), or what else. */
  field: string;
}

/** Makes canaries: short, lower-case, letters and digits only, so that no validation or sanitising alters them. */
export class Canaries {
  readonly run = randomBytes(2).toString('hex');
  readonly all = new Map<string, Canary>();
  private n = 0;

  make(field: string): string {
    const value = `kn${this.run}${createHash('sha1').update(`${field}#${++this.n}`).digest('hex').slice(0, 8)}`;
    this.all.set(value, { value, field });
    return value;
  }

  fieldOf(value: string): string | undefined {
    return this.all.get(value)?.field;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Request bodies from the OpenAPI document

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  $ref?: string;
  allOf?: Schema[];
};
export type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };

/**
 * String fields that are not text a person writes: ids, dates, identifiers, and references to something named
 * elsewhere (a pilot's metric, a series' sub-award, a person's subject). The scenario gives their values. Every
 * other string field, present or not in the scenario's body, gets a canary.
 */
const STRUCTURED = new Set([
  'organisation',
  'id',
  'series',
  'key',
  'into',
  'ideaIds',
  'deedId',
  'nominationId',
  'startsOn',
  'endsOn',
  'measuredOn',
  'periodFrom',
  'periodTo',
  'startsAt',
  'endsAt',
  'nominationOpensAt',
  'nominationClosesAt',
  'eligibleFrom',
  'eligibleTo',
  'galaAt',
  'subject',
  'chair',
  'employeeSubject',
  'metric',
  'subAward',
  'bonuses',
  'mediaId',
  'sha256',
]);

export function canaryBodies(doc: OpenApi, canaries: Canaries) {
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf) return schema.allOf.map(resolve).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties } }), {});
    return schema;
  };
  const urlOf = (value: string) => `https://${value}.kanari.example/${value}.jpg`;
  const fill = (schemaIn: Schema, base: unknown, name: string, path: string, label: string): unknown => {
    const schema = resolve(schemaIn);
    if (schema.enum) return base;
    const leaf = schema.type === 'string' || (schema.type === 'array' && resolve(schema.items ?? {}).type === 'string');
    if (leaf && STRUCTURED.has(name)) return base;
    if (schema.type === 'object' || schema.properties) {
      if (base !== undefined && (typeof base !== 'object' || base === null || Array.isArray(base))) return base;
      const out: Record<string, unknown> = { ...(base as Record<string, unknown> | undefined) };
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        const value = fill(property, out[key], key, `${path}.${key}`, label);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    if (schema.type === 'array') {
      const items = resolve(schema.items ?? {});
      if (Array.isArray(base)) return base.map((item) => fill(items, item, name, `${path}[]`, label));
      // An absent list is added only when its elements are free text.
      if (base === undefined && items.type === 'string' && !items.enum) return [fill(items, undefined, name, `${path}[]`, label)];
      return base;
    }
    if (schema.type === 'string') {
      if (base !== undefined && typeof base !== 'string') return base;
      const value = canaries.make(`${label} ${path.slice(1)}`);
      if (name === 'url') return urlOf(value);
      if (name === 'email') return `${value}@kanari.example`;
      return value;
    }
    return base;
  };
  /** The body of `METHOD path` (the path as in the document, `{id}`), built on `base`; `omit`: fields the request must not carry. */
  return (method: string, path: string, base: Record<string, unknown> = {}, omit: string[] = []): Record<string, unknown> => {
    const operation = doc.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${path} is not in the OpenAPI document`);
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    if (!schema) return base;
    const body = fill(schema, base, '', '', `${method} ${path}`) as Record<string, unknown>;
    for (const key of omit) if (!(key in base)) delete body[key];
    return body;
  };
}

/** Every write operation the document has: the scenario must drive them all. */
export function writeOperations(doc: OpenApi): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, operations]) => Object.keys(operations).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

// ---------------------------------------------------------------------------------------------------------
// The scenario

const sleepUntil = async (at: number) => {
  while (Date.now() < at) await new Promise((resolve) => setTimeout(resolve, Math.min(250, at - Date.now())));
};

export interface Person {
  name: string;
  subject: string;
  token: string;
}

export interface CanaryRun {
  canaries: Canaries;
  doc: OpenApi;
  people: Record<string, Person>;
  /** The admin who erases: outside the canary run. */
  eraser: string;
  organisation: string;
  driven: Set<string>;
  anonymousIdea: string;
  /** The anonymous submitter's ideas: one adopted (and made a deed), one withdrawn. */
  anonymousIdeas: string[];
  /** The Idempotency-Key of each idea submitted, by person. */
  idempotencyKeys: Record<string, string[]>;
  namedIdea: string;
  seasonId: string;
  deedId: string;
  /** The reads whose answers every role's view is taken from. */
  reads: string[];
  call: ReturnType<typeof client>;
}

export async function driveEveryCommand(app: TestApp, options: { seasonLeadMs?: number } = {}): Promise<CanaryRun> {
  const call = client(app.baseUrl);
  const canaries = new Canaries();
  const docReply = await call('GET', '/api/docs-json');
  expectStatus(docReply, 200);
  const doc = docReply.body as OpenApi;
  const body = canaryBodies(doc, canaries);
  const driven = new Set<string>();
  const organisation = `kanari-${canaries.run}`;
  const other = `kanari-${canaries.run}-muu`;

  const roles: Record<string, [string, ...Role[]]> = {
    submitter: [organisation, 'employee'],
    anonymous: [organisation, 'org-editor'],
    colleague: [organisation, 'employee'],
    agent: [organisation, 'change-agent'],
    editor: [organisation, 'org-editor'],
    otherEditor: [other, 'org-editor'],
    admin: [organisation, 'admin'],
    juror: [other, 'juror'],
    juror2: [other, 'juror'],
    chair: ['kunteko', 'jury-chair'],
  };
  const people: Record<string, Person> = {};
  for (const [name, [org, ...rs]] of Object.entries(roles)) {
    const subject = `${canaries.make(`token subject (${name})`)}@kunta.example`;
    people[name] = { name, subject, token: await app.token(subject, org, ...rs) };
  }
  const eraser = await app.token(`eraser-${canaries.run}`, 'kunteko', 'admin');
  const t = (name: string) => people[name].token;

  /** Sends a generated body; the answer must be a success. */
  const send = async (token: string, method: string, template: string, ids: Record<string, string> = {}, base: Record<string, unknown> = {}, extra: { omit?: string[]; headers?: Record<string, string>; expect?: number } = {}): Promise<Reply> => {
    const path = template.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(ids[key]));
    const generated = body(method, template, base, extra.omit);
    const reply = await call(method, path, { token, body: generated, headers: extra.headers });
    if (reply.status >= 300) throw new Error(`${method} ${template} with ${JSON.stringify(generated)}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
    if (extra.expect) expectStatus(reply, extra.expect);
    driven.add(`${method} ${template}`);
    return reply;
  };

  // The development sign-in: a canary as the person's name, which ends up in the token only (nothing is stored).
  await send('', 'POST', '/api/development/sign-in', {}, { subject: canaries.make('POST /api/development/sign-in subject'), organisation, roles: ['employee'] });

  // Notification preferences with an e-mail address, for everyone who will be told something.
  for (const name of ['submitter', 'anonymous', 'agent', 'juror']) {
    await send(t(name), 'PUT', '/api/me/notification-preferences', {}, { channels: ['email', 'in-app'], frequency: 'immediately', language: 'fi', kinds: ['idea-stage', 'idea-comment', 'idea-deed', 'idea-award', 'idea-merged', 'new-ideas', 'jury-rounds'] });
  }

  // Ideas: a named one through every stage, an anonymous one, a rejected, a withdrawn and a merged duplicate.
  const ideaBase = { sector: 'education-and-early-childhood', language: 'fi', anonymous: false, media: [{ kind: 'image' }, { kind: 'audio' }] };
  const idempotencyKeys: Record<string, string[]> = {};
  const submit = async (who: string, extra: Record<string, unknown> = {}) => {
    const key = canaries.make('Idempotency-Key header');
    (idempotencyKeys[who] ??= []).push(key);
    return (await send(t(who), 'POST', '/api/ideas', {}, { ...ideaBase, ...extra }, { headers: { 'idempotency-key': key } })).body.id as string;
  };
  const namedIdea = await submit('submitter');
  // A photo uploaded and carried by an idea: its text alternative gets a canary like every other free text.
  const photo = await fetch(`${app.baseUrl}/api/media`, { method: 'POST', headers: { authorization: `Bearer ${t('submitter')}`, 'content-type': 'application/octet-stream' }, body: pngWithGps(12, 12) });
  if (photo.status !== 201) throw new Error(`POST /api/media: HTTP ${photo.status} ${await photo.text()}`);
  driven.add('POST /api/media');
  const photoId = ((await photo.json()) as { id: string }).id;
  const withPhoto = body('POST', '/api/ideas', { ...ideaBase, media: [{ kind: 'image', mediaId: photoId }] }) as { media: Record<string, unknown>[] };
  delete withPhoto.media[0].url;
  expectStatus(await call('POST', '/api/ideas', { token: t('submitter'), body: withPhoto }), 201);
  const anonymousIdea = await submit('anonymous', { anonymous: true });
  const rejected = await submit('submitter');
  const withdrawn = await submit('anonymous', { anonymous: true });
  const duplicate = await submit('colleague');
  await send(t('agent'), 'POST', '/api/ideas/{id}/review', { id: namedIdea });
  const pilot = await send(t('agent'), 'POST', '/api/ideas/{id}/pilot', { id: namedIdea }, { startsOn: '2026-01-15', endsOn: '2026-04-15', metrics: [{ baseline: 60, target: 70 }] });
  void pilot;
  const [metric] = (await call('GET', `/api/ideas/${namedIdea}`, { token: t('agent') })).body.pilot.metrics.map((m: { name: string }) => m.name);
  await send(t('agent'), 'POST', '/api/ideas/{id}/measurements', { id: namedIdea }, { measurements: [{ metric, value: 65, measuredOn: '2026-02-15' }] });
  await send(t('colleague'), 'POST', '/api/ideas/{id}/comments', { id: namedIdea });
  await send(t('submitter'), 'POST', '/api/ideas/{id}/comments', { id: namedIdea });
  await send(t('colleague'), 'POST', '/api/ideas/{id}/comments', { id: duplicate });
  await send(t('submitter'), 'POST', '/api/ideas/{id}/comments', { id: anonymousIdea });
  await send(t('anonymous'), 'POST', '/api/ideas/{id}/comments', { id: anonymousIdea });
  await send(t('colleague'), 'POST', '/api/ideas/{id}/support', { id: namedIdea });
  await send(t('submitter'), 'POST', '/api/ideas/{id}/support', { id: anonymousIdea });
  await send(t('agent'), 'POST', '/api/ideas/{id}/merge', { id: duplicate }, { into: namedIdea });
  await send(t('agent'), 'POST', '/api/ideas/{id}/adopt', { id: namedIdea }, { metrics: [{ metric, value: 68 }] });
  await send(t('agent'), 'POST', '/api/ideas/{id}/reject', { id: rejected });
  await send(t('anonymous'), 'POST', '/api/ideas/{id}/withdraw', { id: withdrawn });
  await send(t('agent'), 'POST', '/api/ideas/{id}/review', { id: anonymousIdea });
  await send(t('agent'), 'POST', '/api/ideas/{id}/pilot', { id: anonymousIdea }, { startsOn: '2026-01-15', endsOn: '2026-04-15', metrics: [{ baseline: 1 }] });
  const [anonMetric] = (await call('GET', `/api/ideas/${anonymousIdea}`, { token: t('agent') })).body.pilot.metrics.map((m: { name: string }) => m.name);
  await send(t('agent'), 'POST', '/api/ideas/{id}/adopt', { id: anonymousIdea }, { metrics: [{ metric: anonMetric, value: 2 }] });

  // Deeds: one from each adopted idea (the anonymous one too), edited and published; one drafted by hand and withdrawn.
  const deedBase = {
    metrics: [{ value: 5, baseline: 3 }],
    sector: 'education-and-early-childhood',
    size: 'small',
    scope: 'unit',
    participants: ['staff'],
    periodFrom: '2026-01-01',
    periodTo: '2026-06-30',
    language: 'fi',
    media: [{ kind: 'video' }],
  };
  const deedId = (await send(t('editor'), 'POST', '/api/ideas/{id}/deed', { id: namedIdea })).body.id as string;
  const edited = await send(t('editor'), 'PUT', '/api/deeds/{id}', { id: deedId }, deedBase, { headers: { 'if-match': '"1"' } });
  await send(t('editor'), 'POST', '/api/deeds/{id}/publish', { id: deedId }, {}, { headers: { 'if-match': `"${edited.body.version}"` } });
  const anonymousDeed = (await send(t('editor'), 'POST', '/api/ideas/{id}/deed', { id: anonymousIdea })).body.id as string;
  await send(t('editor'), 'POST', '/api/deeds/{id}/publish', { id: anonymousDeed });
  const handDeed = (await send(t('editor'), 'POST', '/api/deeds', {}, { ...deedBase, organisation, ideaIds: [] })).body.id as string;
  await send(t('editor'), 'POST', '/api/deeds/{id}/publish', { id: handDeed });
  await send(t('editor'), 'POST', '/api/deeds/{id}/unpublish', { id: handDeed });
  const otherDeed = (await send(t('otherEditor'), 'POST', '/api/deeds', {}, { ...deedBase, organisation: other })).body.id as string;
  await send(t('otherEditor'), 'POST', '/api/deeds/{id}/publish', { id: otherDeed });

  // Campaign.
  const now = Date.now();
  const campaign = (await send(t('admin'), 'POST', '/api/campaigns', {}, { startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now - 1_000).toISOString() })).body.id as string;
  await send(t('admin'), 'POST', '/api/campaigns/{id}/close', { id: campaign });

  // Gaala: a season with a deeds series (blind, with sub-awards), an employees series and an organisations series.
  const start = Date.now();
  const lead = options.seasonLeadMs ?? 12_000;
  const closesAt = start + lead;
  const galaAt = closesAt + 4_000;
  const jurors = [
    { subject: people.juror.subject, organisation: other },
    { subject: people.juror2.subject, organisation: other },
  ];
  const season = await send(t('admin'), 'POST', '/api/award-seasons', {}, {
    year: new Date().getUTCFullYear(),
    nominationOpensAt: new Date(start - 60_000).toISOString(),
    nominationClosesAt: new Date(closesAt).toISOString(),
    eligibleFrom: new Date(start - 86_400_000).toISOString(),
    eligibleTo: new Date(start + 86_400_000).toISOString(),
    galaAt: new Date(galaAt).toISOString(),
    series: [
      { kind: 'deeds', awards: 1, shortlistSize: 2, blind: true, jurors, chair: people.chair.subject },
      // Named sub-awards belong to the deeds series only.
      { kind: 'employees', awards: 1, shortlistSize: 1, jurors, chair: people.chair.subject, subAwards: [] },
      { kind: 'organisations', awards: 1, shortlistSize: 1, jurors, chair: people.chair.subject, subAwards: [] },
    ],
  });
  const seasonId = season.body.id as string;
  const [deedsSeries, heroesSeries, orgSeries] = season.body.series as string[];
  // Before the first nomination every setting may change: the names, the sub-awards, the jury.
  await send(t('admin'), 'PATCH', '/api/award-seasons/{id}', { id: seasonId }, {
    galaAt: new Date(galaAt).toISOString(),
    series: [{ key: deedsSeries, jurors }, { key: heroesSeries, subAwards: [] }, { key: orgSeries, subAwards: [] }],
  });
  const seasonView = (await call('GET', `/api/award-seasons/${seasonId}`, { token: t('admin') })).body;
  const subAward = JSON.stringify(seasonView).match(new RegExp(`kn${canaries.run}[0-9a-f]{8}`, 'g'))!.find((c) => canaries.fieldOf(c)?.includes('subAwards'))!;
  const deedNomination = (await send(t('editor'), 'POST', '/api/award-seasons/{id}/nominations', { id: seasonId }, { series: deedsSeries, deedId }, { omit: ['name', 'unit', 'employeeSubject', 'organisation'] })).body.id as string;
  const anonDeedNomination = (await send(t('editor'), 'POST', '/api/award-seasons/{id}/nominations', { id: seasonId }, { series: deedsSeries, deedId: anonymousDeed }, { omit: ['name', 'unit', 'employeeSubject', 'organisation'] })).body.id as string;
  const hero = (await send(t('editor'), 'POST', '/api/award-seasons/{id}/nominations', { id: seasonId }, { series: heroesSeries, employeeSubject: people.submitter.subject }, { omit: ['deedId', 'organisation'] })).body.id as string;
  // The chair accepts the organisation from the catalogue's proposals for the organisations series.
  await send(t('chair'), 'POST', '/api/award-seasons/{id}/proposals/accept', { id: seasonId }, { series: orgSeries, organisation }, { omit: ['deedId'] });
  const sheet = { results: 5, boldness: 4, 'staff-driven': 5, customer: 4, transferability: 5 };
  for (const nomination of [deedNomination, anonDeedNomination, hero]) await send(t('juror'), 'POST', '/api/nominations/{id}/scores', { id: nomination }, { scores: sheet });
  await send(t('juror2'), 'POST', '/api/nominations/{id}/conflicts', { id: anonDeedNomination });
  await send(t('juror2'), 'POST', '/api/nominations/{id}/scores', { id: deedNomination }, { scores: sheet });
  await send(t('chair'), 'POST', '/api/award-seasons/{id}/overrides', { id: seasonId }, { series: deedsSeries, nominationId: anonDeedNomination, action: 'include' });
  await send(t('chair'), 'POST', '/api/award-seasons/{id}/reveal', { id: seasonId }, { series: deedsSeries });
  await sleepUntil(closesAt + 200);
  for (const series of [deedsSeries, heroesSeries]) {
    for (let round = 0; round < 2; round++) await send(t('chair'), 'POST', '/api/award-seasons/{id}/rounds/close', { id: seasonId }, { series });
  }
  await send(t('chair'), 'POST', '/api/award-seasons/{id}/awards', { id: seasonId }, { nominationId: deedNomination, category: 'winner' }, { omit: ['subAward'] });
  await send(t('chair'), 'POST', '/api/award-seasons/{id}/awards', { id: seasonId }, { nominationId: anonDeedNomination, category: 'sub-award', subAward });
  await send(t('chair'), 'POST', '/api/award-seasons/{id}/awards', { id: seasonId }, { nominationId: hero, category: 'winner' }, { omit: ['subAward'] });
  await sleepUntil(galaAt + 200);

  // The organisation registry: the organisation registered under its names, then renamed.
  await send(eraser, 'POST', '/api/organisations', {}, { id: organisation, kind: 'municipality' }, { expect: 201 });
  await send(eraser, 'PATCH', '/api/organisations/{org}', { org: organisation }, { kind: 'other' });

  // Insight: unit headcounts (CSV) and incentive rules.
  const unitsCsv = `unit,headcount,valid_from,name\n${canaries.make('POST /api/organisations/{org}/units unit')},12,2025-01-01,${canaries.make('POST /api/organisations/{org}/units name')}\n`;
  const units = await call('POST', `/api/organisations/${organisation}/units`, { token: t('editor'), rawBody: unitsCsv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
  expectStatus(units, 200);
  driven.add('POST /api/organisations/{org}/units');
  await send(t('admin'), 'POST', '/api/organisations/{org}/incentive-rules', { org: organisation }, { points: { IdeaSubmitted: 1, IdeaAdopted: 5 }, bonuses: [{ kind: 'participation', atLeast: 0.5, points: 10 }] });

  // Notifications: read one, then all.
  const feed = await call('GET', '/api/me/notifications', { token: t('submitter') });
  expectStatus(feed, 200);
  if (feed.body.items.length > 0) await send(t('submitter'), 'POST', '/api/me/notifications/{id}/read', { id: feed.body.items[0].id });
  await send(t('anonymous'), 'POST', '/api/me/notifications/read-all');
  await app.runtime.notifications.runOnce({ batch: 1000 });

  const reads = [
    `/api/ideas?organisation=${organisation}`,
    `/api/ideas/${namedIdea}`,
    `/api/ideas/${anonymousIdea}`,
    `/api/ideas/${withdrawn}`,
    `/api/ideas/${anonymousIdea}?asOf=${encodeURIComponent(new Date().toISOString())}`,
    `/api/ideas/similar?organisation=${organisation}&text=idea`,
    `/api/funnel?organisation=${organisation}`,
    `/api/funnel/activity?organisation=${organisation}`,
    `/api/deeds?organisation=${organisation}`,
    `/api/deeds/${anonymousDeed}`,
    '/api/catalogue/deeds',
    `/api/catalogue/deeds/${anonymousDeed}`,
    '/api/catalogue/stats',
    '/api/campaigns',
    `/api/campaigns/${campaign}/standings`,
    `/api/award-seasons/${seasonId}`,
    `/api/award-seasons/${seasonId}/nominations?series=${deedsSeries}`,
    `/api/award-seasons/${seasonId}/our-nominations?organisation=${organisation}`,
    `/api/award-seasons/${seasonId}/shortlist?series=${deedsSeries}`,
    `/api/award-seasons/${seasonId}/progress?series=${deedsSeries}`,
    `/api/award-seasons/${seasonId}/audit`,
    `/api/award-seasons/${seasonId}/audit?format=csv`,
    `/api/award-seasons/${seasonId}/results`,
    '/api/awards/mine',
    `/api/organisations/${organisation}/units`,
    `/api/organisations/${organisation}/incentive-rules`,
    `/api/activity?organisation=${organisation}`,
    `/api/open-data/catalogue.json?organisation=${organisation}`,
    `/api/open-data/catalogue.csv?organisation=${organisation}`,
    `/api/open-data/funnel.json?organisation=${organisation}`,
    `/api/open-data/activity.json?organisation=${organisation}`,
    `/api/open-data/activity.csv?organisation=${organisation}`,
    '/api/me/notifications',
    '/api/me/notification-preferences',
    '/api/people/me/export',
    `/api/people/${encodeURIComponent(people.anonymous.subject)}/export`,
    `/api/people/${encodeURIComponent(people.submitter.subject)}/export`,
  ];

  return { canaries, doc, people, eraser, organisation, driven, anonymousIdea, anonymousIdeas: [anonymousIdea, withdrawn], idempotencyKeys, namedIdea, seasonId, deedId, reads, call };
}

/** Erases every person of the run (by an admin outside it) and rebuilds every read model from the events. */
export async function eraseEveryone(app: TestApp, run: CanaryRun): Promise<void> {
  for (const person of Object.values(run.people)) {
    // The data-subject path in another case: routing ignores case, and so must the log's redaction.
    const reply = await run.call('POST', `/API/People/${encodeURIComponent(person.subject)}/erase`, { token: run.eraser });
    // 404: nothing was ever held about the person (a juror who only declared a conflict, say).
    if (reply.status !== 404) expectStatus(reply, 200);
  }
  run.driven.add('POST /api/people/{id}/erase');
  await rebuildAll(app);
}

// ---------------------------------------------------------------------------------------------------------
// Anonymity

/**
 * What would tell who submitted the anonymous ideas: the submitter's subject (as is and URL-encoded), their
 * pseudonym, and the ids an Idempotency-Key would give if they were derived from the subject or the pseudonym
 * without the server's key.
 */
export function anonymousNeedles(app: TestApp, run: CanaryRun): string[] {
  const { subject } = run.people.anonymous;
  const pseudonym = app.runtime.pseudonymizer.of(subject);
  const guessable = (run.idempotencyKeys.anonymous ?? []).flatMap((key) => [
    nameBasedId(`idea:${run.organisation}:${subject}:${key}`),
    nameBasedId(`idea:${run.organisation}:${pseudonym}:${key}`),
  ]);
  return [subject, encodeURIComponent(subject), pseudonym, ...guessable].map((n) => n.toLowerCase());
}

/**
 * Reads every answer another person can get (each role of the run, and no login) and returns what in them would
 * tell who submitted the anonymous ideas: a needle, or the submitter's role on a step of theirs.
 */
export async function anonymityLeaks(app: TestApp, run: CanaryRun): Promise<string[]> {
  const needles = anonymousNeedles(app, run);
  const leaks: string[] = [];
  const readers: [string, string | undefined][] = [
    ...Object.values(run.people)
      .filter((p) => p.name !== 'anonymous')
      .map((p): [string, string] => [p.name, p.token]),
    ['eraser', run.eraser],
    ['nobody', undefined],
  ];
  let answers = 0;
  for (const [name, token] of readers) {
    for (const path of run.reads) {
      const reply = await run.call('GET', path, { token });
      if (reply.status === 200) answers++;
      // A problem's `instance` repeats the caller's own request path: what they typed, not what they learn.
      const shown = reply.status >= 400 && typeof reply.body === 'object' && reply.body ? { ...reply.body, instance: undefined } : reply.body;
      const text = (typeof shown === 'string' ? shown : JSON.stringify(shown ?? '')).toLowerCase() + JSON.stringify([...reply.headers]).toLowerCase();
      for (const needle of needles) if (text.includes(needle)) leaks.push(`${name}: GET ${path} shows ${needle}`);
      // An admin's export of the submitter must not list their anonymous ideas among their ideas: that would name
      // their submitter. (Their comments are listed, as comments: anyone may comment on an idea.)
      if (reply.status === 200 && path.includes(encodeURIComponent(run.people.anonymous.subject))) {
        const listed = (reply.body.ideas as { id: string }[]).map((i) => i.id);
        for (const id of run.anonymousIdeas) if (listed.includes(id)) leaks.push(`${name}: GET ${path} lists the anonymous idea ${id} as theirs`);
      }
      if (reply.status === 200 && typeof reply.body === 'object' && reply.body && run.anonymousIdeas.includes(reply.body.id)) {
        const roles = (reply.body.history as { event: string; actorRole: string }[])
          .filter((h) => ['IdeaSubmitted', 'IdeaWithdrawn'].includes(h.event))
          .map((h) => h.actorRole);
        if (roles.some((role) => role !== 'submitter')) leaks.push(`${name}: GET ${path} shows the submitter's role (${roles.join(', ')})`);
      }
    }
  }
  if (answers < readers.length * 5) leaks.push(`only ${answers} answers were read: the search would be blind`);
  return leaks;
}

// ---------------------------------------------------------------------------------------------------------
// Searching

export interface Finding {
  canary: string;
  field: string;
  /** `table:<name>`, `kafka:<topic>`, `log`, `outbox`. */
  place: string;
}

/** Every canary in every row of every table of the database. */
export async function searchTables(app: TestApp, canaries: Canaries): Promise<Finding[]> {
  const tables: { table_name: string }[] = await app.runtime.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const findings: Finding[] = [];
  for (const { table_name: table } of tables) {
    const rows: { r: string }[] = await app.runtime.dataSource.query(`SELECT lower(row_to_json(t)::text) AS r FROM "${table}" t`);
    findings.push(...searchText(rows.map((row) => row.r).join('\n'), canaries, `table:${table}`));
  }
  return findings;
}

export function searchText(text: string, canaries: Canaries, place: string): Finding[] {
  const lower = text.toLowerCase();
  const findings: Finding[] = [];
  for (const { value, field } of canaries.all.values()) if (lower.includes(value)) findings.push({ canary: value, field, place });
  return findings;
}

/** Every mail written to the local outbox. */
export async function searchOutbox(app: TestApp, canaries: Canaries): Promise<Finding[]> {
  const dir = outboxDir(app.runtime.config);
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith('.eml'));
  const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  return searchText(texts.join('\n'), canaries, 'outbox');
}

// ---------------------------------------------------------------------------------------------------------
// The allow-list

interface AllowEntry {
  /** A field as in Finding.field; `*` at the end matches any field path under it. */
  field: string;
  /** Places as in Finding.place; `table:*` any table. */
  places: string[];
  why: string;
}

const ALLOW_LIST = new URL('../privacy-allow-list.json', import.meta.url);

export function allowList(): AllowEntry[] {
  const entries = JSON.parse(readFileSync(ALLOW_LIST, 'utf8')).allowed as AllowEntry[];
  for (const entry of entries) if (!entry.why || entry.why.length < 20) throw new Error(`The allow-list entry for ${entry.field} must say why it may stay.`);
  return entries;
}

const fieldMatches = (pattern: string, field: string) => (pattern.endsWith('*') ? field.startsWith(pattern.slice(0, -1)) : pattern === field);
const placeMatches = (pattern: string, place: string) => (pattern.endsWith('*') ? place.startsWith(pattern.slice(0, -1)) : pattern === place);

/** What was found and is not allowed to stay: one line each, grouped by field. */
export function notAllowed(findings: Finding[]): string[] {
  const entries = allowList();
  const out = new Set<string>();
  for (const finding of findings) {
    const ok = entries.some((e) => fieldMatches(e.field, finding.field) && e.places.some((p) => placeMatches(p, finding.place)));
    if (!ok) out.add(`${finding.field} -> ${finding.place}`);
  }
  return [...out].sort();
}

/** Tees everything the process writes to stdout and stderr (the JSON logger writes there). Returns the undo. */
export function captureOutput(lines: string[]): () => void {
  const undo: (() => void)[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(...String(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')).split('\n').filter((l) => l.length > 0));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    undo.push(() => (stream.write = original as typeof stream.write));
  }
  return () => undo.reverse().forEach((u) => u());
}
