// The gala's results, public: nothing before the gala (the API keeps them embargoed), then every series' awards.
import { $, api, el } from './common.mts';
import { problemMessage } from './messages.mts';
import { fmtDate, lang, say, setupPage, type Lang } from './page.mts';

const T = {
  fi: {
    title: 'Gaalan tulokset', language: 'Kieli', season: 'Gaala', none: 'Ei gaaloja.', embargo: (d: string) => `Tulokset julkistetaan gaalassa ${d}.`, noAwards: 'Ei palkintoja tässä sarjassa.',
    categories: { winner: 'Voittaja', 'sub-award': 'Erikoispalkinto', 'honourable-mention': 'Kunniamaininta' } as Record<string, string>, heading: (n: string) => `${n}: tulokset`,
  },
  sv: {
    title: 'Galans resultat', language: 'Språk', season: 'Gala', none: 'Inga galor.', embargo: (d: string) => `Resultaten offentliggörs på galan ${d}.`, noAwards: 'Inga priser i denna serie.',
    categories: { winner: 'Vinnare', 'sub-award': 'Specialpris', 'honourable-mention': 'Hedersomnämnande' } as Record<string, string>, heading: (n: string) => `${n}: resultat`,
  },
  en: {
    title: 'Gala results', language: 'Language', season: 'Gala', none: 'No galas.', embargo: (d: string) => `Results are announced at the gala on ${d}.`, noAwards: 'No awards in this series.',
    categories: { winner: 'Winner', 'sub-award': 'Special award', 'honourable-mention': 'Honourable mention' } as Record<string, string>, heading: (n: string) => `${n}: results`,
  },
} satisfies Record<Lang, unknown>;
const t = T[lang];
let seasons: any[] = [];

async function loadSeasons() {
  const reply = await api('GET', '/api/award-seasons');
  if (reply.status !== 200) return say(problemMessage(lang, reply), false);
  seasons = reply.body;
  const select = $<HTMLSelectElement>('#season');
  select.replaceChildren(...seasons.map((s) => el('option', { value: s.id }, `${s.name} (${s.year})`)));
  if (!seasons.length) return say(t.none);
  const wanted = new URLSearchParams(location.hash.slice(1)).get('season');
  select.value = seasons.some((s) => s.id === wanted) ? wanted! : seasons[0].id;
  await show();
}

async function show() {
  const id = $<HTMLSelectElement>('#season').value;
  const season = seasons.find((s) => s.id === id);
  const box = $('#results');
  const reply = await api('GET', `/api/award-seasons/${id}/results`);
  if (reply.status === 404) return box.replaceChildren(el('p', { class: 'panel embargo' }, t.embargo(fmtDate(season?.galaAt))));
  if (reply.status !== 200) return say(problemMessage(lang, reply), false);
  const r = reply.body;
  box.replaceChildren(
    el('h2', {}, t.heading(r.name ?? season?.name ?? '')),
    ...(r.series as any[]).map((s) => el('section', { class: 'panel series-result', 'aria-labelledby': `r-${s.key}` }, el('h3', { id: `r-${s.key}` }, s.name),
      s.awards.length
        ? el('ul', { class: 'awards' }, ...s.awards.map((a: any) => {
            const who = a.nominee.title ?? a.nominee.name ?? a.nominee.organisation ?? '';
            const org = a.nominee.kind !== 'organisation' && a.nominee.organisation ? ` (${a.nominee.organisation})` : '';
            const link = a.nominee.kind === 'deed' && a.nominee.deedId ? el('a', { href: `/tori.html#deed/${a.nominee.deedId}` }, who) : who;
            return el('li', {}, el('strong', {}, `${a.category === 'sub-award' && a.title ? a.title : t.categories[a.category] ?? a.category}: `), link, org);
          }))
        : el('p', {}, t.noAwards))),
  );
}

setupPage(t.title);
$('#season-label').textContent = t.season;
$('#season-form').addEventListener('submit', (e) => e.preventDefault());
$('#season').addEventListener('change', () => {
  history.replaceState(null, '', `#season=${$<HTMLSelectElement>('#season').value}`);
  void show();
});
void loadSeasons();
