// The pure parts of notifications: preferences, routing, templates, digest days, configuration.
import { ConfigError, loadConfig } from '#platform';
import { deciderSpec } from '#platform/testing';
import { lastDueDay } from './delivery/notification-delivery.js';
import { NOTIFICATION_KINDS, NOTIFICATION_LANGUAGES, preferencesDecider, type NotificationPreferencesSet, type SetPreferences } from './domain/preferences.js';
import { render, renderDigest, renderMail } from './domain/templates.js';
import { finnishDay, routeFor } from './read-models/notification.projection.js';

const spec = deciderSpec(preferencesDecider);
const command = (overrides: Partial<SetPreferences['preferences']> = {}): SetPreferences => ({
  type: 'SetNotificationPreferences',
  person: 'p_aino',
  organisation: 'imatra',
  roles: ['employee'],
  preferences: { channels: ['email', 'in-app'], email: 'aino@imatra.example', frequency: 'daily', language: 'sv', kinds: ['idea-stage'], ...overrides },
});
const set = (data: Partial<NotificationPreferencesSet['data']> = {}): NotificationPreferencesSet => ({
  type: 'NotificationPreferencesSet',
  data: { person: 'p_aino', organisation: 'imatra', roles: ['employee'], channels: ['email', 'in-app'], email: 'aino@imatra.example', frequency: 'daily', language: 'sv', kinds: ['idea-stage'], ...data },
});

describe('notification preferences', () => {
  it('records the choice with the e-mail address and who the person was (organisation, roles)', () => {
    spec().when(command()).then(set());
  });

  it('needs an address for e-mail', () => {
    const { email: _email, ...withoutEmail } = command().preferences;
    spec().when({ ...command(), preferences: withoutEmail }).thenRefused('invalid', 'notifications.email-required');
  });

  it('writes nothing when the choice is the same (in any order)', () => {
    spec(set({ kinds: ['idea-comment', 'idea-stage'] }))
      .when(command({ kinds: ['idea-stage', 'idea-comment'] }))
      .then();
    spec(set()).when(command({ language: 'en' })).then(set({ language: 'en' }));
  });
});

describe('routing a notification', () => {
  const person = { person: 'p', organisation: 'imatra', roles: ['employee'], channels: ['email', 'in-app'], email: 'a@b.fi', frequency: 'immediately', kinds: null };

  it('goes to the app only for someone who chose nothing', () => {
    expect(routeFor(undefined, 'idea-stage')).toEqual({ inApp: true, email: 'none' });
  });

  it('mails at once, or in the daily digest, as chosen; news of new ideas always in the digest', () => {
    expect(routeFor(person, 'idea-comment')).toEqual({ inApp: true, email: 'immediate' });
    expect(routeFor({ ...person, frequency: 'daily' }, 'idea-comment')).toEqual({ inApp: true, email: 'digest' });
    expect(routeFor(person, 'new-ideas')).toEqual({ inApp: true, email: 'digest' });
  });

  it('does not mail without an address, and drops kinds turned off or with no channel', () => {
    expect(routeFor({ ...person, email: null }, 'idea-stage')).toEqual({ inApp: true, email: 'none' });
    expect(routeFor({ ...person, kinds: ['idea-stage'] }, 'idea-comment')).toBeUndefined();
    expect(routeFor({ ...person, channels: [] }, 'idea-stage')).toBeUndefined();
  });
});

describe('templates', () => {
  it('say every kind in Finnish, Swedish and English, each language differently', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const texts = NOTIFICATION_LANGUAGES.map((language) => render(kind, { title: 'Kalenteri', stage: 'adopted', side: 'duplicate', otherTitle: 'Toinen', round: 'shortlist', roundEvent: 'opened', series: ['Innostavat teot'] }, language));
      for (const text of texts) {
        expect(text.subject.length).toBeGreaterThan(5);
        expect(text.text).not.toMatch(/undefined|\[object/);
      }
      expect(new Set(texts.map((t) => t.subject)).size).toBe(3);
    }
  });

  it('names the stage in the reader’s language and links to the idea', () => {
    expect(render('idea-stage', { ideaId: 'i1', title: 'Kalenteri', stage: 'piloting' }, 'fi')).toEqual({
      subject: 'Ideasi on nyt kokeilussa',
      text: 'Ideasi "Kalenteri" on nyt kokeilussa.',
      link: '/api/ideas/i1',
    });
    expect(render('idea-merged', { ideaId: 'i1', side: 'duplicate', otherId: 'i2', title: 'A', otherTitle: 'B' }, 'en').link).toBe('/api/ideas/i2');
  });

  it('puts the full address in mail and lists a day in a digest', () => {
    const mail = renderMail('idea-deed', { ideaId: 'i1', title: 'Kalenteri' }, 'sv', 'https://kehittamo.example');
    expect(mail.text).toContain('https://kehittamo.example/api/ideas/i1');
    const digest = renderDigest(
      [
        { kind: 'new-ideas', params: { ideaId: 'a', title: 'Yksi' } },
        { kind: 'new-ideas', params: { ideaId: 'b', title: 'Kaksi' } },
      ],
      '2025-03-03',
      'fi',
      'https://k.example',
    );
    expect(digest.subject).toBe('Kehittämö: 2 ilmoitusta (2025-03-03)');
    expect(digest.text).toContain('- Uusi idea: "Yksi"\n  https://k.example/api/ideas/a');
  });
});

describe('digest days', () => {
  it('counts days in Finnish time', () => {
    expect(finnishDay(new Date('2025-03-03T21:59:00Z'))).toBe('2025-03-03');
    expect(finnishDay(new Date('2025-03-03T22:01:00Z'))).toBe('2025-03-04');
  });

  it("sends yesterday's digests once the digest hour has passed in Finland", () => {
    // 06:30 in Helsinki (UTC+2 in March): the day before yesterday is the last due day.
    expect(lastDueDay(new Date('2025-03-04T04:30:00Z'), 7)).toBe('2025-03-02');
    expect(lastDueDay(new Date('2025-03-04T05:30:00Z'), 7)).toBe('2025-03-03');
    // Summer time (UTC+3).
    expect(lastDueDay(new Date('2025-07-01T04:10:00Z'), 7)).toBe('2025-06-30');
  });
});

describe('notification configuration', () => {
  it('defaults to the local outbox and checks what it is given', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/k' }, []);
    expect(config.notifications).toMatchObject({ delivery: 'run', smtpUrl: undefined, digestHour: 7, publicUrl: 'http://localhost:3000' });
    expect(loadConfig({ SMTP_URL: 'smtp://mail.example:2525', PUBLIC_URL: 'https://idea.example/', MAIL_FROM: 'Ideat <ideat@kunta.fi>' }, []).notifications).toMatchObject({
      smtpUrl: 'smtp://mail.example:2525',
      publicUrl: 'https://idea.example',
      from: 'Ideat <ideat@kunta.fi>',
    });
    const bad = () => loadConfig({ SMTP_URL: 'http://mail.example', MAIL_FROM: 'nobody', NOTIFY_DIGEST_HOUR: '25', NOTIFICATIONS: 'maybe' }, []);
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('SMTP_URL must be a smtp: or smtps: URL');
      expect(problems).toContain('MAIL_FROM must be an e-mail address');
      expect(problems).toContain('NOTIFY_DIGEST_HOUR must be a whole number from 0 to 23');
      expect(problems).toContain('NOTIFICATIONS must be run or off');
    }
  });
});
