// Demo data: a believable year of staff ideas in four organisations of South Karelia and South Savo,
// so a newcomer sees a live funnel at once, and Tekojen tori: several hundred development deeds of
// 17 organisations since 2019 (some drafted from the demo's adopted ideas) and the autumn campaign
// "Tekoja tiskiin" of every year, the current one still running. Every step is a real decision of
// the idea, deed or campaign decider, dated in the past, and the whole sample is reproducible
// (seeded pseudo-random numbers, name-based ids).
//   npm start -- --demo      (loads into the running app)
//   npm run demo             (loads, brings the read models up to date, prints a summary)
import type { Logger } from '@nestjs/common';
import { handleCommand, type Checkpoint, type CommandOutcome, type RecordedEvent } from '#event-store';
import { campaignDecider, campaignStreamId, deedDecider, deedStreamId, PARTICIPANTS, rankStandings, type DeedCommand, type DeedContent, type DeedMetric } from '#deeds';
import {
  ideaDecider,
  ideaStreamId,
  type IdeaAdopted,
  type IdeaCommand,
  type IdeaDeedLinked,
  type IdeaPilotStarted,
  type IdeaSubmitted,
  type Language,
  type MediaLink,
  type PilotMetric,
  type Sector,
  type Stage,
} from '#ideas';
import { organisationDecider, organisationStreamId, type OrganisationKind, type OrganisationNames } from '#organisations';
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
// Tekojen tori: the organisations that publish development deeds
// ---------------------------------------------------------------------------------------------

/** What kind of employer: decides which closing sentences fit ("kunta", "hyvinvointialue"…). */
type OrgKind = 'municipality' | 'joint-authority' | 'county' | 'company';

interface CatalogueOrg {
  id: string;
  name: string;
  /** Swedish name of a bilingual organisation. */
  svName?: string;
  kind: OrgKind;
  /** A joint authority that became a wellbeing services county in this year (Eksote: 2023). */
  countyFrom?: number;
  /** Years in which the organisation existed in this form. */
  from?: number;
  until?: number;
  /** Share of deeds written in Swedish. */
  sv?: number;
  /** How active the organisation is in publishing. */
  weight: number;
  sectors: Partial<Record<Sector, number>>;
  /** Areas of the organisation: [name, locative] in Finnish ("Hervanta", "Hervannassa"). */
  places: [string, string][];
  /** Area names in Swedish, for bilingual organisations. */
  svPlaces?: string[];
  /** Subjects with the org-editor role: they draft and publish the organisation's deeds. */
  editors: string[];
  /** The organisation in the locative ("Oulussa", "i Borgå"), for telling apart deeds of the same name. */
  where: { fi: string; sv?: string };
  /** No hospital, emergency or health-centre work (a joint authority of disability services). */
  noAcute?: boolean;
}

const MUNICIPAL_SECTORS: Partial<Record<Sector, number>> = {
  'education-and-early-childhood': 3,
  technical: 2,
  'business-and-support': 2,
  'culture-and-leisure': 1.6,
  'food-and-cleaning': 1.3,
  'whole-organisation': 1,
  // Only until 2022: from 2023 the wellbeing services counties run social and health services.
  'social-and-health': 2.2,
};
const COUNTY_SECTORS: Partial<Record<Sector, number>> = { 'social-and-health': 6, 'business-and-support': 1.2, 'food-and-cleaning': 0.9, 'whole-organisation': 1 };

const CATALOGUE_ORGS: CatalogueOrg[] = [
  {
    id: 'imatra',
    name: 'Imatran kaupunki',
    kind: 'municipality',
    weight: 1.3,
    sectors: MUNICIPAL_SECTORS,
    places: [['Vuoksenniska', 'Vuoksenniskalla'], ['Mansikkala', 'Mansikkalassa'], ['Imatrankoski', 'Imatrankoskella'], ['Tainionkoski', 'Tainionkoskella'], ['Rautio', 'Rautiossa']],
    editors: ['hanna.korhonen', 'ville.saarinen'],
    where: { fi: 'Imatralla' },
  },
  {
    id: 'lappeenranta',
    name: 'Lappeenrannan kaupunki',
    kind: 'municipality',
    weight: 1.2,
    sectors: MUNICIPAL_SECTORS,
    places: [['Sammonlahti', 'Sammonlahdessa'], ['Lauritsala', 'Lauritsalassa'], ['Joutseno', 'Joutsenossa'], ['Skinnarila', 'Skinnarilassa'], ['Kimpinen', 'Kimpisessä']],
    editors: ['mervi.laakso'],
    where: { fi: 'Lappeenrannassa' },
  },
  {
    id: 'jarvi-saimaan-palvelut',
    name: 'Järvi-Saimaan Palvelut',
    kind: 'company',
    weight: 0.8,
    sectors: { technical: 3, 'food-and-cleaning': 3, 'business-and-support': 1, 'whole-organisation': 0.6 },
    places: [['Savonlinna', 'Savonlinnassa'], ['Sulkava', 'Sulkavalla'], ['Enonkoski', 'Enonkoskella'], ['Rantasalmi', 'Rantasalmella'], ['Kerimäki', 'Kerimäellä']],
    editors: ['tuula.hirvonen'],
    where: { fi: 'Järvi-Saimaan Palveluissa' },
  },
  {
    id: 'hyvinvointialue-etela-karjala',
    name: 'Etelä-Karjalan hyvinvointialue (Eksote)',
    kind: 'joint-authority',
    countyFrom: 2023,
    weight: 1.2,
    sectors: COUNTY_SECTORS,
    places: [['Lappeenranta', 'Lappeenrannassa'], ['Imatra', 'Imatralla'], ['Parikkala', 'Parikkalassa'], ['Ruokolahti', 'Ruokolahdella'], ['Luumäki', 'Luumäellä'], ['Taipalsaari', 'Taipalsaarella']],
    editors: ['jaana.rautio', 'kari.savolainen'],
    where: { fi: 'Eksotessa' },
  },
  {
    id: 'tampere',
    name: 'Tampereen kaupunki',
    kind: 'municipality',
    weight: 1.6,
    sectors: MUNICIPAL_SECTORS,
    places: [['Hervanta', 'Hervannassa'], ['Tesoma', 'Tesomalla'], ['Kaleva', 'Kalevassa'], ['Lielahti', 'Lielahdessa'], ['Annala', 'Annalassa'], ['Lentävänniemi', 'Lentävänniemessä']],
    editors: ['anu.lehtinen', 'mikko.salmi'],
    where: { fi: 'Tampereella' },
  },
  {
    id: 'oulu',
    name: 'Oulun kaupunki',
    kind: 'municipality',
    weight: 1.4,
    sectors: MUNICIPAL_SECTORS,
    places: [['Kaukovainio', 'Kaukovainiolla'], ['Tuira', 'Tuirassa'], ['Haukipudas', 'Haukiputaalla'], ['Kiiminki', 'Kiimingissä'], ['Kaijonharju', 'Kaijonharjussa'], ['Ritaharju', 'Ritaharjussa']],
    editors: ['jarmo.kangas'],
    where: { fi: 'Oulussa' },
  },
  {
    id: 'vantaa',
    name: 'Vantaan kaupunki',
    svName: 'Vanda stad',
    kind: 'municipality',
    weight: 1.4,
    sv: 0.04,
    sectors: MUNICIPAL_SECTORS,
    places: [['Tikkurila', 'Tikkurilassa'], ['Myyrmäki', 'Myyrmäessä'], ['Hakunila', 'Hakunilassa'], ['Korso', 'Korsossa'], ['Kivistö', 'Kivistössä'], ['Martinlaakso', 'Martinlaaksossa']],
    svPlaces: ['Dickursby', 'Myrbacka', 'Håkansböle', 'Korso', 'Kivistö'],
    editors: ['sofia.nyman', 'petri.aalto'],
    where: { fi: 'Vantaalla', sv: 'i Vanda' },
  },
  {
    id: 'kuopio',
    name: 'Kuopion kaupunki',
    kind: 'municipality',
    weight: 1.1,
    sectors: MUNICIPAL_SECTORS,
    places: [['Petonen', 'Petosella'], ['Saaristokaupunki', 'Saaristokaupungissa'], ['Neulamäki', 'Neulamäessä'], ['Jynkkä', 'Jynkässä'], ['Nilsiä', 'Nilsiässä'], ['Pirtti', 'Pirtissä']],
    editors: ['kimmo.karjalainen'],
    where: { fi: 'Kuopiossa' },
  },
  {
    id: 'jyvaskyla',
    name: 'Jyväskylän kaupunki',
    kind: 'municipality',
    weight: 1.1,
    sectors: MUNICIPAL_SECTORS,
    places: [['Kuokkala', 'Kuokkalassa'], ['Vaajakoski', 'Vaajakoskella'], ['Palokka', 'Palokassa'], ['Huhtasuo', 'Huhtasuolla'], ['Korpilahti', 'Korpilahdella']],
    editors: ['outi.peltonen'],
    where: { fi: 'Jyväskylässä' },
  },
  {
    id: 'porvoo',
    name: 'Porvoon kaupunki',
    svName: 'Borgå stad',
    kind: 'municipality',
    weight: 0.8,
    sv: 0.45,
    sectors: MUNICIPAL_SECTORS,
    places: [['Kevätkumpu', 'Kevätkummussa'], ['Gammelbacka', 'Gammelbackassa'], ['Näsinmäki', 'Näsinmäellä'], ['Kerkkoo', 'Kerkkoossa'], ['Hamari', 'Hamarissa']],
    svPlaces: ['Vårberga', 'Gammelbacka', 'Näse', 'Kerko', 'Hamari'],
    editors: ['camilla.lindroos'],
    where: { fi: 'Porvoossa', sv: 'i Borgå' },
  },
  {
    id: 'vaasa',
    name: 'Vaasan kaupunki',
    svName: 'Vasa stad',
    kind: 'municipality',
    weight: 0.9,
    sv: 0.4,
    sectors: MUNICIPAL_SECTORS,
    places: [['Palosaari', 'Palosaarella'], ['Gerby', 'Gerbyssä'], ['Vanha Vaasa', 'Vanhassa Vaasassa'], ['Huutoniemi', 'Huutoniemellä'], ['Sundom', 'Sundomissa']],
    svPlaces: ['Brändö', 'Gerby', 'Gamla Vasa', 'Roparnäs', 'Sundom'],
    editors: ['johan.granholm', 'tiina.kallio'],
    where: { fi: 'Vaasassa', sv: 'i Vasa' },
  },
  {
    id: 'mikkeli',
    name: 'Mikkelin kaupunki',
    kind: 'municipality',
    weight: 0.7,
    sectors: MUNICIPAL_SECTORS,
    places: [['Rantakylä', 'Rantakylässä'], ['Ristiina', 'Ristiinassa'], ['Anttola', 'Anttolassa'], ['Kalevankangas', 'Kalevankankaalla'], ['Otava', 'Otavassa']],
    editors: ['ilkka.rautiainen'],
    where: { fi: 'Mikkelissä' },
  },
  {
    id: 'savonlinna',
    name: 'Savonlinnan kaupunki',
    kind: 'municipality',
    weight: 0.6,
    sectors: MUNICIPAL_SECTORS,
    places: [['Kerimäki', 'Kerimäellä'], ['Punkaharju', 'Punkaharjulla'], ['Kellarpelto', 'Kellarpellossa'], ['Talvisalo', 'Talvisalossa'], ['Nätkinen', 'Nätkisessä']],
    editors: ['seija.tolvanen'],
    where: { fi: 'Savonlinnassa' },
  },
  {
    id: 'eskoo',
    name: 'Eskoon sosiaalipalvelujen kuntayhtymä',
    kind: 'joint-authority',
    // Its services moved to the wellbeing services county of South Ostrobothnia at the start of 2023.
    until: 2022,
    weight: 0.7,
    sectors: { 'social-and-health': 5, 'food-and-cleaning': 1, 'business-and-support': 1, 'whole-organisation': 1.2 },
    places: [['Seinäjoki', 'Seinäjoella'], ['Lapua', 'Lapualla'], ['Kauhava', 'Kauhavalla'], ['Ylistaro', 'Ylistarossa']],
    editors: ['merja.kivela'],
    where: { fi: 'Eskoossa' },
    noAcute: true,
  },
  {
    id: 'pirkanmaan-hyvinvointialue',
    name: 'Pirkanmaan hyvinvointialue',
    kind: 'county',
    from: 2023,
    weight: 1.5,
    sectors: COUNTY_SECTORS,
    places: [['Nokia', 'Nokialla'], ['Kangasala', 'Kangasalla'], ['Ylöjärvi', 'Ylöjärvellä'], ['Valkeakoski', 'Valkeakoskella'], ['Sastamala', 'Sastamalassa'], ['Lempäälä', 'Lempäälässä']],
    editors: ['minna.aaltonen', 'juho.lehto'],
    where: { fi: 'Pirkanmaan hyvinvointialueella' },
  },
  {
    id: 'hyvinvointialue-etela-savo',
    name: 'Etelä-Savon hyvinvointialue Eloisa',
    kind: 'county',
    from: 2023,
    weight: 1.3,
    sectors: COUNTY_SECTORS,
    places: [['Mikkeli', 'Mikkelissä'], ['Savonlinna', 'Savonlinnassa'], ['Pieksämäki', 'Pieksämäellä'], ['Juva', 'Juvalla'], ['Kangasniemi', 'Kangasniemellä']],
    editors: ['pasi.hynninen'],
    where: { fi: 'Eloisassa' },
  },
  {
    id: 'pohjanmaan-hyvinvointialue',
    name: 'Pohjanmaan hyvinvointialue',
    svName: 'Österbottens välfärdsområde',
    kind: 'county',
    from: 2023,
    weight: 0.8,
    sv: 0.55,
    sectors: COUNTY_SECTORS,
    places: [['Vaasa', 'Vaasassa'], ['Närpiö', 'Närpiössä'], ['Mustasaari', 'Mustasaaressa'], ['Kristiinankaupunki', 'Kristiinankaupungissa'], ['Maalahti', 'Maalahdessa']],
    svPlaces: ['Vasa', 'Närpes', 'Korsholm', 'Kristinestad', 'Malax'],
    editors: ['annika.back'],
    where: { fi: 'Pohjanmaan hyvinvointialueella', sv: 'i Österbottens välfärdsområde' },
  },
];

export const DEMO_CATALOGUE_ORGANISATIONS: readonly { id: string; name: string }[] = CATALOGUE_ORGS.map(({ id, name, svName }) => ({
  id,
  name: svName ? `${name} / ${svName}` : name,
}));

const activeIn = (org: CatalogueOrg, year: number): boolean => (org.from ?? 0) <= year && year <= (org.until ?? 9999);
const kindIn = (org: CatalogueOrg, year: number): OrgKind => (org.countyFrom !== undefined && year >= org.countyFrom ? 'county' : org.kind);
function sectorsIn(org: CatalogueOrg, year: number): [Sector, number][] {
  return (Object.entries(org.sectors) as [Sector, number][]).filter(([sector]) => !(sector === 'social-and-health' && kindIn(org, year) === 'municipality' && year >= 2023));
}

// ---------------------------------------------------------------------------------------------
// Tekojen tori: hand-written fragments of development stories, combined per deed
// ---------------------------------------------------------------------------------------------

interface MetricSpec {
  name: string;
  unit?: string;
  /** Range of the baseline (or of the value, for a metric without a baseline). */
  base: [number, number];
  /** Relative change from the baseline to the value: -0.3 is a 30 % decrease. */
  change?: [number, number];
  decimals?: number;
  /** Round to this step (10, 100…) instead of decimals. */
  round?: number;
  /** A new thing counted after the change: it has no baseline. */
  noBaseline?: boolean;
}

/**
 * One kind of development story. Titles may use {in} (Finnish place in the locative: "Hervannassa")
 * or {i} (Swedish: "i Gammelbacka"); results use {b0} {v0} {p0} (baseline, value, % change of metric 0)
 * and so on for the other metrics; `plain` results are for deeds that publish no metrics.
 */
interface Story {
  lang: 'fi' | 'sv';
  sector: Sector;
  units: string[];
  titles: string[];
  aims: string[];
  results: string[];
  plain?: string[];
  metrics: MetricSpec[];
  themes: string[];
  /** Customers are often part of the development. */
  customers?: boolean;
  /** Only employers of these kinds do this kind of work (building permits: municipalities…). */
  only?: OrgKind[];
  /** Hospital, emergency or health-centre work: not for a joint authority of disability services. */
  acute?: boolean;
}

/** The catalogue's theme vocabulary (Finnish keys, also on Swedish deeds, so the theme filter finds both). */
const THEMES = [
  'digitalisaatio',
  'työhyvinvointi',
  'asiakaskokemus',
  'ympäristö',
  'tasa-arvo',
  'viestintä',
  'johtaminen',
  'saavutettavuus',
  'tuottavuus',
  'osallisuus',
  'osaaminen',
  'turvallisuus',
  'prosessit',
];

const STORIES: Story[] = [
  // ------------------------------------------------------------------ social and health services
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['kotihoito', 'kotihoidon tiimi', 'kotiin annettavat palvelut'],
    titles: ['Kotihoidon reitit uusiksi optimointiohjelmalla', 'Kotihoidon käynnit suunnitellaan datan avulla {in}', 'Enemmän aikaa asiakkaalle: kotihoidon reittisuunnittelu {in}'],
    aims: [
      'Hoitajien työpäivästä kului liian suuri osa autossa, ja käynnit venyivät. Haluttiin lisätä asiakkaan luona vietettyä aikaa ja vähentää ajamista.',
      'Kotihoidon työntekijät nostivat esiin, että reitit suunniteltiin käsin joka aamu ja jokainen muutos sotki koko päivän. Tavoitteena oli ennakoitava päivä sekä hoitajalle että asiakkaalle.',
    ],
    results: [
      'Välittömän asiakasajan osuus nousi {b0} prosentista {v0} prosenttiin, ja ajokilometrit vähenivät {p1} %.',
      'Asiakkaan luona vietetty aika kasvoi: välitön asiakasaika nousi {b0} %:sta {v0} %:iin. Ajoa kertyi viikossa {v1} kilometriä, kun ennen kilometrejä kertyi {b1}.',
    ],
    plain: ['Hoitajat kertovat päivien rauhoittuneen, ja asiakkaat tietävät nyt, milloin hoitaja tulee.'],
    metrics: [
      { name: 'Välitön asiakasaika', unit: '%', base: [44, 56], change: [0.1, 0.25] },
      { name: 'Ajokilometrit', unit: 'km/viikko', base: [900, 1500], change: [-0.22, -0.08], round: 10 },
    ],
    themes: ['digitalisaatio', 'tuottavuus', 'asiakaskokemus'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['päivystys', 'yhteispäivystys'],
    titles: ['Päivystyksen odotusajat lyhenivät hoitajan pikaluokittelulla', 'Hoitajavastaanotto päivystyksen rinnalle {in}', 'Kiireettömät potilaat heti oikeaan paikkaan'],
    aims: [
      'Kiireettömät potilaat ruuhkauttivat päivystyksen iltaisin, ja kiireellistä hoitoa tarvitsevat odottivat turhaan. Tavoitteena oli ohjata jokainen potilas heti oikealle ammattilaiselle.',
      'Päivystyksen henkilökunta ehdotti, että kokenut sairaanhoitaja arvioi hoidon tarpeen heti ovella. Näin lääkärin aika riittäisi niille, jotka sitä eniten tarvitsevat.',
    ],
    results: [
      'Keskimääräinen odotusaika lääkärille lyheni {b0} minuutista {v0} minuuttiin. Hoitajavastaanotolla hoidettiin {v1} % kiireettömistä potilaista.',
      'Odotusaika lyheni {p0} %, ja yhä useampi kiireetön potilas sai avun hoitajalta: osuus nousi {b1} %:sta {v1} %:iin.',
    ],
    plain: ['Ruuhkahuiput tasoittuivat, ja henkilökunta kokee työn aiempaa hallitummaksi.'],
    metrics: [
      { name: 'Odotusaika lääkärille', unit: 'min', base: [110, 190], change: [-0.42, -0.2] },
      { name: 'Hoitajavastaanotolla hoidetut kiireettömät', unit: '%', base: [8, 18], change: [1.0, 2.2] },
    ],
    themes: ['asiakaskokemus', 'tuottavuus', 'prosessit'],
    only: ['county', 'joint-authority'],
    acute: true,
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['suun terveydenhuolto', 'hammashoitola'],
    titles: ['Tekstiviestimuistutus vähensi käyttämättömiä hammashoitoaikoja', 'Hammashoitolan tyhjät tuolit täyteen {in}', 'Peruutusajat tehokäyttöön suun terveydenhuollossa'],
    aims: [
      'Joka kymmenes hammashoitoaika jäi käyttämättä ilman peruutusta, ja jonot pitenivät. Haluttiin saada vapautuvat ajat nopeasti jonossa oleville.',
      'Hammashoitajat huomasivat, että unohtuneet ajat kasautuivat maanantaille. Tavoitteena oli muistuttaa asiakasta ajoissa ja tarjota vapautuva aika seuraavalle.',
    ],
    results: [
      'Peruuttamatta jääneiden käyntien osuus laski {b0} %:sta {v0} %:iin, ja odotusaika kiireettömään hoitoon lyheni {b1} vuorokaudesta {v1} vuorokauteen.',
      'Käyttämättömiä aikoja jäi {p0} % vähemmän. Vapautuneet ajat täytettiin jonosta, ja odotusaika lyheni {p1} %.',
    ],
    plain: ['Muistutusviestit ovat nyt vakiokäytäntö kaikissa hoitoloissa, ja asiakaspalaute on ollut myönteistä.'],
    metrics: [
      { name: 'Peruuttamatta jääneet käynnit', unit: '%', base: [6, 11], change: [-0.6, -0.35], decimals: 1 },
      { name: 'Odotusaika kiireettömään hoitoon', unit: 'vrk', base: [60, 150], change: [-0.35, -0.15] },
    ],
    themes: ['digitalisaatio', 'asiakaskokemus'],
    acute: true,
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['terveysasema', 'terveysaseman vastaanotto', 'sairaanhoitajan vastaanotto'],
    titles: ['Takaisinsoitto ja chat lyhensivät terveysaseman puhelinjonoa', 'Terveysaseman aamuruuhka purettiin {in}', 'Digitaalinen ensikontakti terveysasemalle'],
    aims: [
      'Asiakkaat jonottivat puhelimessa aamuisin pitkään, ja moni luopui yrittämästä. Tavoitteena oli, että jokainen yhteydenotto käsitellään saman päivän aikana.',
      'Henkilökunnan ideana oli jakaa yhteydenotot kanaviin: kiireelliset puhelimeen, muut chattiin ja takaisinsoittoon.',
    ],
    results: [
      'Puhelinjonon keskimääräinen odotusaika lyheni {b0} minuutista {v0} minuuttiin. Asiakastyytyväisyys oli ennen kokeilua {b1} ja nyt {v1} asteikolla 1–5.',
      'Jonotus puhelimessa lyheni {p0} %, ja valtaosa yhteydenotoista hoituu nyt chatissa tai takaisinsoitolla saman päivän aikana.',
    ],
    plain: ['Aamujen ruuhka on helpottanut, ja asiakkaat saavat vastauksen saman päivän aikana.'],
    metrics: [
      { name: 'Puhelinjonon odotusaika', unit: 'min', base: [16, 38], change: [-0.65, -0.35] },
      { name: 'Asiakastyytyväisyys', unit: 'ka 1–5', base: [3.2, 3.7], change: [0.08, 0.18], decimals: 1 },
    ],
    themes: ['digitalisaatio', 'asiakaskokemus', 'saavutettavuus'],
    acute: true,
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['perhekeskus', 'lapsiperheiden palvelut', 'neuvola'],
    titles: ['Perhekeskuksen yhteinen asiakasohjaus', 'Yksi numero lapsiperheille {in}', 'Lapsiperheiden palveluohjaus yhden luukun periaatteella'],
    aims: [
      'Perheet joutuivat kertomaan asiansa moneen kertaan eri työntekijöille ennen kuin apu löytyi. Tavoitteena oli, että perhe saa oikean avun ensimmäisellä yhteydenotolla.',
      'Neuvolan, perhetyön ja kasvatus- ja perheneuvonnan työntekijät halusivat yhteisen tavan ohjata perheitä.',
    ],
    results: [
      'Jonotusaika ensikäynnille lyheni {b0} vuorokaudesta {v0} vuorokauteen. Perheistä {v1} % kertoi saaneensa avun ensimmäisellä yhteydenotolla, kun aiemmin osuus oli {b1} %.',
      'Ensikäynnille pääsi {p0} % nopeammin, ja perheiden kokemus palveluohjauksesta parani selvästi.',
    ],
    plain: ['Perheet löytävät avun aiempaa helpommin, ja työntekijät tuntevat toistensa työn paremmin.'],
    metrics: [
      { name: 'Jonotusaika ensikäynnille', unit: 'vrk', base: [18, 45], change: [-0.55, -0.3] },
      { name: 'Apu ensimmäisellä yhteydenotolla', unit: '%', base: [48, 62], change: [0.2, 0.4] },
    ],
    themes: ['asiakaskokemus', 'prosessit', 'tasa-arvo'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['vammaispalvelut', 'asumispalvelut', 'päiväaikainen toiminta'],
    titles: ['Asukkaat mukaan arjen suunnitteluun', 'Kuvakommunikaatio käyttöön asumisyksikössä {in}', 'Asukasraati päättää viikon ohjelmasta'],
    aims: [
      'Asukkaiden päiväohjelma suunniteltiin henkilökunnan kesken, eikä kaikilla asukkailla ollut keinoa kertoa toiveistaan. Tavoitteena oli, että jokainen asukas voi vaikuttaa omaan arkeensa.',
      'Ohjaajat halusivat vähentää levottomuutta ja yllätyksiä tekemällä päivän kulun näkyväksi kuvin ja tukiviittomin.',
    ],
    results: [
      'Asukastyytyväisyys oli ennen {b0} ja kokeilun jälkeen {v0} asteikolla 1–5. Haastavia tilanteita kirjattiin {p1} % aiempaa vähemmän.',
      'Haastavat tilanteet vähenivät {b1} tapauksesta {v1} tapaukseen kuukaudessa, ja asukkaat osallistuvat nyt viikkosuunnitteluun.',
    ],
    plain: ['Asukkaat osallistuvat nyt viikon suunnitteluun, ja arki on rauhoittunut.'],
    metrics: [
      { name: 'Asukastyytyväisyys', unit: 'ka 1–5', base: [3.1, 3.7], change: [0.08, 0.2], decimals: 1 },
      { name: 'Haastavat tilanteet', unit: 'kpl/kk', base: [12, 30], change: [-0.5, -0.25] },
    ],
    themes: ['osallisuus', 'saavutettavuus', 'asiakaskokemus'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['ympärivuorokautinen palveluasuminen', 'palvelukoti', 'kotihoito'],
    titles: ['Lääkehoidon poikkeamat puoleen kaksoistarkistuksella', 'Turvallisempi lääkehoito palvelukodissa {in}', 'Lääkkeenjaolle rauhoitettu hetki'],
    aims: [
      'Lääkkeitä jaettiin kiireen keskellä, ja poikkeamailmoituksia kertyi joka kuukausi. Tavoitteena oli turvallisempi lääkehoito ilman lisähenkilöstöä.',
      'Hoitajat ehdottivat, että lääkkeet jaetaan rauhoitetussa tilassa huomioliivi päällä, jolloin jakajaa ei keskeytetä.',
    ],
    results: [
      'Lääkepoikkeamat vähenivät {b0} tapauksesta {v0} tapaukseen kuukaudessa. Hoitajat kokevat lääkkeenjaon nyt rauhallisemmaksi.',
      'Poikkeamailmoituksia tehtiin {p0} % vähemmän kuin ennen kokeilua, eikä yhtään vakavaa poikkeamaa sattunut.',
    ],
    metrics: [{ name: 'Lääkepoikkeamat', unit: 'kpl/kk', base: [9, 22], change: [-0.6, -0.3] }],
    themes: ['turvallisuus', 'työhyvinvointi', 'prosessit'],
  },
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['aikuissosiaalityö', 'sosiaalipalvelut', 'työllisyyttä edistävä sosiaalityö'],
    titles: ['Etävastaanotto aikuissosiaalityöhön', 'Sosiaalityöntekijän tapaaminen myös videolla {in}', 'Asiakas valitsee: tapaaminen paikan päällä, puhelimessa tai videolla'],
    aims: [
      'Moni asiakas jätti tulematta vastaanotolle pitkän matkan tai jännityksen vuoksi. Tavoitteena oli madaltaa kynnystä ja vähentää peruuntuneita tapaamisia.',
      'Sosiaalityöntekijät halusivat käyttää aikansa asiakastyöhön eivätkä peruuntuneiden aikojen uudelleenjärjestelyyn.',
    ],
    results: [
      'Toteutuneiden tapaamisten osuus nousi {b0} %:sta {v0} %:iin. Siirtymiin kului ennen {b1} tuntia viikossa, nyt {v1} tuntia.',
      'Tapaamiset toteutuvat aiempaa useammin: osuus on nyt {v0} %. Videoyhteyden valitsi noin kolmannes asiakkaista.',
    ],
    plain: ['Videotapaamisesta on tullut vakiintunut vaihtoehto, ja peruutuksia on selvästi vähemmän.'],
    metrics: [
      { name: 'Toteutuneet tapaamiset', unit: '%', base: [64, 78], change: [0.1, 0.22] },
      { name: 'Siirtymiin kuluva aika', unit: 'h/viikko', base: [5, 9], change: [-0.6, -0.3], decimals: 1 },
    ],
    themes: ['digitalisaatio', 'asiakaskokemus', 'saavutettavuus'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['sisätautiosasto', 'akuuttiosasto', 'kuntoutusosasto'],
    titles: ['Kotiutuksen tarkistuslista vähensi uusintakäyntejä', 'Hallittu kotiutus osastolta kotiin {in}', 'Kotiutus alkaa jo tulopäivänä'],
    aims: [
      'Potilaita palasi päivystykseen pian kotiutuksen jälkeen, koska lääkitys, apuvälineet tai kotihoidon käynnit eivät olleet valmiina. Tavoitteena oli, ettei kukaan kotiudu keskeneräisin järjestelyin.',
      'Osaston hoitajat ja kotihoito sopivat yhteisestä tarkistuslistasta, joka käydään läpi ennen jokaista kotiutusta.',
    ],
    results: [
      'Uusintakäynnit 30 vuorokauden sisällä vähenivät {b0} %:sta {v0} %:iin. Hoitoaika osastolla lyheni keskimäärin {b1} vuorokaudesta {v1} vuorokauteen.',
      'Uusintakäyntejä oli {p0} % vähemmän, ja kotihoito saa tiedot nyt ennen kuin potilas on kotona.',
    ],
    metrics: [
      { name: 'Uusintakäynnit 30 vrk sisällä', unit: '%', base: [12, 19], change: [-0.4, -0.18], decimals: 1 },
      { name: 'Hoitoaika osastolla', unit: 'vrk', base: [6, 9], change: [-0.2, -0.08], decimals: 1 },
    ],
    themes: ['prosessit', 'turvallisuus', 'asiakaskokemus'],
    only: ['county', 'joint-authority'],
    acute: true,
  },
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['vuodeosasto', 'kotihoito', 'ympärivuorokautinen hoiva'],
    titles: ['Työvuorotoiveet huomioon autonomisella vuorosuunnittelulla', 'Hoitajat suunnittelevat itse työvuoronsa {in}', 'Vuorosuunnittelu yhteisillä pelisäännöillä'],
    aims: [
      'Työvuorot tulivat ylhäältä annettuina, ja vuorojen vaihtaminen kuormitti esihenkilöä. Tavoitteena oli parempi työn ja muun elämän yhteensovitus.',
      'Henkilöstö toivoi voivansa vaikuttaa omiin vuoroihinsa. Pelisäännöt sovittiin yhdessä, ja esihenkilö varmistaa vain osaamisen ja mitoituksen.',
    ],
    results: [
      'Työvuorotoiveista toteutui {v0} %, kun aiemmin osuus oli {b0} %. Sairauspoissaolot vähenivät {b1} päivästä {v1} päivään henkilötyövuotta kohden.',
      'Toiveiden toteutuminen parani selvästi, ja sairauspoissaolot vähenivät {p1} %. Esihenkilön aikaa vapautui muuhun johtamistyöhön.',
    ],
    plain: ['Hoitajat kokevat voivansa vaikuttaa omaan työhönsä, ja vuoronvaihtopyyntöjä on selvästi vähemmän.'],
    metrics: [
      { name: 'Työvuorotoiveiden toteutuminen', unit: '%', base: [55, 70], change: [0.2, 0.4] },
      { name: 'Sairauspoissaolot', unit: 'pv/htv', base: [17, 26], change: [-0.25, -0.1], decimals: 1 },
    ],
    themes: ['työhyvinvointi', 'johtaminen', 'osallisuus'],
  },
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['mielenterveys- ja päihdepalvelut', 'psykiatrinen avohoito', 'matalan kynnyksen palvelupiste'],
    titles: ['Mielenterveystukea ilman ajanvarausta', 'Matalan kynnyksen walk in -vastaanotto {in}', 'Hoitoon pääsy nopeutui mielenterveyspalveluissa'],
    aims: [
      'Mielenterveyspalveluihin jonotettiin viikkoja, ja tilanne ehti pahentua ennen ensimmäistä käyntiä. Tavoitteena oli tarjota apua samana päivänä.',
      'Työntekijät ehdottivat kahta iltapäivää viikossa, jolloin vastaanotolle voi tulla ilman ajanvarausta ja lähetettä.',
    ],
    results: [
      'Hoitoon pääsyn odotusaika lyheni {b0} vuorokaudesta {v0} vuorokauteen. Walk in -vastaanotolla kävi kuukaudessa keskimäärin {v1} asiakasta.',
      'Odotusaika lyheni {p0} %, ja suuri osa asiakkaista sai avun yhdellä tai kahdella käynnillä.',
    ],
    metrics: [
      { name: 'Hoitoon pääsyn odotusaika', unit: 'vrk', base: [20, 42], change: [-0.75, -0.45] },
      { name: 'Walk in -käynnit', unit: 'kpl/kk', base: [35, 90], noBaseline: true },
    ],
    themes: ['asiakaskokemus', 'saavutettavuus', 'tasa-arvo'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'social-and-health',
    units: ['ensihoito', 'ensihoitopalvelu'],
    titles: ['Ensihoito hoitaa kotona, kun päivystystä ei tarvita', 'Ensihoidon ja kotihoidon yhteinen arviointikäynti {in}', 'Turhat päivystyskuljetukset vähenivät'],
    aims: [
      'Moni ikäihminen kuljetettiin päivystykseen, vaikka hoito olisi onnistunut kotona. Tavoitteena oli arvioida tilanne paikan päällä ja järjestää jatkohoito kotiin.',
      'Ensihoitajat ja kotihoidon hoitajat sopivat toimintamallista, jossa ensihoito konsultoi lääkäriä ja voi jättää potilaan turvallisesti kotiin.',
    ],
    results: [
      'Kuljetukseen johtaneiden tehtävien osuus laski {b0} %:sta {v0} %:iin. Kotiin jätetyistä potilaista vain harva palasi päivystykseen vuorokauden sisällä.',
      'Kuljetuksia tehtiin {p0} % vähemmän, ja ensihoitoyksiköt vapautuivat nopeammin seuraavaan tehtävään.',
    ],
    metrics: [{ name: 'Kuljetukseen johtaneet tehtävät', unit: '%', base: [58, 70], change: [-0.25, -0.1] }],
    themes: ['asiakaskokemus', 'tuottavuus', 'prosessit'],
    only: ['county', 'joint-authority'],
    acute: true,
  },
  // ------------------------------------------------------------------ education and early childhood education
  {
    lang: 'fi',
    sector: 'education-and-early-childhood',
    units: ['varhaiskasvatus', 'päiväkoti', 'esiopetus'],
    titles: ['Kasvun kansio digitaaliseksi päiväkodeissa', 'Tabletti dokumentoinnin apuna {in}', 'Vanhemmat näkevät lapsen päivän sovelluksesta'],
    aims: [
      'Kuvien tulostamiseen ja kansioiden kokoamiseen kului aikaa, joka oli pois lapsilta. Tavoitteena oli keventää dokumentointia ja parantaa tiedonkulkua koteihin.',
      'Kasvattajat halusivat kertoa vanhemmille lapsen päivästä useammin kuin kerran vuodessa pidettävässä keskustelussa.',
    ],
    results: [
      'Dokumentointiin kului viikossa {v0} minuuttia, kun ennen aikaa meni {b0} minuuttia. Vanhempien tyytyväisyys tiedonkulkuun oli ennen {b1} ja nyt {v1} asteikolla 1–5.',
      'Dokumentointiaika lyheni {p0} %, ja vanhemmat kommentoivat kuvia ja tarinoita aktiivisesti.',
    ],
    plain: ['Kasvattajilla on enemmän aikaa lapsille, ja vanhemmat saavat tietoa lapsen päivästä viikoittain.'],
    metrics: [
      { name: 'Dokumentointiin kuluva aika', unit: 'min/viikko', base: [80, 130], change: [-0.45, -0.25] },
      { name: 'Vanhempien tyytyväisyys tiedonkulkuun', unit: 'ka 1–5', base: [3.3, 3.8], change: [0.08, 0.18], decimals: 1 },
    ],
    themes: ['digitalisaatio', 'viestintä', 'asiakaskokemus'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'education-and-early-childhood',
    units: ['päiväkoti', 'esiopetus', 'varhaiskasvatus'],
    titles: ['Metsäpäivä joka viikko', 'Lähimetsä oppimisympäristöksi {in}', 'Ulkona oppiminen osaksi jokaista viikkoa'],
    aims: [
      'Lapset viettivät suuren osan päivästä sisällä, ja melu kuormitti sekä lapsia että aikuisia. Tavoitteena oli siirtää osa toiminnasta lähimetsään.',
      'Esiopettajat halusivat hyödyntää lähiluontoa matematiikan, kielen ja ympäristökasvatuksen opetuksessa.',
    ],
    results: [
      'Ulkona vietetty aika kasvoi {b0} tunnista {v0} tuntiin viikossa. Henkilöstö arvioi melukuormituksen vähentyneen selvästi.',
      'Lapset ovat ulkona {p0} % enemmän kuin ennen, ja metsäpäivästä on tullut viikon odotetuin hetki.',
    ],
    plain: ['Metsäpäivästä on tullut viikon kohokohta, ja melu sisätiloissa on vähentynyt.'],
    metrics: [{ name: 'Ulkona vietetty aika', unit: 'h/viikko', base: [6, 9], change: [0.4, 0.8] }],
    themes: ['ympäristö', 'työhyvinvointi', 'osaaminen'],
  },
  {
    lang: 'fi',
    sector: 'education-and-early-childhood',
    units: ['perusopetus', 'yläkoulu', 'alakoulu'],
    titles: ['Oppilaat päättävät koulun budjetista', 'Osallistava budjetointi oppilaskunnan käsissä {in}', 'Koulun piha uudistui oppilaiden ideoista'],
    aims: [
      'Oppilaat kokivat, ettei heidän mielipiteillään ole vaikutusta koulun arkeen. Tavoitteena oli antaa oppilaille todellista päätösvaltaa.',
      'Oppilaskunta sai käyttöönsä osan koulun hankintamäärärahasta, ja oppilaat äänestivät ehdotuksista itse.',
    ],
    results: [
      'Osallisuuden kokemus nousi kouluterveyskyselyssä {b0} %:sta {v0} %:iin. Äänestykseen osallistui {v1} % oppilaista.',
      'Oppilaiden ehdotuksista toteutettiin muun muassa pihapelejä ja hiljainen nurkkaus. Osallisuuden kokemus vahvistui {p0} %.',
    ],
    plain: ['Oppilaiden ehdotuksista toteutettiin pihapelejä ja hiljainen nurkkaus, ja uusi budjettikierros on jo alkanut.'],
    metrics: [
      { name: 'Osallisuuden kokemus', unit: '%', base: [38, 52], change: [0.15, 0.35] },
      { name: 'Äänestykseen osallistuneet', unit: '%', base: [60, 88], noBaseline: true },
    ],
    themes: ['osallisuus', 'tasa-arvo'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'education-and-early-childhood',
    units: ['perusopetus', 'alakoulu', 'koulunkäynnin ohjaus'],
    titles: ['Ohjattu välituntitoiminta vähensi kiusaamista', 'Välkkäriohjaajat pihalle {in}', 'Jokaiselle kaveri välitunnille'],
    aims: [
      'Kiusaaminen tapahtui useimmiten välitunnilla, jolloin aikuisia oli pihalla vähän. Tavoitteena oli, ettei kukaan jää yksin.',
      'Koulunkäynninohjaajat ja yläluokkalaiset suunnittelivat yhdessä ohjattuja välituntileikkejä.',
    ],
    results: [
      'Kiusatuksi itsensä kokeneiden osuus laski {b0} %:sta {v0} %:iin. Ohjattuihin leikkeihin osallistuu päivittäin kymmeniä oppilaita.',
      'Kiusaamisen kokemukset vähenivät {p0} %, ja välitunneista tuli rauhallisempia.',
    ],
    plain: ['Välitunnit ovat rauhoittuneet, ja yhä useampi oppilas löytää pihalta leikkiseuraa.'],
    metrics: [{ name: 'Kiusatuksi kokeneet oppilaat', unit: '%', base: [7, 13], change: [-0.45, -0.2], decimals: 1 }],
    themes: ['turvallisuus', 'tasa-arvo', 'osallisuus'],
  },
  {
    lang: 'fi',
    sector: 'education-and-early-childhood',
    units: ['perusopetus', 'yläkoulu', 'lukio'],
    titles: ['Kodin ja koulun viestintä yhteen kanavaan', 'Viikkokirje koteihin selkeällä kielellä {in}', 'Vähemmän viestejä, parempi tiedonkulku'],
    aims: [
      'Huoltajat saivat viestejä monesta kanavasta, ja tärkeät asiat hukkuivat. Tavoitteena oli selkeä ja ennakoitava viestintä.',
      'Opettajat sopivat, että yleiset asiat kootaan yhteen viikkokirjeeseen ja vain kiireelliset lähetetään erikseen.',
    ],
    results: [
      'Huoltajien tyytyväisyys tiedonkulkuun oli ennen {b0} ja nyt {v0} asteikolla 1–5. Opettajien lähettämien viestien määrä väheni {p1} %.',
      'Viestejä lähetetään {p1} % vähemmän, ja huoltajat kertovat löytävänsä tärkeät tiedot helpommin.',
    ],
    metrics: [
      { name: 'Huoltajien tyytyväisyys tiedonkulkuun', unit: 'ka 1–5', base: [3.1, 3.6], change: [0.1, 0.2], decimals: 1 },
      { name: 'Lähetetyt viestit', unit: 'kpl/viikko', base: [18, 35], change: [-0.5, -0.25] },
    ],
    themes: ['viestintä', 'asiakaskokemus'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'education-and-early-childhood',
    units: ['varhaiskasvatus', 'päiväkoti', 'sijaispalvelu'],
    titles: ['Sijaisen perehdytyskortti jokaiseen päiväkotiin', 'Sijaiset pääsevät työhön nopeammin {in}', 'Varahenkilöpooli ja perehdytysmalli päiväkodeille'],
    aims: [
      'Lyhyissä sijaisuuksissa aikaa kului talon tapojen selittämiseen, ja sijaiset kokivat olonsa epävarmaksi. Tavoitteena oli, että sijainen pääsee kiinni työhön ensimmäisen tunnin aikana.',
      'Päiväkotien johtajat ja henkilöstö kokosivat yhdessä perehdytyskortin ja perustivat varahenkilöpoolin.',
    ],
    results: [
      'Perehdytykseen tyytyväisten sijaisten osuus nousi {b0} %:sta {v0} %:iin. Täyttämättä jääneitä sijaisuuksia oli {p1} % vähemmän.',
      'Sijaisuuksista jäi täyttämättä {p1} % vähemmän kuin edellisenä vuonna, ja sijaiset palaavat mielellään samoihin yksiköihin.',
    ],
    metrics: [
      { name: 'Perehdytykseen tyytyväiset sijaiset', unit: '%', base: [50, 65], change: [0.2, 0.45] },
      { name: 'Täyttämättä jääneet sijaisuudet', unit: 'kpl/kk', base: [20, 45], change: [-0.45, -0.2] },
    ],
    themes: ['työhyvinvointi', 'osaaminen', 'johtaminen'],
  },
  {
    lang: 'fi',
    sector: 'education-and-early-childhood',
    units: ['alakoulu', 'perusopetus', 'esiopetus'],
    titles: ['Lukuvalmennus alakoulun arkeen', 'Lukuhetket ja kirjavinkkaus {in}', 'Jokainen lukee joka päivä'],
    aims: [
      'Lukutaidon seulonnoissa yhä useampi oppilas jäi tavoitetason alle. Tavoitteena oli lisätä päivittäistä lukemista ja lukemisen iloa.',
      'Opettajat ja kirjasto suunnittelivat yhdessä viikoittaiset lukuhetket ja kirjavinkkaukset.',
    ],
    results: [
      'Tavoitetason saavuttaneiden osuus nousi {b0} %:sta {v0} %:iin. Koulukirjaston lainat lisääntyivät {p1} %.',
      'Lukutaidon seulonnassa tavoitetasolla oli nyt {v0} % oppilaista, ja oppilaat lainaavat kirjoja selvästi aiempaa enemmän.',
    ],
    plain: ['Lukuhetket ovat vakiintuneet, ja oppilaat lainaavat kirjoja selvästi aiempaa enemmän.'],
    metrics: [
      { name: 'Lukutaidon tavoitetasolla', unit: '%', base: [66, 78], change: [0.06, 0.15] },
      { name: 'Koulukirjaston lainat', unit: 'kpl/kk', base: [300, 700], change: [0.2, 0.5], round: 10 },
    ],
    themes: ['osaaminen', 'tasa-arvo'],
  },
  {
    lang: 'fi',
    sector: 'education-and-early-childhood',
    units: ['perusopetus', 'oppilashuolto', 'erityisopetus'],
    titles: ['Oppilashuollon palaverit lyhyemmiksi ja tehokkaammiksi', 'Palaverikäytännöt uusiksi {in}', 'Kokousaikaa takaisin opetukseen'],
    aims: [
      'Opettajien aikaa kului pitkiin palavereihin, joissa samat asiat käsiteltiin moneen kertaan. Tavoitteena oli vapauttaa aikaa oppilaiden kohtaamiseen.',
      'Työyhteisö sopi palaverien rakenteesta, esityslistan jakamisesta ennakkoon ja päätösten kirjaamisesta heti kokouksessa.',
    ],
    results: [
      'Palavereihin kului kuukaudessa {v0} tuntia, kun ennen aikaa meni {b0} tuntia. Kokouskäytäntöihin tyytyväisten osuus nousi {b1} %:sta {v1} %:iin.',
      'Palaveriaika lyheni {p0} %, ja päätökset löytyvät nyt yhdestä paikasta.',
    ],
    metrics: [
      { name: 'Palavereihin kuluva aika', unit: 'h/kk', base: [10, 18], change: [-0.45, -0.25] },
      { name: 'Kokouskäytäntöihin tyytyväiset', unit: '%', base: [35, 55], change: [0.3, 0.7] },
    ],
    themes: ['tuottavuus', 'työhyvinvointi', 'johtaminen'],
  },
  // ------------------------------------------------------------------ technical services
  {
    lang: 'fi',
    sector: 'technical',
    units: ['kunnossapito', 'kuntatekniikka', 'katu- ja viheralueet'],
    titles: ['Vikailmoitukset karttapalvelun kautta suoraan asentajalle', 'Asukkaat ilmoittavat viat kartalla {in}', 'Katuvalojen korjausaika lyheni'],
    aims: [
      'Vikailmoitukset tulivat puhelimella eri numeroihin, ja sijaintitiedot olivat puutteellisia. Tavoitteena oli nopeampi korjaus ja vähemmän päällekkäisiä ilmoituksia.',
      'Asentajat ehdottivat, että asukkaat merkitsevät viat kartalle ja ilmoitus muuttuu suoraan työtilaukseksi.',
    ],
    results: [
      'Vikojen korjausaika lyheni {b0} vuorokaudesta {v0} vuorokauteen, ja puhelinyhteydenotot vähenivät {b1} kappaleesta {v1} kappaleeseen kuukaudessa.',
      'Korjausaika lyheni {p0} %, eikä samaa vikaa enää ilmoiteta moneen kertaan.',
    ],
    plain: ['Viat korjataan nopeammin, eikä samaa vikaa enää ilmoiteta moneen kertaan.'],
    metrics: [
      { name: 'Vian korjausaika', unit: 'vrk', base: [8, 15], change: [-0.65, -0.4], decimals: 1 },
      { name: 'Puhelinyhteydenotot', unit: 'kpl/kk', base: [90, 180], change: [-0.6, -0.35] },
    ],
    themes: ['digitalisaatio', 'asiakaskokemus'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'technical',
    units: ['kuntatekniikka', 'talvikunnossapito', 'katujen kunnossapito'],
    titles: ['Talvikunnossapidon reitit GPS-datan avulla', 'Aurausreitit uusiksi {in}', 'Vähemmän tyhjiä ajokilometrejä talvikunnossapidossa'],
    aims: [
      'Aura-autot ajoivat paljon tyhjää, ja asukaspalautetta tuli samoista kaduista talvesta toiseen. Tavoitteena oli sama laatutaso pienemmillä ajokilometreillä.',
      'Kuljettajat kävivät GPS-tiedot läpi yhdessä työnjohdon kanssa ja suunnittelivat reitit uudelleen.',
    ],
    results: [
      'Ajokilometrit aurauskertaa kohden vähenivät {b0} kilometristä {v0} kilometriin. Liukkaudesta tuli {p1} % vähemmän palautetta.',
      'Polttoainetta kului {p0} % vähemmän, ja palautteet liukkaudesta vähenivät {b1} kappaleesta {v1} kappaleeseen kuukaudessa.',
    ],
    metrics: [
      { name: 'Ajokilometrit aurauskertaa kohden', unit: 'km', base: [250, 380], change: [-0.18, -0.08] },
      { name: 'Palautteet liukkaudesta', unit: 'kpl/kk', base: [60, 120], change: [-0.35, -0.15] },
    ],
    themes: ['ympäristö', 'tuottavuus', 'digitalisaatio'],
  },
  {
    lang: 'fi',
    sector: 'technical',
    units: ['tilapalvelut', 'kiinteistöhuolto', 'rakennuttaminen'],
    titles: ['Koulukiinteistöjen energiankulutus kuriin etäluennalla', 'Energiansäästöviikot ja oikeat lämpötilat {in}', 'Kiinteistönhoitajien ideat pienensivät energialaskua'],
    aims: [
      'Kiinteistöjen lämmitys ja ilmanvaihto kävivät täysillä myös iltaisin ja viikonloppuisin. Tavoitteena oli vähentää energiankulutusta ilman, että sisäilma kärsii.',
      'Kiinteistönhoitajat ehdottivat etäluettavia mittareita ja käyttöaikojen tarkistamista yhdessä käyttäjien kanssa.',
    ],
    results: [
      'Lämpöenergian kulutus laski {b0} megawattitunnista {v0} megawattituntiin vuodessa. Sähkönkulutus väheni {p1} %.',
      'Energiankulutus väheni {p0} %, ja säästöt ohjataan kiinteistöjen korjauksiin.',
    ],
    plain: ['Käyttöajat on nyt sovitettu todelliseen käyttöön, ja kulutusta seurataan kuukausittain.'],
    metrics: [
      { name: 'Lämpöenergian kulutus', unit: 'MWh/v', base: [1800, 4200], change: [-0.15, -0.06], round: 10 },
      { name: 'Sähkönkulutus', unit: 'MWh/v', base: [600, 1500], change: [-0.14, -0.05], round: 10 },
    ],
    themes: ['ympäristö', 'tuottavuus'],
  },
  {
    lang: 'fi',
    sector: 'technical',
    units: ['rakennusvalvonta', 'lupapalvelut'],
    titles: ['Rakennuslupien ennakkoneuvonta etäajanvarauksella', 'Lupahakemukset kerralla kuntoon {in}', 'Rakennusvalvonnan neuvonta siirtyi verkkoon'],
    aims: [
      'Lähes puolet rakennuslupahakemuksista palautui täydennettäväksi, ja käsittely venyi. Tavoitteena oli saada hakemukset kerralla kuntoon.',
      'Tarkastajat ehdottivat 20 minuutin etäneuvontaa ennen hakemuksen jättämistä.',
    ],
    results: [
      'Täydennettäväksi palautuneiden hakemusten osuus laski {b0} %:sta {v0} %:iin, ja käsittelyaika lyheni {b1} vuorokaudesta {v1} vuorokauteen.',
      'Hakemuksia palautui täydennettäväksi {p0} % vähemmän, ja asiakkaat antoivat neuvonnalle kiitettävän arvion.',
    ],
    metrics: [
      { name: 'Täydennettäväksi palautuneet hakemukset', unit: '%', base: [38, 52], change: [-0.5, -0.28] },
      { name: 'Luvan käsittelyaika', unit: 'vrk', base: [35, 70], change: [-0.35, -0.15] },
    ],
    themes: ['asiakaskokemus', 'prosessit', 'digitalisaatio'],
    only: ['municipality'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'technical',
    units: ['kuntatekniikka', 'rakentaminen', 'vesihuolto'],
    titles: ['Turvallisuuskävelyt työmaille', 'Aamupalaveri ja turvallisuusvartti {in}', 'Vaaratilanteista tuli puheenaihe'],
    aims: [
      'Työmailla sattui vuosittain useita tapaturmia, ja vaaratilanteita ilmoitettiin harvoin. Tavoitteena oli tehdä turvallisuudesta jokapäiväinen puheenaihe.',
      'Työnjohto ja asentajat sopivat viikoittaisista turvallisuuskävelyistä ja vaaratilanneilmoitusten käsittelystä aamupalaverissa.',
    ],
    results: [
      'Tapaturmat vähenivät {b0} tapauksesta {v0} tapaukseen vuodessa, ja vaaratilanneilmoituksia tehtiin {v1}, kun edellisenä vuonna niitä tehtiin {b1}.',
      'Tapaturmia sattui {p0} % vähemmän, ja työntekijät ilmoittavat nyt vaaratilanteista aktiivisesti.',
    ],
    plain: ['Turvallisuudesta puhutaan nyt joka aamu, ja vaaratilanteista ilmoitetaan aktiivisesti.'],
    metrics: [
      { name: 'Työtapaturmat', unit: 'kpl/v', base: [7, 16], change: [-0.6, -0.3] },
      { name: 'Vaaratilanneilmoitukset', unit: 'kpl/v', base: [10, 25], change: [1.0, 2.5] },
    ],
    themes: ['turvallisuus', 'työhyvinvointi', 'johtaminen'],
  },
  {
    lang: 'fi',
    sector: 'technical',
    units: ['jätehuolto', 'kuntatekniikka', 'ympäristöpalvelut'],
    titles: ['Täyttöasteanturit puistojen roska-astioihin', 'Roska-astiat tyhjennetään tarpeen mukaan {in}', 'Turhat tyhjennyskäynnit pois'],
    aims: [
      'Puistojen ja torien roska-astiat tyhjennettiin kiinteän aikataulun mukaan, olivat ne täynnä tai eivät. Tavoitteena oli vähentää turhia käyntejä ja ylitäyttyneitä astioita.',
      'Työntekijöiden ehdotuksesta kokeiltiin antureita, jotka kertovat astian täyttöasteen.',
    ],
    results: [
      'Tyhjennyskäynnit vähenivät {b0} kappaleesta {v0} kappaleeseen kuukaudessa, eikä ylitäyttyneistä astioista tullut enää palautetta.',
      'Turhia tyhjennyskäyntejä tehtiin {p0} % vähemmän, ja vapautunut aika käytetään puistojen hoitoon.',
    ],
    metrics: [{ name: 'Tyhjennyskäynnit', unit: 'kpl/kk', base: [400, 900], change: [-0.4, -0.2], round: 10 }],
    themes: ['ympäristö', 'digitalisaatio', 'tuottavuus'],
  },
  {
    lang: 'fi',
    sector: 'technical',
    units: ['viheralueet', 'puistopalvelut', 'kaupunkiympäristö'],
    titles: ['Nurmikoista niityiksi', 'Osa puistoista niityksi {in}', 'Monimuotoisuutta viheralueille'],
    aims: [
      'Laajoja nurmialueita niitettiin tiheästi, vaikka niillä ei juuri oleskeltu. Tavoitteena oli lisätä luonnon monimuotoisuutta ja vähentää niittotyötä.',
      'Puistotyöntekijät ehdottivat, että vähällä käytöllä olevat alueet muutetaan niityiksi yhdessä asukkaiden kanssa.',
    ],
    results: [
      'Tiheästi niitettävä pinta-ala pieneni {b0} hehtaarista {v0} hehtaariin, ja niittoon kuluva työaika väheni {p1} %.',
      'Niittotyötä tarvitaan {p1} % vähemmän, ja asukkaat ovat ottaneet niityt hyvin vastaan.',
    ],
    plain: ['Niityt ovat kukkineet jo kaksi kesää, ja asukkaat ovat ottaneet ne hyvin vastaan.'],
    metrics: [
      { name: 'Tiheästi niitettävä pinta-ala', unit: 'ha', base: [80, 220], change: [-0.3, -0.12] },
      { name: 'Niittoon kuluva työaika', unit: 'h/v', base: [3000, 6000], change: [-0.3, -0.12], round: 50 },
    ],
    themes: ['ympäristö', 'osallisuus'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'technical',
    units: ['kaupunkiympäristö', 'asiakaspalvelu', 'kuntatekniikka'],
    titles: ['Asukaspalautteet yhteen jonoon', 'Palautteisiin vastataan viikossa {in}', 'Kaupunkiympäristön palautteenkäsittely uudistui'],
    aims: [
      'Asukaspalautteet tulivat sähköpostiin, puhelimeen ja sosiaaliseen mediaan, eikä kukaan tiennyt, kuka vastaa. Tavoitteena oli vastata jokaiseen palautteeseen viikon kuluessa.',
      'Työntekijät kokosivat palautekanavat yhteen järjestelmään ja sopivat vastuista viikkovuoroin.',
    ],
    results: [
      'Palautteisiin vastattiin keskimäärin {v0} vuorokaudessa, kun ennen vastaus kesti {b0} vuorokautta. Viikon sisällä vastattujen osuus nousi {b1} %:sta {v1} %:iin.',
      'Vastausaika lyheni {p0} %, ja asukkaat saavat tiedon myös siitä, milloin asia korjataan.',
    ],
    metrics: [
      { name: 'Vastausaika', unit: 'vrk', base: [12, 25], change: [-0.75, -0.45] },
      { name: 'Viikossa vastatut', unit: '%', base: [30, 50], change: [0.6, 1.0] },
    ],
    themes: ['asiakaskokemus', 'viestintä', 'prosessit'],
    only: ['municipality'],
    customers: true,
  },
  // ------------------------------------------------------------------ business and support services
  {
    lang: 'fi',
    sector: 'business-and-support',
    units: ['taloushallinto', 'talous- ja henkilöstöpalvelut', 'hankinnat'],
    titles: ['Ostolaskujen kierto nopeutui automaattisilla muistutuksilla', 'Ostolaskut maksetaan ajallaan', 'Viivästyskorot pois laskujen käsittelystä'],
    aims: [
      'Ostolaskut jäivät hyväksyjien jonoon, ja viivästyskorkoja kertyi vuosittain. Tavoitteena oli, että jokainen lasku maksetaan ajallaan.',
      'Taloussihteerit ehdottivat automaattisia muistutuksia ja varahyväksyjiä lomien ajaksi.',
    ],
    results: [
      'Laskujen keskimääräinen käsittelyaika lyheni {b0} vuorokaudesta {v0} vuorokauteen, ja viivästyskorot pienenivät {b1} eurosta {v1} euroon vuodessa.',
      'Käsittelyaika lyheni {p0} %, ja viivästyskorkoja maksettiin {p1} % vähemmän.',
    ],
    metrics: [
      { name: 'Laskun käsittelyaika', unit: 'vrk', base: [9, 16], change: [-0.5, -0.3], decimals: 1 },
      { name: 'Viivästyskorot', unit: '€/v', base: [5000, 14000], change: [-0.8, -0.5], round: 100 },
    ],
    themes: ['tuottavuus', 'digitalisaatio', 'prosessit'],
  },
  {
    lang: 'fi',
    sector: 'business-and-support',
    units: ['henkilöstöpalvelut', 'rekrytointi'],
    titles: ['Rekrytointiaika puolittui', 'Nopeampi ja reilumpi rekrytointi', 'Hakijakokemus paremmaksi ja rekrytointiaika lyhyemmäksi'],
    aims: [
      'Rekrytointi kesti kuukausia, ja parhaat hakijat ehtivät ottaa toisen työpaikan vastaan. Tavoitteena oli lyhentää rekrytointiaikaa ja parantaa hakijakokemusta.',
      'Henkilöstöpalvelut ja esihenkilöt kuvasivat prosessin yhdessä ja poistivat siitä turhat vaiheet.',
    ],
    results: [
      'Rekrytointiaika lyheni {b0} vuorokaudesta {v0} vuorokauteen. Hakijakokemuksen arvio oli ennen {b1} ja nyt {v1} asteikolla 1–5.',
      'Rekrytoinnit valmistuvat {p0} % nopeammin, ja jokainen hakija saa tiedon valinnasta.',
    ],
    metrics: [
      { name: 'Rekrytointiaika', unit: 'vrk', base: [45, 75], change: [-0.45, -0.25] },
      { name: 'Hakijakokemus', unit: 'ka 1–5', base: [3.2, 3.7], change: [0.08, 0.18], decimals: 1 },
    ],
    themes: ['johtaminen', 'prosessit', 'tuottavuus'],
  },
  {
    lang: 'fi',
    sector: 'business-and-support',
    units: ['henkilöstöpalvelut', 'henkilöstö- ja talouspalvelut', 'työhyvinvointipalvelut'],
    titles: ['Perehdytyksen muistilista ja kummi jokaiselle uudelle', 'Kummimalli uusien työntekijöiden tueksi', 'Perehdytys samalle tasolle kaikissa yksiköissä'],
    aims: [
      'Perehdytys vaihteli yksiköittäin, ja uudet työntekijät joutuivat etsimään perustiedot itse. Tavoitteena oli yhtenäinen ja lämmin vastaanotto jokaiselle.',
      'Henkilöstö laati yhdessä muistilistan, ja jokaiselle uudelle työntekijälle nimetään kummi ensimmäisiksi kuukausiksi.',
    ],
    results: [
      'Perehdytykseen tyytyväisten osuus nousi {b0} %:sta {v0} %:iin. Ensimmäisen vuoden aikana lähteneitä oli {p1} % vähemmän.',
      'Perehdytykseen tyytyväisiä on nyt {v0} % uusista työntekijöistä, ja kummeja on lähes jokaisessa yksikössä.',
    ],
    plain: ['Uudet työntekijät kokevat pääsevänsä nopeammin työhön kiinni, ja kummeja on nyt lähes jokaisessa yksikössä.'],
    metrics: [
      { name: 'Perehdytykseen tyytyväiset', unit: '%', base: [58, 70], change: [0.18, 0.35] },
      { name: 'Ensimmäisen vuoden aikana lähteneet', unit: '%', base: [10, 18], change: [-0.4, -0.2], decimals: 1 },
    ],
    themes: ['työhyvinvointi', 'osaaminen', 'johtaminen'],
  },
  {
    lang: 'fi',
    sector: 'business-and-support',
    units: ['asiakaspalvelu', 'palvelupiste', 'yhteispalvelupiste'],
    titles: ['Ajanvaraus palvelupisteeseen', 'Ei enää jonotusta palvelupisteessä {in}', 'Asiointi sujuu ajanvarauksella ja chatissa'],
    aims: [
      'Palvelupisteen jonot venyivät ruuhkapäivinä tunteihin. Tavoitteena oli, että asiakas tietää etukäteen, milloin pääsee asioimaan.',
      'Asiakaspalvelijat ehdottivat ajanvarausta vaativiin asioihin ja chattia yksinkertaisiin kysymyksiin.',
    ],
    results: [
      'Keskimääräinen jonotusaika lyheni {b0} minuutista {v0} minuuttiin, ja asiakastyytyväisyys oli ennen {b1} ja nyt {v1} asteikolla 1–5.',
      'Jonotus lyheni {p0} %, ja yhä useampi asia hoituu ilman käyntiä.',
    ],
    plain: ['Jonot ovat lyhentyneet, ja yhä useampi asia hoituu ilman käyntiä.'],
    metrics: [
      { name: 'Jonotusaika', unit: 'min', base: [25, 55], change: [-0.75, -0.45] },
      { name: 'Asiakastyytyväisyys', unit: 'ka 1–5', base: [3.3, 3.8], change: [0.06, 0.15], decimals: 1 },
    ],
    themes: ['asiakaskokemus', 'digitalisaatio'],
    only: ['municipality', 'county', 'joint-authority'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'business-and-support',
    units: ['viestintä', 'hallintopalvelut', 'asiakaspalvelu'],
    titles: ['Päätöskirjeet selkeälle kielelle', 'Selkeä virkakieli käyttöön', 'Asiakaskirjeet uudistettiin yhdessä asiakkaiden kanssa'],
    aims: [
      'Asiakkaat soittivat usein kysyäkseen, mitä päätöksessä oikeastaan lukee. Tavoitteena oli kirjoittaa päätökset niin, että ne ymmärtää kerralla.',
      'Työntekijät kävivät selkeän virkakielen koulutuksen ja uudistivat yleisimmät kirjepohjat asiakasraadin kanssa.',
    ],
    results: [
      'Päätösten tulkintaa koskevat yhteydenotot vähenivät {b0} kappaleesta {v0} kappaleeseen kuukaudessa. Uudistettuja kirjepohjia on nyt {v1}.',
      'Yhteydenottoja tulee {p0} % vähemmän, ja asiakkaat kertovat ymmärtävänsä päätökset paremmin.',
    ],
    metrics: [
      { name: 'Tulkintaa koskevat yhteydenotot', unit: 'kpl/kk', base: [70, 160], change: [-0.55, -0.3] },
      { name: 'Uudistetut kirjepohjat', unit: 'kpl', base: [15, 60], noBaseline: true },
    ],
    themes: ['viestintä', 'saavutettavuus', 'asiakaskokemus'],
    only: ['municipality', 'county', 'joint-authority'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'business-and-support',
    units: ['viestintä', 'digipalvelut', 'verkkoviestintä'],
    titles: ['Verkkosivut saavutettaviksi', 'Saavutettavuuskorjaukset koko verkkopalveluun', 'Verkkopalvelu kaikille'],
    aims: [
      'Saavutettavuusarvioinnissa verkkosivuilta löytyi satoja virheitä, ja osa asukkaista ei pystynyt asioimaan verkossa. Tavoitteena oli täyttää saavutettavuusvaatimukset ja palvella kaikkia.',
      'Sisällöntuottajat koulutettiin, ja virheet korjattiin yhdessä käyttäjätestaajien kanssa.',
    ],
    results: [
      'Automaattisessa arvioinnissa löytyneet virheet vähenivät {b0} kappaleesta {v0} kappaleeseen. Saavutettavuusseloste päivitettiin.',
      'Saavutettavuusvirheitä on {p0} % vähemmän, ja käyttäjätestaajat arvioivat asioinnin sujuvaksi.',
    ],
    metrics: [{ name: 'Saavutettavuusvirheet', unit: 'kpl', base: [140, 300], change: [-0.9, -0.65] }],
    themes: ['saavutettavuus', 'digitalisaatio', 'viestintä'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'business-and-support',
    units: ['henkilöstöpalvelut', 'palkkahallinto'],
    titles: ['Palkkakartoitus ja tasa-arvo-ohjelma', 'Samapalkkaisuus tarkasteluun', 'Tasa-arvosuunnitelma laadittiin henkilöstön kanssa'],
    aims: [
      'Tasa-arvosuunnitelma oli vanhentunut, eikä palkkaeroja ollut tarkasteltu tehtävittäin. Tavoitteena oli tunnistaa ja korjata perusteettomat erot.',
      'Henkilöstön edustajat ja johto kävivät palkkakartoituksen yhdessä läpi ja sopivat korjaavista toimista.',
    ],
    results: [
      'Naisten ja miesten keskimääräinen palkkaero samanarvoisissa tehtävissä kaventui {b0} prosentista {v0} prosenttiin. Tasa-arvokyselyyn vastasi {v1} % henkilöstöstä.',
      'Palkkaero kaventui {p0} %, ja tasa-arvosuunnitelma on nyt osa vuosittaista henkilöstöraporttia.',
    ],
    metrics: [
      { name: 'Palkkaero samanarvoisissa tehtävissä', unit: '%', base: [3, 8], change: [-0.6, -0.3], decimals: 1 },
      { name: 'Kyselyn vastausaktiivisuus', unit: '%', base: [45, 70], noBaseline: true },
    ],
    themes: ['tasa-arvo', 'johtaminen'],
  },
  {
    lang: 'fi',
    sector: 'business-and-support',
    units: ['ICT-palvelut', 'tietohallinto'],
    titles: ['Salasanan vaihto itsepalveluksi', 'ICT-tuen chat ja itsepalvelu', 'Tukipyynnöt vähenivät ohjeita parantamalla'],
    aims: [
      'Suuri osa tukipyynnöistä koski salasanoja ja samoja perusasioita. Tavoitteena oli vapauttaa tukihenkilöiden aikaa vaativampiin tehtäviin.',
      'Tukihenkilöt kirjoittivat yleisimmät ohjeet uudelleen ja ottivat käyttöön salasanan vaihdon itsepalveluna.',
    ],
    results: [
      'Tukipyyntöjä tuli kuukaudessa {v0}, kun ennen niitä tuli {b0}. Ratkaisuaika lyheni {b1} tunnista {v1} tuntiin.',
      'Tukipyynnöt vähenivät {p0} %, ja työntekijät pääsevät jatkamaan työtään nopeammin.',
    ],
    metrics: [
      { name: 'Tukipyynnöt', unit: 'kpl/kk', base: [900, 1800], change: [-0.4, -0.2], round: 10 },
      { name: 'Ratkaisuaika', unit: 'h', base: [10, 30], change: [-0.5, -0.25] },
    ],
    themes: ['digitalisaatio', 'tuottavuus'],
  },
  {
    lang: 'fi',
    sector: 'business-and-support',
    units: ['viestintä', 'hallinto'],
    titles: ['Viikkotiedote koko henkilöstölle', 'Kenttätyöntekijät tiedon piiriin tekstiviestillä', 'Sisäinen viestintä yhteen kanavaan'],
    aims: [
      'Moni työntekijä kuuli muutoksista ensin paikallislehdestä. Tavoitteena oli, että jokainen saa tärkeät tiedot ajoissa työpisteestä riippumatta.',
      'Viestintä kokosi ajankohtaiset asiat viikkotiedotteeksi, joka lähetetään kenttätyöntekijöille myös tekstiviestinä.',
    ],
    results: [
      'Tiedon ajoissa saavien osuus nousi henkilöstökyselyssä {b0} %:sta {v0} %:iin.',
      'Henkilöstökyselyssä sisäisen viestinnän arvio oli ennen {b1} ja nyt {v1} asteikolla 1–5.',
    ],
    metrics: [
      { name: 'Tieto ajoissa', unit: '%', base: [38, 55], change: [0.3, 0.6] },
      { name: 'Sisäinen viestintä', unit: 'ka 1–5', base: [2.7, 3.2], change: [0.12, 0.3], decimals: 1 },
    ],
    themes: ['viestintä', 'työhyvinvointi'],
  },
  // ------------------------------------------------------------------ culture and leisure
  {
    lang: 'fi',
    sector: 'culture-and-leisure',
    units: ['kirjasto', 'kirjastopalvelut', 'lähikirjasto'],
    titles: ['Omatoimikirjasto auki myös sunnuntaisin', 'Lähikirjasto omatoimiseksi {in}', 'Kirjasto auki silloin, kun asukkailla on aikaa'],
    aims: [
      'Kirjasto oli kiinni juuri silloin, kun moni työssäkäyvä ja opiskelija olisi ehtinyt käydä. Tavoitteena oli pidentää aukioloa ilman lisähenkilöstöä.',
      'Kirjaston henkilökunta ehdotti omatoimiaikaa iltoihin ja viikonloppuihin kulunvalvonnan turvin.',
    ],
    results: [
      'Käyntikerrat lisääntyivät {b0} käynnistä {v0} käyntiin viikossa, eikä järjestyshäiriöitä juuri ollut.',
      'Kävijöitä oli {p0} % enemmän, ja kirjasto on nyt avoinna {v1} tuntia viikossa.',
    ],
    plain: ['Omatoimiaika on vakiintunut, ja kirjasto tavoittaa nyt myös uusia kävijöitä.'],
    metrics: [
      { name: 'Käyntikerrat', unit: 'kpl/viikko', base: [900, 2600], change: [0.12, 0.3], round: 10 },
      { name: 'Aukiolotunnit', unit: 'h/viikko', base: [40, 55], change: [0.4, 0.9] },
    ],
    themes: ['asiakaskokemus', 'saavutettavuus'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'culture-and-leisure',
    units: ['liikuntapalvelut', 'liikuntaneuvonta'],
    titles: ['Liikuntaneuvonta ikäihmisten lähelle', 'Tuolijumppa ja kuntosaliryhmät ikäihmisille {in}', 'Ikäihmiset liikkeelle vertaisohjaajien avulla'],
    aims: [
      'Moni ikäihminen ei löytänyt liikuntaryhmiin, vaikka lihaskunto heikkeni. Tavoitteena oli tuoda liikunta lähelle ja madaltaa osallistumisen kynnystä.',
      'Liikunnanohjaajat kouluttivat vertaisohjaajia ja aloittivat ryhmät asukastuvissa.',
    ],
    results: [
      'Ryhmiin osallistui kuukaudessa {v0} ikäihmistä, kun ennen osallistujia oli {b0}. Tasapainotestin tulokset paranivat {p1} %.',
      'Osallistujamäärä kasvoi {p0} %, ja jo toinen ryhmä vertaisohjaajia on koulutettu.',
    ],
    metrics: [
      { name: 'Osallistujat', unit: 'kpl/kk', base: [120, 300], change: [0.3, 0.8] },
      { name: 'Tasapainotestin tulos', unit: 'pistettä', base: [40, 48], change: [0.05, 0.12] },
    ],
    themes: ['osallisuus', 'saavutettavuus', 'asiakaskokemus'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'culture-and-leisure',
    units: ['uimahalli', 'liikuntapalvelut', 'liikuntakeskus'],
    titles: ['Uimahallin asiakaspalaute QR-koodilla', 'Palaute suoraan vuorovastaavalle {in}', 'Nopeampi reagointi asiakaspalautteeseen liikuntapaikoilla'],
    aims: [
      'Palautelomake oli vain verkkosivuilla, ja palaute tuli perille viikkojen viiveellä. Tavoitteena oli korjata asiat samana päivänä.',
      'Henkilökunnan ideana oli QR-koodi pukuhuoneisiin ja kahvioon sekä palautteiden läpikäynti vuoronvaihdossa.',
    ],
    results: [
      'Palautteita tuli kuukaudessa {v0}, kun aiemmin niitä tuli {b0}. Asiakastyytyväisyys oli ennen {b1} ja nyt {v1} asteikolla 1–5.',
      'Palautteiden määrä kasvoi {p0} %, ja suurin osa korjattavista asioista hoidetaan nyt saman päivän aikana.',
    ],
    metrics: [
      { name: 'Palautteet', unit: 'kpl/kk', base: [15, 40], change: [1.5, 3.5] },
      { name: 'Asiakastyytyväisyys', unit: 'ka 1–5', base: [3.4, 3.9], change: [0.05, 0.12], decimals: 1 },
    ],
    themes: ['asiakaskokemus', 'digitalisaatio'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'culture-and-leisure',
    units: ['nuorisopalvelut', 'nuorisotalo'],
    titles: ['Nuoret suunnittelevat nuorisotilan illat itse', 'Nuorisotalon ohjelma nuorten käsissä {in}', 'Nuorten raati nuorisotilan kehittäjänä'],
    aims: [
      'Nuorisotalon kävijämäärät olivat laskeneet, eikä ohjelma vastannut nuorten toiveita. Tavoitteena oli tehdä nuorista tilan omistajia.',
      'Nuoriso-ohjaajat perustivat nuorten raadin, joka päättää joka kuukausi kahden illan ohjelmasta.',
    ],
    results: [
      'Kävijämäärä kasvoi {b0} kävijästä {v0} kävijään viikossa. Raati suunnitteli vuoden aikana {v1} iltaa.',
      'Kävijöitä on {p0} % enemmän, ja taloon on löytänyt myös uusia nuoria.',
    ],
    plain: ['Taloon on löytänyt uusia nuoria, ja raati on jo suunnitellut kesän ohjelman.'],
    metrics: [
      { name: 'Kävijät', unit: 'kpl/viikko', base: [60, 140], change: [0.25, 0.6] },
      { name: 'Nuorten suunnittelemat illat', unit: 'kpl/v', base: [15, 30], noBaseline: true },
    ],
    themes: ['osallisuus', 'tasa-arvo'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'culture-and-leisure',
    units: ['museo', 'kulttuuripalvelut', 'taidemuseo'],
    titles: ['Museon opastukset selkokielellä ja viittomakielellä', 'Esteetön museokäynti {in}', 'Saavutettavuuskartoitus ja uudet opastukset museoon'],
    aims: [
      'Museon näyttelyt ja opastukset eivät tavoittaneet kaikkia: esteitä oli sekä tiloissa että kielessä. Tavoitteena oli, että jokainen voi nauttia näyttelyistä.',
      'Henkilökunta teki saavutettavuuskartoituksen yhdessä vammaisneuvoston kanssa ja kokeili selkokielisiä opastuksia.',
    ],
    results: [
      'Saavutettaviin opastuksiin osallistui vuodessa {v0} kävijää, kun aiemmin heitä oli {b0}. Kävijätyytyväisyys oli ennen {b1} ja nyt {v1} asteikolla 1–5.',
      'Saavutettavien opastusten kävijämäärä kasvoi {p0} %, ja museo on tavoittanut uusia kävijäryhmiä.',
    ],
    metrics: [
      { name: 'Saavutettavien opastusten kävijät', unit: 'kpl/v', base: [200, 600], change: [0.5, 1.5], round: 10 },
      { name: 'Kävijätyytyväisyys', unit: 'ka 1–5', base: [3.6, 4.1], change: [0.04, 0.1], decimals: 1 },
    ],
    themes: ['saavutettavuus', 'tasa-arvo', 'asiakaskokemus'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'culture-and-leisure',
    units: ['liikuntapalvelut', 'vapaa-aikapalvelut'],
    titles: ['Liikuntavuorojen varaus verkkoon', 'Tyhjät salivuorot käyttöön {in}', 'Salivuorojen jako avoimeksi ja reiluksi'],
    aims: [
      'Salivuorot jaettiin kerran vuodessa paperihakemuksilla, ja moni vuoro jäi käyttämättä. Tavoitteena oli saada tilat tehokkaaseen käyttöön ja jakaa vuorot avoimesti.',
      'Liikuntasihteerit ehdottivat sähköistä varausjärjestelmää, jossa peruutetut vuorot vapautuvat heti muiden varattaviksi.',
    ],
    results: [
      'Salien käyttöaste nousi {b0} %:sta {v0} %:iin. Vuorojen käsittelyyn kului {p1} % vähemmän työaikaa.',
      'Käyttämättä jääneitä vuoroja on nyt selvästi vähemmän, ja käyttöaste on {v0} %.',
    ],
    metrics: [
      { name: 'Salien käyttöaste', unit: '%', base: [60, 74], change: [0.1, 0.25] },
      { name: 'Vuorojen käsittelyaika', unit: 'h/v', base: [300, 600], change: [-0.6, -0.35], round: 10 },
    ],
    themes: ['digitalisaatio', 'tasa-arvo', 'tuottavuus'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'culture-and-leisure',
    units: ['kirjasto', 'kirjastoauto'],
    titles: ['Kirjastoauto päiväkotien ja koulujen pihoille', 'Lukukassit päiväkoteihin {in}', 'Kirjasto jalkautuu lasten luo'],
    aims: [
      'Lasten lainausmäärät olivat laskussa, eikä moni perhe ehtinyt käydä kirjastossa. Tavoitteena oli viedä kirjat sinne, missä lapset ovat.',
      'Kirjastoauton reitit suunniteltiin uudelleen niin, että auto pysähtyy päiväsaikaan päiväkotien ja koulujen pihoilla.',
    ],
    results: ['Lasten ja nuorten lainat kasvoivat {b0} lainasta {v0} lainaan kuukaudessa.', 'Lainaus lisääntyi {p0} %, ja päiväkodit tilaavat lukukasseja säännöllisesti.'],
    plain: ['Päiväkodit tilaavat lukukasseja säännöllisesti, ja kirjastoauton pysäkeillä käy joka viikko satoja lapsia.'],
    metrics: [{ name: 'Lasten ja nuorten lainat', unit: 'kpl/kk', base: [1500, 4000], change: [0.12, 0.35], round: 10 }],
    themes: ['osaaminen', 'saavutettavuus'],
    customers: true,
  },
  // ------------------------------------------------------------------ food and cleaning services
  {
    lang: 'fi',
    sector: 'food-and-cleaning',
    units: ['ruokapalvelut', 'koulukeittiö', 'ruoka- ja puhtauspalvelut'],
    titles: ['Lautashävikki näkyväksi koulujen ruokaloissa', 'Lautashävikki kuriin {in}', 'Oppilaat kilpailevat hävikin vähentämisessä'],
    aims: [
      'Kouluruokaa päätyi roskiin paljon, eikä kukaan tiennyt tarkalleen kuinka paljon. Tavoitteena oli tehdä hävikki näkyväksi ja pienentää sitä.',
      'Keittiön henkilökunta punnitsee lautashävikin päivittäin, ja tulos näytetään oppilaille ruokalan näytöllä.',
    ],
    results: ['Lautashävikki pieneni {b0} grammasta {v0} grammaan ruokailijaa kohden.', 'Hävikki väheni {p0} %, ja säästyneellä rahalla hankittiin uudet salaattipöydät.'],
    plain: ['Oppilaat seuraavat hävikkiä innolla, ja punnitus on jäänyt pysyväksi käytännöksi.'],
    metrics: [{ name: 'Lautashävikki', unit: 'g/ruokailija', base: [18, 30], change: [-0.45, -0.2] }],
    themes: ['ympäristö', 'osallisuus', 'tuottavuus'],
    only: ['municipality', 'company'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'food-and-cleaning',
    units: ['ruokapalvelut', 'valmistuskeittiö', 'ravitsemuspalvelut'],
    titles: ['Valmistushävikin seuranta joka päivä', 'Ennakkoilmoittautuminen pienensi hävikkiä {in}', 'Ruokalista suunnitellaan menekkitietojen avulla'],
    aims: [
      'Ruokaa valmistettiin varmuuden vuoksi liikaa, ja ylijäämä päätyi biojätteeksi. Tavoitteena oli valmistaa oikea määrä.',
      'Kokit alkoivat kirjata menekin ja hävikin päivittäin ja suunnitella valmistusmäärät niiden perusteella.',
    ],
    results: [
      'Valmistushävikki väheni {b0} kilosta {v0} kiloon viikossa. Raaka-ainekustannukset pienenivät {p1} %.',
      'Hävikkiä syntyy {p0} % vähemmän, ja ylijäämäruokaa myydään edullisesti iltapäivisin.',
    ],
    metrics: [
      { name: 'Valmistushävikki', unit: 'kg/viikko', base: [90, 240], change: [-0.45, -0.2] },
      { name: 'Raaka-ainekustannukset', unit: '€/kk', base: [18000, 42000], change: [-0.1, -0.04], round: 100 },
    ],
    themes: ['ympäristö', 'tuottavuus'],
  },
  {
    lang: 'fi',
    sector: 'food-and-cleaning',
    units: ['puhtauspalvelut', 'siivouspalvelut', 'ruoka- ja puhtauspalvelut'],
    titles: ['Siivous käyttöasteen mukaan', 'Tarveperusteinen siivous {in}', 'Siivousvälit uusiksi tilojen käytön mukaan'],
    aims: [
      'Kaikki tilat siivottiin saman aikataulun mukaan, vaikka osa oli lähes tyhjillään. Tavoitteena oli kohdistaa siivous sinne, missä sitä tarvitaan.',
      'Laitoshuoltajat ehdottivat käyttöastetta mittaavia antureita ja siivousvälien sopimista käyttäjien kanssa.',
    ],
    results: [
      'Siivoukseen kuluva aika väheni {b0} tunnista {v0} tuntiin viikossa, ja käyttäjätyytyväisyys oli ennen {b1} ja nyt {v1} asteikolla 1–5.',
      'Siivoukseen kuluu {p0} % vähemmän aikaa, ja vapautunut aika on käytetty perusteellisempaan siivoukseen.',
    ],
    plain: ['Siivous kohdistuu nyt tarpeen mukaan, ja vapautunut aika on käytetty perusteellisempaan siivoukseen.'],
    metrics: [
      { name: 'Siivoukseen kuluva aika', unit: 'h/viikko', base: [160, 320], change: [-0.2, -0.08] },
      { name: 'Käyttäjätyytyväisyys', unit: 'ka 1–5', base: [3.4, 3.9], change: [0.03, 0.1], decimals: 1 },
    ],
    themes: ['tuottavuus', 'digitalisaatio'],
  },
  {
    lang: 'fi',
    sector: 'food-and-cleaning',
    units: ['ruokapalvelut', 'koulukeittiö'],
    titles: ['Kasvisruokapäivät oppilaiden makuraadin kanssa', 'Oppilaat mukaan ruokalistan suunnitteluun {in}', 'Kasvisruoan suosio kasvoi makuraadin avulla'],
    aims: [
      'Kasvisruoka jäi usein syömättä, ja ruokalistaan toivottiin vaihtelua. Tavoitteena oli lisätä kasvisruoan suosiota ja pienentää ruoan ilmastovaikutusta.',
      'Oppilaiden makuraati testasi uudet reseptit ennen kuin ne pääsivät ruokalistalle.',
    ],
    results: [
      'Kasvisruoan valinneiden osuus nousi {b0} %:sta {v0} %:iin. Ruokapalvelun hiilijalanjälki pieneni arviolta {p1} %.',
      'Uusista resepteistä kuusi vakiintui ruokalistalle, ja kasvisvaihtoehdon valitsee nyt {v0} % ruokailijoista.',
    ],
    metrics: [
      { name: 'Kasvisruoan valinneet', unit: '%', base: [10, 22], change: [0.5, 1.2] },
      { name: 'Hiilijalanjälki', unit: 't CO2e/v', base: [150, 400], change: [-0.15, -0.05] },
    ],
    themes: ['ympäristö', 'osallisuus'],
    only: ['municipality', 'company'],
    customers: true,
  },
  {
    lang: 'fi',
    sector: 'food-and-cleaning',
    units: ['puhtauspalvelut', 'laitoshuolto'],
    titles: ['Mikrokuitu ja vesi korvasivat pesuaineet', 'Kemikaalien käyttö puoleen {in}', 'Siivous ilman turhia kemikaaleja'],
    aims: [
      'Pesuaineita kului paljon, ja osa työntekijöistä sai ihooireita. Tavoitteena oli vähentää kemikaaleja ja parantaa työhyvinvointia.',
      'Laitoshuoltajat kokeilivat mikrokuitumenetelmää ja pelkkää vettä tavallisissa ylläpitosiivouksissa.',
    ],
    results: [
      'Pesuaineiden kulutus väheni {b0} litrasta {v0} litraan kuukaudessa, ja ihooireista ilmoittaneiden määrä väheni selvästi.',
      'Kemikaaleja kuluu {p0} % vähemmän, ja siivouksen laatu on pysynyt ennallaan.',
    ],
    metrics: [{ name: 'Pesuaineiden kulutus', unit: 'l/kk', base: [120, 320], change: [-0.6, -0.35] }],
    themes: ['ympäristö', 'työhyvinvointi'],
  },
  {
    lang: 'fi',
    sector: 'food-and-cleaning',
    units: ['ravitsemuspalvelut', 'sairaalakeittiö', 'ruokapalvelut'],
    titles: ['Osastojen ateriatilaukset reaaliaikaisiksi', 'Potilasateriat tilataan sähköisesti {in}', 'Oikea määrä ruokaa osastoille'],
    aims: [
      'Osastojen ateriatilaukset tehtiin edellisenä päivänä, ja ylimääräisiä annoksia jäi joka päivä. Tavoitteena oli, että tilaus vastaa potilasmäärää.',
      'Ravitsemuspalvelut ja osastot ottivat käyttöön sähköisen tilauksen, jota voi muuttaa vielä aamulla.',
    ],
    results: [
      'Ylijäävät annokset vähenivät {b0} annoksesta {v0} annokseen päivässä, ja erityisruokavaliot toteutuvat aiempaa paremmin.',
      'Ylijäämää syntyy {p0} % vähemmän, ja osastojen tyytyväisyys ateriapalveluun parani.',
    ],
    metrics: [{ name: 'Ylijäävät annokset', unit: 'kpl/pv', base: [40, 110], change: [-0.55, -0.3] }],
    themes: ['digitalisaatio', 'ympäristö', 'tuottavuus'],
    only: ['municipality', 'county', 'joint-authority'],
  },
  {
    lang: 'fi',
    sector: 'food-and-cleaning',
    units: ['puhtauspalvelut', 'ruokapalvelut', 'laitoshuolto'],
    titles: ['Työnkierto ja ergonomiavalmennus keventävät fyysistä työtä', 'Taukojumppa ja apuvälineet keittiöön {in}', 'Tuki- ja liikuntaelinoireet vähenivät työnkierrolla'],
    aims: [
      'Fyysisesti raskas työ näkyi tuki- ja liikuntaelinoireina ja sairauspoissaoloina. Tavoitteena oli keventää kuormitusta.',
      'Työntekijät suunnittelivat työnkierron ja kokeilivat apuvälineitä yhdessä työfysioterapeutin kanssa.',
    ],
    results: [
      'Sairauspoissaolot vähenivät {b0} päivästä {v0} päivään henkilötyövuotta kohden. Koettu kuormittavuus oli ennen {b1} ja nyt {v1} asteikolla 1–5.',
      'Poissaolot vähenivät {p0} %, ja työntekijät kokevat voivansa vaikuttaa työnsä kuormitukseen.',
    ],
    metrics: [
      { name: 'Sairauspoissaolot', unit: 'pv/htv', base: [18, 28], change: [-0.3, -0.12], decimals: 1 },
      { name: 'Koettu kuormittavuus', unit: 'ka 1–5', base: [3.6, 4.2], change: [-0.15, -0.06], decimals: 1 },
    ],
    themes: ['työhyvinvointi', 'johtaminen'],
  },
  // ------------------------------------------------------------------ the whole organisation
  {
    lang: 'fi',
    sector: 'whole-organisation',
    units: ['koko organisaatio', 'henkilöstöpalvelut', 'kehittämispalvelut'],
    titles: ['Muutosagenttimalli koko organisaation kehittämiseen', 'Muutosagentit ja pilottitiimit jatkuvan kehittämisen moottoriksi', 'Jatkuvan kehittämisen malli käyttöön'],
    aims: [
      'Henkilöstön ideat jäivät yksiköiden sisälle, eikä kukaan seurannut, mitä niille tapahtui. Tavoitteena oli pysyvä malli, jossa henkilöstö osallistuu kehittämiseen.',
      'Muutosagenttiryhmä loi mallin ja työkalut kehittämiselle, ja pilottitiimit kokeilivat parhaita ideoita kolmen kuukauden jaksoissa.',
    ],
    results: [
      'Henkilöstökyselyssä muutosjohtamisen arvio oli ennen {b0} ja nyt {v0} asteikolla 1–5. Ideoita kirjattiin vuodessa {v1}, kun edellisenä vuonna niitä oli {b1}.',
      'Muutosjohtamisen arvio parani {p0} %, ja ideoiden määrä kasvoi {p1} %.',
    ],
    metrics: [
      { name: 'Muutosjohtaminen', unit: 'ka 1–5', base: [2.7, 3.1], change: [0.12, 0.28], decimals: 1 },
      { name: 'Kirjatut ideat', unit: 'kpl/v', base: [30, 90], change: [1.0, 2.5] },
    ],
    themes: ['johtaminen', 'osallisuus', 'työhyvinvointi'],
  },
  {
    lang: 'fi',
    sector: 'whole-organisation',
    units: ['koko organisaatio', 'kehittämispalvelut'],
    titles: ['Ideakanava kaikille työntekijöille', 'Henkilöstön ideat yhteen paikkaan', 'Jokainen idea saa vastauksen'],
    aims: [
      'Ideoita syntyi, mutta ne hukkuivat sähköposteihin ja palaverimuistioihin. Tavoitteena oli, että jokainen idea käsitellään ja ideoija saa vastauksen.',
      'Käyttöön otettiin yhteinen ideakanava, jossa ideoita voi tukea ja kommentoida ja jossa käsittelyn vaiheet näkyvät kaikille.',
    ],
    results: [
      'Ideoita kirjattiin vuodessa {v0}, kun aiemmin niitä oli {b0}. Idean käsittelyaika lyheni {b1} vuorokaudesta {v1} vuorokauteen.',
      'Ideoiden määrä kasvoi {p0} %, ja niistä merkittävä osa on jo kokeiltu käytännössä.',
    ],
    metrics: [
      { name: 'Kirjatut ideat', unit: 'kpl/v', base: [25, 80], change: [1.2, 3.0] },
      { name: 'Idean käsittelyaika', unit: 'vrk', base: [60, 120], change: [-0.7, -0.4] },
    ],
    themes: ['osallisuus', 'digitalisaatio', 'johtaminen'],
  },
  {
    lang: 'fi',
    sector: 'whole-organisation',
    units: ['koko organisaatio', 'esihenkilötyö', 'henkilöstöpalvelut'],
    titles: ['Valmentava johtaminen esihenkilöpajoissa', 'Esihenkilöpajat muutosjohtamisen tueksi', 'Esihenkilöiden vertaismentorointi'],
    aims: [
      'Esihenkilöt kokivat jäävänsä yksin muutosten keskellä. Tavoitteena oli vahvistaa valmentavaa otetta ja vertaistukea.',
      'Esihenkilöt kokoontuivat kuukausittain pajoihin, joissa käsiteltiin omia tilanteita ja opittiin valmentavan johtamisen työkaluja.',
    ],
    results: [
      'Esihenkilötyön arvio henkilöstökyselyssä oli ennen {b0} ja nyt {v0} asteikolla 1–5. Pajoihin osallistui {v1} % esihenkilöistä.',
      'Esihenkilötyön arvio parani {p0} %, ja pajoista on tullut pysyvä käytäntö.',
    ],
    plain: ['Pajoista on tullut pysyvä käytäntö, ja esihenkilöt kertovat saavansa niistä tukea arkeen.'],
    metrics: [
      { name: 'Esihenkilötyön arvio', unit: 'ka 1–5', base: [3.3, 3.8], change: [0.06, 0.14], decimals: 1 },
      { name: 'Pajoihin osallistuneet esihenkilöt', unit: '%', base: [60, 90], noBaseline: true },
    ],
    themes: ['johtaminen', 'työhyvinvointi', 'osaaminen'],
  },
  {
    lang: 'fi',
    sector: 'whole-organisation',
    units: ['koko organisaatio', 'henkilöstöpalvelut'],
    titles: ['Monipaikkaisen työn pelisäännöt', 'Etätyön pelisäännöt laadittiin yhdessä', 'Hybridityön toimintamalli'],
    aims: [
      'Etätyö yleistyi nopeasti, ja käytännöt vaihtelivat yksiköittäin. Tavoitteena oli sopia yhdessä, miten työskennellään ja pidetään yhteyttä.',
      'Henkilöstö ja esihenkilöt laativat työpajoissa pelisäännöt tavoitettavuudesta, kokouksista ja yhteisistä toimistopäivistä.',
    ],
    results: [
      'Työhyvinvoinnin arvio oli ennen {b0} ja nyt {v0} asteikolla 1–5. Tilakustannukset pienenivät {p1} %, kun toimitiloja yhdistettiin.',
      'Työhyvinvoinnin arvio parani {p0} %, ja henkilöstö kokee työn ja muun elämän yhteensovituksen helpottuneen.',
    ],
    plain: ['Pelisäännöt ovat käytössä kaikissa yksiköissä, ja henkilöstö kokee työn ja muun elämän yhteensovituksen parantuneen.'],
    metrics: [
      { name: 'Työhyvinvointi', unit: 'ka 1–5', base: [3.4, 3.8], change: [0.04, 0.1], decimals: 1 },
      { name: 'Tilakustannukset', unit: '€/v', base: [400000, 1200000], change: [-0.15, -0.05], round: 1000 },
    ],
    themes: ['työhyvinvointi', 'johtaminen', 'ympäristö'],
  },
  {
    lang: 'fi',
    sector: 'whole-organisation',
    units: ['koko organisaatio', 'henkilöstöpalvelut'],
    titles: ['Kehityskeskustelut uudistettiin', 'Kehityskeskustelu digitaalisella alustalla', 'Tiimikeskustelut kehityskeskustelujen rinnalle'],
    aims: [
      'Kehityskeskustelut koettiin muodollisiksi, ja osa jäi kokonaan käymättä. Tavoitteena oli keskustelu, joka auttaa kehittymään ja tunnistamaan omat vahvuudet.',
      'Uudessa mallissa työntekijä valmistautuu keskusteluun digitaalisella alustalla, ja kirjoittamisen voi korvata kuvilla tai äänitteillä.',
    ],
    results: [
      'Kehityskeskustelun käyneiden osuus nousi {b0} %:sta {v0} %:iin, ja keskustelun hyödyllisyyden arvio oli ennen {b1} ja nyt {v1} asteikolla 1–5.',
      'Keskustelun käy nyt {v0} % henkilöstöstä, ja työntekijät kokevat keskustelut aiempaa hyödyllisemmiksi.',
    ],
    metrics: [
      { name: 'Kehityskeskustelun käyneet', unit: '%', base: [62, 80], change: [0.12, 0.3] },
      { name: 'Keskustelun hyödyllisyys', unit: 'ka 1–5', base: [3.0, 3.5], change: [0.1, 0.2], decimals: 1 },
    ],
    themes: ['johtaminen', 'osaaminen', 'digitalisaatio'],
  },
  {
    lang: 'fi',
    sector: 'whole-organisation',
    units: ['koko organisaatio', 'henkilöstöpalvelut'],
    titles: ['Yhdenvertaisuussuunnitelma henkilöstön kanssa', 'Tasa-arvo ja yhdenvertaisuus arjen teoiksi', 'Syrjimätön rekrytointi ja monimuotoinen työyhteisö'],
    aims: [
      'Henkilöstökyselyssä osa kertoi kokeneensa epäasiallista kohtelua, eikä yhdenvertaisuussuunnitelma ollut tuttu. Tavoitteena oli tehdä tasa-arvosta arjen käytäntö.',
      'Työryhmä, jossa oli henkilöstön edustajia kaikilta toimialoilta, laati konkreettiset toimet ja seurantamittarit.',
    ],
    results: [
      'Epäasiallista kohtelua kokeneiden osuus laski {b0} %:sta {v0} %:iin. Kaikissa rekrytoinneissa siirryttiin anonyymeihin hakemuksiin.',
      'Epäasiallisen kohtelun kokemukset vähenivät {p0} %, ja suunnitelman toimet käydään läpi vuosittain.',
    ],
    metrics: [{ name: 'Epäasiallista kohtelua kokeneet', unit: '%', base: [12, 20], change: [-0.4, -0.15], decimals: 1 }],
    themes: ['tasa-arvo', 'työhyvinvointi', 'johtaminen'],
  },
  {
    lang: 'fi',
    sector: 'whole-organisation',
    units: ['koko organisaatio', 'ympäristöpalvelut', 'kestävän kehityksen yksikkö'],
    titles: ['Ilmastotiekartta henkilöstön ideoista', 'Kohti hiilineutraaliutta arjen teoilla', 'Ilmastoteot jokaiselle työpaikalle'],
    aims: [
      'Ilmastotavoitteet olivat strategiassa, mutta arjessa niitä ei näkynyt. Tavoitteena oli tehdä jokaisesta työpaikasta osa ilmastotyötä.',
      'Henkilöstö keräsi ideoita energiansäästöön, työmatkoihin ja hankintoihin, ja parhaat niistä koottiin ilmastotiekartaksi.',
    ],
    results: [
      'Omat hiilidioksidipäästöt laskivat {b0} tonnista {v0} tonniin vuodessa. Työmatkapyöräilijöiden osuus kasvoi {p1} %.',
      'Päästöt vähenivät {p0} %, ja ilmastoteoista raportoidaan vuosittain valtuustolle.',
    ],
    metrics: [
      { name: 'Hiilidioksidipäästöt', unit: 't CO2e/v', base: [8000, 30000], change: [-0.12, -0.04], round: 100 },
      { name: 'Työmatkapyöräilijät', unit: '%', base: [12, 20], change: [0.15, 0.4] },
    ],
    themes: ['ympäristö', 'osallisuus'],
  },
  {
    lang: 'fi',
    sector: 'whole-organisation',
    units: ['koko organisaatio', 'työhyvinvointipalvelut', 'henkilöstöpalvelut'],
    titles: ['Varhaisen tuen malli käyttöön', 'Puheeksiotto ja työkykykoordinaattori', 'Työkyvyn tuki ajoissa'],
    aims: [
      'Sairauspoissaolot olivat kasvaneet, ja työkyvyn heikkenemiseen puututtiin usein liian myöhään. Tavoitteena oli ottaa asiat puheeksi ajoissa.',
      'Esihenkilöt koulutettiin puheeksiottoon, ja organisaatioon nimettiin työkykykoordinaattori.',
    ],
    results: [
      'Sairauspoissaolot vähenivät {b0} päivästä {v0} päivään henkilötyövuotta kohden. Varhaisen tuen keskusteluja käytiin vuodessa {v1}.',
      'Poissaolot vähenivät {p0} %, ja esihenkilöt kokevat puheeksioton aiempaa helpommaksi.',
    ],
    metrics: [
      { name: 'Sairauspoissaolot', unit: 'pv/htv', base: [14, 22], change: [-0.25, -0.1], decimals: 1 },
      { name: 'Varhaisen tuen keskustelut', unit: 'kpl/v', base: [40, 200], noBaseline: true },
    ],
    themes: ['työhyvinvointi', 'johtaminen'],
  },
  // ------------------------------------------------------------------ in Swedish (bilingual organisations)
  {
    lang: 'sv',
    sector: 'social-and-health',
    units: ['hemvården', 'hemvårdsteamet'],
    titles: ['Hemvårdens rutter planeras med optimeringsprogram', 'Mer tid hos klienten i hemvården {i}', 'Hemvården kör mindre och hinner mer'],
    aims: [
      'En stor del av arbetsdagen gick åt till bilkörning, och besöken blev stressade. Målet var att öka tiden hos klienten och minska körandet.',
      'Personalen föreslog att rutterna planeras med ett optimeringsprogram i stället för för hand varje morgon.',
    ],
    results: [
      'Andelen direkt klienttid steg från {b0} procent till {v0} procent, och körsträckan minskade med {p1} procent.',
      'Hemvården kör nu {v1} kilometer i veckan i stället för {b1}, och klienterna vet när vårdaren kommer.',
    ],
    plain: ['Vårdarna säger att dagarna har blivit lugnare, och klienterna vet nu när vårdaren kommer.'],
    metrics: [
      { name: 'Direkt klienttid', unit: '%', base: [44, 56], change: [0.1, 0.25] },
      { name: 'Körsträcka', unit: 'km/vecka', base: [800, 1400], change: [-0.22, -0.08], round: 10 },
    ],
    themes: ['digitalisaatio', 'tuottavuus', 'asiakaskokemus'],
    customers: true,
  },
  {
    lang: 'sv',
    sector: 'social-and-health',
    units: ['munhälsovården', 'tandkliniken'],
    titles: ['Sms-påminnelse minskade uteblivna tandvårdsbesök', 'Lediga tider i tandvården fylls snabbare {i}', 'Färre tomma stolar på tandkliniken'],
    aims: [
      'Var tionde tid blev oanvänd utan avbokning, och köerna växte. Målet var att fylla de lediga tiderna med patienter som väntar.',
      'Tandskötarna föreslog en påminnelse två dagar före besöket och en lista över patienter som kan komma med kort varsel.',
    ],
    results: [
      'Andelen uteblivna besök sjönk från {b0} procent till {v0} procent, och väntetiden förkortades med {p1} procent.',
      'Uteblivna besök minskade med {p0} procent, och de frigjorda tiderna används nu för patienter i kö.',
    ],
    metrics: [
      { name: 'Uteblivna besök', unit: '%', base: [6, 11], change: [-0.6, -0.35], decimals: 1 },
      { name: 'Väntetid till icke-brådskande vård', unit: 'dygn', base: [60, 140], change: [-0.35, -0.15] },
    ],
    themes: ['digitalisaatio', 'asiakaskokemus'],
    acute: true,
    customers: true,
  },
  {
    lang: 'sv',
    sector: 'social-and-health',
    units: ['bäddavdelningen', 'den medicinska avdelningen'],
    titles: ['Checklista för trygg utskrivning', 'Utskrivningen planeras redan vid inskrivningen {i}', 'Färre återbesök efter utskrivning'],
    aims: [
      'Patienter kom tillbaka till jouren kort efter utskrivningen eftersom mediciner eller hemvård inte var ordnade. Målet var att ingen skrivs ut med halvfärdiga arrangemang.',
      'Avdelningens skötare och hemvården kom överens om en gemensam checklista som gås igenom före varje utskrivning.',
    ],
    results: ['Återbesöken inom 30 dygn minskade från {b0} procent till {v0} procent.', 'Återbesöken minskade med {p0} procent, och hemvården får nu informationen innan patienten kommer hem.'],
    plain: ['Hemvården får nu informationen innan patienten kommer hem, och utskrivningarna har blivit lugnare.'],
    metrics: [{ name: 'Återbesök inom 30 dygn', unit: '%', base: [12, 19], change: [-0.4, -0.18], decimals: 1 }],
    themes: ['prosessit', 'turvallisuus', 'asiakaskokemus'],
    only: ['county', 'joint-authority'],
    acute: true,
  },
  {
    lang: 'sv',
    sector: 'education-and-early-childhood',
    units: ['småbarnspedagogiken', 'daghemmet', 'förskoleundervisningen'],
    titles: ['Semesterenkäten till föräldrarna blev digital', 'Digital närvaroplanering i småbarnspedagogiken {i}', 'Mindre pappersarbete på daghemmet'],
    aims: [
      'Föräldrarnas semester- och frånvaroanmälningar samlades på papperslappar, och sammanställningen tog flera timmar i veckan. Målet var att få uppgifterna i tid och frigöra tid för barnen.',
      'Personalen föreslog en digital enkät i kundsystemet och en påminnelse två veckor före sista svarsdag.',
    ],
    results: [
      'Andelen svar som kom in i tid steg från {b0} procent till {v0} procent, och sammanställningen tar nu {v1} timmar i veckan i stället för {b1}.',
      'Sammanställningen går {p1} procent snabbare, och personalplaneringen blir klar i god tid före semestrarna.',
    ],
    metrics: [
      { name: 'Svar i tid', unit: '%', base: [50, 65], change: [0.35, 0.6] },
      { name: 'Tid för sammanställning', unit: 'h/vecka', base: [4, 8], change: [-0.75, -0.5], decimals: 1 },
    ],
    themes: ['digitalisaatio', 'tuottavuus', 'viestintä'],
    customers: true,
  },
  {
    lang: 'sv',
    sector: 'education-and-early-childhood',
    units: ['den grundläggande utbildningen', 'lågstadiet', 'skolbiblioteket'],
    titles: ['Läsfrämjande med lånekassar och lässtunder', 'Varje elev läser varje dag {i}', 'Läsglädje i lågstadiet'],
    aims: [
      'Allt fler elever låg under målnivån i lässcreeningen. Målet var att öka den dagliga läsningen och läsglädjen.',
      'Lärarna och biblioteket planerade tillsammans veckovisa lässtunder och boktips.',
    ],
    results: [
      'Andelen elever på målnivå steg från {b0} procent till {v0} procent. Skolbibliotekets lån ökade med {p1} procent.',
      'Eleverna lånar betydligt fler böcker än tidigare, och {v0} procent når nu målnivån.',
    ],
    plain: ['Lässtunderna har blivit en fast del av veckan, och eleverna lånar betydligt fler böcker än tidigare.'],
    metrics: [
      { name: 'Elever på målnivå', unit: '%', base: [66, 78], change: [0.06, 0.15] },
      { name: 'Lån i skolbiblioteket', unit: 'st/mån', base: [250, 600], change: [0.2, 0.5], round: 10 },
    ],
    themes: ['osaaminen', 'tasa-arvo'],
  },
  {
    lang: 'sv',
    sector: 'technical',
    units: ['lokalservice', 'fastighetsskötseln'],
    titles: ['Fjärravläsning minskade energiförbrukningen i skolorna', 'Energisparveckor och rätt temperatur {i}', 'Fastighetsskötarnas idéer sänkte energinotan'],
    aims: [
      'Ventilation och värme gick för fullt även kvällar och veckoslut. Målet var att minska energiförbrukningen utan att inomhusluften blir sämre.',
      'Fastighetsskötarna föreslog fjärravlästa mätare och en genomgång av användningstiderna tillsammans med användarna.',
    ],
    results: [
      'Förbrukningen av värmeenergi sjönk från {b0} till {v0} megawattimmar per år. Elförbrukningen minskade med {p1} procent.',
      'Energiförbrukningen minskade med {p0} procent, och besparingen används för reparationer.',
    ],
    metrics: [
      { name: 'Värmeenergi', unit: 'MWh/år', base: [1500, 3800], change: [-0.15, -0.06], round: 10 },
      { name: 'Elförbrukning', unit: 'MWh/år', base: [500, 1300], change: [-0.14, -0.05], round: 10 },
    ],
    themes: ['ympäristö', 'tuottavuus'],
  },
  {
    lang: 'sv',
    sector: 'technical',
    units: ['gatuunderhållet', 'kommunaltekniken'],
    titles: ['Felanmälan via kartan direkt till montören', 'Invånarna anmäler fel på kartan {i}', 'Snabbare reparation av gatubelysningen'],
    aims: [
      'Felanmälningarna kom per telefon till olika nummer, och platsuppgifterna var bristfälliga. Målet var snabbare reparationer och färre dubbla anmälningar.',
      'Montörerna föreslog att invånarna markerar felet på kartan och att anmälan blir en arbetsorder direkt.',
    ],
    results: [
      'Reparationstiden förkortades från {b0} dygn till {v0} dygn, och telefonsamtalen minskade med {p1} procent.',
      'Felen åtgärdas {p0} procent snabbare, och samma fel anmäls inte längre flera gånger.',
    ],
    metrics: [
      { name: 'Reparationstid', unit: 'dygn', base: [8, 15], change: [-0.65, -0.4], decimals: 1 },
      { name: 'Telefonsamtal', unit: 'st/mån', base: [80, 170], change: [-0.6, -0.35] },
    ],
    themes: ['digitalisaatio', 'asiakaskokemus'],
    customers: true,
  },
  {
    lang: 'sv',
    sector: 'business-and-support',
    units: ['kommunikationen', 'förvaltningen', 'kundtjänsten'],
    titles: ['Klarspråk i besluten', 'Begripliga beslutsbrev', 'Kundbreven förnyades tillsammans med kunderna'],
    aims: [
      'Kunderna ringde ofta för att fråga vad som egentligen stod i beslutet. Målet var att skriva beslut som förstås på en gång.',
      'Medarbetarna gick en kurs i klarspråk och förnyade de vanligaste brevmallarna tillsammans med en kundpanel.',
    ],
    results: ['Samtalen om hur beslut ska tolkas minskade från {b0} till {v0} i månaden.', 'Kontakterna minskade med {p0} procent, och kunderna säger att de förstår besluten bättre.'],
    metrics: [{ name: 'Kontakter om tolkning av beslut', unit: 'st/mån', base: [60, 150], change: [-0.55, -0.3] }],
    themes: ['viestintä', 'saavutettavuus', 'asiakaskokemus'],
    only: ['municipality', 'county', 'joint-authority'],
    customers: true,
  },
  {
    lang: 'sv',
    sector: 'business-and-support',
    units: ['personaltjänsterna', 'HR-enheten'],
    titles: ['Introduktion med fadder för alla nyanställda', 'Ny introduktionsmodell för hela organisationen', 'Varmt välkommen: checklista för nya medarbetare'],
    aims: [
      'Introduktionen varierade mellan enheterna, och nya medarbetare fick själva leta reda på grundläggande information. Målet var en enhetlig introduktion för alla.',
      'Personalen tog fram en gemensam checklista, och varje ny medarbetare får en fadder för de första månaderna.',
    ],
    results: ['Andelen nöjda med introduktionen steg från {b0} procent till {v0} procent.', 'Nöjdheten med introduktionen ökade med {p0} procent, och nästan varje enhet har nu faddrar.'],
    plain: ['Nya medarbetare kommer snabbare in i arbetet, och nästan varje enhet har nu faddrar.'],
    metrics: [{ name: 'Nöjda med introduktionen', unit: '%', base: [55, 70], change: [0.18, 0.35] }],
    themes: ['työhyvinvointi', 'osaaminen'],
  },
  {
    lang: 'sv',
    sector: 'culture-and-leisure',
    units: ['biblioteket', 'närbiblioteket'],
    titles: ['Meröppet bibliotek även på söndagar', 'Närbiblioteket blev meröppet {i}', 'Biblioteket öppet när invånarna har tid'],
    aims: [
      'Biblioteket var stängt just när många som arbetar eller studerar hade haft tid. Målet var längre öppettider utan mer personal.',
      'Personalen föreslog meröppet kvällar och veckoslut med passerkontroll.',
    ],
    results: ['Besöken ökade från {b0} till {v0} i veckan, och störningarna var få.', 'Besökarna blev {p0} procent fler, och meröppet fortsätter permanent.'],
    plain: ['Meröppet har blivit permanent, och biblioteket når nu också nya besökare.'],
    metrics: [{ name: 'Besök', unit: 'st/vecka', base: [700, 2000], change: [0.12, 0.3], round: 10 }],
    themes: ['asiakaskokemus', 'saavutettavuus'],
    customers: true,
  },
  {
    lang: 'sv',
    sector: 'culture-and-leisure',
    units: ['idrottstjänsterna', 'simhallen'],
    titles: ['Simkunnighet för vuxna i små grupper', 'Simskola för vuxna {i}', 'Vuxna lär sig simma på kvällstid'],
    aims: [
      'Många vuxna kan inte simma men vågar inte delta i grupper tillsammans med barn. Målet var att erbjuda en trygg simskola för vuxna.',
      'Simlärarna föreslog kvällsgrupper med högst sex deltagare och undervisning på finska, svenska och engelska.',
    ],
    results: ['Kurserna hade {v0} deltagare under året, och {v1} procent klarade simtestet i slutet av kursen.', 'Simskolan fylldes snabbt: {v0} vuxna deltog under året, och nya grupper har startats.'],
    metrics: [
      { name: 'Deltagare', unit: 'st/år', base: [30, 90], noBaseline: true },
      { name: 'Godkänt simtest', unit: '%', base: [60, 85], noBaseline: true },
    ],
    themes: ['tasa-arvo', 'osallisuus', 'saavutettavuus'],
    customers: true,
  },
  {
    lang: 'sv',
    sector: 'food-and-cleaning',
    units: ['kostservicen', 'skolköket'],
    titles: ['Matsvinnet vägs i skolköken', 'Mindre matsvinn {i}', 'Eleverna tävlar om minsta svinnet'],
    aims: [
      'Mycket skolmat hamnade i soporna, men ingen visste exakt hur mycket. Målet var att göra svinnet synligt och minska det.',
      'Köket väger tallrikssvinnet varje dag och visar resultatet för eleverna på en skärm i matsalen.',
    ],
    results: ['Tallrikssvinnet minskade från {b0} gram till {v0} gram per ätande.', 'Svinnet minskade med {p0} procent, och de sparade pengarna användes till nya salladsbord.'],
    plain: ['Eleverna följer svinnet med iver, och vägningen har blivit en permanent rutin.'],
    metrics: [{ name: 'Tallrikssvinn', unit: 'g/ätande', base: [18, 30], change: [-0.45, -0.2] }],
    themes: ['ympäristö', 'osallisuus'],
    only: ['municipality', 'company'],
    customers: true,
  },
  {
    lang: 'sv',
    sector: 'food-and-cleaning',
    units: ['lokalvården', 'städtjänsterna'],
    titles: ['Städning enligt användningsgrad', 'Behovsbaserad städning {i}', 'Nya städintervall enligt hur lokalerna används'],
    aims: [
      'Alla utrymmen städades enligt samma schema, fast en del nästan stod tomma. Målet var att rikta städningen dit den behövs.',
      'Lokalvårdarna föreslog sensorer som mäter användningen och nya städintervall som avtalas med användarna.',
    ],
    results: ['Tiden för städning minskade från {b0} till {v0} timmar i veckan, och användarna är lika nöjda som förut.', 'Städtiden minskade med {p0} procent, och den frigjorda tiden används för grundligare städning.'],
    metrics: [{ name: 'Tid för städning', unit: 'h/vecka', base: [150, 300], change: [-0.2, -0.08] }],
    themes: ['tuottavuus', 'ympäristö'],
  },
  {
    lang: 'sv',
    sector: 'whole-organisation',
    units: ['hela organisationen', 'utvecklingstjänsterna'],
    titles: ['Förändringsagenter och pilotteam driver utvecklingen', 'En idékanal för alla anställda', 'Varje idé får ett svar'],
    aims: [
      'Personalens idéer stannade inom enheterna, och ingen följde upp vad som hände med dem. Målet var en bestående modell där personalen deltar i utvecklingen.',
      'En grupp förändringsagenter tog fram modellen, och pilotteam provade de bästa idéerna i perioder om tre månader.',
    ],
    results: [
      'Antalet idéer steg från {b0} till {v0} per år, och bedömningen av förändringsledningen i personalenkäten var tidigare {b1} och nu {v1} på skalan 1–5.',
      'Antalet idéer ökade med {p0} procent, och många av dem har redan provats i praktiken.',
    ],
    metrics: [
      { name: 'Idéer', unit: 'st/år', base: [25, 80], change: [1.2, 3.0] },
      { name: 'Förändringsledning', unit: 'medeltal 1–5', base: [2.7, 3.1], change: [0.12, 0.28], decimals: 1 },
    ],
    themes: ['johtaminen', 'osallisuus'],
  },
  {
    lang: 'sv',
    sector: 'whole-organisation',
    units: ['hela organisationen', 'personaltjänsterna'],
    titles: ['Jämställdhetsplan tillsammans med personalen', 'Lönekartläggning och likabehandling', 'Likabehandling i vardagen'],
    aims: [
      'Jämställdhetsplanen var föråldrad, och löneskillnaderna hade inte granskats per uppgift. Målet var att hitta och rätta till omotiverade skillnader.',
      'Personalens representanter och ledningen gick tillsammans igenom lönekartläggningen och kom överens om åtgärder.',
    ],
    results: ['Löneskillnaden mellan kvinnor och män i likvärdiga uppgifter minskade från {b0} procent till {v0} procent.', 'Löneskillnaden minskade med {p0} procent, och planen följs nu upp varje år.'],
    metrics: [{ name: 'Löneskillnad i likvärdiga uppgifter', unit: '%', base: [3, 8], change: [-0.6, -0.3], decimals: 1 }],
    themes: ['tasa-arvo', 'johtaminen'],
  },
];

/** Results for deeds that publish no metrics, when the story has no plain result of its own. */
const PLAIN_RESULTS: Record<'fi' | 'sv', string[]> = {
  fi: [
    'Muutos näkyy arjessa: työ sujuu aiempaa jouhevammin, ja palaute on ollut myönteistä.',
    'Henkilöstö kokee voineensa vaikuttaa omaan työhönsä, ja uusi käytäntö on vakiintunut.',
    'Tulokset näkyvät sekä asiakkaiden palautteessa että henkilöstön arjessa.',
  ],
  sv: [
    'Förändringen syns i vardagen: arbetet löper smidigare, och responsen har varit positiv.',
    'Personalen upplever att de har kunnat påverka sitt eget arbete, och det nya arbetssättet har etablerats.',
  ],
};

/** Sometimes put before the aim: how the development started. */
const OPENERS: Record<'fi' | 'sv', string[]> = {
  fi: [
    'Idea syntyi työpaikkakokouksessa.',
    'Kehittäminen käynnistyi henkilöstökyselyn tuloksista.',
    'Kehittämistä tuettiin Kunteko-sparrauksella.',
    'Ajatus nousi asiakaspalautteesta.',
    'Muutosagentit veivät idean pilottitiimille.',
    'Kehittäminen alkoi johdon ja luottamushenkilöiden yhteisestä työpajasta.',
  ],
  sv: ['Idén föddes på ett arbetsplatsmöte.', 'Utvecklingen började med resultaten från personalenkäten.', 'Tanken kom från kundrespons.'],
};

/** Sometimes put after the result: what became of it. Some mention the "kehittämisteko" and the "kunta". */
const CLOSINGS: Record<'fi' | 'sv', Record<'any' | OrgKind, string[]>> = {
  fi: {
    any: [
      'Toimintamalli on otettu käyttöön kaikissa yksiköissä.',
      'Kokeilusta tuli pysyvä käytäntö.',
      'Seuraavaksi mallia laajennetaan muille toimialoille.',
      'Kehittämisteko esiteltiin henkilöstöinfossa, ja kaksi muuta yksikköä on jo ottanut mallin käyttöön.',
      'Tämä kehittämisteko syntyi henkilöstön omasta ideasta.',
      'Kehittämisteko palkittiin organisaation sisäisessä kehittämiskilpailussa.',
      'Mittareita seurataan jatkossakin osana jatkuvaa parantamista.',
      'Työntekijät kertovat, että oman työn kehittäminen tuntuu nyt mielekkäältä.',
    ],
    municipality: [
      'Kunta vakinaisti käytännön seuraavan vuoden talousarviossa.',
      'Naapurikunta on jo kysynyt mallia käyttöönsä.',
      'Koko kunta hyötyy: säästynyt työaika on käytetty asukkaiden palveluun.',
      'Kehittämisteko on jaettu Tekojen torilla, jotta muut kunnat voivat hyödyntää kokemuksia.',
      'Kaupunginhallitus päätti laajentaa mallin kaikille toimialoille.',
    ],
    county: [
      'Hyvinvointialue laajentaa mallin kaikkiin toimipisteisiin.',
      'Malli on esitelty myös alueen kunnille, ja yhteistyö jatkuu.',
      'Kehittämisteko on osa hyvinvointialueen jatkuvan parantamisen ohjelmaa.',
      'Kunta ja hyvinvointialue jatkavat kehittämistä yhdessä.',
    ],
    'joint-authority': ['Jäsenkunnat ovat ottaneet mallin hyvin vastaan.', 'Kuntayhtymän hallitus päätti vakinaistaa käytännön.'],
    company: ['Omistajakunnat ovat ottaneet mallin hyvin vastaan.', 'Malli kuuluu nyt yhtiön palvelulupaukseen.'],
  },
  sv: {
    any: [
      'Arbetssättet har tagits i bruk i alla enheter.',
      'Försöket blev en permanent praxis.',
      'Utvecklingsarbetet presenterades för hela personalen, och två andra enheter har redan börjat använda modellen.',
      'Idén kom från personalen själv.',
    ],
    municipality: ['Kommunen har tagit in modellen i nästa års budget.', 'Grannkommunen har redan frågat efter modellen.'],
    county: ['Välfärdsområdet utvidgar modellen till alla verksamhetsställen.', 'Modellen har presenterats för kommunerna i området.'],
    'joint-authority': ['Medlemskommunerna har tagit emot modellen väl.'],
    company: ['Ägarkommunerna har tagit emot modellen väl.'],
  },
};

/** Added to a published deed when its editors publish a second revision. */
const UPDATES: Record<'fi' | 'sv', string[]> = {
  fi: [
    'Päivitys {date}: käytäntö on vakiintunut, ja tulokset ovat pysyneet hyvinä.',
    'Päivitys {date}: malli on laajennettu kahteen uuteen yksikköön.',
    'Päivitys {date}: seurantamittaukset vahvistavat tulokset.',
    'Päivitys {date}: kehittämistekoa on esitelty muille kunnille ja hyvinvointialueille.',
  ],
  sv: ['Uppdatering {date}: arbetssättet har etablerats och resultaten har hållit i sig.', 'Uppdatering {date}: modellen har utvidgats till två nya enheter.'],
};

/** Why programme admins took a deed off the catalogue. */
const UNPUBLISH_REASONS = [
  'Kuvassa näkyi tunnistettavia asiakastietoja; organisaatio julkaisee korjatun version.',
  'Sama kehittämisteko oli julkaistu kahteen kertaan.',
  'Organisaation pyynnöstä: kokeilu keskeytettiin, eikä tuloksia voi vielä julkaista.',
  'Tulosluvuissa oli virhe; teko julkaistaan uudelleen tarkistettuna.',
  'Teko kuului toiselle organisaatiolle; siirretään oikean organisaation nimiin.',
];

/** Added by the editor to a deed drafted from an adopted idea. */
const FROM_IDEA_NOTE: Record<Language, string> = {
  fi: 'Kehittämisteko syntyi henkilöstön ideasta, joka kulki ideakanavan, arvioinnin ja pilotin kautta pysyväksi käytännöksi.',
  sv: 'Utvecklingsarbetet bygger på en idé från personalen som via idékanalen, bedömning och pilot blev permanent praxis.',
  en: 'This deed grew from a staff idea that went through the idea channel, review and a pilot into everyday practice.',
};

/**
 * Adopted ideas of the demo that their organisation's editors turned into deeds, with what the
 * editor added to the prefilled draft.
 */
const IDEA_DEEDS: {
  title: string;
  size: 'small' | 'large';
  scope: 'unit' | 'sector' | 'whole-organisation';
  participants: ('management' | 'supervisors' | 'staff' | 'customers')[];
  /** Left as a draft, for an editor to publish in the demo. */
  draft?: boolean;
}[] = [
  { title: 'Muutosagenttimalli ja pilottitiimit koko kaupungin kehittämiseen', size: 'large', scope: 'whole-organisation', participants: ['management', 'supervisors', 'staff'] },
  { title: 'Lautashävikin punnitus koulukeittiöissä', size: 'small', scope: 'sector', participants: ['supervisors', 'staff', 'customers'] },
  { title: 'Vartin aamupalaveri taululla työmaille', size: 'small', scope: 'unit', participants: ['supervisors', 'staff'] },
  { title: 'Valmistushävikin viikoittainen seuranta keittiöissä', size: 'small', scope: 'sector', participants: ['staff'] },
  { title: 'Kaivuluvat sähköiseen asiointiin', size: 'small', scope: 'unit', participants: ['staff', 'customers'], draft: true },
  { title: 'Simskola för vuxna på kvällstid', size: 'small', scope: 'unit', participants: ['staff', 'customers'] },
  { title: 'Kotihoidon reittisuunnittelu optimointiohjelmalla', size: 'large', scope: 'sector', participants: ['management', 'supervisors', 'staff'] },
  { title: 'Tekstiviestimuistutus hammashoitoajasta', size: 'small', scope: 'unit', participants: ['staff', 'customers'], draft: true },
];

// ---------------------------------------------------------------------------------------------
// Tekojen tori: planning the catalogue and the campaigns
// ---------------------------------------------------------------------------------------------

const HOUR_MS = 3_600_000;
const FIRST_CATALOGUE_YEAR = 2019;
/** Deeds planned per year (fewer in 2020, the pandemic year); deeds dated after "now" are left out. */
const DEEDS_PER_YEAR: Record<number, number> = { 2019: 60, 2020: 42, 2021: 50, 2022: 58, 2023: 54, 2024: 60, 2025: 66, 2026: 64 };
const DEFAULT_DEEDS_PER_YEAR = 62;
/** Publications per month, January first: the autumn campaign (September–October) brings the peak. */
const MONTH_WEIGHTS = [5, 6, 7, 6, 7, 4, 1, 3, 22, 27, 5, 3];
/** Organisations that put extra effort into a year's campaign. The standings, not this list, decide the winner. */
const CAMPAIGN_CHAMPIONS: Record<number, string> = {
  2019: 'imatra',
  2020: 'lappeenranta',
  2021: 'tampere',
  2022: 'oulu',
  2023: 'hyvinvointialue-etela-karjala',
  2024: 'vantaa',
  2025: 'kuopio',
  2026: 'pirkanmaan-hyvinvointialue',
};
/** The programme admin who runs the campaigns and takes deeds off the catalogue. */
const PROGRAMME_ADMIN: Actor = { subject: 'tekojen-tori.admin', organisation: 'kehittamo', roles: ['admin'] };

// --- Finnish time: campaign windows and publication hours are Helsinki wall-clock times

function lastSundayOf(year: number, monthIndex: number): number {
  const last = new Date(Date.UTC(year, monthIndex + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/** Hours Helsinki is ahead of UTC at an instant (EU summer time: last Sunday of March to last Sunday of October). */
function helsinkiOffset(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const summerStarts = Date.UTC(year, 2, lastSundayOf(year, 2), 1);
  const summerEnds = Date.UTC(year, 9, lastSundayOf(year, 9), 1);
  return ms >= summerStarts && ms < summerEnds ? 3 : 2;
}

/** A Helsinki wall-clock time (month 1–12; overflowing months roll into the next year) as an instant. */
function helsinki(year: number, month: number, day: number, hours = 0): number {
  const wall = Date.UTC(year, month - 1, day) + hours * HOUR_MS;
  const summer = wall - 3 * HOUR_MS;
  return helsinkiOffset(summer) === 3 ? summer : wall - 2 * HOUR_MS;
}

const helsinkiWall = (ms: number): Date => new Date(ms + helsinkiOffset(ms) * HOUR_MS);
const helsinkiDate = (ms: number): string => helsinkiWall(ms).toISOString().slice(0, 10);
const helsinkiYear = (ms: number): number => helsinkiWall(ms).getUTCFullYear();

/** The same time of day, moved from a weekend to the Monday after. */
function onWorkday(ms: number): number {
  const weekday = helsinkiWall(ms).getUTCDay();
  return weekday === 6 ? ms + 2 * DAY_MS : weekday === 0 ? ms + DAY_MS : ms;
}

// --- the plan of one deed

type DeedSize = DeedContent['size'];
type DeedScope = DeedContent['scope'];
type Participant = DeedContent['participants'][number];

interface PlannedDeed {
  deedId: string;
  organisation: string;
  /** Subject of the org-editor who drafts and publishes it. */
  editor: string;
  source: 'editor' | 'idea';
  /** For deeds from ideas: the idea, and whether the store already links it to this deed. */
  idea?: { ideaId: string; linked: boolean };
  content: DeedContent;
  draftAt: number;
  /** The editor's changes to the draft before publishing. */
  edited?: { at: number; content: DeedContent };
  publishAt?: number;
  /** A second revision, published later. */
  revision?: { at: number; content: DeedContent };
  unpublish?: { at: number; reason: string };
  /** When the planned publication lies after "now": keep it as a draft (else leave the deed out). */
  keepDraft: boolean;
}

interface CatalogueState {
  titles: Set<string>;
  uses: Map<Story, number>;
  /** "organisation:story index" of the stories an organisation has told. */
  told: Set<string>;
}

function weighted<T>(rng: SeededRandom, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let left = rng.next() * total;
  for (const [item, weight] of entries) {
    left -= weight;
    if (left < 0) return item;
  }
  return entries[entries.length - 1][0];
}

function roundMetric(spec: MetricSpec, value: number): number {
  if (spec.round) return Math.round(value / spec.round) * spec.round;
  const factor = 10 ** (spec.decimals ?? 0);
  return Math.round(value * factor) / factor;
}

/** Finnish and Swedish number format: decimal comma, spaces between thousands from five digits up. */
function formatNumber(value: number, spec: MetricSpec): string {
  const [whole, fraction] = Math.abs(value).toFixed(spec.round ? 0 : spec.decimals ?? 0).split('.');
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : whole;
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

const fill = (template: string, vars: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);

function planDeed(rng: SeededRandom, state: CatalogueState, year: number, index: number, org: CatalogueOrg, sector: Sector, month: number): PlannedDeed {
  // --- when: a working day of the month, during office hours
  let day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === 6) day = day > 1 ? day - 1 : day + 2;
  if (weekday === 0) day = day > 2 ? day - 2 : day + 1;
  const publishAt = helsinki(year, month, day, rng.between(8, 16));
  const draftAt = publishAt - rng.int(0, 20) * DAY_MS - rng.between(1, 5) * HOUR_MS;

  // --- what: a story of the sector, in the organisation's language
  const kind = kindIn(org, year);
  const fits = (s: Story, lang: 'fi' | 'sv') => s.lang === lang && s.sector === sector && (!s.only || s.only.includes(kind)) && !(s.acute && org.noAcute);
  const lang = org.sv !== undefined && rng.chance(org.sv) && STORIES.some((s) => fits(s, 'sv')) ? 'sv' : 'fi';
  const candidates = STORIES.filter((s) => fits(s, lang));
  // Spread the stories; an organisation seldom tells the same story twice.
  const story = weighted(
    rng,
    candidates.map((s) => [s, (state.told.has(`${org.id}:${STORIES.indexOf(s)}`) ? 0.05 : 1) / (1 + (state.uses.get(s) ?? 0)) ** 2] as const),
  );
  state.uses.set(story, (state.uses.get(story) ?? 0) + 1);
  state.told.add(`${org.id}:${STORIES.indexOf(story)}`);

  // A title no other deed has: a variant of the story's titles, in one of the organisation's areas,
  // else with the organisation's name, else with the year.
  const place = () => (lang === 'sv' ? `i ${rng.pick(org.svPlaces ?? org.places.map(([name]) => name))}` : rng.pick(org.places)[1]);
  const where = lang === 'sv' ? (org.where.sv ?? `i ${org.where.fi}`) : org.where.fi;
  const tries = [
    ...Array.from({ length: 6 }, () => fill(rng.pick(story.titles), { in: place(), i: place() })),
    ...story.titles.filter((t) => !t.includes('{')).map((t) => `${t} ${where}`),
    ...story.titles.filter((t) => !t.includes('{')).map((t) => `${t} ${where} ${year}`),
  ];
  let title = tries.find((t) => !state.titles.has(t)) ?? tries[0];
  for (let n = 2; state.titles.has(title); n++) title = `${tries[0]} (${n})`;
  state.titles.add(title);

  const withMetrics = rng.chance(0.78);
  const withBaselines = rng.chance(0.9);
  const vars: Record<string, string> = {};
  const metrics: DeedMetric[] = story.metrics.map((spec, j) => {
    const unit = spec.unit ? { unit: spec.unit } : {};
    if (spec.noBaseline) {
      const value = roundMetric(spec, rng.between(...spec.base));
      vars[`v${j}`] = formatNumber(value, spec);
      return { name: spec.name, value, ...unit };
    }
    const baseline = roundMetric(spec, rng.between(...spec.base));
    const change = rng.between(...spec.change!);
    let value = roundMetric(spec, baseline * (1 + change));
    if (value === baseline) value = roundMetric(spec, baseline + Math.sign(change) * (spec.round ?? 10 ** -(spec.decimals ?? 0)));
    vars[`b${j}`] = formatNumber(baseline, spec);
    vars[`v${j}`] = formatNumber(value, spec);
    vars[`p${j}`] = String(Math.round((Math.abs(value - baseline) / baseline) * 100));
    return { name: spec.name, value, ...unit, ...(withBaselines ? { baseline } : {}) };
  });
  const aim = `${rng.chance(0.35) ? `${rng.pick(OPENERS[lang])} ` : ''}${rng.pick(story.aims)}`;
  const result = withMetrics ? fill(rng.pick(story.results), vars) : rng.pick(story.plain ?? PLAIN_RESULTS[lang]);
  const closing = rng.chance(0.65) ? ` ${rng.pick([...CLOSINGS[lang].any, ...CLOSINGS[lang][kind]])}` : '';

  // --- how big, who took part
  let scope: DeedScope;
  let size: DeedSize;
  if (sector === 'whole-organisation') {
    scope = 'whole-organisation';
    size = rng.chance(0.8) ? 'large' : 'small';
  } else {
    const roll = rng.next();
    scope = roll < 0.6 ? 'unit' : roll < 0.92 ? 'sector' : 'whole-organisation';
    size = scope === 'unit' ? (rng.chance(0.15) ? 'large' : 'small') : scope === 'sector' ? (rng.chance(0.55) ? 'large' : 'small') : 'large';
  }
  const takesPart: Record<Participant, boolean> = {
    management: rng.chance(size === 'large' ? 0.9 : 0.3),
    supervisors: rng.chance(0.75),
    staff: true,
    customers: rng.chance(story.customers ? 0.55 : 0.05),
  };
  const participants = PARTICIPANTS.filter((p) => takesPart[p]);
  const themes = rng.sample(story.themes, rng.int(2, story.themes.length));
  if (rng.chance(0.2)) themes.push(rng.pick(THEMES.filter((t) => !themes.includes(t))));

  // --- the period: usually ended a little before publication, sometimes still going on
  const ongoing = rng.chance(0.12);
  const endedDaysBefore = rng.int(5, 120);
  const periodDays = rng.int(60, 540);
  const periodFrom = helsinkiDate(publishAt - (ongoing ? rng.int(60, 400) : endedDaysBefore + periodDays) * DAY_MS);
  const periodTo = ongoing ? undefined : helsinkiDate(publishAt - endedDaysBefore * DAY_MS);

  const media: MediaLink[] = [];
  if (rng.chance(0.12)) {
    const slug = `${year}-${String(index + 1).padStart(2, '0')}`;
    media.push(
      rng.chance(0.7)
        ? { kind: 'image', url: `https://kuvat.example.fi/tekojen-tori/${org.id}/${slug}.jpg`, caption: lang === 'sv' ? 'Bild från utvecklingsarbetet' : 'Kuva kehittämistyöstä' }
        : { kind: 'video', url: `https://video.example.fi/tekojen-tori/${org.id}/${slug}`, caption: lang === 'sv' ? 'Video: teamet berättar om försöket' : 'Video: tiimi kertoo kokeilusta' },
    );
  }

  const content: DeedContent = {
    title,
    aim,
    achieved: result + closing,
    metrics: withMetrics ? metrics : [],
    unit: rng.pick(story.units),
    sector,
    themes,
    size,
    scope,
    participants,
    periodFrom,
    ...(periodTo ? { periodTo } : {}),
    language: lang,
    media,
  };

  // --- later life: a few get a second revision, a few are taken off the catalogue
  const life = rng.next();
  const revisedAt = onWorkday(publishAt + rng.int(20, 400) * DAY_MS);
  const unpublishedAt = onWorkday(publishAt + rng.between(2, 200) * DAY_MS);
  const update = rng.pick(UPDATES[lang]);
  const reason = rng.pick(UNPUBLISH_REASONS);
  return {
    deedId: nameBasedId(`${ID_PREFIX}:deed:${year}:${index}`),
    organisation: org.id,
    editor: rng.pick(org.editors),
    source: 'editor',
    content,
    draftAt,
    publishAt,
    ...(life < 0.09 ? { revision: { at: revisedAt, content: { ...content, achieved: `${content.achieved} ${fill(update, { date: fiDate(helsinkiDate(revisedAt)) })}` } } } : {}),
    ...(life >= 0.09 && life < 0.115 ? { unpublish: { at: unpublishedAt, reason } } : {}),
    keepDraft: rng.chance(0.5),
  };
}

/** One year of the catalogue. Each year has its own random sequence, so adding a year changes no earlier one. */
function planYear(year: number, state: CatalogueState): PlannedDeed[] {
  const rng = new SeededRandom(SEED * 10_000 + year);
  const orgs = CATALOGUE_ORGS.filter((org) => activeIn(org, year));
  const mood = new Map(orgs.map((org) => [org.id, org.weight * rng.between(0.6, 1.5)]));
  const champion = CAMPAIGN_CHAMPIONS[year];
  const deeds: PlannedDeed[] = [];
  const count = DEEDS_PER_YEAR[year] ?? DEFAULT_DEEDS_PER_YEAR;
  for (let index = 0; index < count; index++) {
    const month = weighted(rng, MONTH_WEIGHTS.map((weight, i) => [i + 1, weight] as const));
    const campaign = month === 9 || month === 10;
    const org = weighted(rng, orgs.map((o) => [o, mood.get(o.id)! * (campaign && o.id === champion ? 4 : 1)] as const));
    const sector = weighted(rng, sectorsIn(org, year));
    deeds.push(planDeed(rng, state, year, index, org, sector, month));
  }
  return deeds;
}

/** Every deed the generator writes from 2019 to the year of `until`, before cutting at "now". */
function planCatalogue(until: number): PlannedDeed[] {
  const state: CatalogueState = { titles: new Set(IDEAS.map((idea) => idea.title)), uses: new Map(), told: new Set() };
  const deeds: PlannedDeed[] = [];
  for (let year = FIRST_CATALOGUE_YEAR; year <= helsinkiYear(until); year++) deeds.push(...planYear(year, state));
  return deeds;
}

/** What of a deed's life has happened by `horizon`; undefined when not even its draft has. */
function settle(deed: PlannedDeed, horizon: number): PlannedDeed | undefined {
  const happened = (at: number | undefined) => at !== undefined && at < horizon - HOUR_MS;
  if (!happened(deed.draftAt)) return undefined;
  const edited = happened(deed.edited?.at) ? deed.edited : undefined;
  if (!happened(deed.publishAt)) {
    return deed.keepDraft ? { ...deed, edited, publishAt: undefined, revision: undefined, unpublish: undefined } : undefined;
  }
  return { ...deed, edited, revision: happened(deed.revision?.at) ? deed.revision : undefined, unpublish: happened(deed.unpublish?.at) ? deed.unpublish : undefined };
}

const dataOf = <T>(events: RecordedEvent[], type: string): T | undefined => events.find((e) => e.type === type)?.data as T | undefined;
const occurred = (event: RecordedEvent): number => Date.parse(event.metadata.occurredAt ?? event.recordedAt);

/**
 * Deeds drafted from the demo's adopted ideas, as an editor would with "make a deed of this idea":
 * the draft is prefilled from the idea's events the way `prefill(ideaView)` does, linked to the idea,
 * completed by the editor, then published. The times follow the idea's adoption as recorded.
 */
async function planIdeaDeeds(runtime: Runtime, ideas: PlannedIdea[], horizon: number): Promise<PlannedDeed[]> {
  const deeds: PlannedDeed[] = [];
  for (const spec of IDEA_DEEDS) {
    const idea = ideas.find((p) => p.entry.title === spec.title);
    if (!idea || idea.entry.stage !== 'adopted') throw new Error(`Demo data is inconsistent: "${spec.title}" is not an adopted demo idea.`);
    const org = CATALOGUE_ORGS.find((o) => o.id === idea.entry.org)!;
    const events = await runtime.store.readStream(ideaStreamId(idea.ideaId));
    const submitted = dataOf<IdeaSubmitted['data']>(events, 'IdeaSubmitted');
    const pilot = dataOf<IdeaPilotStarted['data']>(events, 'IdeaPilotStarted');
    const adoptedEvent = events.find((e) => e.type === 'IdeaAdopted');
    if (!submitted || !adoptedEvent) continue;
    const adopted = adoptedEvent.data as IdeaAdopted['data'];
    // The product's own id for "the deed of this idea", so the editor's button finds this deed.
    const deedId = nameBasedId(`deed-from-idea:${idea.ideaId}`);
    const link = dataOf<IdeaDeedLinked['data']>(events, 'IdeaDeedLinked');
    if (link && link.deedId !== deedId) continue; // someone made another deed of it
    const [existing] = await runtime.store.readStream(deedStreamId(deedId), { toVersion: 1 });
    if (existing && existing.metadata.demoHorizon === undefined) continue; // drafted in the app, not by the demo

    const rng = new SeededRandom(Number.parseInt(idea.ideaId.slice(0, 8), 16));
    const lastIdeaEvent = Math.max(...events.filter((e) => e.type !== 'IdeaDeedLinked').map(occurred));
    const draftAt = Math.max(onWorkday(occurred(adoptedEvent) + rng.int(4, 25) * DAY_MS), lastIdeaEvent + 30 * 60_000);
    const editedAt = draftAt + rng.between(0.05, 1.5) * DAY_MS;
    const publishAt = onWorkday(editedAt + rng.between(0.5, 6) * DAY_MS);

    // As prefill(ideaView) does: pilot metrics with their baselines, the adoption result, the pilot period.
    const metrics = adopted.metrics.map((result) => {
      const planned = pilot?.metrics.find((m) => m.name.trim().toLowerCase() === result.metric.trim().toLowerCase());
      return { name: planned?.name ?? result.metric, value: result.value, ...(planned?.unit ? { unit: planned.unit } : {}), ...(planned ? { baseline: planned.baseline } : {}) };
    });
    const prefilled: DeedContent = {
      title: submitted.title.length >= 3 ? submitted.title : `${submitted.title} – kehittämisteko`,
      aim: submitted.problem ?? submitted.description,
      achieved: adopted.result ?? submitted.description,
      metrics,
      unit: submitted.unit,
      sector: submitted.sector,
      themes: submitted.themes,
      size: 'small',
      scope: 'unit',
      participants: ['staff'],
      periodFrom: pilot?.startsOn ?? helsinkiDate(occurred(events[0])),
      ...(pilot?.endsOn ? { periodTo: pilot.endsOn } : {}),
      language: submitted.language,
      // As prefill: the idea's media stay with the idea (sealed with the submitter's key), never in a deed.
      media: [],
    };
    const completed: DeedContent = {
      ...prefilled,
      achieved: `${prefilled.achieved} ${FROM_IDEA_NOTE[submitted.language]}`,
      size: spec.size,
      scope: spec.scope,
      participants: PARTICIPANTS.filter((p) => spec.participants.includes(p)),
    };
    const planned = settle(
      {
        deedId,
        organisation: org.id,
        editor: org.editors[0],
        source: 'idea',
        idea: { ideaId: idea.ideaId, linked: link !== undefined },
        content: prefilled,
        draftAt,
        edited: { at: editedAt, content: completed },
        ...(spec.draft ? {} : { publishAt }),
        keepDraft: true,
      },
      horizon,
    );
    if (planned) deeds.push(planned);
  }
  return deeds;
}

interface PlannedCampaign {
  campaignId: string;
  name: string;
  startsAt: number;
  endsAt: number;
  openedAt: number;
  close?: { at: number; standings: { organisation: string; deeds: number; reachedAt: string }[]; winner?: string };
}

/**
 * "Tekoja tiskiin" every autumn, 1 September – 31 October Finnish time. Past campaigns are closed
 * with the standings the API computes (deeds first published in the window and not unpublished
 * before it ended), so the recorded winner, "Suomen kekseliäin kunta", is the one the standings show.
 */
function planCampaigns(deeds: PlannedDeed[], horizon: number): PlannedCampaign[] {
  const facts = deeds.filter((d) => d.publishAt !== undefined);
  const campaigns: PlannedCampaign[] = [];
  const lastYear = helsinkiYear(horizon);
  for (let year = FIRST_CATALOGUE_YEAR; year <= lastYear; year++) {
    const startsAt = helsinki(year, 9, 1);
    let endsAt = helsinki(year, 11, 1);
    // Before September the current campaign is announced but has not started yet (phase "upcoming").
    if (year === lastYear && horizon >= endsAt) {
      // Today is after this autumn's campaign (31 October): for the demo, the current campaign runs
      // until the end of next month instead, so that a newcomer sees a campaign still running.
      const today = helsinkiWall(horizon);
      endsAt = helsinki(today.getUTCFullYear(), today.getUTCMonth() + 3, 1);
    }
    const campaign: PlannedCampaign = {
      campaignId: nameBasedId(`${ID_PREFIX}:campaign:${year}`),
      name: `Tekoja tiskiin ${year}`,
      startsAt,
      endsAt,
      openedAt: Math.min(onWorkday(helsinki(year, 8, 15, 10)), horizon - 2 * HOUR_MS),
    };
    if (year < lastYear) {
      const counted = facts.filter((d) => !(d.unpublish && d.unpublish.at < endsAt));
      const standings = rankStandings(
        counted.map((d) => ({ organisation: d.organisation, sector: d.content.sector, publishedAt: new Date(d.publishAt!) })),
        new Date(startsAt),
        new Date(endsAt),
      ).map(({ organisation, deeds: count, reachedAt }) => ({ organisation, deeds: count, reachedAt }));
      campaign.close = { at: onWorkday(helsinki(year, 11, 1, 9)), standings, winner: standings[0]?.organisation };
    }
    campaigns.push(campaign);
  }
  return campaigns;
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

interface LoadResult {
  written: number;
  last?: Checkpoint;
}

const refusal = (outcome: Exclude<CommandOutcome<unknown>, { ok: true }>): string =>
  'error' in outcome ? `${outcome.error.code}: ${outcome.error.message}` : `stale version ${JSON.stringify(outcome.stale)}`;

/**
 * The ideas, unless they are there already. Every step is a decision of the idea decider; a refusal
 * means the sample is wrong, and loading stops with an error.
 */
async function loadIdeas(runtime: Runtime, logger: Logger, plan: PlannedIdea[]): Promise<LoadResult> {
  const started = Date.now();
  const now = Date.now();
  const today = new Date(now);
  const anchor = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const steps = schedule(plan, anchor, now);
  const date = (day: number): string => new Date(anchor + day * DAY_MS).toISOString().slice(0, 10);

  // The idea submitted first is the marker: if its stream exists, the ideas were loaded before.
  const marker = steps[0].idea;
  let done = new Map<string, number>();
  if ((await runtime.store.readStream(ideaStreamId(marker.ideaId), { toVersion: 1 })).length > 0) {
    for (const idea of plan) {
      const recorded = await runtime.store.readStream(ideaStreamId(idea.ideaId));
      done.set(idea.ideaId, recorded.length);
    }
    const remaining = steps.filter((s) => s.seq >= (done.get(s.idea.ideaId) ?? 0)).length;
    if (remaining === 0) {
      logger.log(`Demo ideas already loaded (${plan.length} ideas in ${DEMO_ORGANISATIONS.length} organisations).`);
      return { written: 0 };
    }
    logger.warn(`Demo ideas were loaded only in part (interrupted?); writing the remaining ${remaining} of ${steps.length} steps.`);
  } else {
    done = new Map();
  }

  logger.log(`Loading demo ideas: ${plan.length} ideas in ${DEMO_ORGANISATIONS.join(', ')}…`);
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
      throw new Error(`Demo data is inconsistent: "${idea.entry.title}" (${idea.entry.org}) step ${seq + 1}, ${bare.type} by ${actor.subject} was refused (${refusal(outcome)}).`);
    }
    events += outcome.events.length;
    if (bare.type === 'SubmitIdea') ideas++;
    last = outcome.result.checkpoint;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  logger.log(`Demo ideas loaded: ${ideas} ideas and ${events} events written in ${seconds} s.`);
  return { written: events, last };
}

interface CatalogueStep {
  at: number;
  streamId: string;
  /** The stream version this step's event gets (1 for a stream's first event); 0: an idea link, looked up separately. */
  version: number;
  what: string;
  run: () => Promise<CommandOutcome<unknown>>;
}

/**
 * Tekojen tori: several hundred deeds of 2019 until now, deeds from the demo's adopted ideas, and a
 * "Tekoja tiskiin" campaign each autumn, unless they are there already. Every step is a decision of
 * the deed, idea or campaign decider, dated in the past, with name-based ids and event ids.
 */
async function loadCatalogue(runtime: Runtime, logger: Logger, ideas: PlannedIdea[]): Promise<LoadResult> {
  const started = Date.now();
  const now = Date.now();

  // The deed drafted first is the marker. Its events remember the "now" of the first load, the
  // horizon: planning again with it gives the same deeds and campaigns, whenever this runs.
  const firstPlan = planCatalogue(now);
  const marker = firstPlan.reduce((first, deed) => (deed.draftAt < first.draftAt ? deed : first));
  const [markerEvent] = await runtime.store.readStream(deedStreamId(marker.deedId), { toVersion: 1 });
  const recordedHorizon = markerEvent ? Date.parse(String(markerEvent.metadata.demoHorizon)) : Number.NaN;
  const horizon = Number.isNaN(recordedHorizon) ? now : recordedHorizon;
  const demoHorizon = new Date(horizon).toISOString();

  const generated = (horizon === now ? firstPlan : planCatalogue(horizon)).flatMap((deed) => settle(deed, horizon) ?? []);
  const fromIdeas = await planIdeaDeeds(runtime, ideas, horizon);
  const deeds = [...generated, ...fromIdeas];
  const campaigns = planCampaigns(deeds, horizon);

  const correlationId = nameBasedId(`${ID_PREFIX}:load-catalogue`);
  const metadata = (actor: Actor, at: number) => ({
    occurredAt: new Date(at).toISOString(),
    actor: { subject: runtime.pseudonymizer.of(actor.subject), organisation: actor.organisation, roles: actor.roles },
    correlationId,
    demoHorizon,
  });
  const eventIds = (streamId: string, version: number) => (i: number) => nameBasedId(`${ID_PREFIX}:event:${streamId}:${version}:${i}`);

  const steps: CatalogueStep[] = [];
  for (const deed of deeds) {
    const streamId = deedStreamId(deed.deedId);
    const editor: Actor = { subject: deed.editor, organisation: deed.organisation, roles: ['employee', 'org-editor'] };
    let version = 0;
    const add = (at: number, what: string, actor: Actor, command: (now: Date) => DeedCommand) => {
      const v = ++version;
      steps.push({
        at,
        streamId,
        version: v,
        what: `${what} "${deed.content.title}" (${deed.organisation})`,
        run: () => handleCommand(runtime.store, deedDecider, { streamId, command: command(new Date(at)), metadata: metadata(actor, at), eventIds: eventIds(streamId, v) }),
      });
    };
    add(deed.draftAt, 'DraftDeed', editor, (at) => ({
      type: 'DraftDeed',
      deedId: deed.deedId,
      organisation: deed.organisation,
      content: deed.content,
      ideaIds: deed.idea ? [deed.idea.ideaId] : [],
      source: deed.source,
      context: { actor: editor, now: at },
    }));
    if (deed.idea && !deed.idea.linked) {
      const { ideaId } = deed.idea;
      const ideaStream = ideaStreamId(ideaId);
      const at = deed.draftAt + 60_000;
      steps.push({
        at,
        streamId: ideaStream,
        version: 0,
        what: `LinkDeed "${deed.content.title}" (${deed.organisation})`,
        run: () =>
          handleCommand(runtime.store, ideaDecider, {
            streamId: ideaStream,
            command: { type: 'LinkDeed', deedId: deed.deedId, context: { actor: editor, pseudonym: runtime.pseudonymizer.of(editor.subject), now: new Date(at) } },
            metadata: metadata(editor, at),
            // As the product links an idea to its deed: a retry there finds this link.
            eventIds: (i) => nameBasedId(`${ideaStream}:link-deed:${deed.deedId}:${i}`),
          }),
      });
    }
    if (deed.edited) add(deed.edited.at, 'EditDeed', editor, (at) => ({ type: 'EditDeed', content: deed.edited!.content, context: { actor: editor, now: at } }));
    if (deed.publishAt !== undefined) add(deed.publishAt, 'PublishDeed', editor, (at) => ({ type: 'PublishDeed', context: { actor: editor, now: at } }));
    if (deed.revision) add(deed.revision.at, 'EditDeed (revision 2)', editor, (at) => ({ type: 'EditDeed', content: deed.revision!.content, context: { actor: editor, now: at } }));
    if (deed.unpublish) {
      const { reason } = deed.unpublish;
      add(deed.unpublish.at, 'UnpublishDeed', PROGRAMME_ADMIN, (at) => ({ type: 'UnpublishDeed', reason, context: { actor: PROGRAMME_ADMIN, now: at } }));
    }
  }
  for (const campaign of campaigns) {
    const streamId = campaignStreamId(campaign.campaignId);
    steps.push({
      at: campaign.openedAt,
      streamId,
      version: 1,
      what: `OpenCampaign "${campaign.name}"`,
      run: () =>
        handleCommand(runtime.store, campaignDecider, {
          streamId,
          command: {
            type: 'OpenCampaign',
            campaignId: campaign.campaignId,
            name: campaign.name,
            startsAt: new Date(campaign.startsAt).toISOString(),
            endsAt: new Date(campaign.endsAt).toISOString(),
            actor: PROGRAMME_ADMIN,
          },
          metadata: metadata(PROGRAMME_ADMIN, campaign.openedAt),
          eventIds: eventIds(streamId, 1),
        }),
    });
    if (campaign.close) {
      const { at, standings } = campaign.close;
      steps.push({
        at,
        streamId,
        version: 2,
        what: `CloseCampaign "${campaign.name}"`,
        run: () =>
          handleCommand(runtime.store, campaignDecider, {
            streamId,
            command: { type: 'CloseCampaign', standings, now: new Date(at), actor: PROGRAMME_ADMIN },
            metadata: metadata(PROGRAMME_ADMIN, at),
            eventIds: eventIds(streamId, 2),
          }),
      });
    }
  }
  steps.sort((a, b) => a.at - b.at);

  // What is there already: a rerun writes only what is missing (a load that was interrupted).
  const recorded = new Map<string, number>();
  for (const streamId of new Set(steps.filter((s) => s.version > 0).map((s) => s.streamId))) {
    const events = await runtime.store.readStream(streamId);
    recorded.set(streamId, events.length === 0 ? 0 : events[events.length - 1].streamVersion);
  }
  const remaining = steps.filter((s) => s.version === 0 || s.version > (recorded.get(s.streamId) ?? 0));
  const published = deeds.filter((d) => d.publishAt !== undefined && !d.unpublish).length;
  const summary =
    `${deeds.length} deeds of ${new Set(deeds.map((d) => d.organisation)).size} organisations (${published} published, ` +
    `${fromIdeas.length} from ideas) and ${campaigns.length} campaigns`;
  if (remaining.length === 0) {
    logger.log(`Tekojen tori already loaded: ${summary}.`);
    return { written: 0 };
  }
  if (markerEvent) logger.warn(`Tekojen tori was loaded only in part (interrupted?); writing the remaining ${remaining.length} of ${steps.length} steps.`);
  else logger.log(`Loading Tekojen tori: ${summary}…`);

  let events = 0;
  let last: Checkpoint | undefined;
  for (const step of remaining) {
    const outcome = await step.run();
    if (!outcome.ok) {
      // The running app closes ended campaigns by itself; if it got there first, its result stands.
      if ('error' in outcome && outcome.error.code === 'campaign.closed') {
        logger.warn(`${step.what}: already closed, left as it is.`);
        continue;
      }
      throw new Error(`Demo data is inconsistent: ${step.what} was refused (${refusal(outcome)}).`);
    }
    events += outcome.events.length;
    if (outcome.events.length > 0) last = outcome.result.checkpoint;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  logger.log(`Tekojen tori loaded: ${events} events written in ${seconds} s.`);
  for (const campaign of campaigns.filter((c) => c.close)) {
    const top = campaign.close!.standings[0];
    logger.log(`  ${campaign.name}: Suomen kekseliäin kunta ${top ? `${top.organisation} (${top.deeds} deeds)` : '–'}`);
  }
  return { written: events, last };
}

/** Fills the database with the demo sample: ideas, then Tekojen tori. Whatever is there already is left as it is. */
/** The demo's organisations as the registry knows them: names in Finnish, Swedish and English, and a kind. */
export const DEMO_ORGANISATION_NAMES: Record<string, { names: OrganisationNames; kind: OrganisationKind }> = {
  imatra: { names: { fi: 'Imatran kaupunki', sv: 'Imatra stad', en: 'City of Imatra' }, kind: 'municipality' },
  lappeenranta: { names: { fi: 'Lappeenrannan kaupunki', sv: 'Villmanstrands stad', en: 'City of Lappeenranta' }, kind: 'municipality' },
  'jarvi-saimaan-palvelut': { names: { fi: 'Järvi-Saimaan Palvelut Oy', sv: 'Järvi-Saimaan Palvelut Ab', en: 'Järvi-Saimaan Palvelut Ltd' }, kind: 'other' },
  'hyvinvointialue-etela-karjala': { names: { fi: 'Etelä-Karjalan hyvinvointialue (Eksote)', sv: 'Södra Karelens välfärdsområde (Eksote)', en: 'South Karelia Wellbeing Services County (Eksote)' }, kind: 'wellbeing-services-county' },
  tampere: { names: { fi: 'Tampereen kaupunki', sv: 'Tammerfors stad', en: 'City of Tampere' }, kind: 'municipality' },
  oulu: { names: { fi: 'Oulun kaupunki', sv: 'Uleåborgs stad', en: 'City of Oulu' }, kind: 'municipality' },
  vantaa: { names: { fi: 'Vantaan kaupunki', sv: 'Vanda stad', en: 'City of Vantaa' }, kind: 'municipality' },
  kuopio: { names: { fi: 'Kuopion kaupunki', sv: 'Kuopio stad', en: 'City of Kuopio' }, kind: 'municipality' },
  jyvaskyla: { names: { fi: 'Jyväskylän kaupunki', sv: 'Jyväskylä stad', en: 'City of Jyväskylä' }, kind: 'municipality' },
  porvoo: { names: { fi: 'Porvoon kaupunki', sv: 'Borgå stad', en: 'City of Porvoo' }, kind: 'municipality' },
  vaasa: { names: { fi: 'Vaasan kaupunki', sv: 'Vasa stad', en: 'City of Vaasa' }, kind: 'municipality' },
  mikkeli: { names: { fi: 'Mikkelin kaupunki', sv: 'S:t Michels stad', en: 'City of Mikkeli' }, kind: 'municipality' },
  savonlinna: { names: { fi: 'Savonlinnan kaupunki', sv: 'Nyslotts stad', en: 'City of Savonlinna' }, kind: 'municipality' },
  eskoo: { names: { fi: 'Eskoon sosiaalipalvelujen kuntayhtymä', sv: 'Samkommunen för Eskoo socialtjänster', en: 'Eskoo Joint Municipal Authority for Social Services' }, kind: 'other' },
  'pirkanmaan-hyvinvointialue': { names: { fi: 'Pirkanmaan hyvinvointialue', sv: 'Birkalands välfärdsområde', en: 'Pirkanmaa Wellbeing Services County' }, kind: 'wellbeing-services-county' },
  'hyvinvointialue-etela-savo': { names: { fi: 'Etelä-Savon hyvinvointialue Eloisa', sv: 'Södra Savolax välfärdsområde Eloisa', en: 'South Savo Wellbeing Services County Eloisa' }, kind: 'wellbeing-services-county' },
  'pohjanmaan-hyvinvointialue': { names: { fi: 'Pohjanmaan hyvinvointialue', sv: 'Österbottens välfärdsområde', en: 'Ostrobothnia Wellbeing Services County' }, kind: 'wellbeing-services-county' },
  kunteko: { names: { fi: 'Kunteko-ohjelma', sv: 'Kunteko-programmet', en: 'The Kunteko programme' }, kind: 'state-agency' },
};

/** Registers the demo's organisations under their names (once: a registered one is left as it is). */
async function loadOrganisationNames(runtime: Runtime): Promise<{ written: number; last?: Checkpoint }> {
  const admin: Actor = { subject: 'demo-admin', organisation: 'kunteko', roles: ['admin'] };
  const at = new Date().toISOString();
  let written = 0;
  let last: Checkpoint | undefined;
  for (const [id, { names, kind }] of Object.entries(DEMO_ORGANISATION_NAMES)) {
    const streamId = organisationStreamId(id);
    if ((await runtime.store.readStream(streamId, { toVersion: 1 })).length > 0) continue;
    const outcome = await handleCommand(runtime.store, organisationDecider, {
      streamId,
      command: { type: 'RegisterOrganisation', organisation: id, names, kind },
      metadata: { occurredAt: at, actor: { subject: runtime.pseudonymizer.of(admin.subject), organisation: admin.organisation, roles: admin.roles }, correlationId: nameBasedId(`${ID_PREFIX}:organisations`) },
      eventIds: (i) => nameBasedId(`${ID_PREFIX}:event:${streamId}:1:${i}`),
    });
    if (outcome.ok) {
      written += outcome.events.length;
      last = outcome.result.checkpoint;
    }
  }
  return { written, last };
}

export async function loadDemoData(runtime: Runtime, logger: Logger, options: DemoLoadOptions = {}): Promise<void> {
  const plan = planDemo();
  const registered = await loadOrganisationNames(runtime);
  if (registered.written) logger.log(`Registered ${registered.written} organisations with their names.`);
  const ideas = await loadIdeas(runtime, logger, plan);
  const catalogue = await loadCatalogue(runtime, logger, plan);
  if (registered.written + ideas.written + catalogue.written === 0) {
    logger.log('Demo data already loaded; nothing to do.');
    return;
  }
  const last = catalogue.last ?? ideas.last ?? registered.last;
  if (last && options.waitForProjections !== false) {
    const waitStarted = Date.now();
    const caughtUp = await runtime.runner.waitFor(last, 30_000);
    if (caughtUp) logger.log(`Read models caught up in ${((Date.now() - waitStarted) / 1000).toFixed(1)} s.`);
    else logger.warn('Read models are still catching up with the demo data (waited 30 s); the funnel and the catalogue fill in shortly.');
  }
}
