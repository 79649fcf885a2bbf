// Shared by the pages: signing in (auth.mts), API calls with the signed-in person's token, small DOM helpers.
import { SignIn, signInControl } from './auth.mts';
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

/** The page's sign-in (OIDC at the identity provider the API names, or the development sign-in). */
export const session = new SignIn();

/** The signed-in person's access token, or '' when nobody is signed in. */
export function token(): string {
  return session.accessToken();
}

/**
 * Puts the sign-in control in the page header (in place of #sign-in, or of an older #token-form) and calls
 * `onChange` when someone signs in or out.
 */
export function tokenForm(onChange: () => void) {
  const slot = document.querySelector<HTMLElement>('#sign-in') ?? document.querySelector<HTMLElement>('#token-form');
  const control = signInControl(session);
  control.id = 'sign-in';
  if (slot) slot.replaceWith(control);
  else document.querySelector('header')?.append(control);
  session.onChange(onChange);
}

export async function api(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  await session.ready;
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
