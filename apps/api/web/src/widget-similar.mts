// Parts of the intranet widget: "has someone already suggested this?" while the person types (the organisation's
// similar ideas, one of which they may support instead of sending a duplicate), withdrawing one's own idea, and the
// notifications bell with the unread count, the in-app feed and marking read.
import { problemMessage, type Lang } from './messages.mts';

export interface WidgetContext {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  announce(text: string, ok: boolean): void;
  language: Lang;
  /** The API's origin (the settings page lives there). */
  api: string;
  organisation: string | null;
}

const T = {
  fi: {
    similarHeading: 'Onko joku jo ehdottanut tätä?', similarNone: '', similarHint: 'Voit kannattaa samankaltaista ideaa sen sijaan, että lähetät uuden.',
    supportThis: (t: string) => `Kannata ideaa: ${t}`, supportedThis: (t: string) => `Kannatat ideaa ${t}. Sinun ei tarvitse lähettää samaa ideaa; saat tiedon, kun se etenee.`,
    supported: 'Kannatettu', supports: (n: number) => `${n} kannatusta`, found: (n: number) => (n === 1 ? 'Löytyi 1 samankaltainen idea.' : `Löytyi ${n} samankaltaista ideaa.`),
    withdraw: 'Peru idea', withdrawReason: 'Miksi perut? (valinnainen)', withdrawConfirm: 'Vahvista peruminen', withdrawn: (t: string) => `Idea ${t} on peruttu.`, cancel: 'Älä peru',
    unreadWord: 'lukematonta', feed: 'Ilmoitukset', none: 'Ei ilmoituksia.', markRead: (s: string) => `Merkitse luetuksi: ${s}`, markAll: 'Merkitse kaikki luetuiksi',
    unread: 'Lukematon', settings: 'Omat asetukset', failed: 'Toiminto epäonnistui', markedAll: 'Kaikki ilmoitukset merkitty luetuiksi.',
  },
  sv: {
    similarHeading: 'Har någon redan föreslagit detta?', similarNone: '', similarHint: 'Du kan stödja en liknande idé i stället för att skicka en ny.',
    supportThis: (t: string) => `Stöd idén: ${t}`, supportedThis: (t: string) => `Du stöder idén ${t}. Du behöver inte skicka samma idé; du får veta när den går vidare.`,
    supported: 'Stödd', supports: (n: number) => `${n} stöd`, found: (n: number) => (n === 1 ? 'En liknande idé hittades.' : `${n} liknande idéer hittades.`),
    withdraw: 'Återta idén', withdrawReason: 'Varför återtar du? (valfritt)', withdrawConfirm: 'Bekräfta återtagandet', withdrawn: (t: string) => `Idén ${t} har återtagits.`, cancel: 'Återta inte',
    unreadWord: 'olästa', feed: 'Meddelanden', none: 'Inga meddelanden.', markRead: (s: string) => `Markera som läst: ${s}`, markAll: 'Markera alla som lästa',
    unread: 'Oläst', settings: 'Mina inställningar', failed: 'Åtgärden misslyckades', markedAll: 'Alla meddelanden har markerats som lästa.',
  },
  en: {
    similarHeading: 'Has someone already suggested this?', similarNone: '', similarHint: 'You can support a similar idea instead of sending a new one.',
    supportThis: (t: string) => `Support the idea: ${t}`, supportedThis: (t: string) => `You support the idea ${t}. No need to send the same idea; you will hear when it moves on.`,
    supported: 'Supported', supports: (n: number) => `${n} supports`, found: (n: number) => (n === 1 ? '1 similar idea found.' : `${n} similar ideas found.`),
    withdraw: 'Withdraw the idea', withdrawReason: 'Why do you withdraw it? (optional)', withdrawConfirm: 'Confirm withdrawal', withdrawn: (t: string) => `The idea ${t} has been withdrawn.`, cancel: 'Keep it',
    unreadWord: 'unread', feed: 'Notifications', none: 'No notifications.', markRead: (s: string) => `Mark read: ${s}`, markAll: 'Mark all read',
    unread: 'Unread', settings: 'My settings', failed: 'The action failed', markedAll: 'All notifications marked read.',
  },
};

const STAGE: Record<Lang, Record<string, string>> = {
  fi: { submitted: 'Lähetetty', inReview: 'Arvioinnissa', piloting: 'Pilotissa', adopted: 'Käyttöönotettu', rejected: 'Hylätty', withdrawn: 'Peruttu' },
  sv: { submitted: 'Inskickad', inReview: 'Under bedömning', piloting: 'Pilot', adopted: 'Införd', rejected: 'Avslagen', withdrawn: 'Återtagen' },
  en: { submitted: 'Submitted', inReview: 'In review', piloting: 'Piloting', adopted: 'Adopted', rejected: 'Rejected', withdrawn: 'Withdrawn' },
};

/** The widget's own styles for these parts (its shadow root does not see the page's). */
export const EXTRA_CSS = `
.similar{border-left:4px solid #b07d00;background:#fff8e1;padding:.4rem .7rem;margin:.6rem 0;border-radius:0 4px 4px 0}
.similar:empty{display:none}
.similar h3,.feed h3{margin:.1rem 0 .3rem;font-size:1rem}
.similar li{display:flex;flex-wrap:wrap;gap:.3rem .6rem;align-items:center;justify-content:space-between;padding:.25rem 0;border-top:1px solid #ecdca8}
.similar li:first-child{border-top:0}
.similar .what{flex:1 1 12rem;min-width:0}
.similar p{margin:.2rem 0;font-size:.9rem}
.top{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;justify-content:space-between;margin-bottom:.5rem}
.top h2{margin:0}
button.bell{font:inherit;border:1px solid #9aa8bd;border-radius:999px;background:#e8eef8;color:#002f6c;padding:.25rem .7rem;cursor:pointer;min-height:24px}
.bell .n{display:inline-block;min-width:1.3rem;background:#a4001d;color:#fff;border-radius:999px;padding:0 .35rem;margin-left:.3rem;font-size:.85rem;text-align:center}
.bell .n:empty{display:none}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.feed{border:1px solid #c8ccd4;border-radius:6px;padding:.5rem .7rem;margin:.3rem 0 .8rem;background:#fbfcfe}
.feed li{border-top:1px solid #e3e6eb;padding:.4rem 0}.feed li:first-child{border-top:0}
.feed li.unread strong::before{content:"● ";color:#a4001d}
.feed .when{font-size:.85rem;color:#555}
.feed a{color:#0050b5}
.withdraw{margin-top:.4rem}
`;

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
};

/**
 * A box that lists the organisation's ideas like the one being typed (title and description, asked 400 ms after the
 * last keystroke), each with a button to support it instead. Returns the box; put it after the description.
 */
export function similarIdeas(ctx: WidgetContext, form: HTMLFormElement): HTMLElement {
  const t = T[ctx.language];
  const box = el('section', { class: 'similar', 'aria-live': 'polite', 'aria-labelledby': 'similar-h', id: 'similar' });
  const fields = ['title', 'description'].map((name) => form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#f-${name}`)!);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  let shownFor = '';
  const ask = async () => {
    const text = fields.map((f) => f.value.trim()).filter(Boolean).join(' ').slice(0, 300);
    if (text.length < 3) {
      shownFor = '';
      return box.replaceChildren();
    }
    if (text === shownFor) return;
    const call = ++latest;
    const params = new URLSearchParams({ text, limit: '3', ...(ctx.organisation ? { organisation: ctx.organisation } : {}) });
    const reply = await ctx.call('GET', `/api/ideas/similar?${params}`);
    if (call !== latest || reply.status !== 200) return;
    shownFor = text;
    const items: any[] = (reply.body.items ?? []).filter((i: any) => i.stage !== 'withdrawn' && i.stage !== 'rejected');
    if (!items.length) return box.replaceChildren();
    box.replaceChildren(
      el('h3', { id: 'similar-h' }, t.similarHeading),
      el('p', {}, `${t.found(items.length)} ${t.similarHint}`),
      el('ul', {}, ...items.map((i) => {
        const support = el('button', { type: 'button', class: 'small', 'aria-label': t.supportThis(i.title) }, t.supportThis(i.title));
        support.addEventListener('click', async () => {
          const r = await ctx.call('POST', `/api/ideas/${i.id}/support`);
          if (r.status !== 200) return ctx.announce(`${t.failed}: ${problemMessage(ctx.language, r)}`, false);
          support.textContent = t.supported;
          support.setAttribute('aria-label', `${t.supported}: ${i.title}`);
          support.disabled = true;
          ctx.announce(t.supportedThis(i.title), true);
        });
        return el('li', {}, el('span', { class: 'what' }, el('strong', {}, i.title), ` · ${STAGE[ctx.language][i.stage] ?? i.stage} · ${t.supports(i.supportCount ?? 0)}`), support);
      })),
    );
  };
  for (const f of fields) {
    f.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void ask(), 400);
    });
  }
  form.addEventListener('reset', () => {
    clearTimeout(timer);
    latest++; // an answer still on its way belongs to the text just sent: drop it
    shownFor = '';
    box.replaceChildren();
  });
  return box;
}

/** A "withdraw" control for the person's own idea while it can still be withdrawn (submitted or in review). */
export function withdrawControl(ctx: WidgetContext, item: any, reload: () => void): HTMLElement | null {
  if (!item.submittedByMe || (item.stage !== 'submitted' && item.stage !== 'inReview')) return null;
  const t = T[ctx.language];
  const box = el('div', { class: 'withdraw' });
  const open = el('button', { type: 'button', class: 'small', 'aria-expanded': 'false' }, t.withdraw);
  const id = `w-${item.id}`;
  const reason = el('input', { type: 'text', id, maxlength: '2000' });
  const confirm = el('button', { type: 'button', class: 'small' }, t.withdrawConfirm);
  const cancel = el('button', { type: 'button', class: 'small' }, t.cancel);
  const form = el('div', { class: 'row', hidden: '' }, el('label', { for: id }, t.withdrawReason), reason, confirm, cancel);
  open.setAttribute('aria-controls', `${id}-box`);
  form.id = `${id}-box`;
  const toggle = (show: boolean) => {
    form.hidden = !show;
    open.setAttribute('aria-expanded', String(show));
    (show ? reason : open).focus();
  };
  open.addEventListener('click', () => toggle(form.hidden));
  cancel.addEventListener('click', () => toggle(false));
  confirm.addEventListener('click', async () => {
    const r = await ctx.call('POST', `/api/ideas/${item.id}/withdraw`, reason.value.trim() ? { reason: reason.value.trim() } : {});
    if (r.status !== 200) return ctx.announce(`${t.failed}: ${problemMessage(ctx.language, r)}`, false);
    ctx.announce(t.withdrawn(item.title), true);
    reload();
  });
  box.append(open, form);
  return box;
}

/** The bell: a button with the unread count that opens the in-app feed (mark one or all read, a link to the settings page). */
export function notificationBell(ctx: WidgetContext): { button: HTMLButtonElement; panel: HTMLElement; refresh(): Promise<void> } {
  const t = T[ctx.language];
  // The name is the visible text and the count, then (for screen readers only) what the count is: "Ilmoitukset 2 lukematonta".
  const count = el('span', { class: 'n' });
  const unreadWord = el('span', { class: 'visually-hidden' });
  const button = el('button', { type: 'button', class: 'bell', 'aria-expanded': 'false', 'aria-controls': 'feed', id: 'bell' }, t.feed, ' ', count, unreadWord);
  const panel = el('section', { class: 'feed', id: 'feed', 'aria-labelledby': 'feed-h', hidden: '' });
  const show = (unread: number) => {
    count.textContent = unread ? String(unread) : '';
    unreadWord.textContent = unread ? ` ${t.unreadWord}` : '';
  };
  const refresh = async () => {
    const reply = await ctx.call('GET', '/api/me/notifications?limit=20');
    if (reply.status !== 200) return;
    show(reply.body.unread);
    if (panel.hidden) return;
    const items: any[] = reply.body.items;
    const all = el('button', { type: 'button', class: 'small' }, t.markAll);
    all.addEventListener('click', async () => {
      const r = await ctx.call('POST', '/api/me/notifications/read-all');
      if (r.status !== 200) return ctx.announce(`${t.failed}: ${problemMessage(ctx.language, r)}`, false);
      ctx.announce(t.markedAll, true);
      await refresh();
      button.focus();
    });
    const fmt = new Intl.DateTimeFormat(ctx.language, { dateStyle: 'medium', timeStyle: 'short' });
    panel.replaceChildren(
      el('h3', { id: 'feed-h' }, t.feed),
      items.length
        ? el('ul', {}, ...items.map((n) => {
            const li = el('li', { class: n.read ? 'read' : 'unread' }, el('strong', {}, n.subject), el('div', {}, n.text), el('div', { class: 'when' }, `${fmt.format(new Date(n.at))}${n.read ? '' : ` · ${t.unread}`}`));
            if (!n.read) {
              const mark = el('button', { type: 'button', class: 'small', 'aria-label': t.markRead(n.subject) }, t.markRead(''));
              mark.textContent = t.markRead('').replace(/: $/, '');
              mark.addEventListener('click', async () => {
                const r = await ctx.call('POST', `/api/me/notifications/${n.id}/read`);
                if (r.status !== 200) return ctx.announce(`${t.failed}: ${problemMessage(ctx.language, r)}`, false);
                await refresh();
                button.focus();
              });
              li.append(mark);
            }
            return li;
          }))
        : el('p', {}, t.none),
      el('div', { class: 'row' }, ...(items.some((n) => !n.read) ? [all] : []), el('a', { href: `${ctx.api}/settings.html?lang=${ctx.language}`, target: '_blank', rel: 'noopener' }, t.settings)),
    );
  };
  button.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-expanded', String(!panel.hidden));
    void refresh();
  });
  show(0);
  void refresh();
  return { button, panel, refresh };
}
