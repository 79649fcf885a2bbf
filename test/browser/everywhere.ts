// The reflow suite's checks for one state of a page at every width of the suite, then again under the WCAG 1.4.12
// text-spacing overrides: no sideways scrolling, no clipped text, no small targets, nothing from axe.
import type { Page } from 'playwright-core';
import { applyTextSpacing, reflowReport, WIDTHS } from './reflow.js';

/** One line per width (and per width with text spacing) that fails; empty when the page passes everywhere. */
export async function reflowEverywhere(page: Page, height = 900): Promise<string[]> {
  const failures: string[] = [];
  const check = async (label: string) => {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height });
      const report = await reflowReport(page);
      const bad = [...(report.sideways > 0 ? [`scrolls sideways by ${report.sideways} px`] : []), ...report.clipped, ...report.targets, ...report.axe];
      failures.push(...bad.map((b) => `${label} ${width} px: ${b}`));
    }
  };
  await check('');
  await applyTextSpacing(page);
  await check('text spacing,');
  return failures;
}
