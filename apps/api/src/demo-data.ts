// Demo data: a believable year of staff ideas in four organisations of South Karelia and South Savo,
// so a newcomer sees a live funnel at once. Every step is a real decision of the idea decider,
// dated in the past, and the whole sample is reproducible (seeded pseudo-random numbers).
//   npm start -- --demo      (loads into the running app)
//   npm run demo             (loads, brings the read models up to date, prints a summary)
import type { Logger } from '@nestjs/common';
import { handleCommand, type Checkpoint } from '#event-store';
import { ideaDecider, ideaStreamId, type IdeaCommand, type Language, type MediaLink, type PilotMetric, type Sector, type Stage } from '#ideas';
import { nameBasedId, type Actor, type Role } from '#platform';
import type { Runtime } from './runtime.js';

const DAY_MS = 86_400_000;
/** Changing the seed or the catalogue changes the demo: ids are derived from the entries. */
const SEED = 4; // chosen for an even spread of submissions over the year
const ID_PREFIX = 'kehittamo-demo';

// ---------------------------------------------------------------------------------------------
// Organisations and people
// ---------------------------------------------------------------------------------------------

interface Person {
  subject: string;
  unit?: string;
  changeAgent?: boolean;
}

interface Organisation {
  id: string;
  name: string;
  units: Record<string, Sector>;
  reviewTeam: (unit: string) => string;
  pilotTeam: (unit: string) => string;
  /** Named people: submitters, commenters, change agents. */
  people: Person[];
  /** Further colleagues who only support ideas. */
  colleagues: number;
}

const ORGANISATIONS = {
  imatra: {
    id: 'imatra',
    name: 'Imatran kaupunki',
    units: {
      varhaiskasvatus: 'education-and-early-childhood',
      perusopetus: 'education-and-early-childhood',
      viestintä: 'business-and-support',
      kaupunkisuunnittelu: 'technical',
      kuntatekniikka: 'technical',
      kirjasto: 'culture-and-leisure',
      liikuntapalvelut: 'culture-and-leisure',
      'ruoka- ja puhtauspalvelut': 'food-and-cleaning',
      henkilöstöpalvelut: 'business-and-support',
    },
    reviewTeam: (unit) => `Muutosagentit, ${unit}`,
    pilotTeam: (unit) => `Pilottitiimi: ${unit}`,
    people: [
      { subject: 'alice', unit: 'viestintä', changeAgent: true },
      { subject: 'sanna.laine', unit: 'kaupunkisuunnittelu', changeAgent: true },
      { subject: 'jukka.heikkinen', unit: 'kuntatekniikka', changeAgent: true },
      { subject: 'aino.virtanen', unit: 'varhaiskasvatus' },
      { subject: 'leena.makinen', unit: 'varhaiskasvatus' },
      { subject: 'outi.heinonen', unit: 'varhaiskasvatus' },
      { subject: 'riikka.jarvinen', unit: 'perusopetus' },
      { subject: 'ville.saarinen', unit: 'viestintä' },
      { subject: 'juha.tuominen', unit: 'kaupunkisuunnittelu' },
      { subject: 'pekka.nieminen', unit: 'kuntatekniikka' },
      { subject: 'tiina.hamalainen', unit: 'kirjasto' },
      { subject: 'mika.koskinen', unit: 'liikuntapalvelut' },
      { subject: 'eeva.lehtonen', unit: 'ruoka- ja puhtauspalvelut' },
      { subject: 'katja.salonen', unit: 'henkilöstöpalvelut' },
    ],
    colleagues: 14,
  },
  'jarvi-saimaan-palvelut': {
    id: 'jarvi-saimaan-palvelut',
    name: 'Järvi-Saimaan Palvelut',
    units: {
      kuntatekniikka: 'technical',
      ruokapalvelut: 'food-and-cleaning',
      puhtauspalvelut: 'food-and-cleaning',
      kiinteistöhuolto: 'technical',
      'talous- ja henkilöstöpalvelut': 'business-and-support',
      'ICT-palvelut': 'business-and-support',
    },
    reviewTeam: () => 'Jatkuvan parantamisen tiimi',
    pilotTeam: (unit) => `Pilottitiimi: ${unit}`,
    people: [
      { subject: 'marjo.kettunen', unit: 'kuntatekniikka', changeAgent: true },
      { subject: 'harri.pesonen', unit: 'ruokapalvelut', changeAgent: true },
      { subject: 'timo.hyvonen', unit: 'kuntatekniikka' },
      { subject: 'jari.partanen', unit: 'kuntatekniikka' },
      { subject: 'satu.rasanen', unit: 'ruokapalvelut' },
      { subject: 'hanna.ikonen', unit: 'ruokapalvelut' },
      { subject: 'anne.kauppinen', unit: 'puhtauspalvelut' },
      { subject: 'daniel.okafor', unit: 'puhtauspalvelut' },
      { subject: 'petri.turunen', unit: 'kiinteistöhuolto' },
      { subject: 'minna.lyytikainen', unit: 'talous- ja henkilöstöpalvelut' },
      { subject: 'kaisa.miettinen', unit: 'ICT-palvelut' },
    ],
    colleagues: 10,
  },
  lappeenranta: {
    id: 'lappeenranta',
    name: 'Lappeenrannan kaupunki',
    units: {
      varhaiskasvatus: 'education-and-early-childhood',
      perusopetus: 'education-and-early-childhood',
      kirjasto: 'culture-and-leisure',
      liikuntapalvelut: 'culture-and-leisure',
      kaupunkiympäristö: 'technical',
      palvelupiste: 'business-and-support',
      henkilöstöpalvelut: 'business-and-support',
    },
    reviewTeam: (unit) => `Kehittäjäverkosto, ${unit}`,
    pilotTeam: (unit) => `Pilottitiimi: ${unit}`,
    people: [
      { subject: 'noora.hakala', unit: 'varhaiskasvatus', changeAgent: true },
      { subject: 'antti.manninen', unit: 'kaupunkiympäristö', changeAgent: true },
      { subject: 'elina.pulkkinen', unit: 'varhaiskasvatus' },
      { subject: 'johanna.ahonen', unit: 'varhaiskasvatus' },
      { subject: 'petteri.rantanen', unit: 'perusopetus' },
      { subject: 'markus.tanskanen', unit: 'kaupunkiympäristö' },
      { subject: 'heikki.vainio', unit: 'kaupunkiympäristö' },
      { subject: 'sari.karvonen', unit: 'kirjasto' },
      { subject: 'priya.nair', unit: 'kirjasto' },
      { subject: 'tuomas.laitinen', unit: 'liikuntapalvelut' },
      { subject: 'maria.sjoberg', unit: 'liikuntapalvelut' },
      { subject: 'laura.kinnunen', unit: 'palvelupiste' },
      { subject: 'susanna.kemppainen', unit: 'henkilöstöpalvelut' },
    ],
    colleagues: 12,
  },
  'hyvinvointialue-etela-karjala': {
    id: 'hyvinvointialue-etela-karjala',
    name: 'Etelä-Karjalan hyvinvointialue',
    units: {
      kotihoito: 'social-and-health',
      päivystys: 'social-and-health',
      ensihoito: 'social-and-health',
      'suun terveydenhuolto': 'social-and-health',
      aikuissosiaalityö: 'social-and-health',
      vammaispalvelut: 'social-and-health',
      ravitsemuspalvelut: 'food-and-cleaning',
    },
    reviewTeam: (unit) => `Kehittämistiimi, ${unit}`,
    pilotTeam: (unit) => `Pilottitiimi: ${unit}`,
    people: [
      { subject: 'paivi.hiltunen', unit: 'kotihoito', changeAgent: true },
      { subject: 'kari.savolainen', unit: 'päivystys', changeAgent: true },
      { subject: 'anna.lindqvist', unit: 'vammaispalvelut', changeAgent: true },
      { subject: 'merja.halonen', unit: 'kotihoito' },
      { subject: 'tanja.ruotsalainen', unit: 'kotihoito' },
      { subject: 'grace.mensah', unit: 'kotihoito' },
      { subject: 'jenni.pitkanen', unit: 'päivystys' },
      { subject: 'erik.holmstrom', unit: 'päivystys' },
      { subject: 'olli.repo', unit: 'ensihoito' },
      { subject: 'kirsi.huttunen', unit: 'suun terveydenhuolto' },
      { subject: 'marika.sirvio', unit: 'aikuissosiaalityö' },
      { subject: 'linnea.berg', unit: 'vammaispalvelut' },
      { subject: 'sami.leinonen', unit: 'vammaispalvelut' },
      { subject: 'raili.kokkonen', unit: 'ravitsemuspalvelut' },
    ],
    colleagues: 16,
  },
} satisfies Record<string, Organisation>;

type OrgId = keyof typeof ORGANISATIONS;

export const DEMO_ORGANISATIONS: readonly string[] = Object.keys(ORGANISATIONS);

// ---------------------------------------------------------------------------------------------
// The ideas
// ---------------------------------------------------------------------------------------------

interface DemoMetric extends PilotMetric {
  /** The value the pilot reaches at its end (used for measurements and the adoption result). */
  final: number;
}

interface DemoPilot {
  goal: string;
  team?: string;
  metrics: DemoMetric[];
}

interface DemoIdea {
  org: OrgId;
  unit: string;
  /** Where the idea stands today. */
  stage: Stage;
  /** For rejected and withdrawn ideas: the stage it left (default: in review). */
  endedIn?: 'submitted' | 'inReview' | 'piloting';
  language?: Language;
  title: string;
  description: string;
  problem?: string;
  proposal?: string;
  themes: string[];
  sector?: Sector;
  /** Submitter's subject; otherwise someone of the unit. */
  by?: string;
  anonymous?: boolean;
  media?: MediaLink[];
  /** Rejection or withdrawal reason. */
  reason?: string;
  pilot?: DemoPilot;
  result?: string;
  /** At least this many days since submission (for a few long stories). */
  daysAgo?: number;
}

const IDEAS: DemoIdea[] = [
  // ----------------------------------------------------------------------------- Imatra
  {
    org: 'imatra',
    unit: 'viestintä',
    sector: 'whole-organisation',
    stage: 'adopted',
    by: 'ville.saarinen',
    daysAgo: 340,
    title: 'Muutosagenttimalli ja pilottitiimit koko kaupungin kehittämiseen',
    description:
      'Kehittämisideat jäävät nyt yksiköiden sisälle, eikä kukaan seuraa, mitä niille tapahtuu. Perustetaan muutosagenttiryhmä, joka kerää ideat yhteen paikkaan ja vie parhaat pilottitiimeille kokeiltavaksi.',
    problem: 'Henkilöstön ideat hukkuvat sähköposteihin ja palaverimuistioihin, eikä ideoijalle kerrota, mitä idealle tapahtui.',
    proposal:
      'Muutosagentit käsittelevät ideat kuukausittain. Pilottitiimit (viestintä, kaupunkisuunnittelu, varhaiskasvatus) kokeilevat parhaita kolmen kuukauden jaksoissa, ja tulokset mitataan ennen ja jälkeen.',
    themes: ['muutosjohtaminen', 'sisäinen viestintä', 'työhyvinvointi'],
    pilot: {
      goal: 'Kokeillaan muutosagenttimallia kolmessa pilottitiimissä ja mitataan henkilöstön kokemusta ennen ja jälkeen kokeilun.',
      team: 'Pilottitiimit: viestintä, kaupunkisuunnittelu, varhaiskasvatus',
      metrics: [
        { name: 'Henkilöstötyytyväisyys', unit: 'ka 1–5', baseline: 3.5, target: 3.7, final: 3.71 },
        { name: 'Sisäinen viestintä', unit: 'ka 1–5', baseline: 2.7, target: 3.2, final: 3.59 },
        { name: 'Muutosjohtaminen', unit: 'ka 1–5', baseline: 2.8, target: 3.2, final: 3.5 },
      ],
    },
    result:
      'Pilottitiimien kyselyssä henkilöstötyytyväisyys parani 6 %, sisäinen viestintä 33 % ja muutosjohtaminen 25 %. Malli otetaan käyttöön kaikilla toimialoilla: muutosagentit käsittelevät ideat kuukausittain, ja yksiköiden kehittämisaktiivisuutta seurataan kannustinmallilla.',
  },
  {
    org: 'imatra',
    unit: 'varhaiskasvatus',
    stage: 'adopted',
    title: 'Loma-ajan kysely vanhemmille sähköiseksi',
    description:
      'Vanhempien loma- ja poissaoloilmoitukset kerätään nyt paperilapuilla, ja niiden kokoaminen vie joka viikko tunteja. Sähköinen kysely säästäisi aikaa ja parantaisi henkilöstösuunnittelua.',
    problem: 'Henkilöstön mitoitus lomakausina viivästyy, kun tiedot tulevat myöhässä ja puutteellisina.',
    proposal: 'Otetaan käyttöön asiakasjärjestelmän sähköinen loma-ajan kysely ja muistutusviesti kaksi viikkoa ennen määräaikaa.',
    themes: ['digitalisaatio', 'tuottavuus'],
    pilot: {
      goal: 'Kaikki loma-ajan tiedot saadaan sähköisesti määräaikaan mennessä kolmessa päiväkodissa.',
      metrics: [
        { name: 'Ajoissa palautetut vastaukset', unit: '%', baseline: 58, target: 90, final: 93 },
        { name: 'Kokoamiseen kuluva aika', unit: 'h/viikko', baseline: 6, target: 2, final: 1.5 },
      ],
    },
    result:
      'Vastauksista 93 % tuli määräaikaan mennessä (ennen 58 %), ja kokoamistyö väheni noin kuudesta tunnista puoleentoista tuntiin viikossa. Käytäntö laajennetaan kaikkiin päiväkoteihin.',
  },
  {
    org: 'imatra',
    unit: 'kuntatekniikka',
    stage: 'adopted',
    title: 'Katuvalojen vikailmoitukset karttapalvelun kautta',
    description:
      'Asukkaat soittavat rikkinäisistä katuvaloista eri numeroihin, ja tieto kulkee asentajalle paperilla. Karttapalvelussa asukas voisi merkitä vian suoraan kartalle.',
    problem: 'Vikailmoituksista puuttuu usein tarkka sijainti, ja sama vika ilmoitetaan moneen kertaan.',
    proposal: 'Lisätään kaupungin karttapalveluun vikailmoitus, joka muodostaa työtilauksen suoraan kunnossapidon järjestelmään.',
    themes: ['digitalisaatio', 'asiakaslähtöisyys', 'turvallisuus'],
    pilot: {
      goal: 'Katuvalojen viat korjataan nopeammin, ja puhelinyhteydenotot vähenevät.',
      metrics: [
        { name: 'Vian korjausaika', unit: 'vrk', baseline: 12, target: 5, final: 4.5 },
        { name: 'Puhelinyhteydenotot', unit: 'kpl/kk', baseline: 140, target: 60, final: 52 },
      ],
    },
    result: 'Korjausaika lyheni keskimäärin 12 vuorokaudesta 4,5 vuorokauteen, ja puhelinyhteydenotot vähenivät 140:stä 52:een kuukaudessa. Vikailmoitus jää pysyväksi osaksi karttapalvelua.',
  },
  {
    org: 'imatra',
    unit: 'kirjasto',
    stage: 'adopted',
    title: 'Omatoimikirjasto auki myös sunnuntaisin',
    description: 'Pääkirjaston omatoimiaika ulotetaan sunnuntaihin, jolloin moni perhe ja opiskelija ehtisi käydä kirjastossa.',
    problem: 'Kirjasto on kiinni juuri silloin, kun monella työssäkäyvällä olisi aikaa.',
    proposal: 'Avataan omatoimikirjasto sunnuntaisin klo 10–18 kulunvalvonnan ja kameravalvonnan turvin.',
    themes: ['asiakaslähtöisyys', 'palvelumuotoilu'],
    pilot: {
      goal: 'Sunnuntain omatoimiaika lisää käyntejä ilman lisähenkilöstöä.',
      metrics: [
        { name: 'Käyntikerrat viikossa', unit: 'kpl', baseline: 2100, target: 2400, final: 2460 },
        { name: 'Järjestyshäiriöt', unit: 'kpl/kk', baseline: 1, target: 1, final: 1 },
      ],
    },
    result: 'Käynnit lisääntyivät noin 17 % ilman häiriöiden kasvua. Sunnuntain omatoimiaika jatkuu pysyvästi.',
  },
  {
    org: 'imatra',
    unit: 'ruoka- ja puhtauspalvelut',
    stage: 'adopted',
    title: 'Lautashävikin punnitus koulukeittiöissä',
    description: 'Punnitaan lautashävikki joka päivä ja näytetään tulos oppilaille ruokalan näytöllä. Oppilaat pääsevät kilpailemaan luokittain.',
    problem: 'Kouluruokaa menee roskiin paljon, eikä kukaan tiedä tarkalleen kuinka paljon.',
    proposal: 'Hankitaan vaaka jokaiseen koulukeittiöön ja kirjataan hävikki päivittäin yhteiseen taulukkoon.',
    themes: ['kestävä kehitys', 'ruokahävikki'],
    pilot: {
      goal: 'Lautashävikki pienenee kolmanneksella kolmessa koulussa.',
      metrics: [{ name: 'Lautashävikki', unit: 'g/ruokailija', baseline: 22, target: 15, final: 14 }],
    },
    result: 'Lautashävikki pieneni 22 grammasta 14 grammaan ruokailijaa kohden. Punnitus otetaan käyttöön kaikissa kouluissa.',
  },
  {
    org: 'imatra',
    unit: 'henkilöstöpalvelut',
    stage: 'adopted',
    title: 'Perehdytyksen muistilista ja kummi jokaiselle uudelle työntekijälle',
    description: 'Jokainen uusi työntekijä saa nimetyn kummin ja yhteisen muistilistan, jota käydään läpi ensimmäisen kuukauden aikana.',
    problem: 'Perehdytys vaihtelee yksiköittäin, ja uusi työntekijä joutuu etsimään perustiedot itse.',
    proposal: 'Laaditaan koko kaupungin perehdytyksen muistilista ja kummimalli; esihenkilö kuittaa listan kuukauden kohdalla.',
    themes: ['perehdytys', 'työhyvinvointi'],
    pilot: {
      goal: 'Uudet työntekijät kokevat perehdytyksen riittäväksi.',
      metrics: [{ name: 'Perehdytykseen tyytyväiset', unit: '%', baseline: 64, target: 85, final: 88 }],
    },
    result: 'Perehdytykseen tyytyväisten osuus nousi 64 %:sta 88 %:iin. Kummimalli ja muistilista ovat nyt osa kaupungin perehdytysohjelmaa.',
  },
  {
    org: 'imatra',
    unit: 'henkilöstöpalvelut',
    stage: 'inReview',
    title: 'Yhteinen sähköinen varauskalenteri kokoustiloille',
    description: 'Kokoustilojen varaaminen vie aikaa, koska jokaisella talolla on oma vihkonsa. Yhteinen kalenteri näyttäisi vapaat tilat yhdellä silmäyksellä.',
    problem: 'Samaan tilaan tulee päällekkäisiä varauksia, ja vapaita tiloja jää käyttämättä.',
    proposal: 'Otetaan käyttöön sähköpostikalenterin tilavaraukset kaikissa kaupungin toimipisteissä.',
    themes: ['digitalisaatio', 'tuottavuus'],
  },
  {
    org: 'imatra',
    unit: 'perusopetus',
    stage: 'inReview',
    title: 'Välituntivalvonnan vuorolista mobiiliin',
    description: 'Välituntivalvonnan vuorot ovat opettajainhuoneen seinällä, ja muutokset unohtuvat helposti. Mobiilinäkymä ja muistutus ennen vuoroa auttaisivat.',
    themes: ['digitalisaatio', 'turvallisuus'],
  },
  {
    org: 'imatra',
    unit: 'liikuntapalvelut',
    stage: 'inReview',
    title: 'Uimahallin asiakaspalaute QR-koodilla',
    description: 'Pukuhuoneisiin ja kahvioon QR-koodi, jolla asiakas voi antaa palautetta heti. Palaute ohjautuisi suoraan vuoron vastaavalle.',
    problem: 'Palautelomake on vain verkkosivuilla, ja palaute tulee viiveellä.',
    themes: ['asiakaslähtöisyys', 'digitalisaatio'],
  },
  {
    org: 'imatra',
    unit: 'kaupunkisuunnittelu',
    stage: 'inReview',
    title: 'Karttakysely asukkaille kaavoituksen alkuvaiheessa',
    description: 'Asukkaat pääsisivät merkitsemään kartalle tärkeitä paikkoja ja huolia jo ennen kaavaluonnosta. Näin palaute tulisi ajoissa.',
    problem: 'Asukaspalaute tulee usein vasta nähtävilläolon aikana, jolloin muutokset ovat työläitä.',
    proposal: 'Kokeillaan karttakyselyä seuraavassa asemakaavahankkeessa ja esitellään tulokset asukasillassa.',
    themes: ['osallisuus', 'palvelumuotoilu'],
    media: [{ kind: 'image', url: 'https://kuvat.example.fi/kehittamo/imatra/karttakysely-luonnos.png', caption: 'Luonnos karttakyselyn näkymästä' }],
  },
  {
    org: 'imatra',
    unit: 'varhaiskasvatus',
    stage: 'piloting',
    title: 'Lapsen kasvun kansio digitaaliseksi',
    description: 'Kasvun kansion kuvat ja tarinat tallennetaan tabletilla suoraan sähköiseen kansioon, jonka vanhemmat näkevät kotona.',
    problem: 'Kuvien tulostaminen ja liimaaminen vie aikaa lasten kanssa olemiselta.',
    proposal: 'Kokeillaan sähköistä kasvun kansiota kahdessa ryhmässä syksyn ajan.',
    themes: ['digitalisaatio', 'asiakaslähtöisyys'],
    pilot: {
      goal: 'Dokumentointiin kuluu vähemmän aikaa, ja vanhemmat saavat tietoa lapsen päivästä useammin.',
      metrics: [
        { name: 'Dokumentointiin kuluva aika', unit: 'min/viikko', baseline: 90, target: 60, final: 62 },
        { name: 'Vanhempien tyytyväisyys tiedonkulkuun', unit: 'ka 1–5', baseline: 3.6, target: 4.2, final: 4.1 },
      ],
    },
  },
  {
    org: 'imatra',
    unit: 'viestintä',
    stage: 'piloting',
    by: 'alice',
    title: 'Viikkotiedote koko henkilöstölle',
    description: 'Kerran viikossa lyhyt tiedote, jossa ajankohtaiset asiat kaikille toimialoille. Kenttätyöntekijät saisivat sen myös tekstiviestinä.',
    problem: 'Moni kuulee muutoksista ensin paikallislehdestä.',
    proposal: 'Kokeillaan perjantaisin ilmestyvää viikkotiedotetta kolmen kuukauden ajan ja mitataan tiedonkulkua kyselyllä.',
    themes: ['sisäinen viestintä'],
    pilot: {
      goal: 'Henkilöstö kokee saavansa tiedon ajoissa.',
      metrics: [{ name: 'Tiedon saa ajoissa', unit: '%', baseline: 41, target: 70, final: 66 }],
    },
  },
  {
    org: 'imatra',
    unit: 'kuntatekniikka',
    stage: 'piloting',
    title: 'Talvikunnossapidon reittien optimointi GPS-datalla',
    description: 'Aura-autojen GPS-tiedoista nähdään, missä ajetaan turhaan tyhjänä. Reitit suunniteltaisiin uudelleen datan perusteella.',
    themes: ['tuottavuus', 'kestävä kehitys', 'digitalisaatio'],
    pilot: {
      goal: 'Samaan laatutasoon päästään pienemmillä ajokilometreillä.',
      metrics: [
        { name: 'Ajokilometrit aurauskertaa kohden', unit: 'km', baseline: 310, target: 270, final: 276 },
        { name: 'Asukaspalautteet liukkaudesta', unit: 'kpl/kk', baseline: 85, target: 60, final: 64 },
      ],
    },
  },
  {
    org: 'imatra',
    unit: 'kaupunkisuunnittelu',
    stage: 'piloting',
    title: 'Rakennuslupaneuvonta etäajanvarauksella',
    description: 'Asiakas varaa 20 minuutin etäneuvonnan ennen lupahakemuksen jättämistä. Neuvonnassa käydään läpi tarvittavat liitteet.',
    problem: 'Lähes puolet hakemuksista palautuu täydennettäväksi.',
    themes: ['asiakaslähtöisyys', 'prosessit'],
    pilot: {
      goal: 'Täydennyspyyntöjen määrä vähenee, ja asiakkaat ovat tyytyväisempiä.',
      metrics: [
        { name: 'Täydennyspyyntöjen osuus', unit: '%', baseline: 46, target: 30, final: 31 },
        { name: 'Asiakastyytyväisyys', unit: 'ka 1–5', baseline: 3.4, target: 4, final: 3.9 },
      ],
    },
  },
  {
    org: 'imatra',
    unit: 'liikuntapalvelut',
    stage: 'rejected',
    endedIn: 'submitted',
    title: 'Ilmainen kuntosalikortti kaikille kaupungin työntekijöille',
    description: 'Kaupungin kuntosalit olisivat henkilöstölle maksuttomia, mikä parantaisi työhyvinvointia.',
    themes: ['työhyvinvointi'],
    reason:
      'Idea on hyvä, mutta kyse on henkilöstöedusta, josta päätetään henkilöstöpoliittisessa ohjelmassa. Välitimme idean henkilöstöpalveluille; liikuntaseteli on jo käytössä.',
  },
  {
    org: 'imatra',
    unit: 'kirjasto',
    stage: 'rejected',
    endedIn: 'inReview',
    title: 'Kaikki kirjaston aineistot RFID-tunnisteisiin',
    description: 'RFID-tunnisteet nopeuttaisivat palautuksia ja inventointia.',
    themes: ['digitalisaatio', 'tuottavuus'],
    reason: 'Tunnisteet tulevat osana seudullisen kirjastojärjestelmän uudistusta, joten erillistä pilottia ei kannata tehdä nyt.',
  },
  {
    org: 'imatra',
    unit: 'perusopetus',
    stage: 'rejected',
    endedIn: 'inReview',
    title: 'Koulujen tulostimet yhteen leasingsopimukseen',
    description: 'Jokaisella koululla on omat tulostimensa ja sopimuksensa. Yksi yhteinen sopimus toisi säästöjä.',
    themes: ['tuottavuus'],
    reason: 'Tulostuspalvelut kilpailutetaan keskitetysti hankintarenkaan kautta; ehdotus välitettiin hankintapalveluille huomioitavaksi.',
  },
  {
    org: 'imatra',
    unit: 'varhaiskasvatus',
    stage: 'rejected',
    endedIn: 'piloting',
    title: 'Päiväkotien ruokalistat mobiilisovellukseen',
    description: 'Vanhemmat näkisivät päiväkodin ruokalistan ja allergiatiedot sovelluksesta.',
    themes: ['digitalisaatio', 'asiakaslähtöisyys'],
    pilot: {
      goal: 'Vähintään puolet vanhemmista käyttää sovellusta kuukausittain.',
      metrics: [{ name: 'Sovellusta käyttävät vanhemmat', unit: '%', baseline: 0, target: 60, final: 14 }],
    },
    reason:
      'Pilotissa vain 14 % vanhemmista otti sovelluksen käyttöön, ja sama tieto löytyy jo asiakasjärjestelmästä. Ei jatketa; ruokalistat linkitetään jatkossa asiakasjärjestelmän etusivulle.',
  },
  {
    org: 'imatra',
    unit: 'kuntatekniikka',
    stage: 'rejected',
    endedIn: 'submitted',
    title: 'Sähköpotkulaudat kaupungin työmatkoille',
    description: 'Työntekijät voisivat siirtyä toimipisteiden välillä sähköpotkulaudoilla.',
    themes: ['kestävä kehitys'],
    reason: 'Kaupungilla on jo yhteiskäyttöautot ja työsuhdepyöräetu; erillinen palvelu ei ole kustannuksiltaan perusteltu.',
  },
  {
    org: 'imatra',
    unit: 'ruoka- ja puhtauspalvelut',
    stage: 'withdrawn',
    endedIn: 'submitted',
    title: 'Siivousvälineiden värikoodaus',
    description: 'Eri tiloihin omat värit siivousliinoille ja -välineille, ettei välineitä käytetä väärissä tiloissa.',
    themes: ['turvallisuus', 'prosessit'],
    reason: 'Huomasin, että värikoodaus on jo otettu käyttöön uudessa siivousohjeessa.',
  },
  {
    org: 'imatra',
    unit: 'viestintä',
    stage: 'withdrawn',
    endedIn: 'inReview',
    by: 'alice',
    title: 'Kaupungille oma lyhytvideotili nuorille',
    description: 'Nuoret eivät seuraa kaupungin nykyisiä kanavia. Lyhyet videot kertoisivat kesätöistä ja harrastuksista.',
    themes: ['viestintä', 'osallisuus'],
    reason: 'Teen tästä uuden, tarkemman ehdotuksen yhdessä nuorisopalveluiden kanssa.',
  },
  {
    org: 'imatra',
    unit: 'varhaiskasvatus',
    stage: 'submitted',
    title: 'Sijaiskutsu tekstiviestillä kaikille kerralla',
    description: 'Aamulla sijaista etsitään soittamalla yksi kerrallaan. Yksi tekstiviesti kaikille vapaille sijaisille, ja ensimmäinen vastaaja saa vuoron.',
    problem: 'Sijaisen löytämiseen menee aamulla jopa tunti.',
    themes: ['tuottavuus', 'digitalisaatio'],
  },
  {
    org: 'imatra',
    unit: 'kirjasto',
    stage: 'submitted',
    title: 'Lukudiplomit digitaalisiksi',
    description: 'Koululaisten lukudiplomit voisi suorittaa verkossa, jolloin opettaja näkisi edistymisen suoraan.',
    themes: ['digitalisaatio', 'osaaminen'],
  },
  {
    org: 'imatra',
    unit: 'henkilöstöpalvelut',
    stage: 'submitted',
    title: 'Taukojumppa etäyhteydellä etätyöpäiville',
    description: 'Kymmenen minuutin taukojumppa kahdesti viikossa Teamsissa. Vetäjinä vuorotellen liikuntapalveluiden ohjaajat.',
    themes: ['työhyvinvointi'],
  },
  {
    org: 'imatra',
    unit: 'kuntatekniikka',
    stage: 'submitted',
    title: 'Puistonpenkkien kunto kuvana suoraan huoltoon',
    description: 'Puistotyöntekijä ottaa kuvan rikkinäisestä penkistä, ja kuva sijainteineen menee suoraan huoltojonoon.',
    themes: ['digitalisaatio', 'prosessit'],
    media: [{ kind: 'image', url: 'https://kuvat.example.fi/kehittamo/imatra/rikkinainen-penkki.jpg', caption: 'Esimerkki: rikkinäinen penkki Vuoksenniskalla' }],
  },
  {
    org: 'imatra',
    unit: 'perusopetus',
    stage: 'submitted',
    anonymous: true,
    title: 'Oppilaiden hyvinvointikysely kolme kertaa lukuvuodessa',
    description: 'Lyhyt hyvinvointikysely syksyllä, talvella ja keväällä, jotta huoliin ehditään tarttua ajoissa.',
    problem: 'Nykyinen kysely tehdään kerran vuodessa, ja tulokset tulevat liian myöhään.',
    themes: ['hyvinvointi', 'oppilashuolto'],
  },

  // ----------------------------------------------------------------------------- Järvi-Saimaan Palvelut
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'kuntatekniikka',
    stage: 'adopted',
    daysAgo: 300,
    title: 'Vartin aamupalaveri taululla työmaille',
    description: 'Joka aamu 15 minuutin palaveri valkotaulun ääressä: päivän työt, esteet ja turvallisuushavainnot. Ongelmat kirjataan ja niille nimetään vastuuhenkilö.',
    problem: 'Työmaille ajetaan turhaan, koska tieto materiaaleista ja luvista ei kulje.',
    proposal: 'Otetaan jatkuvan parantamisen taulupalaveri käyttöön kahdessa tiimissä ja seurataan turhia siirtymiä.',
    themes: ['jatkuva parantaminen', 'tuottavuus', 'työhyvinvointi'],
    pilot: {
      goal: 'Turhat siirtymät vähenevät puoleen, ja tiimit kokevat työn sujuvammaksi.',
      metrics: [
        { name: 'Turhat työmaakäynnit', unit: 'kpl/viikko', baseline: 14, target: 7, final: 6 },
        { name: 'Työn sujuvuus', unit: 'ka 1–5', baseline: 3.3, target: 3.7, final: 3.8 },
      ],
    },
    result: 'Turhat työmaakäynnit vähenivät 14:stä kuuteen viikossa, ja koettu sujuvuus parani 3,3:sta 3,8:aan. Taulupalaveri otetaan käyttöön kaikissa kuntatekniikan tiimeissä osana palvelumallia.',
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'ruokapalvelut',
    stage: 'adopted',
    title: 'Valmistushävikin viikoittainen seuranta keittiöissä',
    description: 'Jokainen keittiö punnitsee valmistus- ja tarjoiluhävikin ja kirjaa sen yhteiseen taulukkoon. Tuloksia verrataan keittiöiden kesken kuukausipalaverissa.',
    themes: ['ruokahävikki', 'kestävä kehitys', 'mittarit'],
    pilot: {
      goal: 'Valmistushävikki pienenee alle kuuteen prosenttiin.',
      metrics: [{ name: 'Valmistushävikki', unit: '%', baseline: 9, target: 6, final: 5.5 }],
    },
    result: 'Valmistushävikki pieneni 9 %:sta 5,5 %:iin. Seuranta jatkuu kaikissa keittiöissä, ja tulokset raportoidaan omistajakunnille.',
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'kiinteistöhuolto',
    stage: 'adopted',
    title: 'Huoltopyynnöt sähköiseksi lomakkeeksi',
    description: 'Kiinteistöjen käyttäjät soittavat nyt huoltomiehen henkilökohtaiseen numeroon. Sähköinen lomake tallentaisi pyynnön, kuvan ja kiireellisyyden.',
    problem: 'Pyynnöistä puuttuu usein tila, laite tai kuvaus, ja puhelut katkaisevat työn.',
    proposal: 'Otetaan käyttöön huoltopyyntölomake, joka ohjaa pyynnön päivystäjälle ja näyttää tilanteen pyytäjälle.',
    themes: ['digitalisaatio', 'asiakaslähtöisyys'],
    pilot: {
      goal: 'Pyynnöt käsitellään nopeammin ja tarvittavin tiedoin.',
      metrics: [
        { name: 'Huoltopyynnön käsittelyaika', unit: 'vrk', baseline: 5, target: 2, final: 2 },
        { name: 'Puutteelliset pyynnöt', unit: '%', baseline: 35, target: 10, final: 8 },
      ],
    },
    result: 'Käsittelyaika lyheni viidestä kahteen vuorokauteen ja puutteellisten pyyntöjen osuus putosi 35 %:sta 8 %:iin. Lomake on käytössä kaikissa kohteissa.',
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'talous- ja henkilöstöpalvelut',
    stage: 'adopted',
    title: 'Ostolaskujen kierrätykseen automaattiset muistutukset',
    description: 'Hyväksyjälle lähtee automaattinen muistutus, kun lasku on ollut kierrossa viisi päivää.',
    problem: 'Laskuja maksetaan myöhässä, ja viivästyskorkoja kertyy turhaan.',
    themes: ['prosessit', 'tuottavuus'],
    pilot: {
      goal: 'Myöhässä maksettujen laskujen osuus puolittuu.',
      metrics: [
        { name: 'Myöhässä maksetut laskut', unit: '%', baseline: 7.5, target: 3.5, final: 2.1 },
        { name: 'Viivästyskorot', unit: '€/kk', baseline: 420, target: 200, final: 95 },
      ],
    },
    result: 'Myöhässä maksettujen laskujen osuus laski 7,5 %:sta 2,1 %:iin ja viivästyskorot noin 420 eurosta 95 euroon kuukaudessa.',
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'puhtauspalvelut',
    stage: 'piloting',
    language: 'en',
    by: 'daniel.okafor',
    title: 'Picture-based cleaning instructions for new staff',
    description:
      'Many new cleaners do not yet read Finnish well. Short instructions with photos for each site would help them work independently sooner.',
    problem: 'New staff need a colleague beside them for weeks, and quality varies.',
    proposal: 'Make photo instructions for three sites and test them with the next new employees.',
    themes: ['perehdytys', 'osaaminen', 'yhdenvertaisuus'],
    pilot: {
      goal: 'New employees work independently sooner without a drop in quality.',
      metrics: [
        { name: 'Days until working independently', unit: 'days', baseline: 15, target: 8, final: 9 },
        { name: 'Quality audit score', unit: '%', baseline: 82, target: 90, final: 88 },
      ],
    },
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'kuntatekniikka',
    stage: 'piloting',
    title: 'Neljännesvuosittainen mittaristo omistajakunnille',
    description: 'Kootaan kuntatekniikan mittarit (kunnossapito, resurssit, turvallisuus) samaan näkymään ja lähetetään omistajakunnille joka neljännes.',
    problem: 'Raportit kootaan käsin eri järjestelmistä, ja kunnat saavat ne eri muodoissa.',
    themes: ['mittarit', 'yhteistyö', 'digitalisaatio'],
    pilot: {
      goal: 'Raportoinnin työmäärä vähenee, ja kunnat saavat yhdenmukaisen tilannekuvan.',
      metrics: [{ name: 'Raportoinnin työaika', unit: 'h/neljännes', baseline: 24, target: 8, final: 10 }],
    },
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'ICT-palvelut',
    stage: 'piloting',
    title: 'Tukipyyntöjen pikaohjeet chattiin',
    description: 'Yleisimpiin tukipyyntöihin (salasana, tulostin, Teams) valmiit pikaohjeet, jotka chat tarjoaa ennen tiketin tekoa.',
    themes: ['digitalisaatio', 'tuottavuus'],
    pilot: {
      goal: 'Useampi tukipyyntö ratkeaa ensimmäisellä yhteydenotolla.',
      metrics: [{ name: 'Ensikontaktissa ratkaistut', unit: '%', baseline: 48, target: 65, final: 60 }],
    },
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'ruokapalvelut',
    stage: 'inReview',
    title: 'Kasvisruokapäivä kahdesti viikossa kouluihin',
    description: 'Kaksi kasvisruokapäivää viikossa alentaisi raaka-ainekustannuksia ja ilmastovaikutusta.',
    themes: ['kestävä kehitys'],
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'kiinteistöhuolto',
    stage: 'inReview',
    title: 'Huoltoautojen yhteinen varauskalenteri',
    description: 'Pakettiautot ovat tiimien omia, vaikka osa seisoo päiviä käyttämättä. Yhteinen varauskalenteri vähentäisi vuokra-autojen tarvetta.',
    themes: ['tuottavuus', 'yhteistyö'],
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'puhtauspalvelut',
    stage: 'inReview',
    title: 'Mikrokuituliinojen pesu keskitetysti',
    description: 'Jokainen kohde pesee liinansa itse. Keskitetty pesu säästäisi vettä ja työaikaa ja takaisi tasaisen hygienian.',
    themes: ['kestävä kehitys', 'prosessit'],
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'ICT-palvelut',
    stage: 'rejected',
    endedIn: 'submitted',
    title: 'Kaikille työntekijöille oma kannettava tietokone',
    description: 'Jokaisella olisi oma kone, jolloin kirjaukset voisi tehdä missä tahansa.',
    themes: ['digitalisaatio'],
    reason: 'Päätelaitteet hankitaan tehtävän mukaan; kenttätyössä käytetään jaettuja tabletteja. Tarve kirjattiin ICT-suunnitelmaan seuraavaa laitekierrosta varten.',
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'kuntatekniikka',
    stage: 'rejected',
    endedIn: 'inReview',
    title: 'Oma asfalttiasema yhtiölle',
    description: 'Oma asema vähentäisi riippuvuutta urakoitsijoista ja nopeuttaisi paikkauksia.',
    themes: ['tuottavuus'],
    reason: 'Investointi on liian suuri yhtiön kokoon nähden; paikkausasfaltti hankitaan jatkossakin puitesopimuksella, jonka toimitusaikoja tarkennetaan.',
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'ruokapalvelut',
    stage: 'rejected',
    endedIn: 'piloting',
    title: 'Lounaan ennakkotilaus sovelluksella henkilöstöravintolaan',
    description: 'Ruokailijat tilaisivat lounaan edellisenä päivänä, jolloin valmistusmäärät osuisivat paremmin kohdalleen.',
    themes: ['ruokahävikki', 'digitalisaatio'],
    pilot: {
      goal: 'Vähintään 40 % lounaista tilataan ennakkoon, ja hävikki pienenee.',
      metrics: [
        { name: 'Ennakkotilausten osuus', unit: '%', baseline: 0, target: 40, final: 9 },
        { name: 'Hävikki', unit: 'kg/pv', baseline: 6, target: 4, final: 5.8 },
      ],
    },
    reason: 'Pilotissa ennakkoon tilattiin vain 9 % aterioista, eikä hävikki juuri vähentynyt. Sovelluksen lisenssikulu ei ole perusteltu; hävikkiä vähennetään punnitsemalla.',
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'talous- ja henkilöstöpalvelut',
    stage: 'withdrawn',
    endedIn: 'submitted',
    title: 'Palkkalaskelmat vain sähköisesti',
    description: 'Paperiset palkkalaskelmat pois, säästöä postituskuluissa.',
    themes: ['digitalisaatio', 'kestävä kehitys'],
    reason: 'Tämä on jo päätetty toteuttaa palkkajärjestelmän päivityksessä.',
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'kiinteistöhuolto',
    stage: 'withdrawn',
    endedIn: 'inReview',
    title: 'Lumitöiden päivystysvuorot sovellukseen',
    description: 'Päivystysvuorot ja vaihdot sovitaan nyt tekstiviesteillä. Sovelluksessa kaikki näkisivät ajantasaisen listan.',
    themes: ['digitalisaatio', 'työhyvinvointi'],
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'kuntatekniikka',
    stage: 'submitted',
    title: 'Katujen kuntokartoitus videona puhelimella',
    description: 'Ajetaan katuverkko läpi puhelinkamera tuulilasissa. Videosta nähdään vauriot ja paikkaustarve ilman erillistä kävelykierrosta.',
    themes: ['digitalisaatio', 'tuottavuus'],
    media: [{ kind: 'video', url: 'https://video.example.fi/kehittamo/jsp/katukuvaus-kokeilu.mp4', caption: 'Kahden minuutin koeajo Taipalsaarella' }],
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'ruokapalvelut',
    stage: 'submitted',
    title: 'Kylmiöiden lämpötilaseuranta langattomilla antureilla',
    description: 'Anturit lähettävät hälytyksen, jos kylmiön lämpötila nousee. Käsin tehtävä kirjaus jäisi pois.',
    themes: ['turvallisuus', 'digitalisaatio'],
  },
  {
    org: 'jarvi-saimaan-palvelut',
    unit: 'puhtauspalvelut',
    stage: 'submitted',
    anonymous: true,
    title: 'Siivouskärryjen vakiovarustus kaikkiin kohteisiin',
    description: 'Kärryjen varustus vaihtelee kohteittain, ja sijaiset joutuvat etsimään välineitä. Vakiovarustelista ja kuva kärryn kylkeen.',
    themes: ['prosessit', 'perehdytys'],
  },

  // ----------------------------------------------------------------------------- Lappeenranta
  {
    org: 'lappeenranta',
    unit: 'varhaiskasvatus',
    stage: 'adopted',
    title: 'Metsäeskari kerran viikossa',
    description: 'Esiopetusryhmä viettää yhden päivän viikossa lähimetsässä. Opetussuunnitelman tavoitteita toteutetaan ulkona.',
    problem: 'Lapset liikkuvat päivän aikana liian vähän, ja sisätilat ovat ahtaat.',
    themes: ['hyvinvointi', 'ympäristö'],
    pilot: {
      goal: 'Lasten ulkoiluaika kasvaa, ja ryhmän levottomuus vähenee.',
      metrics: [
        { name: 'Ulkoiluaika', unit: 'h/viikko', baseline: 6, target: 9, final: 9.5 },
        { name: 'Kasvattajien arvio ryhmän rauhallisuudesta', unit: 'ka 1–5', baseline: 2.9, target: 3.5, final: 3.6 },
      ],
    },
    result: 'Ulkoiluaika kasvoi kuudesta 9,5 tuntiin viikossa, ja kasvattajat arvioivat ryhmän selvästi rauhallisemmaksi. Metsäpäivä laajenee kaikkiin esiopetusryhmiin.',
  },
  {
    org: 'lappeenranta',
    unit: 'kaupunkiympäristö',
    stage: 'adopted',
    title: 'Kaivuluvat sähköiseen asiointiin',
    description: 'Kaivuluvat haetaan nyt sähköpostilla ja liitteet lähetetään erikseen. Sähköinen lomake tarkistaisi pakolliset tiedot.',
    themes: ['digitalisaatio', 'prosessit'],
    pilot: {
      goal: 'Kaivuluvat käsitellään viikossa.',
      metrics: [{ name: 'Luvan käsittelyaika', unit: 'vrk', baseline: 14, target: 7, final: 6 }],
    },
    result: 'Käsittelyaika lyheni 14 vuorokaudesta kuuteen. Sähköinen kaivulupa on nyt ainoa hakutapa.',
  },
  {
    org: 'lappeenranta',
    unit: 'palvelupiste',
    stage: 'adopted',
    title: 'Ajanvaraus palvelupisteeseen',
    description: 'Asiakas voi varata ajan verkosta tai puhelimella, jolloin virkailija ehtii valmistautua asiaan.',
    problem: 'Maanantaisin jonot venyvät, ja osa asiakkaista lähtee asioimatta.',
    themes: ['asiakaslähtöisyys', 'palvelumuotoilu'],
    pilot: {
      goal: 'Jonotusaika lyhenee, ja asiakastyytyväisyys paranee.',
      metrics: [
        { name: 'Keskimääräinen jonotusaika', unit: 'min', baseline: 18, target: 8, final: 5 },
        { name: 'Asiakastyytyväisyys', unit: 'ka 1–5', baseline: 3.7, target: 4.2, final: 4.4 },
      ],
    },
    result: 'Jonotusaika lyheni 18 minuutista viiteen ja asiakastyytyväisyys nousi 3,7:stä 4,4:ään. Ajanvaraus jää pysyväksi, ja ilman ajanvarausta palvellaan edelleen aamupäivisin.',
  },
  {
    org: 'lappeenranta',
    unit: 'liikuntapalvelut',
    stage: 'adopted',
    language: 'sv',
    by: 'maria.sjoberg',
    title: 'Simskola för vuxna på kvällstid',
    description: 'Många vuxna, särskilt nyinflyttade, kan inte simma men skäms att gå i simskola med barn. En kvällskurs för vuxna skulle sänka tröskeln.',
    proposal: 'Vi ordnar en kurs på tio gånger i simhallen tisdagar kl. 19–20 och mäter hur många som lär sig simma 25 meter.',
    themes: ['hyvinvointi', 'yhdenvertaisuus'],
    pilot: {
      goal: 'Minst 30 vuxna deltar och hälften lär sig simma 25 meter.',
      metrics: [
        { name: 'Deltagare', unit: 'personer', baseline: 0, target: 30, final: 46 },
        { name: 'Simmar 25 meter efter kursen', unit: '%', baseline: 0, target: 50, final: 61 },
      ],
    },
    result: '46 vuxna deltog och 61 % lärde sig simma 25 meter. Kvällssimskolan blir en fast del av programmet varje termin.',
  },
  {
    org: 'lappeenranta',
    unit: 'kirjasto',
    stage: 'piloting',
    language: 'en',
    by: 'priya.nair',
    title: 'Language café at the main library',
    description:
      'A weekly evening where people practise Finnish with volunteers over coffee. Many international residents and students have asked for a relaxed place to speak Finnish.',
    proposal: 'Run the café every Wednesday for one term with two volunteer hosts and a librarian.',
    themes: ['osallisuus', 'yhdenvertaisuus'],
    pilot: {
      goal: 'A steady group of participants who come back week after week.',
      metrics: [
        { name: 'Participants per evening', unit: 'persons', baseline: 0, target: 15, final: 13 },
        { name: 'Returning participants', unit: '%', baseline: 0, target: 50, final: 47 },
      ],
    },
  },
  {
    org: 'lappeenranta',
    unit: 'perusopetus',
    stage: 'piloting',
    title: 'Vertaismentorointi uusille opettajille',
    description: 'Jokainen uusi opettaja saa kokeneemman kollegan mentoriksi ensimmäiseksi lukuvuodeksi. Tapaamiset kerran kuukaudessa työajalla.',
    themes: ['perehdytys', 'työhyvinvointi', 'osaaminen'],
    pilot: {
      goal: 'Uusien opettajien työhyvinvointi paranee, ja he jäävät kouluun.',
      metrics: [{ name: 'Uusien opettajien työhyvinvointi', unit: 'ka 1–5', baseline: 3.2, target: 3.8, final: 3.7 }],
    },
  },
  {
    org: 'lappeenranta',
    unit: 'henkilöstöpalvelut',
    stage: 'piloting',
    title: 'Yhteinen sijaispooli kouluille ja päiväkodeille',
    description: 'Kuukausipalkkaiset sijaiset, jotka sijoitetaan päivittäin sinne, missä tarve on suurin.',
    problem: 'Lyhyet sijaisuudet jäävät usein täyttämättä, ja työ kasautuu muille.',
    themes: ['työhyvinvointi', 'resurssit'],
    pilot: {
      goal: 'Täyttämättä jäävien sijaisuuksien osuus puolittuu.',
      metrics: [{ name: 'Täyttämättä jääneet sijaisuudet', unit: '%', baseline: 18, target: 9, final: 10 }],
    },
  },
  {
    org: 'lappeenranta',
    unit: 'varhaiskasvatus',
    stage: 'inReview',
    title: 'Kuvakortit monikielisten perheiden kanssa',
    description: 'Päivän tärkeimmät asiat (ulkovaatteet, ruoka, lepo, juhlat) kuvakorteiksi, joita voi näyttää tuonti- ja hakutilanteissa.',
    themes: ['yhdenvertaisuus', 'asiakaslähtöisyys'],
    media: [{ kind: 'image', url: 'https://kuvat.example.fi/kehittamo/lappeenranta/kuvakortit.jpg', caption: 'Ensimmäiset kuvakortit kokeiluryhmässä' }],
  },
  {
    org: 'lappeenranta',
    unit: 'kaupunkiympäristö',
    stage: 'inReview',
    title: 'Täyttöasteanturit puistojen roska-astioihin',
    description: 'Anturi kertoo, kun astia on täynnä, ja tyhjennysreitti suunnitellaan sen mukaan.',
    themes: ['kestävä kehitys', 'tuottavuus'],
  },
  {
    org: 'lappeenranta',
    unit: 'perusopetus',
    stage: 'inReview',
    title: 'Koulujen yhteinen välinelainaamo',
    description: 'Harvoin tarvittavat välineet (lumikengät, mittauslaitteet, bändisoittimet) yhteiseen lainaamoon, josta koulut varaavat niitä.',
    themes: ['kestävä kehitys', 'yhteistyö'],
  },
  {
    org: 'lappeenranta',
    unit: 'liikuntapalvelut',
    stage: 'rejected',
    endedIn: 'submitted',
    title: 'Maksuton pysäköinti liikuntapaikoilla',
    description: 'Pysäköintimaksu karkottaa harrastajia urheilupuiston kentiltä.',
    themes: ['asiakaslähtöisyys'],
    reason: 'Pysäköintimaksuista päättää kaupunkiympäristölautakunta; idea välitettiin valmistelijalle. Kehittämisideana emme voi sitä edistää.',
  },
  {
    org: 'lappeenranta',
    unit: 'kirjasto',
    stage: 'rejected',
    endedIn: 'inReview',
    title: 'Pääkirjasto auki ympäri vuorokauden',
    description: 'Opiskelijat tarvitsisivat lukutilaa myös öisin tenttikausina.',
    themes: ['asiakaslähtöisyys'],
    reason: 'Omatoimikirjasto on jo auki kello 7–22. Ympärivuorokautinen aukiolo vaatisi vartiointia, jonka kustannukset ylittävät hyödyn.',
  },
  {
    org: 'lappeenranta',
    unit: 'palvelupiste',
    stage: 'rejected',
    endedIn: 'inReview',
    title: 'Oma chatbot kaupungin verkkosivuille',
    description: 'Chatbot vastaisi yleisimpiin kysymyksiin ympäri vuorokauden.',
    themes: ['digitalisaatio', 'asiakaslähtöisyys'],
    reason: 'Päällekkäinen jo käynnissä olevan verkkosivu-uudistuksen kanssa. Idea on välitetty uudistuksen projektiryhmälle.',
  },
  {
    org: 'lappeenranta',
    unit: 'henkilöstöpalvelut',
    stage: 'rejected',
    endedIn: 'submitted',
    anonymous: true,
    title: 'Neljän päivän työviikko kaikille',
    description: 'Tehdään kokeilu, jossa kaikki tekevät neljän päivän viikkoa.',
    themes: ['työhyvinvointi'],
    reason: 'Työajoista sovitaan virka- ja työehtosopimuksissa, ja kokeilun valmistelu kuuluu henkilöstöjohdolle. Idea välitettiin yhteistoimintaryhmälle.',
  },
  {
    org: 'lappeenranta',
    unit: 'varhaiskasvatus',
    stage: 'withdrawn',
    endedIn: 'inReview',
    title: 'Päiväkotien yhteinen leluvarasto',
    description: 'Harvoin käytetyt lelut ja juhlatarvikkeet yhteiseen varastoon kiertämään.',
    themes: ['kestävä kehitys'],
    reason: 'Alueen päiväkodit sopivat asiasta jo keskenään.',
  },
  {
    org: 'lappeenranta',
    unit: 'kaupunkiympäristö',
    stage: 'withdrawn',
    endedIn: 'submitted',
    title: 'Katujen nimikyltit myös englanniksi',
    description: 'Keskustan katukyltteihin englanninkielinen nimi matkailijoita varten.',
    themes: ['matkailu'],
    reason: 'Selvisi, että asia kuuluu nimistötoimikunnalle. Vien sen sinne.',
  },
  {
    org: 'lappeenranta',
    unit: 'varhaiskasvatus',
    stage: 'submitted',
    title: 'Vanhempainvartit videopuheluna',
    description: 'Vanhemmat voisivat valita, tulevatko vanhempainvarttiin paikan päälle vai videopuheluna. Vuorotyössä olevien on vaikea päästä päiväkotiin päivällä.',
    themes: ['asiakaslähtöisyys', 'digitalisaatio'],
  },
  {
    org: 'lappeenranta',
    unit: 'kirjasto',
    stage: 'submitted',
    title: 'Kierrätyskassit lainaan kirjastosta',
    description: 'Lahjoitetuista kangaskasseista lainakasseja asiakkaille, muovipussit pois tiskiltä.',
    themes: ['kestävä kehitys'],
  },
  {
    org: 'lappeenranta',
    unit: 'palvelupiste',
    stage: 'submitted',
    title: 'Digituki ikäihmisille palvelupisteessä',
    description: 'Kerran viikossa digitukihetki, jossa autetaan pankkitunnusten, ajanvarausten ja sähköisten lomakkeiden kanssa.',
    themes: ['yhdenvertaisuus', 'digitalisaatio'],
  },
  {
    org: 'lappeenranta',
    unit: 'perusopetus',
    stage: 'submitted',
    anonymous: true,
    title: 'Koulukuljetusten muutoksista tekstiviesti huoltajille',
    description: 'Kun kuljetus myöhästyy tai reitti muuttuu, huoltajat saisivat tiedon suoraan tekstiviestinä eikä vasta opettajalta.',
    themes: ['viestintä', 'turvallisuus'],
  },

  // ----------------------------------------------------------------------------- Etelä-Karjalan hyvinvointialue
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'kotihoito',
    stage: 'adopted',
    daysAgo: 320,
    title: 'Kotihoidon reittisuunnittelu optimointiohjelmalla',
    description: 'Käyntien järjestys suunnitellaan ohjelmalla, joka huomioi asiakkaiden toiveajat, välimatkat ja työntekijöiden osaamisen.',
    problem: 'Reitit tehdään käsin joka aamu, ja ajamiseen kuluu paljon aikaa asiakastyöltä.',
    proposal: 'Kokeillaan optimointia kahdella kotihoidon alueella kolmen kuukauden ajan.',
    themes: ['tuottavuus', 'asiakaslähtöisyys', 'digitalisaatio'],
    pilot: {
      goal: 'Välittömän asiakasajan osuus kasvaa ja ajokilometrit vähenevät.',
      metrics: [
        { name: 'Välitön asiakasaika', unit: '% työajasta', baseline: 52, target: 60, final: 61 },
        { name: 'Ajokilometrit', unit: 'km/viikko', baseline: 3400, target: 3000, final: 2950 },
      ],
    },
    result: 'Välittömän asiakasajan osuus nousi 52 %:sta 61 %:iin ja ajokilometrit vähenivät noin 13 %. Reittioptimointi otetaan käyttöön kaikilla kotihoidon alueilla.',
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'päivystys',
    stage: 'adopted',
    title: 'Sairaanhoitajan pikaluokittelu päivystyksen ovella',
    description: 'Kokenut sairaanhoitaja arvioi potilaan heti saapuessa ja ohjaa lievät tapaukset hoitajavastaanotolle.',
    problem: 'Lievät vaivat jonottavat samassa jonossa kiireellisten kanssa.',
    themes: ['asiakaslähtöisyys', 'prosessit'],
    pilot: {
      goal: 'Odotusaika lääkärille lyhenee kolmanneksella.',
      metrics: [{ name: 'Odotusaika lääkärille', unit: 'min', baseline: 140, target: 95, final: 96 }],
    },
    result: 'Keskimääräinen odotusaika lääkärille lyheni 140 minuutista 96 minuuttiin. Pikaluokittelu on käytössä arkisin kello 8–22.',
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'suun terveydenhuolto',
    stage: 'adopted',
    title: 'Tekstiviestimuistutus hammashoitoajasta',
    description: 'Muistutus kaksi päivää ennen aikaa ja mahdollisuus perua vastaamalla viestiin.',
    problem: 'Joka kymmenes aika jää käyttämättä, koska potilas unohtaa sen.',
    themes: ['digitalisaatio', 'tuottavuus'],
    pilot: {
      goal: 'Käyttämättä jääneiden aikojen osuus puolittuu.',
      metrics: [{ name: 'Käyttämättä jääneet ajat', unit: '%', baseline: 9, target: 4.5, final: 3.8 }],
    },
    result: 'Käyttämättä jääneiden aikojen osuus laski 9 %:sta 3,8 %:iin. Vapautuneet ajat annetaan jonossa oleville.',
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'vammaispalvelut',
    stage: 'adopted',
    by: 'sami.leinonen',
    title: 'Kuvakommunikaatio asukkaiden päiväohjelmaan',
    description: 'Jokaiselle asukkaalle oma kuvitettu päiväohjelma seinälle ja tabletille. Ohjaajat kuvasivat ideasta lyhyen videon kirjoittamisen sijaan.',
    problem: 'Muutokset päivän kulussa aiheuttavat ahdistusta ja haastavia tilanteita.',
    themes: ['asiakaslähtöisyys', 'työhyvinvointi'],
    media: [{ kind: 'video', url: 'https://video.example.fi/kehittamo/eksote/kuvaohjelma.mp4', caption: 'Ohjaajat esittelevät kuvitetun päiväohjelman' }],
    pilot: {
      goal: 'Haastavat tilanteet vähenevät yhdessä asumisyksikössä.',
      metrics: [{ name: 'Haastavat tilanteet', unit: 'kpl/viikko', baseline: 11, target: 6, final: 5 }],
    },
    result: 'Haastavat tilanteet vähenivät 11:stä viiteen viikossa. Kuvitettu päiväohjelma otetaan käyttöön kaikissa asumisyksiköissä.',
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'ravitsemuspalvelut',
    stage: 'adopted',
    title: 'Osastojen ateriatilaukset reaaliaikaisiksi',
    description: 'Osasto päivittää potilasmäärän ja ruokavaliot järjestelmään ennen kello kymmentä, ja keittiö valmistaa sen mukaan.',
    themes: ['ruokahävikki', 'prosessit'],
    pilot: {
      goal: 'Ylimääräisten aterioiden määrä puolittuu.',
      metrics: [{ name: 'Ylimääräiset ateriat', unit: 'kpl/pv', baseline: 45, target: 22, final: 18 }],
    },
    result: 'Ylimääräisiä aterioita valmistetaan 18 päivässä aiemman 45:n sijaan. Tilauskäytäntö on nyt kaikilla osastoilla.',
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'kotihoito',
    stage: 'piloting',
    language: 'en',
    by: 'grace.mensah',
    title: 'Plain-language handover notes for international nurses',
    description:
      'Handover notes are full of abbreviations that nurses trained abroad find hard to follow. A shared template in plain Finnish, with a short glossary, would make handovers safer.',
    problem: 'Misunderstood handovers lead to missed or repeated tasks.',
    themes: ['turvallisuus', 'perehdytys', 'yhdenvertaisuus'],
    pilot: {
      goal: 'Fewer handover errors and nurses who feel confident in handovers.',
      metrics: [
        { name: 'Handover errors reported', unit: 'per month', baseline: 6, target: 2, final: 3 },
        { name: 'Nurses confident in handover', unit: '%', baseline: 55, target: 80, final: 76 },
      ],
    },
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'ensihoito',
    stage: 'piloting',
    title: 'Ensihoidon ja kotihoidon yhteinen arviointikäynti',
    description: 'Kun ikäihminen kaatuu kotona ilman vammoja, ensihoito pyytää kotihoidon samalle käynnille eikä potilasta kuljeteta päivystykseen.',
    themes: ['yhteistyö', 'asiakaslähtöisyys'],
    pilot: {
      goal: 'Tarpeettomat päivystyskuljetukset vähenevät.',
      metrics: [{ name: 'Vältetyt päivystyskäynnit', unit: 'kpl/kk', baseline: 0, target: 30, final: 26 }],
    },
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'aikuissosiaalityö',
    stage: 'piloting',
    title: 'Asiakkaan oma tavoitelomake ennen tapaamista',
    description: 'Asiakas kirjaa ennen tapaamista, mihin haluaa muutosta. Tapaamisessa lähdetään asiakkaan omista tavoitteista.',
    themes: ['asiakaslähtöisyys', 'osallisuus'],
    pilot: {
      goal: 'Useampi asiakas saavuttaa itse asettamansa tavoitteen.',
      metrics: [{ name: 'Tavoitteensa saavuttaneet asiakkaat', unit: '%', baseline: 38, target: 50, final: 47 }],
    },
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'päivystys',
    stage: 'inReview',
    language: 'sv',
    by: 'erik.holmstrom',
    title: 'Tvåspråkiga patientinstruktioner på jouren',
    description: 'Hemgångsinstruktionerna finns bara på finska. Svenskspråkiga patienter ringer ofta tillbaka och frågar samma saker.',
    proposal: 'Vi översätter de tio vanligaste instruktionerna och skriver ut dem på båda språken.',
    themes: ['yhdenvertaisuus', 'asiakaslähtöisyys'],
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'kotihoito',
    stage: 'inReview',
    title: 'Lääkehoidon tarkistuslista kotikäynneille',
    description: 'Lyhyt tarkistuslista dosettijaon ja lääkemuutosten kirjaamiseen. Vähentäisi lääkepoikkeamia.',
    themes: ['turvallisuus', 'prosessit'],
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'suun terveydenhuolto',
    stage: 'inReview',
    title: 'Suuhygienistin vastaanotto kouluilla',
    description: 'Suuhygienisti kiertää kouluilla, jolloin tarkastukset eivät vie oppilaita ja vanhempia pois koulu- ja työpäivästä.',
    themes: ['asiakaslähtöisyys', 'yhteistyö'],
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'vammaispalvelut',
    stage: 'inReview',
    language: 'sv',
    by: 'linnea.berg',
    title: 'Sinnesrum för boende med autism',
    description: 'Ett lugnt rum med dämpad belysning och ljud, där boende kan vila när det blir för mycket. Kan byggas i ett oanvänt förråd.',
    themes: ['hyvinvointi', 'asiakaslähtöisyys'],
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'päivystys',
    stage: 'rejected',
    endedIn: 'submitted',
    title: 'Televisio päivystyksen odotustilaan',
    description: 'Odotus tuntuisi lyhyemmältä, jos aulassa olisi televisio.',
    themes: ['asiakaslähtöisyys'],
    reason: 'Odotustilan uudistus on jo suunnitteilla, ja sen yhteydessä odotusaikaa näytetään näytöllä. Otetaan idea huomioon uudistuksessa.',
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'ensihoito',
    stage: 'rejected',
    endedIn: 'inReview',
    title: 'Droonit defibrillaattorien kuljetukseen',
    description: 'Drooni toisi defibrillaattorin syrjäiseen kohteeseen ennen ambulanssia.',
    themes: ['turvallisuus', 'digitalisaatio'],
    reason: 'Kansalliset ilmailumääräykset eivät vielä salli näköyhteyden ulkopuolisia lentoja tässä käytössä. Seuraamme valtakunnallisia kokeiluja.',
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'kotihoito',
    stage: 'rejected',
    endedIn: 'piloting',
    title: 'Etäkäynnit kotihoidon asiakkaille',
    description: 'Osa kotikäynneistä tehtäisiin videopuheluna, jolloin ajoaikaa säästyisi.',
    themes: ['digitalisaatio', 'tuottavuus'],
    pilot: {
      goal: 'Kolmannes soveltuvista käynneistä tehdään etänä ilman että asiakastyytyväisyys laskee.',
      metrics: [
        { name: 'Etäkäyntien osuus', unit: '%', baseline: 0, target: 30, final: 11 },
        { name: 'Asiakastyytyväisyys', unit: 'ka 1–5', baseline: 4.1, target: 4.1, final: 3.6 },
      ],
    },
    reason:
      'Pilotissa asiakastyytyväisyys laski, ja moni asiakas tarvitsi silti fyysisen käynnin. Etäyhteyttä jatketaan vain lääkemuistutuksissa osana nykyistä toimintaa.',
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'aikuissosiaalityö',
    stage: 'rejected',
    endedIn: 'inReview',
    title: 'Kaikki asiakastapaamiset etänä',
    description: 'Etätapaamiset säästäisivät asiakkaiden matka-aikaa.',
    themes: ['digitalisaatio'],
    reason: 'Kaikilla asiakkailla ei ole välineitä eikä rauhallista paikkaa etätapaamiseen. Etätapaaminen on jo nyt mahdollista asiakkaan niin halutessa.',
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'ravitsemuspalvelut',
    stage: 'withdrawn',
    endedIn: 'submitted',
    title: 'Taukotilojen kahvi reilun kaupan kahviksi',
    description: 'Henkilöstön taukotiloihin reilun kaupan kahvi.',
    themes: ['kestävä kehitys'],
    reason: 'Asia hoitui jo uudessa hankintasopimuksessa.',
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'kotihoito',
    stage: 'withdrawn',
    endedIn: 'inReview',
    title: 'Kotihoidon autoihin talvirenkaat jo lokakuun alussa',
    description: 'Aamuisin on liukasta jo lokakuussa, ja kotihoidon autot ajavat kesärenkailla.',
    themes: ['turvallisuus'],
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'kotihoito',
    stage: 'submitted',
    anonymous: true,
    title: 'Avainboksit kaikille kotihoidon asiakkaille',
    description: 'Avainten hakeminen ja palauttaminen vie aikaa, ja avaimia katoaa. Koodilukollinen avainboksi oven viereen.',
    themes: ['tuottavuus', 'turvallisuus'],
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'päivystys',
    stage: 'submitted',
    anonymous: true,
    title: 'Hiljainen nurkkaus taukotilaan',
    description: 'Yövuoron jälkeen tai raskaan potilastilanteen jälkeen tarvitaan hetki rauhaa. Sermi, nojatuoli ja kuulokkeet riittäisivät.',
    themes: ['työhyvinvointi'],
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'ensihoito',
    stage: 'submitted',
    title: 'Hoitotarvikereppujen täyttö QR-koodeilla',
    description: 'Jokaisen repun taskussa QR-koodi, josta näkee sisällön ja puuttuvat tarvikkeet. Vuoronvaihdon tarkistus nopeutuisi.',
    themes: ['turvallisuus', 'prosessit'],
  },
  {
    org: 'hyvinvointialue-etela-karjala',
    unit: 'aikuissosiaalityö',
    stage: 'submitted',
    title: 'Palveluohjauksen pikaopas verkkosivuille',
    description: 'Selkokielinen pikaopas: mistä saa apua toimeentuloon, asumiseen ja velkoihin. Lisäksi ääniversio niille, joille lukeminen on vaikeaa.',
    themes: ['selkokieli', 'asiakaslähtöisyys'],
    media: [{ kind: 'audio', url: 'https://aani.example.fi/kehittamo/eksote/pikaopas-luonnos.mp3', caption: 'Ääniluonnos pikaoppaan alusta' }],
  },
];

// ---------------------------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------------------------

const COMMENTS: Record<Language, { colleague: string[]; review: string[]; pilot: string[]; adopted: string[]; afterRejection: string[] }> = {
  fi: {
    colleague: [
      'Hyvä idea! Meillä on täsmälleen sama ongelma.',
      'Kannatan. Tämä säästäisi aikaa joka viikko.',
      'Voisiko tätä kokeilla ensin yhdessä tiimissä?',
      'Olen valmis lähtemään mukaan kokeiluun.',
      'Tästä on puhuttu tiimipalaverissa monta kertaa – hienoa, että joku vei asian eteenpäin.',
      'Miten tässä huomioidaan osa-aikaiset ja vuorotyötä tekevät?',
      'Muistetaan kysyä myös asiakkaiden mielipide.',
      'Sopisi hyvin myös meidän yksikköön.',
      'Tekojen torilla oli vastaava esimerkki toisesta kunnasta, kannattaa katsoa.',
      'Tärkeää on, ettei tästä tule lisää päällekkäistä kirjaamista.',
    ],
    review: [
      'Kiitos ideasta! Otimme sen käsittelyyn ja palaamme asiaan tässä ketjussa.',
      'Idea on nyt käsittelyssä. Selvitämme vielä kustannukset ja sen, missä yksikössä kokeilu kannattaisi aloittaa.',
      'Hyvä avaus – pyydämme vielä esihenkilöiden näkemyksen ennen päätöstä pilotista.',
    ],
    pilot: [
      'Pilotti alkaa {start} ja kestää {end} asti. Lähtötaso on mitattu, tervetuloa mukaan!',
      'Päätimme pilotoida tämän. Kokeilu käynnistyy {start}, ja tuloksia seurataan mittareilla {end} asti.',
    ],
    adopted: ['Tulokset esitellään seuraavassa henkilöstöinfossa. Kiitos kaikille pilottiin osallistuneille!', 'Otetaan käyttöön – kiitos ideoijalle ja pilottitiimille!'],
    afterRejection: ['Harmi, mutta perustelu on ymmärrettävä. Kiitos vastauksesta.', 'Hyvä, että asia etenee edes muuta kautta.'],
  },
  sv: {
    colleague: ['Bra idé! Vi har samma problem hos oss.', 'Jag stöder förslaget.', 'Kan vi pröva det först i ett team?', 'Jag är gärna med i en pilot.'],
    review: ['Tack för idén! Vi tar upp den i utvecklingsteamet och återkommer här.'],
    pilot: ['Piloten börjar {start} och pågår till {end}. Välkommen med!'],
    adopted: ['Tack till alla som deltog i piloten!'],
    afterRejection: ['Synd, men motiveringen är begriplig.'],
  },
  en: {
    colleague: [
      'Great idea – we have exactly the same problem.',
      'I support this, it would save time every week.',
      'Could we try it first with one team?',
      'Happy to take part in a pilot.',
    ],
    review: ['Thank you for the idea! The team has taken it into review and will update this thread.'],
    pilot: ['The pilot starts on {start} and runs until {end}. Everyone is welcome to join!'],
    adopted: ['Thanks to everyone who took part in the pilot!'],
    afterRejection: ['A pity, but the reasoning makes sense. Thanks for the answer.'],
  },
};

// ---------------------------------------------------------------------------------------------
// Planning: a deterministic timeline of commands, in days relative to "today"
// ---------------------------------------------------------------------------------------------

/** Mulberry32: small, fast, seeded. The demo must not depend on Math.random. */
class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  sample<T>(items: readonly T[], n: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }
}

/** A command without its context: the context (who, when) is added when the step runs. */
export type BareCommand = IdeaCommand extends infer C ? (C extends { context: unknown } ? Omit<C, 'context'> : never) : never;

export interface Member {
  subject: string;
  roles: Role[];
}

export interface PlannedStep {
  idea: number;
  /** Relative time in days (negative: the past; 0 is today's midnight, UTC). */
  day: number;
  /** Stage moves and submissions happen on working days. */
  workday: boolean;
  who: Member;
  make: (date: (day: number) => string) => BareCommand;
}

export interface PlannedIdea {
  ideaId: string;
  entry: DemoIdea;
  /** In order: step i writes the stream's event i + 1. */
  steps: PlannedStep[];
}

const member = (person: Person): Member => ({ subject: person.subject, roles: person.changeAgent ? ['employee', 'change-agent'] : ['employee'] });

function crowd(org: Organisation): Member[] {
  const colleagues = Array.from({ length: org.colleagues }, (_, i) => ({ subject: `${org.id}.kollega-${String(i + 1).padStart(2, '0')}`, roles: ['employee'] as Role[] }));
  return [...org.people.map(member), ...colleagues];
}

function decimalsOf(metric: DemoMetric): number {
  const places = (n: number | undefined) => (n === undefined || Number.isInteger(n) ? 0 : String(n).split('.')[1]?.length ?? 0);
  return Math.max(places(metric.baseline), places(metric.target), places(metric.final));
}

function towards(metric: DemoMetric, share: number): number {
  const value = metric.baseline + (metric.final - metric.baseline) * share;
  const factor = 10 ** decimalsOf(metric);
  return Math.round(value * factor) / factor;
}

const fiDate = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
};

function formatDate(iso: string, language: Language): string {
  return language === 'en' ? iso : fiDate(iso);
}

function validate(entry: DemoIdea, index: number): void {
  const where = `demo idea #${index} "${entry.title}"`;
  const org: Organisation = ORGANISATIONS[entry.org];
  if (!org) throw new Error(`${where}: unknown organisation ${entry.org}`);
  if (!(entry.unit in org.units)) throw new Error(`${where}: ${entry.org} has no unit "${entry.unit}"`);
  const ended = entry.endedIn ?? 'inReview';
  const needsPilot = entry.stage === 'piloting' || entry.stage === 'adopted' || (entry.stage === 'rejected' && ended === 'piloting');
  if (needsPilot && !entry.pilot) throw new Error(`${where}: needs a pilot plan`);
  if (entry.stage === 'adopted' && !entry.result) throw new Error(`${where}: needs a result`);
  if (entry.stage === 'rejected' && !entry.reason) throw new Error(`${where}: needs a rejection reason`);
  if (entry.stage === 'withdrawn' && ended === 'piloting') throw new Error(`${where}: a pilot cannot be withdrawn`);
  if (entry.by && !org.people.some((p) => p.subject === entry.by)) throw new Error(`${where}: ${entry.by} is not one of ${entry.org}`);
}

function planIdea(index: number, entry: DemoIdea, rng: SeededRandom): PlannedIdea {
  validate(entry, index);
  const org: Organisation = ORGANISATIONS[entry.org];
  const language: Language = entry.language ?? 'fi';
  const ideaId = nameBasedId(`${ID_PREFIX}:idea:${entry.org}:${entry.title}`);
  const unitPeople = org.people.filter((p) => p.unit === entry.unit && !p.changeAgent);
  const submitterPerson = entry.by
    ? org.people.find((p) => p.subject === entry.by)!
    : rng.pick(unitPeople.length > 0 ? unitPeople : org.people.filter((p) => !p.changeAgent));
  const submitter = member(submitterPerson);
  // Change agents do not decide on their own ideas.
  const agents = org.people.filter((p) => p.changeAgent && p.subject !== submitterPerson.subject);
  const agent = member(agents.find((p) => p.unit === entry.unit) ?? rng.pick(agents));
  const anonymous = entry.anonymous ?? rng.chance(0.08);

  // --- the stage moves, in days since submission
  type Move = { at: number; who: Member; make: PlannedStep['make']; kind: 'move' | 'comment' | 'support' };
  const moves: Move[] = [];
  const hour = () => rng.between(0.23, 0.6); // 05:30–14:25 UTC: a Finnish working day
  const ended = entry.endedIn ?? 'inReview';
  const stage = entry.stage;
  const reaches = (s: 'inReview' | 'piloting'): boolean => {
    if (stage === 'submitted') return false;
    if (stage === 'inReview') return s === 'inReview';
    if (stage === 'piloting' || stage === 'adopted') return true;
    return s === 'inReview' ? ended !== 'submitted' : ended === 'piloting';
  };

  const submittedAt = hour();
  moves.push({
    at: submittedAt,
    who: submitter,
    kind: 'move',
    make: () => ({
      type: 'SubmitIdea',
      ideaId,
      title: entry.title,
      description: entry.description,
      ...(entry.problem ? { problem: entry.problem } : {}),
      ...(entry.proposal ? { proposal: entry.proposal } : {}),
      organisation: org.id,
      unit: entry.unit,
      sector: entry.sector ?? org.units[entry.unit],
      themes: entry.themes,
      language,
      media: entry.media ?? [],
      anonymous,
    }),
  });
  let day = 0;
  let openUntil: number | undefined; // for ideas still open: how long after submission "today" is
  // Days relative to today of the submission; set once the whole story is known. Calendar dates in
  // commands are computed when the step runs, so they may use it.
  let start = 0;
  const on = (date: (day: number) => string, sinceSubmission: number): string => date(start + sinceSubmission);

  const agentComment = (at: number, text: string) =>
    moves.push({ at: at + rng.between(0.01, 0.08), who: agent, kind: 'comment', make: () => ({ type: 'CommentIdea', commentId: '', text }) });

  if (reaches('inReview')) {
    day += rng.int(2, 21);
    const team = org.reviewTeam(entry.unit);
    const at = day + hour();
    moves.push({ at, who: agent, kind: 'move', make: () => ({ type: 'StartReview', team }) });
    if (rng.chance(0.7)) agentComment(at, rng.pick(COMMENTS[language].review));
  }
  if (reaches('piloting')) {
    const pilot = entry.pilot!;
    day += rng.int(10, 40);
    const decidedOn = day;
    const startsIn = rng.int(3, 14);
    const length = rng.pick([42, 56, 63, 70, 84, 91, 112]);
    const startDay = decidedOn + startsIn;
    const endDay = startDay + length;
    const team = pilot.team ?? org.pilotTeam(entry.unit);
    const metrics: PilotMetric[] = pilot.metrics.map(({ final: _final, ...metric }) => metric);
    const at = day + hour();
    const template = rng.pick(COMMENTS[language].pilot);
    moves.push({
      at,
      who: agent,
      kind: 'move',
      make: (date) => ({ type: 'StartPilot', goal: pilot.goal, team, startsOn: on(date, startDay), endsOn: on(date, endDay), metrics }),
    });
    moves.push({
      at: at + rng.between(0.01, 0.08),
      who: agent,
      kind: 'comment',
      make: (date) => ({
        type: 'CommentIdea',
        commentId: '',
        text: template.replace('{start}', formatDate(on(date, startDay), language)).replace('{end}', formatDate(on(date, endDay), language)),
      }),
    });
    const midDay = startDay + Math.floor(length / 2);
    const midShare = rng.between(0.35, 0.7);
    const recordAt = (measuredDay: number, share: number, at: number) =>
      moves.push({
        at,
        who: agent,
        kind: 'move',
        make: (date) => ({
          type: 'RecordMeasurements',
          measurements: pilot.metrics.map((metric) => ({ metric: metric.name, value: towards(metric, share), measuredOn: on(date, measuredDay) })),
        }),
      });
    if (stage === 'piloting') {
      // Still running: today is somewhere inside the pilot (or just after its planned end).
      const elapsed = rng.int(12, startsIn + length + 5);
      openUntil = decidedOn + elapsed;
      const midRecorded = midDay + rng.int(1, 4);
      if (midRecorded < openUntil - 1) recordAt(midDay, midShare, midRecorded + hour());
    } else {
      recordAt(midDay, midShare, midDay + rng.int(1, 4) + hour());
      day = endDay + rng.int(1, 5);
      recordAt(endDay, 1, day + hour());
      if (stage === 'adopted') {
        day += rng.int(5, 20);
        const at = day + hour();
        moves.push({
          at,
          who: agent,
          kind: 'move',
          make: () => ({ type: 'AdoptIdea', result: entry.result!, metrics: pilot.metrics.map((metric) => ({ metric: metric.name, value: metric.final })) }),
        });
        if (rng.chance(0.6)) agentComment(at, rng.pick(COMMENTS[language].adopted));
      }
    }
  }
  if (stage === 'submitted') openUntil = rng.int(1, 40);
  if (stage === 'inReview') openUntil = day + rng.int(3, 45);
  let closedAt: number | undefined;
  if (stage === 'rejected') {
    day += ended === 'submitted' ? rng.int(4, 25) : ended === 'inReview' ? rng.int(10, 50) : rng.int(3, 10);
    closedAt = day + hour();
    const reason = entry.reason!;
    moves.push({ at: closedAt, who: agent, kind: 'move', make: () => ({ type: 'RejectIdea', reason }) });
  }
  if (stage === 'withdrawn') {
    day += ended === 'submitted' ? rng.int(2, 20) : rng.int(5, 30);
    closedAt = day + rng.between(0.2, 0.8);
    const reason = entry.reason;
    moves.push({ at: closedAt, who: submitter, kind: 'move', make: () => ({ type: 'WithdrawIdea', ...(reason ? { reason } : {}) }) });
  }

  // --- when it was submitted: open ideas end "today", closed ones somewhere in the past year
  const lastMove = Math.max(...moves.map((m) => m.at));
  if (openUntil !== undefined) {
    start = -Math.max(openUntil, Math.ceil(lastMove) + 1);
  } else {
    const span = Math.ceil(lastMove);
    start = entry.daysAgo !== undefined ? -Math.max(span + 1, entry.daysAgo) : -(span + rng.int(1, Math.max(1, 350 - span)));
  }

  // --- supports and comments from colleagues, between submission and closing (or yesterday)
  const people = crowd(org).filter((m) => m.subject !== submitter.subject);
  const endOfTalk = closedAt ?? Math.min(-start - 0.1, lastMove + 60);
  const window = Math.max(0.05, endOfTalk - submittedAt - 0.03);
  const supportRange: Record<Stage, [number, number]> = {
    submitted: [0, 5],
    inReview: [2, 8],
    piloting: [3, 11],
    adopted: [5, 15],
    rejected: [0, 5],
    withdrawn: [0, 2],
  };
  const [minSupports, maxSupports] = supportRange[stage];
  for (const supporter of rng.sample(people, rng.int(minSupports, maxSupports))) {
    moves.push({ at: submittedAt + 0.02 + window * rng.next() ** 1.8, who: supporter, kind: 'support', make: () => ({ type: 'SupportIdea' }) });
  }
  const commentCount = stage === 'withdrawn' ? rng.int(0, 1) : rng.int(0, 3);
  const talkers = org.people.filter((p) => p.subject !== submitter.subject).map(member);
  for (let i = 0; i < commentCount; i++) {
    const text = rng.pick(COMMENTS[language].colleague);
    moves.push({ at: submittedAt + 0.02 + window * rng.next(), who: rng.pick(talkers), kind: 'comment', make: () => ({ type: 'CommentIdea', commentId: '', text }) });
  }
  if (stage === 'rejected' && rng.chance(0.5)) {
    const text = rng.pick(COMMENTS[language].afterRejection);
    const at = closedAt! + rng.between(0.05, 2);
    // The submitter answers only on named ideas: a comment would show the pseudonym an anonymous idea hides.
    const who = rng.chance(0.6) && !anonymous ? submitter : rng.pick(talkers);
    if (at < -start - 0.1) moves.push({ at, who, kind: 'comment', make: () => ({ type: 'CommentIdea', commentId: '', text }) });
  }

  // Order by time; a stable sort keeps each move before the agent's comment on it.
  const ordered = moves.map((m, i) => ({ m, i })).sort((a, b) => a.m.at - b.m.at || a.i - b.i);
  let comments = 0;
  const steps: PlannedStep[] = ordered.map(({ m }) => {
    let make = m.make;
    if (m.kind === 'comment') {
      const commentId = nameBasedId(`${ID_PREFIX}:comment:${ideaId}:${comments++}`);
      const inner = m.make;
      make = (date) => ({ ...(inner(date) as Extract<BareCommand, { type: 'CommentIdea' }>), commentId });
    }
    return { idea: index, day: start + m.at, workday: m.kind === 'move', who: m.who, make };
  });
  return { ideaId, entry, steps };
}

export function planDemo(): PlannedIdea[] {
  const rng = new SeededRandom(SEED);
  return IDEAS.map((entry, index) => planIdea(index, entry, rng));
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

interface TimedStep {
  idea: PlannedIdea;
  seq: number;
  at: Date;
  step: PlannedStep;
}

/** Places the relative plan on the calendar: stage moves on working days, each idea's steps strictly in order. */
function schedule(plan: PlannedIdea[], anchor: number, now: number): TimedStep[] {
  const timed: TimedStep[] = [];
  for (const idea of plan) {
    let previous = -Infinity;
    idea.steps.forEach((step, seq) => {
      let at = anchor + step.day * DAY_MS;
      if (step.workday) {
        // Weekend: to the Friday before or the Monday after (never into the future).
        const weekday = new Date(at).getUTCDay();
        if (weekday === 6 || weekday === 0) {
          const monday = at + (weekday === 6 ? 2 : 1) * DAY_MS;
          const friday = at - (weekday === 6 ? 1 : 2) * DAY_MS;
          at = (step.idea + seq) % 2 === 0 && monday < now - 3_600_000 ? monday : friday;
        }
      }
      at = Math.max(at, previous + 10 * 60_000);
      at = Math.min(at, now - 60_000);
      previous = at;
      timed.push({ idea, seq, at: new Date(Math.round(at)), step });
    });
  }
  return timed.sort((a, b) => a.at.getTime() - b.at.getTime() || a.step.idea - b.step.idea || a.seq - b.seq);
}

export interface DemoLoadOptions {
  /** Wait until the read models have caught up (the runner must be running). Default: true. */
  waitForProjections?: boolean;
}

/**
 * Fills the database with the demo sample, unless it is there already. Every step is a decision of
 * the idea decider; a refusal means the sample is wrong, and loading stops with an error.
 */
export async function loadDemoData(runtime: Runtime, logger: Logger, options: DemoLoadOptions = {}): Promise<void> {
  const started = Date.now();
  const plan = planDemo();
  const now = Date.now();
  const today = new Date(now);
  const anchor = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const steps = schedule(plan, anchor, now);
  const date = (day: number): string => new Date(anchor + day * DAY_MS).toISOString().slice(0, 10);

  // The idea submitted first is the marker: if its stream exists, the demo was loaded before.
  const marker = steps[0].idea;
  let done = new Map<string, number>();
  if ((await runtime.store.readStream(ideaStreamId(marker.ideaId), { toVersion: 1 })).length > 0) {
    for (const idea of plan) {
      const recorded = await runtime.store.readStream(ideaStreamId(idea.ideaId));
      done.set(idea.ideaId, recorded.length);
    }
    const remaining = steps.filter((s) => s.seq >= (done.get(s.idea.ideaId) ?? 0)).length;
    if (remaining === 0) {
      logger.log(`Demo data already loaded (${plan.length} ideas in ${DEMO_ORGANISATIONS.length} organisations); nothing to do.`);
      return;
    }
    logger.warn(`Demo data was loaded only in part (interrupted?); writing the remaining ${remaining} of ${steps.length} steps.`);
  } else {
    done = new Map();
  }

  logger.log(`Loading demo data: ${plan.length} ideas in ${DEMO_ORGANISATIONS.join(', ')}…`);
  let events = 0;
  let ideas = 0;
  let last: Checkpoint | undefined;
  for (const { idea, seq, at, step } of steps) {
    if (seq < (done.get(idea.ideaId) ?? 0)) continue;
    const actor: Actor = { subject: step.who.subject, organisation: idea.entry.org, roles: step.who.roles };
    const pseudonym = runtime.pseudonymizer.of(actor.subject);
    const bare = step.make(date);
    const command = { ...bare, context: { actor, pseudonym, now: at } } as IdeaCommand;
    const outcome = await handleCommand(runtime.store, ideaDecider, {
      streamId: ideaStreamId(idea.ideaId),
      command,
      metadata: {
        occurredAt: at.toISOString(),
        actor: { subject: pseudonym, organisation: actor.organisation, roles: actor.roles },
        correlationId: nameBasedId(`${ID_PREFIX}:load`),
      },
      eventIds: (i) => nameBasedId(`${ID_PREFIX}:event:${idea.ideaId}:${seq}:${i}`),
    });
    if (!outcome.ok) {
      const why = 'error' in outcome ? `${outcome.error.code}: ${outcome.error.message}` : `stale version ${JSON.stringify(outcome.stale)}`;
      throw new Error(`Demo data is inconsistent: "${idea.entry.title}" (${idea.entry.org}) step ${seq + 1}, ${bare.type} by ${actor.subject} was refused (${why}).`);
    }
    events += outcome.events.length;
    if (bare.type === 'SubmitIdea') ideas++;
    last = outcome.result.checkpoint;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  logger.log(`Demo data loaded: ${ideas} ideas and ${events} events written in ${seconds} s.`);

  if (last && options.waitForProjections !== false) {
    const waitStarted = Date.now();
    const caughtUp = await runtime.runner.waitFor(last, 30_000);
    if (caughtUp) logger.log(`Read models caught up in ${((Date.now() - waitStarted) / 1000).toFixed(1)} s.`);
    else logger.warn('Read models are still catching up with the demo data (waited 30 s); the funnel fills in shortly.');
  }
}
