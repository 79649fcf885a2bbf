// The pages' languages: which one is in use (Finnish, Swedish or English, remembered in localStorage), the switch in
// the header, texts looked up by language, numbers and dates formatted per locale (Intl), days typed the Finnish
// way (31.12.2026), organisations by their registered names, and the footer with the accessibility statement.
import type { Lang } from './messages.mts';
export type { Lang } from './messages.mts';

export const LANGS: readonly Lang[] = ['fi', 'sv', 'en'];
const KEY = 'kehittamo.lang';
const LOCALE: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const langOf = (v: string | null | undefined): Lang | undefined => (v === 'fi' || v === 'sv' || v === 'en' ? v : undefined);

function stored(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The page's language: `?lang=` first (a shared link), then the reader's earlier choice, then Finnish. */
export const lang: Lang = langOf(new URLSearchParams(location.search).get('lang')) ?? langOf(stored()) ?? 'fi';
export const locale = LOCALE[lang];

/** A text in each language. */
export type Texts<T = string> = Record<Lang, T>;
/** The text of the page's language. */
export const pick = <T,>(texts: Texts<T>): T => texts[lang];
/** Three translations in a row: `s('Hae', 'Sök', 'Search')`. */
export const s = (fi: string, sv: string, en: string): Texts => ({ fi, sv, en });

/** Looks up a key in a page's table of texts (each entry fi/sv/en), in the page's language. */
export function translator<K extends string>(table: Record<K, Texts>): (key: K) => string {
  return (key) => table[key][lang];
}

// Numbers, percentages, dates: the reader's conventions (1 234,5 / 1,234.5; 31.12.2026 / 2026-12-31 / 31 Dec 2026).
export const fmtNumber = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '–' : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n));
export const fmtPercent = (share: number | null | undefined, digits = 1) =>
  share === null || share === undefined ? '–' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(share);
export const fmtDateTime = (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '–');
/** A calendar day (YYYY-MM-DD) as the reader writes it; the day itself, not shifted by time zones. */
export function fmtDay(day: string | null | undefined): string {
  if (!day) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
}

/**
 * A day typed by a person: 31.12.2026 or 31.12. (this year) the Finnish way, 2026-12-31 (ISO, the Swedish way) or
 * 31/12/2026. Answers YYYY-MM-DD, or undefined when it is no calendar day.
 */
export function parseDay(text: string, now = new Date()): string | undefined {
  const t = text.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) [y, mo, d] = [+m[1], +m[2], +m[3]];
  else if ((m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(t))) [d, mo, y] = [+m[1], +m[2], +m[3]];
  else if ((m = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(t))) [d, mo, y] = [+m[1], +m[2], now.getFullYear()];
  else return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** How a day is written here, for the hint beside a day field. */
export const DAY_HINT = s('Muoto p.k.vvvv, esim. 31.12.2026', 'Format d.m.åååå, t.ex. 31.12.2026', 'Format d.m.yyyy, e.g. 31.12.2026');
export const DAY_INVALID = s('Anna päivämäärä muodossa p.k.vvvv, esim. 31.12.2026.', 'Ange datumet som d.m.åååå, t.ex. 31.12.2026.', 'Enter the date as d.m.yyyy, e.g. 31.12.2026.');

/**
 * A text field for a day (instead of `type=date`, which shows the browser's mm/dd/yyyy): the Finnish form with a hint
 * beneath. `value` is YYYY-MM-DD; read it back with `readDay`.
 */
export function dayInputAttrs(id: string, value?: string): Record<string, string> {
  return { type: 'text', inputmode: 'numeric', autocomplete: 'off', 'data-day': '', value: value ? fmtDayInput(value) : '', 'aria-describedby': `${id}-hint ${id}-err` };
}
/** YYYY-MM-DD as typed into a day field: 31.12.2026. */
export const fmtDayInput = (day: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${+m[3]}.${+m[2]}.${m[1]}` : day;
};
/** The field's day as YYYY-MM-DD; '' when empty; undefined when it is not a day. */
export function readDay(input: HTMLInputElement): string | undefined {
  if (!input.value.trim()) return '';
  return parseDay(input.value);
}

/** Today in Finnish time, YYYY-MM-DD. */
export const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());

// ---------------------------------------------------------------------------------------------------------------
// Words every page shares.

export const STAGES: Record<string, Texts> = {
  submitted: s('Lähetetty', 'Inskickad', 'Submitted'),
  inReview: s('Arvioinnissa', 'Under bedömning', 'In review'),
  piloting: s('Pilotissa', 'I pilot', 'Piloting'),
  adopted: s('Käyttöönotettu', 'Införd', 'Adopted'),
  rejected: s('Hylätty', 'Avslagen', 'Rejected'),
  withdrawn: s('Peruttu', 'Återtagen', 'Withdrawn'),
};
export const SECTORS: Record<string, Texts> = {
  'social-and-health': s('Sosiaali- ja terveyspalvelut', 'Social- och hälsovårdstjänster', 'Social and health services'),
  'education-and-early-childhood': s('Kasvatus ja koulutus', 'Fostran och utbildning', 'Education and early childhood'),
  technical: s('Tekniset palvelut', 'Tekniska tjänster', 'Technical services'),
  'business-and-support': s('Tukipalvelut', 'Stödtjänster', 'Support services'),
  'culture-and-leisure': s('Kulttuuri ja vapaa-aika', 'Kultur och fritid', 'Culture and leisure'),
  'food-and-cleaning': s('Ruoka- ja puhtauspalvelut', 'Kost- och städtjänster', 'Food and cleaning'),
  'whole-organisation': s('Koko organisaatio', 'Hela organisationen', 'Whole organisation'),
};
export const stageName = (stage: string) => STAGES[stage]?.[lang] ?? stage;
export const sectorName = (sector: string) => SECTORS[sector]?.[lang] ?? sector;

const COMMON = {
  language: s('Kieli', 'Språk', 'Language'),
  pages: s('Sivut', 'Sidor', 'Pages'),
  board: s('Muutosagenttien taulu', 'Förändringsagenternas tavla', 'Change-agent board'),
  funnel: s('Suppilo', 'Tratten', 'Funnel'),
  tori: s('Tekojen tori', 'Tekojen tori (insatstorget)', 'Tekojen tori (deeds catalogue)'),
  jury: s('Tuomaristo', 'Juryn', 'Jury'),
  frontPage: s('Etusivu', 'Startsida', 'Home'),
  editor: s('Tekojen toimitus', 'Redigering av insatser', 'Deed editor'),
  nominations: s('Gaalaehdotukset', 'Nomineringar till galan', 'Gala nominations'),
  gala: s('Gaalan hallinta', 'Administration av galan', 'Gala administration'),
  results: s('Gaalan tulokset', 'Galans resultat', 'Gala results'),
  coordinator: s('Koordinaattorin työkalut', 'Koordinatorns verktyg', 'Coordinator tools'),
  settings: s('Omat asetukset', 'Mina inställningar', 'My settings'),
  statement: s('Saavutettavuusseloste', 'Tillgänglighetsutlåtande', 'Accessibility statement'),
  tokenLabel: s('Tunniste (token)', 'Identifierare (token)', 'Token'),
  save: s('Tallenna', 'Spara', 'Save'),
  footer: s('Kehittämö – henkilöstön kehitysideat ja kehittämisteot', 'Kehittämö – personalens utvecklingsidéer och utvecklingsinsatser', 'Kehittämö – staff ideas and development deeds'),
};
const NATIVE: Record<Lang, string> = { fi: 'suomi', sv: 'svenska', en: 'English' };

/** The statement's address in a language. */
export const statementHref = (l: Lang = lang) => `/accessibility.html${l === 'fi' ? '' : `?lang=${l}`}`;

/** Switches the page to another language: remembered for every page, the address says it too. */
export function switchLanguage(to: Lang): void {
  try {
    localStorage.setItem(KEY, to);
  } catch {
    /* private mode: the address still carries it */
  }
  const url = new URL(location.href);
  url.searchParams.set('lang', to);
  location.assign(url.toString());
}

/**
 * Puts the page in its language: `lang` on the document, the title, every `[data-i18n]` element's text (and
 * `[data-i18n-label]`'s aria-label, `[data-i18n-placeholder]`'s placeholder) from the page's table or the shared
 * words, the language switch in the header (the page's own `#lang` select if it has one) and the footer with the
 * accessibility statement.
 */
export function setupPage(options: { title?: Texts; texts?: Record<string, Texts> } = {}): void {
  document.documentElement.lang = lang;
  const table: Record<string, Texts> = { ...COMMON, ...(options.texts ?? {}) };
  const say = (key: string | null) => (key && table[key] ? table[key][lang] : undefined);
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const text = say(node.dataset.i18n ?? null);
    if (text !== undefined) node.textContent = text;
  }
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const text = say(node.dataset.i18nLabel ?? null);
    if (text !== undefined) node.setAttribute('aria-label', text);
  }
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n-placeholder]')) {
    const text = say(node.dataset.i18nPlaceholder ?? null);
    if (text !== undefined) node.setAttribute('placeholder', text);
  }
  if (options.title) document.title = `${options.title[lang]} – Kehittämö`;
  // Links to the other pages keep the language (it is also remembered, but a copied link should say it).
  if (lang !== 'fi') {
    for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href^="/"]')) {
      const url = new URL(a.getAttribute('href')!, location.origin);
      if (/\.html$|^\/$/.test(url.pathname) && !url.searchParams.has('lang')) {
        url.searchParams.set('lang', lang);
        a.setAttribute('href', `${url.pathname}${url.search}${url.hash}`);
      }
    }
  }
  // The current page is marked in the navigation.
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header nav a')) {
    if (new URL(a.href).pathname === location.pathname) a.setAttribute('aria-current', 'page');
  }
  languageSwitch();
  footer();
}

function languageSwitch(): void {
  let select = document.querySelector<HTMLSelectElement>('#lang');
  if (!select) {
    const header = document.querySelector('header');
    if (!header) return;
    const box = document.createElement('div');
    box.className = 'lang';
    const label = document.createElement('label');
    label.htmlFor = 'lang';
    label.id = 'lang-label';
    select = document.createElement('select');
    select.id = 'lang';
    box.append(label, select);
    const nav = header.querySelector('nav');
    if (nav) nav.after(box);
    else header.append(box);
  }
  const label = document.querySelector<HTMLElement>('#lang-label') ?? document.querySelector<HTMLElement>('label[for="lang"]');
  if (label) label.textContent = COMMON.language[lang];
  // Each language named in itself, and marked as that language for screen readers.
  select.replaceChildren(
    ...LANGS.map((l) => {
      const option = document.createElement('option');
      option.value = l;
      option.lang = l;
      option.textContent = NATIVE[l];
      return option;
    }),
  );
  select.value = lang;
  select.addEventListener('change', () => switchLanguage(select!.value as Lang));
}

function footer(): void {
  let foot = document.querySelector<HTMLElement>('body > footer');
  if (!foot) {
    foot = document.createElement('footer');
    document.body.append(foot);
  }
  const about = document.createElement('p');
  about.textContent = COMMON.footer[lang];
  const link = document.createElement('a');
  link.href = statementHref();
  link.textContent = COMMON.statement[lang];
  if (location.pathname === '/accessibility.html') link.setAttribute('aria-current', 'page');
  foot.replaceChildren(about, link);
}

// ---------------------------------------------------------------------------------------------------------------
// Organisations by name: the registry is public and small, so a page reads it once.

export interface OrganisationNames {
  fi: string;
  sv: string;
  en?: string;
}
const registry = new Map<string, OrganisationNames>();
let loaded: Promise<void> | undefined;

/** Reads the organisation registry (once per page); a failure leaves the ids showing. */
export function loadOrganisations(): Promise<void> {
  loaded ??= fetch('/api/organisations')
    .then((res) => (res.ok ? res.json() : { items: [] }))
    .then((body: { items?: { id: string; names: OrganisationNames }[] }) => {
      for (const o of body.items ?? []) registry.set(o.id, o.names);
    })
    .catch(() => undefined);
  return loaded;
}

/** Names in the page's language (Finnish when the organisation has none in it). */
export const namesIn = (names: OrganisationNames | null | undefined): string | undefined => (names ? (lang === 'en' ? names.en : lang === 'sv' ? names.sv : names.fi) ?? names.fi : undefined);

/** An organisation's name in the page's language; its id when it is not registered. */
export function orgName(id: string | null | undefined, names?: OrganisationNames | null): string {
  if (!id) return '';
  return namesIn(names) ?? namesIn(registry.get(id)) ?? id;
}

/** The registered organisations, by name in the page's language. */
export function organisations(): { id: string; name: string }[] {
  return [...registry.keys()].map((id) => ({ id, name: orgName(id) })).sort((a, b) => a.name.localeCompare(b.name, locale));
}
