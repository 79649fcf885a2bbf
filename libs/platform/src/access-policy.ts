// Who may call what: the one table of the authorisation matrix. Every HTTP route names one of these keys with
// @Authorize(key); a route without a key, or with a key missing here, is refused for everyone.
// docs/authorization.md is generated from this file (npm run docs:authz).
import type { Role } from './identity.js';

/**
 * Relationships that only the aggregate (or its read model) knows. The guard lets such a grant through on role
 * and organisation; the decider or query handler that holds the state completes the check with `permits`.
 */
export const RELATIONS = {
  submitter: 'the person who submitted the idea',
  'series-juror': 'a juror of the series',
  'series-chair': 'the chair of the series',
  'season-chair': "the chair of one of the season's series",
} as const;
export type Relation = keyof typeof RELATIONS;

/**
 * Where the target's organisation comes from:
 * - `idea`, `deed`: the organisation of the idea/deed named by the `:id` in the path;
 * - `organisation-in-query`, `organisation-in-body`: the `organisation` field, by default the caller's own;
 * - `nominee`: the organisation of the nominated deed (`deedId`), else the `organisation` field, else the caller's own.
 */
export const TARGETS = {
  idea: "the idea's organisation",
  deed: "the deed's organisation",
  'organisation-in-query': 'the organisation asked for (?organisation=, by default your own)',
  'organisation-in-body': 'the organisation named in the body (by default your own)',
  'organisation-in-path': 'the organisation in the path (/api/organisations/{org}/…)',
  nominee: "the nominee's organisation",
  media: "the uploader's organisation (the idea carrying the upload belongs to it)",
} as const;
export type TargetKind = keyof typeof TARGETS;

export interface Grant {
  /** A role, or `anyone` signed in. */
  role: Role | 'anyone';
  /** `own-organisation`: only when the target belongs to the caller's organisation. Default: any organisation. */
  scope?: 'own-organisation';
  relation?: Relation;
}

export interface Policy {
  route: `${'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'} /${string}`;
  /** What the caller does, as in "Only change agents may <what>." */
  what: string;
  /** `public`: no token needed (a token, if sent, must still be valid). */
  access: 'public' | readonly Grant[];
  /** Needed when a grant is scoped to the own organisation. */
  target?: TargetKind;
}

const own = (role: Role | 'anyone', relation?: Relation): Grant => ({ role, scope: 'own-organisation', ...(relation ? { relation } : {}) });
const any = (role: Role | 'anyone', relation?: Relation): Grant => ({ role, ...(relation ? { relation } : {}) });
const chair = any('jury-chair', 'series-chair');
const juror = any('juror', 'series-juror');
const admin = any('admin');

/** The matrix. Adding a route: one line here, and @Authorize('<key>') on its handler. */
export const POLICIES = {
  // Ideas: the people of an organisation see, support and comment on its ideas; its change agents move them.
  'ideas.submit': { route: 'POST /api/ideas', what: 'submit ideas', target: 'organisation-in-body', access: [own('anyone')] },
  'ideas.list': { route: 'GET /api/ideas', what: 'list ideas', target: 'organisation-in-query', access: [own('anyone'), admin] },
  'ideas.get': { route: 'GET /api/ideas/:id', what: 'read this idea', target: 'idea', access: [own('anyone'), admin] },
  'ideas.review': { route: 'POST /api/ideas/:id/review', what: 'start a review', target: 'idea', access: [own('change-agent')] },
  'ideas.pilot': { route: 'POST /api/ideas/:id/pilot', what: 'start a pilot', target: 'idea', access: [own('change-agent')] },
  'ideas.measurements': { route: 'POST /api/ideas/:id/measurements', what: 'record pilot measurements', target: 'idea', access: [own('change-agent')] },
  'ideas.adopt': { route: 'POST /api/ideas/:id/adopt', what: 'adopt an idea', target: 'idea', access: [own('change-agent')] },
  'ideas.reject': { route: 'POST /api/ideas/:id/reject', what: 'reject an idea', target: 'idea', access: [own('change-agent')] },
  'ideas.withdraw': { route: 'POST /api/ideas/:id/withdraw', what: 'withdraw the idea', target: 'idea', access: [own('anyone', 'submitter')] },
  'ideas.comment': { route: 'POST /api/ideas/:id/comments', what: 'comment on this idea', target: 'idea', access: [own('anyone')] },
  'ideas.support': { route: 'POST /api/ideas/:id/support', what: 'support this idea', target: 'idea', access: [own('anyone')] },
  'ideas.funnel': { route: 'GET /api/funnel', what: 'see the funnel', target: 'organisation-in-query', access: [own('anyone'), admin] },
  'ideas.similar': { route: 'GET /api/ideas/similar', what: "see the organisation's ideas similar to a text", target: 'organisation-in-query', access: [own('anyone'), admin] },
  'ideas.merge': { route: 'POST /api/ideas/:id/merge', what: 'merge this idea into another', target: 'idea', access: [own('change-agent')] },
  'ideas.activity': { route: 'GET /api/funnel/activity', what: "see the units' activity", target: 'organisation-in-query', access: [own('anyone'), admin] },
  'media.upload': { route: 'POST /api/media', what: 'upload photos, voice notes and videos', target: 'organisation-in-query', access: [own('anyone')] },
  // Read as the idea carrying it: the uploader before it is attached, then the idea's readers (the handler checks which idea).
  'media.get': { route: 'GET /api/media/:id', what: 'see or hear this upload', target: 'media', access: [own('anyone'), admin] },
  'ideas.to-deed': { route: 'POST /api/ideas/:id/deed', what: 'turn this idea into a deed', target: 'idea', access: [own('org-editor')] },

  // Deeds: an organisation's editors write and publish its deeds; admins may take any deed off the catalogue.
  'deeds.draft': { route: 'POST /api/deeds', what: 'draft deeds', target: 'organisation-in-body', access: [own('org-editor')] },
  'deeds.edit': { route: 'PUT /api/deeds/:id', what: 'edit this deed', target: 'deed', access: [own('org-editor')] },
  'deeds.publish': { route: 'POST /api/deeds/:id/publish', what: 'publish this deed', target: 'deed', access: [own('org-editor')] },
  'deeds.unpublish': { route: 'POST /api/deeds/:id/unpublish', what: 'unpublish this deed', target: 'deed', access: [own('org-editor'), admin] },
  'deeds.list': { route: 'GET /api/deeds', what: "list the organisation's deeds as editors see them", target: 'organisation-in-query', access: [own('org-editor'), admin] },
  'deeds.get': { route: 'GET /api/deeds/:id', what: 'see this deed as its editors do', target: 'deed', access: [own('org-editor'), admin] },

  // Tekojen tori: the public catalogue of published deeds.
  'catalogue.search': { route: 'GET /api/catalogue/deeds', what: 'search the catalogue', access: 'public' },
  'catalogue.get': { route: 'GET /api/catalogue/deeds/:id', what: 'read a published deed', access: 'public' },
  'catalogue.stats': { route: 'GET /api/catalogue/stats', what: 'see catalogue statistics', access: 'public' },

  // Campaigns: run by the programme, followed by everyone.
  'campaigns.open': { route: 'POST /api/campaigns', what: 'open campaigns', access: [admin] },
  'campaigns.list': { route: 'GET /api/campaigns', what: 'list campaigns', access: 'public' },
  'campaigns.get': { route: 'GET /api/campaigns/:id', what: 'see a campaign', access: 'public' },
  'campaigns.standings': { route: 'GET /api/campaigns/:id/standings', what: "see a campaign's standings", access: 'public' },
  'campaigns.close': { route: 'POST /api/campaigns/:id/close', what: 'close campaigns', access: [admin] },

  // Gaala: admins open seasons, editors nominate their own organisation, jurors score their series, chairs steer it.
  'awards.open': { route: 'POST /api/award-seasons', what: 'open award seasons', access: [admin] },
  'awards.revise': { route: 'PATCH /api/award-seasons/:id', what: 'change award seasons', access: [admin] },
  'awards.list': { route: 'GET /api/award-seasons', what: 'list award seasons', access: 'public' },
  'awards.get': { route: 'GET /api/award-seasons/:id', what: 'see an award season', access: [any('anyone')] },
  'awards.nominate': { route: 'POST /api/award-seasons/:id/nominations', what: 'nominate', target: 'nominee', access: [own('org-editor'), admin] },
  'awards.nominations': { route: 'GET /api/award-seasons/:id/nominations', what: 'see the nominations of this series', access: [juror, chair, admin] },
  'awards.our-nominations': { route: 'GET /api/award-seasons/:id/our-nominations', what: "see the organisation's nominations", target: 'organisation-in-query', access: [own('org-editor'), admin] },
  'awards.score': { route: 'POST /api/nominations/:id/scores', what: 'score its nominations', access: [juror] },
  'awards.conflict': { route: 'POST /api/nominations/:id/conflicts', what: 'declare conflicts on its nominations', access: [juror] },
  'awards.shortlist': { route: 'GET /api/award-seasons/:id/shortlist', what: 'see its shortlist', access: [chair, admin] },
  'awards.progress': { route: 'GET /api/award-seasons/:id/progress', what: "see its jurors' progress", access: [chair, admin] },
  'awards.override': { route: 'POST /api/award-seasons/:id/overrides', what: 'override its shortlist', access: [chair] },
  'awards.reveal': { route: 'POST /api/award-seasons/:id/reveal', what: 'reveal its nominees', access: [chair] },
  'awards.close-round': { route: 'POST /api/award-seasons/:id/rounds/close', what: 'close its round', access: [chair] },
  'awards.grant': { route: 'POST /api/award-seasons/:id/awards', what: 'grant its awards', access: [chair, admin] },
  'awards.proposals': { route: 'GET /api/award-seasons/:id/proposals', what: 'see catalogue proposals', access: [chair, admin] },
  'awards.accept-proposal': { route: 'POST /api/award-seasons/:id/proposals/accept', what: 'accept catalogue proposals', access: [chair] },
  'awards.audit': { route: 'GET /api/award-seasons/:id/audit', what: 'see the audit trail', access: [any('jury-chair', 'season-chair'), admin] },
  'awards.results': { route: 'GET /api/award-seasons/:id/results', what: 'see released results', access: 'public' },
  'awards.mine': { route: 'GET /api/awards/mine', what: 'see your awards', access: [any('anyone')] },

  // The organisation registry: everyone reads the names, admins keep them.
  'organisations.list': { route: 'GET /api/organisations', what: 'list organisations', access: 'public' },
  'organisations.register': { route: 'POST /api/organisations', what: 'register organisations', access: [admin] },
  'organisations.rename': { route: 'PATCH /api/organisations/:org', what: 'rename organisations', access: [admin] },

  // Units, incentive rules and activity (Imatra's model).
  'units.import': { route: 'POST /api/organisations/:org/units', what: "import the organisation's unit headcounts", target: 'organisation-in-path', access: [own('org-editor'), admin] },
  'units.list': { route: 'GET /api/organisations/:org/units', what: "see the organisation's unit headcounts", target: 'organisation-in-path', access: [own('anyone'), admin] },
  'incentives.publish': { route: 'POST /api/organisations/:org/incentive-rules', what: "publish the organisation's incentive rules", target: 'organisation-in-path', access: [own('org-editor'), admin] },
  'incentives.list': { route: 'GET /api/organisations/:org/incentive-rules', what: "see the organisation's incentive rules", target: 'organisation-in-path', access: [own('anyone'), admin] },
  'activity.get': { route: 'GET /api/activity', what: "see the organisation's unit activity", target: 'organisation-in-query', access: [own('anyone'), admin] },

  // Open data: aggregates and published deeds only.
  'open-data.catalogue': { route: 'GET /api/open-data/catalogue.:ext', what: 'download the catalogue as open data', access: 'public' },
  'open-data.funnel': { route: 'GET /api/open-data/funnel.:ext', what: 'download the funnel as open data', access: 'public' },
  'open-data.activity': { route: 'GET /api/open-data/activity.:ext', what: 'download unit activity as open data', access: 'public' },

  // Notifications: each person's own.
  'notifications.preferences': { route: 'GET /api/me/notification-preferences', what: 'see your notification preferences', access: [any('anyone')] },
  'notifications.set-preferences': { route: 'PUT /api/me/notification-preferences', what: 'set your notification preferences', access: [any('anyone')] },
  'notifications.list': { route: 'GET /api/me/notifications', what: 'read your notifications', access: [any('anyone')] },
  'notifications.read': { route: 'POST /api/me/notifications/:id/read', what: 'mark your notification read', access: [any('anyone')] },
  'notifications.read-all': { route: 'POST /api/me/notifications/read-all', what: 'mark all your notifications read', access: [any('anyone')] },

  // The data subject's rights (GDPR articles 15 and 17).
  'people.export-own': { route: 'GET /api/people/me/export', what: 'export everything held about yourself', access: [any('anyone')] },
  'people.export': { route: 'GET /api/people/:id/export', what: "export everything held about a person", access: [admin] },
  'people.erase': { route: 'POST /api/people/:id/erase', what: "erase a person's personal data", access: [admin] },

  // Signing in: what the pages need to know, and the development sign-in (refused in production and with an identity provider).
  'sign-in.config': { route: 'GET /api/config', what: 'read how the pages sign in', access: 'public' },
  'sign-in.development': { route: 'POST /api/development/sign-in', what: 'sign in for development with the local key', access: 'public' },

  // Operations.
  'ops.live': { route: 'GET /health/live', what: 'check liveness', access: 'public' },
  'ops.ready': { route: 'GET /health/ready', what: 'check readiness', access: 'public' },
  'ops.metrics': { route: 'GET /metrics', what: 'read metrics', access: 'public' },
} as const satisfies Record<string, Policy>;

export type PolicyKey = keyof typeof POLICIES;
export const POLICY_KEYS = Object.keys(POLICIES) as PolicyKey[];
export const policyOf = (key: PolicyKey): Policy => POLICIES[key];
export const isPolicyKey = (key: unknown): key is PolicyKey => typeof key === 'string' && Object.prototype.hasOwnProperty.call(POLICIES, key);
