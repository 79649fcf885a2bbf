// The registry names real event types and fields: a typo here would leave personal data in clear.
import { AWARD_EVENT_TYPES } from '#awards';
import { newPersonKey, openEvent, ownersToSeal, sealEvent } from '#event-store';
import { PREFERENCES_EVENT_TYPES } from '#notifications';
import { IDEA_EVENT_TYPES } from '#ideas';
import { PERSONAL_DATA } from './personal-data.registry.js';

const metadata = { occurredAt: '2026-11-23T10:00:00.000Z', actor: { subject: 'p_actor', organisation: 'imatra', roles: ['employee'] } };
const employee = { kind: 'employee', organisation: 'imatra', name: 'Maija Meikäläinen', unit: 'kotihoito', person: 'p_maija' };

/** One event of each registered type, as its context writes it. */
const samples: Record<string, Record<string, unknown>> = {
  IdeaSubmitted: { ideaId: 'i', title: 'Otsikko', media: [{ kind: 'image', url: 'https://x/y.jpg', caption: 'Maija' }], anonymous: true, submitter: 'p_maija' },
  IdeaCommented: { ideaId: 'i', commentId: 'c', text: 'Maijan kommentti', author: 'p_maija' },
  IdeaWithdrawn: { ideaId: 'i', reason: 'Maija vaihtaa työpaikkaa' },
  NominationSubmitted: { seasonId: 's', nominationId: 'n', series: 'x', nominee: employee, justification: 'Perustelu', source: 'nominator' },
  AwardGranted: { seasonId: 's', awardId: 'a', series: 'x', nominationId: 'n', category: 'winner', title: 'Palkinto', nominee: employee },
  AwardAnnounced: { seasonId: 's', awardId: 'a', year: 2026, seasonName: 'G', series: 'x', seriesName: 'X', category: 'winner', title: 'Palkinto', nominee: employee },
  NominationScored: { seasonId: 's', nominationId: 'n', series: 'x', juror: 'p_juror', round: 'long-list', scores: {}, comment: 'Maija ansaitsee' },
  NominationScoreChanged: { seasonId: 's', nominationId: 'n', series: 'x', juror: 'p_juror', round: 'long-list', scores: {}, comment: 'Maija ansaitsee', previous: {} },
  JurorRecused: { seasonId: 's', nominationId: 'n', series: 'x', juror: 'p_juror', reason: 'declared', detail: 'Maija on sisareni' },
  DuplicateMerged: {
    ideaId: 'i',
    duplicateId: 'd',
    supporters: ['p_matti'],
    comments: [
      { commentId: 'c1', text: 'Maijan kommentti', author: 'p_maija', at: '2026-11-23T10:00:00.000Z' },
      { commentId: 'c2', text: 'Maija on oikeassa', author: 'p_matti', at: '2026-11-23T11:00:00.000Z' },
    ],
  },
  NotificationPreferencesSet: { person: 'p_maija', organisation: 'imatra', roles: ['employee'], channels: ['email'], email: 'maija.meikalainen@imatra.fi', frequency: 'daily', language: 'fi', kinds: [] },
};

describe('the personal data registry', () => {
  it('names event types the contexts write, and fields inside the events data', () => {
    const known = new Set<string>([...IDEA_EVENT_TYPES, ...AWARD_EVENT_TYPES, ...PREFERENCES_EVENT_TYPES]);
    for (const [type, rule] of Object.entries(PERSONAL_DATA)) {
      expect(known).toContain(type);
      if (rule.each) {
        // Per element of a list in the data: paths and owner inside each element.
        expect(rule.each).toMatch(/^data\.[A-Za-z.]+$/);
        for (const path of rule.paths) expect(path).toMatch(/^[A-Za-z.]+$/);
        expect(rule.owner).toMatch(/^[A-Za-z.]+$/);
      } else {
        for (const path of rule.paths) expect(path).toMatch(/^data\.[A-Za-z.]+$/);
        expect(rule.owner).toMatch(/^(data|metadata)\.[A-Za-z.]+$/);
      }
    }
  });

  it('seals every personal field of each registered type with its owner, so none of it is left in clear', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(PERSONAL_DATA).sort());
    for (const [type, data] of Object.entries(samples)) {
      const event = { eventId: 'e-1', type, data, metadata };
      const owners = ownersToSeal(PERSONAL_DATA, event);
      expect(owners.length).toBeGreaterThan(0);
      for (const owner of owners) expect(owner).toMatch(/^p_/);
      const keys = new Map(owners.map((owner) => [owner, newPersonKey()]));
      const sealed = sealEvent(PERSONAL_DATA, event, keys);
      expect({ type, clear: JSON.stringify(sealed.data).includes('Maija') || JSON.stringify(sealed.data).includes('maija.') }).toEqual({ type, clear: false });
      expect(openEvent(PERSONAL_DATA, sealed, keys).data).toEqual(data);
    }
  });
});
