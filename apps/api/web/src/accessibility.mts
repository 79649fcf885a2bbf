// The accessibility statement (saavutettavuusseloste, tillgänglighetsutlåtande), as Finnish law asks of public
// digital services (Act on the Provision of Digital Services 306/2019), in Finnish, Swedish and English.
import { $, el } from './common.mts';
import { lang, s, setupPage, type Texts } from './i18n.mts';

setupPage({ title: s('Saavutettavuusseloste', 'Tillgänglighetsutlåtande', 'Accessibility statement') });

type Section = { heading: Texts; paragraphs: Texts[]; list?: Texts[] };

const SECTIONS: Section[] = [
  {
    heading: s('Palvelu ja seloste', 'Tjänsten och utlåtandet', 'The service and this statement'),
    paragraphs: [
      s(
        'Tämä seloste koskee Kehittämön sivuja: muutosagenttien taulua, innovaatiosuppiloa, Tekojen toria, tuomariston huonetta, etusivua ja intranetiin upotettavaa idea-widgetiä. Palvelua koskee laki digitaalisten palvelujen tarjoamisesta (306/2019), ja sen tavoite on WCAG 2.1 -ohjeiden AA-taso.',
        'Detta utlåtande gäller Kehittämös sidor: förändringsagenternas tavla, innovationstratten, Tekojen tori, juryrummet, startsidan och idéwidgeten som bäddas in i intranätet. Tjänsten omfattas av lagen om tillhandahållande av digitala tjänster (306/2019) och målet är nivå AA i WCAG 2.1.',
        "This statement covers Kehittämö's pages: the change-agent board, the innovation funnel, Tekojen tori, the jury room, the front page and the idea widget embedded in intranets. The service falls under the Finnish Act on the Provision of Digital Services (306/2019); its aim is level AA of WCAG 2.1.",
      ),
    ],
  },
  {
    heading: s('Saavutettavuuden tila', 'Tillgänglighetsstatus', 'Compliance status'),
    paragraphs: [
      s(
        'Palvelu täyttää WCAG 2.1 -tason AA vaatimukset osittain. Automaattisesti tarkistettavat kriteerit täyttyvät kaikilla sivuilla kaikilla kolmella kielellä; alla on kerrottu, mitä ei vielä ole arvioitu tai mikä ei vielä ole saavutettavaa.',
        'Tjänsten uppfyller delvis kraven på nivå AA i WCAG 2.1. De kriterier som kan kontrolleras automatiskt uppfylls på alla sidor på alla tre språken; nedan står vad som ännu inte har bedömts eller ännu inte är tillgängligt.',
        'The service partially conforms to WCAG 2.1 level AA. The criteria that can be checked automatically are met on every page in all three languages; below is what has not been assessed yet or is not yet accessible.',
      ),
    ],
  },
  {
    heading: s('Miten saavutettavuus on tarkistettu', 'Hur tillgängligheten har kontrollerats', 'How accessibility was checked'),
    paragraphs: [s('Arvio on tehty itse. Jokaisessa julkaistavassa versiossa tarkistetaan automaattisesti:', 'Bedömningen är gjord av oss själva. Varje version som ges ut kontrolleras automatiskt:', 'The assessment is our own. Every version released is checked automatically:')],
    list: [
      s('axe-core-työkalu (WCAG 2.0 ja 2.1, tasot A ja AA) jokaisella sivulla suomeksi, ruotsiksi ja englanniksi: tyhjänä, tietoja täynnä, virheilmoitus näkyvissä ja valintaikkuna tai yksityiskohdat avattuina', 'verktyget axe-core (WCAG 2.0 och 2.1, nivå A och AA) på varje sida på finska, svenska och engelska: tom, fylld med uppgifter, med ett felmeddelande och med en dialog eller detaljvy öppen', 'the axe-core tool (WCAG 2.0 and 2.1, levels A and AA) on every page in Finnish, Swedish and English: empty, filled with data, with an error shown and with a dialog or detail view open'),
      s('näppäimistöllä tehtävät polut: idean vieminen taulun vaiheesta toiseen ja ehdokkaan arviointi tuomariston huoneessa ilman hiirtä', 'tangentbordsvägar: att flytta en idé från ett skede till nästa på tavlan och att bedöma en nominering i juryrummet utan mus', 'keyboard-only journeys: moving an idea from one stage to the next on the board and scoring a nominee in the jury room without a mouse'),
      s('sisällön mukautuminen 320 pikselin leveyteen ilman sivuttaisvieritystä, tekstin välistyksen muutokset ja kosketusalueiden koko', 'att innehållet anpassar sig till 320 pixlars bredd utan vågrät rullning, ändrat textavstånd och storleken på klickytorna', 'reflow to 320 pixels without sideways scrolling, changed text spacing and the size of touch targets'),
    ],
  },
  {
    heading: s('Sisältö, joka ei vielä ole saavutettavaa', 'Innehåll som ännu inte är tillgängligt', 'Content that is not yet accessible'),
    paragraphs: [],
    list: [
      s('Kaaviot on piirretty pylväinä; samat luvut ovat ruudunlukijoille taulukkoina. Kaavioiden värit eivät yksin kerro mitään, mutta niiden kontrastia grafiikkana ei ole erikseen mitattu.', 'Diagrammen ritas som staplar; samma siffror finns som tabeller för skärmläsare. Färgerna bär ingen information ensamma, men deras kontrast som grafik har inte mätts separat.', "Charts are drawn as bars; the same figures are tables for screen readers. Colour alone carries no meaning, but the bars' contrast as graphics has not been measured separately."),
      s('Käyttäjien kirjoittamat sisällöt (ideat, kehittämisteot, kommentit) näkyvät sillä kielellä, jolla ne on kirjoitettu, eikä niitä käännetä.', 'Innehåll som användarna skrivit (idéer, utvecklingsinsatser, kommentarer) visas på det språk de skrivits på och översätts inte.', 'What people write (ideas, development deeds, comments) is shown in the language it was written in and is not translated.'),
      s('CSV-tiedostojen sarakkeiden nimet ovat suomeksi.', 'Kolumnnamnen i CSV-filerna är på finska.', 'Column names in the CSV downloads are in Finnish.'),
      s('Ruudunlukijoilla ja puheohjauksella ei ole vielä tehty käyttäjätestausta.', 'Användartester med skärmläsare och röststyrning har ännu inte gjorts.', 'No user testing with screen readers or voice control has been done yet.'),
    ],
  },
  {
    heading: s('Palaute', 'Respons', 'Feedback'),
    paragraphs: [
      s(
        'Jos huomaat saavutettavuuspuutteen tai et pääse käsiksi sisältöön, kerro siitä organisaatiosi Kehittämö-ylläpitäjälle. Vastaamme 14 päivän kuluessa.',
        'Om du märker en tillgänglighetsbrist eller inte kommer åt innehåll, meddela din organisations Kehittämö-administratör. Vi svarar inom 14 dagar.',
        "If you notice an accessibility problem or cannot reach some content, tell your organisation's Kehittämö administrator. We answer within 14 days.",
      ),
    ],
  },
  {
    heading: s('Valvontaviranomainen', 'Tillsynsmyndighet', 'Enforcement'),
    paragraphs: [
      s(
        'Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta kahden viikon aikana, voit tehdä ilmoituksen valvontaviranomaiselle. Ohjeet ovat sivustolla saavutettavuusvaatimukset.fi.',
        'Om du inte är nöjd med svaret eller inte får något svar inom två veckor kan du anmäla saken till tillsynsmyndigheten. Anvisningar finns på webbplatsen tillganglighetskrav.fi.',
        'If you are not satisfied with the answer, or get none within two weeks, you can notify the supervisory authority. Instructions are at webaccessibility.fi.',
      ),
    ],
  },
];
const LINKS: Texts = s('https://www.saavutettavuusvaatimukset.fi/', 'https://www.tillganglighetskrav.fi/', 'https://www.webaccessibility.fi/');
const LINK_TEXT: Texts = s('Saavutettavuusvaatimukset.fi – valvontaviranomaisen sivusto', 'Tillganglighetskrav.fi – tillsynsmyndighetens webbplats', "Webaccessibility.fi – the supervisory authority's site");
const DATED: Texts = s('Seloste on laadittu 7.12.2026 ja tarkistettu viimeksi 7.12.2026.', 'Utlåtandet har upprättats 7.12.2026 och senast granskats 7.12.2026.', 'This statement was prepared on 7 December 2026 and last reviewed on 7 December 2026.');

$('#statement').replaceChildren(
  ...SECTIONS.flatMap((section) => [
    el('h2', {}, section.heading[lang]),
    ...section.paragraphs.map((p) => el('p', {}, p[lang])),
    ...(section.list ? [el('ul', {}, ...section.list.map((item) => el('li', {}, item[lang])))] : []),
  ]),
  el('p', {}, el('a', { href: LINKS[lang] }, LINK_TEXT[lang])),
  el('p', { class: 'meta' }, DATED[lang]),
);
