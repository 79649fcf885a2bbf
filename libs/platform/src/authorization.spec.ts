// The access policy as a pure rule, and the generated page that documents it.
import { readFileSync } from 'node:fs';
import { POLICIES, POLICY_KEYS, type Policy } from './access-policy.js';
import { authorizationDocsFile, withMatrix } from './authorization-docs.js';
import { admits, denialMessage, matrixCell, permits } from './authorization.js';
import type { Actor, Role } from './identity.js';

const actor = (organisation: string, ...roles: Role[]): Actor => ({ subject: 'someone', organisation, roles });

describe('the access policy', () => {
  it('lets change agents move only their own organisation’s ideas', () => {
    expect(permits('ideas.review', actor('imatra', 'change-agent'), { organisation: 'imatra' })).toBe(true);
    expect(permits('ideas.review', actor('lahti', 'change-agent'), { organisation: 'imatra' })).toBe(false);
    expect(permits('ideas.review', actor('imatra', 'employee', 'admin'), { organisation: 'imatra' })).toBe(false);
  });

  it('needs the relationship where a grant names one', () => {
    const me = actor('imatra', 'employee');
    expect(permits('ideas.withdraw', me, { organisation: 'imatra', relations: { submitter: true } })).toBe(true);
    expect(permits('ideas.withdraw', me, { organisation: 'imatra', relations: { submitter: false } })).toBe(false);
    expect(permits('ideas.withdraw', me, { organisation: 'imatra' })).toBe(false);
    expect(permits('awards.score', actor('x', 'juror'), { relations: { 'series-juror': true } })).toBe(true);
    expect(permits('awards.score', actor('x', 'jury-chair'), { relations: { 'series-juror': true } })).toBe(false);
    // Admins see any shortlist; a chair only their own series'.
    expect(permits('awards.shortlist', actor('x', 'admin'))).toBe(true);
    expect(permits('awards.shortlist', actor('x', 'jury-chair'), { relations: { 'series-chair': false } })).toBe(false);
  });

  it('adds up the grants of several roles', () => {
    const editorAndAdmin = actor('imatra', 'org-editor', 'admin');
    expect(permits('deeds.unpublish', editorAndAdmin, { organisation: 'lahti' })).toBe(true);
    expect(permits('deeds.publish', editorAndAdmin, { organisation: 'lahti' })).toBe(false);
  });

  it('in the guard, checks the role first and asks for the organisation only when every matching grant is scoped', async () => {
    let asked = 0;
    const organisation = (value: string) => async () => {
      asked++;
      return value;
    };
    expect(await admits('ideas.review', actor('imatra', 'employee'), organisation('imatra'))).toEqual({ allowed: false, reason: 'role' });
    expect(asked).toBe(0);
    expect(await admits('ideas.list', actor('imatra', 'admin'), organisation('lahti'))).toEqual({ allowed: true });
    expect(asked).toBe(0);
    expect(await admits('ideas.list', actor('imatra', 'employee'), organisation('lahti'))).toEqual({ allowed: false, reason: 'organisation', organisation: 'lahti' });
    expect(await admits('ideas.list', actor('imatra', 'employee'), organisation('imatra'))).toEqual({ allowed: true });
    expect(asked).toBe(2);
    // Relationships are the state holder's: the guard lets a juror through to the decider.
    expect(await admits('awards.score', actor('imatra', 'juror'), organisation('never'))).toEqual({ allowed: true });
    expect(await admits('catalogue.search', actor('imatra'), organisation('never'))).toEqual({ allowed: true });
  });

  it('names who may in its refusals', () => {
    expect(denialMessage('ideas.review')).toBe("Only change agents of the idea's organisation may start a review.");
    expect(denialMessage('deeds.unpublish')).toBe("Only organisation editors of the deed's organisation and programme admins may unpublish this deed.");
    expect(denialMessage('awards.score')).toBe('Only the jurors of the series may score its nominations.');
  });

  it('gives every line a distinct route, and a target wherever a grant is limited to the own organisation', () => {
    const routes = POLICY_KEYS.map((key) => POLICIES[key].route);
    expect(new Set(routes).size).toBe(routes.length);
    for (const key of POLICY_KEYS) {
      const policy: Policy = POLICIES[key];
      const scoped = policy.access !== 'public' && policy.access.some((grant) => grant.scope === 'own-organisation');
      expect({ key, target: scoped ? policy.target !== undefined : true }).toEqual({ key, target: true });
    }
  });

  it('reads as the issue asks (cells of the matrix)', () => {
    expect(matrixCell('ideas.get', 'employee', 'own')).toBe('allowed');
    expect(matrixCell('ideas.get', 'employee', 'other')).toBe('denied');
    expect(matrixCell('ideas.support', 'employee', 'other')).toBe('denied');
    expect(matrixCell('deeds.publish', 'org-editor', 'other')).toBe('denied');
    expect(matrixCell('deeds.publish', 'admin', 'own')).toBe('denied');
    expect(matrixCell('awards.nominations', 'juror', 'other')).toBe('allowed');
    expect(matrixCell('awards.nominations', 'employee', 'own')).toBe('denied');
    expect(matrixCell('catalogue.get', 'employee', 'other')).toBe('public');
    expect(matrixCell('awards.results', 'admin', 'own')).toBe('public');
  });

  it('docs/authorization.md is up to date with the policy (npm run docs:authz)', () => {
    const page = readFileSync(authorizationDocsFile(), 'utf8');
    expect(page).toBe(withMatrix(page));
  });
});
