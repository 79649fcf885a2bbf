// axe-core in the browser tests: `withAxe(page)` before the first visit, then `expectNoViolations(page, label)` in
// each state of a page. The rules are WCAG 2.0 and 2.1, levels A and AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa).
import type { Page } from 'playwright-core';
import { axeViolations, withAxe } from './reflow.js';

export { withAxe };

/** Fails with every violation, one line each (rule, impact, element, what to fix), under the state's label. */
export async function expectNoViolations(page: Page, label: string): Promise<void> {
  // Let the page finish drawing (fetches answered, observers run) before it is judged.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const violations = await axeViolations(page);
  expect({ label, violations }).toEqual({ label, violations: [] });
}
