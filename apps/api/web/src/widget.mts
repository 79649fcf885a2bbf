// <idea-widget organisation="imatra" unit="varhaiskasvatus" lang="fi" api="https://kehittamo.example" token="…">
// An intranet widget in a shadow root: submit an idea, see my ideas with their stage and history, support and comment.
// Who is calling: the `token` attribute when the host page hands one over; otherwise the widget signs in at the
// identity provider the API names — silently when the intranet already has a session there, with a button otherwise
// (or, with no identity provider, through the development sign-in).
import { SignIn, signInControl } from './auth.mts';
import { fieldMessage, fieldOf, problemMessage, type Lang } from './messages.mts';
import { MEDIA_CSS, mediaAttachments } from './widget-media.mts';
import { EXTRA_CSS, notificationBell, similarIdeas, withdrawControl, type WidgetContext } from './widget-similar.mts';

const T = {
  fi: {
    heading: 'Kehitysidea', submitTab: 'Uusi idea', mineTab: 'Omat ideani', title: 'Otsikko', description: 'Kuvaus', problem: 'Mikä ongelma ratkeaa?',
    proposal: 'Ehdotus', sector: 'Toimiala', themes: 'Teemat (pilkuin eroteltuna)', media: 'Linkki kuvaan, ääneen tai videoon', mediaKind: 'Linkin laji', kinds: ['Kuva', 'Ääni', 'Video'], anonymous: 'Lähetä nimettömänä', submit: 'Lähetä idea',
    sending: 'Lähetetään…', sent: 'Kiitos! Idea on lähetetty.', fix: 'Tarkista merkityt kentät.', failed: 'Lähetys epäonnistui', empty: 'Et ole vielä lähettänyt ideoita.',
    loading: 'Ladataan…', history: 'Vaiheet', support: 'Kannata', supported: 'Kannatettu', comment: 'Kommentti', addComment: 'Kommentoi', supports: 'kannatusta', comments: 'kommenttia', required: 'pakollinen',
  },
  sv: {
    heading: 'Utvecklingsidé', submitTab: 'Ny idé', mineTab: 'Mina idéer', title: 'Rubrik', description: 'Beskrivning', problem: 'Vilket problem löses?',
    proposal: 'Förslag', sector: 'Sektor', themes: 'Teman (kommaseparerade)', media: 'Länk till bild, ljud eller video', mediaKind: 'Länkens typ', kinds: ['Bild', 'Ljud', 'Video'], anonymous: 'Skicka anonymt', submit: 'Skicka idén',
    sending: 'Skickar…', sent: 'Tack! Idén har skickats.', fix: 'Kontrollera de markerade fälten.', failed: 'Det gick inte att skicka', empty: 'Du har inte skickat några idéer ännu.',
    loading: 'Laddar…', history: 'Skeden', support: 'Stöd', supported: 'Stödd', comment: 'Kommentar', addComment: 'Kommentera', supports: 'stöd', comments: 'kommentarer', required: 'obligatorisk',
  },
  en: {
    heading: 'Improvement idea', submitTab: 'New idea', mineTab: 'My ideas', title: 'Title', description: 'Description', problem: 'What problem does it solve?',
    proposal: 'Proposal', sector: 'Sector', themes: 'Themes (comma-separated)', media: 'Link to an image, audio or video', mediaKind: 'Kind of link', kinds: ['Image', 'Audio', 'Video'], anonymous: 'Submit anonymously', submit: 'Submit idea',
    sending: 'Sending…', sent: 'Thank you! Your idea has been submitted.', fix: 'Please check the marked fields.', failed: 'Submitting failed', empty: 'You have not submitted any ideas yet.',
    loading: 'Loading…', history: 'Stages', support: 'Support', supported: 'Supported', comment: 'Comment', addComment: 'Add comment', supports: 'supports', comments: 'comments', required: 'required',
  },
};
const STAGES: Record<Lang, Record<string, string>> = {
  fi: { submitted: 'Lähetetty', inReview: 'Arvioinnissa', piloting: 'Pilotissa', adopted: 'Käyttöönotettu', rejected: 'Hylätty', withdrawn: 'Peruttu' },
  sv: { submitted: 'Inskickad', inReview: 'Under bedömning', piloting: 'Pilot', adopted: 'Införd', rejected: 'Avslagen', withdrawn: 'Återtagen' },
  en: { submitted: 'Submitted', inReview: 'In review', piloting: 'Piloting', adopted: 'Adopted', rejected: 'Rejected', withdrawn: 'Withdrawn' },
};
const SECTORS: Record<Lang, Record<string, string>> = {
  fi: { 'social-and-health': 'Sosiaali- ja terveyspalvelut', 'education-and-early-childhood': 'Kasvatus ja koulutus', technical: 'Tekniset palvelut', 'business-and-support': 'Tukipalvelut', 'culture-and-leisure': 'Kulttuuri ja vapaa-aika', 'food-and-cleaning': 'Ruoka- ja puhtauspalvelut', 'whole-organisation': 'Koko organisaatio' },
  sv: { 'social-and-health': 'Social- och hälsovård', 'education-and-early-childhood': 'Fostran och utbildning', technical: 'Tekniska tjänster', 'business-and-support': 'Stödtjänster', 'culture-and-leisure': 'Kultur och fritid', 'food-and-cleaning': 'Kost- och städtjänster', 'whole-organisation': 'Hela organisationen' },
  en: { 'social-and-health': 'Social and health', 'education-and-early-childhood': 'Education and early childhood', technical: 'Technical services', 'business-and-support': 'Support services', 'culture-and-leisure': 'Culture and leisure', 'food-and-cleaning': 'Food and cleaning', 'whole-organisation': 'Whole organisation' },
};
const FIELDS = ['title', 'description', 'problem', 'proposal', 'sector', 'themes', 'media'] as const;
const MEDIA_KINDS = ['image', 'audio', 'video'] as const;

const CSS = `
.sign-in{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:0 0 .6rem}
.sign-in .signed-in-as{overflow-wrap:anywhere}
.dev-badge{background:#fff3cd;color:#5c4400;border:1px dashed #8a6d00;padding:.1rem .4rem;font-size:.85rem}
dialog.dev-sign-in{max-width:min(28rem,calc(100vw - 2rem));box-sizing:border-box}
dialog.dev-sign-in fieldset{border:1px solid #999;margin:.5rem 0}
dialog.dev-sign-in .check{display:flex;gap:.4rem;align-items:center}
dialog.dev-sign-in .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.6rem}
:host{display:block;font:15px/1.45 system-ui,sans-serif;color:#1b1b1b;max-width:40rem;overflow-wrap:break-word}
*{box-sizing:border-box}
.box{border:1px solid #c8ccd4;border-radius:8px;padding:1rem;background:#fff}
h2{margin:0 0 .75rem;font-size:1.2rem;color:#002f6c}
/* Long compounds (Finnish, Swedish) hyphenate by the widget's lang, or break, rather than run out of a narrow intranet column. */
h2,label,strong,summary,li{hyphens:auto;overflow-wrap:anywhere}
[role=tablist]{display:flex;flex-wrap:wrap;gap:.25rem;margin-bottom:1rem;border-bottom:2px solid #dde1e8}
[role=tab]{border:0;background:none;padding:.5rem .75rem;font:inherit;cursor:pointer;border-bottom:3px solid transparent;margin-bottom:-2px}
[role=tab][aria-selected=true]{border-color:#0050b5;font-weight:600;color:#0050b5}
label{display:block;font-weight:600;margin:.6rem 0 .2rem}
input[type=text],input[type=url],textarea,select{width:100%;font:inherit;padding:.45rem .55rem;border:1px solid #8a8f98;border-radius:4px;background:#fff}
textarea{min-height:4.5rem;resize:vertical}
.check{display:flex;align-items:center;gap:.5rem;font-weight:400;margin-top:.8rem}
[aria-invalid=true]{border-color:#b00020;background:#fff6f7}
.err{color:#b00020;font-size:.9rem;margin:.2rem 0 0}
.err:empty{display:none}
button.primary,button.small{font:inherit;border:0;border-radius:4px;cursor:pointer}
button.primary{background:#0050b5;color:#fff;padding:.55rem 1.1rem;margin-top:1rem}
button.small{background:#e8eef8;color:#002f6c;padding:.3rem .6rem}
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.status{margin:.75rem 0 0;padding:.5rem .7rem;border-radius:4px}
.status:empty{display:none}
.status.ok{background:#e6f4ea;color:#0b5b25}.status.bad{background:#fdecee;color:#8a0016}
ul{list-style:none;padding:0;margin:0}
li.idea{border-top:1px solid #e3e6eb;padding:.6rem 0}
.stage{display:inline-block;font-size:.8rem;background:#eef2f8;border-radius:999px;padding:.05rem .55rem;margin-left:.4rem}
details{margin-top:.35rem}
ol{margin:.3rem 0 .3rem 1.2rem;padding:0;font-size:.9rem}
ul.comments li{font-size:.9rem;border-left:3px solid #dde1e8;padding-left:.5rem;margin:.25rem 0}
.row{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.4rem;align-items:flex-end}.row input{flex:1 1 10rem;min-width:0}
.req{color:#b00020;font-weight:400}
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

class IdeaWidget extends HTMLElement {
  private root: ShadowRoot;
  private live!: HTMLElement;
  private t = T.fi;
  private language: Lang = 'fi';
  private session?: SignIn;

  static get observedAttributes() {
    return ['token'];
  }

  attributeChangedCallback(name: string) {
    if (name === 'token') this.session?.useToken(this.getAttribute('token') ?? '');
  }

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  connectedCallback() {
    const lang = (this.getAttribute('lang') ?? 'fi') as Lang;
    this.language = lang in T ? lang : 'fi';
    this.t = T[this.language];
    if (!this.session) {
      const given = this.getAttribute('token');
      // A host page that hands over a token signs the person in itself: no sign-in at the identity provider here.
      this.session = new SignIn(this.api, { silent: !given });
      if (given) this.session.useToken(given);
    }
    this.render();
  }

  private get api() {
    return (this.getAttribute('api') ?? '').replace(/\/+$/, '');
  }

  private async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    await this.session!.ready;
    const token = this.session!.accessToken();
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  private context(): WidgetContext {
    return { call: (m, p, b) => this.call(m, p, b), announce: (text, ok) => this.announce(text, ok), language: this.language, api: this.api, organisation: this.getAttribute('organisation') };
  }

  private announce(text: string, ok: boolean) {
    this.live.textContent = text;
    this.live.className = `status ${ok ? 'ok' : 'bad'}`;
  }

  private render() {
    const t = this.t;
    const style = el('style');
    style.textContent = CSS + MEDIA_CSS + EXTRA_CSS;
    const tabSubmit = el('button', { role: 'tab', id: 'tab-new', 'aria-controls': 'panel-new', 'aria-selected': 'true', type: 'button' }, t.submitTab);
    const tabMine = el('button', { role: 'tab', id: 'tab-mine', 'aria-controls': 'panel-mine', 'aria-selected': 'false', tabindex: '-1', type: 'button' }, t.mineTab);
    const tabs = el('div', { role: 'tablist', 'aria-label': t.heading }, tabSubmit, tabMine);
    const form = this.form();
    const panelNew = el('div', { role: 'tabpanel', id: 'panel-new', 'aria-labelledby': 'tab-new' }, form);
    const panelMine = el('div', { role: 'tabpanel', id: 'panel-mine', 'aria-labelledby': 'tab-mine', hidden: '' });
    this.live = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'live' });
    const select = (mine: boolean) => {
      tabSubmit.setAttribute('aria-selected', String(!mine));
      tabMine.setAttribute('aria-selected', String(mine));
      tabSubmit.tabIndex = mine ? -1 : 0;
      tabMine.tabIndex = mine ? 0 : -1;
      panelNew.hidden = mine;
      panelMine.hidden = !mine;
      (mine ? tabMine : tabSubmit).focus();
      this.live.textContent = '';
      if (mine) void this.loadMine(panelMine);
    };
    tabSubmit.addEventListener('click', () => select(false));
    tabMine.addEventListener('click', () => select(true));
    tabs.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        select(tabSubmit.getAttribute('aria-selected') === 'true');
      }
    });
    const bell = notificationBell(this.context());
    const parts: Node[] = [el('div', { class: 'top' }, el('h2', { id: 'h' }, t.heading), bell.button), bell.panel];
    if (!this.hasAttribute('token')) parts.push(signInControl(this.session!, { lang: this.language, keepIdentityProviderSession: true }));
    this.root.replaceChildren(style, el('section', { class: 'box', 'aria-labelledby': 'h' }, ...parts, tabs, panelNew, panelMine, this.live));
  }

  private form(): HTMLFormElement {
    const t = this.t;
    const form = el('form', { novalidate: '' });
    const field = (name: (typeof FIELDS)[number], control: HTMLElement, required = false) => {
      control.id = `f-${name}`;
      control.setAttribute('name', name);
      control.setAttribute('aria-describedby', `e-${name}`);
      if (required) control.setAttribute('aria-required', 'true');
      const label = el('label', { for: `f-${name}` }, t[name]);
      if (required) label.append(' ', el('span', { class: 'req' }, `(${t.required})`));
      form.append(label, control, el('p', { class: 'err', id: `e-${name}` }));
    };
    field('title', el('input', { type: 'text', autocomplete: 'off' }), true);
    field('description', el('textarea'), true);
    form.append(similarIdeas(this.context(), form));
    field('problem', el('textarea'));
    field('proposal', el('textarea'));
    const sector = el('select');
    for (const [value, label] of Object.entries(SECTORS[this.language])) sector.append(el('option', { value }, label));
    field('sector', sector, true);
    field('themes', el('input', { type: 'text' }));
    field('media', el('input', { type: 'url', inputmode: 'url', autocomplete: 'off', placeholder: 'https://' }));
    const kind = el('select', { id: 'f-mediaKind', name: 'mediaKind' }, ...MEDIA_KINDS.map((k, i) => el('option', { value: k }, t.kinds[i])));
    form.append(el('label', { for: 'f-mediaKind' }, t.mediaKind), kind);
    const attachments = mediaAttachments({ api: () => this.api, token: () => this.getAttribute('token') ?? '', lang: this.language, announce: (text, ok) => this.announce(text, ok) });
    form.append(attachments.element);
    const anon = el('input', { type: 'checkbox', id: 'f-anonymous', name: 'anonymous' });
    form.append(el('label', { class: 'check', for: 'f-anonymous' }, anon, t.anonymous));
    const submit = el('button', { type: 'submit', class: 'primary' }, t.submit);
    form.append(submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
      for (const name of FIELDS) this.fieldError(form, name, []);
      const body: Record<string, unknown> = {
        title: value('title'),
        description: value('description'),
        unit: this.getAttribute('unit') ?? '',
        sector: value('sector'),
        language: this.language,
        anonymous: anon.checked,
      };
      const org = this.getAttribute('organisation');
      if (org) body.organisation = org;
      for (const name of ['problem', 'proposal'] as const) if (value(name).trim()) body[name] = value(name);
      const themes = value('themes').split(',').map((s) => s.trim()).filter(Boolean);
      if (themes.length) body.themes = themes;
      if (value('media').trim()) body.media = [{ kind: kind.value, url: value('media').trim() }];
      const uploads = attachments.references();
      if (!uploads) return this.announce(attachments.waitMessage, false);
      if (uploads.length) body.media = [...((body.media as unknown[]) ?? []), ...uploads];
      submit.disabled = true;
      submit.textContent = t.sending;
      try {
        const reply = await this.call('POST', '/api/ideas', body);
        if (reply.status === 201) {
          form.reset();
          attachments.reset();
          this.announce(t.sent, true);
          return;
        }
        const errors: { field: string; message: string }[] = reply.body?.errors ?? [];
        let first: HTMLElement | undefined;
        for (const name of FIELDS) {
          const mine = errors.filter((err) => fieldOf(err.field, name));
          // One message per field in the page's language (themes[0] and themes[3] may say the same).
          this.fieldError(form, name, [...new Set(mine.map((err) => fieldMessage(this.language, err)))]);
          if (mine.length && !first) first = form.querySelector<HTMLElement>(`#f-${name}`) ?? undefined;
        }
        const other = errors.filter((err) => !FIELDS.some((name) => fieldOf(err.field, name))).map((err) => `${err.field}: ${fieldMessage(this.language, err)}`);
        this.announce(first ? [t.fix, ...other].join(' ') : `${t.failed}: ${problemMessage(this.language, reply)}`, false);
        first?.focus();
      } catch (error) {
        this.announce(`${t.failed}: ${(error as Error).message}`, false);
      } finally {
        submit.disabled = false;
        submit.textContent = t.submit;
      }
    });
    return form;
  }

  private fieldError(form: HTMLFormElement, name: string, messages: string[]) {
    const control = form.querySelector(`#f-${name}`)!;
    form.querySelector(`#e-${name}`)!.textContent = messages.join(' ');
    if (messages.length) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }

  private async loadMine(panel: HTMLElement) {
    const t = this.t;
    panel.replaceChildren(el('p', {}, t.loading));
    const reply = await this.call('GET', '/api/ideas?mine=true&limit=50');
    if (reply.status !== 200) {
      panel.replaceChildren(el('p', { class: 'err', role: 'alert' }, `${t.failed}: ${problemMessage(this.language, reply)}`));
      return;
    }
    const items: any[] = reply.body.items;
    if (!items.length) return panel.replaceChildren(el('p', {}, t.empty));
    const list = el('ul');
    for (const item of items) list.append(this.ideaItem(item, panel));
    panel.replaceChildren(list);
  }

  private ideaItem(item: any, panel: HTMLElement): HTMLLIElement {
    const t = this.t;
    const stage = STAGES[this.language][item.stage] ?? item.stage;
    const li = el('li', { class: 'idea' }, el('strong', {}, item.title), el('span', { class: 'stage' }, stage), el('div', {}, `${item.supportCount} ${t.supports} · ${item.commentCount} ${t.comments}`));
    const details = el('details', {}, el('summary', {}, t.history));
    details.addEventListener('toggle', async () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = '1';
      const reply = await this.call('GET', `/api/ideas/${item.id}`);
      if (reply.status !== 200) return;
      const idea = reply.body;
      const fmt = new Intl.DateTimeFormat(this.language, { dateStyle: 'medium' });
      const ol = el('ol');
      for (const h of idea.history) ol.append(el('li', {}, `${fmt.format(new Date(h.at))} — ${STAGES[this.language][h.stage] ?? h.stage}${h.reason ? ` (${h.reason})` : ''}`));
      const comments = el('ul', { class: 'comments', 'aria-label': t.comment });
      for (const c of idea.comments) comments.append(el('li', {}, c.text));
      const input = el('input', { type: 'text', id: `c-${item.id}`, 'aria-label': t.comment });
      const send = el('button', { type: 'button', class: 'small' }, t.addComment);
      // A comment may carry photos, recordings and videos, as a new idea does.
      const media = mediaAttachments({ api: () => this.api, token: () => this.getAttribute('token') ?? '', lang: this.language, announce: (text, ok) => this.announce(text, ok), idPrefix: `c${item.id.slice(0, 8)}m` });
      send.addEventListener('click', async () => {
        if (!input.value.trim()) return;
        const uploads = media.references();
        if (!uploads) return this.announce(media.waitMessage, false);
        const r = await this.call('POST', `/api/ideas/${item.id}/comments`, { text: input.value, ...(uploads.length ? { media: uploads } : {}) });
        if (r.status === 200) {
          comments.append(el('li', {}, input.value));
          input.value = '';
          media.reset();
        } else this.announce(`${t.failed}: ${problemMessage(this.language, r)}`, false);
      });
      details.append(ol, comments, el('div', { class: 'row' }, input, send), media.element);
    });
    li.append(details);
    const withdraw = withdrawControl(this.context(), item, () => void this.loadMine(panel));
    if (withdraw) li.append(withdraw);
    if (!item.submittedByMe) {
      const support = el('button', { type: 'button', class: 'small' }, t.support);
      support.addEventListener('click', async () => {
        const r = await this.call('POST', `/api/ideas/${item.id}/support`);
        if (r.status === 200) support.textContent = t.supported;
        else this.announce(`${t.failed}: ${problemMessage(this.language, r)}`, false);
      });
      li.append(support);
    }
    void panel;
    return li;
  }
}

if (!customElements.get('idea-widget')) customElements.define('idea-widget', IdeaWidget);
