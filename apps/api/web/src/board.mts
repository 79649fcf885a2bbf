// Change-agent board: the organisation's ideas in columns by stage; move an idea with the step its stage allows.
import { $, api, el, fmtDate, foldable, say, STAGE_FI, SECTOR_FI, token, tokenForm } from './common.mts';
import { attachments, thumbnail } from './media-view.mts';
import { fieldMessage, fieldOf, problemMessage } from './messages.mts';

const problem = (reply: { status: number; body: any }) => problemMessage('fi', reply);

const ROLE_FI: Record<string, string> = { employee: 'työntekijä', 'change-agent': 'muutosagentti', admin: 'ylläpitäjä', 'org-editor': 'toimittaja', juror: 'tuomari', 'jury-chair': 'tuomariston puheenjohtaja', unknown: 'tuntematon' };
/** Each event of an idea's stream, as the timeline names it. */
const EVENT_FI: Record<string, string> = {
  IdeaSubmitted: 'Idea lähetetty', IdeaReviewStarted: 'Arviointi aloitettu', IdeaPilotStarted: 'Pilotti käynnistetty', PilotMeasurementsRecorded: 'Mittaukset kirjattu',
  IdeaAdopted: 'Otettu käyttöön', IdeaRejected: 'Hylätty', IdeaWithdrawn: 'Peruttu', IdeaDeedLinked: 'Kehittämisteko avattu', IdeaCommented: 'Kommentti',
};
const COLUMNS = ['submitted', 'inReview', 'piloting', 'adopted', 'rejected'] as const;
// On a phone the filters fold behind "Rajaa", which says how many are in use.
const fold = foldable($<HTMLButtonElement>('#filters-toggle'));
const today = () => new Date().toISOString().slice(0, 10);

async function load() {
  const board = $('#board');
  board.setAttribute('aria-busy', 'true');
  const filters = $<HTMLFormElement>('#filters');
  const value = (name: string) => (filters.elements.namedItem(name) as HTMLInputElement).value.trim();
  const query = new URLSearchParams({ limit: '100' });
  for (const name of ['unit', 'sector']) if (value(name)) query.set(name, value(name));
  // The API filters by unit and sector; the theme is matched here, on the themes each idea carries.
  const theme = value('theme').toLocaleLowerCase('fi');
  fold.count(['unit', 'sector', 'theme'].filter((name) => value(name)).length);
  const columns = await Promise.all(COLUMNS.map((stage) => api('GET', `/api/ideas?stage=${stage}&${query}`)));
  const failed = columns.find((c) => c.status !== 200);
  if (failed) {
    board.replaceChildren();
    const errors: { field: string; message: string }[] = failed.body?.errors ?? [];
    for (const name of ['unit', 'sector']) {
      const mine = errors.filter((e) => fieldOf(e.field, name));
      $(`#e-${name}`).textContent = mine.map((e) => fieldMessage('fi', e)).join(' ');
      if (mine.length) $(`#f-${name}`).setAttribute('aria-invalid', 'true');
      if (mine.length) fold.open();
    }
    say(`Ideoita ei voitu hakea: ${problem(failed)}`, false);
    board.removeAttribute('aria-busy');
    return;
  }
  for (const name of ['unit', 'sector']) {
    $(`#e-${name}`).textContent = '';
    $(`#f-${name}`).removeAttribute('aria-invalid');
  }
  board.replaceChildren(
    ...COLUMNS.map((stage, i) => {
      const items: any[] = columns[i].body.items.filter((item: any) => !theme || (item.themes ?? []).some((x: string) => x.toLocaleLowerCase('fi').includes(theme)));
      const list = el('ul', { class: 'cards' });
      for (const item of items) {
        const open = el('button', { type: 'button', class: 'card-open', 'data-id': item.id }, item.title);
        open.addEventListener('click', () => void showIdea(item.id));
        const themes = item.themes?.length ? ` · ${item.themes.join(', ')}` : '';
        const card = el('li', { class: 'card', 'data-stage': stage }, open, el('div', { class: 'meta' }, `${item.unit} · ${SECTOR_FI[item.sector] ?? item.sector}${themes} · kannatus ${item.supportCount}`));
        const thumb = thumbnail(item.thumbnail, token());
        if (thumb) card.append(thumb);
        list.append(card);
      }
      return el('section', { class: 'column', 'data-stage': stage, 'aria-labelledby': `col-${stage}` }, el('h2', { id: `col-${stage}` }, `${STAGE_FI[stage]} `, el('span', { class: 'count' }, String(items.length))), list);
    }),
  );
  board.removeAttribute('aria-busy');
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

/** The API's name for each form field of the actions (the pilot's first metric, the first measurement). */
const API_FIELD: Record<string, string> = { metric: 'metrics[0].name', unit: 'metrics[0].unit', baseline: 'metrics[0].baseline', target: 'metrics[0].target', value: 'measurements[0].value', measuredOn: 'measurements[0].measuredOn' };

/** Field messages in Finnish under the form's fields; the first invalid field gets the focus. Whether any landed. */
function showErrors(form: HTMLFormElement, errors: { field: string; message: string }[]): boolean {
  let first: HTMLElement | undefined;
  for (const control of form.querySelectorAll<HTMLInputElement>('input[name], textarea[name]')) {
    const mine = errors.filter((e) => fieldOf(e.field, API_FIELD[control.name] ?? control.name));
    const box = form.querySelector<HTMLElement>(`#${control.id}-err`);
    if (box) box.textContent = [...new Set(mine.map((e) => fieldMessage('fi', e)))].join(' ');
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
      title = 'Ota arvioitavaksi';
      form.append(input('Tiimi', 'team', { value: 'Muutosagentit' }));
      build = (v) => ['review', { team: v('team') }];
      break;
    case 'inReview':
      title = 'Käynnistä pilotti';
      form.append(
        input('Tavoite', 'goal'), input('Pilottitiimi', 'team'), input('Alkaa', 'startsOn', { type: 'date', value: today() }), input('Päättyy', 'endsOn', { type: 'date', value: today() }),
        input('Mittari', 'metric'), input('Mittarin yksikkö', 'unit', { required: '' }), input('Lähtötaso', 'baseline', { type: 'number', step: 'any' }), input('Tavoitetaso', 'target', { type: 'number', step: 'any' }),
      );
      build = (v) => ['pilot', { goal: v('goal'), team: v('team'), startsOn: v('startsOn'), endsOn: v('endsOn'), metrics: [{ name: v('metric'), ...(v('unit') ? { unit: v('unit') } : {}), baseline: Number(v('baseline')), ...(v('target') ? { target: Number(v('target')) } : {}) }] }];
      break;
    case 'piloting': {
      title = 'Kirjaa mittaus';
      const metric = idea.pilot?.metrics?.[0]?.name ?? '';
      form.append(input(`Mittaus: ${metric}`, 'value', { type: 'number', step: 'any' }), input('Mitattu', 'measuredOn', { type: 'date', value: today() }));
      build = (v) => ['measurements', { measurements: [{ metric, value: Number(v('value')), measuredOn: v('measuredOn') }] }];
      const adopt = el('form', { class: 'action' }, el('h3', {}, 'Ota käyttöön'), input('Tulos', 'result', { textarea: '1' }), el('button', { type: 'submit' }, 'Ota käyttöön'));
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
    const v = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value;
    const [step, body] = build(v);
    void act(idea, step, body, form);
  });
  return form;
}

function rejectForm(idea: any): HTMLFormElement | undefined {
  if (!['submitted', 'inReview', 'piloting'].includes(idea.stage)) return undefined;
  const form = el('form', { class: 'action reject' }, el('h3', {}, 'Hylkää'), input('Perustelu', 'reason', { textarea: '1' }), el('button', { type: 'submit', class: 'danger' }, 'Hylkää'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(idea, 'reject', { reason: (form.elements.namedItem('reason') as HTMLTextAreaElement).value }, form);
  });
  return form;
}

async function act(idea: any, step: string, body: unknown, form: HTMLFormElement) {
  const reply = await api('POST', `/api/ideas/${idea.id}/${step}`, body);
  if (reply.status !== 200) return say(showErrors(form, reply.body?.errors ?? []) ? 'Tarkista merkityt kentät.' : `Toiminto epäonnistui: ${problem(reply)}`, false);
  say(`”${idea.title}”: ${STAGE_FI[reply.body.stage] ?? reply.body.stage}`);
  await load();
  await showIdea(idea.id);
}

/** Where the idea led: its development deed in Tekojen tori (or the draft), and the deed's awards. */
async function lineage(idea: any): Promise<HTMLElement> {
  const box = el('section', { class: 'lineage', 'aria-labelledby': 'lineage-h' }, el('h3', { id: 'lineage-h' }, 'Jatko: kehittämisteko ja palkinnot'));
  if (!idea.deedId) {
    box.append(el('p', { class: 'meta' }, idea.stage === 'adopted' ? 'Kehittämistekoa ei ole vielä avattu.' : 'Kehittämisteko avataan, kun idea on otettu käyttöön.'));
    if (idea.stage === 'adopted') {
      const open = el('button', { type: 'button', class: 'secondary' }, 'Avaa kehittämisteko');
      open.addEventListener('click', async () => {
        const reply = await api('POST', `/api/ideas/${idea.id}/deed`);
        if (reply.status >= 300) return say(`Kehittämistekoa ei voitu avata: ${problem(reply)}`, false);
        say('Kehittämisteko avattu luonnoksena.');
        await showIdea(idea.id);
      });
      box.append(open, el('p', { class: 'meta' }, 'Organisaation toimittajat avaavat teon.'));
    }
    return box;
  }
  const published = await api('GET', `/api/catalogue/deeds/${idea.deedId}`);
  if (published.status === 200) {
    const d = published.body;
    box.append(el('p', {}, 'Kehittämisteko: ', el('a', { href: `/tori.html#deed/${d.id}`, 'data-deed': d.id }, d.title), ` (julkaistu, versio ${d.revisions?.length ?? 1})`));
    const awards: any[] = d.awards ?? [];
    box.append(awards.length
      ? el('ul', { class: 'awards' }, ...awards.map((a) => el('li', {}, `🏆 ${a.award} – ${a.series}, ${a.season ?? ''} (${a.year})`)))
      : el('p', { class: 'meta' }, 'Ei palkintoja (palkinnot näkyvät gaalan jälkeen).'));
    return box;
  }
  // Not in the catalogue yet: its editors see the draft.
  const draft = await api('GET', `/api/deeds/${idea.deedId}`);
  box.append(el('p', { 'data-deed': idea.deedId }, draft.status === 200 ? `Kehittämisteko: ${draft.body.title} (luonnos, ei vielä julkaistu)` : 'Kehittämisteko on avattu, mutta sitä ei ole vielä julkaistu Tekojen torilla.'));
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
    const what: (string | Node)[] = [el('strong', {}, EVENT_FI[h.event] ?? h.event)];
    if (h.event === 'IdeaReviewStarted' && idea.reviewTeam) what.push(`: ${idea.reviewTeam}`);
    if (h.event === 'IdeaPilotStarted' && idea.pilot) what.push(`: ${idea.pilot.goal}`);
    if (h.reason) what.push(` — ${h.reason}`);
    entries.push({ at: h.at, node: el('li', { 'data-event': h.event }, el('time', { datetime: h.at }, fmtDate(h.at)), ' ', ...what, el('span', { class: 'who' }, ` · ${ROLE_FI[h.actorRole] ?? h.actorRole}`)) });
  }
  for (const c of idea.comments ?? []) {
    const node = el('li', { 'data-event': 'IdeaCommented' }, el('time', { datetime: c.at }, fmtDate(c.at)), ' ', el('strong', {}, EVENT_FI.IdeaCommented), `: ${c.text}`);
    // A comment's own photos, recordings and videos, under its text.
    const carried = attachments(c.media, token());
    if (carried) node.append(carried);
    entries.push({ at: c.at, node });
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  timeline.append(...entries.map((e) => e.node));
  const parts: Node[] = [el('h2', { id: 'detail-title', tabindex: '-1' }, idea.title), el('p', { class: 'meta' }, `${STAGE_FI[idea.stage]} · ${idea.unit} · ${SECTOR_FI[idea.sector] ?? idea.sector}`), el('p', {}, idea.description)];
  const media = attachments(idea.media, token());
  if (media) parts.push(el('h3', {}, 'Liitteet'), media);
  if (idea.pilot) parts.push(el('p', {}, `Pilotti: ${idea.pilot.goal} (${idea.pilot.startsOn}–${idea.pilot.endsOn})`));
  if (idea.result) parts.push(el('p', {}, `Tulos: ${typeof idea.result === 'string' ? idea.result : idea.result.summary ?? ''}`));
  if (idea.measurements?.length) parts.push(el('h3', {}, 'Mittaukset'), el('ul', { class: 'measurements' }, ...idea.measurements.map((m: any) => el('li', { class: 'measurement' }, `${m.metric}: ${m.value} (${m.measuredOn})`))));
  parts.push(el('h3', {}, 'Aikajana'), timeline, await lineage(idea));
  const action = actionForm(idea);
  if (action) parts.push(action);
  if (action && (action as any).extra) parts.push((action as any).extra);
  const reject = rejectForm(idea);
  if (reject) parts.push(reject);
  panel.replaceChildren(...parts);
  panel.hidden = false;
  $('#detail-title').focus();
}

const sector = $<HTMLSelectElement>('#f-sector');
for (const [v, l] of Object.entries(SECTOR_FI)) sector.append(el('option', { value: v }, l));
$('#filters').addEventListener('submit', (e) => {
  e.preventDefault();
  void load();
});
$('#board-prev').addEventListener('click', () => scrollBoard(-1));
$('#board-next').addEventListener('click', () => scrollBoard(1));
$('#board').addEventListener('scroll', updateBoardNav, { passive: true });
new ResizeObserver(updateBoardNav).observe($('#board'));
tokenForm(() => void load());
void load();
