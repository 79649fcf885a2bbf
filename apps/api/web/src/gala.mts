// Gala and campaign administration: a programme admin sets up an award season (series, criteria and weights, jurors
// and chair, windows, gala date) with its mistakes said under the fields, opens and closes Tekoja tiskiin campaigns;
// a series' chair, or a programme admin, grants the awards once the rounds are closed. The results appear on
// results.html at the gala.
import { $, api, el, tokenForm } from './common.mts';
import { problemMessage } from './messages.mts';
import { fmtDate, lang, pageBell, say, setupPage, showFieldErrors, type Lang } from './page.mts';

const T = {
  fi: {
    title: 'Gaalan hallinta', language: 'Kieli', season: 'Uusi gaala', campaigns: 'Tekoja tiskiin -kampanjat', grants: 'Palkintojen myöntäminen', required: 'pakollinen',
    year: 'Vuosi', name: 'Gaalan nimi', opens: 'Ehdotusaika alkaa', closes: 'Ehdotusaika päättyy', eligibleFrom: 'Tekojen julkaisukausi alkaa', eligibleTo: 'Tekojen julkaisukausi päättyy', gala: 'Gaala (tulokset julkistetaan)',
    series: (n: number) => `Sarja ${n}`, addSeries: 'Lisää sarja', removeSeries: (n: number) => `Poista sarja ${n}`, kind: 'Laji', kinds: { deeds: 'Kehittämisteot', organisations: 'Organisaatiot', employees: 'Henkilöt' } as Record<string, string>,
    seriesName: 'Sarjan nimi (valinnainen)', awards: 'Palkintoja', shortlist: 'Jatkoon pitkältä listalta (valinnainen)', blind: 'Sokkoarviointi', criteria: 'Kriteerit ja painot', criterionKey: 'Tunnus', criterionName: 'Nimi', weight: 'Paino',
    addCriterion: 'Lisää kriteeri', removeCriterion: (n: string) => `Poista kriteeri ${n}`, jurors: 'Tuomarit', jurorSubject: 'Tuomarin tunnus', jurorOrg: 'Organisaatio', addJuror: 'Lisää tuomari', removeJuror: (n: number) => `Poista tuomari ${n}`, chair: 'Puheenjohtajan tunnus',
    open: 'Avaa gaala', opened: (n: string) => `Gaala ${n} on avattu.`, fix: 'Tarkista merkityt kentät.', failed: 'Toiminto epäonnistui',
    e: { order: 'Ehdotusajan pitää päättyä sen alkamisen jälkeen.', gala: 'Gaalan pitää olla ehdotusajan päättymisen jälkeen.', eligible: 'Julkaisukauden pitää päättyä sen alkamisen jälkeen.', juror: 'Anna vähintään yksi tuomari.', required: 'Kenttä on pakollinen.', weight: 'Paino on luku 0,01–100.', campaignOrder: 'Kampanjan pitää päättyä sen alkamisen jälkeen.' },
    campaignName: 'Kampanjan nimi', starts: 'Alkaa', ends: 'Päättyy', openCampaign: 'Avaa kampanja', campaignOpened: (n: string) => `Kampanja ${n} on avattu.`, close: (n: string) => `Sulje kampanja ${n}`, closed: (n: string, w: string | null) => `Kampanja ${n} on suljettu.${w ? ` Kekseliäin kunta: ${w}.` : ''}`,
    status: { open: 'käynnissä', closed: 'suljettu' } as Record<string, string>, noCampaigns: 'Ei kampanjoita.', mostInventive: (w: string) => `kekseliäin kunta: ${w}`, newCampaign: 'Uusi kampanja',
    notChair: 'Palkinnot myöntää sarjan puheenjohtaja tai ohjelman ylläpitäjä, kun kierrokset on suljettu.', roundsOpen: (s: string) => `${s}: kierrokset ovat vielä kesken (tuomariston huoneessa).`, grantFor: (s: string, g: string) => `${s} – ${g}`,
    nominee: 'Ehdokas', category: 'Palkinto', categories: { winner: 'Voittaja', 'sub-award': 'Erikoispalkinto', 'honourable-mention': 'Kunniamaininta' } as Record<string, string>, subAward: 'Erikoispalkinto', grant: 'Myönnä palkinto', granted: (n: string) => `Palkinto myönnetty: ${n}.`,
    edit: 'Gaalan muokkaus', choose: 'Muokattava gaala', seriesAll: 'Sarjat', kindIs: (k: string) => `Laji: ${k}`, seriesNameEdit: 'Sarjan nimi', shortlistEdit: 'Jatkoon pitkältä listalta',
    jurorsNow: (n: number) => `Tuomareita nyt ${n}. Tyhjänä tuomaristo pysyy ennallaan; uudet tunnukset korvaavat sen.`, newChair: 'Uuden puheenjohtajan tunnus (tyhjänä pysyy ennallaan)', save: 'Tallenna muutokset',
    saved: (n: string) => `Gaalan ${n} muutokset on tallennettu.`, unchanged: 'Ei muutoksia tallennettavaksi.', adminOnly: 'Gaaloja muokkaa ohjelman ylläpitäjä.', noSeasons: 'Gaaloja ei ole vielä avattu.',
    results: (d: string) => `Tulokset julkistetaan gaalassa ${d}.`, resultsLink: 'Tulossivu',
  },
  sv: {
    title: 'Administration av galan', language: 'Språk', season: 'Ny gala', campaigns: 'Kampanjerna Tekoja tiskiin', grants: 'Tilldelning av priser', required: 'obligatorisk',
    year: 'År', name: 'Galans namn', opens: 'Nomineringstiden börjar', closes: 'Nomineringstiden slutar', eligibleFrom: 'Insatsernas publiceringsperiod börjar', eligibleTo: 'Insatsernas publiceringsperiod slutar', gala: 'Galan (resultaten offentliggörs)',
    series: (n: number) => `Serie ${n}`, addSeries: 'Lägg till en serie', removeSeries: (n: number) => `Ta bort serie ${n}`, kind: 'Typ', kinds: { deeds: 'Utvecklingsinsatser', organisations: 'Organisationer', employees: 'Personer' } as Record<string, string>,
    seriesName: 'Seriens namn (valfritt)', awards: 'Priser', shortlist: 'Vidare från den långa listan (valfritt)', blind: 'Blind bedömning', criteria: 'Kriterier och vikter', criterionKey: 'Kod', criterionName: 'Namn', weight: 'Vikt',
    addCriterion: 'Lägg till ett kriterium', removeCriterion: (n: string) => `Ta bort kriteriet ${n}`, jurors: 'Jurymedlemmar', jurorSubject: 'Jurymedlemmens identifierare', jurorOrg: 'Organisation', addJuror: 'Lägg till en jurymedlem', removeJuror: (n: number) => `Ta bort jurymedlem ${n}`, chair: 'Ordförandens identifierare',
    open: 'Öppna galan', opened: (n: string) => `Galan ${n} har öppnats.`, fix: 'Kontrollera de markerade fälten.', failed: 'Åtgärden misslyckades',
    e: { order: 'Nomineringstiden måste sluta efter att den börjat.', gala: 'Galan måste vara efter nomineringstidens slut.', eligible: 'Publiceringsperioden måste sluta efter att den börjat.', juror: 'Ange minst en jurymedlem.', required: 'Fältet är obligatoriskt.', weight: 'Vikten är ett tal 0,01–100.', campaignOrder: 'Kampanjen måste sluta efter att den börjat.' },
    campaignName: 'Kampanjens namn', starts: 'Börjar', ends: 'Slutar', openCampaign: 'Öppna kampanjen', campaignOpened: (n: string) => `Kampanjen ${n} har öppnats.`, close: (n: string) => `Stäng kampanjen ${n}`, closed: (n: string, w: string | null) => `Kampanjen ${n} har stängts.${w ? ` Mest uppfinningsrika kommun: ${w}.` : ''}`,
    status: { open: 'pågår', closed: 'stängd' } as Record<string, string>, noCampaigns: 'Inga kampanjer.', mostInventive: (w: string) => `mest uppfinningsrika kommun: ${w}`, newCampaign: 'Ny kampanj',
    notChair: 'Priserna tilldelas av seriens ordförande eller programmets administratör när omgångarna är stängda.', roundsOpen: (s: string) => `${s}: omgångarna pågår ännu (i juryrummet).`, grantFor: (s: string, g: string) => `${s} – ${g}`,
    nominee: 'Nominerad', category: 'Pris', categories: { winner: 'Vinnare', 'sub-award': 'Specialpris', 'honourable-mention': 'Hedersomnämnande' } as Record<string, string>, subAward: 'Specialpris', grant: 'Tilldela priset', granted: (n: string) => `Priset har tilldelats: ${n}.`,
    edit: 'Redigering av galan', choose: 'Gala att redigera', seriesAll: 'Serier', kindIs: (k: string) => `Typ: ${k}`, seriesNameEdit: 'Seriens namn', shortlistEdit: 'Vidare från den långa listan',
    jurorsNow: (n: number) => `Jurymedlemmar nu: ${n}. Tomt behåller juryn; nya identifierare ersätter den.`, newChair: 'Den nya ordförandens identifierare (tomt behåller den nuvarande)', save: 'Spara ändringarna',
    saved: (n: string) => `Ändringarna i galan ${n} har sparats.`, unchanged: 'Inga ändringar att spara.', adminOnly: 'Galorna redigeras av programmets administratör.', noSeasons: 'Inga galor har öppnats ännu.',
    results: (d: string) => `Resultaten offentliggörs på galan ${d}.`, resultsLink: 'Resultatsidan',
  },
  en: {
    title: 'Gala administration', language: 'Language', season: 'New gala', campaigns: 'Tekoja tiskiin campaigns', grants: 'Granting awards', required: 'required',
    year: 'Year', name: "The gala's name", opens: 'Nominations open', closes: 'Nominations close', eligibleFrom: 'Deeds published from', eligibleTo: 'Deeds published until', gala: 'Gala (results announced)',
    series: (n: number) => `Series ${n}`, addSeries: 'Add a series', removeSeries: (n: number) => `Remove series ${n}`, kind: 'Kind', kinds: { deeds: 'Deeds', organisations: 'Organisations', employees: 'People' } as Record<string, string>,
    seriesName: "The series' name (optional)", awards: 'Awards', shortlist: 'Through from the long list (optional)', blind: 'Blind review', criteria: 'Criteria and weights', criterionKey: 'Key', criterionName: 'Name', weight: 'Weight',
    addCriterion: 'Add a criterion', removeCriterion: (n: string) => `Remove criterion ${n}`, jurors: 'Jurors', jurorSubject: "Juror's id", jurorOrg: 'Organisation', addJuror: 'Add a juror', removeJuror: (n: number) => `Remove juror ${n}`, chair: "Chair's id",
    open: 'Open the gala', opened: (n: string) => `The gala ${n} is open.`, fix: 'Please check the marked fields.', failed: 'The action failed',
    e: { order: 'Nominations must close after they open.', gala: 'The gala must come after nominations close.', eligible: 'The publishing period must end after it starts.', juror: 'Name at least one juror.', required: 'This field is required.', weight: 'A weight is a number 0.01–100.', campaignOrder: 'The campaign must end after it starts.' },
    campaignName: "The campaign's name", starts: 'Starts', ends: 'Ends', openCampaign: 'Open the campaign', campaignOpened: (n: string) => `The campaign ${n} is open.`, close: (n: string) => `Close the campaign ${n}`, closed: (n: string, w: string | null) => `The campaign ${n} is closed.${w ? ` Most inventive municipality: ${w}.` : ''}`,
    status: { open: 'running', closed: 'closed' } as Record<string, string>, noCampaigns: 'No campaigns.', mostInventive: (w: string) => `most inventive municipality: ${w}`, newCampaign: 'New campaign',
    notChair: "Awards are granted by the series' chair or a programme admin once the rounds are closed.", roundsOpen: (s: string) => `${s}: the rounds are still open (in the jury room).`, grantFor: (s: string, g: string) => `${s} – ${g}`,
    nominee: 'Nominee', category: 'Award', categories: { winner: 'Winner', 'sub-award': 'Special award', 'honourable-mention': 'Honourable mention' } as Record<string, string>, subAward: 'Special award', grant: 'Grant the award', granted: (n: string) => `Award granted: ${n}.`,
    edit: 'Editing a gala', choose: 'Gala to edit', seriesAll: 'Series', kindIs: (k: string) => `Kind: ${k}`, seriesNameEdit: "The series' name", shortlistEdit: 'Through from the long list',
    jurorsNow: (n: number) => `Jurors now: ${n}. Left empty, the jury stays; new ids replace it.`, newChair: "The new chair's id (left empty, the chair stays)", save: 'Save the changes',
    saved: (n: string) => `The changes to the gala ${n} are saved.`, unchanged: 'Nothing to save.', adminOnly: 'Galas are edited by a programme admin.', noSeasons: 'No gala has been opened yet.',
    results: (d: string) => `Results are announced at the gala on ${d}.`, resultsLink: 'Results page',
  },
} satisfies Record<Lang, unknown>;
const t = T[lang];
const CRITERIA = [
  { key: 'results', name: 'Tulokset ja tuottavuus' }, { key: 'boldness', name: 'Rohkeus' }, { key: 'staff-driven', name: 'Henkilöstölähtöisyys' },
  { key: 'customer', name: 'Asiakaslähtöisyys' }, { key: 'transferability', name: 'Siirrettävyys' },
];

let uid = 0;
const id = (p: string) => `${p}-${++uid}`;
/** The id of a field's error box; `scope` keeps the edit form's ids apart from the set-up form's. */
const eid = (name: string, scope = '') => `e-${scope}${name.replace(/[^\w-]/g, '_')}`;
const err = (name: string, scope = '') => el('p', { class: 'err', id: eid(name, scope), 'data-error-for': name });
function field(name: string, text: string, control: HTMLInputElement | HTMLSelectElement, required = true, scope = ''): HTMLElement {
  control.id ||= id('g');
  control.setAttribute('data-field', name);
  const hint = control.dataset.time === undefined ? undefined : el('p', { class: 'hint', id: `${control.id}-hint` }, TIME_HINT[lang]);
  control.setAttribute('aria-describedby', `${hint ? `${hint.id} ` : ''}${eid(name, scope)}`);
  if (required) control.setAttribute('aria-required', 'true');
  return el('div', { class: 'field' }, el('label', { for: control.id }, text, ...(required ? [' ', el('span', { class: 'req' }, `(${t.required})`)] : [])), control, ...(hint ? [hint] : []), err(name, scope));
}
const input = (type: string, value = '', attrs: Record<string, string> = {}) => {
  const i = el('input', { type, ...attrs });
  i.value = value;
  return i;
};
const TIME_HINT: Record<Lang, string> = {
  fi: 'Muoto p.k.vvvv t.mm, esim. 31.12.2026 18.00',
  sv: 'Format d.m.åååå t.mm, t.ex. 31.12.2026 18.00',
  en: 'Format d.m.yyyy h.mm, e.g. 31.12.2026 18.00',
};
/** A time as it is typed here (the Finnish form, local time), never the browser's mm/dd/yyyy. */
const local = (ms: number) => {
  const d = new Date(ms);
  return `${d.getDate()}.${d.getMonth() + 1}.${d.getFullYear()} ${d.getHours()}.${String(d.getMinutes()).padStart(2, '0')}`;
};
/**
 * A typed time as the API takes it: "31.12.2026 18.00" (or "klo 18.00", or the day alone) in local time, or
 * 2026-12-31T18:00; '' when empty; the text itself when it cannot be read, so that the API names the field.
 */
const iso = (typed: string) => {
  const v = typed.trim();
  if (!v) return '';
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(?:klo\s+)?(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?)?$/.exec(v);
  if (fi) {
    const [day, month, year, hours, minutes, seconds] = [+fi[1], +fi[2], +fi[3], +(fi[4] ?? 0), +(fi[5] ?? 0), +(fi[6] ?? 0)];
    const d = new Date(year, month - 1, day, hours, minutes, seconds);
    const real = d.getDate() === day && d.getMonth() === month - 1 && hours < 24 && minutes < 60 && seconds < 60;
    return real ? d.toISOString() : v;
  }
  const d = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(v) ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : v;
};
const timeInput = (ms: number) => input('text', local(ms), { inputmode: 'text', autocomplete: 'off', 'data-time': '' });

// ---------------------------------------------------------------------------------------------
// Season set-up
// ---------------------------------------------------------------------------------------------

function criterionRow(list: HTMLElement, c: { key: string; name: string; weight?: number }) {
  const key = input('text', c.key, { 'data-c': 'key' });
  const name = input('text', c.name, { 'data-c': 'name' });
  const weight = input('number', String(c.weight ?? 1), { 'data-c': 'weight', step: 'any', min: '0.01', max: '100', inputmode: 'decimal' });
  const [k, n, w] = [id('ck'), id('cn'), id('cw')];
  key.id = k;
  name.id = n;
  weight.id = w;
  const remove = el('button', { type: 'button', class: 'secondary' }, t.removeCriterion(c.name || c.key));
  const row = el('div', { class: 'crow' }, el('div', { class: 'field' }, el('label', { for: k }, t.criterionKey), key), el('div', { class: 'field' }, el('label', { for: n }, t.criterionName), name),
    el('div', { class: 'field' }, el('label', { for: w }, t.weight), weight), remove);
  remove.addEventListener('click', () => row.remove());
  list.append(row);
}
function jurorRow(list: HTMLElement, j = { subject: '', organisation: '' }) {
  const [s, o] = [id('js'), id('jo')];
  const subject = input('text', j.subject, { 'data-j': 'subject', id: s, autocomplete: 'off' });
  const org = input('text', j.organisation, { 'data-j': 'organisation', id: o });
  const n = list.children.length + 1;
  const remove = el('button', { type: 'button', class: 'secondary' }, t.removeJuror(n));
  const row = el('div', { class: 'crow' }, el('div', { class: 'field' }, el('label', { for: s }, `${t.jurorSubject} ${n}`), subject), el('div', { class: 'field' }, el('label', { for: o }, t.jurorOrg), org), remove);
  remove.addEventListener('click', () => row.remove());
  list.append(row);
}

function seriesBox(list: HTMLElement) {
  const i = list.children.length;
  const p = `series[${i}]`;
  const kind = el('select', {}, ...Object.entries(t.kinds).map(([k, v]) => el('option', { value: k }, v)));
  kind.value = ['deeds', 'organisations', 'employees'][i] ?? 'deeds';
  const blind = input('checkbox');
  blind.id = id('blind');
  const criteria = el('div', { class: 'rows' });
  for (const c of CRITERIA) criterionRow(criteria, c);
  const { jurors, addC, addJ } = rowControls(criteria);
  const box = el('fieldset', { class: 'group series-box', 'data-index': String(i) }, el('legend', {}, t.series(i + 1)),
    el('div', { class: 'pair' }, field(`${p}.kind`, t.kind, kind), field(`${p}.name`, t.seriesName, input('text'), false)),
    el('div', { class: 'pair' }, field(`${p}.awards`, t.awards, input('number', '1', { min: '1', step: '1', inputmode: 'numeric' })), field(`${p}.shortlistSize`, t.shortlist, input('number', '', { min: '1', step: '1', inputmode: 'numeric' }), false)),
    el('div', { class: 'check' }, blind, el('label', { for: blind.id }, t.blind)),
    el('fieldset', { class: 'group', 'data-field': `${p}.criteria`, 'aria-describedby': `e-${`${p}.criteria`.replace(/[^\w-]/g, '_')}` }, el('legend', {}, t.criteria), criteria, addC, err(`${p}.criteria`)),
    el('fieldset', { class: 'group', 'data-field': `${p}.jurors`, 'aria-describedby': `e-${`${p}.jurors`.replace(/[^\w-]/g, '_')}` }, el('legend', {}, t.jurors), jurors, addJ, err(`${p}.jurors`)),
    field(`${p}.chair`, t.chair, input('text', '', { autocomplete: 'off' })));
  list.append(box);
}

function seasonForm(): HTMLFormElement {
  const now = Date.now();
  const day = 86_400_000;
  const series = el('div', { id: 'series-list' });
  const addSeries = el('button', { type: 'button', class: 'secondary', id: 'add-series' }, t.addSeries);
  addSeries.addEventListener('click', () => {
    seriesBox(series);
    series.lastElementChild!.querySelector('select')!.focus();
  });
  seriesBox(series);
  const dt = (ms: number) => timeInput(ms);
  const form = el('form', { id: 'season-setup-form', novalidate: '', 'aria-labelledby': 'season-h' },
    el('div', { class: 'pair' }, field('year', t.year, input('number', String(new Date().getFullYear()), { min: '1990', max: '2100', step: '1', inputmode: 'numeric' })), field('name', t.name, input('text'))),
    el('div', { class: 'pair' }, field('nominationOpensAt', t.opens, dt(now)), field('nominationClosesAt', t.closes, dt(now + 30 * day))),
    el('div', { class: 'pair' }, field('eligibleFrom', t.eligibleFrom, dt(now - 365 * day)), field('eligibleTo', t.eligibleTo, dt(now + 30 * day))),
    field('galaAt', t.gala, dt(now + 60 * day)),
    series, addSeries, err('series'),
    el('div', { class: 'buttons' }, el('button', { type: 'submit' }, t.open)));
  form.querySelector('[data-error-for=series]')!.setAttribute('id', 'e-series');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void openSeason(form);
  });
  return form;
}

type FieldError = { field: string; message: string; text?: string };

/** The windows must follow each other: nominations open before they close, the gala after them, eligibility in order. */
function windowErrors(at: (name: string) => number): FieldError[] {
  const errors: FieldError[] = [];
  if (at('nominationClosesAt') <= at('nominationOpensAt')) errors.push({ field: 'nominationClosesAt', message: '', text: t.e.order });
  if (at('galaAt') < at('nominationClosesAt')) errors.push({ field: 'galaAt', message: '', text: t.e.gala });
  if (at('eligibleTo') <= at('eligibleFrom')) errors.push({ field: 'eligibleTo', message: '', text: t.e.eligible });
  return errors;
}

/** A series box's criteria and jurors as typed; a weight out of range or a criterion without a key is said under them. */
function seriesRows(box: HTMLElement, p: string, errors: FieldError[]) {
  const criteria = [...box.querySelectorAll<HTMLElement>(`[data-field="${p}.criteria"] .crow`)].map((row) => {
    const c = (k: string) => row.querySelector<HTMLInputElement>(`[data-c=${k}]`)!.value.trim();
    return { key: c('key'), ...(c('name') ? { name: c('name') } : {}), weight: c('weight') === '' ? NaN : Number(c('weight')) };
  });
  if (criteria.some((c) => !(c.weight >= 0.01 && c.weight <= 100))) errors.push({ field: `${p}.criteria`, message: '', text: t.e.weight });
  if (criteria.some((c) => !c.key)) errors.push({ field: `${p}.criteria`, message: '', text: t.e.required });
  const jurors = [...box.querySelectorAll<HTMLElement>(`[data-field="${p}.jurors"] .crow`)]
    .map((row) => ({ subject: row.querySelector<HTMLInputElement>('[data-j=subject]')!.value.trim(), organisation: row.querySelector<HTMLInputElement>('[data-j=organisation]')!.value.trim() }))
    .filter((j) => j.subject || j.organisation);
  return { criteria, jurors };
}

/** A series' juror rows (one empty row to begin with) and the buttons that add a criterion or a juror row. */
function rowControls(criteria: HTMLElement) {
  const jurors = el('div', { class: 'rows' });
  jurorRow(jurors);
  const addC = el('button', { type: 'button', class: 'secondary' }, t.addCriterion);
  addC.addEventListener('click', () => {
    criterionRow(criteria, { key: '', name: '' });
    criteria.lastElementChild!.querySelector('input')!.focus();
  });
  const addJ = el('button', { type: 'button', class: 'secondary' }, t.addJuror);
  addJ.addEventListener('click', () => {
    jurorRow(jurors);
    jurors.lastElementChild!.querySelector('input')!.focus();
  });
  return { jurors, addC, addJ };
}

async function openSeason(form: HTMLFormElement) {
  const v = (name: string) => form.querySelector<HTMLInputElement>(`[data-field="${name}"]`)!.value.trim();
  const errors: FieldError[] = [];
  const need = (name: string) => {
    if (!v(name)) errors.push({ field: name, message: '', text: t.e.required });
  };
  for (const name of ['year', 'name', 'nominationOpensAt', 'nominationClosesAt', 'eligibleFrom', 'eligibleTo', 'galaAt']) need(name);
  const at = (name: string) => Date.parse(iso(v(name)));
  errors.push(...windowErrors(at));
  const series = [...form.querySelectorAll<HTMLElement>('.series-box')].map((box, i) => {
    const p = `series[${i}]`;
    const { criteria, jurors } = seriesRows(box, p, errors);
    if (!jurors.length) errors.push({ field: `${p}.jurors`, message: '', text: t.e.juror });
    need(`${p}.chair`);
    const shortlist = v(`${p}.shortlistSize`);
    return {
      kind: v(`${p}.kind`), ...(v(`${p}.name`) ? { name: v(`${p}.name`) } : {}), awards: Number(v(`${p}.awards`)), ...(shortlist ? { shortlistSize: Number(shortlist) } : {}),
      blind: box.querySelector<HTMLInputElement>('input[type=checkbox]')!.checked, criteria, jurors, chair: v(`${p}.chair`),
    };
  });
  showFieldErrors(form, errors);
  if (errors.length) return say(t.fix, false);
  const body = {
    year: Number(v('year')), name: v('name'), nominationOpensAt: iso(v('nominationOpensAt')), nominationClosesAt: iso(v('nominationClosesAt')),
    eligibleFrom: iso(v('eligibleFrom')), eligibleTo: iso(v('eligibleTo')), galaAt: iso(v('galaAt')), series,
  };
  const reply = await api('POST', '/api/award-seasons', body);
  if (reply.status !== 201) return say(showFieldErrors(form, reply.body?.errors ?? []) ? t.fix : `${t.failed}: ${problemMessage(lang, reply)}`, false);
  say(t.opened(body.name));
  $('#season-setup').replaceChildren(seasonForm());
  await Promise.all([loadGrants(), loadEdit(reply.body.id)]);
}

// ---------------------------------------------------------------------------------------------
// Editing a season (programme admins): name, windows, gala date, jury and chair until the results are announced;
// series, criteria and weights until the first nomination. Juror and chair ids are kept only as pseudonyms, so
// the form shows how many jurors there are and takes new ids to replace them.
// ---------------------------------------------------------------------------------------------

const EDIT = 'edit-';
/** Domain refusals about a single setting, said under it. */
const refusalField = (code: string | undefined): { field: string; message: string; text: string }[] => {
  const at: Record<string, [string, string]> = {
    'award.gala-before-nominations-close': ['galaAt', t.e.gala],
    'award.nomination-window-empty': ['nominationClosesAt', t.e.order],
    'award.eligibility-window-empty': ['eligibleTo', t.e.eligible],
  };
  if (code && at[code]) return [{ field: at[code][0], message: '', text: at[code][1] }];
  if (code === 'award.series-locked') return [{ field: 'series', message: '', text: problemMessage(lang, { status: 409, body: { code } }) }];
  return [];
};

function editSeriesBox(s: any, i: number): HTMLElement {
  const p = `series[${i}]`;
  const f = (name: string, text: string, control: HTMLInputElement, required = true) => field(name, text, control, required, EDIT);
  const blind = input('checkbox');
  blind.checked = !!s.blind;
  blind.id = id('eblind');
  const criteria = el('div', { class: 'rows' });
  for (const c of s.criteria as { key: string; name: string; weight: number }[]) criterionRow(criteria, c);
  const { jurors, addC, addJ } = rowControls(criteria);
  const jurorsHint = el('p', { class: 'hint', id: id('jh') }, t.jurorsNow(s.jurors ?? 0));
  return el('fieldset', { class: 'group series-box', 'data-key': s.key }, el('legend', {}, `${t.series(i + 1)}: ${s.name}`),
    el('p', { class: 'meta' }, t.kindIs(t.kinds[s.kind] ?? s.kind)),
    el('div', { class: 'pair' }, f(`${p}.name`, t.seriesNameEdit, input('text', s.name)), f(`${p}.awards`, t.awards, input('number', String(s.awards), { min: '1', step: '1', inputmode: 'numeric' }))),
    f(`${p}.shortlistSize`, t.shortlistEdit, input('number', String(s.shortlistSize), { min: '1', step: '1', inputmode: 'numeric' })),
    el('div', { class: 'check' }, blind, el('label', { for: blind.id }, t.blind)),
    el('fieldset', { class: 'group', 'data-field': `${p}.criteria`, 'aria-describedby': eid(`${p}.criteria`, EDIT) }, el('legend', {}, t.criteria), criteria, addC, err(`${p}.criteria`, EDIT)),
    el('fieldset', { class: 'group', 'data-field': `${p}.jurors`, 'aria-describedby': `${jurorsHint.id} ${eid(`${p}.jurors`, EDIT)}` }, el('legend', {}, t.jurors), jurorsHint, jurors, addJ, err(`${p}.jurors`, EDIT)),
    f(`${p}.chair`, t.newChair, input('text', '', { autocomplete: 'off' }), false));
}

function editForm(season: any): HTMLFormElement {
  const f = (name: string, text: string, control: HTMLInputElement) => field(name, text, control, true, EDIT);
  // The typed form shows minutes: an untouched field keeps the season's own instant (seconds and all) on saving.
  const at = (instant: string) => {
    const control = timeInput(Date.parse(instant));
    control.dataset.initial = control.value;
    control.dataset.instant = instant;
    return control;
  };
  const form = el('form', { id: 'season-edit-form', novalidate: '', 'aria-labelledby': 'edit-h', 'data-season': season.id },
    el('div', { class: 'pair' }, f('year', t.year, input('number', String(season.year), { min: '1990', max: '2100', step: '1', inputmode: 'numeric' })), f('name', t.name, input('text', season.name))),
    el('div', { class: 'pair' }, f('nominationOpensAt', t.opens, at(season.nominationOpensAt)), f('nominationClosesAt', t.closes, at(season.nominationClosesAt))),
    el('div', { class: 'pair' }, f('eligibleFrom', t.eligibleFrom, at(season.eligibleFrom)), f('eligibleTo', t.eligibleTo, at(season.eligibleTo))),
    f('galaAt', t.gala, at(season.galaAt)),
    el('fieldset', { class: 'group', 'data-field': 'series', 'aria-describedby': eid('series', EDIT) }, el('legend', {}, t.seriesAll),
      ...(season.series as any[]).map((s, i) => editSeriesBox(s, i)), err('series', EDIT)),
    el('div', { class: 'buttons' }, el('button', { type: 'submit' }, t.save)));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void saveSeason(form, season);
  });
  return form;
}

async function saveSeason(form: HTMLFormElement, season: any) {
  const v = (name: string) => form.querySelector<HTMLInputElement>(`[data-field="${name}"]`)!.value.trim();
  const errors: FieldError[] = [];
  const need = (name: string) => {
    if (!v(name)) errors.push({ field: name, message: '', text: t.e.required });
  };
  for (const name of ['year', 'name', 'nominationOpensAt', 'nominationClosesAt', 'eligibleFrom', 'eligibleTo', 'galaAt']) need(name);
  const time = (name: string) => {
    const control = form.querySelector<HTMLInputElement>(`[data-field="${name}"]`)!;
    return control.value.trim() === control.dataset.initial ? control.dataset.instant! : iso(control.value);
  };
  const at = (name: string) => Date.parse(time(name));
  errors.push(...windowErrors(at));
  const series = [...form.querySelectorAll<HTMLElement>('.series-box')].map((box, i) => {
    const p = `series[${i}]`;
    const { criteria, jurors } = seriesRows(box, p, errors);
    need(`${p}.name`);
    need(`${p}.awards`);
    need(`${p}.shortlistSize`);
    return {
      key: box.dataset.key, name: v(`${p}.name`), awards: Number(v(`${p}.awards`)), shortlistSize: Number(v(`${p}.shortlistSize`)),
      blind: box.querySelector<HTMLInputElement>('.check input[type=checkbox]')!.checked, criteria,
      // Left empty, the jury and the chair stay as they are.
      ...(jurors.length ? { jurors } : {}), ...(v(`${p}.chair`) ? { chair: v(`${p}.chair`) } : {}),
    };
  });
  showFieldErrors(form, errors);
  if (errors.length) return say(t.fix, false);
  const body = {
    year: Number(v('year')), name: v('name'), nominationOpensAt: time('nominationOpensAt'), nominationClosesAt: time('nominationClosesAt'),
    eligibleFrom: time('eligibleFrom'), eligibleTo: time('eligibleTo'), galaAt: time('galaAt'), series,
  };
  const reply = await api('PATCH', `/api/award-seasons/${season.id}`, body);
  if (reply.status !== 200) {
    const inline = [...(reply.body?.errors ?? []), ...refusalField(reply.body?.code)];
    return say(showFieldErrors(form, inline) ? t.fix : `${t.failed}: ${problemMessage(lang, reply)}`, false);
  }
  await Promise.all([loadEdit(season.id), loadGrants()]);
  // The form is drawn anew with the saved settings: the focus goes back to its heading.
  $('#edit-h').focus();
  say(reply.body.changed ? t.saved(body.name) : t.unchanged);
}

async function loadEdit(selected?: string) {
  const box = $('#season-edit');
  const seasons = await api('GET', '/api/award-seasons');
  const list: any[] = seasons.status === 200 ? seasons.body : [];
  if (!list.length) return box.replaceChildren(el('p', {}, t.noSeasons));
  const chosen = list.find((x) => x.id === selected) ?? list[0];
  const season = await api('GET', `/api/award-seasons/${chosen.id}`);
  if (season.status !== 200 || !season.body.you?.admin) return box.replaceChildren(el('p', {}, t.adminOnly));
  const choose = el('select', { id: 'season-edit-choice' }, ...list.map((x) => el('option', { value: x.id }, `${x.name} (${x.year})`)));
  choose.value = chosen.id;
  choose.addEventListener('change', () => void loadEdit(choose.value).then(() => $<HTMLSelectElement>('#season-edit-choice').focus()));
  box.replaceChildren(el('div', { class: 'field' }, el('label', { for: 'season-edit-choice' }, t.choose), choose), editForm(season.body));
}

// ---------------------------------------------------------------------------------------------
// Campaigns
// ---------------------------------------------------------------------------------------------

async function loadCampaigns() {
  const box = $('#campaigns');
  const reply = await api('GET', '/api/campaigns');
  const list: any[] = reply.status === 200 ? (Array.isArray(reply.body) ? reply.body : reply.body.items ?? []) : [];
  const items = list.map((c) => {
    const li = el('li', { class: 'campaign', 'data-status': c.status }, el('strong', {}, c.name),
      el('span', { class: 'meta' }, ` ${fmtDate(c.startsAt)} – ${fmtDate(c.endsAt)} · ${t.status[c.status] ?? c.status}${c.mostInventive ? ` · ${t.mostInventive(c.mostInventive)}` : ''}`));
    if (c.status !== 'closed') {
      const close = el('button', { type: 'button', class: 'secondary' }, t.close(c.name));
      close.addEventListener('click', async () => {
        const r = await api('POST', `/api/campaigns/${c.id}/close`);
        if (r.status !== 200) return say(`${t.failed}: ${problemMessage(lang, r)}`, false);
        await loadCampaigns();
        say(t.closed(c.name, r.body?.mostInventive ?? r.body?.winner ?? null));
        $('#campaigns-h').focus();
      });
      li.append(' ', close);
    }
    return li;
  });
  const now = Date.now();
  const form = el('form', { id: 'campaign-form', novalidate: '', 'aria-labelledby': 'campaign-new-h' }, el('h3', { id: 'campaign-new-h' }, t.newCampaign),
    field('campaign.name', t.campaignName, input('text')),
    el('div', { class: 'pair' }, field('campaign.startsAt', t.starts, timeInput(now)), field('campaign.endsAt', t.ends, timeInput(now + 30 * 86_400_000))),
    el('div', { class: 'buttons' }, el('button', { type: 'submit' }, t.openCampaign)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = (n: string) => form.querySelector<HTMLInputElement>(`[data-field="campaign.${n}"]`)!.value.trim();
    const errors: FieldError[] = [];
    for (const n of ['name', 'startsAt', 'endsAt']) if (!v(n)) errors.push({ field: `campaign.${n}`, message: '', text: t.e.required });
    if (v('startsAt') && v('endsAt') && Date.parse(iso(v('endsAt'))) <= Date.parse(iso(v('startsAt')))) errors.push({ field: 'campaign.endsAt', message: '', text: t.e.campaignOrder });
    showFieldErrors(form, errors);
    if (errors.length) return say(t.fix, false);
    const r = await api('POST', '/api/campaigns', { name: v('name'), startsAt: iso(v('startsAt')), endsAt: iso(v('endsAt')) });
    if (r.status !== 201) {
      const mapped = (r.body?.errors ?? []).map((x: any) => ({ ...x, field: `campaign.${x.field}` }));
      return say(showFieldErrors(form, mapped) ? t.fix : `${t.failed}: ${problemMessage(lang, r)}`, false);
    }
    await loadCampaigns();
    say(t.campaignOpened(v('name')));
  });
  box.replaceChildren(items.length ? el('ul', { class: 'plain' }, ...items) : el('p', {}, t.noCampaigns), form);
}

// ---------------------------------------------------------------------------------------------
// Granting awards (the series' chair, or a programme admin)
// ---------------------------------------------------------------------------------------------

async function loadGrants() {
  const box = $('#grants');
  const seasons = await api('GET', '/api/award-seasons');
  if (seasons.status !== 200) return box.replaceChildren();
  const parts: Node[] = [];
  for (const s of seasons.body as any[]) {
    const season = await api('GET', `/api/award-seasons/${s.id}`);
    if (season.status !== 200) continue;
    // A programme admin may grant the awards of every series; a chair, those of their own series.
    const keys: string[] = season.body.you.admin ? (season.body.series as any[]).map((x) => x.key) : season.body.you.chairOf;
    for (const key of keys) {
      const series = season.body.series.find((x: any) => x.key === key);
      parts.push(await grantSection(season.body, series));
    }
  }
  box.replaceChildren(...(parts.length ? parts : [el('p', {}, t.notChair)]));
}

async function grantSection(season: any, series: any): Promise<HTMLElement> {
  const hid = `grant-${season.id}-${series.key}`;
  const section = el('section', { class: 'grant', 'aria-labelledby': hid, 'data-series': series.key }, el('h3', { id: hid }, t.grantFor(season.name, series.name)),
    el('p', { class: 'meta' }, t.results(fmtDate(season.galaAt)), ' ', el('a', { href: `/results.html#season=${season.id}` }, t.resultsLink)));
  const q = `series=${encodeURIComponent(series.key)}`;
  const [shortlist, nominations] = await Promise.all([api('GET', `/api/award-seasons/${season.id}/shortlist?${q}`), api('GET', `/api/award-seasons/${season.id}/nominations?${q}`)]);
  if (shortlist.status !== 200 || nominations.status !== 200) {
    section.append(el('p', { class: 'err' }, problemMessage(lang, shortlist.status !== 200 ? shortlist : nominations)));
    return section;
  }
  if (shortlist.body.stage !== 'winners') {
    section.append(el('p', {}, t.roundsOpen(series.name)));
    return section;
  }
  const names = new Map<string, string>((nominations.body.items as any[]).map((n) => [n.id, n.nominee.title ?? n.nominee.name ?? n.nominee.organisation ?? n.id]));
  const rounds: any[] = shortlist.body.rounds ?? [];
  const finalists: string[] = rounds[rounds.length - 1]?.selected ?? [];
  const nominee = el('select', {}, ...finalists.map((n) => el('option', { value: n }, names.get(n) ?? n)));
  const category = el('select', {}, ...Object.entries(t.categories).filter(([k]) => k !== 'sub-award' || (series.subAwards ?? []).length).map(([k, v]) => el('option', { value: k }, v)));
  const sub = el('select', {}, ...(series.subAwards ?? []).map((a: string) => el('option', { value: a }, a)));
  const subBox = field(`${hid}.subAward`, t.subAward, sub);
  const showSub = () => (subBox.hidden = category.value !== 'sub-award');
  category.addEventListener('change', showSub);
  showSub();
  const form = el('form', { class: 'action', novalidate: '' }, field(`${hid}.nominationId`, t.nominee, nominee), field(`${hid}.category`, t.category, category), subBox,
    el('button', { type: 'submit' }, t.grant));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { nominationId: nominee.value, category: category.value, ...(category.value === 'sub-award' ? { subAward: sub.value } : {}) };
    const r = await api('POST', `/api/award-seasons/${season.id}/awards`, body);
    if (r.status !== 200 && r.status !== 201) {
      const mapped = (r.body?.errors ?? []).map((x: any) => ({ ...x, field: `${hid}.${x.field}` }));
      return say(showFieldErrors(form, mapped) ? t.fix : `${t.failed}: ${problemMessage(lang, r)}`, false);
    }
    say(t.granted(`${names.get(nominee.value) ?? ''} (${t.categories[category.value]})`));
  });
  section.append(form);
  return section;
}

setupPage(t.title);
$('#season-h').textContent = t.season;
$('#campaigns-h').textContent = t.campaigns;
$('#campaigns-h').setAttribute('tabindex', '-1');
$('#grant-h').textContent = t.grants;
$('#edit-h').textContent = t.edit;
$('#edit-h').setAttribute('tabindex', '-1');
$('#season-setup').replaceChildren(seasonForm());
const load = () => Promise.all([loadCampaigns(), loadGrants(), loadEdit()]);
tokenForm(() => void load());
void load();
void pageBell();
