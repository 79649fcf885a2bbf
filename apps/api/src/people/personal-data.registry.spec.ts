// The registry names real event types and fields: a typo here would leave personal data in clear.
import { AWARD_EVENT_TYPES } from '#awards';
import { newPersonKey, openEvent, ownerToSeal, sealEvent } from '#event-store';
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
};

describe('the personal data registry', () => {
  it('names event types the contexts write, and fields inside the events data', () => {
    const known = new Set<string>([...IDEA_EVENT_TYPES, ...AWARD_EVENT_TYPES]);
    for (const [type, rule] of Object.entries(PERSONAL_DATA)) {
      expect(known).toContain(type);
      for (const path of rule.paths) expect(path).toMatch(/^data\.[A-Za-z.]+$/);
      expect(rule.owner).toMatch(/^(data|metadata)\.[A-Za-z.]+$/);
    }
  });

  it('seals every personal field of each registered type with its owner, so none of it is left in clear', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(PERSONAL_DATA).sort());
    const key = newPersonKey();
    for (const [type, data] of Object.entries(samples)) {
      const event = { eventId: 'e-1', type, data, metadata };
      expect(ownerToSeal(PERSONAL_DATA, event)).toMatch(/^p_/);
      const sealed = sealEvent(PERSONAL_DATA, event, key);
      expect(JSON.stringify(sealed.data)).not.toContain('Maija');
      expect(openEvent(PERSONAL_DATA, sealed, new Map([[ownerToSeal(PERSONAL_DATA, event)!, key]])).data).toEqual(data);
    }
  });
});
