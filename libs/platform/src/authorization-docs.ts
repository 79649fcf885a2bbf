// Renders the authorisation matrix of docs/authorization.md from the access policy (see generate-authorization-docs.ts).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { POLICIES, POLICY_KEYS, RELATIONS, TARGETS, type Grant, type Policy, type PolicyKey } from './access-policy.js';
import { ROLES, type Role } from './identity.js';

export const MATRIX_BEGIN = '<!-- BEGIN GENERATED MATRIX: npm run docs:authz writes this part from libs/platform/src/access-policy.ts; a test checks it -->';
export const MATRIX_END = '<!-- END GENERATED MATRIX -->';

/** <repository>/docs/authorization.md, found from the sources (tests) or from dist/ (npm run docs:authz). */
export function authorizationDocsFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'docs', 'authorization.md');
}

const RELATION_SHORT: Record<keyof typeof RELATIONS, string> = {
  submitter: 'submitter',
  'series-juror': 'juror of the series',
  'series-chair': 'chair of the series',
  'season-chair': 'chair in the season',
};

/** What one role may do, in the target's own organisation or in another: "✓", "—", or "✓ submitter". */
function cell(policy: Policy, role: Role, organisation: 'own' | 'other'): string {
  if (policy.access === 'public') return '✓';
  const grants = policy.access.filter((grant: Grant) => (grant.role === role || grant.role === 'anyone') && (organisation === 'own' || grant.scope !== 'own-organisation'));
  if (grants.length === 0) return '—';
  if (grants.some((grant) => !grant.relation)) return '✓';
  return `✓ ${[...new Set(grants.map((grant) => RELATION_SHORT[grant.relation!]))].join(' / ')}`;
}

const escape = (text: string) => text.replace(/\|/g, '\\|');

export function renderMatrix(): string {
  const lines: string[] = [MATRIX_BEGIN, ''];
  const header = ['Endpoint', 'Policy', 'Organisation from', 'No login', ...ROLES.map((role) => `${role}<br>own · other`)];
  lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  for (const key of POLICY_KEYS) {
    const policy: Policy = POLICIES[key];
    const scoped = policy.access !== 'public' && policy.access.some((grant) => grant.scope === 'own-organisation');
    const row = [
      `\`${policy.route}\``,
      `\`${key}\``,
      scoped && policy.target ? escape(TARGETS[policy.target]) : '—',
      policy.access === 'public' ? '✓' : '401',
      ...ROLES.map((role) => {
        const own = cell(policy, role, 'own');
        const other = cell(policy, role, 'other');
        return scoped ? `${own} · ${other}` : own;
      }),
    ];
    lines.push(`| ${row.join(' | ')} |`);
  }
  lines.push(
    '',
    'Reading a cell: `✓` allowed (2xx), `—` refused (403); where a row has no organisation scope, one mark stands for both',
    "columns. `✓ <relation>` is allowed only for that relationship, which the state holder checks (otherwise 403):",
    '',
    ...(Object.keys(RELATIONS) as (keyof typeof RELATIONS)[]).map((relation) => `- **${RELATION_SHORT[relation]}** (\`${relation}\`): ${RELATIONS[relation]}.`),
    '',
    `${POLICY_KEYS.length} endpoints, ${POLICY_KEYS.filter((key: PolicyKey) => POLICIES[key].access === 'public').length} of them public.`,
    '',
    MATRIX_END,
  );
  return lines.join('\n');
}

/** The page with its generated part replaced; the hand-written parts around it stay. */
export function withMatrix(page: string): string {
  const begin = page.indexOf(MATRIX_BEGIN);
  const end = page.indexOf(MATRIX_END);
  if (begin < 0 || end < begin) throw new Error(`docs/authorization.md needs the markers ${MATRIX_BEGIN} … ${MATRIX_END}`);
  return page.slice(0, begin) + renderMatrix() + page.slice(end + MATRIX_END.length);
}
