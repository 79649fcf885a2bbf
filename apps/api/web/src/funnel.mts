// Funnel dashboard: counts per stage, how far ideas got, conversions and lead times (median days per stage),
// unit activity over time; per organisation, unit, sector and period; CSV export of all of it.
import { $, api, el, foldable, say, scrollable, STAGE_FI, SECTOR_FI, tokenForm } from './common.mts';
import { fieldMessage, fieldOf, problemMessage } from './messages.mts';
import { pageBell } from './page.mts';

const FILTERS = ['organisation', 'unit', 'sector', 'from', 'to', 'period'] as const;
const PERIOD_FI: Record<string, string> = { month: 'kuukausittain', quarter: 'neljännesvuosittain', year: 'vuosittain' };
let current: { funnel: any; activity: any } | undefined;

function bars(title: string, entries: [string, number | null][], unit = '') {
  const max = Math.max(1, ...entries.map(([, n]) => n ?? 0));
  return el('section', { class: 'chart', 'aria-label': title }, el('h2', {}, title),
    el('dl', {}, ...entries.flatMap(([label, n]) => [el('dt', {}, label), el('dd', {}, el('span', { class: 'bar', style: `width:${((n ?? 0) / max) * 100}%` }), el('span', { class: 'n' }, n === null ? '–' : `${n}${unit}`))])));
}

const pct = (x: number | null) => (x === null ? '–' : `${new Intl.NumberFormat('fi', { maximumFractionDigits: 1 }).format(x * 100)} %`);

/** Activity per period as grouped columns (submitted, piloted, adopted) and as a table for screen readers and copying. */
function activityChart(activity: any): HTMLElement {
  const section = el('section', { class: 'chart wide', 'aria-labelledby': 'activity-h' }, el('h2', { id: 'activity-h' }, `Yksiköiden aktiivisuus ${PERIOD_FI[activity.period] ?? activity.period}`));
  if (!activity.periods.length) {
    section.append(el('p', { class: 'meta' }, 'Ei toimintaa valitulla aikavälillä.'));
    return section;
  }
  const max = Math.max(1, ...activity.totals.flatMap((t: any) => [t.submitted, t.piloted, t.adopted]));
  section.append(
    el('div', { class: 'columns', 'aria-hidden': 'true' }, ...activity.totals.map((t: any) => el('div', { class: 'period' },
      el('div', { class: 'stack' }, ...(['submitted', 'piloted', 'adopted'] as const).map((k) => el('span', { class: `col ${k}`, style: `height:${(t[k] / max) * 100}%`, title: `${t.period}: ${t[k]}` }))),
      el('span', { class: 'label' }, t.period)))),
    el('p', { class: 'legend', 'aria-hidden': 'true' }, el('span', { class: 'key submitted' }), ' lähetetyt ', el('span', { class: 'key piloted' }), ' pilotoidut ', el('span', { class: 'key adopted' }), ' käyttöönotetut'),
  );
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Yksikkö'), el('th', { scope: 'col' }, 'Jakso'), el('th', { scope: 'col' }, 'Lähetetty'), el('th', { scope: 'col' }, 'Pilotoitu'), el('th', { scope: 'col' }, 'Käyttöönotettu'), el('th', { scope: 'col' }, 'Osallistuneita'));
  const rows = activity.units.flatMap((u: any) => u.activity.filter((a: any) => a.submitted + a.piloted + a.adopted + a.participants > 0)
    .map((a: any) => el('tr', {}, el('th', { scope: 'row' }, u.unit), el('td', {}, a.period), el('td', {}, String(a.submitted)), el('td', {}, String(a.piloted)), el('td', {}, String(a.adopted)), el('td', {}, String(a.participants)))));
  section.append(
    scrollable(el('table', { class: 'activity' }, el('caption', {}, 'Yksiköt jaksoittain (vain jaksot, joilla oli toimintaa)'), el('thead', {}, head), el('tbody', {}, ...rows))),
    el('p', { class: 'meta' }, 'Osallistuneita: eri henkilöt, jotka lähettivät idean tai kommentoivat jaksolla. Osuus henkilöstöstä vaatii yksiköiden henkilöstömäärät, joita palvelu ei vielä tunne.'),
  );
  return section;
}

// On a phone the filters fold behind "Rajaa", which says how many are in use.
const fold = foldable($<HTMLButtonElement>('#filters-toggle'));

function showFieldErrors(errors: { field: string; message: string }[]) {
  for (const name of FILTERS) {
    const mine = errors.filter((e) => fieldOf(e.field, name));
    const box = document.querySelector<HTMLElement>(`#e-${name}`);
    if (box) box.textContent = mine.map((e) => fieldMessage('fi', e)).join(' ');
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

async function load() {
  const form = $<HTMLFormElement>('#filters');
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const v = (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    if (v && name !== 'period') params.set(name, v);
  }
  fold.count([...params.keys()].length);
  const period = (form.elements.namedItem('period') as HTMLSelectElement).value;
  const [funnel, activity] = await Promise.all([api('GET', `/api/funnel?${params}`), api('GET', `/api/funnel/activity?${params}&period=${period}`)]);
  const failed = funnel.status !== 200 ? funnel : activity.status !== 200 ? activity : undefined;
  showFieldErrors(failed?.body?.errors ?? []);
  if (failed) return say(`Suppiloa ei voitu hakea: ${problemMessage('fi', failed)}`, false);
  const f = funnel.body;
  current = { funnel: f, activity: activity.body };
  say(`${f.organisation}: ${f.total} ideaa`);
  $('#charts').replaceChildren(
    bars('Ideat vaiheittain', Object.entries(f.counts).map(([k, n]) => [STAGE_FI[k] ?? k, n as number])),
    bars('Kuinka pitkälle ideat etenivät', [['Lähetetty', f.total], ['Arvioitu', f.reached.inReview], ['Pilotoitu', f.reached.piloting], ['Käyttöönotettu', f.reached.adopted]]),
    el('section', { class: 'chart' }, el('h2', {}, 'Konversiot'), el('table', {},
      el('tr', {}, el('th', {}, 'Lähetetty → pilotti'), el('td', {}, pct(f.conversion.submittedToPiloting))),
      el('tr', {}, el('th', {}, 'Pilotti → käyttöön'), el('td', {}, pct(f.conversion.pilotingToAdopted))),
      el('tr', {}, el('th', {}, 'Lähetetty → käyttöön'), el('td', {}, pct(f.conversion.submittedToAdopted))))),
    bars('Läpimenoajat: mediaanipäivät vaiheessa', Object.entries(f.medianDays).map(([k, n]) => [STAGE_FI[k] ?? k, n as number | null]), ' pv'),
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
for (const [v, l] of Object.entries(SECTOR_FI)) sector.append(el('option', { value: v }, l));
$('#filters').addEventListener('submit', (e) => {
  e.preventDefault();
  void load();
});
$('#csv').addEventListener('click', csv);
tokenForm(() => void load());
void pageBell();
void load();
