// Deed editor: the organisation's deeds by state, writing and editing a deed (aim, achieved, metrics with units and
// baselines, themes, media), a preview as Tekojen tori will show it, publishing, revising with If-Match (a conflict is
// shown field by field and resolved either way), unpublishing with a reason, and the ideas a deed came from.
import { $, api, el, tokenForm } from './common.mts';
import { problemMessage } from './messages.mts';
import { DAY_HINT, dayInputAttrs, fmtDayInput, parseDay } from './i18n.mts';
import { fmtDate, fmtNumber, lang, pageBell, say, SECTORS, setupPage, showFieldErrors, type Lang } from './page.mts';

const T = {
  fi: {
    title: 'Tekojen toimitus', language: 'Kieli', deeds: 'Organisaation teot', newDeed: 'Uusi teko', none: 'Ei tekoja.', loading: 'Ladataan…',
    status: { draft: 'Luonnokset', published: 'Julkaistut', unpublished: 'Poistettu julkaisusta' } as Record<string, string>,
    revision: (n: number) => `versio ${n}`, updated: (d: string) => `muutettu ${d}`, edit: (t: string) => `Muokkaa: ${t}`,
    ideas: 'Käyttöön otetut ideat', ideasNote: 'Käyttöön otetusta ideasta voi avata teon luonnoksen; teko kertoo torilla, mistä se sai alkunsa.', noIdeas: 'Ei käyttöön otettuja ideoita.',
    openFromIdea: (t: string) => `Avaa teko ideasta: ${t}`, opened: 'Luonnos avattu ideasta.', ideaHasDeed: 'Ideasta on jo avattu teko: muokkaa sitä.',
    write: 'Uusi teko', editing: (t: string) => `Teko: ${t}`, stateLine: (s: string, v: number, r: number) => `Tila: ${s} · julkaistu versio ${r} · muutos ${v}`,
    stateName: { draft: 'luonnos', published: 'julkaistu', unpublished: 'poistettu julkaisusta' } as Record<string, string>,
    f: {
      title: 'Otsikko', aim: 'Tavoite: mihin kehittämisellä pyrittiin', achieved: 'Saavutettu: mitä saatiin aikaan', unit: 'Yksikkö', sector: 'Toimiala', themes: 'Teemat',
      themesHint: 'Erota pilkulla, esim. digitalisaatio, ympäristö', size: 'Koko', scope: 'Laajuus', participants: 'Keitä oli mukana', periodFrom: 'Alkoi', periodTo: 'Päättyi (valinnainen)', contentLanguage: 'Teon kieli',
    },
    sizes: { small: 'Pieni', large: 'Suuri' } as Record<string, string>,
    scopes: { unit: 'Yksikkö', sector: 'Toimiala', 'whole-organisation': 'Koko organisaatio' } as Record<string, string>,
    participants: { management: 'Johto', supervisors: 'Esihenkilöt', staff: 'Henkilöstö', customers: 'Asiakkaat' } as Record<string, string>,
    languages: { fi: 'suomi', sv: 'ruotsi', en: 'englanti' } as Record<string, string>,
    metrics: 'Mittarit', metric: (n: number) => `Mittari ${n}`, metricName: 'Mittari', metricValue: 'Tulos', metricUnit: 'Yksikkö (esim. %, min)', metricBaseline: 'Lähtötaso (valinnainen)',
    addMetric: 'Lisää mittari', removeMetric: (n: number) => `Poista mittari ${n}`,
    media: 'Kuvat, äänet ja videot', mediaHint: 'Lisää vain tarkoituksella valittu aineisto, jonka saa julkaista; osoite alkaa https://.', mediaItem: (n: number) => `Aineisto ${n}`,
    mediaKind: 'Laji', kinds: { image: 'Kuva', audio: 'Ääni', video: 'Video' } as Record<string, string>, mediaUrl: 'Osoite', mediaCaption: 'Kuvateksti (valinnainen)', addMedia: 'Lisää aineisto', removeMedia: (n: number) => `Poista aineisto ${n}`,
    required: 'pakollinen', saveDraft: 'Tallenna luonnos', saveRevision: 'Julkaise uusi versio', preview: 'Esikatsele', publish: 'Julkaise torilla', close: 'Sulje',
    saved: 'Luonnos tallennettu.', revised: (n: number) => `Uusi versio ${n} julkaistu torilla.`, published: 'Teko julkaistu Tekojen torilla.', unpublished: 'Teko poistettu julkaisusta.',
    fix: 'Tarkista merkityt kentät.', failed: 'Toiminto epäonnistui',
    unpublish: 'Poista julkaisusta', reason: 'Perustelu (näkyy toimittajille)', unpublishSend: 'Poista julkaisusta', reasonRequired: 'Kirjoita perustelu.',
    conflict: 'Joku muu tallensi teon sillä välin', conflictExplain: (v: number) => `Teko on muuttunut sen jälkeen, kun avasit sen (nyt muutos ${v}). Kumpaakaan ei ole tallennettu päälle. Vertaa ja valitse:`,
    theirs: 'Tallennettu versio', mine: 'Sinun muutoksesi', keepMine: 'Tallenna omani tallennetun päälle', takeTheirs: 'Hylkää omani ja lataa tallennettu', noDiff: 'Sisältö on sama; tallenna uudelleen.',
    previewHeading: 'Esikatselu: näin teko näkyy Tekojen torilla', aim: 'Tavoite', achieved: 'Saavutettu', themesH: 'Teemat', mediaH: 'Aineisto',
    lineage: 'Taustalla', idea: (t: string, s: string) => `Idea: ${t} (${s})`, ideaStage: { adopted: 'käyttöönotettu', piloting: 'pilotissa', inReview: 'arvioinnissa', submitted: 'lähetetty' } as Record<string, string>,
    reasonShown: (r: string, d: string) => `Poistettu julkaisusta ${d}: ${r}`,
  },
  sv: {
    title: 'Redigering av insatser', language: 'Språk', deeds: 'Organisationens insatser', newDeed: 'Ny insats', none: 'Inga insatser.', loading: 'Laddar…',
    status: { draft: 'Utkast', published: 'Publicerade', unpublished: 'Avpublicerade' } as Record<string, string>,
    revision: (n: number) => `version ${n}`, updated: (d: string) => `ändrad ${d}`, edit: (t: string) => `Redigera: ${t}`,
    ideas: 'Idéer som tagits i bruk', ideasNote: 'Av en idé som tagits i bruk kan du öppna ett utkast till en insats; insatsen visar på torget var den började.', noIdeas: 'Inga idéer som tagits i bruk.',
    openFromIdea: (t: string) => `Öppna en insats av idén: ${t}`, opened: 'Utkastet har öppnats av idén.', ideaHasDeed: 'Idén har redan en insats: redigera den.',
    write: 'Ny insats', editing: (t: string) => `Insats: ${t}`, stateLine: (s: string, v: number, r: number) => `Status: ${s} · publicerad version ${r} · ändring ${v}`,
    stateName: { draft: 'utkast', published: 'publicerad', unpublished: 'avpublicerad' } as Record<string, string>,
    f: {
      title: 'Rubrik', aim: 'Mål: vad utvecklingen siktade på', achieved: 'Uppnått: vad som åstadkoms', unit: 'Enhet', sector: 'Sektor', themes: 'Teman',
      themesHint: 'Skilj med kommatecken, t.ex. digitalisering, miljö', size: 'Storlek', scope: 'Omfattning', participants: 'Vilka deltog', periodFrom: 'Började', periodTo: 'Slutade (valfritt)', contentLanguage: 'Insatsens språk',
    },
    sizes: { small: 'Liten', large: 'Stor' } as Record<string, string>,
    scopes: { unit: 'Enhet', sector: 'Sektor', 'whole-organisation': 'Hela organisationen' } as Record<string, string>,
    participants: { management: 'Ledningen', supervisors: 'Chefer', staff: 'Personalen', customers: 'Kunderna' } as Record<string, string>,
    languages: { fi: 'finska', sv: 'svenska', en: 'engelska' } as Record<string, string>,
    metrics: 'Mätare', metric: (n: number) => `Mätare ${n}`, metricName: 'Mätare', metricValue: 'Resultat', metricUnit: 'Enhet (t.ex. %, min)', metricBaseline: 'Utgångsnivå (valfri)',
    addMetric: 'Lägg till mätare', removeMetric: (n: number) => `Ta bort mätare ${n}`,
    media: 'Bilder, ljud och videor', mediaHint: 'Lägg bara till material som valts med avsikt och får publiceras; adressen börjar med https://.', mediaItem: (n: number) => `Material ${n}`,
    mediaKind: 'Typ', kinds: { image: 'Bild', audio: 'Ljud', video: 'Video' } as Record<string, string>, mediaUrl: 'Adress', mediaCaption: 'Bildtext (valfri)', addMedia: 'Lägg till material', removeMedia: (n: number) => `Ta bort material ${n}`,
    required: 'obligatorisk', saveDraft: 'Spara utkastet', saveRevision: 'Publicera en ny version', preview: 'Förhandsgranska', publish: 'Publicera på torget', close: 'Stäng',
    saved: 'Utkastet har sparats.', revised: (n: number) => `Ny version ${n} har publicerats på torget.`, published: 'Insatsen har publicerats på torget.', unpublished: 'Insatsen har avpublicerats.',
    fix: 'Kontrollera de markerade fälten.', failed: 'Åtgärden misslyckades',
    unpublish: 'Avpublicera', reason: 'Motivering (syns för redaktörerna)', unpublishSend: 'Avpublicera', reasonRequired: 'Skriv en motivering.',
    conflict: 'Någon annan sparade insatsen under tiden', conflictExplain: (v: number) => `Insatsen har ändrats sedan du öppnade den (nu ändring ${v}). Inget har skrivits över. Jämför och välj:`,
    theirs: 'Sparad version', mine: 'Dina ändringar', keepMine: 'Spara min version över den sparade', takeTheirs: 'Kasta mina ändringar och ladda den sparade', noDiff: 'Innehållet är detsamma; spara igen.',
    previewHeading: 'Förhandsgranskning: så här visas insatsen på torget', aim: 'Mål', achieved: 'Uppnått', themesH: 'Teman', mediaH: 'Material',
    lineage: 'Bakgrund', idea: (t: string, s: string) => `Idé: ${t} (${s})`, ideaStage: { adopted: 'tagen i bruk', piloting: 'i pilot', inReview: 'under bedömning', submitted: 'inlämnad' } as Record<string, string>,
    reasonShown: (r: string, d: string) => `Avpublicerad ${d}: ${r}`,
  },
  en: {
    title: 'Deed editor', language: 'Language', deeds: "The organisation's deeds", newDeed: 'New deed', none: 'No deeds.', loading: 'Loading…',
    status: { draft: 'Drafts', published: 'Published', unpublished: 'Unpublished' } as Record<string, string>,
    revision: (n: number) => `revision ${n}`, updated: (d: string) => `changed ${d}`, edit: (t: string) => `Edit: ${t}`,
    ideas: 'Adopted ideas', ideasNote: 'An adopted idea can open a deed draft; in the catalogue the deed shows where it began.', noIdeas: 'No adopted ideas.',
    openFromIdea: (t: string) => `Open a deed from the idea: ${t}`, opened: 'Draft opened from the idea.', ideaHasDeed: 'The idea already has a deed: edit that one.',
    write: 'New deed', editing: (t: string) => `Deed: ${t}`, stateLine: (s: string, v: number, r: number) => `State: ${s} · published revision ${r} · change ${v}`,
    stateName: { draft: 'draft', published: 'published', unpublished: 'unpublished' } as Record<string, string>,
    f: {
      title: 'Title', aim: 'Aim: what the development set out to do', achieved: 'Achieved: what came of it', unit: 'Unit', sector: 'Sector', themes: 'Themes',
      themesHint: 'Separate with commas, e.g. digitalisation, environment', size: 'Size', scope: 'Scope', participants: 'Who took part', periodFrom: 'Started', periodTo: 'Ended (optional)', contentLanguage: "The deed's language",
    },
    sizes: { small: 'Small', large: 'Large' } as Record<string, string>,
    scopes: { unit: 'Unit', sector: 'Sector', 'whole-organisation': 'Whole organisation' } as Record<string, string>,
    participants: { management: 'Management', supervisors: 'Supervisors', staff: 'Staff', customers: 'Customers' } as Record<string, string>,
    languages: { fi: 'Finnish', sv: 'Swedish', en: 'English' } as Record<string, string>,
    metrics: 'Metrics', metric: (n: number) => `Metric ${n}`, metricName: 'Metric', metricValue: 'Result', metricUnit: 'Unit (e.g. %, min)', metricBaseline: 'Baseline (optional)',
    addMetric: 'Add a metric', removeMetric: (n: number) => `Remove metric ${n}`,
    media: 'Images, audio and video', mediaHint: 'Add only material chosen on purpose that may be published; the address starts with https://.', mediaItem: (n: number) => `Item ${n}`,
    mediaKind: 'Kind', kinds: { image: 'Image', audio: 'Audio', video: 'Video' } as Record<string, string>, mediaUrl: 'Address', mediaCaption: 'Caption (optional)', addMedia: 'Add an item', removeMedia: (n: number) => `Remove item ${n}`,
    required: 'required', saveDraft: 'Save draft', saveRevision: 'Publish a new revision', preview: 'Preview', publish: 'Publish in the catalogue', close: 'Close',
    saved: 'Draft saved.', revised: (n: number) => `Revision ${n} published in the catalogue.`, published: 'The deed is published in Tekojen tori.', unpublished: 'The deed is unpublished.',
    fix: 'Please check the marked fields.', failed: 'The action failed',
    unpublish: 'Unpublish', reason: 'Reason (shown to editors)', unpublishSend: 'Unpublish', reasonRequired: 'Write a reason.',
    conflict: 'Someone else saved the deed meanwhile', conflictExplain: (v: number) => `The deed has changed since you opened it (now change ${v}). Nothing was overwritten. Compare and choose:`,
    theirs: 'Saved version', mine: 'Your changes', keepMine: 'Save mine over the saved one', takeTheirs: 'Discard mine and load the saved one', noDiff: 'The content is the same; save again.',
    previewHeading: 'Preview: how Tekojen tori will show the deed', aim: 'Aim', achieved: 'Achieved', themesH: 'Themes', mediaH: 'Media',
    lineage: 'Where it began', idea: (t: string, s: string) => `Idea: ${t} (${s})`, ideaStage: { adopted: 'adopted', piloting: 'piloting', inReview: 'in review', submitted: 'submitted' } as Record<string, string>,
    reasonShown: (r: string, d: string) => `Unpublished ${d}: ${r}`,
  },
} satisfies Record<Lang, unknown>;
const t = T[lang];
const SECTOR = SECTORS[lang];
const STATES = ['draft', 'published', 'unpublished'] as const;
const FIELDS = ['title', 'aim', 'achieved', 'unit', 'sector', 'themes', 'size', 'scope', 'participants', 'periodFrom', 'periodTo', 'language', 'metrics', 'media'] as const;

interface Metric { name: string; value: number | null; unit?: string; baseline?: number | null }
interface Media { kind: string; url: string; caption?: string }
interface Content {
  title: string; aim: string; achieved: string; unit: string; sector: string; themes: string[]; size: string; scope: string; participants: string[];
  periodFrom: string; periodTo?: string; language: string; metrics: Metric[]; media: Media[];
}

/** The deed in the form: its id and version once saved (the version goes out as If-Match), and what was loaded. */
let current: { id: string; version: number; status: string; revision: number; ideaIds: string[]; loaded: Content; deed: any } | null = null;

const blank = (): Content => ({ title: '', aim: '', achieved: '', unit: '', sector: '', themes: [], size: 'small', scope: 'unit', participants: [], periodFrom: '', language: lang, metrics: [], media: [] });
const contentOf = (d: any): Content => ({
  title: d.title, aim: d.aim, achieved: d.achieved, unit: d.unit, sector: d.sector, themes: d.themes ?? [], size: d.size, scope: d.scope, participants: d.participants ?? [],
  periodFrom: d.periodFrom ?? '', ...(d.periodTo ? { periodTo: d.periodTo } : {}), language: d.language ?? 'fi',
  metrics: (d.metrics ?? []).map((m: any) => ({ name: m.name, value: m.value, ...(m.unit ? { unit: m.unit } : {}), ...(m.baseline !== undefined && m.baseline !== null ? { baseline: m.baseline } : {}) })),
  media: (d.media ?? []).map((m: any) => ({ kind: m.kind, url: m.url, ...(m.caption ? { caption: m.caption } : {}) })),
});

// ---------------------------------------------------------------------------------------------
// The desk: deeds by state, adopted ideas
// ---------------------------------------------------------------------------------------------

async function loadDesk() {
  const box = $('#deed-lists');
  box.setAttribute('aria-busy', 'true');
  const reply = await api('GET', '/api/deeds?limit=100');
  box.removeAttribute('aria-busy');
  if (reply.status !== 200) {
    box.replaceChildren();
    return say(problemMessage(lang, reply), false);
  }
  const items: any[] = reply.body.items;
  box.replaceChildren(
    ...STATES.map((state) => {
      const mine = items.filter((d) => d.status === state);
      const id = `state-${state}`;
      return el('section', { class: 'state', 'aria-labelledby': id, 'data-state': state }, el('h3', { id }, `${t.status[state]} (${mine.length})`),
        mine.length
          ? el('ul', { class: 'plain' }, ...mine.map((d) => {
              const open = el('button', { type: 'button', class: 'link', 'aria-label': t.edit(d.title) }, d.title);
              open.addEventListener('click', () => void openDeed(d.id));
              return el('li', {}, open, el('span', { class: 'meta' }, ` ${d.revision ? `${t.revision(d.revision)} · ` : ''}${t.updated(fmtDate(d.updatedAt))}`));
            }))
          : el('p', { class: 'meta' }, t.none));
    }),
  );
  void loadIdeas();
}

async function loadIdeas() {
  const list = $('#adopted');
  const reply = await api('GET', '/api/ideas?stage=adopted&limit=50');
  if (reply.status !== 200) return list.replaceChildren();
  const items: any[] = reply.body.items ?? [];
  list.replaceChildren(...(items.length ? items.map((idea) => {
    const open = el('button', { type: 'button', class: 'secondary' }, t.openFromIdea(idea.title));
    open.addEventListener('click', () => void openFromIdea(idea.id));
    return el('li', {}, open);
  }) : [el('li', { class: 'meta' }, t.noIdeas)]));
}

async function openFromIdea(ideaId: string) {
  const reply = await api('POST', `/api/ideas/${ideaId}/deed`);
  if (reply.status === 409 && /deed-exists/.test(`${reply.body?.type ?? ''} ${reply.body?.code ?? ''}`)) return say(t.ideaHasDeed, false);
  if (reply.status !== 201) return say(`${t.failed}: ${problemMessage(lang, reply)}`, false);
  await openDeed(reply.body.id, reply.body.consistencyToken);
  await loadDesk();
  say(t.opened);
}

async function openDeed(id: string, consistency?: string) {
  const reply = await api('GET', `/api/deeds/${id}`, undefined, consistency ? { 'x-consistency-token': consistency } : {});
  if (reply.status !== 200) return say(problemMessage(lang, reply), false);
  const d = reply.body;
  current = { id: d.id, version: d.version, status: d.status, revision: d.revision, ideaIds: d.ideaIds ?? [], loaded: contentOf(d), deed: d };
  renderEditor(current.loaded);
  $('#preview').hidden = true;
  $('#editor-h').focus();
}

function newDeed() {
  current = null;
  renderEditor(blank());
  $('#preview').hidden = true;
  $('#editor-h').focus();
}

// ---------------------------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------------------------

const err = (name: string) => el('p', { class: 'err', id: `e-${name}`, 'data-error-for': name });
const label = (forId: string, text: string, required = false) => el('label', { for: forId }, text, ...(required ? [' ', el('span', { class: 'req' }, `(${t.required})`)] : []));

function input(name: string, text: string, value: string, attrs: Record<string, string> = {}, required = true) {
  const control = el('input', { id: `d-${name}`, name, type: 'text', 'data-field': name, 'aria-describedby': `e-${name}`, ...(required ? { 'aria-required': 'true' } : {}), ...attrs });
  control.value = value;
  return el('div', { class: 'field' }, label(`d-${name}`, text, required), control, err(name));
}
/** A day field: the Finnish form (31.12.2026) or 2026-12-31, with the format said beneath (never the browser's mm/dd/yyyy). */
function dayInput(name: string, text: string, value: string, required = true) {
  const control = el('input', { ...dayInputAttrs(`d-${name}`), id: `d-${name}`, name, 'data-field': name, 'aria-describedby': `d-${name}-hint e-${name}`, ...(required ? { 'aria-required': 'true' } : {}) });
  control.value = value ? fmtDayInput(value) : '';
  return el('div', { class: 'field' }, label(`d-${name}`, text, required), control, el('p', { class: 'hint', id: `d-${name}-hint` }, DAY_HINT[lang]), err(name));
}
/** What a day field holds, as the API takes it (YYYY-MM-DD); anything unreadable as typed, so the API names the field. */
const dayValue = (typed: string) => (typed.trim() ? (parseDay(typed) ?? typed.trim()) : '');
function textarea(name: string, text: string, value: string) {
  const control = el('textarea', { id: `d-${name}`, name, rows: '4', 'data-field': name, 'aria-describedby': `e-${name}`, 'aria-required': 'true' });
  control.value = value;
  return el('div', { class: 'field' }, label(`d-${name}`, text, true), control, err(name));
}
function select(name: string, text: string, options: Record<string, string>, value: string, empty = false) {
  const control = el('select', { id: `d-${name}`, name, 'data-field': name, 'aria-describedby': `e-${name}`, 'aria-required': 'true' },
    ...(empty ? [el('option', { value: '' }, '–')] : []), ...Object.entries(options).map(([k, v]) => el('option', { value: k }, v)));
  control.value = value;
  return el('div', { class: 'field' }, label(`d-${name}`, text, true), control, err(name));
}

function metricRow(m: Metric, list: HTMLElement) {
  const row = el('fieldset', { class: 'row metric' });
  const n = () => [...list.children].indexOf(row) + 1;
  const legend = el('legend', {});
  const f = (key: string, text: string, value: string, type = 'text') => {
    const id = `m-${Math.random().toString(36).slice(2)}`;
    const control = el('input', { id, type, 'data-metric': key, ...(type === 'number' ? { step: 'any', inputmode: 'decimal' } : {}) });
    control.value = value;
    return el('div', { class: 'field' }, el('label', { for: id }, text), control);
  };
  const remove = el('button', { type: 'button', class: 'secondary' });
  row.append(legend, f('name', t.metricName, m.name), f('baseline', t.metricBaseline, m.baseline == null ? '' : String(m.baseline), 'number'),
    f('value', t.metricValue, m.value == null ? '' : String(m.value), 'number'), f('unit', t.metricUnit, m.unit ?? ''), remove);
  remove.addEventListener('click', () => {
    row.remove();
    renumber(list);
    $<HTMLButtonElement>('#add-metric').focus();
  });
  list.append(row);
  renumber(list);
  return row;
}
function mediaRow(m: Media, list: HTMLElement) {
  const row = el('fieldset', { class: 'row media' });
  const legend = el('legend', {});
  const id = () => `x-${Math.random().toString(36).slice(2)}`;
  const kindId = id();
  const kind = el('select', { id: kindId, 'data-media': 'kind' }, ...Object.entries(t.kinds).map(([k, v]) => el('option', { value: k }, v)));
  kind.value = m.kind;
  const urlId = id();
  const url = el('input', { id: urlId, type: 'url', 'data-media': 'url', inputmode: 'url' });
  url.value = m.url;
  const capId = id();
  const caption = el('input', { id: capId, type: 'text', 'data-media': 'caption' });
  caption.value = m.caption ?? '';
  const remove = el('button', { type: 'button', class: 'secondary' });
  row.append(legend, el('div', { class: 'field' }, el('label', { for: kindId }, t.mediaKind), kind), el('div', { class: 'field' }, el('label', { for: urlId }, t.mediaUrl), url),
    el('div', { class: 'field' }, el('label', { for: capId }, t.mediaCaption), caption), remove);
  remove.addEventListener('click', () => {
    row.remove();
    renumber(list);
    $<HTMLButtonElement>('#add-media').focus();
  });
  list.append(row);
  renumber(list);
  return row;
}
function renumber(list: HTMLElement) {
  const metric = list.id === 'metric-list';
  [...list.children].forEach((row, i) => {
    row.querySelector('legend')!.textContent = metric ? t.metric(i + 1) : t.mediaItem(i + 1);
    row.querySelector('button')!.textContent = metric ? t.removeMetric(i + 1) : t.removeMedia(i + 1);
  });
}

function renderEditor(c: Content) {
  const box = $('#editor');
  const heading = el('h2', { id: 'editor-h', tabindex: '-1' }, current ? t.editing(current.loaded.title) : t.write);
  const parts: Node[] = [heading];
  if (current) {
    parts.push(el('p', { class: 'meta', id: 'deed-state', 'data-status': current.status }, t.stateLine(t.stateName[current.status] ?? current.status, current.version, current.revision)));
    if (current.status === 'unpublished' && current.deed.unpublishReason) parts.push(el('p', { class: 'note' }, t.reasonShown(current.deed.unpublishReason, fmtDate(current.deed.unpublishedAt))));
  }
  const participants = el('fieldset', { class: 'field choices', 'data-field': 'participants', 'aria-describedby': 'e-participants' },
    el('legend', {}, t.f.participants, ' ', el('span', { class: 'req' }, `(${t.required})`)),
    ...Object.entries(t.participants).map(([k, v]) => {
      const box = el('input', { type: 'checkbox', id: `p-${k}`, value: k, name: 'participants' });
      box.checked = c.participants.includes(k);
      return el('div', { class: 'check' }, box, el('label', { for: `p-${k}` }, v));
    }), err('participants'));
  const metricList = el('div', { id: 'metric-list' });
  const mediaList = el('div', { id: 'media-list' });
  const addMetric = el('button', { type: 'button', id: 'add-metric', class: 'secondary' }, t.addMetric);
  addMetric.addEventListener('click', () => metricRow({ name: '', value: null }, metricList).querySelector('input')!.focus());
  const addMedia = el('button', { type: 'button', id: 'add-media', class: 'secondary' }, t.addMedia);
  addMedia.addEventListener('click', () => mediaRow({ kind: 'image', url: '' }, mediaList).querySelector('select')!.focus());
  const published = current?.status === 'published';
  const save = el('button', { type: 'submit', id: 'save' }, published ? t.saveRevision : t.saveDraft);
  const preview = el('button', { type: 'button', id: 'show-preview', class: 'secondary' }, t.preview);
  preview.addEventListener('click', () => showPreview());
  const buttons = el('div', { class: 'buttons' }, save, preview);
  if (current && !published) {
    const publish = el('button', { type: 'button', id: 'publish' }, t.publish);
    publish.addEventListener('click', () => void publishDeed());
    buttons.append(publish);
  }
  const form = el('form', { id: 'deed-form', novalidate: '', 'aria-labelledby': 'editor-h' },
    input('title', t.f.title, c.title, { maxlength: '200' }),
    textarea('aim', t.f.aim, c.aim), textarea('achieved', t.f.achieved, c.achieved),
    el('div', { class: 'pair' }, input('unit', t.f.unit, c.unit), select('sector', t.f.sector, SECTOR, c.sector, true)),
    el('div', { class: 'field' }, label('d-themes', t.f.themes), (() => {
      const i = el('input', { id: 'd-themes', type: 'text', 'data-field': 'themes', 'aria-describedby': 'hint-themes e-themes' });
      i.value = c.themes.join(', ');
      return i;
    })(), el('p', { class: 'meta', id: 'hint-themes' }, t.f.themesHint), err('themes')),
    el('div', { class: 'pair' }, select('size', t.f.size, t.sizes, c.size), select('scope', t.f.scope, t.scopes, c.scope)),
    participants,
    el('div', { class: 'pair' }, dayInput('periodFrom', t.f.periodFrom, c.periodFrom), dayInput('periodTo', t.f.periodTo, c.periodTo ?? '', false)),
    select('language', t.f.contentLanguage, t.languages, c.language),
    el('fieldset', { class: 'field group', 'data-field': 'metrics', 'aria-describedby': 'e-metrics' }, el('legend', {}, t.metrics), metricList, addMetric, err('metrics')),
    el('fieldset', { class: 'field group', 'data-field': 'media', 'aria-describedby': 'hint-media e-media' }, el('legend', {}, t.media), el('p', { class: 'meta', id: 'hint-media' }, t.mediaHint), mediaList, addMedia, err('media')),
    buttons);
  for (const m of c.metrics) metricRow(m, metricList);
  for (const m of c.media) mediaRow(m, mediaList);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void saveDeed();
  });
  parts.push(form, el('div', { id: 'conflict' }));
  if (current && published) parts.push(unpublishForm());
  if (current?.ideaIds.length) parts.push(lineageBox(current.ideaIds));
  const close = el('button', { type: 'button', class: 'secondary', id: 'close-editor' }, t.close);
  close.addEventListener('click', () => {
    box.hidden = true;
    $('#preview').hidden = true;
    current = null;
    $<HTMLButtonElement>('#new-deed').focus();
  });
  parts.push(close);
  box.replaceChildren(...parts);
  box.hidden = false;
}

function unpublishForm(): HTMLFormElement {
  const reason = el('textarea', { id: 'u-reason', rows: '2', 'data-field': 'reason', 'aria-describedby': 'e-reason', 'aria-required': 'true' });
  const form = el('form', { class: 'action', id: 'unpublish-form', novalidate: '', 'aria-labelledby': 'unpublish-h' }, el('h3', { id: 'unpublish-h' }, t.unpublish),
    el('div', { class: 'field' }, label('u-reason', t.reason, true), reason, err('reason')), el('button', { type: 'submit', class: 'danger' }, t.unpublishSend));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!reason.value.trim()) {
      showFieldErrors(form, [{ field: 'reason', message: 'reason should not be empty' }]);
      return say(t.reasonRequired, false);
    }
    void command('unpublish', { reason: reason.value }, t.unpublished, form);
  });
  return form;
}

function lineageBox(ideaIds: string[]): HTMLElement {
  const list = el('ul', { class: 'timeline' });
  const box = el('section', { class: 'lineage', 'aria-labelledby': 'lineage-h' }, el('h3', { id: 'lineage-h' }, t.lineage), list);
  void Promise.all(ideaIds.map((id) => api('GET', `/api/ideas/${id}`))).then((replies) =>
    list.replaceChildren(...replies.map((r, i) => el('li', {}, r.status === 200 ? t.idea(r.body.title, t.ideaStage[r.body.stage] ?? r.body.stage) : ideaIds[i]))));
  return box;
}

/** What the form says now, as the API takes it. */
function collect(): Content {
  const v = (name: string) => $<HTMLInputElement>(`#d-${name}`).value;
  const num = (s: string) => (s.trim() === '' ? null : Number(s));
  const metrics = [...document.querySelectorAll<HTMLElement>('#metric-list .metric')].map((row) => {
    const f = (k: string) => row.querySelector<HTMLInputElement>(`[data-metric=${k}]`)!.value;
    const baseline = num(f('baseline'));
    return { name: f('name').trim(), value: num(f('value')), ...(f('unit').trim() ? { unit: f('unit').trim() } : {}), ...(baseline !== null ? { baseline } : {}) };
  });
  const media = [...document.querySelectorAll<HTMLElement>('#media-list .media')].map((row) => {
    const f = (k: string) => row.querySelector<HTMLInputElement>(`[data-media=${k}]`)!.value.trim();
    return { kind: f('kind'), url: f('url'), ...(f('caption') ? { caption: f('caption') } : {}) };
  });
  return {
    title: v('title').trim(), aim: v('aim'), achieved: v('achieved'), unit: v('unit').trim(), sector: v('sector'),
    themes: v('themes').split(',').map((s) => s.trim()).filter(Boolean), size: v('size'), scope: v('scope'),
    participants: [...document.querySelectorAll<HTMLInputElement>('input[name=participants]:checked')].map((b) => b.value),
    periodFrom: dayValue(v('periodFrom')), ...(v('periodTo') ? { periodTo: dayValue(v('periodTo')) } : {}), language: v('language'), metrics, media,
  };
}

/** Checks in the page what the API would refuse anyway, so the person sees it at once under the field. */
function localErrors(c: Content): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (c.title.length < 3) errors.push({ field: 'title', message: c.title ? 'title must be longer than or equal to 3 characters' : 'title should not be empty' });
  for (const k of ['aim', 'achieved', 'unit', 'sector', 'periodFrom'] as const) if (!String(c[k]).trim()) errors.push({ field: k, message: `${k} should not be empty` });
  if (!c.participants.length) errors.push({ field: 'participants', message: 'participants must name at least 1 group' });
  c.metrics.forEach((m, i) => {
    if (!m.name) errors.push({ field: `metrics[${i}].name`, message: 'name should not be empty' });
    if (m.value === null || Number.isNaN(m.value)) errors.push({ field: `metrics[${i}].value`, message: 'value must be a number' });
  });
  c.media.forEach((m, i) => {
    if (!/^https?:\/\/\S+$/.test(m.url)) errors.push({ field: `media[${i}].url`, message: 'url must be an http(s) address' });
  });
  return errors;
}

async function saveDeed(): Promise<boolean> {
  const form = $<HTMLFormElement>('#deed-form');
  const content = collect();
  const local = localErrors(content);
  showFieldErrors(form, local);
  if (local.length) {
    say(t.fix, false);
    return false;
  }
  const wasPublished = current?.status === 'published';
  const reply = current
    ? await api('PUT', `/api/deeds/${current.id}`, content, { 'if-match': `"${current.version}"` })
    : await api('POST', '/api/deeds', content);
  if (reply.status === 412) {
    await showConflict(content);
    return false;
  }
  if (reply.status !== 200 && reply.status !== 201) {
    say(showFieldErrors(form, reply.body?.errors ?? []) ? t.fix : `${t.failed}: ${problemMessage(lang, reply)}`, false);
    return false;
  }
  await openDeed(reply.body.id, reply.body.consistencyToken);
  void loadDesk();
  say(wasPublished ? t.revised(reply.body.revision) : t.saved);
  return true;
}

async function publishDeed() {
  if (!current) return;
  // Unsaved changes are saved first, so what is published is what the person sees.
  if (JSON.stringify(collect()) !== JSON.stringify(current.loaded) && !(await saveDeed())) return;
  await command('publish', undefined, t.published);
}

async function command(what: 'publish' | 'unpublish', body: unknown, done: string, form?: HTMLElement) {
  if (!current) return;
  const reply = await api('POST', `/api/deeds/${current.id}/${what}`, body, { 'if-match': `"${current.version}"` });
  if (reply.status === 412) return void (await showConflict(collect()));
  if (reply.status !== 200) return say(form && showFieldErrors(form, reply.body?.errors ?? []) ? t.fix : `${t.failed}: ${problemMessage(lang, reply)}`, false);
  await openDeed(current.id, reply.body.consistencyToken);
  await loadDesk();
  say(done);
}

// ---------------------------------------------------------------------------------------------
// If-Match conflict: what was saved meanwhile beside what the person wrote, and the two ways out
// ---------------------------------------------------------------------------------------------

function describe(c: Content, key: (typeof FIELDS)[number]): string {
  switch (key) {
    case 'sector': return SECTOR[c.sector] ?? c.sector;
    case 'size': return t.sizes[c.size] ?? c.size;
    case 'scope': return t.scopes[c.scope] ?? c.scope;
    case 'participants': return c.participants.map((p) => t.participants[p] ?? p).join(', ');
    case 'language': return t.languages[c.language] ?? c.language;
    case 'themes': return c.themes.join(', ');
    case 'metrics': return c.metrics.map((m) => `${m.name}: ${m.baseline ?? '–'} → ${m.value ?? '–'} ${m.unit ?? ''}`.trim()).join('; ');
    case 'media': return c.media.map((m) => m.url).join(' ');
    default: return String(c[key] ?? '');
  }
}
const fieldName = (key: (typeof FIELDS)[number]) => (key === 'metrics' ? t.metrics : key === 'media' ? t.media : key === 'language' ? t.f.contentLanguage : t.f[key]);

async function showConflict(mine: Content) {
  if (!current) return;
  const reply = await api('GET', `/api/deeds/${current.id}`);
  if (reply.status !== 200) return say(problemMessage(lang, reply), false);
  const theirs = reply.body;
  const theirContent = contentOf(theirs);
  const differing = FIELDS.filter((k) => describe(theirContent, k) !== describe(mine, k));
  const keep = el('button', { type: 'button', id: 'keep-mine' }, t.keepMine);
  const take = el('button', { type: 'button', id: 'take-theirs', class: 'secondary' }, t.takeTheirs);
  const box = el('section', { class: 'note conflict', 'aria-labelledby': 'conflict-h' }, el('h3', { id: 'conflict-h', tabindex: '-1' }, t.conflict),
    el('p', {}, t.conflictExplain(theirs.version)),
    differing.length
      ? el('ul', { class: 'diff plain' }, ...differing.map((k) => el('li', { 'data-field': k }, el('h4', {}, fieldName(k)),
          el('dl', {}, el('div', { class: 'theirs' }, el('dt', {}, t.theirs), el('dd', {}, describe(theirContent, k))), el('div', { class: 'mine' }, el('dt', {}, t.mine), el('dd', {}, describe(mine, k)))))))
      : el('p', {}, t.noDiff),
    el('div', { class: 'buttons' }, keep, take));
  keep.addEventListener('click', () => {
    // Save again on top of the version now saved: the person has seen what it holds.
    current!.version = theirs.version;
    current!.status = theirs.status;
    box.remove();
    void saveDeed();
  });
  take.addEventListener('click', () => void openDeed(theirs.id));
  $('#conflict').replaceChildren(box);
  say(t.conflict, false);
  $('#conflict-h').focus();
}

// ---------------------------------------------------------------------------------------------
// Preview: the deed as Tekojen tori shows it
// ---------------------------------------------------------------------------------------------

function showPreview() {
  const c = collect();
  const panel = $('#preview');
  const org = current?.deed.organisation ?? '';
  const parts: Node[] = [
    el('h2', { id: 'preview-h', tabindex: '-1' }, t.previewHeading),
    el('h3', { class: 'deed-title' }, c.title),
    el('p', { class: 'meta' }, [org, c.unit, SECTOR[c.sector] ?? c.sector, `${c.periodFrom}–${c.periodTo ?? ''}`].filter(Boolean).join(' · ')),
    el('h4', {}, t.aim), el('p', {}, c.aim), el('h4', {}, t.achieved), el('p', {}, c.achieved),
  ];
  if (c.metrics.length) parts.push(el('h4', {}, t.metrics), el('ul', {}, ...c.metrics.map((m) => el('li', {}, `${m.name}: ${m.baseline == null ? '–' : fmtNumber(m.baseline)} → ${m.value == null ? '–' : fmtNumber(m.value)} ${m.unit ?? ''}`.trim()))));
  if (c.themes.length) parts.push(el('h4', {}, t.themesH), el('p', {}, c.themes.join(', ')));
  if (c.media.length) parts.push(el('h4', {}, t.mediaH), el('ul', {}, ...c.media.map((m) => el('li', {}, el('a', { href: m.url, rel: 'noopener' }, m.caption || m.url), ` (${t.kinds[m.kind] ?? m.kind})`))));
  panel.replaceChildren(...parts);
  panel.hidden = false;
  $('#preview-h').focus();
}

setupPage(t.title);
$('#deeds-h').textContent = t.deeds;
$('#new-deed').textContent = t.newDeed;
$('#ideas-h').textContent = t.ideas;
$('#ideas-note').textContent = t.ideasNote;
$('#new-deed').addEventListener('click', newDeed);
tokenForm(() => void loadDesk());
void loadDesk();
void pageBell();
