// Tekojen tori: public search of published development deeds with facets, a deed page, campaign standings.
import { $, api, el, foldable, say } from './common.mts';
import { fmtDateTime, fmtDay, fmtNumber, lang, loadOrganisations, orgName, pick, s, sectorName, setupPage, type Texts } from './i18n.mts';
import { problemMessage } from './messages.mts';

const problem = (reply: { status: number; body: any }) => problemMessage(lang, reply);
const T = {
  title: s('Tekojen tori', 'Tekojen tori – insatstorget', 'Tekojen tori – the deeds catalogue'),
  searchLabel: s('Hae kehittämistekoja', 'Sök utvecklingsinsatser', 'Search development deeds'), searchPlaceholder: s('esim. ruokahävikki', 't.ex. matsvinn', 'e.g. food waste'),
  search: s('Hae', 'Sök', 'Search'), facetsLabel: s('Rajaukset', 'Avgränsningar', 'Filters'), campaign: s('Tekoja tiskiin -kampanja', 'Kampanjen Tekoja tiskiin', 'The Tekoja tiskiin campaign'),
  awarded: s('palkittu', 'prisbelönt', 'awarded'), back: s('← Takaisin hakuun', '← Tillbaka till sökningen', '← Back to the search'),
  aim: s('Tavoite', 'Mål', 'Aim'), achieved: s('Saavutettu', 'Uppnått', 'Achieved'), metrics: s('Mittarit', 'Mätare', 'Metrics'), awards: s('Palkinnot', 'Priser', 'Awards'),
  background: s('Taustalla', 'Bakgrund', 'Background'), idea: s('Idea', 'Idé', 'Idea'), pilot: s('Pilotti', 'Pilot', 'Pilot'), result: s('Tulos', 'Resultat', 'Result'),
  revisions: s('Versiot', 'Versioner', 'Revisions'), revision: s('Versio', 'Version', 'Revision'), publishedOn: s('julkaistu', 'publicerad', 'published'),
  noCampaigns: s('Ei kampanjoita.', 'Inga kampanjer.', 'No campaigns.'), mostInventive: s('Suomen kekseliäin kunta', 'Finlands mest uppfinningsrika kommun', "Finland's most inventive municipality"),
  standings: s('Kampanjan tilanne', 'Kampanjens ställning', 'Campaign standings'), organisation: s('Organisaatio', 'Organisation', 'Organisation'), deeds: s('Tekoja', 'Insatser', 'Deeds'),
};
const t = (key: keyof typeof T) => pick(T[key]);
setupPage({ title: T.title, texts: T });
const FACET_NAMES: Record<string, Texts> = { sector: s('Toimiala', 'Sektor', 'Sector'), theme: s('Teema', 'Tema', 'Theme'), organisation: s('Organisaatio', 'Organisation', 'Organisation'), year: s('Vuosi', 'År', 'Year') };
/** How many deeds: "1 teko", "21 tekoa"; "noin 21 000 tekoa" past the exactly counted ones. */
const DEEDS: Texts<(n: string, one: boolean) => string> = {
  fi: (n, one) => `${n} ${one ? 'teko' : 'tekoa'}`,
  sv: (n, one) => `${n} ${one ? 'insats' : 'insatser'}`,
  en: (n, one) => `${n} ${one ? 'deed' : 'deeds'}`,
};
const ABOUT: Texts = s('noin', 'cirka', 'about');
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
  $('#count').textContent = totalExact === false && totalLabel ? (totalLabel[lang] ? DEEDS[lang](totalLabel[lang], false) : DEEDS[lang](`${pick(ABOUT)} ${fmtNumber(total, 0)}`, false)) : DEEDS[lang](fmtNumber(total, 0), total === 1);
  const list = $('#results');
  list.replaceChildren(
    ...items.map((d: any) => {
      const link = el('a', { href: `#deed/${d.id}` }, d.title);
      return el('li', { class: 'result' }, el('h3', {}, link), el('p', { class: 'meta' }, `${orgName(d.organisation, d.organisationName)} · ${sectorName(d.sector)} · ${d.year}${d.awards?.length ? ` · ${t('awarded')}` : ''}`), el('p', {}, d.aim));
    }),
  );
  fold.count(Object.keys(filters).length);
  const facetBox = $('#facets');
  facetBox.replaceChildren(
    ...Object.entries(facets as Record<string, Record<string, number>>).map(([name, values]) => {
      const group = el('fieldset', {}, el('legend', {}, FACET_NAMES[name]?.[lang] ?? name));
      for (const [value, n] of Object.entries(values).sort((a, b) => b[1] - a[1]).slice(0, 12)) {
        const id = `facet-${name}-${value}`;
        const box = el('input', { type: 'checkbox', id, 'data-facet': name, value });
        box.checked = filters[name] === value;
        box.addEventListener('change', () => {
          if (box.checked) filters[name] = value;
          else delete filters[name];
          void search();
        });
        group.append(el('div', { class: 'facet' }, box, el('label', { for: id }, `${name === 'sector' ? sectorName(value) : name === 'organisation' ? orgName(value) : value} (${fmtNumber(n, 0)})`)));
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
    el('a', { href: '#', class: 'back' }, t('back')),
    el('h2', { id: 'deed-title', tabindex: '-1' }, d.title),
    el('p', { class: 'meta' }, `${orgName(d.organisation, d.organisationName)} · ${d.unit} · ${sectorName(d.sector)} · ${d.periodFrom ? fmtDay(d.periodFrom) : ''}–${d.periodTo ? fmtDay(d.periodTo) : ''}`),
    el('h3', {}, t('aim')), el('p', {}, d.aim), el('h3', {}, t('achieved')), el('p', {}, d.achieved),
  ];
  if (d.metrics?.length) parts.push(el('h3', {}, t('metrics')), el('ul', {}, ...d.metrics.map((m: any) => el('li', {}, `${m.name}: ${fmtNumber(m.baseline, 3)} → ${fmtNumber(m.value, 3)} ${m.unit ?? ''}`))));
  if (d.awards?.length) parts.push(el('h3', {}, t('awards')), el('ul', {}, ...d.awards.map((a: any) => el('li', {}, `${a.award} – ${a.series} (${a.year})`))));
  if (d.lineage?.length) {
    parts.push(el('h3', {}, t('background')));
    parts.push(el('ol', { class: 'timeline' }, ...d.lineage.flatMap((l: any) => [
      el('li', {}, `${t('idea')}: ${l.title} (${fmtDateTime(l.submittedAt)})`),
      ...(l.pilot ? [el('li', {}, `${t('pilot')}: ${l.pilot.goal} (${fmtDay(l.pilot.startsOn)}–${fmtDay(l.pilot.endsOn)})`)] : []),
      ...(l.result ? [el('li', {}, `${t('result')}: ${l.result.summary}`)] : []),
    ])));
  }
  parts.push(el('h3', {}, t('revisions')), el('ol', {}, ...(d.revisions ?? []).map((r: any) => el('li', {}, `${t('revision')} ${r.revision}, ${t('publishedOn')} ${fmtDateTime(r.publishedAt)}: ${r.content?.title ?? ''}`))));
  panel.replaceChildren(...parts);
  panel.hidden = false;
  $('#search-view').hidden = true;
  $('#deed-title').focus();
}

async function campaigns() {
  const reply = await api('GET', '/api/campaigns');
  const box = $('#campaigns');
  const list: any[] = Array.isArray(reply.body) ? reply.body : reply.body?.items ?? [];
  if (reply.status !== 200 || !list.length) return box.replaceChildren(el('p', {}, t('noCampaigns')));
  const c = list[0];
  const standing = await api('GET', `/api/campaigns/${c.id}/standings`);
  const rows: any[] = standing.body?.standings ?? [];
  const max = Math.max(1, ...rows.map((r) => r.deeds));
  const top = rows.slice(0, 10);
  box.replaceChildren(
    el('h3', {}, c.name), el('p', { class: 'meta' }, `${fmtDateTime(c.startsAt)} – ${fmtDateTime(c.endsAt)}${standing.body?.mostInventive ? ` · ${t('mostInventive')}: ${orgName(standing.body.mostInventive)}` : ''}`),
    // The bars are for the eye; the same standings are a table for screen readers.
    el('ol', { class: 'standings', 'aria-hidden': 'true' }, ...top.map((r) => el('li', {}, el('span', { class: 'org' }, orgName(r.organisation, r.organisationName)), el('span', { class: 'bar', style: `width:${(r.deeds / max) * 100}%` }), el('span', { class: 'n' }, fmtNumber(r.deeds, 0))))),
    el('div', { class: 'visually-hidden' }, el('table', {}, el('caption', {}, t('standings')),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('organisation')), el('th', { scope: 'col' }, t('deeds')))),
      el('tbody', {}, ...top.map((r) => el('tr', {}, el('th', { scope: 'row' }, orgName(r.organisation, r.organisationName)), el('td', {}, fmtNumber(r.deeds, 0))))))),
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
void loadOrganisations().then(() => Promise.all([search(), campaigns()]));
