// Gaala nominations: an organisation's editor nominates a published deed, the organisation or a person in a series
// of the season while nominations are open, with the justification; and sees the organisation's nominations.
import { $, api, el, tokenForm } from './common.mts';
import { problemMessage } from './messages.mts';
import { fmtDate, lang, pageBell, say, setupPage, showFieldErrors, type Lang } from './page.mts';

const T = {
  fi: {
    title: 'Gaalaehdotukset', language: 'Kieli', season: 'Gaala', none: 'Ei gaaloja.', nominate: 'Tee ehdotus', ours: 'Organisaation ehdotukset',
    open: (a: string, b: string) => `Ehdotusaika on auki ${a} – ${b}.`, notYet: (a: string) => `Ehdotusaika alkaa ${a}.`, closed: (b: string) => `Ehdotusaika päättyi ${b}.`,
    series: 'Sarja', kinds: { deeds: 'kehittämisteot', organisations: 'organisaatiot', employees: 'henkilöt' } as Record<string, string>,
    deed: 'Kehittämisteko', noDeeds: 'Organisaatiolla ei ole julkaistuja kehittämistekoja.', organisation: 'Organisaatio', name: 'Henkilön nimi', unit: 'Yksikkö (valinnainen)',
    justification: 'Perustelu', justificationHint: 'Kerro, mitä saatiin aikaan ja miksi ehdokas ansaitsee palkinnon.', send: 'Lähetä ehdotus', required: 'pakollinen',
    sent: 'Ehdotus on jätetty.', merged: 'Sama ehdokas oli jo ehdolla: perustelusi liitettiin siihen.', fix: 'Tarkista merkityt kentät.', failed: 'Ehdotusta ei voitu jättää',
    nothing: 'Organisaatiolla ei ole vielä ehdotuksia tässä gaalassa.', nominee: { deed: 'Teko', organisation: 'Organisaatio', employee: 'Henkilö' } as Record<string, string>, at: (d: string) => `ehdotettu ${d}`,
    mustWrite: 'Kirjoita perustelu.', mustPick: 'Valitse kehittämisteko.', mustName: 'Kirjoita henkilön nimi.', notAllowed: 'Ehdotuksia tekevät organisaation toimittajat. Tallenna tunniste, jolla on toimittajan rooli.',
  },
  sv: {
    title: 'Nomineringar till galan', language: 'Språk', season: 'Gala', none: 'Inga galor.', nominate: 'Nominera', ours: 'Organisationens nomineringar',
    open: (a: string, b: string) => `Nomineringstiden pågår ${a} – ${b}.`, notYet: (a: string) => `Nomineringstiden börjar ${a}.`, closed: (b: string) => `Nomineringstiden slutade ${b}.`,
    series: 'Serie', kinds: { deeds: 'utvecklingsinsatser', organisations: 'organisationer', employees: 'personer' } as Record<string, string>,
    deed: 'Utvecklingsinsats', noDeeds: 'Organisationen har inga publicerade utvecklingsinsatser.', organisation: 'Organisation', name: 'Personens namn', unit: 'Enhet (valfri)',
    justification: 'Motivering', justificationHint: 'Berätta vad som åstadkoms och varför den nominerade förtjänar priset.', send: 'Skicka nomineringen', required: 'obligatorisk',
    sent: 'Nomineringen har lämnats.', merged: 'Samma kandidat var redan nominerad: din motivering lades till den.', fix: 'Kontrollera de markerade fälten.', failed: 'Nomineringen kunde inte lämnas',
    nothing: 'Organisationen har inga nomineringar i den här galan ännu.', nominee: { deed: 'Insats', organisation: 'Organisation', employee: 'Person' } as Record<string, string>, at: (d: string) => `nominerad ${d}`,
    mustWrite: 'Skriv en motivering.', mustPick: 'Välj en utvecklingsinsats.', mustName: 'Skriv personens namn.', notAllowed: 'Organisationens redaktörer nominerar. Spara en identifierare med redaktörsrollen.',
  },
  en: {
    title: 'Gala nominations', language: 'Language', season: 'Gala', none: 'No galas.', nominate: 'Nominate', ours: "The organisation's nominations",
    open: (a: string, b: string) => `Nominations are open ${a} – ${b}.`, notYet: (a: string) => `Nominations open ${a}.`, closed: (b: string) => `Nominations closed ${b}.`,
    series: 'Series', kinds: { deeds: 'deeds', organisations: 'organisations', employees: 'people' } as Record<string, string>,
    deed: 'Development deed', noDeeds: 'The organisation has no published deeds.', organisation: 'Organisation', name: "The person's name", unit: 'Unit (optional)',
    justification: 'Justification', justificationHint: 'Tell what was achieved and why the nominee deserves the award.', send: 'Send nomination', required: 'required',
    sent: 'The nomination is in.', merged: 'The same nominee was already nominated: your justification was added to it.', fix: 'Please check the marked fields.', failed: 'The nomination could not be made',
    nothing: 'The organisation has no nominations in this gala yet.', nominee: { deed: 'Deed', organisation: 'Organisation', employee: 'Person' } as Record<string, string>, at: (d: string) => `nominated ${d}`,
    mustWrite: 'Write a justification.', mustPick: 'Choose a deed.', mustName: "Write the person's name.", notAllowed: "The organisation's editors nominate. Save a token with the editor role.",
  },
} satisfies Record<Lang, unknown>;
const t = T[lang];
let season: any = null;

async function loadSeasons() {
  const reply = await api('GET', '/api/award-seasons');
  if (reply.status !== 200) return say(problemMessage(lang, reply), false);
  const seasons: any[] = reply.body;
  const select = $<HTMLSelectElement>('#season');
  select.replaceChildren(...seasons.map((s) => el('option', { value: s.id }, `${s.name} (${s.year})`)));
  if (!seasons.length) return say(t.none);
  const wanted = new URLSearchParams(location.hash.slice(1)).get('season');
  select.value = seasons.some((s) => s.id === wanted) ? wanted! : seasons[0].id;
  await loadSeason();
}

async function loadSeason() {
  const id = $<HTMLSelectElement>('#season').value;
  const reply = await api('GET', `/api/award-seasons/${id}`);
  if (reply.status !== 200) return say(problemMessage(lang, reply), false);
  season = reply.body;
  const now = Date.now();
  const opens = new Date(season.nominationOpensAt).getTime();
  const closes = new Date(season.nominationClosesAt).getTime();
  $('#window').textContent = now < opens ? t.notYet(fmtDate(season.nominationOpensAt)) : now > closes ? t.closed(fmtDate(season.nominationClosesAt)) : t.open(fmtDate(season.nominationOpensAt), fmtDate(season.nominationClosesAt));
  await Promise.all([renderForm(), loadOurs()]);
}

const err = (name: string) => el('p', { class: 'err', id: `e-${name}`, 'data-error-for': name });
const label = (forId: string, text: string, required = false) => el('label', { for: forId }, text, ...(required ? [' ', el('span', { class: 'req' }, `(${t.required})`)] : []));

async function renderForm() {
  const box = $('#nominate');
  const deeds = await api('GET', '/api/deeds?status=published&limit=100');
  if (deeds.status === 403) return box.replaceChildren(el('p', { class: 'note' }, t.notAllowed));
  const published: any[] = deeds.status === 200 ? deeds.body.items : [];
  const series = el('select', { id: 'n-series', 'data-field': 'series', 'aria-describedby': 'e-series' },
    ...season.series.map((s: any) => el('option', { value: s.key, 'data-kind': s.kind }, `${s.name} (${t.kinds[s.kind] ?? s.kind})`)));
  const deed = el('select', { id: 'n-deed', 'data-field': 'deedId', 'aria-describedby': 'e-deedId', 'aria-required': 'true' }, el('option', { value: '' }, '–'), ...published.map((d) => el('option', { value: d.id }, d.title)));
  const name = el('input', { type: 'text', id: 'n-name', 'data-field': 'name', 'aria-describedby': 'e-name', 'aria-required': 'true', autocomplete: 'off' });
  const unit = el('input', { type: 'text', id: 'n-unit', 'data-field': 'unit', 'aria-describedby': 'e-unit' });
  const justification = el('textarea', { id: 'n-justification', rows: '5', 'data-field': 'justification', 'aria-describedby': 'hint-justification e-justification', 'aria-required': 'true' });
  const deedBox = el('div', { class: 'field' }, label('n-deed', t.deed, true), deed, ...(published.length ? [] : [el('p', { class: 'meta' }, t.noDeeds)]), err('deedId'));
  const personBox = el('div', {}, el('div', { class: 'field' }, label('n-name', t.name, true), name, err('name')), el('div', { class: 'field' }, label('n-unit', t.unit), unit, err('unit')));
  const kind = () => series.selectedOptions[0]?.dataset.kind ?? 'deeds';
  const show = () => {
    deedBox.hidden = kind() !== 'deeds';
    personBox.hidden = kind() !== 'employees';
  };
  series.addEventListener('change', show);
  show();
  const form = el('form', { id: 'nominate-form', novalidate: '', 'aria-labelledby': 'nominate-h' },
    el('div', { class: 'field' }, label('n-series', t.series, true), series, err('series')), deedBox, personBox,
    el('div', { class: 'field' }, label('n-justification', t.justification, true), justification, el('p', { class: 'meta', id: 'hint-justification' }, t.justificationHint), err('justification')),
    el('div', { class: 'buttons' }, el('button', { type: 'submit' }, t.send)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const local: { field: string; message: string }[] = [];
    if (kind() === 'deeds' && !deed.value) local.push({ field: 'deedId', message: 'deedId should not be empty' });
    if (kind() === 'employees' && !name.value.trim()) local.push({ field: 'name', message: 'name should not be empty' });
    if (!justification.value.trim()) local.push({ field: 'justification', message: 'justification should not be empty' });
    showFieldErrors(form, local);
    if (local.length) return say(t.fix, false);
    const body: Record<string, unknown> = { series: series.value, justification: justification.value.trim() };
    if (kind() === 'deeds') body.deedId = deed.value;
    if (kind() === 'employees') Object.assign(body, { name: name.value.trim(), ...(unit.value.trim() ? { unit: unit.value.trim() } : {}) });
    const reply = await api('POST', `/api/award-seasons/${season.id}/nominations`, body);
    if (reply.status !== 201 && reply.status !== 200) return say(showFieldErrors(form, reply.body?.errors ?? []) ? t.fix : `${t.failed}: ${problemMessage(lang, reply)}`, false);
    form.reset();
    show();
    await loadOurs();
    say(reply.body.merged ? t.merged : t.sent);
  });
  box.replaceChildren(form);
}

async function loadOurs() {
  const box = $('#ours');
  const reply = await api('GET', `/api/award-seasons/${season.id}/our-nominations`);
  if (reply.status !== 200) return box.replaceChildren(el('p', { class: 'meta' }, problemMessage(lang, reply)));
  const items: any[] = reply.body.items;
  box.replaceChildren(items.length
    ? el('ul', { class: 'plain nominations' }, ...items.map((n) => {
        const who = n.nominee.title ?? n.nominee.name ?? n.nominee.organisation ?? '';
        return el('li', { class: 'nomination' }, el('h3', {}, `${t.nominee[n.nominee.kind] ?? n.nominee.kind}: ${who}`),
          el('p', { class: 'meta' }, `${n.seriesName} · ${t.at(fmtDate(n.nominatedAt))}`), ...n.justifications.map((j: string) => el('p', {}, j)));
      }))
    : el('p', {}, t.nothing));
}

setupPage(t.title);
$('#season-label').textContent = t.season;
$('#nominate-h').textContent = t.nominate;
$('#ours-h').textContent = t.ours;
$('#season-form').addEventListener('submit', (e) => e.preventDefault());
$('#season').addEventListener('change', () => {
  history.replaceState(null, '', `#season=${$<HTMLSelectElement>('#season').value}`);
  void loadSeason();
});
tokenForm(() => void loadSeasons());
void loadSeasons();
void pageBell();
