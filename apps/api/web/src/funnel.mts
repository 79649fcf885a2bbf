// Funnel dashboard: counts per stage, how far ideas got, conversions and lead times (median days per stage),
// unit activity over time; per organisation, unit, sector and period; CSV export of all of it.
import { $, api, el, foldable, say, scrollable, tokenForm } from './common.mts';
import { DAY_HINT, DAY_INVALID, fmtNumber, fmtPercent, lang, loadOrganisations, organisations, orgName, pick, readDay, s, SECTORS, setupPage, stageName, type Texts } from './i18n.mts';
import { fieldMessage, fieldOf, problemMessage } from './messages.mts';
import { pageBell } from './page.mts';

const FILTERS = ['organisation', 'unit', 'sector', 'from', 'to', 'period'] as const;
const PERIODS: Record<string, Texts> = { month: s('kuukausittain', 'per månad', 'by month'), quarter: s('neljännesvuosittain', 'per kvartal', 'by quarter'), year: s('vuosittain', 'per år', 'by year') };
const T = {
  title: s('Innovaatiosuppilo', 'Innovationstratten', 'Innovation funnel'),
  filtersLabel: s('Rajaukset', 'Avgränsningar', 'Filters'), organisation: s('Organisaatio', 'Organisation', 'Organisation'), own: s('Oma organisaatio', 'Egen organisation', 'Own organisation'),
  unit: s('Yksikkö', 'Enhet', 'Unit'), sector: s('Toimiala', 'Sektor', 'Sector'), all: s('Kaikki', 'Alla', 'All'), from: s('Alkaen', 'Från', 'From'), to: s('Ennen', 'Före', 'Before'),
  period: s('Jakso', 'Period', 'Period'), month: s('Kuukausi', 'Månad', 'Month'), quarter: s('Neljännesvuosi', 'Kvartal', 'Quarter'), year: s('Vuosi', 'År', 'Year'), show: s('Näytä', 'Visa', 'Show'),
  csv: s('Lataa CSV', 'Ladda ned CSV', 'Download CSV'), dayHint: DAY_HINT,
  loadFailed: s('Suppiloa ei voitu hakea', 'Tratten kunde inte hämtas', 'The funnel could not be loaded'), ideas: s('ideaa', 'idéer', 'ideas'),
  byStage: s('Ideat vaiheittain', 'Idéerna per skede', 'Ideas by stage'), howFar: s('Kuinka pitkälle ideat etenivät', 'Hur långt idéerna kom', 'How far the ideas got'),
  submitted: s('Lähetetty', 'Inskickade', 'Submitted'), reviewed: s('Arvioitu', 'Bedömda', 'Reviewed'), piloted: s('Pilotoitu', 'Pilottestade', 'Piloted'), adopted: s('Käyttöönotettu', 'Införda', 'Adopted'),
  conversions: s('Konversiot', 'Konverteringar', 'Conversions'), toPilot: s('Lähetetty → pilotti', 'Inskickad → pilot', 'Submitted → pilot'), pilotToAdopted: s('Pilotti → käyttöön', 'Pilot → införd', 'Pilot → adopted'),
  toAdopted: s('Lähetetty → käyttöön', 'Inskickad → införd', 'Submitted → adopted'), leadTimes: s('Läpimenoajat: mediaanipäivät vaiheessa', 'Genomloppstider: mediandagar i skedet', 'Lead times: median days in the stage'),
  days: s('pv', 'd', 'd'), measure: s('Mittari', 'Mått', 'Measure'), value: s('Arvo', 'Värde', 'Value'), count: s('Määrä', 'Antal', 'Count'),
  activity: s('Yksiköiden aktiivisuus', 'Enheternas aktivitet', 'Unit activity'), none: s('Ei toimintaa valitulla aikavälillä.', 'Ingen aktivitet under den valda perioden.', 'No activity in the chosen period.'),
  legendSubmitted: s('lähetetyt', 'inskickade', 'submitted'), legendPiloted: s('pilotoidut', 'pilottestade', 'piloted'), legendAdopted: s('käyttöönotetut', 'införda', 'adopted'),
  periodCol: s('Jakso', 'Period', 'Period'), participants: s('Osallistuneita', 'Deltagare', 'Participants'),
  tableCaption: s('Yksiköt jaksoittain (vain jaksot, joilla oli toimintaa)', 'Enheterna per period (endast perioder med aktivitet)', 'Units by period (only periods with activity)'),
  participantsNote: s('Osallistuneita: eri henkilöt, jotka lähettivät idean tai kommentoivat jaksolla. Osuus henkilöstöstä vaatii yksiköiden henkilöstömäärät, joita palvelu ei vielä tunne.',
    'Deltagare: olika personer som skickade in en idé eller kommenterade under perioden. Andelen av personalen kräver enheternas personalantal, som tjänsten ännu inte känner till.',
    'Participants: different people who submitted an idea or commented in the period. A share of the staff needs the units\' headcounts, which the service does not know yet.'),
  chartTable: s('Kaavion luvut taulukkona', 'Diagrammets siffror som tabell', "The chart's figures as a table"),
};
const t = (key: keyof typeof T) => pick(T[key]);
setupPage({ title: T.title, texts: T });
let current: { funnel: any; activity: any } | undefined;

/** A bar chart drawn for the eye, and the same figures as a table for screen readers, copying and high zoom. */
function bars(title: string, entries: [string, number | null][], unit = '') {
  const max = Math.max(1, ...entries.map(([, n]) => n ?? 0));
  const shown = (n: number | null) => (n === null ? '–' : `${fmtNumber(n)}${unit ? ` ${unit}` : ''}`);
  return el('section', { class: 'chart', 'aria-label': title }, el('h2', {}, title),
    el('dl', { 'aria-hidden': 'true' }, ...entries.flatMap(([label, n]) => [el('dt', {}, label), el('dd', {}, el('span', { class: 'bar', style: `width:${((n ?? 0) / max) * 100}%` }), el('span', { class: 'n' }, shown(n)))])),
    // (A table is never narrower than its content: the box around it is what is hidden.)
    el('div', { class: 'visually-hidden' }, el('table', { class: 'chart-table' }, el('caption', {}, `${title}: ${t('chartTable')}`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('measure')), el('th', { scope: 'col' }, t('count')))),
      el('tbody', {}, ...entries.map(([label, n]) => el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, shown(n))))))));
}

const pct = (x: number | null) => fmtPercent(x);

/** Activity per period as grouped columns (submitted, piloted, adopted) and as a table for screen readers and copying. */
function activityChart(activity: any): HTMLElement {
  const section = el('section', { class: 'chart wide', 'aria-labelledby': 'activity-h' }, el('h2', { id: 'activity-h' }, `${t('activity')} ${PERIODS[activity.period]?.[lang] ?? activity.period}`));
  if (!activity.periods.length) {
    section.append(el('p', { class: 'meta' }, t('none')));
    return section;
  }
  const max = Math.max(1, ...activity.totals.flatMap((t: any) => [t.submitted, t.piloted, t.adopted]));
  section.append(
    el('div', { class: 'columns', 'aria-hidden': 'true' }, ...activity.totals.map((t: any) => el('div', { class: 'period' },
      el('div', { class: 'stack' }, ...(['submitted', 'piloted', 'adopted'] as const).map((k) => el('span', { class: `col ${k}`, style: `height:${(t[k] / max) * 100}%`, title: `${t.period}: ${fmtNumber(t[k], 0)}` }))),
      el('span', { class: 'label' }, t.period)))),
    el('p', { class: 'legend', 'aria-hidden': 'true' }, el('span', { class: 'key submitted' }), ` ${t('legendSubmitted')} `, el('span', { class: 'key piloted' }), ` ${t('legendPiloted')} `, el('span', { class: 'key adopted' }), ` ${t('legendAdopted')}`),
  );
  const head = el('tr', {}, ...(['unit', 'periodCol', 'submitted', 'piloted', 'adopted', 'participants'] as const).map((k) => el('th', { scope: 'col' }, t(k))));
  const rows = activity.units.flatMap((u: any) => u.activity.filter((a: any) => a.submitted + a.piloted + a.adopted + a.participants > 0)
    .map((a: any) => el('tr', {}, el('th', { scope: 'row' }, u.unit), el('td', {}, a.period), el('td', {}, fmtNumber(a.submitted, 0)), el('td', {}, fmtNumber(a.piloted, 0)), el('td', {}, fmtNumber(a.adopted, 0)), el('td', {}, fmtNumber(a.participants, 0)))));
  section.append(
    scrollable(el('table', { class: 'activity' }, el('caption', {}, t('tableCaption')), el('thead', {}, head), el('tbody', {}, ...rows))),
    el('p', { class: 'meta' }, t('participantsNote')),
  );
  return section;
}

// On a phone the filters fold behind "Rajaa", which says how many are in use.
const fold = foldable($<HTMLButtonElement>('#filters-toggle'));

function showFieldErrors(errors: { field: string; message: string }[]) {
  for (const name of FILTERS) {
    const mine = errors.filter((e) => fieldOf(e.field, name));
    const box = document.querySelector<HTMLElement>(`#e-${name}`);
    if (box) box.textContent = mine.map((e) => (e.message === DAY_MESSAGE ? pick(DAY_INVALID) : fieldMessage(lang, e))).join(' ');
    const control = $(`#${name}`);
    if (mine.length) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }
  const first = FILTERS.find((name) => errors.some((e) => fieldOf(e.field, name)));
  if (first) {
    fold.open();
    $(`#${first}`).focus();
  }
}

/** A day the page could not read: said under its field, nothing is asked. */
const DAY_MESSAGE = 'not a day';

async function load() {
  const form = $<HTMLFormElement>('#filters');
  const params = new URLSearchParams();
  const bad: { field: string; message: string }[] = [];
  for (const name of FILTERS) {
    const control = form.elements.namedItem(name) as HTMLInputElement;
    // Days as typed (31.12.2026) are asked as YYYY-MM-DD.
    const v = name === 'from' || name === 'to' ? readDay(control) : control.value.trim();
    if (v === undefined) bad.push({ field: name, message: DAY_MESSAGE });
    else if (v && name !== 'period') params.set(name, v);
  }
  if (bad.length) {
    showFieldErrors(bad);
    return say(`${t('loadFailed')}: ${pick(DAY_INVALID)}`, false);
  }
  fold.count([...params.keys()].length);
  const period = (form.elements.namedItem('period') as HTMLSelectElement).value;
  const [funnel, activity] = await Promise.all([api('GET', `/api/funnel?${params}`), api('GET', `/api/funnel/activity?${params}&period=${period}`)]);
  const failed = funnel.status !== 200 ? funnel : activity.status !== 200 ? activity : undefined;
  showFieldErrors(failed?.body?.errors ?? []);
  if (failed) return say(`${t('loadFailed')}: ${problemMessage(lang, failed)}`, false);
  const f = funnel.body;
  current = { funnel: f, activity: activity.body };
  say(`${orgName(f.organisation)}: ${fmtNumber(f.total, 0)} ${t('ideas')}`);
  $('#charts').replaceChildren(
    bars(t('byStage'), Object.entries(f.counts).map(([k, n]) => [stageName(k), n as number])),
    bars(t('howFar'), [[t('submitted'), f.total], [t('reviewed'), f.reached.inReview], [t('piloted'), f.reached.piloting], [t('adopted'), f.reached.adopted]]),
    el('section', { class: 'chart' }, el('h2', { id: 'conv-h' }, t('conversions')), el('table', { 'aria-labelledby': 'conv-h' }, el('tbody', {},
      el('tr', {}, el('th', { scope: 'row' }, t('toPilot')), el('td', {}, pct(f.conversion.submittedToPiloting))),
      el('tr', {}, el('th', { scope: 'row' }, t('pilotToAdopted')), el('td', {}, pct(f.conversion.pilotingToAdopted))),
      el('tr', {}, el('th', { scope: 'row' }, t('toAdopted')), el('td', {}, pct(f.conversion.submittedToAdopted)))))),
    bars(t('leadTimes'), Object.entries(f.medianDays).map(([k, n]) => [stageName(k), n as number | null]), t('days')),
    activityChart(activity.body),
  );
}

function csv() {
  if (!current) return;
  const { funnel: f, activity: a } = current;
  const filter = Object.entries(f.filter ?? {}).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`).join(' ');
  const rows: unknown[][] = [['mittari', 'arvo'], ['organisaatio', f.organisation], ['rajaus', filter], ['yhteensä', f.total],
    ...Object.entries(f.counts).map(([k, n]) => [`vaiheessa:${k}`, n]), ...Object.entries(f.reached).map(([k, n]) => [`saavuttanut:${k}`, n]),
    ...Object.entries(f.conversion).map(([k, n]) => [`konversio:${k}`, n ?? '']), ...Object.entries(f.medianDays).map(([k, n]) => [`mediaanipäivät:${k}`, n ?? '']),
    [], ['yksikkö', 'jakso', 'lähetetty', 'pilotoitu', 'käyttöönotettu', 'osallistuneita'],
    ...a.units.flatMap((u: any) => u.activity.map((x: any) => [u.unit, x.period, x.submitted, x.piloted, x.adopted, x.participants])),
    ...a.totals.map((x: any) => ['kaikki', x.period, x.submitted, x.piloted, x.adopted, x.participants])];
  const text = rows.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(';')).join('\r\n');
  const link = el('a', { href: URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/csv' })), download: `suppilo-${f.organisation}.csv` });
  link.click();
}

const sector = $<HTMLSelectElement>('#sector');
for (const [v, l] of Object.entries(SECTORS)) sector.append(el('option', { value: v }, l[lang]));
$('#filters').addEventListener('submit', (e) => {
  e.preventDefault();
  void load();
});
$('#csv').addEventListener('click', csv);
tokenForm(() => void load());
void loadOrganisations().then(() => {
  // The organisations to choose from, by name; the id is what the API is asked with.
  const choice = $<HTMLSelectElement>('#organisation');
  for (const o of organisations()) choice.append(el('option', { value: o.id }, o.name));
  return load();
});
void pageBell();
