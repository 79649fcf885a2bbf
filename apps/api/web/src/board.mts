// Change-agent board: the organisation's ideas in columns by stage; move an idea with the step its stage allows.
import { $, api, el, fmtDate, problem, say, STAGE_FI, SECTOR_FI, tokenForm } from './common.mts';

const ROLE_FI: Record<string, string> = { employee: 'työntekijä', 'change-agent': 'muutosagentti', admin: 'ylläpitäjä', 'org-editor': 'toimittaja' };
const COLUMNS = ['submitted', 'inReview', 'piloting', 'adopted', 'rejected'] as const;
const today = () => new Date().toISOString().slice(0, 10);

async function load() {
  const board = $('#board');
  board.setAttribute('aria-busy', 'true');
  const columns = await Promise.all(COLUMNS.map((stage) => api('GET', `/api/ideas?stage=${stage}&limit=100`)));
  const failed = columns.find((c) => c.status !== 200);
  if (failed) {
    board.replaceChildren();
    say(`Ideoita ei voitu hakea: ${problem(failed)}`, false);
    board.removeAttribute('aria-busy');
    return;
  }
  board.replaceChildren(
    ...COLUMNS.map((stage, i) => {
      const items: any[] = columns[i].body.items;
      const list = el('ul', { class: 'cards' });
      for (const item of items) {
        const open = el('button', { type: 'button', class: 'card-open', 'data-id': item.id }, item.title);
        open.addEventListener('click', () => void showIdea(item.id));
        list.append(el('li', { class: 'card', 'data-stage': stage }, open, el('div', { class: 'meta' }, `${item.unit} · ${SECTOR_FI[item.sector] ?? item.sector} · kannatus ${item.supportCount}`)));
      }
      return el('section', { class: 'column', 'data-stage': stage, 'aria-labelledby': `col-${stage}` }, el('h2', { id: `col-${stage}` }, `${STAGE_FI[stage]} `, el('span', { class: 'count' }, String(items.length))), list);
    }),
  );
  board.removeAttribute('aria-busy');
}

function input(label: string, name: string, attrs: Record<string, string> = {}) {
  const id = `a-${name}`;
  const tag = attrs.textarea ? el('textarea', { id, name, required: '' }) : el('input', { id, name, type: 'text', required: '', ...attrs });
  return el('div', { class: 'field' }, el('label', { for: id }, label), tag);
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
        input('Mittari', 'metric'), input('Yksikkö', 'unit', { required: '' }), input('Lähtötaso', 'baseline', { type: 'number', step: 'any' }), input('Tavoitetaso', 'target', { type: 'number', step: 'any' }),
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
        void act(idea, 'adopt', { result: (adopt.elements.namedItem('result') as HTMLTextAreaElement).value });
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
    void act(idea, step, body);
  });
  return form;
}

function rejectForm(idea: any): HTMLFormElement | undefined {
  if (!['submitted', 'inReview', 'piloting'].includes(idea.stage)) return undefined;
  const form = el('form', { class: 'action reject' }, el('h3', {}, 'Hylkää'), input('Perustelu', 'reason', { textarea: '1' }), el('button', { type: 'submit', class: 'danger' }, 'Hylkää'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(idea, 'reject', { reason: (form.elements.namedItem('reason') as HTMLTextAreaElement).value });
  });
  return form;
}

async function act(idea: any, step: string, body: unknown) {
  const reply = await api('POST', `/api/ideas/${idea.id}/${step}`, body);
  if (reply.status !== 200) return say(`Toiminto epäonnistui: ${problem(reply)}`, false);
  say(`”${idea.title}”: ${STAGE_FI[reply.body.stage] ?? reply.body.stage}`);
  await load();
  await showIdea(idea.id);
}

async function showIdea(id: string) {
  const panel = $('#detail');
  const reply = await api('GET', `/api/ideas/${id}`);
  if (reply.status !== 200) return say(problem(reply), false);
  const idea = reply.body;
  const timeline = el('ol', { class: 'timeline' });
  for (const h of idea.history) timeline.append(el('li', {}, el('time', { datetime: h.at }, fmtDate(h.at)), ` ${STAGE_FI[h.stage] ?? h.stage}`, h.actorRole ? ` · ${ROLE_FI[h.actorRole] ?? h.actorRole}` : '', h.reason ? ` — ${h.reason}` : ''));
  for (const m of idea.measurements ?? []) timeline.append(el('li', { class: 'measurement' }, `Mittaus ${m.metric}: ${m.value} (${m.measuredOn})`));
  const parts: Node[] = [el('h2', { id: 'detail-title', tabindex: '-1' }, idea.title), el('p', { class: 'meta' }, `${STAGE_FI[idea.stage]} · ${idea.unit} · ${SECTOR_FI[idea.sector] ?? idea.sector}`), el('p', {}, idea.description)];
  if (idea.pilot) parts.push(el('p', {}, `Pilotti: ${idea.pilot.goal} (${idea.pilot.startsOn}–${idea.pilot.endsOn})`));
  if (idea.result) parts.push(el('p', {}, `Tulos: ${typeof idea.result === 'string' ? idea.result : idea.result.summary ?? ''}`));
  parts.push(el('h3', {}, 'Aikajana'), timeline);
  const action = actionForm(idea);
  if (action) parts.push(action);
  if (action && (action as any).extra) parts.push((action as any).extra);
  const reject = rejectForm(idea);
  if (reject) parts.push(reject);
  panel.replaceChildren(...parts);
  panel.hidden = false;
  $('#detail-title').focus();
}

tokenForm(() => void load());
void load();
