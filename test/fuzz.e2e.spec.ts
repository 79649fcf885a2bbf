// Property-based fuzzing of every write endpoint (and the query strings of the reads): 10,000+ generated
// malformed requests — wrong types, huge strings, unicode edge cases, missing and extra fields, broken JSON,
// wrong content types, path traversal and SQL-looking text in bodies, ids, headers and query strings, bad
// If-Match / Idempotency-Key / Authorization. Every request carries at least one defect that the API must
// refuse, so every answer must be a 4xx problem+json and the event store must not move.
// A failure prints the seed: FUZZ_SEED=<seed> reruns the same requests (FUZZ_RUNS sets how many).
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import fc from 'fast-check';
import { AWARD_CATEGORIES, SERIES_KINDS } from '#awards';
import { DEED_SCOPES, DEED_SIZES, PARTICIPANTS } from '#deeds';
import { LANGUAGES, MEDIA_KINDS, SECTORS } from '#ideas';
import { ORGANISATION_KINDS } from '#organisations';
import { ORGANISATION_ID, ROLES } from '#platform';
import { startTestApp, type TestApp } from './support/app.js';
import { deedBody } from './support/deeds-scenarios.js';
import { ideaBody } from './support/ideas-scenarios.js';
import { jpegBomb, jpegWithExif, mp4WithPlace, noise, oggOpusAscii, pngBomb, pngChunk, pngWithGps, webmOpus, webpBomb, webpWithExif, zipBytes } from './support/media-fixtures.js';

const TIMEOUT = 400_000;
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CONCURRENCY = 8;

// ---------------------------------------------------------------------------------------------------------
// What the endpoints accept (mirrors libs/*/src/http/*.dto.ts): enough to break each field for certain.

type Kind =
  | { t: 'text'; min?: number; max: number; trims?: boolean; pattern?: 'identifier' | 'subject' | 'has-text' }
  | { t: 'enum'; values: readonly unknown[] }
  | { t: 'int'; min: number; max: number }
  | { t: 'number'; min?: number; max?: number }
  | { t: 'bool' }
  | { t: 'date' }
  | { t: 'instant' }
  | { t: 'uuid' }
  | { t: 'url' }
  | { t: 'array'; of: Kind; min?: number; max: number }
  | { t: 'object'; fields: Fields }
  | { t: 'scores' };
type Fields = Record<string, { kind: Kind; required: boolean }>;

const req = (kind: Kind) => ({ kind, required: true });
const opt = (kind: Kind) => ({ kind, required: false });
const text = (min: number, max: number, more: Partial<Extract<Kind, { t: 'text' }>> = {}): Kind => ({ t: 'text', min, max, ...more });
const identifier: Kind = { t: 'text', min: 1, max: 63, pattern: 'identifier' };
const subject: Kind = { t: 'text', min: 1, max: 200, pattern: 'subject' };
const date: Kind = { t: 'date' };
const instant: Kind = { t: 'instant' };
const uuid: Kind = { t: 'uuid' };
const num: Kind = { t: 'number' };
const oneOf = (values: readonly unknown[]): Kind => ({ t: 'enum', values });

const media: Kind = {
  t: 'array',
  max: 5,
  of: { t: 'object', fields: { kind: req(oneOf(MEDIA_KINDS)), url: req({ t: 'url' }), caption: opt(text(0, 300)) } },
};
const ideaFields: Fields = {
  title: req(text(3, 200, { trims: true })),
  description: req(text(1, 5000)),
  problem: opt(text(0, 5000)),
  proposal: opt(text(0, 5000)),
  organisation: opt(identifier),
  unit: req(text(1, 100, { trims: true })),
  sector: req(oneOf(SECTORS)),
  themes: opt({ t: 'array', max: 10, of: text(1, 50) }),
  language: opt(oneOf(LANGUAGES)),
  media: opt(media),
  anonymous: opt({ t: 'bool' }),
};
const deedContent: Fields = {
  title: req(text(3, 200, { trims: true })),
  aim: req(text(1, 5000)),
  achieved: req(text(1, 5000)),
  metrics: opt({ t: 'array', max: 20, of: { t: 'object', fields: { name: req(text(1, 100, { trims: true })), value: req(num), unit: opt(text(0, 20)), baseline: opt(num) } } }),
  unit: req(text(1, 100, { trims: true })),
  sector: req(oneOf(SECTORS)),
  themes: opt({ t: 'array', max: 10, of: text(1, 50, { pattern: 'has-text' }) }),
  size: req(oneOf(DEED_SIZES)),
  scope: req(oneOf(DEED_SCOPES)),
  participants: req({ t: 'array', min: 1, max: 4, of: oneOf(PARTICIPANTS) }),
  periodFrom: req(date),
  periodTo: opt(date),
  language: opt(oneOf(LANGUAGES)),
  media: opt(media),
};
const seriesFields: Fields = {
  kind: req(oneOf(SERIES_KINDS)),
  key: opt(identifier),
  name: opt(text(1, 200, { trims: true })),
  awards: req({ t: 'int', min: 1, max: 500 }),
  shortlistSize: opt({ t: 'int', min: 1, max: 5000 }),
  criteria: opt({ t: 'array', min: 1, max: 20, of: { t: 'object', fields: { key: req(identifier), name: opt(text(1, 100, { trims: true })), weight: req({ t: 'number', min: 0.01, max: 100 }) } } }),
  jurors: req({ t: 'array', min: 1, max: 100, of: { t: 'object', fields: { subject: req(subject), organisation: req(identifier) } } }),
  chair: req(subject),
  blind: opt({ t: 'bool' }),
  subAwards: opt({ t: 'array', max: 50, of: text(1, 200) }),
};

type Fixture = 'idea' | 'deed' | 'campaign' | 'season' | 'nomination' | 'organisation' | 'person' | 'notification';
interface Endpoint {
  method: 'POST' | 'PUT' | 'PATCH';
  path: string;
  id?: Fixture;
  fields?: Fields;
  valid?: (f: Fixtures) => Record<string, unknown>;
  /** The handler parses If-Match (a malformed one is refused); `required`: a missing one too (428). */
  ifMatch?: 'parsed' | 'required';
  idempotencyKey?: boolean;
  /** Where the id is a name (an organisation), the bad ids are those that are not one. */
  idIsName?: boolean;
  /** Needs no token: only a malformed Authorization header is a defect (a missing one is not). */
  public?: boolean;
}

interface Fixtures {
  idea: string;
  deed: string;
  campaign: string;
  season: string;
  nomination: string;
  organisation: string;
  /** A person of whom nothing is held: erasing them is always 404, never an erasure. */
  person: string;
  /** No one's notification: marking it read is always 404. */
  notification: string;
}

const SERIES = 'ihmeiden-tekijat';
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const validSeason = () => ({
  year: 2026,
  name: 'Gaala',
  nominationOpensAt: later(-1),
  nominationClosesAt: later(30),
  eligibleFrom: later(-365),
  eligibleTo: later(30),
  galaAt: later(60),
  series: [{ kind: 'organisations', awards: 1, jurors: [{ subject: 'fuzz-juror', organisation: 'muu' }], chair: 'fuzz-chair' }],
});
const validIdea = () => ({ ...ideaBody(), organisation: 'fuzz', media: [{ kind: 'image', url: 'https://intra.example.fi/a.jpg', caption: 'Kuva' }], anonymous: false });
const { ...validDeed } = deedBody({ media: [{ kind: 'video', url: 'https://intra.example.fi/v' }] });

const incentiveRules: Fields = {
  name: opt(text(1, 200, { trims: true })),
  points: req({ t: 'object', fields: { IdeaSubmitted: opt({ t: 'number', min: -1000, max: 1000 }), IdeaAdopted: opt({ t: 'number', min: -1000, max: 1000 }) } }),
  bonuses: opt({ t: 'array', max: 20, of: { t: 'object', fields: { kind: req(oneOf(['participation'])), atLeast: req({ t: 'number', min: 0.01, max: 1 }), points: req({ t: 'number', min: -1000, max: 1000 }) } } }),
};

const ENDPOINTS: Endpoint[] = [
  {
    method: 'POST',
    path: '/api/development/sign-in',
    public: true,
    fields: { subject: req(text(1, 200, { trims: true })), organisation: req({ t: 'text', min: 1, max: 63, pattern: 'identifier' }), roles: req({ t: 'array', min: 1, max: ROLES.length, of: oneOf(ROLES) }) },
    valid: () => ({ subject: 'fuzz-developer', organisation: 'fuzz', roles: ['employee'] }),
  },
  { method: 'POST', path: '/api/ideas', fields: ideaFields, valid: validIdea, ifMatch: 'parsed', idempotencyKey: true },
  { method: 'POST', path: '/api/ideas/:id/review', id: 'idea', fields: { team: req(text(1, 100, { trims: true })) }, valid: () => ({ team: 'Tiimi' }), ifMatch: 'parsed' },
  {
    method: 'POST',
    path: '/api/ideas/:id/pilot',
    id: 'idea',
    ifMatch: 'parsed',
    fields: {
      goal: req(text(1, 2000)),
      team: req(text(1, 100, { trims: true })),
      startsOn: req(date),
      endsOn: req(date),
      metrics: req({ t: 'array', min: 1, max: 20, of: { t: 'object', fields: { name: req(text(1, 100, { trims: true })), unit: opt(text(0, 20)), baseline: req(num), target: opt(num) } } }),
    },
    valid: () => ({ goal: 'Tavoite', team: 'Tiimi', startsOn: '2026-01-15', endsOn: '2026-04-15', metrics: [{ name: 'Mittari', unit: '%', baseline: 1, target: 2 }] }),
  },
  {
    method: 'POST',
    path: '/api/ideas/:id/measurements',
    id: 'idea',
    ifMatch: 'parsed',
    fields: { measurements: req({ t: 'array', min: 1, max: 100, of: { t: 'object', fields: { metric: req(text(1, 100)), value: req(num), measuredOn: req(date) } } }) },
    valid: () => ({ measurements: [{ metric: 'Mittari', value: 3, measuredOn: '2026-02-01' }] }),
  },
  {
    method: 'POST',
    path: '/api/ideas/:id/adopt',
    id: 'idea',
    ifMatch: 'parsed',
    fields: { result: req(text(1, 5000)), metrics: opt({ t: 'array', max: 20, of: { t: 'object', fields: { metric: req(text(1, 100)), value: req(num) } } }) },
    valid: () => ({ result: 'Tulos', metrics: [{ metric: 'Mittari', value: 2 }] }),
  },
  { method: 'POST', path: '/api/ideas/:id/reject', id: 'idea', ifMatch: 'parsed', fields: { reason: req(text(1, 2000, { trims: true })) }, valid: () => ({ reason: 'Syy' }) },
  { method: 'POST', path: '/api/ideas/:id/withdraw', id: 'idea', ifMatch: 'parsed', fields: { reason: opt(text(0, 2000)) }, valid: () => ({ reason: 'Syy' }) },
  { method: 'POST', path: '/api/ideas/:id/comments', id: 'idea', ifMatch: 'parsed', fields: { text: req(text(1, 2000, { trims: true })), media: opt(media) }, valid: () => ({ text: 'Hyvä idea' }) },
  { method: 'POST', path: '/api/ideas/:id/support', id: 'idea', ifMatch: 'parsed' },
  {
    method: 'POST',
    path: '/api/deeds',
    ifMatch: 'parsed',
    fields: { ...deedContent, organisation: opt(identifier), ideaIds: opt({ t: 'array', max: 20, of: uuid }) },
    valid: (f) => ({ ...validDeed, organisation: 'fuzz', ideaIds: [f.idea] }),
  },
  { method: 'PUT', path: '/api/deeds/:id', id: 'deed', ifMatch: 'required', fields: deedContent, valid: () => ({ ...validDeed }) },
  { method: 'POST', path: '/api/deeds/:id/publish', id: 'deed', ifMatch: 'parsed' },
  { method: 'POST', path: '/api/deeds/:id/unpublish', id: 'deed', ifMatch: 'parsed', fields: { reason: req(text(1, 2000, { trims: true })) }, valid: () => ({ reason: 'Syy' }) },
  { method: 'POST', path: '/api/ideas/:id/deed', id: 'idea' },
  {
    method: 'POST',
    path: '/api/campaigns',
    fields: { name: req(text(1, 200, { trims: true })), startsAt: req(instant), endsAt: req(instant) },
    valid: () => ({ name: 'Kampanja', startsAt: '2026-09-01T00:00:00+03:00', endsAt: '2026-11-01' }),
  },
  { method: 'POST', path: '/api/campaigns/:id/close', id: 'campaign' },
  {
    method: 'POST',
    path: '/api/award-seasons',
    fields: {
      year: req({ t: 'int', min: 1990, max: 2100 }),
      name: req(text(1, 200, { trims: true })),
      nominationOpensAt: req(instant),
      nominationClosesAt: req(instant),
      eligibleFrom: req(instant),
      eligibleTo: req(instant),
      galaAt: req(instant),
      series: req({ t: 'array', min: 1, max: 10, of: { t: 'object', fields: seriesFields } }),
    },
    valid: validSeason,
  },
  {
    // The fixture season has a nomination: its name, windows, jurors and chair still change, its series no longer.
    method: 'PATCH',
    path: '/api/award-seasons/:id',
    id: 'season',
    ifMatch: 'parsed',
    fields: {
      year: opt({ t: 'int', min: 1990, max: 2100 }),
      name: opt(text(1, 200, { trims: true })),
      nominationOpensAt: opt(instant),
      nominationClosesAt: opt(instant),
      eligibleFrom: opt(instant),
      eligibleTo: opt(instant),
      galaAt: opt(instant),
      series: opt({
        t: 'array',
        min: 1,
        max: 10,
        of: { t: 'object', fields: Object.fromEntries(Object.entries(seriesFields).map(([k, f]) => [k, opt(f.kind)])) },
      }),
    },
    valid: () => ({ name: 'Gaala (muutettu)', galaAt: later(61), series: [{ key: SERIES, jurors: [{ subject: 'fuzz-juror-2', organisation: 'muu' }], chair: 'fuzz-chair' }] }),
  },
  {
    method: 'POST',
    path: '/api/award-seasons/:id/nominations',
    id: 'season',
    fields: {
      series: req(identifier),
      deedId: opt(uuid),
      organisation: opt(identifier),
      name: opt(text(1, 200, { trims: true })),
      unit: opt(text(1, 200, { trims: true })),
      employeeSubject: opt(subject),
      justification: opt(text(0, 5000)),
    },
    valid: () => ({ series: SERIES, organisation: 'fuzz', justification: 'Perustelu' }),
  },
  { method: 'POST', path: '/api/nominations/:id/scores', id: 'nomination', fields: { scores: req({ t: 'scores' }), comment: opt(text(0, 5000)) }, valid: () => ({ scores: { results: 3, boldness: 4 }, comment: 'Hyvä' }) },
  { method: 'POST', path: '/api/nominations/:id/conflicts', id: 'nomination', fields: { reason: req(text(1, 2000, { trims: true })) }, valid: () => ({ reason: 'Syy' }) },
  {
    method: 'POST',
    path: '/api/award-seasons/:id/overrides',
    id: 'season',
    fields: { series: req(identifier), nominationId: req(uuid), action: req(oneOf(['include', 'exclude'])), reason: req(text(1, 2000, { trims: true })) },
    valid: (f) => ({ series: SERIES, nominationId: f.nomination, action: 'include', reason: 'Syy' }),
  },
  { method: 'POST', path: '/api/award-seasons/:id/reveal', id: 'season', fields: { series: req(identifier) }, valid: () => ({ series: SERIES }) },
  { method: 'POST', path: '/api/award-seasons/:id/rounds/close', id: 'season', fields: { series: req(identifier) }, valid: () => ({ series: SERIES }) },
  {
    method: 'POST',
    path: '/api/award-seasons/:id/awards',
    id: 'season',
    fields: { nominationId: req(uuid), category: req(oneOf(AWARD_CATEGORIES)), subAward: opt(text(1, 200)) },
    valid: (f) => ({ nominationId: f.nomination, category: 'winner' }),
  },
  {
    method: 'POST',
    path: '/api/award-seasons/:id/proposals/accept',
    id: 'season',
    fields: { series: req(identifier), deedId: opt(uuid), organisation: opt(identifier) },
    valid: () => ({ series: SERIES, organisation: 'fuzz' }),
  },
];

/** Reads whose query strings are checked: an unknown parameter or a bad value is refused. */
ENDPOINTS.push(
  // The body is CSV: the JSON bodies generated here are never a valid import.
  { method: 'POST', path: '/api/organisations/:id/units', id: 'organisation', idIsName: true },
  {
    method: 'POST',
    path: '/api/organisations/:id/incentive-rules',
    id: 'organisation',
    idIsName: true,
    fields: incentiveRules,
    valid: () => ({ name: 'Perusmalli', points: { IdeaSubmitted: 1, IdeaAdopted: 5 }, bonuses: [{ kind: 'participation', atLeast: 0.5, points: 10 }] }),
  },
  { method: 'POST', path: '/api/people/:id/erase', id: 'person' },
  {
    method: 'POST',
    path: '/api/organisations',
    fields: {
      id: req(identifier),
      names: req({ t: 'object', fields: { fi: req(text(1, 200, { trims: true })), sv: req(text(1, 200, { trims: true })), en: opt(text(0, 200)) } }),
      kind: req(oneOf(ORGANISATION_KINDS)),
    },
    valid: () => ({ id: 'fuzz-registry', names: { fi: 'Fuzzin kunta', sv: 'Fuzz kommun', en: 'Fuzz municipality' }, kind: 'municipality' }),
  },
  {
    method: 'PATCH',
    path: '/api/organisations/:id',
    id: 'organisation',
    idIsName: true,
    fields: {
      names: opt({ t: 'object', fields: { fi: opt(text(1, 200, { trims: true })), sv: opt(text(1, 200, { trims: true })), en: opt(text(0, 200)) } }),
      kind: opt(oneOf(ORGANISATION_KINDS)),
    },
    valid: () => ({ names: { fi: 'Fuzzin kaupunki' }, kind: 'other' }),
  },
  // Merging an idea into itself is refused even were a request to slip through.
  { method: 'POST', path: '/api/ideas/:id/merge', id: 'idea', ifMatch: 'parsed', fields: { into: req(uuid) }, valid: (f) => ({ into: f.idea }) },
  {
    method: 'PUT',
    path: '/api/me/notification-preferences',
    fields: {
      channels: req({ t: 'array', max: 2, of: oneOf(['email', 'in-app']) }),
      frequency: req(oneOf(['immediately', 'daily'])),
      language: req(oneOf(['fi', 'sv', 'en'])),
      kinds: req({ t: 'array', max: 7, of: oneOf(['idea-stage', 'idea-comment', 'idea-deed', 'idea-award', 'idea-merged', 'new-ideas', 'jury-rounds']) }),
    },
    valid: () => ({ channels: ['in-app'], frequency: 'daily', language: 'sv', kinds: ['idea-stage'] }),
  },
  { method: 'POST', path: '/api/me/notifications/:id/read', id: 'notification' },
  { method: 'POST', path: '/api/me/notifications/read-all' },
  // The body is the file itself: the uploads' own defects are generated in the media test below.
  { method: 'POST', path: '/api/media' },
);

const READS: { path: string; id?: Fixture; params: Record<string, string[]> }[] = [
  { path: '/api/ideas', params: { limit: ['0', '101', '1.5', 'abc', '-1', '1e3'], organisation: ['Imatra', '../x', "' OR 1=1 --"], stage: ['done', '1'], sector: ['x'], mine: ['yes', '1'] } },
  { path: '/api/funnel', params: { from: ['2026-02-30', 'yesterday', '1'], to: ['2026-13-01'], sector: ['?'], organisation: ['A B'] } },
  { path: '/api/deeds', params: { limit: ['0', 'x'], status: ['deleted'], organisation: ['..%2f'] } },
  { path: '/api/catalogue/deeds', params: { year: ['1989', '2101', 'last'], limit: ['1000'], awarded: ['maybe'], sort: ['random'], sector: ['x'], organisation: ['ÄÖ'] } },
  { path: '/api/award-seasons/:id/nominations', id: 'season', params: { series: ['Bad Series', '../../etc'] } },
  { path: '/api/award-seasons/:id/shortlist', id: 'season', params: { series: ['', 'X'] } },
  { path: '/api/award-seasons/:id/our-nominations', id: 'season', params: { organisation: ['Imatra', '../x', "' OR 1=1 --"] } },
  { path: '/api/award-seasons/:id/progress', id: 'season', params: { series: ['A'] } },
  { path: '/api/award-seasons/:id/audit', id: 'season', params: { format: ['xml', 'pdf'] } },
];

// ---------------------------------------------------------------------------------------------------------
// Nasty text.

const NASTY = [
  "Robert'); DROP TABLE events;--",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10)',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '\u202Eevil\u202C',
  '\u200B\u200C\u200D\uFEFF',
  '👍🏽👨‍👩‍👧‍👦🇫🇮',
  'e\u0301\u0308\u0327',
  '\uD800',
  '\uDFFF\uD800',
  'a\uDBFFb',
  'שלום עולם',
  'مرحبا',
  '\u0000',
  '\r\n\t',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '',
  ' ',
];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const nastyText = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.array(fc.oneof(loneSurrogate, fc.constantFrom(...NASTY)), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')),
);
/** Text the API may accept (for fields whose defect is elsewhere). */
const anyText = fc.oneof(nastyText, fc.string({ maxLength: 40 }));

/** Numbers JSON cannot write: replaced in the serialised body. */
const INFINITY = '\u0007INFINITY\u0007';
const HUGE_INT = '\u0007HUGE\u0007';
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  anyText,
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), anyText), { maxLength: 3 }),
  fc.dictionary(anyText, fc.oneof(fc.integer(), anyText), { maxKeys: 3 }),
  fc.constantFrom(INFINITY, HUGE_INT),
);

// ---------------------------------------------------------------------------------------------------------
// Values that a field of each kind must refuse.

const notString = (required: boolean) =>
  fc.oneof(fc.integer(), fc.boolean(), fc.array(anyText, { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 5 }), anyText, { maxKeys: 2 }), ...(required ? [fc.constant(null)] : []));
/** A string over `max` characters as class-validator counts them (pairs and variation selectors aside). */
const tooLong = (max: number) =>
  fc.tuple(nastyText, fc.integer({ min: 1, max: 40 }), fc.boolean()).map(([junk, extra, huge]) => junk + 'x'.repeat(huge ? 70_000 : max + extra));
const IDENTIFIER = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SUBJECT = /^[\x21-\x7e]{1,200}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function badValue(kind: Kind, required: boolean): fc.Arbitrary<unknown> {
  switch (kind.t) {
    case 'text': {
      const options: fc.Arbitrary<unknown>[] = [notString(required), tooLong(kind.max)];
      if ((kind.min ?? 0) >= 1) options.push(fc.constant(''));
      if ((kind.min ?? 0) >= 1 && (kind.trims || kind.pattern === 'has-text')) options.push(fc.constantFrom(' ', '   ', '\t\n '));
      if (kind.pattern === 'identifier') options.push(anyText.filter((s) => !IDENTIFIER.test(s)), fc.constantFrom('Imatra', '-x', 'a b', 'ä', 'x'.repeat(64)));
      if (kind.pattern === 'subject') options.push(anyText.filter((s) => !SUBJECT.test(s)), fc.constantFrom('a b', 'ä', ''));
      return fc.oneof(...options);
    }
    case 'enum':
      return fc.oneof(anyText.filter((s) => !kind.values.includes(s)), notString(required).filter((v) => !kind.values.includes(v)));
    case 'int':
      return fc.oneof(
        fc.integer({ min: kind.min, max: kind.max - 1 }).map((n) => n + 0.5),
        fc.integer({ min: 1, max: 1_000_000 }).map((n) => kind.max + n),
        fc.integer({ min: 1, max: 1_000_000 }).map((n) => kind.min - n),
        fc.integer({ min: kind.min, max: kind.max }).map(String),
        fc.constantFrom(INFINITY, HUGE_INT, true, [], {}),
        ...(required ? [fc.constant(null)] : []),
      );
    case 'number':
      return fc.oneof(
        fc.double({ noNaN: true }).map(String),
        fc.constantFrom(INFINITY, true, false, [], {}, [1], '1e3', '0x10'),
        ...(kind.max !== undefined ? [fc.double({ min: kind.max + 1, max: 1e300, noNaN: true, noDefaultInfinity: true })] : []),
        ...(kind.min !== undefined ? [fc.double({ min: -1e300, max: kind.min / 2, noNaN: true, noDefaultInfinity: true })] : []),
        ...(required ? [fc.constant(null)] : []),
      );
    case 'bool':
      return fc.oneof(fc.constantFrom('true', 'false', 0, 1, 'yes', [], {}), anyText, ...(required ? [fc.constant(null)] : []));
    case 'date':
      return fc.oneof(
        fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-10', '0000-00-00', '2026-1-1', '20260101', '2026-01-01T00:00:00Z', 'huomenna', 20260101),
        anyText.filter((s) => !DATE_ONLY.test(s)),
        notString(required),
      );
    case 'instant':
      return fc.oneof(
        fc.constantFrom('2026-02-30T10:00:00Z', '2026-13-01', '2026-01-01T25:00:00Z', 'next friday', '1700000000', 1700000000, '2026-01-01T10:00:00+99:99'),
        anyText.filter((s) => !/^\d{4}-\d{2}-\d{2}/.test(s)),
        notString(required),
      );
    case 'uuid':
      return fc.oneof(anyText.filter((s) => !UUID.test(s)), fc.uuid().map((u) => `{${u}}`), fc.uuid().map((u) => u.replace(/-/g, '')), notString(required));
    case 'url':
      return fc.oneof(fc.constantFrom('javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.fi/x', 'intra.example.fi/kuva.jpg', '//example.fi', 'https://'), anyText.filter((s) => !/^https?:\/\/\S/.test(s)), notString(required));
    case 'array': {
      const options: fc.Arbitrary<unknown>[] = [
        fc.oneof(anyText, fc.integer(), fc.dictionary(fc.string({ maxLength: 4 }), anyText, { maxKeys: 2 }), ...(required ? [fc.constant(null)] : [])),
        badValue(kind.of, true).chain((bad) => fc.array(goodValue(kind.of), { maxLength: 2 }).map((items) => [...items, bad])),
        fc.array(goodValue(kind.of), { minLength: kind.max + 1, maxLength: kind.max + 3 }),
      ];
      if ((kind.min ?? 0) >= 1) options.push(fc.constant([]));
      return fc.oneof(...options);
    }
    case 'object':
      return fc.oneof(
        fc.oneof(anyText, fc.integer(), fc.constant([]), ...(required ? [fc.constant(null)] : [])),
        fieldDefect(kind.fields, objectOf(kind.fields)),
        extraField(kind.fields, objectOf(kind.fields)),
      );
    case 'scores':
      return fc.oneof(
        fc.constant({}),
        fc.oneof(anyText, fc.integer(), fc.constant([]), fc.constant([3, 4]), ...(required ? [fc.constant(null)] : [])),
        fc.record({ results: fc.oneof(fc.constantFrom(0, 6, 2.5, -1, '4', null, true, [], {}, INFINITY)) }),
        fc.tuple(anyText.filter((k) => !IDENTIFIER.test(k) && k !== '__proto__'), fc.integer({ min: 1, max: 5 })).map(([key, value]) => ({ [key]: value })),
        fc.constant(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`c${i}`, 3]))),
      );
  }
}

/** Some acceptable value of a kind, to surround a defect with. */
function goodValue(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind.t) {
    case 'text':
      if (kind.pattern === 'identifier') return fc.constantFrom('imatra', 'fuzz', 'x-1');
      if (kind.pattern === 'subject') return fc.constantFrom('alice', 'x@y.fi');
      return fc.constantFrom('Teksti', 'Pitkähkö teksti 👍', 'שלום');
    case 'enum':
      return fc.constantFrom(...kind.values);
    case 'int':
      return fc.integer({ min: kind.min, max: kind.max });
    case 'number':
      return fc.double({ min: kind.min ?? -1e6, max: kind.max ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'bool':
      return fc.boolean();
    case 'date':
      return fc.constantFrom('2026-01-15', '2025-12-31');
    case 'instant':
      return fc.constantFrom('2026-01-15', '2026-01-15T10:00:00Z');
    case 'uuid':
      return fc.uuid();
    case 'url':
      return fc.constantFrom('https://intra.example.fi/a.jpg');
    case 'array':
      return fc.array(goodValue(kind.of), { minLength: kind.min ?? 0, maxLength: Math.min(kind.max, (kind.min ?? 0) + 2) });
    case 'object':
      return objectOf(kind.fields);
    case 'scores':
      return fc.constant({ results: 3 });
  }
}

function objectOf(fields: Fields): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(Object.entries(fields).filter(([, f]) => f.required).map(([name, f]) => [name, goodValue(f.kind)])));
}

const EXTRA_KEYS = ['role', 'roles', 'admin', 'isAdmin', 'id', 'version', 'organisationId', 'actor', '__proto__', 'constructor', 'prototype', 'toString', "'; DROP TABLE events; --", '../../etc/passwd', '\u202Eevil', '\uD800', '', ' '];

/** One field broken for certain: missing (when required) or holding a value of its kind that must be refused. */
function fieldDefect(fields: Fields, base: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(fields);
  return fc.tuple(base, fc.constantFrom(...names)).chain(([body, name]) => {
    const field = fields[name];
    const bad = badValue(field.kind, field.required).map((value) => ({ ...body, [name]: value }));
    return field.required ? fc.oneof(bad, fc.constant(Object.fromEntries(Object.entries(body).filter(([k]) => k !== name)))) : bad;
  });
}

/** A field the request type does not have. */
function extraField(fields: Fields, base: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 12 })).filter((k) => !(k in fields));
  return fc.tuple(base, key, junkValue).map(([body, k, value]) => {
    const copy = { ...body };
    Object.defineProperty(copy, k, { value, enumerable: true, configurable: true, writable: true });
    return copy;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Requests.

type Body = { kind: 'none' } | { kind: 'json'; value: unknown; contentType?: string } | { kind: 'raw'; text: string; contentType?: string };
interface FuzzRequest {
  endpoint: string;
  defect: string;
  method: string;
  /** Path with `:id`, and what stands there. */
  path: string;
  id?: { kind: 'fixture' } | { kind: 'raw'; value: string };
  query: string;
  headers: Record<string, string>;
  auth: 'valid' | { header?: string };
  body: Body;
}

/** Percent-encodes anything, lone surrogates included (as the bytes a sloppy client would send). */
function percentEncode(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}

const badId = fc.oneof(
  anyText.filter((s) => !UUID.test(s)).map(percentEncode),
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%2e%2e', '..%5C..%5Cboot.ini', "1'%20OR%20'1'%3D'1", '%', '%zz', '%ED%A0%80', '%C0%AF', '%00', 'null', 'undefined', '-1', '0', '9'.repeat(40)),
  fc.uuid().map((u) => `${u}%00`),
  fc.uuid().map((u) => `${u}.json`),
);
const unknownId = fc.uuid().map((u) => u);
const decodedOrRaw = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Header values: bytes fetch can send (no CR, LF or NUL), nasty otherwise. */
const headerText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xfe }).map((c) => String.fromCharCode(c === 0x7f ? 0xff : c)), maxLength: 60 }),
  fc.constantFrom("' OR 1=1 --", '../../etc/passwd', '*', '"', 'W/', '\u00e4\u00f6', 'x'.repeat(5000)),
).map((s) => s.trim());
const badIfMatch = fc.oneof(
  fc.constantFrom('"abc"', 'W/"x"', '*', '"-1"', '"1.5"', '"1234567890"', '""', '"1", "2"', 'W/', '1 2'),
  headerText.filter((s) => !/^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.test(s)),
);
const badIdempotencyKey = fc.oneof(fc.constantFrom('', 'has space', 'k'.repeat(201), 'ä', '\u00ff'), headerText.filter((s) => !/^[\x21-\x7e]{1,200}$/.test(s)));
const malformedAuthorization = fc.oneof(
  fc.constantFrom('Bearer', 'Bearer ', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'Bearer a.b.c', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'bearer ' + 'x'.repeat(5000), 'Token abc'),
  headerText.map((s) => `Bearer ${s}.${s}`),
);
const badAuthorization = fc.oneof(fc.constant(undefined), malformedAuthorization);
const queryNoise = fc.array(fc.tuple(anyText, anyText), { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&'));
const headerNoise = fc.record(
  {
    'x-request-id': headerText,
    accept: fc.constantFrom('application/xml', 'text/html', '*/*', 'application/problem+json', 'garbage'),
    'x-consistency-token': headerText,
    'accept-language': headerText,
    origin: fc.constantFrom('https://evil.example', 'null', 'file://'),
  },
  { requiredKeys: [] },
);

const BROKEN_JSON = ['{', '{"title":', '{"a":1,}', "{'a':1}", '[1,2', 'nul', '{"a":"\\x"}', '{"a":1}}', '{"a":01}', '{"a":NaN}', '{"a":Infinity}', '{"a":undefined}', '\uFEFF{', '{"a":"\\ud800"', '}{', '{"__proto__":', '\u0000'];
const WRONG_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx', 'text/json', 'application/json; charset=utf-7', 'application/json; charset=ebcdic'];

function deepNesting(depth: number, array: boolean): string {
  return array ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

function requestsFor(endpoint: Endpoint): fc.Arbitrary<FuzzRequest> {
  const name = `${endpoint.method} ${endpoint.path}`;
  const base = { endpoint: name, method: endpoint.method, path: endpoint.path };
  const fixtureId = endpoint.id ? { kind: 'fixture' as const } : undefined;
  // With an id: the existing one mostly (so the request gets as deep as it can), sometimes an unknown one.
  const goodId = endpoint.id ? fc.oneof({ weight: 4, arbitrary: fc.constant(fixtureId) }, { weight: 1, arbitrary: unknownId.map((u) => ({ kind: 'raw' as const, value: u })) }) : fc.constant(undefined);
  const noise = fc.record({ query: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: queryNoise }), headers: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: headerNoise }) });
  const validBody = (): fc.Arbitrary<Record<string, unknown>> => fc.constant(null).map(() => endpoint.valid!(fixtures));
  const bodyOk: fc.Arbitrary<Body> = endpoint.fields ? validBody().map((value) => ({ kind: 'json', value })) : fc.constant({ kind: 'none' });
  type Defect = Omit<FuzzRequest, 'endpoint' | 'method' | 'path' | 'query' | 'headers'> & { extraHeaders?: Record<string, string> };
  const defects: { arbitrary: fc.Arbitrary<Defect>; weight: number }[] = [];
  const add = (arbitrary: fc.Arbitrary<Defect>, weight = 4) => defects.push({ arbitrary, weight });
  const hasRequired = endpoint.fields && Object.values(endpoint.fields).some((f) => f.required);

  if (endpoint.fields) {
    add(fc.record({ defect: fc.constant('field'), id: goodId, auth: fc.constant('valid' as const), body: fieldDefect(endpoint.fields, validBody()).map((value): Body => ({ kind: 'json', value })) }));
    add(fc.record({ defect: fc.constant('extra field'), id: goodId, auth: fc.constant('valid' as const), body: extraField(endpoint.fields, validBody()).map((value): Body => ({ kind: 'json', value })) }));
    add(
      fc.record({
        // (Not empty: an empty JSON body reads as {}, which is a valid body where every field is optional.)
        defect: fc.constant('broken JSON'),
        id: goodId,
        auth: fc.constant('valid' as const),
        body: fc.oneof(fc.constantFrom(...BROKEN_JSON), validBody().chain((v) => { const json = JSON.stringify(v); return fc.integer({ min: 1, max: json.length - 1 }).map((n) => json.slice(0, n)); })).map((text): Body => ({ kind: 'raw', text })),
      }),
    );
    add(
      fc.record({
        defect: fc.constant('not an object'),
        id: goodId,
        auth: fc.constant('valid' as const),
        body: fc.oneof(fc.constantFrom('null', '123', '"x"', 'true', '[]', '[{}]', '[[]]'), validBody().map((v) => JSON.stringify([v])), fc.constantFrom(deepNesting(200, false), deepNesting(2000, true))).map((text): Body => ({ kind: 'raw', text })),
      }),
    );
    add(fc.record({ defect: fc.constant('too large'), id: goodId, auth: fc.constant('valid' as const), body: validBody().map((v): Body => ({ kind: 'json', value: { ...v, padding: 'x'.repeat(66_000) } })) }));
    if (hasRequired) {
      add(
        fc.record({
          defect: fc.constant('wrong content type'),
          id: goodId,
          auth: fc.constant('valid' as const),
          body: fc.tuple(validBody(), fc.constantFrom(...WRONG_TYPES, '')).map(([v, contentType]): Body => ({ kind: 'raw', text: JSON.stringify(v), contentType })),
        }),
      );
      add(fc.record({ defect: fc.constant('no body'), id: goodId, auth: fc.constant('valid' as const), body: fc.constant<Body>({ kind: 'none' }) }));
    }
  }
  const badIds = endpoint.idIsName ? badId.filter((value) => !ORGANISATION_ID.test(decodedOrRaw(value))) : badId;
  if (endpoint.id) add(fc.record({ defect: fc.constant('bad id'), id: badIds.map((value) => ({ kind: 'raw' as const, value })), auth: fc.constant('valid' as const), body: bodyOk }));
  // Rarer: an unknown id is looked up in the event store, which makes these the slowest requests.
  if (endpoint.id && !endpoint.fields) add(fc.record({ defect: fc.constant('unknown id'), id: unknownId.map((value) => ({ kind: 'raw' as const, value })), auth: fc.constant('valid' as const), body: bodyOk }), 1);
  add(fc.record({ defect: fc.constant('no valid token'), id: goodId, auth: (endpoint.public ? malformedAuthorization : badAuthorization).map((header) => ({ header })), body: bodyOk }));
  if (endpoint.ifMatch) {
    add(fc.record({ defect: fc.constant('bad If-Match'), id: goodId, auth: fc.constant('valid' as const), body: bodyOk, extraHeaders: badIfMatch.map((v) => ({ 'if-match': v })) }));
  }
  if (endpoint.ifMatch === 'required') add(fc.record({ defect: fc.constant('no If-Match'), id: goodId, auth: fc.constant('valid' as const), body: bodyOk, extraHeaders: fc.constant({}) }));
  if (endpoint.idempotencyKey) {
    add(fc.record({ defect: fc.constant('bad Idempotency-Key'), id: goodId, auth: fc.constant('valid' as const), body: bodyOk, extraHeaders: badIdempotencyKey.map((v) => ({ 'idempotency-key': v })) }));
  }
  return fc.tuple(fc.oneof(...defects), noise).map(([d, n]) => {
    const headers: Record<string, string> = { ...n.headers, ...(d.extraHeaders ?? {}) };
    // A valid ETag where the endpoint insists on one, unless the defect is about it.
    if (endpoint.ifMatch === 'required' && d.defect !== 'no If-Match' && !('if-match' in headers)) headers['if-match'] = '"1"';
    return { ...base, defect: d.defect, id: d.id, auth: d.auth, body: d.body, query: n.query, headers };
  });
}

function readRequests(read: (typeof READS)[number]): fc.Arbitrary<FuzzRequest> {
  const unknownParam = fc.tuple(fc.constantFrom('zz', 'debug', 'admin', '__proto__', 'where', "1'--"), anyText).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`);
  const badParam = fc.constantFrom(...Object.entries(read.params).flatMap(([k, values]) => values.map((v) => `${k}=${percentEncode(v)}`)));
  return fc.tuple(fc.oneof(unknownParam, badParam), fc.oneof(fc.constant(''), queryNoise)).map(([bad, noise]) => ({
    endpoint: `GET ${read.path}`,
    defect: 'query',
    method: 'GET',
    path: read.path,
    id: read.id ? { kind: 'fixture' as const } : undefined,
    query: [noise, bad].filter(Boolean).join('&'),
    headers: {},
    auth: 'valid' as const,
    body: { kind: 'none' as const },
  }));
}

// ---------------------------------------------------------------------------------------------------------

let fixtures: Fixtures;

function serialise(body: Body): { payload?: string | Uint8Array; contentType?: string } {
  if (body.kind === 'none') return {};
  if (body.kind === 'raw') return { payload: body.contentType === '' ? new TextEncoder().encode(body.text) : body.text, contentType: body.contentType === '' ? undefined : (body.contentType ?? 'application/json') };
  const json = JSON.stringify(body.value)
    .replaceAll(JSON.stringify(INFINITY), '1e400')
    .replaceAll(JSON.stringify(HUGE_INT), '123456789012345678901234567890');
  return { payload: json, contentType: body.contentType ?? 'application/json' };
}

interface Outcome {
  request: FuzzRequest;
  url: string;
  status: number;
  contentType: string;
  text: string;
  problem: string | undefined;
}

function checkAnswer(status: number, contentType: string, text: string): string | undefined {
  if (status >= 500) return `server error ${status}`;
  if (status < 400) return `accepted with ${status}`;
  if (!/^application\/problem\+json\b/.test(contentType)) return `content type ${contentType || '(none)'}`;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return 'body is not JSON';
  }
  if (typeof body?.type !== 'string' || typeof body?.title !== 'string' || body.title === '' || body.status !== status) return 'not a problem (type, title, status)';
  return undefined;
}

async function send(app: TestApp, tokens: { super: string }, request: FuzzRequest): Promise<Outcome> {
  const id = !request.id ? '' : request.id.kind === 'fixture' ? fixtures[(ENDPOINTS.find((e) => `${e.method} ${e.path}` === request.endpoint)?.id ?? READS.find((r) => `GET ${r.path}` === request.endpoint)?.id)!] : request.id.value;
  const url = `${app.baseUrl}${request.path.replace(':id', id)}${request.query ? `?${request.query}` : ''}`;
  const headers: Record<string, string> = { ...request.headers };
  if (request.auth === 'valid') headers.authorization = `Bearer ${tokens.super}`;
  else if (request.auth.header !== undefined) headers.authorization = request.auth.header;
  const { payload, contentType } = serialise(request.body);
  if (contentType !== undefined) headers['content-type'] = contentType;
  const res = await fetch(url, { method: request.method, headers, body: payload });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { request, url, status: res.status, contentType: type, text, problem: checkAnswer(res.status, type, text) };
}

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

function describeFailure(outcome: Outcome): string {
  const r = outcome.request;
  const body = r.body.kind === 'none' ? '(none)' : r.body.kind === 'raw' ? r.body.text : JSON.stringify(r.body.value);
  return [
    `${r.endpoint} [${r.defect}] → ${outcome.status} (${outcome.problem})`,
    `  ${r.method} ${outcome.url.slice(0, 300)}`,
    `  headers ${JSON.stringify({ ...r.headers, auth: r.auth === 'valid' ? 'valid' : r.auth.header?.slice(0, 40) }).slice(0, 300)}`,
    `  body ${(body ?? '').slice(0, 2000)}${r.body.kind !== 'none' && r.body.contentType !== undefined ? ` (${r.body.contentType || 'no content type'})` : ''}`,
    `  answer ${outcome.contentType} ${outcome.text.slice(0, 300)}`,
  ].join('\n');
}

describe("fuzzing the API with malformed requests (the seed is printed; FUZZ_SEED repeats a run)", () => {
  let app: TestApp;
  let tokens: { super: string };

  beforeAll(async () => {
    // Accepted writes (fixtures, the unicode cases) need not wait for the read models.
    app = await startTestApp({ env: { CONSISTENCY_WAIT_MS: '0' } });
    // One person holding every role, so requests get past authorisation to validation and the handlers.
    tokens = { super: await app.token('fuzz-super', 'fuzz', ...ROLES) };
    const post = async (path: string, body: unknown) => {
      const headers = { authorization: `Bearer ${tokens.super}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
      const res = await fetch(app.baseUrl + path, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const answer = (await res.json()) as { id: string };
      if (res.status >= 300) throw new Error(`fixture ${path}: ${res.status} ${JSON.stringify(answer)}`);
      return answer.id;
    };
    const idea = await post('/api/ideas', validIdea());
    const deed = await post('/api/deeds', { ...validDeed, organisation: 'fuzz' });
    const campaign = await post('/api/campaigns', { name: 'Kampanja', startsAt: later(-1), endsAt: later(30) });
    const season = await post('/api/award-seasons', validSeason());
    await post(`/api/deeds/${deed}/publish`, undefined);
    // The nomination needs the published deed in the catalogue (a read model): retry until it is there.
    let nomination = '';
    for (let attempt = 0; !nomination; attempt++) {
      nomination = await post(`/api/award-seasons/${season}/nominations`, { series: SERIES, organisation: 'fuzz', justification: 'Perustelu' }).catch((error) => {
        if (attempt > 50) throw error;
        return new Promise<string>((resolve) => setTimeout(() => resolve(''), 200));
      });
    }
    fixtures = { idea, deed, campaign, season, nomination, organisation: 'fuzz', person: 'fuzz-nobody', notification: randomUUID() };
  }, TIMEOUT);
  afterAll(async () => {
    await app?.close();
  }, TIMEOUT);

  it('covers every write endpoint the API documents', async () => {
    const doc = (await (await fetch(`${app.baseUrl}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, operations]) => Object.keys(operations).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, ':id')}`))
      .sort();
    expect(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()).toEqual(documented);
  }, TIMEOUT);

  it(`answers ${RUNS} malformed requests with 4xx problem details and leaves the event store unchanged`, async () => {
    const writes = fc.constantFrom(...ENDPOINTS).chain(requestsFor);
    const reads = fc.constantFrom(...READS).chain(readRequests);
    const requests = fc.sample(fc.oneof({ weight: 9, arbitrary: writes }, { weight: 1, arbitrary: reads }), { seed: SEED, numRuns: RUNS });

    const before = await app.runtime.store.head();
    const started = Date.now();
    const outcomes = await inParallel(requests, CONCURRENCY, (request) =>
      send(app, tokens, request).catch((error: Error) => ({ request, url: request.path, status: 0, contentType: '', text: String(error?.cause ?? error), problem: `request failed: ${error.message}` })),
    );
    const after = await app.runtime.store.head();
    const seconds = (Date.now() - started) / 1000;

    const failures = outcomes.filter((o) => o.problem !== undefined);
    const perEndpoint = new Map<string, number>();
    for (const o of outcomes) perEndpoint.set(o.request.endpoint, (perEndpoint.get(o.request.endpoint) ?? 0) + 1);
    const statuses = new Map<number, number>();
    for (const o of outcomes) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
    console.log(`fuzz seed ${SEED}: ${outcomes.length} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);

    if (failures.length > 0) {
      throw new Error(`FUZZ_SEED=${SEED}: ${failures.length} of ${outcomes.length} answers were wrong; first ones:\n${failures.slice(0, 12).map(describeFailure).join('\n')}`);
    }
    expect({ count: after.count, checkpoint: after.checkpoint }).toEqual({ count: before.count, checkpoint: before.checkpoint });
    // Spread: every write endpoint got its share of the requests.
    for (const endpoint of ENDPOINTS) expect(perEndpoint.get(`${endpoint.method} ${endpoint.path}`) ?? 0).toBeGreaterThan(RUNS / ENDPOINTS.length / 3);
  }, TIMEOUT);

  it("answers with problem details even what Node's HTTP parser refuses: oversized headers, a malformed request", async () => {
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const url = new URL(app.baseUrl);
        const socket = connect(Number(url.port), url.hostname, () => socket.write(request));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
      });
    const huge = await raw(`POST /api/ideas HTTP/1.1\r\nHost: x\r\nX-Request-Id: ${'x'.repeat(20_000)}\r\nContent-Length: 0\r\n\r\n`);
    const malformed = await raw('BREW /api/ideas HTCPCP/1.0\r\n\r\n');
    for (const [answer, status] of [[huge, 431], [malformed, 400]] as const) {
      const [head, body] = answer.split('\r\n\r\n');
      expect(head.split('\r\n')[0]).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(head.toLowerCase()).toContain('content-type: application/problem+json');
      expect(checkAnswer(status, 'application/problem+json', body)).toBeUndefined();
    }
  }, TIMEOUT);

  it('refuses malformed uploads (wrong types, lying magic, truncated files, bombs disguised as images) with 4xx problems and stores nothing', async () => {
    const count = async (table: string) => Number((await app.runtime.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
    const before = { objects: await count('media_objects'), chunks: await count('media_chunks'), events: (await app.runtime.store.head()).count };
    const png = pngWithGps();
    const jpeg = jpegWithExif();
    const webp = webpWithExif();
    const mp4 = mp4WithPlace(20_000);
    const ogg = Buffer.from(oggOpusAscii(), 'latin1');
    const mdatAt = mp4.indexOf(Buffer.from('mdat')) - 4;
    const lastPageAt = ogg.lastIndexOf(Buffer.from('OggS'));
    const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map((a) => Buffer.from(a));
    const cut = (file: Buffer, from: number, to = file.length - 1) => fc.integer({ min: from, max: to }).map((n) => file.subarray(0, n));
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
    type Case = { defect: string; body: Buffer; contentType?: string };
    const cases: fc.Arbitrary<Case>[] = [
      // Wrong types: text, markup, archives, executables, random bytes, JSON.
      fc.constantFrom('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', '<!doctype html><p>kuva</p>', 'GIF89a', '%PDF-1.7', 'MZ\u0090\u0000', '\u007fELF', 'BM').map((t) => ({ defect: 'wrong type', body: Buffer.from(t, 'latin1') })),
      bytes(1, 3000).filter((b) => b[0] !== 0x89 && b[0] !== 0xff && b[0] !== 0x52 && b[0] !== 0x1a && b[0] !== 0x4f && b[0] !== 0x49 && !(b.length >= 8 && b.toString('latin1', 4, 8) === 'ftyp')).map((body) => ({ defect: 'random bytes', body })),
      fc.constant({ defect: 'a zip named as a photo', body: zipBytes(), contentType: 'image/jpeg' }),
      fc.constant({ defect: 'JSON', body: Buffer.from('{"kind":"image"}'), contentType: 'application/json' }),
      // Magic that lies: a signature followed by something else.
      bytes(20, 2000).map((rest) => ({ defect: 'PNG signature, then noise', body: Buffer.concat([png.subarray(0, 8), Buffer.from('JUNK'), rest]) })),
      bytes(20, 2000).map((rest) => ({ defect: 'ftyp box claiming more than the file', body: Buffer.concat([u32(rest.length + 5000), Buffer.from('ftypisom'), rest]) })),
      bytes(20, 2000).map((rest) => ({ defect: 'RIFF/WEBP with a size that lies', body: Buffer.concat([Buffer.from('RIFF'), Buffer.from([0xff, 0xff, 0xff, 0x00]), Buffer.from('WEBP'), rest]) })),
      bytes(10, 400).map((rest) => ({ defect: 'Ogg with no Opus or Vorbis', body: Buffer.concat([ogg.subarray(0, 28), Buffer.from('NotOpus!'), rest]) })),
      // Truncated files, cut where no valid file can end.
      cut(png, 1).map((body) => ({ defect: 'truncated PNG', body })),
      cut(jpeg, 1).map((body) => ({ defect: 'truncated JPEG', body })),
      cut(webp, 1).map((body) => ({ defect: 'truncated WebP', body })),
      cut(mp4, mdatAt + 1).map((body) => ({ defect: 'truncated MP4', body })),
      cut(ogg, lastPageAt + 1).map((body) => ({ defect: 'truncated Ogg', body })),
      cut(webmOpus(1000), 1, 59).map((body) => ({ defect: 'WebM cut in its header', body })),
      // Damaged: a flipped byte inside a PNG chunk breaks its checksum.
      fc.integer({ min: 8, max: png.length - 13 }).map((at) => {
        const body = Buffer.from(png);
        body[at] ^= 0x5a;
        return { defect: 'damaged PNG', body };
      }),
      // Bombs disguised as images: small files claiming enormous pixel counts.
      fc.tuple(fc.integer({ min: 16_385, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 })).map(([w, h]) => {
        const ihdr = Buffer.concat([u32(w), u32(h), Buffer.from([8, 6, 0, 0, 0])]);
        return { defect: 'PNG claiming huge dimensions', body: Buffer.concat([png.subarray(0, 8), pngChunk('IHDR', ihdr), pngChunk('IDAT', noise(100)), pngChunk('IEND', Buffer.alloc(0))]) };
      }),
      fc.constantFrom({ defect: 'PNG bomb', body: pngBomb() }, { defect: 'JPEG bomb', body: jpegBomb() }, { defect: 'WebP bomb', body: webpBomb() }),
      // Anything after the end of an image (a polyglot).
      bytes(1, 500).map((rest) => ({ defect: 'PNG with something appended', body: Buffer.concat([png, rest]) })),
      fc.constant({ defect: 'empty', body: Buffer.alloc(0) }),
    ];
    const uploads = fc.sample(fc.oneof(...cases), { seed: SEED, numRuns: Math.max(200, Math.round(RUNS / 20)) });
    const wrong: string[] = [];
    const defects = new Set<string>();
    await inParallel(uploads, 4, async (upload) => {
      defects.add(upload.defect);
      const res = await fetch(`${app.baseUrl}/api/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.super}`, 'content-type': upload.contentType ?? 'application/octet-stream' },
        body: upload.body,
      });
      const text = await res.text();
      const problem = checkAnswer(res.status, res.headers.get('content-type') ?? '', text);
      if (problem) wrong.push(`${upload.defect} (${upload.body.length} bytes, starts ${upload.body.subarray(0, 16).toString('hex')}) → ${res.status} ${problem}: ${text.slice(0, 200)}`);
    });
    if (wrong.length > 0) throw new Error(`FUZZ_SEED=${SEED}: ${wrong.length} of ${uploads.length} uploads were taken or answered wrongly:\n${wrong.slice(0, 10).join('\n')}`);
    expect(defects.size).toBeGreaterThan(15);
    expect({ objects: await count('media_objects'), chunks: await count('media_chunks'), events: (await app.runtime.store.head()).count }).toEqual(before);
    // Not blind: the same files whole are taken.
    for (const file of [png, jpeg, webp, mp4, ogg]) {
      const res = await fetch(`${app.baseUrl}/api/media`, { method: 'POST', headers: { authorization: `Bearer ${tokens.super}`, 'content-type': 'application/octet-stream' }, body: file });
      expect(res.status).toBe(201);
    }
  }, TIMEOUT);

  it('refuses a list of objects that holds a list or a scalar instead (regression found by this fuzzer)', async () => {
    const before = await app.runtime.store.head();
    const post = async (path: string, body: unknown) =>
      fetch(app.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${tokens.super}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const [path, body, field] of [
      ['/api/ideas', { ...validIdea(), media: [{ kind: 'audio', url: 'https://intra.example.fi/a.mp3' }, []] }, 'media'],
      ['/api/ideas', { ...validIdea(), media: ['https://intra.example.fi/a.jpg'] }, 'media'],
      ['/api/deeds', { ...validDeed, organisation: 'fuzz', metrics: [[]] }, 'metrics'],
      ['/api/award-seasons', { ...validSeason(), series: [[]] }, 'series'],
    ] as const) {
      const res = await post(path, body);
      const answer = (await res.json()) as { status: number; errors?: { field: string }[] };
      expect({ path, field, status: res.status, named: answer.errors?.some((e) => e.field.startsWith(field)) }).toEqual({ path, field, status: 400, named: true });
    }
    expect((await app.runtime.store.head()).count).toBe(before.count);
  }, TIMEOUT);

  it('takes unicode edge cases in otherwise valid texts (one event each) or refuses them with 400, and the read models keep up', async () => {
    const edgy = fc.array(fc.oneof(fc.constantFrom(...NASTY.filter((s) => s.trim() !== '' && !s.includes('\u0000'))), fc.string({ unit: 'binary', minLength: 1, maxLength: 10 })), { minLength: 1, maxLength: 4 }).map((parts) => `Idea ${parts.join(' ')}`);
    const cases = fc.sample(fc.record({ title: edgy, description: edgy, unit: edgy, comment: edgy }), { seed: SEED, numRuns: 100 });
    const call = async (method: string, path: string, body: unknown) => {
      const res = await fetch(app.baseUrl + path, { method, headers: { authorization: `Bearer ${tokens.super}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
    };
    const idea = (JSON.parse((await call('POST', '/api/ideas', ideaBody())).text) as { id: string }).id;
    const before = (await app.runtime.store.head()).count;
    const results = await inParallel(cases, 4, async (c) => {
      const title = c.title.slice(0, 200);
      const submit = await call('POST', '/api/ideas', { ...ideaBody(), title, description: c.description, unit: c.unit.slice(0, 100) });
      const comment = await call('POST', `/api/ideas/${idea}/comments`, { text: c.comment.slice(0, 2000) });
      return { c, submit, comment };
    });
    let accepted = 0;
    const wrong: string[] = [];
    for (const { c, submit, comment } of results) {
      for (const [what, answer] of [['submit', submit], ['comment', comment]] as const) {
        if (answer.status === 201 || answer.status === 200) accepted += 1;
        else if (answer.status !== 400 || checkAnswer(answer.status, answer.contentType, answer.text)) wrong.push(`${what} ${JSON.stringify(c).slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    }
    if (wrong.length > 0) throw new Error(`FUZZ_SEED=${SEED}: ${wrong.length} wrong answers:\n${wrong.slice(0, 10).join('\n')}`);
    expect((await app.runtime.store.head()).count).toBe(before + accepted);
    expect(accepted).toBeGreaterThan(0);
    expect(await app.runtime.runner.waitFor((await app.runtime.store.head()).checkpoint, 60_000)).toBe(true);
    for (const status of await app.runtime.runner.status()) expect({ name: status.name, lastError: status.lastError }).toEqual({ name: status.name, lastError: undefined });
  }, TIMEOUT);
});
