// Change-agent board: the organisation's ideas in columns by stage; move an idea with the step its stage allows.
import { $, api, el, foldable, say, token, tokenForm } from './common.mts';
import { attachments, thumbnail } from './media-view.mts';
import { DAY_HINT, DAY_INVALID, dayInputAttrs, fmtDateTime, fmtDay, fmtNumber, lang, loadOrganisations, orgName, pick, readDay, s, SECTORS, sectorName, setupPage, stageName, today, type Texts } from './i18n.mts';
import { fieldMessage, fieldOf, problemMessage } from './messages.mts';
import { mergeForm } from './board-merge.mts';
import { pageBell } from './page.mts';

const problem = (reply: { status: number; body: any }) => problemMessage(lang, reply);

const ROLES: Record<string, Texts> = {
  employee: s('työntekijä', 'anställd', 'employee'), 'change-agent': s('muutosagentti', 'förändringsagent', 'change agent'), admin: s('ylläpitäjä', 'administratör', 'administrator'),
  'org-editor': s('toimittaja', 'redaktör', 'editor'), juror: s('tuomari', 'jurymedlem', 'juror'), 'jury-chair': s('tuomariston puheenjohtaja', 'juryns ordförande', 'jury chair'), unknown: s('tuntematon', 'okänd', 'unknown'),
};
/** Each event of an idea's stream, as the timeline names it. */
const EVENTS: Record<string, Texts> = {
  IdeaSubmitted: s('Idea lähetetty', 'Idén inskickad', 'Idea submitted'), IdeaReviewStarted: s('Arviointi aloitettu', 'Bedömningen påbörjad', 'Review started'),
  IdeaPilotStarted: s('Pilotti käynnistetty', 'Piloten startad', 'Pilot started'), PilotMeasurementsRecorded: s('Mittaukset kirjattu', 'Mätningar registrerade', 'Measurements recorded'),
  IdeaAdopted: s('Otettu käyttöön', 'Införd', 'Adopted'), IdeaRejected: s('Hylätty', 'Avslagen', 'Rejected'), IdeaWithdrawn: s('Peruttu', 'Återtagen', 'Withdrawn'),
  IdeaDeedLinked: s('Kehittämisteko avattu', 'Utvecklingsinsats öppnad', 'Development deed opened'), IdeaCommented: s('Kommentti', 'Kommentar', 'Comment'),
};
const T = {
  title: s('Muutosagenttien taulu', 'Förändringsagenternas tavla', 'Change-agent board'),
  filtersLabel: s('Rajaa ideoita', 'Filtrera idéer', 'Filter ideas'),
  unit: s('Yksikkö', 'Enhet', 'Unit'), sector: s('Toimiala', 'Sektor', 'Sector'), theme: s('Teema', 'Tema', 'Theme'), all: s('Kaikki', 'Alla', 'All'), show: s('Näytä', 'Visa', 'Show'),
  boardHint: s('Kaikki vaiheet eivät mahdu näkyviin: vieritä taulua sivuttain tai siirry vaiheesta toiseen nuolilla.', 'Alla skeden ryms inte: rulla tavlan i sidled eller flytta mellan skedena med pilarna.', 'Not all stages fit: scroll the board sideways or move between stages with the arrows.'),
  prev: s('Edellinen vaihe', 'Föregående skede', 'Previous stage'), next: s('Seuraava vaihe', 'Nästa skede', 'Next stage'), boardLabel: s('Ideat vaiheittain', 'Idéerna per skede', 'Ideas by stage'),
  loadFailed: s('Ideoita ei voitu hakea', 'Idéerna kunde inte hämtas', 'The ideas could not be loaded'), support: s('kannatus', 'stöd', 'support'),
  organisation: s('Organisaatio', 'Organisation', 'Organisation'),
  review: s('Ota arvioitavaksi', 'Ta upp till bedömning', 'Start the review'), team: s('Tiimi', 'Team', 'Team'), teamDefault: s('Muutosagentit', 'Förändringsagenterna', 'Change agents'),
  pilot: s('Käynnistä pilotti', 'Starta en pilot', 'Start a pilot'), goal: s('Tavoite', 'Mål', 'Goal'), pilotTeam: s('Pilottitiimi', 'Pilotteam', 'Pilot team'),
  starts: s('Alkaa', 'Börjar', 'Starts'), ends: s('Päättyy', 'Slutar', 'Ends'), metric: s('Mittari', 'Mätare', 'Metric'), metricUnit: s('Mittarin yksikkö', 'Mätarens enhet', 'Unit of the metric'),
  baseline: s('Lähtötaso', 'Utgångsnivå', 'Baseline'), target: s('Tavoitetaso', 'Målnivå', 'Target'),
  measure: s('Kirjaa mittaus', 'Registrera en mätning', 'Record a measurement'), measurement: s('Mittaus', 'Mätning', 'Measurement'), measuredOn: s('Mitattu', 'Mätt', 'Measured on'),
  adopt: s('Ota käyttöön', 'Inför', 'Adopt'), result: s('Tulos', 'Resultat', 'Result'), reject: s('Hylkää', 'Avslå', 'Reject'), reason: s('Perustelu', 'Motivering', 'Reason'),
  checkFields: s('Tarkista merkityt kentät.', 'Kontrollera de markerade fälten.', 'Please check the marked fields.'), actionFailed: s('Toiminto epäonnistui', 'Åtgärden misslyckades', 'The action failed'),
  lineage: s('Jatko: kehittämisteko ja palkinnot', 'Fortsättning: utvecklingsinsats och priser', 'What came of it: development deed and awards'),
  noDeedYet: s('Kehittämistekoa ei ole vielä avattu.', 'Ingen utvecklingsinsats har öppnats ännu.', 'No development deed has been opened yet.'),
  deedWhenAdopted: s('Kehittämisteko avataan, kun idea on otettu käyttöön.', 'En utvecklingsinsats öppnas när idén har införts.', 'A development deed is opened once the idea is adopted.'),
  openDeed: s('Avaa kehittämisteko', 'Öppna en utvecklingsinsats', 'Open a development deed'), openFailed: s('Kehittämistekoa ei voitu avata', 'Utvecklingsinsatsen kunde inte öppnas', 'The development deed could not be opened'),
  deedOpened: s('Kehittämisteko avattu luonnoksena.', 'Utvecklingsinsatsen har öppnats som utkast.', 'The development deed was opened as a draft.'),
  editorsOpen: s('Organisaation toimittajat avaavat teon.', 'Organisationens redaktörer öppnar insatsen.', "The organisation's editors open the deed."),
  deed: s('Kehittämisteko', 'Utvecklingsinsats', 'Development deed'), published: s('julkaistu, versio', 'publicerad, version', 'published, version'),
  noAwards: s('Ei palkintoja (palkinnot näkyvät gaalan jälkeen).', 'Inga priser (priserna syns efter galan).', 'No awards (awards show after the gala).'),
  draft: s('luonnos, ei vielä julkaistu', 'utkast, inte publicerat ännu', 'draft, not published yet'),
  notPublished: s('Kehittämisteko on avattu, mutta sitä ei ole vielä julkaistu Tekojen torilla.', 'Utvecklingsinsatsen har öppnats men ännu inte publicerats på Tekojen tori.', 'The development deed has been opened but not yet published in Tekojen tori.'),
  pilotLine: s('Pilotti', 'Pilot', 'Pilot'), measurements: s('Mittaukset', 'Mätningar', 'Measurements'), timeline: s('Aikajana', 'Tidslinje', 'Timeline'),
  ideaOf: s('Idean tiedot', 'Idéns uppgifter', 'The idea'),
  attachments: s('Liitteet', 'Bilagor', 'Attachments'),
};
const t = (key: keyof typeof T) => pick(T[key]);
const COLUMNS = ['submitted', 'inReview', 'piloting', 'adopted', 'rejected'] as const;
setupPage({
  title: T.title,
  texts: { title: T.title, filtersLabel: T.filtersLabel, unit: T.unit, sector: T.sector, theme: T.theme, all: T.all, show: T.show, boardHint: T.boardHint, prev: T.prev, next: T.next, boardLabel: T.boardLabel },
});
// On a phone the filters fold behind "Rajaa", which says how many are in use.
const fold = foldable($<HTMLButtonElement>('#filters-toggle'));

async function load() {
  const board = $('#board');
  board.setAttribute('aria-busy', 'true');
  const filters = $<HTMLFormElement>('#filters');
  const value = (name: string) => (filters.elements.namedItem(name) as HTMLInputElement).value.trim();
  const query = new URLSearchParams({ limit: '100' });
  for (const name of ['unit', 'sector']) if (value(name)) query.set(name, value(name));
  // The API filters by unit and sector; the theme is matched here, on the themes each idea carries.
  const theme = value('theme').toLocaleLowerCase(lang);
  fold.count(['unit', 'sector', 'theme'].filter((name) => value(name)).length);
  const columns = await Promise.all(COLUMNS.map((stage) => api('GET', `/api/ideas?stage=${stage}&${query}`)));
  const failed = columns.find((c) => c.status !== 200);
  if (failed) {
    board.replaceChildren();
    const errors: { field: string; message: string }[] = failed.body?.errors ?? [];
    for (const name of ['unit', 'sector']) {
      const mine = errors.filter((e) => fieldOf(e.field, name));
      $(`#e-${name}`).textContent = mine.map((e) => fieldMessage(lang, e)).join(' ');
      if (mine.length) $(`#f-${name}`).setAttribute('aria-invalid', 'true');
      if (mine.length) fold.open();
    }
    say(`${t('loadFailed')}: ${problem(failed)}`, false);
    board.removeAttribute('aria-busy');
    return;
  }
  for (const name of ['unit', 'sector']) {
    $(`#e-${name}`).textContent = '';
    $(`#f-${name}`).removeAttribute('aria-invalid');
  }
  board.replaceChildren(
    ...COLUMNS.map((stage, i) => {
      const items: any[] = columns[i].body.items.filter((item: any) => !theme || (item.themes ?? []).some((x: string) => x.toLocaleLowerCase(lang).includes(theme)));
      const list = el('ul', { class: 'cards' });
      for (const item of items) {
        const open = el('button', { type: 'button', class: 'card-open', 'data-id': item.id }, item.title);
        open.addEventListener('click', () => void showIdea(item.id));
        const themes = item.themes?.length ? ` · ${item.themes.join(', ')}` : '';
        const card = el('li', { class: 'card', 'data-stage': stage }, open, el('div', { class: 'meta' }, `${item.unit} · ${sectorName(item.sector)}${themes} · ${t('support')} ${fmtNumber(item.supportCount, 0)}`));
        const thumb = thumbnail(item.thumbnail, token());
        if (thumb) card.append(thumb);
        list.append(card);
      }
      return el('section', { class: 'column', 'data-stage': stage, 'aria-labelledby': `col-${stage}` }, el('h2', { id: `col-${stage}` }, `${stageName(stage)} `, el('span', { class: 'count' }, fmtNumber(items.length, 0))), list);
    }),
  );
  board.removeAttribute('aria-busy');
  // Whose ideas these are: the organisation by its name.
  const organisation = columns.flatMap((c) => c.body.items).find((item: any) => item.organisation)?.organisation;
  $('#board-org').textContent = organisation ? `${t('organisation')}: ${orgName(organisation)}` : '';
  updateBoardNav();
}

/**
 * When the five columns do not fit (a phone, or the idea's detail beside them), the board scrolls sideways in its own
 * region: a line above it says so, and two buttons move it a column at a time (at either end the button says it can
 * go no further, and keeps the focus).
 */
function updateBoardNav() {
  const board = $('#board');
  const overflows = board.scrollWidth > board.clientWidth + 1;
  $('#board-nav').hidden = !overflows;
  $('#board-prev').setAttribute('aria-disabled', String(board.scrollLeft <= 1));
  $('#board-next').setAttribute('aria-disabled', String(board.scrollLeft + board.clientWidth >= board.scrollWidth - 1));
}

function scrollBoard(direction: -1 | 1) {
  const board = $('#board');
  const column = board.querySelector<HTMLElement>('.column');
  const gap = parseFloat(getComputedStyle(board).columnGap) || 0;
  const step = column ? column.getBoundingClientRect().width + gap : board.clientWidth * 0.8;
  board.scrollBy({ left: direction * step, behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
}

function input(label: string, name: string, attrs: Record<string, string> = {}) {
  const id = `a-${name}`;
  const described = { 'aria-describedby': `${id}-err` };
  const tag = attrs.textarea ? el('textarea', { id, name, required: '', ...described }) : el('input', { id, name, type: 'text', required: '', ...described, ...attrs });
  return el('div', { class: 'field' }, el('label', { for: id }, label), tag, el('p', { class: 'err', id: `${id}-err` }));
}

/** A day field: typed the Finnish way (31.12.2026), with the form said beneath it. */
function dayInput(label: string, name: string, value?: string) {
  const id = `a-${name}`;
  return el('div', { class: 'field' }, el('label', { for: id }, label), el('input', { id, name, required: '', ...dayInputAttrs(id, value) }), el('p', { class: 'hint', id: `${id}-hint` }, pick(DAY_HINT)), el('p', { class: 'err', id: `${id}-err` }));
}

/** The API's name for each form field of the actions (the pilot's first metric, the first measurement). */
const API_FIELD: Record<string, string> = { metric: 'metrics[0].name', unit: 'metrics[0].unit', baseline: 'metrics[0].baseline', target: 'metrics[0].target', value: 'measurements[0].value', measuredOn: 'measurements[0].measuredOn' };

/** A day the page could not read: said under its field before anything is sent. */
const DAY_MESSAGE = 'not a day';

/** Field messages in the page's language under the form's fields; the first invalid field gets the focus. Whether any landed. */
function showErrors(form: HTMLFormElement, errors: { field: string; message: string }[]): boolean {
  let first: HTMLElement | undefined;
  for (const control of form.querySelectorAll<HTMLInputElement>('input[name], textarea[name]')) {
    const mine = errors.filter((e) => fieldOf(e.field, API_FIELD[control.name] ?? control.name));
    const box = form.querySelector<HTMLElement>(`#${control.id}-err`);
    if (box) box.textContent = [...new Set(mine.map((e) => (e.message === DAY_MESSAGE ? pick(DAY_INVALID) : fieldMessage(lang, e))))].join(' ');
    if (mine.length) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    if (mine.length && !first) first = control;
  }
  first?.focus();
  return first !== undefined;
}

/** The step the idea's stage allows, as a form. */
function actionForm(idea: any): HTMLFormElement | undefined {
  const form = el('form', { class: 'action' });
  let title: string;
  let build: (v: (n: string) => string) => [string, unknown];
  switch (idea.stage) {
    case 'submitted':
      title = t('review');
      form.append(input(t('team'), 'team', { value: t('teamDefault') }));
      build = (v) => ['review', { team: v('team') }];
      break;
    case 'inReview':
      title = t('pilot');
      form.append(
        input(t('goal'), 'goal'), input(t('pilotTeam'), 'team'), dayInput(t('starts'), 'startsOn', today()), dayInput(t('ends'), 'endsOn', today()),
        input(t('metric'), 'metric'), input(t('metricUnit'), 'unit', { required: '' }), input(t('baseline'), 'baseline', { type: 'number', step: 'any' }), input(t('target'), 'target', { type: 'number', step: 'any' }),
      );
      build = (v) => ['pilot', { goal: v('goal'), team: v('team'), startsOn: v('startsOn'), endsOn: v('endsOn'), metrics: [{ name: v('metric'), ...(v('unit') ? { unit: v('unit') } : {}), baseline: Number(v('baseline')), ...(v('target') ? { target: Number(v('target')) } : {}) }] }];
      break;
    case 'piloting': {
      title = t('measure');
      const metric = idea.pilot?.metrics?.[0]?.name ?? '';
      form.append(input(`${t('measurement')}: ${metric}`, 'value', { type: 'number', step: 'any' }), dayInput(t('measuredOn'), 'measuredOn', today()));
      build = (v) => ['measurements', { measurements: [{ metric, value: Number(v('value')), measuredOn: v('measuredOn') }] }];
      const adopt = el('form', { class: 'action' }, el('h3', {}, t('adopt')), input(t('result'), 'result', { textarea: '1' }), el('button', { type: 'submit' }, t('adopt')));
      adopt.addEventListener('submit', (e) => {
        e.preventDefault();
        void act(idea, 'adopt', { result: (adopt.elements.namedItem('result') as HTMLTextAreaElement).value }, adopt);
      });
      form.dataset.extra = '1';
      (form as any).extra = adopt;
      break;
    }
    default:
      return undefined;
  }
  form.prepend(el('h3', {}, title));
  form.append(el('button', { type: 'submit' }, title));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    // Days are read here (31.12.2026 → 2026-12-31); one that is no day is said under its field, nothing is sent.
    const bad: { field: string; message: string }[] = [];
    const v = (n: string) => {
      const control = form.elements.namedItem(n) as HTMLInputElement;
      if (!control.hasAttribute('data-day')) return control.value;
      const day = readDay(control);
      if (day === undefined) bad.push({ field: API_FIELD[n] ?? n, message: DAY_MESSAGE });
      return day ?? control.value;
    };
    const [step, body] = build(v);
    if (bad.length) {
      showErrors(form, bad);
      return say(t('checkFields'), false);
    }
    void act(idea, step, body, form);
  });
  return form;
}

function rejectForm(idea: any): HTMLFormElement | undefined {
  if (!['submitted', 'inReview', 'piloting'].includes(idea.stage)) return undefined;
  const form = el('form', { class: 'action reject' }, el('h3', {}, t('reject')), input(t('reason'), 'reason', { textarea: '1' }), el('button', { type: 'submit', class: 'danger' }, t('reject')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(idea, 'reject', { reason: (form.elements.namedItem('reason') as HTMLTextAreaElement).value }, form);
  });
  return form;
}

async function act(idea: any, step: string, body: unknown, form: HTMLFormElement) {
  const reply = await api('POST', `/api/ideas/${idea.id}/${step}`, body);
  if (reply.status !== 200) return say(showErrors(form, reply.body?.errors ?? []) ? t('checkFields') : `${t('actionFailed')}: ${problem(reply)}`, false);
  say(`”${idea.title}”: ${stageName(reply.body.stage)}`);
  await load();
  await showIdea(idea.id);
}

/** Where the idea led: its development deed in Tekojen tori (or the draft), and the deed's awards. */
async function lineage(idea: any): Promise<HTMLElement> {
  const box = el('section', { class: 'lineage', 'aria-labelledby': 'lineage-h' }, el('h3', { id: 'lineage-h' }, t('lineage')));
  if (!idea.deedId) {
    box.append(el('p', { class: 'meta' }, idea.stage === 'adopted' ? t('noDeedYet') : t('deedWhenAdopted')));
    if (idea.stage === 'adopted') {
      const open = el('button', { type: 'button', class: 'secondary' }, t('openDeed'));
      open.addEventListener('click', async () => {
        const reply = await api('POST', `/api/ideas/${idea.id}/deed`);
        if (reply.status >= 300) return say(`${t('openFailed')}: ${problem(reply)}`, false);
        say(t('deedOpened'));
        await showIdea(idea.id);
      });
      box.append(open, el('p', { class: 'meta' }, t('editorsOpen')));
    }
    return box;
  }
  const published = await api('GET', `/api/catalogue/deeds/${idea.deedId}`);
  if (published.status === 200) {
    const d = published.body;
    box.append(el('p', {}, `${t('deed')}: `, el('a', { href: `/tori.html${lang === 'fi' ? '' : `?lang=${lang}`}#deed/${d.id}`, 'data-deed': d.id }, d.title), ` (${t('published')} ${d.revisions?.length ?? 1})`));
    const awards: any[] = d.awards ?? [];
    box.append(awards.length
      ? el('ul', { class: 'awards' }, ...awards.map((a) => el('li', {}, `🏆 ${a.award} – ${a.series}, ${a.season ?? ''} (${a.year})`)))
      : el('p', { class: 'meta' }, t('noAwards')));
    return box;
  }
  // Not in the catalogue yet: its editors see the draft.
  const draft = await api('GET', `/api/deeds/${idea.deedId}`);
  box.append(el('p', { 'data-deed': idea.deedId }, draft.status === 200 ? `${t('deed')}: ${draft.body.title} (${t('draft')})` : t('notPublished')));
  return box;
}

async function showIdea(id: string) {
  const panel = $('#detail');
  const reply = await api('GET', `/api/ideas/${id}`);
  if (reply.status !== 200) return say(problem(reply), false);
  const idea = reply.body;
  const timeline = el('ol', { class: 'timeline' });
  // Every event of the idea in time order: the steps (with the role that took them) and the comments.
  const entries: { at: string; node: HTMLLIElement }[] = [];
  for (const h of idea.history) {
    const what: (string | Node)[] = [el('strong', {}, EVENTS[h.event]?.[lang] ?? h.event)];
    if (h.event === 'IdeaReviewStarted' && idea.reviewTeam) what.push(`: ${idea.reviewTeam}`);
    if (h.event === 'IdeaPilotStarted' && idea.pilot) what.push(`: ${idea.pilot.goal}`);
    if (h.reason) what.push(` — ${h.reason}`);
    entries.push({ at: h.at, node: el('li', { 'data-event': h.event }, el('time', { datetime: h.at }, fmtDateTime(h.at)), ' ', ...what, el('span', { class: 'who' }, ` · ${ROLES[h.actorRole]?.[lang] ?? h.actorRole}`)) });
  }
  for (const c of idea.comments ?? []) {
    const node = el('li', { 'data-event': 'IdeaCommented' }, el('time', { datetime: c.at }, fmtDateTime(c.at)), ' ', el('strong', {}, EVENTS.IdeaCommented[lang]), `: ${c.text}`);
    // A comment's own photos, recordings and videos, under its text.
    const carried = attachments(c.media, token());
    if (carried) node.append(carried);
    entries.push({ at: c.at, node });
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  timeline.append(...entries.map((e) => e.node));
  const parts: Node[] = [el('h2', { id: 'detail-title', tabindex: '-1' }, idea.title), el('p', { class: 'meta' }, `${stageName(idea.stage)} · ${idea.unit} · ${sectorName(idea.sector)}`), el('p', {}, idea.description)];
  const media = attachments(idea.media, token());
  if (media) parts.push(el('h3', {}, t('attachments')), media);
  if (idea.pilot) parts.push(el('p', {}, `${t('pilotLine')}: ${idea.pilot.goal} (${fmtDay(idea.pilot.startsOn)}–${fmtDay(idea.pilot.endsOn)})`));
  if (idea.result) parts.push(el('p', {}, `${t('result')}: ${typeof idea.result === 'string' ? idea.result : idea.result.summary ?? ''}`));
  if (idea.measurements?.length) parts.push(el('h3', {}, t('measurements')), el('ul', { class: 'measurements' }, ...idea.measurements.map((m: any) => el('li', { class: 'measurement' }, `${m.metric}: ${fmtNumber(m.value, 3)} (${fmtDay(m.measuredOn)})`))));
  parts.push(el('h3', {}, t('timeline')), timeline, await lineage(idea));
  const action = actionForm(idea);
  if (action) parts.push(action);
  if (action && (action as any).extra) parts.push((action as any).extra);
  const reject = rejectForm(idea);
  if (reject) parts.push(reject);
  const merge = mergeForm(idea, say, async (into) => (await load(), await showIdea(into)));
  if (merge) parts.push(merge);
  panel.replaceChildren(...parts);
  panel.hidden = false;
  $('#detail-title').focus();
}

const sector = $<HTMLSelectElement>('#f-sector');
for (const [v, l] of Object.entries(SECTORS)) sector.append(el('option', { value: v }, l[lang]));
$('#filters').addEventListener('submit', (e) => {
  e.preventDefault();
  void load();
});
$('#board-prev').addEventListener('click', () => scrollBoard(-1));
$('#board-next').addEventListener('click', () => scrollBoard(1));
$('#board').addEventListener('scroll', updateBoardNav, { passive: true });
new ResizeObserver(updateBoardNav).observe($('#board'));
tokenForm(() => void load());
void loadOrganisations().then(load);
void pageBell();
