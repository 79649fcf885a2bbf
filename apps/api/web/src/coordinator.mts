// Coordinator tools: unit headcounts from a CSV (every bad cell marked in a preview of the file), the incentive rules
// with their versions side by side and a new version, the activity report (points under every version), and a
// person's export and erasure (programme admins).
import { $, api, el, scrollable, tokenForm } from './common.mts';
import { fieldMessage, problemMessage } from './messages.mts';
import { DAY_HINT, dayInputAttrs, parseDay } from './i18n.mts';
import { fmtDate, fmtNumber, lang, pageBell, say, setupPage, showFieldErrors, type Lang } from './page.mts';

const T = {
  fi: {
    title: 'Koordinaattorin työkalut', language: 'Kieli', units: 'Yksiköiden henkilömäärät', rules: 'Kannustinsäännöt', activity: 'Aktiivisuusraportti', people: 'Henkilön tietopyynnöt',
    csvHeadcount: 'Henkilömäärä on kokonaisluku 0–1 000 000.', csvUnit: 'Yksikön tunnus on 1–100 merkkiä.', csvRow: 'Rivillä on eri määrä kenttiä kuin otsikossa.',
    file: 'CSV-tiedosto (unit,headcount,valid_from[,name], UTF-8)', import: 'Tuo henkilömäärät', imported: (r: number, c: number) => `Tuotu: ${r} riviä, joista ${c} muuttui.`, chooseFile: 'Valitse ensin tiedosto.',
    invalid: (n: number) => `Tiedostossa on ${n} virhettä; mitään ei tuotu. Virheelliset solut on merkitty alla.`, preview: 'Tiedoston esikatselu virheineen', line: 'Rivi', fileErrors: 'Koko tiedostoa tai riviä koskevat virheet',
    current: 'Voimassa olevat henkilömäärät', unit: 'Yksikkö', name: 'Nimi', headcount: 'Henkilömäärä', validFrom: 'Voimassa alkaen', noUnits: 'Henkilömääriä ei ole tuotu.',
    versions: 'Versiot rinnakkain', version: (n: number) => `Versio ${n}`, published: 'Julkaistu', points: 'Pisteet', bonus: { participation: (a: number) => `Osallistumisbonus (vähintään ${Math.round(a * 100)} %)`, 'quick-decision': (d: number) => `Nopea päätös (≤ ${d} pv)` },
    noRules: 'Sääntöjä ei ole julkaistu.', newVersion: 'Uusi versio', rulesName: 'Version nimi (valinnainen)', partShare: 'Osallistumisbonus: vähimmäisosuus (0–1)', participationPoints: 'Osallistumisbonuksen pisteet',
    publish: 'Julkaise uusi versio', publishedMsg: (n: number) => `Versio ${n} julkaistu; menneet jaksot lasketaan myös sillä.`, fix: 'Tarkista merkityt kentät.', failed: 'Toiminto epäonnistui',
    event: {
      IdeaSubmitted: 'Idea lähetetty', IdeaReviewStarted: 'Arviointi aloitettu', IdeaPilotStarted: 'Pilotti käynnistetty', PilotMeasurementsRecorded: 'Mittaus kirjattu', IdeaAdopted: 'Otettu käyttöön', IdeaRejected: 'Hylätty',
      IdeaWithdrawn: 'Peruttu', IdeaCommented: 'Kommentti', IdeaSupported: 'Kannatus', IdeaDeedLinked: 'Kehittämisteko avattu', IdeaMerged: 'Yhdistetty toiseen', DuplicateMerged: 'Kaksoiskappale yhdistetty',
    } as Record<string, string>,
    period: 'Jakso', periods: { month: 'kuukausi', quarter: 'neljännes', year: 'vuosi' } as Record<string, string>, from: 'Alkaen', to: 'Asti', show: 'Näytä raportti',
    submitted: 'Ideoita', per100: 'Ideoita / 100 hlö', participation: 'Osallistuminen', median: 'Mediaani pv päätökseen', pointsUnder: (n: number) => `Pisteet v${n}`, noActivity: 'Ei toimintaa valitulla jaksolla.', reportCaption: (o: string) => `Yksiköiden aktiivisuus: ${o}`,
    subject: 'Henkilön tunnus (kirjautumispalvelun sub)', exportPerson: 'Lataa henkilön tiedot', exported: 'Tiedosto on valmis.', download: (f: string) => `Tallenna tiedosto: ${f}`, erase: 'Poista henkilötiedot',
    confirmErase: 'Olen tarkistanut pyynnön: henkilön tiedot poistetaan pysyvästi', mustConfirm: 'Vahvista ensin poisto.', erased: 'Henkilötiedot poistettu; lukumallit rakennetaan uudelleen.', adminsOnly: 'Vain ohjelman ylläpitäjät käsittelevät henkilöiden tietopyyntöjä.', required: 'pakollinen',
  },
  sv: {
    title: 'Koordinatorns verktyg', language: 'Språk', units: 'Enheternas personalstyrka', rules: 'Incitamentsregler', activity: 'Aktivitetsrapport', people: 'Personers begäran om uppgifter',
    csvHeadcount: 'Personalstyrkan är ett heltal 0–1 000 000.', csvUnit: 'Enhetens kod är 1–100 tecken.', csvRow: 'Raden har ett annat antal fält än rubriken.',
    file: 'CSV-fil (unit,headcount,valid_from[,name], UTF-8)', import: 'Importera personalstyrkan', imported: (r: number, c: number) => `Importerat: ${r} rader, ${c} ändrade.`, chooseFile: 'Välj först en fil.',
    invalid: (n: number) => `Filen har ${n} fel; inget importerades. De felaktiga cellerna är markerade nedan.`, preview: 'Förhandsgranskning av filen med fel', line: 'Rad', fileErrors: 'Fel som gäller hela filen eller raden',
    current: 'Gällande personalstyrka', unit: 'Enhet', name: 'Namn', headcount: 'Personal', validFrom: 'Gäller från', noUnits: 'Ingen personalstyrka har importerats.',
    versions: 'Versionerna sida vid sida', version: (n: number) => `Version ${n}`, published: 'Publicerad', points: 'Poäng', bonus: { participation: (a: number) => `Deltagarbonus (minst ${Math.round(a * 100)} %)`, 'quick-decision': (d: number) => `Snabbt beslut (≤ ${d} d)` },
    noRules: 'Inga regler har publicerats.', newVersion: 'Ny version', rulesName: 'Versionens namn (valfritt)', partShare: 'Deltagarbonus: minsta andel (0–1)', participationPoints: 'Deltagarbonusens poäng',
    publish: 'Publicera en ny version', publishedMsg: (n: number) => `Version ${n} har publicerats; tidigare perioder räknas också med den.`, fix: 'Kontrollera de markerade fälten.', failed: 'Åtgärden misslyckades',
    event: {
      IdeaSubmitted: 'Idé inlämnad', IdeaReviewStarted: 'Bedömning påbörjad', IdeaPilotStarted: 'Pilot startad', PilotMeasurementsRecorded: 'Mätning registrerad', IdeaAdopted: 'Införd', IdeaRejected: 'Avslagen',
      IdeaWithdrawn: 'Återtagen', IdeaCommented: 'Kommentar', IdeaSupported: 'Stöd', IdeaDeedLinked: 'Utvecklingsinsats öppnad', IdeaMerged: 'Sammanslagen', DuplicateMerged: 'Dubblett sammanslagen',
    } as Record<string, string>,
    period: 'Period', periods: { month: 'månad', quarter: 'kvartal', year: 'år' } as Record<string, string>, from: 'Från', to: 'Till', show: 'Visa rapporten',
    submitted: 'Idéer', per100: 'Idéer / 100 pers.', participation: 'Deltagande', median: 'Median dagar till beslut', pointsUnder: (n: number) => `Poäng v${n}`, noActivity: 'Ingen aktivitet under perioden.', reportCaption: (o: string) => `Enheternas aktivitet: ${o}`,
    subject: 'Personens identifierare (inloggningstjänstens sub)', exportPerson: 'Ladda ner personens uppgifter', exported: 'Filen är klar.', download: (f: string) => `Spara filen: ${f}`, erase: 'Radera personuppgifterna',
    confirmErase: 'Jag har kontrollerat begäran: personens uppgifter raderas permanent', mustConfirm: 'Bekräfta först raderingen.', erased: 'Personuppgifterna har raderats; läsmodellerna byggs om.', adminsOnly: 'Endast programmets administratörer behandlar personers begäran om uppgifter.', required: 'obligatorisk',
  },
  en: {
    title: 'Coordinator tools', language: 'Language', units: 'Unit headcounts', rules: 'Incentive rules', activity: 'Activity report', people: "A person's data requests",
    csvHeadcount: 'The headcount is a whole number 0–1,000,000.', csvUnit: 'The unit is 1–100 characters.', csvRow: 'The line has a different number of fields than the header.',
    file: 'CSV file (unit,headcount,valid_from[,name], UTF-8)', import: 'Import headcounts', imported: (r: number, c: number) => `Imported: ${r} rows, ${c} changed.`, chooseFile: 'Choose a file first.',
    invalid: (n: number) => `The file has ${n} problem(s); nothing was imported. The bad cells are marked below.`, preview: 'The file with its problems', line: 'Line', fileErrors: 'Problems with the whole file or a line',
    current: 'Headcounts in force', unit: 'Unit', name: 'Name', headcount: 'Headcount', validFrom: 'Valid from', noUnits: 'No headcounts imported.',
    versions: 'Versions side by side', version: (n: number) => `Version ${n}`, published: 'Published', points: 'Points', bonus: { participation: (a: number) => `Participation bonus (at least ${Math.round(a * 100)} %)`, 'quick-decision': (d: number) => `Quick decision (≤ ${d} d)` },
    noRules: 'No rules published.', newVersion: 'New version', rulesName: "The version's name (optional)", partShare: 'Participation bonus: least share (0–1)', participationPoints: 'Participation bonus points',
    publish: 'Publish a new version', publishedMsg: (n: number) => `Version ${n} published; past periods are figured under it too.`, fix: 'Please check the marked fields.', failed: 'The action failed',
    event: {
      IdeaSubmitted: 'Idea submitted', IdeaReviewStarted: 'Review started', IdeaPilotStarted: 'Pilot started', PilotMeasurementsRecorded: 'Measurement recorded', IdeaAdopted: 'Adopted', IdeaRejected: 'Rejected',
      IdeaWithdrawn: 'Withdrawn', IdeaCommented: 'Comment', IdeaSupported: 'Support', IdeaDeedLinked: 'Deed opened', IdeaMerged: 'Merged into another', DuplicateMerged: 'Duplicate merged in',
    } as Record<string, string>,
    period: 'Period', periods: { month: 'month', quarter: 'quarter', year: 'year' } as Record<string, string>, from: 'From', to: 'To', show: 'Show report',
    submitted: 'Ideas', per100: 'Ideas / 100 staff', participation: 'Participation', median: 'Median days to decision', pointsUnder: (n: number) => `Points v${n}`, noActivity: 'No activity in the period.', reportCaption: (o: string) => `Unit activity: ${o}`,
    subject: "The person's id (the sign-in service's sub)", exportPerson: "Download the person's data", exported: 'The file is ready.', download: (f: string) => `Save the file: ${f}`, erase: 'Erase the personal data',
    confirmErase: "I have checked the request: the person's data is erased for good", mustConfirm: 'Confirm the erasure first.', erased: 'Personal data erased; the read models are rebuilt.', adminsOnly: "Only programme admins handle a person's data requests.", required: 'required',
  },
} satisfies Record<Lang, unknown>;
const t = T[lang];
const EVENTS = Object.keys(T.fi.event);
let organisation = '';

function table(caption: string, head: string[], rows: (string | Node)[][], attrs: Record<string, string> = {}) {
  return scrollable(el('table', attrs, el('caption', {}, caption), el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c))))))));
}
const err = (name: string) => el('p', { class: 'err', id: `e-${name}`, 'data-error-for': name });

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

/** A CSV line split into cells (quotes allowed), enough to show the file back with its problems. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

function preview(csv: string, errors: { field: string; message: string }[]): Node[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const header = cells(lines[0] ?? '').map((c) => c.trim().toLowerCase());
  const byCell = new Map<string, string[]>();
  const general: string[] = [];
  for (const e of errors) {
    const m = /^line (\d+)(?:: (.+))?$/.exec(e.field);
    const column = m?.[2];
    const known = column === 'headcount' ? t.csvHeadcount : column === 'row' ? t.csvRow : column === 'unit' && /1–100/.test(e.message) ? t.csvUnit : fieldMessage(lang, e);
    // A message the page has no words for is shown as the API gave it (it names the problem exactly).
    const text = known === fieldMessage(lang, { field: '', message: '' }) ? e.message : known;
    if (column && column !== 'row') byCell.set(`${m![1]}|${column}`, [...(byCell.get(`${m![1]}|${column}`) ?? []), text]);
    else general.push(m ? `${t.line} ${m[1]}: ${text}` : e.message);
  }
  const rows = lines.slice(1).map((line, i) => {
    const n = i + 2;
    const values = cells(line);
    return el('tr', { 'data-line': String(n) }, el('th', { scope: 'row' }, String(n)), ...header.map((col, j) => {
      const problems = byCell.get(`${n}|${col}`);
      return problems
        ? el('td', { class: 'bad-cell', 'data-column': col }, values[j] ?? '', el('span', { class: 'err' }, ` ${problems.join(' ')}`))
        : el('td', { 'data-column': col }, values[j] ?? '');
    }));
  });
  const out: Node[] = [];
  if (general.length) out.push(el('h3', {}, t.fileErrors), el('ul', { class: 'file-errors' }, ...general.map((g) => el('li', { class: 'err' }, g))));
  out.push(scrollable(el('table', { class: 'csv-preview' }, el('caption', {}, t.preview), el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t.line), ...header.map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, ...rows))));
  return out;
}

async function loadUnits() {
  const box = $('#units');
  const file = el('input', { type: 'file', id: 'units-file', accept: '.csv,text/csv', 'data-field': 'file', 'aria-describedby': 'e-file' });
  const result = el('div', { id: 'units-result' });
  const form = el('form', { id: 'units-form', novalidate: '', 'aria-labelledby': 'units-h' }, el('div', { class: 'field' }, el('label', { for: 'units-file' }, t.file), file, err('file')),
    el('div', { class: 'buttons' }, el('button', { type: 'submit' }, t.import)), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    showFieldErrors(form, chosen ? [] : [{ field: 'file', message: '', text: t.chooseFile } as any]);
    if (!chosen) return say(t.fix, false);
    const csv = await chosen.text();
    const r = await api('POST', `/api/organisations/${organisation}/units`, csv, { 'content-type': 'text/csv; charset=utf-8' });
    if (r.status === 400 && Array.isArray(r.body?.errors)) {
      result.replaceChildren(...preview(csv, r.body.errors));
      return say(t.invalid(r.body.errors.length), false);
    }
    if (r.status !== 200) return say(`${t.failed}: ${problemMessage(lang, r)}`, false);
    result.replaceChildren();
    await showUnits();
    say(t.imported(r.body.rows, r.body.changed));
  });
  box.replaceChildren(form, el('div', { id: 'units-current' }));
  await showUnits();
}

async function showUnits() {
  const box = $('#units-current');
  const r = await api('GET', `/api/organisations/${organisation}/units`);
  if (r.status !== 200) return box.replaceChildren(el('p', { class: 'meta' }, problemMessage(lang, r)));
  const rows: any[] = r.body.headcounts ?? [];
  box.replaceChildren(rows.length
    ? table(t.current, [t.unit, t.name, t.headcount, t.validFrom], rows.map((h) => [h.unit, h.name ?? '', String(h.headcount), h.validFrom]), { class: 'units' })
    : el('p', {}, t.noUnits));
}

// ---------------------------------------------------------------------------------------------
// Incentive rules
// ---------------------------------------------------------------------------------------------

async function loadRules() {
  const box = $('#rules');
  const r = await api('GET', `/api/organisations/${organisation}/incentive-rules`);
  if (r.status !== 200) return box.replaceChildren(el('p', { class: 'meta' }, problemMessage(lang, r)));
  const versions: any[] = r.body.versions ?? [];
  const parts: Node[] = [];
  if (versions.length) {
    const bonusRows = new Map<string, (string | Node)[]>();
    versions.forEach((v, i) => {
      for (const b of v.bonuses ?? []) {
        const label = b.kind === 'participation' ? t.bonus.participation(b.atLeast) : t.bonus['quick-decision'](b.withinDays);
        const row = bonusRows.get(label) ?? [label, ...versions.map(() => '–')];
        row[i + 1] = String(b.points);
        bonusRows.set(label, row);
      }
    });
    parts.push(table(t.versions, ['', ...versions.map((v) => `${t.version(v.version)}${v.name ? `: ${v.name}` : ''}`)], [
      [t.published, ...versions.map((v) => fmtDate(v.publishedAt))],
      ...EVENTS.filter((e) => versions.some((v) => v.points?.[e] !== undefined)).map((e) => [t.event[e], ...versions.map((v) => (v.points?.[e] === undefined ? '–' : fmtNumber(v.points[e])))]),
      ...bonusRows.values(),
    ], { class: 'rules-versions' }));
  } else parts.push(el('p', {}, t.noRules));
  const latest = versions[versions.length - 1];
  const name = el('input', { type: 'text', id: 'r-name', 'data-field': 'name', 'aria-describedby': 'e-name' });
  const points = EVENTS.map((e) => {
    const i = el('input', { type: 'number', id: `r-${e}`, step: 'any', inputmode: 'decimal', 'data-event': e });
    i.value = latest?.points?.[e] === undefined ? '' : String(latest.points[e]);
    return el('div', { class: 'field' }, el('label', { for: `r-${e}` }, t.event[e]), i);
  });
  const part = (latest?.bonuses ?? []).find((b: any) => b.kind === 'participation');
  const atLeast = el('input', { type: 'number', id: 'r-atLeast', step: 'any', min: '0', max: '1', inputmode: 'decimal' });
  atLeast.value = part ? String(part.atLeast) : '';
  const partPoints = el('input', { type: 'number', id: 'r-partPoints', step: 'any', inputmode: 'decimal' });
  partPoints.value = part ? String(part.points) : '';
  const form = el('form', { id: 'rules-form', novalidate: '', 'aria-labelledby': 'rules-new-h' }, el('h3', { id: 'rules-new-h' }, t.newVersion),
    el('div', { class: 'field' }, el('label', { for: 'r-name' }, t.rulesName), name, err('name')),
    el('fieldset', { class: 'group', 'data-field': 'points', 'aria-describedby': 'e-points' }, el('legend', {}, t.points), el('div', { class: 'pair' }, ...points), err('points')),
    el('fieldset', { class: 'group', 'data-field': 'bonuses', 'aria-describedby': 'e-bonuses' }, el('legend', {}, t.bonus.participation(Number(atLeast.value || 0)).replace(/ \(.*$/, '')),
      el('div', { class: 'pair' }, el('div', { class: 'field' }, el('label', { for: 'r-atLeast' }, t.partShare), atLeast), el('div', { class: 'field' }, el('label', { for: 'r-partPoints' }, t.participationPoints), partPoints)), err('bonuses')),
    el('div', { class: 'buttons' }, el('button', { type: 'submit' }, t.publish)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body: Record<string, unknown> = { points: Object.fromEntries(points.map((p) => p.querySelector('input')!).filter((i) => i.value !== '').map((i) => [i.dataset.event!, Number(i.value)])) };
    if (name.value.trim()) body.name = name.value.trim();
    if (atLeast.value !== '' || partPoints.value !== '') body.bonuses = [{ kind: 'participation', atLeast: Number(atLeast.value), points: Number(partPoints.value) }];
    const reply = await api('POST', `/api/organisations/${organisation}/incentive-rules`, body);
    if (reply.status !== 201) return say(showFieldErrors(form, reply.body?.errors ?? []) ? t.fix : `${t.failed}: ${problemMessage(lang, reply)}`, false);
    await Promise.all([loadRules(), loadActivity()]);
    say(t.publishedMsg(reply.body.version));
  });
  parts.push(form);
  box.replaceChildren(...parts);
}

// ---------------------------------------------------------------------------------------------
// Activity report
// ---------------------------------------------------------------------------------------------

let activityForm: HTMLFormElement | undefined;
async function loadActivity() {
  const box = $('#activity');
  if (!activityForm) {
    const period = el('select', { id: 'a-period', 'data-field': 'period', 'aria-describedby': 'e-period' }, ...Object.entries(t.periods).map(([k, v]) => el('option', { value: k }, v)));
    period.value = 'year';
    // Day fields take the Finnish form (31.12.2026) as well as 2026-12-31, never the browser's mm/dd/yyyy.
    const day = (name: string) => el('input', { ...dayInputAttrs(`a-${name}`), id: `a-${name}`, 'data-field': name, 'aria-describedby': `a-${name}-hint e-${name}` });
    const hint = (name: string) => el('p', { class: 'hint', id: `a-${name}-hint` }, DAY_HINT[lang]);
    const from = day('from');
    const to = day('to');
    activityForm = el('form', { id: 'activity-form', novalidate: '', class: 'pair', 'aria-labelledby': 'activity-h' },
      el('div', { class: 'field' }, el('label', { for: 'a-period' }, t.period), period, err('period')), el('div', { class: 'field' }, el('label', { for: 'a-from' }, t.from), from, hint('from'), err('from')),
      el('div', { class: 'field' }, el('label', { for: 'a-to' }, t.to), to, hint('to'), err('to')), el('div', { class: 'buttons' }, el('button', { type: 'submit' }, t.show)));
    activityForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void loadActivity();
    });
    box.replaceChildren(activityForm, el('div', { id: 'activity-report' }));
  }
  const v = (n: string) => {
    const value = activityForm!.querySelector<HTMLInputElement>(`#a-${n}`)!.value;
    // A day typed the Finnish way goes to the API as YYYY-MM-DD; anything unreadable as typed (the API names the field).
    return n === 'from' || n === 'to' ? (parseDay(value) ?? value.trim()) : value;
  };
  const q = new URLSearchParams({ period: v('period'), ...(v('from') ? { from: v('from') } : {}), ...(v('to') ? { to: v('to') } : {}) });
  const r = await api('GET', `/api/activity?${q}`);
  const report = $('#activity-report');
  if (r.status !== 200) {
    report.replaceChildren();
    return say(showFieldErrors(activityForm, r.body?.errors ?? []) ? t.fix : problemMessage(lang, r), false);
  }
  showFieldErrors(activityForm, []);
  const versions: any[] = r.body.rulesVersions ?? [];
  const rows = (r.body.units as any[]).flatMap((u) => u.periods.map((p: any) => [`${u.name ?? u.unit} · ${p.period}`, p.headcount === null ? '–' : String(p.headcount), String(p.submitted),
    p.perHundredStaff.submitted === null ? '–' : fmtNumber(p.perHundredStaff.submitted), p.participation === null ? '–' : `${fmtNumber(p.participation * 100)} %`,
    p.medianDaysToDecision === null ? '–' : fmtNumber(p.medianDaysToDecision), ...versions.map((ver) => fmtNumber(p.pointsByRules?.[String(ver.version)] ?? 0))]));
  report.replaceChildren(rows.length
    ? table(t.reportCaption(r.body.organisation), [t.unit, t.headcount, t.submitted, t.per100, t.participation, t.median, ...versions.map((ver) => t.pointsUnder(ver.version))], rows, { class: 'activity' })
    : el('p', {}, t.noActivity));
}

// ---------------------------------------------------------------------------------------------
// A person's export and erasure (programme admins)
// ---------------------------------------------------------------------------------------------

let exportUrl = '';
function peopleForm() {
  const subject = el('input', { type: 'text', id: 'p-subject', 'data-field': 'subject', 'aria-describedby': 'e-subject', autocomplete: 'off', 'aria-required': 'true' });
  const confirm = el('input', { type: 'checkbox', id: 'p-confirm', 'data-field': 'confirm', 'aria-describedby': 'e-confirm' });
  const exportButton = el('button', { type: 'button', class: 'secondary' }, t.exportPerson);
  const eraseButton = el('button', { type: 'submit', class: 'danger' }, t.erase);
  const link = el('p', { id: 'person-file' });
  const form = el('form', { id: 'people-form', novalidate: '', 'aria-labelledby': 'people-h' }, el('p', { class: 'meta' }, t.adminsOnly),
    el('div', { class: 'field' }, el('label', { for: 'p-subject' }, t.subject, ' ', el('span', { class: 'req' }, `(${t.required})`)), subject, err('subject')),
    el('div', { class: 'buttons' }, exportButton), link,
    el('div', { class: 'check' }, confirm, el('label', { for: 'p-confirm' }, t.confirmErase)), err('confirm'), el('div', { class: 'buttons' }, eraseButton));
  const need = (): boolean => {
    const ok = subject.value.trim() !== '';
    showFieldErrors(form, ok ? [] : [{ field: 'subject', message: 'subject should not be empty' }]);
    if (!ok) say(t.fix, false);
    return ok;
  };
  exportButton.addEventListener('click', async () => {
    if (!need()) return;
    const r = await api('GET', `/api/people/${encodeURIComponent(subject.value.trim())}/export`);
    if (r.status !== 200) return say(`${t.failed}: ${problemMessage(lang, r)}`, false);
    if (exportUrl) URL.revokeObjectURL(exportUrl);
    exportUrl = URL.createObjectURL(new Blob([JSON.stringify(r.body, null, 2)], { type: 'application/json' }));
    const file = `kehittamo-${subject.value.trim().replace(/[^\w.-]/g, '_')}.json`;
    const a = el('a', { href: exportUrl, download: file }, t.download(file));
    link.replaceChildren(a);
    say(t.exported);
    a.focus();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!need()) return;
    if (!confirm.checked) {
      showFieldErrors(form, [{ field: 'confirm', message: '', text: t.mustConfirm } as any]);
      return say(t.mustConfirm, false);
    }
    const r = await api('POST', `/api/people/${encodeURIComponent(subject.value.trim())}/erase`);
    if (r.status !== 200) return say(`${t.failed}: ${problemMessage(lang, r)}`, false);
    confirm.checked = false;
    say(t.erased);
  });
  $('#people').replaceChildren(form);
}

async function load() {
  // The activity report names the caller's organisation: the other tools work on it.
  const probe = await api('GET', '/api/activity?period=year');
  if (probe.status !== 200) return say(problemMessage(lang, probe), false);
  organisation = probe.body.organisation;
  activityForm = undefined;
  await Promise.all([loadUnits(), loadRules(), loadActivity()]);
}

setupPage(t.title);
$('#units-h').textContent = t.units;
$('#rules-h').textContent = t.rules;
$('#activity-h').textContent = t.activity;
$('#people-h').textContent = t.people;
peopleForm();
tokenForm(() => void load());
void load();
void pageBell();
