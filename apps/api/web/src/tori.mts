// Tekojen tori: public search of published development deeds with facets, a deed page, campaign standings.
import { $, api, el, fmtDate, foldable, problem, say, SECTOR_FI } from './common.mts';

const FACET_NAMES: Record<string, string> = { sector: 'Toimiala', theme: 'Teema', organisation: 'Organisaatio', year: 'Vuosi' };
// On narrow screens the facets fold behind a "Rajaa" button; on wide ones they stay beside the results.
const fold = foldable($<HTMLButtonElement>('#facets-toggle'));
const filters: Record<string, string> = {};
let timer: ReturnType<typeof setTimeout> | undefined;
let latest = 0;

async function search() {
  const q = $<HTMLInputElement>('#q').value.trim();
  const params = new URLSearchParams({ limit: '20', ...(q ? { q } : { sort: 'newest' }), ...filters });
  const call = ++latest;
  const reply = await api('GET', `/api/catalogue/deeds?${params}`);
  if (call !== latest) return; // a newer search already answered
  if (reply.status !== 200) return say(problem(reply), false);
  const { items, total, totalExact, totalLabel, facets } = reply.body;
  // Past the exactly counted matches the total is an estimate: "noin 21 000 tekoa".
  $('#count').textContent = totalExact === false && totalLabel ? `${totalLabel.fi} tekoa` : `${total} ${total === 1 ? 'teko' : 'tekoa'}`;
  const list = $('#results');
  list.replaceChildren(
    ...items.map((d: any) => {
      const link = el('a', { href: `#deed/${d.id}` }, d.title);
      return el('li', { class: 'result' }, el('h3', {}, link), el('p', { class: 'meta' }, `${d.organisation} · ${SECTOR_FI[d.sector] ?? d.sector} · ${d.year}${d.awards?.length ? ' · palkittu' : ''}`), el('p', {}, d.aim));
    }),
  );
  fold.count(Object.keys(filters).length);
  const facetBox = $('#facets');
  facetBox.replaceChildren(
    ...Object.entries(facets as Record<string, Record<string, number>>).map(([name, values]) => {
      const group = el('fieldset', {}, el('legend', {}, FACET_NAMES[name] ?? name));
      for (const [value, n] of Object.entries(values).sort((a, b) => b[1] - a[1]).slice(0, 12)) {
        const id = `facet-${name}-${value}`;
        const box = el('input', { type: 'checkbox', id, 'data-facet': name, value });
        box.checked = filters[name] === value;
        box.addEventListener('change', () => {
          if (box.checked) filters[name] = value;
          else delete filters[name];
          void search();
        });
        group.append(el('div', { class: 'facet' }, box, el('label', { for: id }, `${name === 'sector' ? SECTOR_FI[value] ?? value : value} (${n})`)));
      }
      return group;
    }),
  );
}

async function showDeed(id: string) {
  const panel = $('#deed');
  const reply = await api('GET', `/api/catalogue/deeds/${encodeURIComponent(id)}`);
  if (reply.status !== 200) return say(problem(reply), false);
  const d = reply.body;
  const parts: Node[] = [
    el('a', { href: '#', class: 'back' }, '← Takaisin hakuun'),
    el('h2', { id: 'deed-title', tabindex: '-1' }, d.title),
    el('p', { class: 'meta' }, `${d.organisation} · ${d.unit} · ${SECTOR_FI[d.sector] ?? d.sector} · ${d.periodFrom ?? ''}–${d.periodTo ?? ''}`),
    el('h3', {}, 'Tavoite'), el('p', {}, d.aim), el('h3', {}, 'Saavutettu'), el('p', {}, d.achieved),
  ];
  if (d.metrics?.length) parts.push(el('h3', {}, 'Mittarit'), el('ul', {}, ...d.metrics.map((m: any) => el('li', {}, `${m.name}: ${m.baseline ?? '–'} → ${m.value} ${m.unit ?? ''}`))));
  if (d.awards?.length) parts.push(el('h3', {}, 'Palkinnot'), el('ul', {}, ...d.awards.map((a: any) => el('li', {}, `${a.award} – ${a.series} (${a.year})`))));
  if (d.lineage?.length) {
    parts.push(el('h3', {}, 'Taustalla'));
    parts.push(el('ol', { class: 'timeline' }, ...d.lineage.flatMap((l: any) => [
      el('li', {}, `Idea: ${l.title} (${fmtDate(l.submittedAt)})`),
      ...(l.pilot ? [el('li', {}, `Pilotti: ${l.pilot.goal} (${l.pilot.startsOn}–${l.pilot.endsOn})`)] : []),
      ...(l.result ? [el('li', {}, `Tulos: ${l.result.summary}`)] : []),
    ])));
  }
  parts.push(el('h3', {}, 'Versiot'), el('ol', {}, ...(d.revisions ?? []).map((r: any) => el('li', {}, `Versio ${r.revision}, julkaistu ${fmtDate(r.publishedAt)}: ${r.content?.title ?? ''}`))));
  panel.replaceChildren(...parts);
  panel.hidden = false;
  $('#search-view').hidden = true;
  $('#deed-title').focus();
}

async function campaigns() {
  const reply = await api('GET', '/api/campaigns');
  const box = $('#campaigns');
  const list: any[] = Array.isArray(reply.body) ? reply.body : reply.body?.items ?? [];
  if (reply.status !== 200 || !list.length) return box.replaceChildren(el('p', {}, 'Ei kampanjoita.'));
  const c = list[0];
  const s = await api('GET', `/api/campaigns/${c.id}/standings`);
  const rows: any[] = s.body?.standings ?? [];
  const max = Math.max(1, ...rows.map((r) => r.deeds));
  box.replaceChildren(
    el('h3', {}, c.name), el('p', { class: 'meta' }, `${fmtDate(c.startsAt)} – ${fmtDate(c.endsAt)}${s.body?.mostInventive ? ` · Suomen kekseliäin kunta: ${s.body.mostInventive}` : ''}`),
    el('ol', { class: 'standings' }, ...rows.slice(0, 10).map((r) => el('li', {}, el('span', { class: 'org' }, r.organisation), el('span', { class: 'bar', style: `width:${(r.deeds / max) * 100}%` }), el('span', { class: 'n' }, String(r.deeds))))),
  );
}

function route() {
  const m = /^#deed\/(.+)$/.exec(location.hash);
  if (m) return void showDeed(m[1]);
  $('#deed').hidden = true;
  $('#search-view').hidden = false;
}

$<HTMLInputElement>('#q').addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => void search(), 250);
});
$('#search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(timer);
  void search();
});
addEventListener('hashchange', route);
route();
void search();
void campaigns();
