// Jury room: a juror's nominations per series (blind review as the API gives it), scoring per criterion, conflict
// declaration and progress; the chair's live shortlist with overrides, the jurors' progress, reveal and round closing.
import { $, api, el, scrollable, tokenForm } from './common.mts';
import { fmtDateTime, lang, loadOrganisations, orgName, setupPage, locale } from './i18n.mts';
import { fieldMessage, fieldOf, problemMessage, type Lang } from './messages.mts';
import { pageBell } from './page.mts';

const T = {
  fi: {
    title: 'Tuomariston huone', season: 'Gaala', none: 'Ei gaaloja.', loading: 'Ladataan…', notOnJury: 'Et ole tämän gaalan tuomaristossa etkä puheenjohtaja. Kirjaudu sisään tuomarina tai puheenjohtajana.',
    jurorHeading: (s: string) => `${s}: arvioitavat ehdokkaat`, chairHeading: (s: string) => `${s}: puheenjohtajan näkymä`,
    blind: 'Sokkoarviointi: ehdokkaiden organisaatiot ja nimet on piilotettu tuomareilta.', progress: (a: number, b: number) => `Arvioitu ${a} / ${b}`, progressLabel: 'Arviointien edistyminen',
    recusedCount: (n: number) => (n ? ` · esteellinen ${n}` : ''), anonymous: (i: number) => `Ehdokas ${i}`, justifications: 'Perustelut',
    scored: 'Arvioitu', unscored: 'Arvioimatta', ownOrg: 'Esteellinen: oma organisaatio', declared: 'Esteellinen: ilmoitettu', outOfPlay: 'Ei mukana tällä kierroksella',
    criterion: (name: string, w: number) => (w === 1 ? name : `${name} (paino ${w})`), comment: 'Kommentti (vapaaehtoinen)', save: 'Tallenna arvio', update: 'Päivitä arvio', saved: 'Arvio tallennettu.',
    pick: 'Valitse pisteet 1–5.', fix: 'Tarkista merkityt kohdat.', scale: '1 = heikko, 5 = erinomainen',
    conflict: 'Ilmoita esteellisyys', conflictReason: 'Mikä esteellisyys on?', conflictSend: 'Ilmoita esteellisyys', conflictDone: 'Esteellisyys kirjattu: et arvioi tätä ehdokasta.',
    round: 'Kierros', stage: { 'long-list': 'pitkä lista', shortlist: 'lyhyt lista', winners: 'kierrokset suljettu' } as Record<string, string>, goesOn: (n: number) => `jatkoon ${n}`,
    jurorsProgress: 'Tuomarien eteneminen', juror: 'Tuomari', organisation: 'Organisaatio', scoredCol: 'Arvioitu', recusedCol: 'Esteellinen', remaining: 'Jäljellä', last: 'Viimeksi',
    ranking: 'Järjestys', rank: 'Sija', nominee: 'Ehdokas', normalised: 'Normalisoitu', rawMean: 'Keskiarvo', jurors: 'Tuomareita', selected: 'Jatkoon', override: 'Ohitus', yes: 'kyllä', no: 'ei',
    overrideHeading: 'Ohita järjestys', overrideNomination: 'Ehdokas', overrideAction: 'Toimenpide', include: 'Nosta jatkoon', exclude: 'Jätä pois', reason: 'Perustelu', overrideSend: 'Tallenna ohitus', overridden: 'Ohitus tallennettu.',
    closeHeading: 'Sulje kierros', closeConfirm: 'Olen tarkistanut järjestyksen ja ohitukset', closeSend: 'Sulje kierros', closed: 'Kierros suljettu.', mustConfirm: 'Vahvista ensin, että olet tarkistanut järjestyksen.',
    reveal: 'Paljasta nimet tuomareille', revealed: 'Nimet paljastettu tuomareille.', rounds: 'Suljetut kierrokset', tie: 'Tasapelit ratkaistaan', tieRule: 'tuomarikohtaisten z-pisteiden keskiarvo, sitten korkeampi painotettu keskiarvo, sitten useampi tuomari, sitten aiempi ehdotus',
    kind: { deed: 'teko', organisation: 'organisaatio', employee: 'henkilö' } as Record<string, string>, failed: 'Toiminto epäonnistui', language: 'Kieli', required: 'pakollinen',
  },
  sv: {
    title: 'Juryrummet', season: 'Gala', none: 'Inga galor.', loading: 'Laddar…', notOnJury: 'Du är inte med i juryn för den här galan och inte ordförande. Logga in som jurymedlem eller ordförande.',
    jurorHeading: (s: string) => `${s}: nomineringar att bedöma`, chairHeading: (s: string) => `${s}: ordförandens vy`,
    blind: 'Blind bedömning: de nominerades organisationer och namn döljs för juryn.', progress: (a: number, b: number) => `Bedömda ${a} / ${b}`, progressLabel: 'Bedömningarnas framsteg',
    recusedCount: (n: number) => (n ? ` · jävig ${n}` : ''), anonymous: (i: number) => `Nominering ${i}`, justifications: 'Motiveringar',
    scored: 'Bedömd', unscored: 'Inte bedömd', ownOrg: 'Jävig: egen organisation', declared: 'Jävig: anmäld', outOfPlay: 'Inte med i denna omgång',
    criterion: (name: string, w: number) => (w === 1 ? name : `${name} (vikt ${w})`), comment: 'Kommentar (frivillig)', save: 'Spara bedömningen', update: 'Uppdatera bedömningen', saved: 'Bedömningen har sparats.',
    pick: 'Välj poäng 1–5.', fix: 'Kontrollera de markerade punkterna.', scale: '1 = svag, 5 = utmärkt',
    conflict: 'Anmäl jäv', conflictReason: 'Vad består jävet av?', conflictSend: 'Anmäl jäv', conflictDone: 'Jävet har registrerats: du bedömer inte den här nomineringen.',
    round: 'Omgång', stage: { 'long-list': 'lång lista', shortlist: 'kort lista', winners: 'omgångarna stängda' } as Record<string, string>, goesOn: (n: number) => `går vidare ${n}`,
    jurorsProgress: 'Jurymedlemmarnas framsteg', juror: 'Jurymedlem', organisation: 'Organisation', scoredCol: 'Bedömda', recusedCol: 'Jävig', remaining: 'Kvar', last: 'Senast',
    ranking: 'Rangordning', rank: 'Plats', nominee: 'Nominerad', normalised: 'Normaliserad', rawMean: 'Medelvärde', jurors: 'Jurymedlemmar', selected: 'Vidare', override: 'Åsidosättning', yes: 'ja', no: 'nej',
    overrideHeading: 'Åsidosätt rangordningen', overrideNomination: 'Nominerad', overrideAction: 'Åtgärd', include: 'Ta med', exclude: 'Lämna bort', reason: 'Motivering', overrideSend: 'Spara åsidosättningen', overridden: 'Åsidosättningen har sparats.',
    closeHeading: 'Stäng omgången', closeConfirm: 'Jag har kontrollerat rangordningen och åsidosättningarna', closeSend: 'Stäng omgången', closed: 'Omgången har stängts.', mustConfirm: 'Bekräfta först att du har kontrollerat rangordningen.',
    reveal: 'Avslöja namnen för juryn', revealed: 'Namnen har avslöjats för juryn.', rounds: 'Stängda omgångar', tie: 'Oavgjort avgörs av', tieRule: 'medelvärdet av jurymedlemmarnas z-poäng, sedan högre viktat medelvärde, sedan fler jurymedlemmar, sedan den tidigare nomineringen',
    kind: { deed: 'insats', organisation: 'organisation', employee: 'person' } as Record<string, string>, failed: 'Åtgärden misslyckades', language: 'Språk', required: 'obligatorisk',
  },
  en: {
    title: 'Jury room', season: 'Gala', none: 'No galas.', loading: 'Loading…', notOnJury: 'You are neither on the jury of this gala nor a chair. Sign in as a juror or a chair.',
    jurorHeading: (s: string) => `${s}: nominations to score`, chairHeading: (s: string) => `${s}: chair's view`,
    blind: "Blind review: the nominees' organisations and names are hidden from the jurors.", progress: (a: number, b: number) => `Scored ${a} / ${b}`, progressLabel: 'Scoring progress',
    recusedCount: (n: number) => (n ? ` · recused ${n}` : ''), anonymous: (i: number) => `Nominee ${i}`, justifications: 'Justifications',
    scored: 'Scored', unscored: 'Not scored', ownOrg: 'Recused: own organisation', declared: 'Recused: declared', outOfPlay: 'Not in this round',
    criterion: (name: string, w: number) => (w === 1 ? name : `${name} (weight ${w})`), comment: 'Comment (optional)', save: 'Save score', update: 'Update score', saved: 'Score saved.',
    pick: 'Choose a score 1–5.', fix: 'Please check the marked items.', scale: '1 = weak, 5 = excellent',
    conflict: 'Declare a conflict of interest', conflictReason: 'What is the conflict?', conflictSend: 'Declare conflict', conflictDone: 'Conflict recorded: you do not score this nominee.',
    round: 'Round', stage: { 'long-list': 'long list', shortlist: 'shortlist', winners: 'rounds closed' } as Record<string, string>, goesOn: (n: number) => `${n} go through`,
    jurorsProgress: "Jurors' progress", juror: 'Juror', organisation: 'Organisation', scoredCol: 'Scored', recusedCol: 'Recused', remaining: 'Remaining', last: 'Last',
    ranking: 'Ranking', rank: 'Rank', nominee: 'Nominee', normalised: 'Normalised', rawMean: 'Mean', jurors: 'Jurors', selected: 'Through', override: 'Override', yes: 'yes', no: 'no',
    overrideHeading: 'Override the ranking', overrideNomination: 'Nominee', overrideAction: 'Action', include: 'Include', exclude: 'Exclude', reason: 'Reason', overrideSend: 'Save override', overridden: 'Override saved.',
    closeHeading: 'Close the round', closeConfirm: 'I have checked the ranking and the overrides', closeSend: 'Close round', closed: 'Round closed.', mustConfirm: 'First confirm that you have checked the ranking.',
    reveal: 'Reveal names to the jurors', revealed: 'Names revealed to the jurors.', rounds: 'Closed rounds', tie: 'Ties are broken by', tieRule: 'the mean z-score per juror, then the higher weighted mean, then more jurors, then the earlier nomination',
    kind: { deed: 'deed', organisation: 'organisation', employee: 'person' } as Record<string, string>, failed: 'The action failed', language: 'Language', required: 'required',
  },
};

const TIE_RULE = 'mean z-score per juror, then higher raw weighted mean, then more jurors, then the earlier nomination';
const t = T[lang];
const fmt = (iso: string | null) => fmtDateTime(iso);
const num = (x: number | null, digits = 2) => (x === null ? '–' : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(x));
let seasonId = '';

/** Announces on the page: politely for progress, assertively for errors. */
function say(text: string, ok = true) {
  const live = $('#live');
  live.setAttribute('aria-live', ok ? 'polite' : 'assertive');
  live.setAttribute('role', ok ? 'status' : 'alert');
  live.textContent = text;
  live.className = `status ${ok ? 'ok' : 'bad'}`;
}

/** A field's message under it, the control marked invalid (or cleared with no message). */
function mark(control: Element, box: HTMLElement, message: string) {
  box.textContent = message;
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

/** Puts the API's field errors under the form's fields (by data-field); returns whether any landed. */
function showFieldErrors(form: HTMLElement, errors: { field: string; message: string }[]): boolean {
  let first: HTMLElement | null = null;
  for (const box of form.querySelectorAll<HTMLElement>('[data-error-for]')) {
    const name = box.dataset.errorFor!;
    const mine = errors.filter((e) => fieldOf(e.field, name));
    const control = form.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
    mark(control, box, [...new Set(mine.map((e) => fieldMessage(lang, e)))].join(' '));
    if (mine.length && !first) first = control.matches('fieldset') ? control.querySelector('input') : control;
  }
  first?.focus();
  return first !== null;
}

function errorBox(name: string, id: string) {
  return el('p', { class: 'err', id, 'data-error-for': name });
}

function nomineeLabel(n: any, index: number): string {
  const nominee = n.nominee ?? {};
  const name = nominee.title ?? nominee.name ?? (nominee.kind === 'organisation' ? orgName(nominee.organisation) : undefined);
  // Hidden in a blind series: the API sent neither organisation nor person, so the page has only a number.
  return name ? `${name}${nominee.organisation && nominee.kind !== 'organisation' ? ` (${orgName(nominee.organisation)})` : ''}` : t.anonymous(index + 1);
}

async function loadSeasons() {
  const reply = await api('GET', '/api/award-seasons');
  const select = $<HTMLSelectElement>('#season');
  if (reply.status !== 200) return say(problemMessage(lang, reply), false);
  const seasons: any[] = reply.body;
  select.replaceChildren(...seasons.map((s) => el('option', { value: s.id }, `${s.name} (${s.year})`)));
  if (!seasons.length) return say(t.none);
  const wanted = new URLSearchParams(location.hash.slice(1)).get('season');
  select.value = seasons.some((s) => s.id === wanted) ? wanted! : seasons[0].id;
  await loadSeason();
}

async function loadSeason() {
  seasonId = $<HTMLSelectElement>('#season').value;
  const room = $('#room');
  room.setAttribute('aria-busy', 'true');
  const reply = await api('GET', `/api/award-seasons/${seasonId}`);
  if (reply.status !== 200) {
    room.replaceChildren();
    room.removeAttribute('aria-busy');
    return say(problemMessage(lang, reply), false);
  }
  const season = reply.body;
  const parts: Node[] = [];
  for (const key of season.you.jurorOf as string[]) parts.push(await jurorSection(season, season.series.find((s: any) => s.key === key)));
  for (const key of season.you.chairOf as string[]) parts.push(await chairSection(season, season.series.find((s: any) => s.key === key)));
  if (!parts.length) parts.push(el('p', { class: 'panel' }, t.notOnJury));
  room.replaceChildren(...parts);
  room.removeAttribute('aria-busy');
}

async function jurorSection(season: any, series: any): Promise<HTMLElement> {
  const id = `juror-${series.key}`;
  const section = el('section', { class: 'series panel', 'data-series': series.key, 'data-role': 'juror', 'aria-labelledby': `${id}-h` }, el('h2', { id: `${id}-h` }, t.jurorHeading(series.name)));
  const reply = await api('GET', `/api/award-seasons/${season.id}/nominations?series=${encodeURIComponent(series.key)}`);
  if (reply.status !== 200) {
    section.append(el('p', { class: 'err' }, problemMessage(lang, reply)));
    return section;
  }
  const items: any[] = reply.body.items;
  if (series.blind && !series.revealed) section.append(el('p', { class: 'note' }, t.blind));
  const counted = items.filter((n) => n.inPlay && !n.recused);
  const scored = counted.filter((n) => n.myScore).length;
  const recused = items.filter((n) => n.inPlay && n.recused).length;
  section.append(
    el('p', { class: 'meta' }, `${t.round}: ${t.stage[series.stage] ?? series.stage}`),
    el('div', { class: 'progress' },
      el('label', { for: `${id}-progress` }, t.progressLabel),
      el('progress', { id: `${id}-progress`, max: String(Math.max(1, counted.length)), value: String(scored), 'aria-describedby': `${id}-progress-text` }),
      el('span', { id: `${id}-progress-text`, class: 'progress-text' }, `${t.progress(scored, counted.length)}${t.recusedCount(recused)}`)),
  );
  const list = el('ol', { class: 'nominations' });
  items.forEach((n, i) => list.append(nominationCard(series, n, i)));
  section.append(list);
  return section;
}

function nominationCard(series: any, n: any, index: number): HTMLLIElement {
  const status = !n.inPlay ? t.outOfPlay : n.recused === 'own-organisation' ? t.ownOrg : n.recused ? t.declared : n.myScore ? t.scored : t.unscored;
  const headingId = `n-${n.id}-h`;
  const li = el('li', { class: 'nomination', 'data-nomination': n.id, 'aria-labelledby': headingId },
    el('h3', { id: headingId }, nomineeLabel(n, index)),
    el('p', { class: 'meta' }, el('span', { class: `badge ${n.myScore && !n.recused ? 'done' : n.recused ? 'recused' : ''}`, 'data-status': '' }, status), ` · ${t.kind[n.nominee?.kind] ?? n.nominee?.kind} · ${fmt(n.nominatedAt)}`));
  if (n.justifications?.length) li.append(el('h4', {}, t.justifications), el('ul', { class: 'justifications' }, ...n.justifications.map((j: string) => el('li', {}, j))));
  if (n.inPlay && !n.recused && series.stage !== 'winners') li.append(scoreForm(series, n), conflictForm(n));
  return li;
}

function scoreForm(series: any, n: any): HTMLFormElement {
  const form = el('form', { class: 'score', novalidate: '' });
  const prefix = `s-${n.id}`;
  for (const c of series.criteria as { key: string; name: string; weight: number }[]) {
    const errId = `${prefix}-${c.key}-err`;
    const set = el('fieldset', { class: 'criterion', 'data-field': `scores.${c.key}`, 'aria-describedby': `${prefix}-scale ${errId}` }, el('legend', {}, t.criterion(c.name, c.weight)));
    const row = el('div', { class: 'scale' });
    for (let v = 1; v <= 5; v++) {
      const rid = `${prefix}-${c.key}-${v}`;
      const radio = el('input', { type: 'radio', id: rid, name: c.key, value: String(v) });
      if (n.myScore?.scores?.[c.key] === v) radio.checked = true;
      row.append(el('span', { class: 'pt' }, radio, el('label', { for: rid }, String(v))));
    }
    set.append(row, errorBox(`scores.${c.key}`, errId));
    form.append(set);
  }
  form.prepend(el('p', { class: 'meta', id: `${prefix}-scale` }, t.scale));
  const commentId = `${prefix}-comment`;
  const comment = el('textarea', { id: commentId, name: 'comment', 'data-field': 'comment', 'aria-describedby': `${commentId}-err` });
  comment.value = n.myScore?.comment ?? '';
  form.append(el('div', { class: 'field' }, el('label', { for: commentId }, t.comment), comment, errorBox('comment', `${commentId}-err`)));
  const button = el('button', { type: 'submit' }, n.myScore ? t.update : t.save);
  form.append(button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const scores: Record<string, number> = {};
    const missing: { field: string; message: string }[] = [];
    for (const c of series.criteria as { key: string }[]) {
      const picked = form.querySelector<HTMLInputElement>(`input[name="${c.key}"]:checked`);
      if (picked) scores[c.key] = Number(picked.value);
      else missing.push({ field: `scores.${c.key}`, message: 'missing' });
    }
    if (missing.length) {
      // Checked here so each unscored criterion is named before anything is sent.
      for (const box of form.querySelectorAll<HTMLElement>('[data-error-for]')) {
        const name = box.dataset.errorFor!;
        mark(form.querySelector(`[data-field="${name}"]`)!, box, missing.some((m) => m.field === name) ? t.pick : '');
      }
      form.querySelector<HTMLInputElement>(`fieldset[aria-invalid="true"] input`)?.focus();
      return say(t.fix, false);
    }
    button.disabled = true;
    const reply = await api('POST', `/api/nominations/${n.id}/scores`, { scores, ...(comment.value.trim() ? { comment: comment.value } : {}) });
    button.disabled = false;
    if (reply.status !== 200) {
      const errors = reply.body?.errors ?? [];
      return say(showFieldErrors(form, errors) ? t.fix : `${t.failed}: ${problemMessage(lang, reply)}`, false);
    }
    await loadSeason();
    say(t.saved);
    focusOn(`[data-nomination="${n.id}"] h3`);
  });
  return form;
}

function conflictForm(n: any): HTMLElement {
  const id = `c-${n.id}`;
  const reason = el('textarea', { id, name: 'reason', 'data-field': 'reason', 'aria-describedby': `${id}-err`, 'aria-required': 'true' });
  const form = el('form', { class: 'conflict', novalidate: '' },
    el('div', { class: 'field' }, el('label', { for: id }, `${t.conflictReason} `, el('span', { class: 'req' }, `(${t.required})`)), reason, errorBox('reason', `${id}-err`)),
    el('button', { type: 'submit', class: 'danger' }, t.conflictSend));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const reply = await api('POST', `/api/nominations/${n.id}/conflicts`, { reason: reason.value });
    if (reply.status !== 200) return say(showFieldErrors(form, reply.body?.errors ?? []) ? t.fix : `${t.failed}: ${problemMessage(lang, reply)}`, false);
    await loadSeason();
    say(t.conflictDone);
    focusOn(`[data-nomination="${n.id}"] h3`);
  });
  return el('details', { class: 'conflict' }, el('summary', {}, t.conflict), form);
}

function table(caption: string, head: string[], rows: (string | Node)[][], attrs: Record<string, string> = {}) {
  return scrollable(el('table', attrs, el('caption', {}, caption), el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c))))))));
}

async function chairSection(season: any, series: any): Promise<HTMLElement> {
  const id = `chair-${series.key}`;
  const q = `series=${encodeURIComponent(series.key)}`;
  const section = el('section', { class: 'series panel chair', 'data-series': series.key, 'data-role': 'chair', 'aria-labelledby': `${id}-h` }, el('h2', { id: `${id}-h` }, t.chairHeading(series.name)));
  const [shortlist, progress] = await Promise.all([api('GET', `/api/award-seasons/${season.id}/shortlist?${q}`), api('GET', `/api/award-seasons/${season.id}/progress?${q}`)]);
  if (shortlist.status !== 200 || progress.status !== 200) {
    section.append(el('p', { class: 'err' }, problemMessage(lang, shortlist.status !== 200 ? shortlist : progress)));
    return section;
  }
  const s = shortlist.body;
  section.append(el('p', { class: 'meta', 'data-stage': s.stage }, `${t.round}: ${t.stage[s.stage] ?? s.stage}${s.closed ? '' : ` · ${t.goesOn(s.size)}`}`));
  section.append(table(t.jurorsProgress, [t.juror, t.organisation, t.scoredCol, t.recusedCol, t.remaining, t.last],
    progress.body.jurors.map((j: any, i: number) => [`${t.juror} ${i + 1}`, orgName(j.organisation), String(j.scored), String(j.recused), String(j.remaining), fmt(j.lastScoredAt)]), { class: 'progress-table' }));
  const label = (r: any, i: number) => (r.nominee ? nomineeLabel(r, i) : r.nominationId);
  section.append(table(t.ranking, [t.rank, t.nominee, t.normalised, t.rawMean, t.jurors, t.selected, t.override],
    s.ranking.map((r: any, i: number) => [String(r.rank), label(r, i), num(r.normalised), num(r.rawMean), String(r.jurors), r.selected ? `✓ ${t.yes}` : t.no,
      r.override ? `${r.override === 'include' ? t.include : t.exclude}${r.overrideReason ? `: ${r.overrideReason}` : ''}` : '']), { class: 'ranking' }));
  // The API states its tie rule in English; the known rule is said in the page's language.
  section.append(el('p', { class: 'meta' }, `${t.tie}: ${s.tieRule === TIE_RULE ? t.tieRule : s.tieRule}`));
  if (s.rounds.length) section.append(el('h3', {}, t.rounds), el('ul', {}, ...s.rounds.map((r: any) => el('li', {}, `${t.stage[r.round] ?? r.round}: ${fmt(r.closedAt)} · ${t.goesOn(r.selected.length)}`))));
  if (series.blind && !series.revealed) {
    const reveal = el('button', { type: 'button', class: 'secondary' }, t.reveal);
    reveal.addEventListener('click', () => void chairAction(`/api/award-seasons/${season.id}/reveal`, { series: series.key }, t.revealed));
    section.append(reveal);
  }
  if (!s.closed && s.ranking.length) section.append(overrideForm(season, series, s, label), closeForm(season, series));
  return section;
}

function overrideForm(season: any, series: any, s: any, label: (r: any, i: number) => string): HTMLFormElement {
  const id = `o-${series.key}`;
  const nomination = el('select', { id: `${id}-n`, 'data-field': 'nominationId', 'aria-describedby': `${id}-n-err` }, ...s.ranking.map((r: any, i: number) => el('option', { value: r.nominationId }, label(r, i))));
  const action = el('select', { id: `${id}-a`, 'data-field': 'action', 'aria-describedby': `${id}-a-err` }, el('option', { value: 'include' }, t.include), el('option', { value: 'exclude' }, t.exclude));
  const reason = el('textarea', { id: `${id}-r`, 'data-field': 'reason', 'aria-describedby': `${id}-r-err`, 'aria-required': 'true' });
  const form = el('form', { class: 'action override', novalidate: '', 'aria-labelledby': `${id}-h` }, el('h3', { id: `${id}-h` }, t.overrideHeading),
    el('div', { class: 'field' }, el('label', { for: `${id}-n` }, t.overrideNomination), nomination, errorBox('nominationId', `${id}-n-err`)),
    el('div', { class: 'field' }, el('label', { for: `${id}-a` }, t.overrideAction), action, errorBox('action', `${id}-a-err`)),
    el('div', { class: 'field' }, el('label', { for: `${id}-r` }, `${t.reason} `, el('span', { class: 'req' }, `(${t.required})`)), reason, errorBox('reason', `${id}-r-err`)),
    el('button', { type: 'submit' }, t.overrideSend));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void chairAction(`/api/award-seasons/${season.id}/overrides`, { series: series.key, nominationId: nomination.value, action: action.value, reason: reason.value }, t.overridden, form);
  });
  return form;
}

function closeForm(season: any, series: any): HTMLFormElement {
  const id = `close-${series.key}`;
  const confirm = el('input', { type: 'checkbox', id, 'data-field': 'confirm', 'aria-describedby': `${id}-err` });
  const form = el('form', { class: 'action close', novalidate: '', 'aria-labelledby': `${id}-h` }, el('h3', { id: `${id}-h` }, t.closeHeading),
    el('div', { class: 'check' }, confirm, el('label', { for: id }, t.closeConfirm)), errorBox('confirm', `${id}-err`),
    el('button', { type: 'submit', class: 'danger' }, t.closeSend));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    mark(confirm, form.querySelector<HTMLElement>(`#${id}-err`)!, confirm.checked ? '' : t.mustConfirm);
    if (!confirm.checked) {
      confirm.focus();
      return say(t.mustConfirm, false);
    }
    void chairAction(`/api/award-seasons/${season.id}/rounds/close`, { series: series.key }, t.closed, form);
  });
  return form;
}

async function chairAction(path: string, body: unknown, done: string, form?: HTMLElement) {
  const reply = await api('POST', path, body);
  if (reply.status !== 200) return say(form && showFieldErrors(form, reply.body?.errors ?? []) ? t.fix : `${t.failed}: ${problemMessage(lang, reply)}`, false);
  await loadSeason();
  say(done);
  focusOn(`section[data-role="chair"][data-series="${(body as { series: string }).series}"] h2`);
}

/** The page was drawn anew: the focus goes back to where the person was working. */
function focusOn(selector: string) {
  const target = document.querySelector<HTMLElement>(selector);
  if (!target) return;
  target.setAttribute('tabindex', '-1');
  target.focus();
}

setupPage({ title: { fi: T.fi.title, sv: T.sv.title, en: T.en.title } });
$('#page-title').textContent = t.title;
$('#season-label').textContent = t.season;
$('#season-form').addEventListener('submit', (e) => e.preventDefault());
$('#season').addEventListener('change', () => {
  history.replaceState(null, '', `#season=${$<HTMLSelectElement>('#season').value}`);
  void loadSeason();
});
tokenForm(() => void loadSeasons());
void loadOrganisations().then(loadSeasons);
void pageBell();
