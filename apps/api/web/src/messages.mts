// Problem details in the page's language. The API names each invalid field with an English class-validator
// message ({ field, message }); these rules read the message's meaning and say it in Finnish, Swedish or English.
// Domain refusals carry a `code` (e.g. award.recused): the known ones are said here too, others by their status.
export type Lang = 'fi' | 'sv' | 'en';
export interface FieldError {
  field: string;
  message: string;
}

type Say = Record<Lang, (n: string) => string>;
const s = (fi: string, sv: string, en: string): Say => ({ fi: () => fi, sv: () => sv, en: () => en });

/** Message pattern → localised text; `n` is the number the message names, if any. Order matters: the first match wins. */
const RULES: [RegExp, Say][] = [
  [/^property .+ should not exist$/, s('Tätä kenttää ei tunneta.', 'Fältet är okänt.', 'This field is not known.')],
  [/should not be empty$/, s('Kenttä on pakollinen.', 'Fältet är obligatoriskt.', 'This field is required.')],
  [/must be longer than or equal to 1 characters?$/, s('Kenttä on pakollinen.', 'Fältet är obligatoriskt.', 'This field is required.')],
  [/must be longer than or equal to (\d+) characters?$/, { fi: (n) => `Kirjoita vähintään ${n} merkkiä.`, sv: (n) => `Skriv minst ${n} tecken.`, en: (n) => `Write at least ${n} characters.` }],
  [/must be shorter than or equal to (\d+) characters?$/, { fi: (n) => `Enintään ${n} merkkiä.`, sv: (n) => `Högst ${n} tecken.`, en: (n) => `At most ${n} characters.` }],
  [/must be a whole number from 1 to 5$|score 1–5$/, s('Anna pisteet kokonaislukuna 1–5.', 'Ge poäng som ett heltal 1–5.', 'Give a whole number from 1 to 5.')],
  [/must be one of the following values/, s('Valitse jokin vaihtoehdoista.', 'Välj ett av alternativen.', 'Choose one of the options.')],
  [/must contain no more than (\d+) elements$/, { fi: (n) => `Enintään ${n} kohtaa.`, sv: (n) => `Högst ${n} poster.`, en: (n) => `At most ${n} items.` }],
  [/must contain at least (\d+) elements?$|must name at least (\d+)/, { fi: (n) => `Vähintään ${n} kohta.`, sv: (n) => `Minst ${n} post.`, en: (n) => `At least ${n} item(s).` }],
  [/must not be less than (-?[\d.]+)$/, { fi: (n) => `Pienin sallittu arvo on ${n}.`, sv: (n) => `Minsta tillåtna värde är ${n}.`, en: (n) => `The smallest allowed value is ${n}.` }],
  [/must not be greater than (-?[\d.]+)$/, { fi: (n) => `Suurin sallittu arvo on ${n}.`, sv: (n) => `Största tillåtna värde är ${n}.`, en: (n) => `The largest allowed value is ${n}.` }],
  [/must be an integer number$/, s('Anna kokonaisluku.', 'Ange ett heltal.', 'Enter a whole number.')],
  [/must be a number/, s('Anna luku.', 'Ange ett tal.', 'Enter a number.')],
  [/must be a date|ISO 8601 date/, s('Anna päivämäärä muodossa VVVV-KK-PP.', 'Ange datum som ÅÅÅÅ-MM-DD.', 'Enter a date as YYYY-MM-DD.')],
  [/must be an http\(s\) address|must be a URL address/, s('Anna verkko-osoite, joka alkaa https://.', 'Ange en webbadress som börjar med https://.', 'Enter a web address starting with https://.')],
  [/lower-case identifier|series key/, s('Käytä pieniä kirjaimia, numeroita ja yhdysviivoja (esim. imatra).', 'Använd små bokstäver, siffror och bindestreck (t.ex. imatra).', 'Use lower-case letters, digits and hyphens (e.g. imatra).')],
  [/must be a UUID$/, s('Tunniste ei kelpaa.', 'Identifieraren är ogiltig.', 'The identifier is not valid.')],
  [/must be a boolean value$|must be true or false$/, s('Valitse kyllä tai ei.', 'Välj ja eller nej.', 'Choose yes or no.')],
  [/must be an array$/, s('Anna luettelo.', 'Ange en lista.', 'Give a list.')],
  [/must be an object$/, s('Arvo on väärän muotoinen.', 'Värdet har fel form.', 'The value has the wrong shape.')],
  [/must be a string$|must contain text$/, s('Kirjoita tekstiä.', 'Skriv text.', 'Enter text.')],
];
const CHECK = s('Tarkista tämä kenttä.', 'Kontrollera det här fältet.', 'Check this field.');

/** One field error in the page's language. */
export function fieldMessage(lang: Lang, error: FieldError): string {
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(error.message);
    if (m) return say[lang](m.slice(1).find((x) => x !== undefined) ?? '');
  }
  return CHECK[lang]('');
}

/** Whether an API field name (`themes[0]`, `metrics[0].name`, `scores.results`) belongs to a form field. */
export const fieldOf = (apiField: string, name: string) => apiField === name || apiField.startsWith(`${name}[`) || apiField.startsWith(`${name}.`);

const CODES: Record<string, Say> = {
  'award.recused': s('Olet esteellinen tähän ehdokkaaseen, joten et voi arvioida sitä.', 'Du är jävig för den här nomineringen och kan inte bedöma den.', 'You are recused from this nomination, so you cannot score it.'),
  'award.round-closed': s('Kierros on suljettu: arvioita ei voi enää muuttaa.', 'Omgången är stängd: bedömningarna kan inte längre ändras.', 'The round is closed: scores can no longer change.'),
  'award.rounds-closed': s('Sarjan molemmat kierrokset on jo suljettu.', 'Båda omgångarna i serien är redan stängda.', 'Both rounds of this series are already closed.'),
  'award.not-shortlisted': s('Ehdokas ei päässyt jatkoon; pitkä lista on suljettu.', 'Nomineringen gick inte vidare; den långa listan är stängd.', 'This nomination did not reach the shortlist.'),
  'award.nominations-open': s('Ehdotusaika on vielä auki: pitkän listan voi sulkea vasta sen päätyttyä.', 'Nomineringstiden pågår: den långa listan kan stängas först efter den.', 'Nominations are still open: the long list closes after they close.'),
  'award.jurors-only': s('Vain sarjan tuomarit arvioivat sen ehdokkaita.', 'Endast seriens jurymedlemmar bedömer dess nomineringar.', 'Only the jurors of the series score its nominations.'),
  'award.chair-only': s('Vain sarjan puheenjohtaja voi tehdä tämän.', 'Endast seriens ordförande kan göra detta.', 'Only the chair of the series can do this.'),
  'award.criteria-mismatch': s('Anna pisteet jokaiselle kriteerille.', 'Ge poäng för varje kriterium.', 'Score every criterion.'),
  'award.score-range': s('Pisteet ovat kokonaislukuja 1–5.', 'Poängen är heltal 1–5.', 'Scores are whole numbers 1–5.'),
  'award.reason-required': s('Perustelu on pakollinen.', 'Motivering krävs.', 'A reason is required.'),
  'award.not-blind': s('Sarjaa ei arvioida sokkona: paljastettavaa ei ole.', 'Serien bedöms inte blint: det finns inget att avslöja.', 'The series is not reviewed blind.'),
  'award.series-locked': s(
    'Sarjat, kriteerit ja painot muuttuvat vain ensimmäiseen ehdotukseen asti; tuomarit, puheenjohtajan ja ajat voi vielä muuttaa.',
    'Serier, kriterier och vikter ändras bara fram till den första nomineringen; jurymedlemmar, ordförande och tider kan ännu ändras.',
    'Series, criteria and weights change only until the first nomination; jurors, chair and dates can still change.',
  ),
  'award.season-announced': s('Gaalan tulokset on julkistettu, joten sen asetukset eivät enää muutu.', 'Galans resultat har offentliggjorts, så dess inställningar ändras inte längre.', 'The results have been announced, so the settings no longer change.'),
  'idea.other-organisation': s('Tämä on toisen organisaation idea.', 'Idén hör till en annan organisation.', 'The idea belongs to another organisation.'),
  'idea.change-agents-only': s('Vain muutosagentit voivat tehdä tämän.', 'Endast förändringsagenter kan göra detta.', 'Only change agents can do this.'),
  'idea.own-idea': s('Omaa ideaa ei voi kannattaa.', 'Du kan inte stödja din egen idé.', 'You cannot support your own idea.'),
  'idea.already-supported': s('Kannatat jo tätä ideaa.', 'Du stöder redan idén.', 'You already support this idea.'),
  'idea.withdrawn': s('Idea on peruttu.', 'Idén har återtagits.', 'The idea has been withdrawn.'),
};
const STATUS: Record<number, Say> = {
  401: s('Kirjaudu sisään: tunniste puuttuu tai on vanhentunut.', 'Logga in: identifieraren saknas eller har gått ut.', 'Sign in: the token is missing or has expired.'),
  403: s('Sinulla ei ole oikeutta tähän.', 'Du har inte behörighet till detta.', 'You are not allowed to do this.'),
  404: s('Ei löytynyt.', 'Hittades inte.', 'Not found.'),
  412: s('Joku muu muutti tätä välillä. Lataa sivu uudelleen ja tee muutos uudestaan.', 'Någon annan ändrade detta under tiden. Ladda om sidan och gör ändringen igen.', 'Someone else changed this meanwhile. Reload the page and make the change again.'),
  429: s('Liian monta pyyntöä. Odota hetki ja yritä uudelleen.', 'För många förfrågningar. Vänta en stund.', 'Too many requests. Wait a moment and try again.'),
  503: s('Palvelu ei ole juuri nyt käytettävissä. Yritä hetken kuluttua uudelleen.', 'Tjänsten är inte tillgänglig just nu. Försök snart igen.', 'The service is unavailable right now. Try again shortly.'),
};

/** A whole problem in one sentence: a known code, else the status, else a localised lead with the API's own detail. */
export function problemMessage(lang: Lang, reply: { status: number; body?: any }): string {
  const b = reply.body ?? {};
  const known = (b.code && CODES[b.code]) || STATUS[reply.status];
  if (known) return known[lang]('');
  if (Array.isArray(b.errors) && b.errors.length) return `${CHECK_FIELDS[lang]('')} ${b.errors.map((e: FieldError) => `${e.field}: ${fieldMessage(lang, e)}`).join(' ')}`;
  const lead = reply.status === 409 ? NOT_NOW : reply.status < 500 ? REFUSED : FAILED;
  return `${lead[lang]('')}${b.detail ? ` (${b.detail})` : ''}`;
}
const CHECK_FIELDS = s('Tarkista merkityt kentät.', 'Kontrollera de markerade fälten.', 'Please check the marked fields.');
const NOT_NOW = s('Tätä ei voi tehdä tässä vaiheessa.', 'Det går inte i det här skedet.', 'This cannot be done at this stage.');
const REFUSED = s('Pyyntöä ei hyväksytty.', 'Begäran godtogs inte.', 'The request was refused.');
const FAILED = s('Jokin meni vikaan palvelussa.', 'Något gick fel i tjänsten.', 'Something went wrong in the service.');
