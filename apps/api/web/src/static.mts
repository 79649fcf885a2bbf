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
  widgetLink: s('Intranet-widget', 'Intranätwidget', 'Intranet widget'),
  apiLink: s('API-dokumentaatio', 'API-dokumentation', 'API documentation'),
  widgetTitle: s('Intranet-widget', 'Intranätwidget', 'Intranet widget'),
  widgetTokenHint: s('Tokenin voi antaa osoitteessa:', 'Token kan ges i adressen:', 'A token can be given in the address:'),
};
const page = location.pathname.includes('widget-demo') ? TEXTS.widgetTitle : TEXTS.home;
setupPage({ title: page, texts: TEXTS });
