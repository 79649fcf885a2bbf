// What the editor, nominations and settings pages share: the page's language (fi/sv/en, from ?lang= or the saved
// choice) with its chooser in the header, the live region, and the API's field errors under the form's fields.
import { $, api, say } from './common.mts';
import { fieldMessage, fieldOf, type Lang } from './messages.mts';
import { notificationBell } from './widget-similar.mts';
import { lang, setupPage as setupSharedPage } from './i18n.mts';

export type { Lang };
// The page's language is the one every page reads (?lang=, then the remembered choice, then Finnish).
export { lang };
// Progress and errors are said in the live region the same way on every page.
export { say };

/**
 * Sets the document's title and heading, then what every page shares (the i18n module): `lang` on the document,
 * the remembered language switch in the header, links that keep the language, and the footer with the
 * accessibility statement.
 */
export function setupPage(title: string) {
  document.title = `${title} – Kehittämö`;
  $('#page-title').textContent = title;
  setupSharedPage();
}

/** A field's message under it, the control marked invalid (or cleared with no message). */
export function mark(control: Element, box: HTMLElement, message: string) {
  box.textContent = message;
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

/**
 * Puts field errors under the form's fields: each `[data-error-for=name]` box gets the errors of its field (by the
 * API's field name), its `[data-field=name]` control is marked; the first one gets the focus. An error with `text` is
 * already said in the page's language. Returns whether any landed.
 */
export function showFieldErrors(form: HTMLElement, errors: { field: string; message: string; text?: string }[]): boolean {
  let first: HTMLElement | null = null;
  for (const box of form.querySelectorAll<HTMLElement>('[data-error-for]')) {
    const name = box.dataset.errorFor!;
    const mine = errors.filter((e) => fieldOf(e.field, name));
    const control = form.querySelector<HTMLElement>(`[data-field="${name}"]`);
    if (!control) continue;
    mark(control, box, [...new Set(mine.map((e) => e.text ?? fieldMessage(lang, e)))].join(' '));
    if (mine.length && !first) first = control.matches('fieldset') ? control.querySelector<HTMLElement>('input, select, textarea, button') : control;
  }
  first?.focus();
  return first !== null;
}

export const fmtDate = (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '–');
export const fmtNumber = (x: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(x);

export const SECTORS: Record<Lang, Record<string, string>> = {
  fi: {
    'social-and-health': 'Sosiaali- ja terveyspalvelut', 'education-and-early-childhood': 'Kasvatus ja koulutus', technical: 'Tekniset palvelut', 'business-and-support': 'Tukipalvelut',
    'culture-and-leisure': 'Kulttuuri ja vapaa-aika', 'food-and-cleaning': 'Ruoka- ja puhtauspalvelut', 'whole-organisation': 'Koko organisaatio',
  },
  sv: {
    'social-and-health': 'Social- och hälsovård', 'education-and-early-childhood': 'Fostran och utbildning', technical: 'Tekniska tjänster', 'business-and-support': 'Stödtjänster',
    'culture-and-leisure': 'Kultur och fritid', 'food-and-cleaning': 'Kost- och städtjänster', 'whole-organisation': 'Hela organisationen',
  },
  en: {
    'social-and-health': 'Social and health services', 'education-and-early-childhood': 'Education and early childhood', technical: 'Technical services', 'business-and-support': 'Support services',
    'culture-and-leisure': 'Culture and leisure', 'food-and-cleaning': 'Food and cleaning services', 'whole-organisation': 'Whole organisation',
  },
};

/**
 * The notifications bell in the page's header (after the navigation): the unread count, the in-app feed, marking read.
 * Shown only to a signed-in person; the feed opens below the header.
 */
export async function pageBell(): Promise<void> {
  const probe = await api('GET', '/api/me/notifications?limit=1');
  if (probe.status !== 200) return;
  const bell = notificationBell({ call: api, announce: say, language: lang, api: '', organisation: null });
  document.querySelector('header nav')!.after(bell.button);
  document.querySelector('header')!.after(bell.panel);
}
