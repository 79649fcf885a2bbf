// The board's merge of a duplicate: the change agent picks the idea this one repeats (similar ideas first), sees the
// two side by side, and merges the duplicate into it (its supports and comments live on there).
import { api, el, STAGE_FI, SECTOR_FI } from './common.mts';
import { problemMessage } from './messages.mts';

const MERGEABLE = ['submitted', 'inReview'];
const SURVIVING = ['submitted', 'inReview', 'piloting', 'adopted'];

function card(idea: any, heading: string): HTMLElement {
  return el('div', { class: 'side' }, el('h4', {}, heading), el('p', { class: 'side-title' }, el('strong', {}, idea.title)),
    el('p', { class: 'meta' }, `${STAGE_FI[idea.stage] ?? idea.stage} · ${idea.unit} · ${SECTOR_FI[idea.sector] ?? idea.sector} · kannatus ${idea.supportCount ?? 0}`),
    ...(idea.description ? [el('p', {}, idea.description)] : []));
}

/**
 * The merge form for an idea that can still be merged (submitted or in review), or nothing. `say` announces,
 * `done(survivorId)` redraws the board and shows the idea that lives on.
 */
export function mergeForm(idea: any, say: (text: string, ok?: boolean) => void, done: (survivorId: string) => Promise<void>): HTMLFormElement | undefined {
  if (!MERGEABLE.includes(idea.stage)) return undefined;
  const select = el('select', { id: 'merge-into', name: 'into', 'aria-describedby': 'merge-into-err' }, el('option', { value: '' }, 'Valitse idea…'));
  const error = el('p', { class: 'err', id: 'merge-into-err' });
  const compare = el('div', { class: 'compare', id: 'merge-compare', 'aria-live': 'polite' });
  const form = el('form', { class: 'action merge', 'aria-labelledby': 'merge-h', novalidate: '' }, el('h3', { id: 'merge-h' }, 'Yhdistä kaksoiskappale'),
    el('p', { class: 'meta' }, 'Jos sama idea on jo jätetty, yhdistä tämä siihen: kannatukset ja kommentit siirtyvät sille, ja lähettäjä saa tiedon.'),
    el('div', { class: 'field' }, el('label', { for: 'merge-into' }, 'Idea, johon tämä yhdistetään'), select, error), compare,
    el('button', { type: 'submit', class: 'danger' }, 'Yhdistä ideaan'));
  const others = new Map<string, any>();
  void (async () => {
    const [similar, all] = await Promise.all([
      api('GET', `/api/ideas/similar?${new URLSearchParams({ text: idea.title.slice(0, 300), limit: '5', organisation: idea.organisation })}`),
      api('GET', `/api/ideas?${new URLSearchParams({ organisation: idea.organisation, limit: '100' })}`),
    ]);
    const alike: any[] = similar.status === 200 ? similar.body.items : [];
    const rest: any[] = all.status === 200 ? all.body.items : [];
    const usable = (i: any) => i.id !== idea.id && SURVIVING.includes(i.stage);
    const group = (label: string, items: any[]) => el('optgroup', { label }, ...items.map((i) => el('option', { value: i.id }, i.title)));
    const first = alike.filter(usable);
    const then = rest.filter((i) => usable(i) && !first.some((s) => s.id === i.id));
    if (first.length) select.append(group('Samankaltaiset', first));
    if (then.length) select.append(group('Muut avoimet ideat', then));
  })();
  select.addEventListener('change', async () => {
    error.textContent = '';
    select.removeAttribute('aria-invalid');
    if (!select.value) return compare.replaceChildren();
    const other = others.get(select.value) ?? (await api('GET', `/api/ideas/${select.value}`)).body;
    others.set(select.value, other);
    compare.replaceChildren(card(idea, 'Kaksoiskappale (tämä)'), card(other, 'Jatkaa tällä ideana'));
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!select.value) {
      error.textContent = 'Valitse idea, johon tämä yhdistetään.';
      select.setAttribute('aria-invalid', 'true');
      select.focus();
      return say('Tarkista merkityt kentät.', false);
    }
    const into = select.value;
    const reply = await api('POST', `/api/ideas/${idea.id}/merge`, { into });
    if (reply.status !== 200) {
      error.textContent = problemMessage('fi', reply);
      select.setAttribute('aria-invalid', 'true');
      select.focus();
      return say(`Yhdistäminen epäonnistui: ${problemMessage('fi', reply)}`, false);
    }
    say(`”${idea.title}” yhdistettiin ideaan ”${others.get(into)?.title ?? ''}”.`);
    await done(into);
  });
  return form;
}
