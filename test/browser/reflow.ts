// Reflow checks for the browser tests (WCAG 2.1 SC 1.4.10 Reflow, 1.4.12 Text Spacing, 2.2 SC 2.5.8 Target Size),
// which axe does not test: the page never scrolls sideways, no text is cut off or spills out of its box, targets are
// at least 24 × 24 px; and axe itself for the WCAG 2.1 A and AA rules.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';

// Browser globals inside page.evaluate callbacks (the test's tsconfig has no DOM library).
declare const document: any, window: any, getComputedStyle: any, Node: any, axe: any;

/** Widths of the tests: two phones, 1280 px at 200 % zoom (640 CSS px), a tablet, a desktop. */
export const WIDTHS = [320, 375, 640, 768, 1280] as const;

/** The text-spacing overrides of WCAG 2.1 SC 1.4.12, as in the W3C's text-spacing bookmarklet. */
export const TEXT_SPACING_CSS =
  '*{line-height:1.5!important;letter-spacing:.12em!important;word-spacing:.16em!important}p{margin-bottom:2em!important}';

let axeSource: string | undefined;

/** axe-core's browser bundle (the devDependency `axe-core`). */
function axeScript(): string {
  if (axeSource === undefined) {
    const require = createRequire(join(process.cwd(), 'package.json'));
    let main: string;
    try {
      main = require.resolve('axe-core');
    } catch {
      throw new Error('axe-core is not installed: it is a devDependency of the browser tests (npm install).');
    }
    axeSource = readFileSync(join(dirname(main), 'axe.min.js'), 'utf8');
  }
  return axeSource;
}

/** Makes axe available in every document the page opens (an init script: the pages' CSP does not apply to it). */
export async function withAxe(page: Page): Promise<void> {
  await page.addInitScript({ content: axeScript() });
}

/** axe's violations for the WCAG 2.1 A and AA rules, one line each: rule, impact, where. */
export async function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.flatMap((v: any) => v.nodes.map((n: any) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`));
  });
}

/** How far the document scrolls sideways: its scroll width less the viewport's width (0 when it reflows). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}

/** Adds the 1.4.12 text-spacing stylesheet to the document and to every open shadow root (the widget's). */
export async function applyTextSpacing(page: Page): Promise<void> {
  await page.evaluate((css) => {
    const roots: any[] = [document];
    for (let i = 0; i < roots.length; i++) for (const e of roots[i].querySelectorAll('*')) if (e.shadowRoot) roots.push(e.shadowRoot);
    for (const root of roots) {
      const style = document.createElement('style');
      style.className = 'wcag-text-spacing';
      style.textContent = css;
      (root === document ? document.head : root).append(style);
    }
  }, TEXT_SPACING_CSS);
  // Let the layout settle (and observers such as the board's scroll hint run).
  await page.evaluate(() => new Promise((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve))));
}

/**
 * Every text the reader cannot see whole, one line each (empty when none). Looks at each rendered element with text
 * of its own, in the document and in open shadow roots, and finds text that:
 * - spills out of its box (the box of the element, or of the nearest block around an inline element): a word wider
 *   than its column, a fixed height too short for its lines, text drawn over the next column or card;
 * - is cut off by an ancestor that hides overflow (`overflow: hidden/clip`), or by its own box
 *   (scrollWidth/scrollHeight beyond clientWidth/clientHeight, e.g. `text-overflow: ellipsis`);
 * - lies outside the viewport, unless it is inside a region that scrolls on its own (the board's columns);
 * - in a text field or a select, is wider than the field (a placeholder or the chosen option cut short).
 * Text hidden on purpose (visually-hidden labels: clipped to a pixel) is skipped. A select cannot wrap its text: one
 * whose chosen option is longer than a phone is wide passes when it already takes the whole width it has (its open
 * list shows every option whole), and fails when it is narrower than that.
 */
export async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const viewport = document.documentElement.clientWidth;
    const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'OPTION', 'OPTGROUP', 'TITLE', 'HEAD', 'DATALIST']);
    const parent = (e: any) => e.parentElement ?? (e.getRootNode() as any).host ?? null;
    const describe = (e: any) => {
      const id = e.id ? `#${e.id}` : '';
      const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
      const host = e.getRootNode() !== document ? `${(e.getRootNode() as any).host.localName} › ` : '';
      return `${host}${e.localName}${id}${cls}`;
    };
    const hiddenOnPurpose = (e: any) => {
      for (let a = e; a; a = parent(a)) {
        const s = getComputedStyle(a);
        if (s.clip !== 'auto' && (s.position === 'absolute' || s.position === 'fixed')) return true;
        if (s.clipPath !== 'none') return true;
      }
      return false;
    };
    const blockOf = (e: any) => {
      let b = e;
      while (b && ['inline', 'contents'].includes(getComputedStyle(b).display)) b = parent(b);
      return b;
    };
    const tol = 1;
    const roots: any[] = [document];
    for (let i = 0; i < roots.length; i++) for (const e of roots[i].querySelectorAll('*')) if (e.shadowRoot) roots.push(e.shadowRoot);
    const range = document.createRange();
    const canvas = document.createElement('canvas').getContext('2d');
    for (const root of roots) {
      for (const e of root.querySelectorAll('*')) {
        if (SKIP.has(e.tagName) || e.getClientRects().length === 0) continue;
        if (!e.checkVisibility({ visibilityProperty: true })) continue;
        const s = getComputedStyle(e);
        const texts = [...e.childNodes].filter((n: any) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
        const field = (e.localName === 'input' && ['text', 'search', 'url', 'email', 'tel', 'number', ''].includes(e.type)) || e.localName === 'select';
        if (texts.length === 0 && !field) continue;
        if (hiddenOnPurpose(e)) continue;
        const what = (text: string) => `${describe(e)} «${text.trim().replace(/\s+/g, ' ').slice(0, 60)}»`;
        if (field) {
          // The shown text of a field: the chosen option, else the value, else the placeholder.
          const shown = e.localName === 'select' ? e.selectedOptions[0]?.textContent ?? '' : e.value || e.placeholder || '';
          if (!shown) continue;
          canvas.font = s.font;
          canvas.letterSpacing = s.letterSpacing === 'normal' ? '0px' : s.letterSpacing;
          canvas.wordSpacing = s.wordSpacing === 'normal' ? '0px' : s.wordSpacing;
          const needed = canvas.measureText(shown).width;
          // A select keeps room for its arrow.
          const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - (e.localName === 'select' ? 20 : 0);
          let widest = false;
          if (e.localName === 'select') {
            const holder = blockOf(parent(e));
            const hs = getComputedStyle(holder);
            widest = e.getBoundingClientRect().width >= holder.clientWidth - parseFloat(hs.paddingLeft) - parseFloat(hs.paddingRight) - tol;
          }
          if ((e.localName === 'select' || !e.value) && needed > room + tol && !widest) problems.push(`${what(shown)}: the text needs ${Math.ceil(needed)} px, the field shows ${Math.floor(room)} px`);
          continue;
        }
        const text = texts.map((n: any) => n.textContent).join(' ');
        let left = Infinity;
        let right = -Infinity;
        let top = Infinity;
        let bottom = -Infinity;
        for (const n of texts) {
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) {
            if (r.width === 0 && r.height === 0) continue;
            left = Math.min(left, r.left);
            right = Math.max(right, r.right);
            top = Math.min(top, r.top);
            bottom = Math.max(bottom, r.bottom);
          }
        }
        if (left === Infinity) continue;
        // Its own box: the text must fit in it.
        const block = blockOf(e);
        const box = block.getBoundingClientRect();
        if (left < box.left - tol || right > box.right + tol) problems.push(`${what(text)}: the text is ${Math.ceil(right - left)} px wide, its box ${describe(block)} ${Math.floor(box.width)} px`);
        else if (top < box.top - tol || bottom > box.bottom + tol) problems.push(`${what(text)}: the text is ${Math.ceil(bottom - top)} px high, its box ${describe(block)} ${Math.floor(box.height)} px`);
        if (s.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + tol) problems.push(`${what(text)}: cut off at the side (${e.scrollWidth} px in ${e.clientWidth} px)`);
        if (s.overflowY !== 'visible' && !['auto', 'scroll'].includes(s.overflowY) && e.scrollHeight > e.clientHeight + tol) problems.push(`${what(text)}: cut off below (${e.scrollHeight} px in ${e.clientHeight} px)`);
        // The boxes around it: one that hides overflow must not cut the text; one that lets it overflow must still
        // hold it (a card wider than its column is drawn over the next column). Inside a region that scrolls on its own
        // (the board's columns) the text is within reach, and so are the boxes beyond it.
        let scrolls = false;
        for (let a = block; a && a !== document.documentElement && a !== document.body; a = parent(a)) {
          const as = getComputedStyle(a);
          const scroller = ['auto', 'scroll'].includes(as.overflowX) || ['auto', 'scroll'].includes(as.overflowY);
          if (scroller && a !== block) {
            scrolls = true;
            break;
          }
          if (a !== block && !['inline', 'contents'].includes(as.display)) {
            const r = a.getBoundingClientRect();
            const clips = as.overflowX !== 'visible' || as.overflowY !== 'visible';
            const inner = clips ? { left: r.left + a.clientLeft, top: r.top + a.clientTop, right: r.left + a.clientLeft + a.clientWidth, bottom: r.top + a.clientTop + a.clientHeight } : r;
            if (left < inner.left - tol || right > inner.right + tol || top < inner.top - tol || bottom > inner.bottom + tol) {
              problems.push(clips ? `${what(text)}: cut off by ${describe(a)} (overflow: ${as.overflowX} ${as.overflowY})` : `${what(text)}: spills out of ${describe(a)} (${Math.floor(r.left)}–${Math.ceil(r.right)} px), over what lies next to it`);
              break;
            }
          }
          if (scroller) break;
          // An absolutely placed box is not inside its parent's box.
          if (as.position === 'absolute' || as.position === 'fixed') break;
        }
        if (!scrolls && (left < -tol || right > viewport + tol)) problems.push(`${what(text)}: outside the viewport (${Math.floor(left)}–${Math.ceil(right)} px of ${viewport} px)`);
      }
    }
    return problems;
  });
}

/**
 * Targets smaller than 24 × 24 CSS px (WCAG 2.2 SC 2.5.8), one line each. The exceptions of the criterion: a link
 * inside a sentence or a list item's text (inline), and a target whose 24 px circle meets no other target's (spacing);
 * a control whose label is a target too counts with its label's box (a checkbox and its label).
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const roots: any[] = [document];
    for (let i = 0; i < roots.length; i++) for (const e of roots[i].querySelectorAll('*')) if (e.shadowRoot) roots.push(e.shadowRoot);
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=tab], [tabindex]:not([tabindex="-1"])';
    const targets: any[] = [];
    for (const root of roots) for (const e of root.querySelectorAll(selector)) if (e.getClientRects().length && e.checkVisibility({ visibilityProperty: true })) targets.push(e);
    const rect = (e: any) => {
      const r = e.getBoundingClientRect();
      // A checkbox or radio is also hit through its label.
      if (e.labels?.length) {
        for (const l of e.labels) {
          const lr = l.getBoundingClientRect();
          if (lr.width * lr.height > r.width * r.height && (l.contains(e) || Math.abs(lr.top + lr.height / 2 - (r.top + r.height / 2)) < lr.height)) return lr;
        }
      }
      return r;
    };
    const describe = (e: any) => `${e.localName}${e.id ? `#${e.id}` : ''} «${(e.textContent || e.getAttribute('aria-label') || e.value || '').trim().slice(0, 40)}»`;
    const inline = (e: any) => {
      if (e.localName !== 'a' || getComputedStyle(e).display !== 'inline') return false;
      const p = e.parentElement;
      // In a sentence: beside text of its own line box, whether a text node or an inline element holding text
      // (a translated description in a span) that is not a target itself.
      const text = (n: any) =>
        n !== e &&
        n.textContent.trim() !== '' &&
        (n.nodeType === 3 || (n.nodeType === 1 && !n.matches(selector) && !n.querySelector(selector) && getComputedStyle(n).display === 'inline'));
      return p && [...p.childNodes].some(text);
    };
    const boxes = targets.map((e) => ({ e, r: rect(e) }));
    const problems: string[] = [];
    for (const { e, r } of boxes) {
      if (r.width >= 24 - 0.5 && r.height >= 24 - 0.5) continue;
      if (inline(e)) continue;
      // Spacing: a 24 px circle around its centre must not meet another target or its circle.
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      const crowded = boxes.some(({ e: o, r: or }) => {
        if (o === e || o.contains(e) || e.contains(o)) return false;
        const dx = Math.max(or.left - cx, 0, cx - or.right);
        const dy = Math.max(or.top - cy, 0, cy - or.bottom);
        if (Math.hypot(dx, dy) < 12) return true;
        if (or.width >= 24 && or.height >= 24) return false;
        return Math.hypot(or.left + or.width / 2 - cx, or.top + or.height / 2 - cy) < 24;
      });
      if (crowded) problems.push(`${describe(e)}: ${Math.round(r.width)} × ${Math.round(r.height)} px`);
    }
    return problems;
  });
}

/** Everything at once for one state of a page: sideways scrolling, clipped text, small targets, axe. */
export async function reflowReport(page: Page): Promise<{ sideways: number; clipped: string[]; targets: string[]; axe: string[] }> {
  return { sideways: await sidewaysScroll(page), clipped: await clippedText(page), targets: await smallTargets(page), axe: await axeViolations(page) };
}
