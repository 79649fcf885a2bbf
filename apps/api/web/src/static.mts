// The front page and the widget's demonstration page: their texts in Finnish, Swedish and English.
import { s, setupPage } from './i18n.mts';

const TEXTS = {
  home: s('Kehittämö', 'Kehittämö', 'Kehittämö'),
  intro: s('Henkilöstön kehitysideat, pilotit ja kehittämisteot.', 'Personalens utvecklingsidéer, piloter och utvecklingsinsatser.', "Staff's improvement ideas, pilots and development deeds."),
  boardItem: s(': ideat vaiheittain, arviointi, pilotit, mittaukset ja päätökset.', ': idéerna per skede, bedömning, piloter, mätningar och beslut.', ': ideas by stage, review, pilots, measurements and decisions.'),
  funnelLink: s('Innovaatiosuppilo', 'Innovationstratten', 'Innovation funnel'),
  funnelItem: s(': määrät, konversiot ja mediaaniajat, CSV-vienti.', ': antal, konverteringar och mediantider, CSV-export.', ': counts, conversions and median times, CSV export.'),
  toriItem: s(': julkaistut kehittämisteot, haku ja kampanjan tilanne.', ': publicerade utvecklingsinsatser, sökning och kampanjens ställning.', ': published development deeds, search and the campaign standings.'),
  juryLink: s('Tuomariston huone', 'Juryrummet', 'Jury room'),
  juryItem: s(': ehdokkaiden arviointi kriteereittäin, esteellisyys, eteneminen; puheenjohtajan lyhyt lista, ohitukset ja kierroksen sulkeminen.',
    ': bedömning av nomineringarna per kriterium, jäv, framsteg; ordförandens korta lista, åsidosättningar och stängning av omgången.',
    ": scoring nominees by criterion, conflicts of interest, progress; the chair's shortlist, overrides and closing the round."),
  editorItem: s(' (organisaation toimittajat): kehittämistekojen kirjoittaminen, esikatselu, julkaisu, uudet versiot ja julkaisusta poistaminen; teot käyttöön otetuista ideoista.',
    ' (organisationens redaktörer): skriva, förhandsgranska, publicera, revidera och avpublicera utvecklingsinsatser; insatser av införda idéer.',
    " (the organisation's editors): writing, previewing, publishing, revising and unpublishing development deeds; deeds from adopted ideas."),
  nominationsItem: s(' (organisaation toimittajat): tekojen, organisaation ja henkilöiden ehdottaminen gaalaan perusteluineen; organisaation ehdotukset.',
    ' (organisationens redaktörer): nominera insatser, organisationen och personer till galan med motivering; organisationens nomineringar.',
    " (the organisation's editors): nominating deeds, the organisation and people for the gala, with the justification; the organisation's nominations."),
  galaItem: s(' (ohjelman ylläpitäjät ja sarjojen puheenjohtajat): gaalan sarjat, kriteerit, tuomarit ja aikataulu; Tekoja tiskiin -kampanjat; palkintojen myöntäminen.',
    ' (programmets administratörer och seriernas ordförande): galans serier, kriterier, jury och tidtabell; kampanjerna Tekoja tiskiin; tilldelning av priser.',
    " (programme admins and the series' chairs): the gala's series, criteria, jurors and dates; Tekoja tiskiin campaigns; granting the awards."),
  coordinatorItem: s(' (toimittajat ja ylläpitäjät): yksiköiden henkilömäärät CSV-tiedostosta, kannustinsääntöjen versiot rinnakkain, aktiivisuusraportti; henkilön tietojen vienti ja poisto (ylläpitäjät).',
    ' (redaktörer och administratörer): enheternas personalantal från en CSV-fil, versionerna av incitamentsreglerna sida vid sida, aktivitetsrapporten; export och radering av en persons uppgifter (administratörer).',
    ' (editors and admins): unit headcounts from a CSV file, incentive rule versions side by side, the activity report; exporting and erasing a person\'s data (admins).'),
  resultsItem: s(' (kaikille): palkitut gaalan jälkeen.', ' (för alla): de prisbelönta efter galan.', ' (everyone): the awarded after the gala.'),
  settingsItem: s(' (kaikille kirjautuneille): ilmoitukset, miten niistä kerrotaan, omien tietojen lataus.', ' (alla inloggade): aviseringar, hur de meddelas, nedladdning av egna uppgifter.', ' (everyone signed in): notifications, how you are told, downloading your own data.'),
  widgetLink: s('Intranet-widget', 'Intranätwidget', 'Intranet widget'),
  apiLink: s('API-dokumentaatio', 'API-dokumentation', 'API documentation'),
  widgetTitle: s('Intranet-widget', 'Intranätwidget', 'Intranet widget'),
  widgetTokenHint: s('Tokenin voi antaa osoitteessa:', 'Token kan ges i adressen:', 'A token can be given in the address:'),
};
const page = location.pathname.includes('widget-demo') ? TEXTS.widgetTitle : TEXTS.home;
setupPage({ title: page, texts: TEXTS });
