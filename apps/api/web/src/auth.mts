// Signing in, for the pages and the intranet widget. The API says how (GET /api/config):
// - `oidc`: OpenID Connect, Authorization Code + PKCE, with oidc-client-ts. The page itself is the redirect URI;
//   tokens are renewed silently before they expire (refresh token, or a hidden frame), and sign-out ends the session
//   at the identity provider.
// - `development`: no identity provider and not production: a clearly marked form picks a person, an organisation
//   and roles, and the API signs a token with its local key. The token is kept in localStorage (kehittamo.token).
// - `none`: the token comes from elsewhere (the widget's `token` attribute).
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

export type SignInConfig = { kind: 'oidc'; issuer: string; clientId: string; scopes: string } | { kind: 'development' } | { kind: 'none' };

/** Who is signed in, read from the access token (for display only: the API verifies the token). */
export interface Person {
  name: string;
  organisation: string;
  roles: string[];
}

const DEV_TOKEN_KEY = 'kehittamo.token';
const SIGNED_OUT_KEY = 'kehittamo.signed-out';
const ORGANISATIONS = ['imatra', 'lappeenranta', 'hyvinvointialue-etela-karjala', 'jarvi-saimaan-palvelut', 'kunteko'];
const ROLES = ['employee', 'change-agent', 'org-editor', 'juror', 'jury-chair', 'admin'] as const;

type Lang = 'fi' | 'sv' | 'en';
const WORDS: Record<Lang, Record<string, string>> = {
  fi: {
    signIn: 'Kirjaudu sisään', signOut: 'Kirjaudu ulos', signedInAs: 'Kirjautunut', devSignIn: 'Kehityskirjautuminen', devNote: 'Vain kehityskäyttöön: ei tunnistusta, tunniste allekirjoitetaan palvelimen omalla avaimella.',
    person: 'Henkilö', organisation: 'Organisaatio', roles: 'Roolit', cancel: 'Peruuta', none: 'Kirjautuminen ei ole käytössä tällä sivulla.', failed: 'Kirjautuminen epäonnistui',
    'employee': 'työntekijä', 'change-agent': 'muutosagentti', 'org-editor': 'organisaation toimittaja', 'juror': 'tuomari', 'jury-chair': 'tuomariston puheenjohtaja', 'admin': 'ylläpitäjä',
  },
  sv: {
    signIn: 'Logga in', signOut: 'Logga ut', signedInAs: 'Inloggad', devSignIn: 'Utvecklingsinloggning', devNote: 'Endast för utveckling: ingen autentisering, token signeras med serverns egen nyckel.',
    person: 'Person', organisation: 'Organisation', roles: 'Roller', cancel: 'Avbryt', none: 'Inloggning används inte på den här sidan.', failed: 'Inloggningen misslyckades',
    'employee': 'anställd', 'change-agent': 'förändringsagent', 'org-editor': 'organisationens redaktör', 'juror': 'jurymedlem', 'jury-chair': 'juryns ordförande', 'admin': 'administratör',
  },
  en: {
    signIn: 'Sign in', signOut: 'Sign out', signedInAs: 'Signed in', devSignIn: 'Development sign-in', devNote: 'For development only: no authentication, the token is signed with the server\u2019s own key.',
    person: 'Person', organisation: 'Organisation', roles: 'Roles', cancel: 'Cancel', none: 'Signing in is not available on this page.', failed: 'Signing in failed',
    'employee': 'employee', 'change-agent': 'change agent', 'org-editor': 'organisation editor', 'juror': 'juror', 'jury-chair': 'jury chair', 'admin': 'administrator',
  },
};

function claims(token: string): Record<string, any> | undefined {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

const expired = (token: string) => {
  const exp = claims(token)?.exp;
  return typeof exp !== 'number' || exp * 1000 <= Date.now();
};

/** The page's address without the sign-in answer (code, state): where the identity provider sends people back. */
const pageAddress = () => location.origin + location.pathname;
const isSignInAnswer = (params: URLSearchParams) => params.has('state') && (params.has('code') || params.has('error'));

/**
 * One sign-in for a page or a widget. `apiBase`: where the API is ('' on the API's own pages). `options.silent`:
 * try a silent sign-in at the identity provider on start when nobody is signed in (the widget in an intranet).
 */
export class SignIn {
  config: SignInConfig = { kind: 'none' };
  /** Resolves when the session is known (answer from the identity provider handled, stored session read). */
  readonly ready: Promise<void>;
  /** The last sign-in failure, for the control to show. */
  failure = '';
  private manager?: UserManager;
  private user: User | null = null;
  private given = '';
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly apiBase = '',
    private readonly options: { silent?: boolean } = {},
  ) {
    this.ready = this.start();
  }

  /** A token handed over by the host page: it wins over any sign-in. */
  useToken(token: string) {
    this.given = token.trim();
    this.emit();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The bearer token for the API, or '' when nobody is signed in. */
  accessToken(): string {
    if (this.given) return this.given;
    if (this.config.kind === 'oidc') return this.user && !this.user.expired ? this.user.access_token : '';
    if (this.config.kind === 'development') {
      const token = localStorage.getItem(DEV_TOKEN_KEY) ?? '';
      return token && !expired(token) ? token : '';
    }
    return '';
  }

  person(): Person | undefined {
    const token = this.accessToken();
    const c = token ? claims(token) : undefined;
    if (!c) return undefined;
    const profile = this.user?.profile;
    const name = String(profile?.name ?? profile?.preferred_username ?? c.name ?? c.preferred_username ?? c.sub ?? '');
    const roles = Array.isArray(c.roles) ? c.roles.map(String) : [];
    return { name, organisation: String(c.org ?? ''), roles };
  }

  async signIn(): Promise<void> {
    await this.ready;
    sessionStorage.removeItem(SIGNED_OUT_KEY);
    // The identity provider's page in the page's language (Keycloak and Entra ID take ui_locales).
    const lang = (document.documentElement.lang || 'fi').slice(0, 2);
    if (this.manager) await this.manager.signinRedirect({ state: location.href, extraQueryParams: { ui_locales: lang } });
  }

  async developmentSignIn(subject: string, organisation: string, roles: string[]): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.apiBase}/api/development/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject, organisation, roles }) });
    const body = await res.json().catch(() => undefined);
    if (res.ok && body?.accessToken) {
      localStorage.setItem(DEV_TOKEN_KEY, body.accessToken);
      this.emit();
    }
    return { status: res.status, body };
  }

  async signOut(options: { keepIdentityProviderSession?: boolean } = {}): Promise<void> {
    await this.ready;
    this.given = '';
    if (this.config.kind === 'development') {
      localStorage.removeItem(DEV_TOKEN_KEY);
      this.emit();
      return;
    }
    if (!this.manager) return;
    const user = this.user;
    if (options.keepIdentityProviderSession || !user) {
      // The widget: forget the tokens here, and try no silent sign-in again until the button is pressed.
      sessionStorage.setItem(SIGNED_OUT_KEY, '1');
      await this.manager.revokeTokens().catch(() => undefined);
      await this.manager.removeUser();
      this.user = null;
      this.emit();
      return;
    }
    await this.manager.signoutRedirect({ id_token_hint: user.id_token, post_logout_redirect_uri: pageAddress() });
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }

  private async start(): Promise<void> {
    try {
      const res = await fetch(`${this.apiBase}/api/config`, { headers: { accept: 'application/json' } });
      if (res.ok) this.config = ((await res.json()) as { signIn: SignInConfig }).signIn;
    } catch {
      /* the API is unreachable: nobody can sign in; calls will say so */
    }
    if (this.config.kind !== 'oidc') return;
    const here = pageAddress();
    const manager = new UserManager({
      authority: this.config.issuer,
      client_id: this.config.clientId,
      scope: this.config.scopes,
      redirect_uri: here,
      silent_redirect_uri: here,
      post_logout_redirect_uri: here,
      response_type: 'code',
      automaticSilentRenew: true,
      userStore: new WebStorageStateStore({ store: sessionStorage }),
    });
    this.manager = manager;
    const params = new URLSearchParams(location.search);
    if (isSignInAnswer(params)) {
      if (window.parent !== window) {
        // This page was loaded in the hidden frame of a silent sign-in: hand the answer to the page that asked.
        await manager.signinSilentCallback();
        return;
      }
      try {
        const user = await manager.signinRedirectCallback();
        this.user = user;
        const back = typeof user.state === 'string' && user.state.startsWith(location.origin) ? user.state : here;
        history.replaceState(history.state, '', back);
      } catch (error) {
        this.failure = (error as Error).message;
        history.replaceState(history.state, '', here);
      }
    }
    manager.events.addUserLoaded((user) => {
      this.user = user;
      this.emit();
    });
    manager.events.addUserUnloaded(() => {
      this.user = null;
      this.emit();
    });
    manager.events.addAccessTokenExpired(() => this.emit());
    if (!this.user) {
      const stored = await manager.getUser();
      this.user = stored && !stored.expired ? stored : null;
      if (stored?.expired && stored.refresh_token) this.user = await manager.signinSilent().catch(() => null);
    }
    if (!this.user && this.options.silent && !sessionStorage.getItem(SIGNED_OUT_KEY)) {
      // A session at the identity provider (the intranet's sign-in) signs the widget in without a click.
      this.user = await manager.signinSilent({ silentRequestTimeoutInSeconds: 8 }).catch(() => null);
    }
  }
}

const language = (node: Node): Lang => {
  const lang = ((node as Element).closest?.('[lang]')?.getAttribute('lang') ?? document.documentElement.lang ?? 'fi').slice(0, 2);
  return lang === 'sv' || lang === 'en' ? lang : 'fi';
};

let controls = 0;

/**
 * The sign-in control: who is signed in and a sign-out button, or a sign-in button (development: a marked dialog
 * to pick a person, an organisation and roles). `lang` defaults to the document's.
 */
export function signInControl(signIn: SignIn, options: { lang?: Lang; keepIdentityProviderSession?: boolean } = {}): HTMLElement {
  const id = `sign-in-${++controls}`;
  const box = document.createElement('div');
  box.className = 'sign-in';
  const words = () => WORDS[options.lang ?? language(box)];
  const button = (text: string, onClick: () => void) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  };
  const render = () => {
    const w = words();
    const person = signIn.person();
    box.dataset.state = person ? 'signed-in' : signIn.config.kind;
    if (person) {
      const who = document.createElement('span');
      who.className = 'signed-in-as';
      who.textContent = `${w.signedInAs}: ${person.name}${person.organisation ? ` (${person.organisation})` : ''}`;
      const parts: Node[] = [who];
      if (signIn.config.kind === 'development') parts.unshift(badge(w.devSignIn));
      box.replaceChildren(...parts, button(w.signOut, () => void signIn.signOut({ keepIdentityProviderSession: options.keepIdentityProviderSession })));
    } else if (signIn.config.kind === 'oidc') {
      const parts: Node[] = [button(w.signIn, () => void signIn.signIn())];
      if (signIn.failure) parts.push(Object.assign(document.createElement('span'), { className: 'err', textContent: w.failed, role: 'alert' }));
      box.replaceChildren(...parts);
    } else if (signIn.config.kind === 'development') {
      box.replaceChildren(badge(w.devSignIn), button(w.signIn, () => openDevelopmentDialog(signIn, box, id, w)));
    } else {
      box.replaceChildren();
    }
  };
  signIn.onChange(render);
  void signIn.ready.then(render);
  return box;
}

function badge(text: string): HTMLElement {
  const b = document.createElement('span');
  b.className = 'dev-badge';
  b.textContent = text;
  return b;
}

function openDevelopmentDialog(signIn: SignIn, host: HTMLElement, id: string, w: Record<string, string>) {
  const dialog = document.createElement('dialog');
  dialog.className = 'dev-sign-in';
  dialog.setAttribute('aria-labelledby', `${id}-h`);
  const form = document.createElement('form');
  form.method = 'dialog';
  const last = JSON.parse(localStorage.getItem('kehittamo.dev-person') ?? '{}') as { subject?: string; organisation?: string; roles?: string[] };
  const field = (key: string, label: string, input: HTMLInputElement) => {
    input.id = `${id}-${key}`;
    input.name = key;
    const l = document.createElement('label');
    l.htmlFor = input.id;
    l.textContent = label;
    const div = document.createElement('div');
    div.append(l, input);
    return div;
  };
  const subject = Object.assign(document.createElement('input'), { type: 'text', required: true, maxLength: 200, value: last.subject ?? '', autocomplete: 'off' });
  const organisation = Object.assign(document.createElement('input'), { type: 'text', required: true, pattern: '[a-z0-9][a-z0-9\\-]{0,62}', value: last.organisation ?? 'imatra', autocomplete: 'off' });
  const list = document.createElement('datalist');
  list.id = `${id}-orgs`;
  for (const org of ORGANISATIONS) list.append(Object.assign(document.createElement('option'), { value: org }));
  organisation.setAttribute('list', list.id);
  const roles = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = w.roles;
  roles.append(legend);
  for (const role of ROLES) {
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'role', value: role, id: `${id}-role-${role}`, checked: (last.roles ?? ['employee']).includes(role) });
    const label = document.createElement('label');
    label.htmlFor = box.id;
    label.textContent = w[role];
    const row = document.createElement('div');
    row.className = 'check';
    row.append(box, label);
    roles.append(row);
  }
  const error = document.createElement('p');
  error.className = 'err';
  error.setAttribute('role', 'alert');
  const heading = document.createElement('h2');
  heading.id = `${id}-h`;
  heading.textContent = w.devSignIn;
  const note = document.createElement('p');
  note.className = 'dev-note';
  note.textContent = w.devNote;
  const submit = Object.assign(document.createElement('button'), { type: 'submit', textContent: w.signIn });
  const cancel = Object.assign(document.createElement('button'), { type: 'button', textContent: w.cancel });
  cancel.addEventListener('click', () => dialog.close());
  const actions = document.createElement('div');
  actions.className = 'actions';
  actions.append(submit, cancel);
  form.append(heading, note, field('person', w.person, subject), field('organisation', w.organisation, organisation), list, roles, error, actions);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const chosen = [...roles.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    const reply = await signIn.developmentSignIn(subject.value, organisation.value.trim(), chosen);
    if (reply.status === 200) {
      localStorage.setItem('kehittamo.dev-person', JSON.stringify({ subject: subject.value, organisation: organisation.value.trim(), roles: chosen }));
      dialog.close();
    } else {
      const fields = (reply.body?.errors ?? []).map((x: { field: string }) => ({ subject: w.person, organisation: w.organisation, roles: w.roles })[x.field] ?? x.field);
      error.textContent = `${w.failed}${fields.length ? `: ${[...new Set(fields)].join(', ')}` : reply.body?.detail ? `: ${reply.body.detail}` : ''}`;
    }
  });
  dialog.append(form);
  dialog.addEventListener('close', () => dialog.remove());
  (host.getRootNode() instanceof ShadowRoot ? (host.getRootNode() as ShadowRoot) : document.body).append(dialog);
  dialog.showModal();
  subject.focus();
}
