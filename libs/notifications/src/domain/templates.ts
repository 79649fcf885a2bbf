// What a notification says, in Finnish, Swedish or English: pure functions of the notification's kind and facts.
import type { NotificationKind, NotificationLanguage } from './preferences.js';

export interface NotificationParams {
  ideaId?: string;
  title?: string;
  /** idea-stage, supported-idea-stage: the stage the idea moved to. */
  stage?: string;
  reason?: string;
  comment?: string;
  /** Pseudonym of who wrote the comment: its excerpt is erased with them. */
  commentBy?: string;
  deedId?: string;
  award?: string;
  season?: string;
  category?: string;
  /** idea-merged: which side the recipient's idea was on, and the other idea. */
  side?: 'duplicate' | 'survivor';
  otherId?: string;
  otherTitle?: string;
  unit?: string;
  /** jury-rounds */
  seasonId?: string;
  series?: string[];
  round?: string;
  roundEvent?: 'opened' | 'closed';
  nextRound?: string;
}

export interface Rendered {
  subject: string;
  text: string;
  /** Path in the app, e.g. /api/ideas/<id>. */
  link: string | null;
}

type Texts = Record<NotificationLanguage, (p: NotificationParams) => { subject: string; text: string }>;

const STAGES: Record<NotificationLanguage, Record<string, string>> = {
  fi: { inReview: 'arvioitavana', piloting: 'kokeilussa', adopted: 'otettu käyttöön', rejected: 'hylätty', submitted: 'jätetty' },
  sv: { inReview: 'under bedömning', piloting: 'i försök', adopted: 'infört', rejected: 'avslaget', submitted: 'inlämnat' },
  en: { inReview: 'in review', piloting: 'being piloted', adopted: 'adopted', rejected: 'rejected', submitted: 'submitted' },
};
const ROUNDS: Record<NotificationLanguage, Record<string, string>> = {
  fi: { 'long-list': 'pitkän listan kierros', shortlist: 'lyhyen listan kierros' },
  sv: { 'long-list': 'omgången för den långa listan', shortlist: 'omgången för den korta listan' },
  en: { 'long-list': 'long-list round', shortlist: 'shortlist round' },
};

const q = (title: string | undefined) => `"${title ?? ''}"`;
const excerpt = (text: string | undefined, max = 200) => (!text ? '' : text.length > max ? `${text.slice(0, max - 1)}…` : text);
const stage = (lang: NotificationLanguage, p: NotificationParams) => STAGES[lang][p.stage ?? ''] ?? p.stage ?? '';
const round = (lang: NotificationLanguage, r: string | undefined) => ROUNDS[lang][r ?? ''] ?? r ?? '';

const TEMPLATES: Record<NotificationKind, Texts> = {
  'idea-stage': {
    fi: (p) => ({ subject: `Ideasi on nyt ${stage('fi', p)}`, text: `Ideasi ${q(p.title)} on nyt ${stage('fi', p)}.${p.reason ? ` Perustelu: ${p.reason}` : ''}` }),
    sv: (p) => ({ subject: `Din idé är nu ${stage('sv', p)}`, text: `Din idé ${q(p.title)} är nu ${stage('sv', p)}.${p.reason ? ` Motivering: ${p.reason}` : ''}` }),
    en: (p) => ({ subject: `Your idea is now ${stage('en', p)}`, text: `Your idea ${q(p.title)} is now ${stage('en', p)}.${p.reason ? ` Reason: ${p.reason}` : ''}` }),
  },
  'idea-comment': {
    fi: (p) => ({ subject: 'Ideaasi on kommentoitu', text: `Ideaasi ${q(p.title)} on kommentoitu: ${excerpt(p.comment)}` }),
    sv: (p) => ({ subject: 'Din idé har fått en kommentar', text: `Din idé ${q(p.title)} har fått en kommentar: ${excerpt(p.comment)}` }),
    en: (p) => ({ subject: 'Your idea has a new comment', text: `Your idea ${q(p.title)} has a new comment: ${excerpt(p.comment)}` }),
  },
  'idea-deed': {
    fi: (p) => ({ subject: 'Ideastasi tuli kehittämisteko', text: `Ideasi ${q(p.title)} on nyt kehittämisteko Tekojen torilla.` }),
    sv: (p) => ({ subject: 'Din idé blev en utvecklingsgärning', text: `Din idé ${q(p.title)} är nu en utvecklingsgärning på Tekojen tori.` }),
    en: (p) => ({ subject: 'Your idea became a development deed', text: `Your idea ${q(p.title)} is now a development deed in Tekojen tori.` }),
  },
  'idea-award': {
    fi: (p) => ({ subject: 'Ideasi palkittiin!', text: `Ideastasi syntynyt teko palkittiin: ${p.award ?? ''} (${p.season ?? ''}). Idea: ${q(p.title)}.` }),
    sv: (p) => ({ subject: 'Din idé har prisats!', text: `Gärningen som din idé ledde till har prisats: ${p.award ?? ''} (${p.season ?? ''}). Idé: ${q(p.title)}.` }),
    en: (p) => ({ subject: 'Your idea won an award!', text: `The deed your idea became won an award: ${p.award ?? ''} (${p.season ?? ''}). Idea: ${q(p.title)}.` }),
  },
  'idea-merged': {
    fi: (p) =>
      p.side === 'duplicate'
        ? { subject: 'Ideasi yhdistettiin toiseen ideaan', text: `Ideasi ${q(p.title)} yhdistettiin samanlaiseen ideaan ${q(p.otherTitle)}. Tuet ja kommentit siirtyivät sinne.` }
        : { subject: 'Ideaasi yhdistettiin samanlainen idea', text: `Ideaasi ${q(p.title)} yhdistettiin samanlainen idea ${q(p.otherTitle)} tukineen ja kommentteineen.` },
    sv: (p) =>
      p.side === 'duplicate'
        ? { subject: 'Din idé slogs ihop med en annan idé', text: `Din idé ${q(p.title)} slogs ihop med den liknande idén ${q(p.otherTitle)}. Stöd och kommentarer flyttades dit.` }
        : { subject: 'En liknande idé slogs ihop med din', text: `Den liknande idén ${q(p.otherTitle)} slogs ihop med din idé ${q(p.title)}, med sitt stöd och sina kommentarer.` },
    en: (p) =>
      p.side === 'duplicate'
        ? { subject: 'Your idea was merged into another idea', text: `Your idea ${q(p.title)} was merged into the similar idea ${q(p.otherTitle)}. Its supports and comments moved there.` }
        : { subject: 'A similar idea was merged into yours', text: `The similar idea ${q(p.otherTitle)} was merged into your idea ${q(p.title)}, with its supports and comments.` },
  },
  'supported-idea-stage': {
    fi: (p) => ({ subject: `Tukemasi idea on nyt ${stage('fi', p)}`, text: `Tukemasi idea ${q(p.title)} on nyt ${stage('fi', p)}.${p.reason ? ` Perustelu: ${p.reason}` : ''}` }),
    sv: (p) => ({ subject: `Idén du stöder är nu ${stage('sv', p)}`, text: `Idén du stöder, ${q(p.title)}, är nu ${stage('sv', p)}.${p.reason ? ` Motivering: ${p.reason}` : ''}` }),
    en: (p) => ({ subject: `An idea you support is now ${stage('en', p)}`, text: `The idea you support, ${q(p.title)}, is now ${stage('en', p)}.${p.reason ? ` Reason: ${p.reason}` : ''}` }),
  },
  'new-ideas': {
    fi: (p) => ({ subject: 'Uusi idea organisaatiossasi', text: `Uusi idea: ${q(p.title)}${p.unit ? ` (${p.unit})` : ''}` }),
    sv: (p) => ({ subject: 'En ny idé i din organisation', text: `Ny idé: ${q(p.title)}${p.unit ? ` (${p.unit})` : ''}` }),
    en: (p) => ({ subject: 'A new idea in your organisation', text: `New idea: ${q(p.title)}${p.unit ? ` (${p.unit})` : ''}` }),
  },
  'jury-rounds': {
    fi: (p) =>
      p.roundEvent === 'opened'
        ? { subject: `Gaala: ${round('fi', p.round)} on avattu`, text: `${p.season ?? ''}: ${round('fi', p.round)} on avattu sarjoissa ${(p.series ?? []).join(', ')}. Voit nyt pisteyttää ehdokkaat.` }
        : {
            subject: `Gaala: ${round('fi', p.round)} on suljettu`,
            text: `${p.season ?? ''}: ${round('fi', p.round)} on suljettu sarjassa ${(p.series ?? []).join(', ')}.${p.nextRound ? ` Seuraavaksi avautuu ${round('fi', p.nextRound)}.` : ''}`,
          },
    sv: (p) =>
      p.roundEvent === 'opened'
        ? { subject: `Gaala: ${round('sv', p.round)} har öppnats`, text: `${p.season ?? ''}: ${round('sv', p.round)} har öppnats i serierna ${(p.series ?? []).join(', ')}. Du kan nu poängsätta kandidaterna.` }
        : {
            subject: `Gaala: ${round('sv', p.round)} har stängts`,
            text: `${p.season ?? ''}: ${round('sv', p.round)} har stängts i serien ${(p.series ?? []).join(', ')}.${p.nextRound ? ` Härnäst öppnas ${round('sv', p.nextRound)}.` : ''}`,
          },
    en: (p) =>
      p.roundEvent === 'opened'
        ? { subject: `Gala: the ${round('en', p.round)} is open`, text: `${p.season ?? ''}: the ${round('en', p.round)} is open in ${(p.series ?? []).join(', ')}. You can now score the nominees.` }
        : {
            subject: `Gala: the ${round('en', p.round)} is closed`,
            text: `${p.season ?? ''}: the ${round('en', p.round)} is closed in ${(p.series ?? []).join(', ')}.${p.nextRound ? ` The ${round('en', p.nextRound)} opens next.` : ''}`,
          },
  },
};

export function linkOf(kind: NotificationKind, p: NotificationParams): string | null {
  if (kind === 'jury-rounds') return p.seasonId ? `/api/award-seasons/${p.seasonId}` : null;
  if (kind === 'idea-merged' && p.side === 'duplicate' && p.otherId) return `/api/ideas/${p.otherId}`;
  return p.ideaId ? `/api/ideas/${p.ideaId}` : null;
}

export function render(kind: NotificationKind, params: NotificationParams, language: NotificationLanguage): Rendered {
  const { subject, text } = TEMPLATES[kind][language](params);
  return { subject, text, link: linkOf(kind, params) };
}

const DIGEST: Record<NotificationLanguage, { subject: (n: number, day: string) => string; intro: string; footer: string }> = {
  fi: { subject: (n, day) => `Kehittämö: ${n} ilmoitusta (${day})`, intro: 'Päivän ilmoitukset:', footer: 'Voit muuttaa ilmoitusasetuksiasi Kehittämössä.' },
  sv: { subject: (n, day) => `Kehittämö: ${n} meddelanden (${day})`, intro: 'Dagens meddelanden:', footer: 'Du kan ändra dina inställningar för meddelanden i Kehittämö.' },
  en: { subject: (n, day) => `Kehittämö: ${n} notifications (${day})`, intro: "The day's notifications:", footer: 'You can change your notification settings in Kehittämö.' },
};
const FOOTER: Record<NotificationLanguage, string> = {
  fi: 'Saat tämän viestin, koska olet tilannut ilmoitukset Kehittämöstä. Voit muuttaa asetuksiasi Kehittämössä.',
  sv: 'Du får detta meddelande eftersom du har beställt meddelanden från Kehittämö. Du kan ändra dina inställningar i Kehittämö.',
  en: 'You get this message because you asked Kehittämö for notifications. You can change your settings in Kehittämö.',
};

export interface MailContent {
  subject: string;
  text: string;
}

/** One notification as a mail of its own. */
export function renderMail(kind: NotificationKind, params: NotificationParams, language: NotificationLanguage, publicUrl: string): MailContent {
  const r = render(kind, params, language);
  return { subject: r.subject, text: `${r.text}\n${r.link ? `\n${publicUrl}${r.link}\n` : ''}\n-- \n${FOOTER[language]}\n` };
}

/** Several notifications of one day as one mail. */
export function renderDigest(items: { kind: NotificationKind; params: NotificationParams }[], day: string, language: NotificationLanguage, publicUrl: string): MailContent {
  const d = DIGEST[language];
  const lines = items.map(({ kind, params }) => {
    const r = render(kind, params, language);
    return `- ${r.text}${r.link ? `\n  ${publicUrl}${r.link}` : ''}`;
  });
  return { subject: d.subject(items.length, day), text: `${d.intro}\n\n${lines.join('\n')}\n\n-- \n${d.footer}\n` };
}
