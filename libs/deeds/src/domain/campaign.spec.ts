// Campaigns ("Tekoja tiskiin"): opening, closing, and the pure ranking behind "Suomen kekseliäin kunta".
import type { Actor } from '#platform';
import { deciderSpec } from '#platform/testing';
import { campaignDecider, rankStandings, type CampaignEvent, type PublicationFact } from './campaign.js';

const campaignId = '9d3e0a55-2c4b-4f1e-8a77-1b2c3d4e5f60';
const admin: Actor = { subject: 'programme-admin', organisation: 'kunteko', roles: ['admin'] };
const editor: Actor = { subject: 'imatra-editor', organisation: 'imatra', roles: ['org-editor'] };
const employee: Actor = { subject: 'imatra-employee', organisation: 'imatra', roles: ['employee'] };
const juryChair: Actor = { subject: 'chair', organisation: 'kunteko', roles: ['jury-chair', 'juror'] };

const STARTS = '2026-09-01T00:00:00.000Z';
const ENDS = '2026-11-01T00:00:00.000Z';
const given = deciderSpec(campaignDecider);
const opened: CampaignEvent = { type: 'CampaignOpened', data: { campaignId, name: 'Tekoja tiskiin 2026', startsAt: STARTS, endsAt: ENDS } };
const open = (actor: Actor, overrides: Partial<{ name: string; startsAt: string; endsAt: string }> = {}) => ({
  type: 'OpenCampaign' as const,
  campaignId,
  name: 'Tekoja tiskiin 2026',
  startsAt: STARTS,
  endsAt: ENDS,
  actor,
  ...overrides,
});
const standings = [
  { organisation: 'imatra', deeds: 3, reachedAt: '2026-10-01T00:00:00.000Z' },
  { organisation: 'lahti', deeds: 2, reachedAt: '2026-09-20T00:00:00.000Z' },
];
const close = (actor: Actor, now: Date, s = standings) => ({ type: 'CloseCampaign' as const, standings: s, now, actor });

describe('opening a campaign', () => {
  it('is done by a programme admin', () => {
    const spec = given().when(open(admin));
    spec.then(opened);
    expect(spec.state()).toEqual({ status: 'open', campaignId, startsAt: STARTS, endsAt: ENDS });
  });

  it('needs a name and a window that ends after it starts', () => {
    given().when(open(admin, { name: '  ' })).thenRefused('invalid', 'campaign.name-required');
    given().when(open(admin, { endsAt: STARTS })).thenRefused('invalid', 'campaign.window-empty');
    given().when(open(admin, { startsAt: ENDS, endsAt: STARTS })).thenRefused('invalid', 'campaign.window-empty');
  });

  it('cannot open the same campaign twice', () => {
    given(opened).when(open(admin)).thenRefused('conflict', 'campaign.exists');
  });
});

describe('closing a campaign', () => {
  it('refuses before the end of the window, even a millisecond before', () => {
    given(opened).when(close(admin, new Date('2026-10-15T00:00:00Z'))).thenRefused('conflict', 'campaign.still-running');
    given(opened).when(close(admin, new Date(Date.parse(ENDS) - 1))).thenRefused('conflict', 'campaign.still-running');
  });

  it('records the leader as the most inventive organisation once the window has ended', () => {
    const spec = given(opened).when(close(admin, new Date(ENDS)));
    spec.then({ type: 'CampaignClosed', data: { campaignId, winner: 'imatra', standings } });
    expect(spec.state()).toMatchObject({ status: 'closed' });
  });

  it('records no winner when nobody published', () => {
    given(opened).when(close(admin, new Date('2027-01-01T00:00:00Z'), [])).then({ type: 'CampaignClosed', data: { campaignId, winner: null, standings: [] } });
  });

  it('closes once, and needs a campaign', () => {
    const closed: CampaignEvent = { type: 'CampaignClosed', data: { campaignId, winner: 'imatra', standings } };
    given(opened, closed).when(close(admin, new Date('2027-01-01T00:00:00Z'))).thenRefused('conflict', 'campaign.closed');
    given().when(close(admin, new Date('2027-01-01T00:00:00Z'))).thenRefused('not-found', 'campaign.not-found');
  });
});

describe('rankStandings', () => {
  const start = new Date(STARTS);
  const end = new Date(ENDS);
  const fact = (organisation: string, at: string, sector = 'technical'): PublicationFact => ({ organisation, sector, publishedAt: new Date(at) });

  it('ranks by deeds published in the window, with per-sector counts', () => {
    const ranked = rankStandings(
      [
        fact('lahti', '2026-09-10T00:00:00Z', 'social-and-health'),
        fact('imatra', '2026-09-02T00:00:00Z', 'technical'),
        fact('imatra', '2026-09-03T00:00:00Z', 'culture-and-leisure'),
        fact('imatra', '2026-10-30T00:00:00Z', 'technical'),
        fact('espoo', '2026-09-05T00:00:00Z'),
        fact('espoo', '2026-09-06T00:00:00Z'),
      ],
      start,
      end,
    );
    expect(ranked).toEqual([
      { rank: 1, organisation: 'imatra', deeds: 3, reachedAt: '2026-10-30T00:00:00.000Z', sectors: { technical: 2, 'culture-and-leisure': 1 } },
      { rank: 2, organisation: 'espoo', deeds: 2, reachedAt: '2026-09-06T00:00:00.000Z', sectors: { technical: 2 } },
      { rank: 3, organisation: 'lahti', deeds: 1, reachedAt: '2026-09-10T00:00:00.000Z', sectors: { 'social-and-health': 1 } },
    ]);
  });

  it('breaks a tie in favour of who reached the count first, whatever the input order', () => {
    const facts = [
      fact('aaa-late', '2026-09-01T10:00:00Z'),
      fact('aaa-late', '2026-10-20T00:00:00Z'),
      fact('zzz-early', '2026-09-15T00:00:00Z'),
      fact('zzz-early', '2026-10-19T23:59:59Z'),
    ];
    const expected = ['zzz-early', 'aaa-late'];
    expect(rankStandings(facts, start, end).map((s) => s.organisation)).toEqual(expected);
    expect(rankStandings([...facts].reverse(), start, end).map((s) => s.organisation)).toEqual(expected);
    expect(rankStandings(facts, start, end).map((s) => s.rank)).toEqual([1, 2]);
  });

  it('counts only deeds inside the window when breaking ties', () => {
    // lahti reached 1 inside the window before imatra did; imatra's early deed is outside.
    const ranked = rankStandings(
      [fact('imatra', '2026-08-31T23:59:59.999Z'), fact('imatra', '2026-09-20T00:00:00Z'), fact('lahti', '2026-09-10T00:00:00Z')],
      start,
      end,
    );
    expect(ranked.map((s) => [s.organisation, s.deeds, s.reachedAt])).toEqual([
      ['lahti', 1, '2026-09-10T00:00:00.000Z'],
      ['imatra', 1, '2026-09-20T00:00:00.000Z'],
    ]);
  });

  it('includes the start and excludes the end', () => {
    const ranked = rankStandings(
      [
        fact('at-start', STARTS),
        fact('before-start', '2026-08-31T23:59:59.999Z'),
        fact('at-end', ENDS),
        fact('last-millisecond', '2026-10-31T23:59:59.999Z'),
        fact('after-end', '2026-11-01T00:00:00.001Z'),
      ],
      start,
      end,
    );
    expect(ranked.map((s) => s.organisation)).toEqual(['at-start', 'last-millisecond']);
    expect(ranked[0].reachedAt).toBe(STARTS);
  });

  it('gives an empty list for no facts or an empty window', () => {
    expect(rankStandings([], start, end)).toEqual([]);
    expect(rankStandings([fact('imatra', STARTS)], start, start)).toEqual([]);
  });

  it('orders a full tie (same count, same moment) by name, so it is stable', () => {
    const at = '2026-09-10T12:00:00Z';
    expect(rankStandings([fact('b-org', at), fact('a-org', at), fact('c-org', at)], start, end).map((s) => s.organisation)).toEqual(['a-org', 'b-org', 'c-org']);
  });
});
