// Evaluates the access policy (access-policy.ts): the guard's part (role, organisation) before a handler runs,
// and the full rule, relationships included, for deciders and query handlers that hold the state.
import { SetMetadata, type Type } from '@nestjs/common';
import type { Request } from 'express';
import { hasRole, type Actor, type Role } from './identity.js';
import { POLICIES, RELATIONS, type Grant, type Policy, type PolicyKey, type Relation, type TargetKind } from './access-policy.js';

export const AUTHORIZE = 'kehittamo:authorize';
/** Names the route's line in the access policy. Routes without it are refused. */
export const Authorize = (key: PolicyKey) => SetMetadata(AUTHORIZE, key);

/** What the caller of `permits` knows about the target. */
export interface AccessFacts {
  /** The target's organisation; grants scoped to the own organisation need it. */
  organisation?: string;
  /** Relationships between the actor and the target, from the aggregate's state. */
  relations?: Partial<Record<Relation, boolean>>;
}

const roleMatches = (grant: Grant, actor: Actor): boolean => grant.role === 'anyone' || hasRole(actor, grant.role);

function grantHolds(grant: Grant, actor: Actor, facts: AccessFacts): boolean {
  if (!roleMatches(grant, actor)) return false;
  if (grant.scope === 'own-organisation' && facts.organisation !== actor.organisation) return false;
  if (grant.relation && facts.relations?.[grant.relation] !== true) return false;
  return true;
}

/** The whole rule: may this actor do `key` to a target with these facts? */
export function permits(key: PolicyKey, actor: Actor, facts: AccessFacts = {}): boolean {
  const policy: Policy = POLICIES[key];
  if (policy.access === 'public') return true;
  return policy.access.some((grant) => grantHolds(grant, actor, facts));
}

export type GuardVerdict = { allowed: true } | { allowed: false; reason: 'role' } | { allowed: false; reason: 'organisation'; organisation: string };

/**
 * The guard's part of the rule: role and organisation. Relationships are left to whoever holds the state;
 * `organisation` is asked for only when every grant the actor's roles match is scoped to the own organisation.
 * It answers null for a malformed organisation field: that names no organisation at all (organisation ids in
 * tokens and data are identifiers), and the route's validation refuses it with a 400 naming every bad field.
 */
export async function admits(key: PolicyKey, actor: Actor, organisation: () => Promise<string | null>): Promise<GuardVerdict> {
  const policy: Policy = POLICIES[key];
  if (policy.access === 'public') return { allowed: true };
  const candidates = policy.access.filter((grant) => roleMatches(grant, actor));
  if (candidates.length === 0) return { allowed: false, reason: 'role' };
  if (candidates.some((grant) => grant.scope !== 'own-organisation')) return { allowed: true };
  const target = await organisation();
  return target === null || target === actor.organisation ? { allowed: true } : { allowed: false, reason: 'organisation', organisation: target };
}

const ROLE_NAMES: Record<Role | 'anyone', string> = {
  anyone: 'people',
  employee: 'employees',
  'change-agent': 'change agents',
  'org-editor': 'organisation editors',
  juror: 'jurors',
  'jury-chair': 'jury chairs',
  admin: 'programme admins',
};

const RELATION_NAMES: Record<Relation, string> = {
  submitter: 'the person who submitted the idea',
  'series-juror': 'the jurors of the series',
  'series-chair': 'the chair of the series',
  'season-chair': "the chairs of the season's series",
};

function describeGrant(grant: Grant, policy: Policy): string {
  const who = grant.relation ? RELATION_NAMES[grant.relation] : ROLE_NAMES[grant.role];
  if (grant.scope !== 'own-organisation') return who;
  const where = policy.target === 'idea' ? "the idea's organisation" : policy.target === 'deed' ? "the deed's organisation" : 'their own organisation';
  return `${who} of ${where}`;
}

/** "Only change agents of the idea's organisation may start a review." */
export function denialMessage(key: PolicyKey): string {
  const policy: Policy = POLICIES[key];
  if (policy.access === 'public') return '';
  const names = [...new Set(policy.access.map((grant) => describeGrant(grant, policy)))];
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
  return `Only ${list} may ${policy.what}.`;
}

/** One cell of the matrix: may a holder of `role` in the target's own (or another) organisation call `key`? */
export type Cell = 'public' | 'allowed' | 'denied';
export function matrixCell(key: PolicyKey, role: Role, organisation: 'own' | 'other'): Cell {
  const policy: Policy = POLICIES[key];
  if (policy.access === 'public') return 'public';
  const actor: Actor = { subject: 'matrix', organisation: 'own', roles: [role] };
  const relations = Object.fromEntries(Object.keys(RELATIONS).map((r) => [r, true]));
  return permits(key, actor, { organisation: organisation === 'own' ? 'own' : 'other', relations }) ? 'allowed' : 'denied';
}

/**
 * Finds the organisation a request targets. Context modules provide one per target kind
 * (decorate the provider with @ResolvesTarget('<kind>')); it throws the usual 404 when there is no such target.
 */
export interface TargetResolver {
  /** The target's organisation; null when the request names it in a malformed field (its validation answers 400). */
  organisationOf(request: Request, actor: Actor): Promise<string | null>;
}

const resolvers = new Map<TargetKind, Type<TargetResolver>>();
export const ResolvesTarget = (kind: TargetKind) => (type: Type<TargetResolver>) => {
  resolvers.set(kind, type);
};
export const targetResolverType = (kind: TargetKind): Type<TargetResolver> | undefined => resolvers.get(kind);
