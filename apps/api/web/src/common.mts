// Shared by the pages: the token (from a field, kept in localStorage), API calls, small DOM helpers.
import { problemMessage } from './messages.mts';
export const STAGE_FI: Record<string, string> = { submitted: 'Lähetetty', inReview: 'Arvioinnissa', piloting: 'Pilotissa', adopted: 'Käyttöönotettu', rejected: 'Hylätty', withdrawn: 'Peruttu' };
export const SECTOR_FI: Record<string, string> = {
  'social-and-health': 'Sosiaali- ja terveyspalvelut', 'education-and-early-childhood': 'Kasvatus ja koulutus', technical: 'Tekniset palvelut', 'business-and-support': 'Tukipalvelut',
  'culture-and-leisure': 'Kulttuuri ja vapaa-aika', 'food-and-cleaning': 'Ruoka- ja puhtauspalvelut', 'whole-organisation': 'Koko organisaatio',
};

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** The fold button's words in the page's language, with how many filters are in use. */
const FILTER_LABEL: Record<string, (chosen: number) => string> = {
  fi: (n) => (n ? `Rajaa (${n} valittu)` : 'Rajaa'),
  sv: (n) => (n ? `Filtrera (${n} valda)` : 'Filtrera'),
  en: (n) => (n ? `Filter (${n} chosen)` : 'Filter'),
};

/**
 * Filters that fold behind a "Rajaa" button on narrow screens (a disclosure: `.filters-toggle` controls a `.foldable`
 * element; CSS shows both the button and the fold on phones only, and the filters always on wide screens).
 * Returns `count(n)`, which says on the button how many filters are chosen, and `open()` for field errors.
 */
export function foldable(toggle: HTMLButtonElement): { count(n: number): void; open(): void } {
  const target = document.getElementById(toggle.getAttribute('aria-controls') ?? '')!;
  const set = (open: boolean) => {
    toggle.setAttribute('aria-expanded', String(open));
    target.classList.toggle('open', open);
  };
  toggle.addEventListener('click', () => set(toggle.getAttribute('aria-expanded') !== 'true'));
  const words = FILTER_LABEL[document.documentElement.lang] ?? FILTER_LABEL.fi;
  return {
    count: (n) => (toggle.querySelector('.label')!.textContent = words(n)),
    open: () => set(true),
  };
}

let captions = 0;
/** A data table too wide for a phone scrolls sideways in a region of its own (reachable with the keyboard), never the page. */
export function scrollable(table: HTMLTableElement): HTMLDivElement {
  const attrs: Record<string, string> = { class: 'table-scroll', role: 'region', tabindex: '0' };
  const caption = table.querySelector('caption');
  if (caption) {
    if (!caption.id) caption.id = `caption-${++captions}`;
    attrs['aria-labelledby'] = caption.id;
  }
  return el('div', attrs, table);
}

export const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

export function token(): string {
  return localStorage.getItem('kehittamo.token') ?? '';
}

/** Binds the token form (#token-form with #token) to localStorage; calls `onChange` when a token is saved. */
export function tokenForm(onChange: () => void) {
  const form = document.querySelector<HTMLFormElement>('#token-form');
  const input = document.querySelector<HTMLInputElement>('#token');
  if (!form || !input) return;
  input.value = token();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    localStorage.setItem('kehittamo.token', input.value.trim());
    onChange();
  });
}

export async function api(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { ...extra };
  if (token()) headers.authorization = `Bearer ${token()}`;
  // A text body with its own content type (a CSV upload) goes as it is; anything else as JSON.
  const raw = typeof body === 'string' && extra['content-type'] !== undefined;
  if (body !== undefined && !raw) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body) });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed };
}

/** One sentence in Finnish from a problem details answer (field errors, known refusals, statuses). */
export function problem(reply: { status: number; body: any }): string {
  return problemMessage('fi', reply);
}

/** Says the outcome in the page's live region: politely for progress, assertively (an alert) for errors. */
export function say(text: string, ok = true) {
  const live = $('#live');
  live.setAttribute('role', ok ? 'status' : 'alert');
  live.setAttribute('aria-live', ok ? 'polite' : 'assertive');
  live.textContent = text;
  live.className = `status ${ok ? 'ok' : 'bad'}`;
}

export const fmtDate = (iso: string) => new Intl.DateTimeFormat('fi', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
