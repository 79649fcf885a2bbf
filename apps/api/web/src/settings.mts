// My settings: my notifications (the in-app feed, mark read), how I am told (channels, e-mail, frequency, language,
// kinds), and everything held about me as a file (right of access).
import { $, api, el, tokenForm } from './common.mts';
import { problemMessage } from './messages.mts';
import { fmtDate, lang, say, setupPage, showFieldErrors, type Lang } from './page.mts';

const T = {
  fi: {
    title: 'Omat asetukset', language: 'Kieli', notes: 'Ilmoitukset', prefs: 'Miten minulle kerrotaan', data: 'Omat tiedot', signIn: 'Kirjaudu sisään nähdäksesi omat asetuksesi.',
    unreadCount: (n: number) => (n ? `${n} lukematonta` : 'Ei lukemattomia'), none: 'Ei ilmoituksia.', unread: 'Lukematon', markRead: 'Merkitse luetuksi', markAll: 'Merkitse kaikki luetuiksi', marked: 'Merkitty luetuksi.', markedAll: 'Kaikki ilmoitukset merkitty luetuiksi.',
    channels: 'Kanavat', channel: { 'in-app': 'Palvelussa (kello)', email: 'Sähköpostilla' } as Record<string, string>, email: 'Sähköpostiosoite', emailHint: 'Tarvitaan, jos valitset sähköpostin.',
    frequency: 'Kuinka usein', frequencies: { immediately: 'Heti', daily: 'Kerran päivässä koosteena' } as Record<string, string>, noteLanguage: 'Ilmoitusten kieli', languages: { fi: 'suomi', sv: 'svenska', en: 'English' } as Record<string, string>,
    kinds: 'Mistä kerrotaan', kind: {
      'idea-stage': 'Ideani etenee', 'idea-comment': 'Ideaani kommentoidaan', 'idea-deed': 'Ideastani tulee kehittämisteko', 'idea-award': 'Ideani palkitaan', 'idea-merged': 'Ideani yhdistetään toiseen', 'supported-idea-stage': 'Tukemani idea etenee',
      'new-ideas': 'Uudet ideat (muutosagenteille)', 'jury-rounds': 'Tuomariston kierrokset (tuomareille)',
    } as Record<string, string>,
    save: 'Tallenna asetukset', saved: 'Asetukset tallennettu.', fix: 'Tarkista merkityt kentät.', failed: 'Toiminto epäonnistui', defaults: 'Oletusasetukset ovat käytössä, kunnes tallennat omasi.',
    dataNote: 'Voit ladata kaikki sinusta tallennetut tiedot, myös nimettömänä lähettämäsi ideat, JSON-tiedostona.', export: 'Lataa omat tiedot', exported: 'Tiedosto on valmis.', file: 'kehittamo-omat-tiedot.json', download: 'Tallenna tiedosto',
  },
  sv: {
    title: 'Mina inställningar', language: 'Språk', notes: 'Meddelanden', prefs: 'Hur jag får veta', data: 'Mina uppgifter', signIn: 'Logga in för att se dina inställningar.',
    unreadCount: (n: number) => (n ? `${n} olästa` : 'Inga olästa'), none: 'Inga meddelanden.', unread: 'Oläst', markRead: 'Markera som läst', markAll: 'Markera alla som lästa', marked: 'Markerat som läst.', markedAll: 'Alla meddelanden har markerats som lästa.',
    channels: 'Kanaler', channel: { 'in-app': 'I tjänsten (klockan)', email: 'Per e-post' } as Record<string, string>, email: 'E-postadress', emailHint: 'Behövs om du väljer e-post.',
    frequency: 'Hur ofta', frequencies: { immediately: 'Genast', daily: 'En gång om dagen som sammandrag' } as Record<string, string>, noteLanguage: 'Meddelandenas språk', languages: { fi: 'suomi', sv: 'svenska', en: 'English' } as Record<string, string>,
    kinds: 'Vad jag får veta om', kind: {
      'idea-stage': 'Min idé går vidare', 'idea-comment': 'Min idé kommenteras', 'idea-deed': 'Min idé blir en utvecklingsinsats', 'idea-award': 'Min idé belönas', 'idea-merged': 'Min idé slås ihop med en annan', 'supported-idea-stage': 'En idé jag stöder går vidare',
      'new-ideas': 'Nya idéer (för förändringsagenter)', 'jury-rounds': 'Juryns omgångar (för jurymedlemmar)',
    } as Record<string, string>,
    save: 'Spara inställningarna', saved: 'Inställningarna har sparats.', fix: 'Kontrollera de markerade fälten.', failed: 'Åtgärden misslyckades', defaults: 'Standardinställningarna gäller tills du sparar dina egna.',
    dataNote: 'Du kan ladda ner alla uppgifter som sparats om dig, även idéer du skickat anonymt, som en JSON-fil.', export: 'Ladda ner mina uppgifter', exported: 'Filen är klar.', file: 'kehittamo-mina-uppgifter.json', download: 'Spara filen',
  },
  en: {
    title: 'My settings', language: 'Language', notes: 'Notifications', prefs: 'How I am told', data: 'My data', signIn: 'Sign in to see your settings.',
    unreadCount: (n: number) => (n ? `${n} unread` : 'None unread'), none: 'No notifications.', unread: 'Unread', markRead: 'Mark read', markAll: 'Mark all read', marked: 'Marked read.', markedAll: 'All notifications marked read.',
    channels: 'Channels', channel: { 'in-app': 'In the service (the bell)', email: 'By e-mail' } as Record<string, string>, email: 'E-mail address', emailHint: 'Needed if you choose e-mail.',
    frequency: 'How often', frequencies: { immediately: 'At once', daily: 'Once a day as a digest' } as Record<string, string>, noteLanguage: 'Language of notifications', languages: { fi: 'suomi', sv: 'svenska', en: 'English' } as Record<string, string>,
    kinds: 'What I am told about', kind: {
      'idea-stage': 'My idea moves on', 'idea-comment': 'Someone comments on my idea', 'idea-deed': 'My idea becomes a deed', 'idea-award': 'My idea wins an award', 'idea-merged': 'My idea is merged with another', 'supported-idea-stage': 'An idea I support moves on',
      'new-ideas': 'New ideas (for change agents)', 'jury-rounds': 'Jury rounds (for jurors)',
    } as Record<string, string>,
    save: 'Save settings', saved: 'Settings saved.', fix: 'Please check the marked fields.', failed: 'The action failed', defaults: 'The defaults apply until you save your own.',
    dataNote: 'You can download everything held about you, ideas you sent anonymously included, as a JSON file.', export: 'Download my data', exported: 'The file is ready.', file: 'kehittamo-my-data.json', download: 'Save the file',
  },
} satisfies Record<Lang, unknown>;
const t = T[lang];

async function loadNotes() {
  const box = $('#notes');
  const reply = await api('GET', '/api/me/notifications?limit=50');
  if (reply.status === 401) return box.replaceChildren(el('p', {}, t.signIn));
  if (reply.status !== 200) return say(problemMessage(lang, reply), false);
  const items: any[] = reply.body.items;
  const all = el('button', { type: 'button', class: 'secondary', id: 'mark-all' }, t.markAll);
  all.addEventListener('click', async () => {
    const r = await api('POST', '/api/me/notifications/read-all');
    if (r.status !== 200) return say(`${t.failed}: ${problemMessage(lang, r)}`, false);
    await loadNotes();
    say(t.markedAll);
    $('#notes-h').focus();
  });
  box.replaceChildren(
    el('p', { class: 'meta', id: 'unread-count' }, t.unreadCount(reply.body.unread)),
    items.length
      ? el('ul', { class: 'plain notes' }, ...items.map((n) => {
          const li = el('li', { class: `note-item ${n.read ? 'read' : 'unread'}` }, el('strong', {}, n.subject), el('p', {}, n.text), el('p', { class: 'meta' }, `${fmtDate(n.at)}${n.read ? '' : ` · ${t.unread}`}`));
          if (!n.read) {
            const mark = el('button', { type: 'button', class: 'secondary', 'aria-label': `${t.markRead}: ${n.subject}` }, t.markRead);
            mark.addEventListener('click', async () => {
              const r = await api('POST', `/api/me/notifications/${n.id}/read`);
              if (r.status !== 200) return say(`${t.failed}: ${problemMessage(lang, r)}`, false);
              await loadNotes();
              say(t.marked);
              $('#notes-h').focus();
            });
            li.append(mark);
          }
          return li;
        }))
      : el('p', {}, t.none),
    ...(reply.body.unread ? [all] : []),
  );
}

const err = (name: string) => el('p', { class: 'err', id: `e-${name}`, 'data-error-for': name });
function choices(name: string, legend: string, type: 'checkbox' | 'radio', options: Record<string, string>, chosen: string[], describedBy = '') {
  return el('fieldset', { class: 'field choices', 'data-field': name, 'aria-describedby': `${describedBy} e-${name}`.trim() }, el('legend', {}, legend),
    ...Object.entries(options).map(([k, v]) => {
      const box = el('input', { type, id: `${name}-${k}`, name, value: k });
      box.checked = chosen.includes(k);
      return el('div', { class: 'check' }, box, el('label', { for: `${name}-${k}` }, v));
    }), err(name));
}

async function loadPrefs() {
  const box = $('#prefs');
  const reply = await api('GET', '/api/me/notification-preferences');
  if (reply.status === 401) return box.replaceChildren(el('p', {}, t.signIn));
  if (reply.status !== 200) return say(problemMessage(lang, reply), false);
  const p = reply.body;
  const email = el('input', { type: 'email', id: 'p-email', 'data-field': 'email', autocomplete: 'email', 'aria-describedby': 'hint-email e-email' });
  email.value = p.email ?? '';
  const language = el('select', { id: 'p-language', 'data-field': 'language', 'aria-describedby': 'e-language' }, ...Object.entries(t.languages).map(([k, v]) => el('option', { value: k }, v)));
  language.value = p.language;
  const form = el('form', { id: 'prefs-form', novalidate: '', 'aria-labelledby': 'prefs-h' },
    ...(p.set ? [] : [el('p', { class: 'meta' }, t.defaults)]),
    choices('channels', t.channels, 'checkbox', t.channel, p.channels),
    el('div', { class: 'field' }, el('label', { for: 'p-email' }, t.email), email, el('p', { class: 'meta', id: 'hint-email' }, t.emailHint), err('email')),
    choices('frequency', t.frequency, 'radio', t.frequencies, [p.frequency]),
    el('div', { class: 'field' }, el('label', { for: 'p-language' }, t.noteLanguage), language, err('language')),
    choices('kinds', t.kinds, 'checkbox', t.kind, p.kinds),
    el('button', { type: 'submit' }, t.save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const checked = (name: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name=${name}]:checked`)].map((b) => b.value);
    const channels = checked('channels');
    const local = channels.includes('email') && !email.value.trim() ? [{ field: 'email', message: 'email should not be empty' }] : [];
    showFieldErrors(form, local);
    if (local.length) return say(t.fix, false);
    const body = { channels, ...(email.value.trim() ? { email: email.value.trim() } : {}), frequency: checked('frequency')[0] ?? 'immediately', language: language.value, kinds: checked('kinds') };
    const r = await api('PUT', '/api/me/notification-preferences', body);
    if (r.status !== 200) return say(showFieldErrors(form, r.body?.errors ?? []) ? t.fix : `${t.failed}: ${problemMessage(lang, r)}`, false);
    say(t.saved);
  });
  box.replaceChildren(form);
}

let exportUrl = '';
$('#export').addEventListener('click', async () => {
  const reply = await api('GET', '/api/people/me/export');
  if (reply.status !== 200) return say(`${t.failed}: ${problemMessage(lang, reply)}`, false);
  if (exportUrl) URL.revokeObjectURL(exportUrl);
  exportUrl = URL.createObjectURL(new Blob([JSON.stringify(reply.body, null, 2)], { type: 'application/json' }));
  const link = el('a', { href: exportUrl, download: t.file, id: 'export-file' }, `${t.download}: ${t.file}`);
  $('#export-link').replaceChildren(link);
  say(t.exported);
  link.focus();
});

setupPage(t.title);
$('#notes-h').textContent = t.notes;
$('#notes-h').setAttribute('tabindex', '-1');
$('#prefs-h').textContent = t.prefs;
$('#data-h').textContent = t.data;
$('#data-note').textContent = t.dataNote;
$('#export').textContent = t.export;
const load = () => Promise.all([loadNotes(), loadPrefs()]);
tokenForm(() => void load());
void load();
