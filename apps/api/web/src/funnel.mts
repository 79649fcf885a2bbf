// Funnel dashboard: counts per stage, how far ideas got, conversions and median days; CSV export.
import { $, api, el, problem, say, STAGE_FI, SECTOR_FI, tokenForm } from './common.mts';

let current: any;

function bars(title: string, entries: [string, number | null][], unit = '') {
  const max = Math.max(1, ...entries.map(([, n]) => n ?? 0));
  return el('section', { class: 'chart', 'aria-label': title }, el('h2', {}, title),
    el('dl', {}, ...entries.flatMap(([label, n]) => [el('dt', {}, label), el('dd', {}, el('span', { class: 'bar', style: `width:${((n ?? 0) / max) * 100}%` }), el('span', { class: 'n' }, n === null ? '–' : `${n}${unit}`))])));
}

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 1000) / 10} %`);

async function load() {
  const form = $<HTMLFormElement>('#filters');
  const params = new URLSearchParams();
  for (const name of ['organisation', 'unit', 'sector', 'from', 'to']) {
    const v = (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    if (v) params.set(name, name === 'to' || name === 'from' ? new Date(v).toISOString() : v);
  }
  const reply = await api('GET', `/api/funnel?${params}`);
  if (reply.status !== 200) return say(`Suppiloa ei voitu hakea: ${problem(reply)}`, false);
  const f = (current = reply.body);
  say(`${f.organisation}: ${f.total} ideaa`);
  $('#charts').replaceChildren(
    bars('Ideat vaiheittain', Object.entries(f.counts).map(([k, n]) => [STAGE_FI[k] ?? k, n as number])),
    bars('Kuinka pitkälle ideat etenivät', [['Lähetetty', f.total], ['Arvioitu', f.reached.inReview], ['Pilotoitu', f.reached.piloting], ['Käyttöönotettu', f.reached.adopted]]),
    el('section', { class: 'chart' }, el('h2', {}, 'Konversiot'), el('table', {},
      el('tr', {}, el('th', {}, 'Lähetetty → pilotti'), el('td', {}, pct(f.conversion.submittedToPiloting))),
      el('tr', {}, el('th', {}, 'Pilotti → käyttöön'), el('td', {}, pct(f.conversion.pilotingToAdopted))),
      el('tr', {}, el('th', {}, 'Lähetetty → käyttöön'), el('td', {}, pct(f.conversion.submittedToAdopted))))),
    bars('Mediaanipäivät vaiheessa', Object.entries(f.medianDays).map(([k, n]) => [STAGE_FI[k] ?? k, n as number | null]), ' pv'),
  );
}

function csv() {
  if (!current) return;
  const f = current;
  const rows = [['mittari', 'arvo'], ['organisaatio', f.organisation], ['yhteensä', f.total],
    ...Object.entries(f.counts).map(([k, n]) => [`vaiheessa:${k}`, n]), ...Object.entries(f.reached).map(([k, n]) => [`saavuttanut:${k}`, n]),
    ...Object.entries(f.conversion).map(([k, n]) => [`konversio:${k}`, n ?? '']), ...Object.entries(f.medianDays).map(([k, n]) => [`mediaanipäivät:${k}`, n ?? ''])];
  const text = rows.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(';')).join('\r\n');
  const a = el('a', { href: URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/csv' })), download: `suppilo-${f.organisation}.csv` });
  a.click();
}

const sector = $<HTMLSelectElement>('#sector');
for (const [v, l] of Object.entries(SECTOR_FI)) sector.append(el('option', { value: v }, l));
$('#filters').addEventListener('submit', (e) => {
  e.preventDefault();
  void load();
});
$('#csv').addEventListener('click', csv);
tokenForm(() => void load());
void load();
