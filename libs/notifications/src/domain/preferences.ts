// A person's notification preferences: one stream per person, keyed by the person's pseudonym.
import { accept, refuse, type Decision } from '#platform';

export const NOTIFICATION_KINDS = ['idea-stage', 'idea-comment', 'idea-deed', 'idea-award', 'idea-merged', 'supported-idea-stage', 'new-ideas', 'jury-rounds'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const CHANNELS = ['email', 'in-app'] as const;
export type Channel = (typeof CHANNELS)[number];
export const FREQUENCIES = ['immediately', 'daily'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const NOTIFICATION_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

export interface Preferences {
  channels: Channel[];
  /** Personal data: the address mail goes to. Present whenever `channels` has `email`. */
  email?: string;
  frequency: Frequency;
  language: NotificationLanguage;
  kinds: NotificationKind[];
}

/** What a person gets before saying anything: everything, in the app only, in Finnish. */
export const DEFAULT_PREFERENCES: Preferences = { channels: ['in-app'], frequency: 'immediately', language: 'fi', kinds: [...NOTIFICATION_KINDS] };

/**
 * The person's choice, with who they were when they made it: the organisation and roles of their token.
 * `roles` is how the notifier knows the change agents (daily digest of new ideas) and jurors of an organisation.
 */
export type NotificationPreferencesSet = {
  type: 'NotificationPreferencesSet';
  data: Preferences & { person: string; organisation: string; roles: string[] };
};
export type PreferencesEvent = NotificationPreferencesSet;
export const PREFERENCES_EVENT_TYPES: readonly PreferencesEvent['type'][] = ['NotificationPreferencesSet'];

export const PREFERENCES_STREAM_PREFIX = 'notification-preferences-';
export const preferencesStreamId = (person: string): string => `${PREFERENCES_STREAM_PREFIX}${person}`;
export const isPreferencesStream = (streamId: string): boolean => streamId.startsWith(PREFERENCES_STREAM_PREFIX);

export type PreferencesState = { set: false } | { set: true; current: NotificationPreferencesSet['data'] };

export interface SetPreferences {
  type: 'SetNotificationPreferences';
  person: string;
  organisation: string;
  roles: string[];
  preferences: Preferences;
}

const same = (a: NotificationPreferencesSet['data'], b: NotificationPreferencesSet['data']): boolean =>
  JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
// Field by field in a fixed order: stored events come back with their keys in another order.
const normalise = (p: NotificationPreferencesSet['data']) => [
  p.person,
  p.organisation,
  [...p.roles].sort(),
  [...p.channels].sort(),
  p.email ?? null,
  p.frequency,
  p.language,
  [...p.kinds].sort(),
];

export function decidePreferences(command: SetPreferences, state: PreferencesState): Decision<PreferencesEvent> {
  const { preferences: p } = command;
  if (p.channels.includes('email') && !p.email) {
    return refuse('invalid', 'notifications.email-required', 'Give an e-mail address to get notifications by e-mail.');
  }
  const data: NotificationPreferencesSet['data'] = {
    person: command.person,
    organisation: command.organisation,
    roles: [...command.roles],
    channels: [...new Set(p.channels)],
    ...(p.email ? { email: p.email } : {}),
    frequency: p.frequency,
    language: p.language,
    kinds: [...new Set(p.kinds)],
  };
  // Saving the same choice again writes nothing.
  if (state.set && same(state.current, data)) return accept();
  return accept({ type: 'NotificationPreferencesSet', data });
}

export const preferencesDecider = {
  decide: decidePreferences,
  evolve: (_state: PreferencesState, event: PreferencesEvent): PreferencesState => ({ set: true, current: event.data }),
  initialState: (): PreferencesState => ({ set: false }),
};
