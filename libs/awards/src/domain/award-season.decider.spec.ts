// Given season events, when a command, then events or a refusal.
import type { Actor, Role } from '#platform';
import { deciderSpec } from '#platform/testing';
import { seasonDecider, type NomineeEvidence, type SeasonCommand, type SeasonContext } from './award-season.decider.js';
import { DEFAULT_CRITERIA, type AwardSeasonEvent, type SeriesConfig } from './award-season.events.js';

const given = deciderSpec(seasonDecider);
const seasonId = 'season-2026';
const NOMINATING = new Date('2026-09-15T10:00:00Z');
const AFTER_NOMINATIONS = new Date('2026-10-15T10:00:00Z');
const AFTER_GALA = new Date('2026-11-21T10:00:00Z');

const ctx = (pseudonym: string, organisation: string, roles: Role[], now = NOMINATING): SeasonContext => ({ actor: { subject: pseudonym, organisation, roles } as Actor, pseudonym, now });
const admin = (now = NOMINATING) => ctx('p_admin', 'kunteko', ['admin'], now);
const editor = (org = 'imatra', now = NOMINATING) => ctx(`p_editor_${org}`, org, ['org-editor'], now);
const juror = (n: 1 | 2 | 3, now = NOMINATING) => ctx(`p_j${n}`, n === 1 ? 'imatra' : n === 2 ? 'lahti' : 'kotka', ['juror'], now);
const chair = (now = AFTER_NOMINATIONS) => ctx('p_chair', 'kunteko', ['jury-chair'], now);

const deedsSeries: SeriesConfig = {
  key: 'innostavat-teot',
  name: 'Innostavat teot',
  kind: 'deeds',
  awards: 1,
  shortlistSize: 2,
  criteria: DEFAULT_CRITERIA,
  jurors: [
    { juror: 'p_j1', organisation: 'imatra' },
    { juror: 'p_j2', organisation: 'lahti' },
    { juror: 'p_j3', organisation: 'kotka' },
  ],
  chair: 'p_chair',
  blind: true,
  subAwards: ['Vuoden ympäristöteko'],
};
const heroes: SeriesConfig = { ...deedsSeries, key: 'oman-tyon-sankarit', name: 'Oman työn sankarit', kind: 'employees', blind: false, subAwards: [] };

const opened: AwardSeasonEvent = {
  type: 'AwardSeasonOpened',
  data: {
    seasonId,
    year: 2026,
    name: 'Gaala 2026',
    nominationOpensAt: '2026-09-01T00:00:00.000Z',
    nominationClosesAt: '2026-10-01T00:00:00.000Z',
    eligibleFrom: '2026-01-01T00:00:00.000Z',
    eligibleTo: '2026-10-01T00:00:00.000Z',
    galaAt: '2026-11-20T16:00:00.000Z',
    series: [deedsSeries, heroes],
  },
};
const deed = (id: string, org: string) => ({ kind: 'deed' as const, deedId: id, organisation: org, title: `Teko ${id}` });
const published = (org: string, at = '2026-05-01T00:00:00.000Z') => ({ deed: { organisation: org, title: 't', status: 'published', firstPublishedAt: at } });
const nominated = (id: string, org: string): AwardSeasonEvent => ({
  type: 'NominationSubmitted',
  data: { seasonId, nominationId: id, series: 'innostavat-teot', nominee: deed(`d-${id}`, org), justification: 'Hyvä teko.', source: 'nominator' },
});
const recusedOwn = (id: string): AwardSeasonEvent => ({ type: 'JurorRecused', data: { seasonId, nominationId: id, series: 'innostavat-teot', juror: 'p_j1', reason: 'own-organisation', detail: null } });
const sheet = (n: number) => Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.key, n]));
const scored = (id: string, j: string, n: number): AwardSeasonEvent => ({
  type: 'NominationScored',
  data: { seasonId, nominationId: id, series: 'innostavat-teot', juror: j, round: 'long-list', scores: sheet(n), comment: null },
});
const nominate = (id: string, org: string, context: SeasonContext, justification = 'Hyvä teko.', evidence: NomineeEvidence = published(org)): SeasonCommand => ({
  type: 'Nominate',
  nominationId: id,
  series: 'innostavat-teot',
  nominee: deed(`d-${id}`, org),
  justification,
  source: 'nominator',
  evidence,
  context,
});

describe('award season', () => {
  it('is opened with its series (the access policy admits only admins)', () => {
    const { type: _t, data } = opened as Extract<AwardSeasonEvent, { type: 'AwardSeasonOpened' }>;
    given().when({ type: 'OpenSeason', ...data, context: admin() }).then(opened);
    given(opened).when({ type: 'OpenSeason', ...data, context: admin() }).thenRefused('conflict', 'award.season-exists');
    given().when({ type: 'OpenSeason', ...data, galaAt: '2026-09-02T00:00:00.000Z', context: admin() }).thenRefused('invalid', 'award.gala-before-nominations-close');
    given().when({ type: 'OpenSeason', ...data, series: [{ ...deedsSeries, shortlistSize: 0 }], context: admin() }).thenRefused('invalid', 'award.shortlist-too-short');
  });

  it('takes an editor’s nomination of their own deed, recusing jurors of the same organisation', () => {
    given(opened).when(nominate('n1', 'imatra', editor('imatra'))).then(nominated('n1', 'imatra'), recusedOwn('n1'));
    given(opened).when(nominate('n1', 'imatra', editor('lahti'))).thenRefused('forbidden', 'award.nominators-only');
  });

  it('refuses deeds outside the eligibility window, unpublished deeds and late nominations', () => {
    given(opened).when(nominate('n1', 'lahti', editor('lahti'), 'x', published('lahti', '2025-12-31T23:59:59.000Z'))).thenRefused('conflict', 'award.deed-not-eligible');
    given(opened).when(nominate('n1', 'lahti', editor('lahti'), 'x', { deed: { organisation: 'lahti', title: 't', status: 'draft', firstPublishedAt: null } })).thenRefused('conflict', 'award.deed-not-published');
    given(opened).when(nominate('n1', 'lahti', editor('lahti', AFTER_NOMINATIONS))).thenRefused('conflict', 'award.nominations-closed');
  });

  it('merges a duplicate nomination, keeping every justification', () => {
    given(opened, nominated('n1', 'lahti'))
      .when({ ...nominate('n2', 'lahti', admin(), 'Myös asukkaat kiittävät.'), nominee: deed('d-n1', 'lahti') } as SeasonCommand)
      .then({ type: 'NominationMerged', data: { seasonId, nominationId: 'n1', series: 'innostavat-teot', justification: 'Myös asukkaat kiittävät.' } });
    given(opened, nominated('n1', 'lahti')).when({ ...nominate('n2', 'lahti', admin(), 'Hyvä teko.'), nominee: deed('d-n1', 'lahti') } as SeasonCommand).then();
  });

  it('refuses an organisation without deeds and an employee without a justification', () => {
    const organisations: SeriesConfig = { ...deedsSeries, key: 'ihmeiden-tekijat', kind: 'organisations', subAwards: [] };
    const withOrgs: AwardSeasonEvent = { ...opened, data: { ...(opened.data as object), series: [organisations, heroes] } } as AwardSeasonEvent;
    given(withOrgs)
      .when({ type: 'Nominate', nominationId: 'n', series: 'ihmeiden-tekijat', nominee: { kind: 'organisation', organisation: 'lahti' }, justification: '', source: 'nominator', evidence: { publishedDeeds: 0 }, context: editor('lahti') })
      .thenRefused('conflict', 'award.organisation-without-deeds');
    given(opened)
      .when({ type: 'Nominate', nominationId: 'n', series: 'oman-tyon-sankarit', nominee: { kind: 'employee', organisation: 'lahti', name: 'Maija' }, justification: ' ', source: 'nominator', evidence: {}, context: editor('lahti') })
      .thenRefused('invalid', 'award.justification-required');
  });

  it('lets listed jurors score every criterion 1–5 and change it; refuses the recused and outsiders', () => {
    given(opened, nominated('n1', 'imatra'), recusedOwn('n1')).when({ type: 'Score', nominationId: 'n1', scores: sheet(4), comment: null, context: juror(2) }).then(scored('n1', 'p_j2', 4));
    given(opened, nominated('n1', 'imatra'), recusedOwn('n1'), scored('n1', 'p_j2', 4))
      .when({ type: 'Score', nominationId: 'n1', scores: sheet(5), comment: 'Parempi kuin luulin.', context: juror(2) })
      .then({ type: 'NominationScoreChanged', data: { seasonId, nominationId: 'n1', series: 'innostavat-teot', juror: 'p_j2', round: 'long-list', scores: sheet(5), comment: 'Parempi kuin luulin.', previous: sheet(4) } });
    given(opened, nominated('n1', 'imatra'), recusedOwn('n1')).when({ type: 'Score', nominationId: 'n1', scores: sheet(4), comment: null, context: juror(1) }).thenRefused('conflict', 'award.recused');
    given(opened, nominated('n1', 'imatra')).when({ type: 'Score', nominationId: 'n1', scores: sheet(4), comment: null, context: ctx('p_other', 'lahti', ['juror']) }).thenRefused('forbidden', 'award.jurors-only');
    given(opened, nominated('n1', 'imatra')).when({ type: 'Score', nominationId: 'n1', scores: { results: 4 }, comment: null, context: juror(2) }).thenRefused('invalid', 'award.criteria-mismatch');
    given(opened, nominated('n1', 'imatra')).when({ type: 'Score', nominationId: 'n1', scores: sheet(6), comment: null, context: juror(2) }).thenRefused('invalid', 'award.score-range');
  });

  it('recuses a juror who declares a conflict, once', () => {
    const recused: AwardSeasonEvent = { type: 'JurorRecused', data: { seasonId, nominationId: 'n1', series: 'innostavat-teot', juror: 'p_j3', reason: 'declared', detail: 'Sukulainen.' } };
    given(opened, nominated('n1', 'lahti')).when({ type: 'DeclareConflict', nominationId: 'n1', reason: 'Sukulainen.', context: juror(3) }).then(recused);
    given(opened, nominated('n1', 'lahti'), recused).when({ type: 'DeclareConflict', nominationId: 'n1', reason: 'Sukulainen.', context: juror(3) }).then();
    given(opened, nominated('n1', 'lahti'), recused).when({ type: 'Score', nominationId: 'n1', scores: sheet(3), comment: null, context: juror(3) }).thenRefused('conflict', 'award.recused');
  });

  it('closes the long list after nominations close, then the shortlist round, then grants awards', () => {
    const history = [opened, nominated('n1', 'lahti'), nominated('n2', 'kotka'), nominated('n3', 'lahti'), scored('n1', 'p_j1', 5), scored('n2', 'p_j1', 3), scored('n3', 'p_j1', 1)];
    given(...history).when({ type: 'CloseRound', series: 'innostavat-teot', context: chair(NOMINATING) }).thenRefused('conflict', 'award.nominations-open');
    given(...history).when({ type: 'CloseRound', series: 'innostavat-teot', context: juror(1, AFTER_NOMINATIONS) }).thenRefused('forbidden', 'award.chair-only');
    const closing = given(...history).when({ type: 'CloseRound', series: 'innostavat-teot', context: chair() });
    const state = closing.state();
    if (state.status !== 'open') throw new Error('open');
    expect(state.series['innostavat-teot'].shortlist).toEqual(['n1', 'n2']);
    const longList = (seasonDecider.decide({ type: 'CloseRound', series: 'innostavat-teot', context: chair() }, history.reduce(seasonDecider.evolve, seasonDecider.initialState())) as { events: AwardSeasonEvent[] }).events[0];
    const override: AwardSeasonEvent = { type: 'ShortlistOverridden', data: { seasonId, series: 'innostavat-teot', round: 'shortlist', nominationId: 'n1', action: 'exclude', reason: 'Ei täytä sääntöjä.' } };
    given(...history, longList).when({ type: 'Override', series: 'innostavat-teot', nominationId: 'n1', action: 'exclude', reason: 'Ei täytä sääntöjä.', context: chair() }).then(override);
    const finals = given(...history, longList, override).when({ type: 'CloseRound', series: 'innostavat-teot', context: chair() }).state();
    if (finals.status !== 'open') throw new Error('open');
    expect(finals.series['innostavat-teot'].finalists).toEqual(['n2']);
    const shortlistClosed = (seasonDecider.decide({ type: 'CloseRound', series: 'innostavat-teot', context: chair() }, [...history, longList, override].reduce(seasonDecider.evolve, seasonDecider.initialState())) as { events: AwardSeasonEvent[] }).events[0];
    const all = [...history, longList, override, shortlistClosed];
    given(...all)
      .when({ type: 'GrantAward', awardId: 'a1', nominationId: 'n2', category: 'winner', context: chair() })
      .then({ type: 'AwardGranted', data: { seasonId, awardId: 'a1', series: 'innostavat-teot', nominationId: 'n2', category: 'winner', title: 'Innostavat teot', nominee: deed('d-n2', 'kotka') } });
    given(...all).when({ type: 'GrantAward', awardId: 'a1', nominationId: 'n1', category: 'winner', context: chair() }).thenRefused('conflict', 'award.not-a-finalist');
    given(...all).when({ type: 'GrantAward', awardId: 'a1', nominationId: 'n1', category: 'sub-award', subAward: 'Vuoden ympäristöteko', context: chair() }).then({
      type: 'AwardGranted',
      data: { seasonId, awardId: 'a1', series: 'innostavat-teot', nominationId: 'n1', category: 'sub-award', title: 'Vuoden ympäristöteko', nominee: deed('d-n1', 'lahti') },
    });
    given(...all).when({ type: 'Score', nominationId: 'n2', scores: sheet(2), comment: null, context: juror(2, AFTER_NOMINATIONS) }).thenRefused('conflict', 'award.round-closed');
  });

  it('announces the awards only after the gala', () => {
    const granted: AwardSeasonEvent = { type: 'AwardGranted', data: { seasonId, awardId: 'a1', series: 'innostavat-teot', nominationId: 'n1', category: 'winner', title: 'Innostavat teot', nominee: deed('d-n1', 'lahti') } };
    given(opened, nominated('n1', 'lahti'), granted).when({ type: 'AnnounceResults', context: admin(AFTER_NOMINATIONS) }).thenRefused('conflict', 'award.embargoed');
    given(opened, nominated('n1', 'lahti'), granted)
      .when({ type: 'AnnounceResults', context: admin(AFTER_GALA) })
      .then(
        { type: 'AwardAnnounced', data: { seasonId, awardId: 'a1', year: 2026, seasonName: 'Gaala 2026', series: 'innostavat-teot', seriesName: 'Innostavat teot', category: 'winner', title: 'Innostavat teot', nominee: deed('d-n1', 'lahti') } },
        { type: 'ResultsPublished', data: { seasonId, awards: 1 } },
      );
  });

  it('reveals a blind series once, by its chair', () => {
    given(opened).when({ type: 'Reveal', series: 'innostavat-teot', context: chair() }).then({ type: 'SeriesRevealed', data: { seasonId, series: 'innostavat-teot' } });
    given(opened).when({ type: 'Reveal', series: 'oman-tyon-sankarit', context: chair() }).thenRefused('conflict', 'award.not-blind');
    given(opened).when({ type: 'Reveal', series: 'innostavat-teot', context: juror(2) }).thenRefused('forbidden', 'award.chair-only');
  });

  describe('changing its settings', () => {
    const { type: _t, data: openedData } = opened as Extract<AwardSeasonEvent, { type: 'AwardSeasonOpened' }>;
    const revise = (changes: Extract<SeasonCommand, { type: 'ReviseSeason' }>['changes'], now = NOMINATING): SeasonCommand => ({ type: 'ReviseSeason', changes, context: admin(now) });
    const revised = (changed: string[], over: Partial<typeof openedData>): AwardSeasonEvent => ({ type: 'AwardSeasonRevised', data: { ...openedData, ...over, changed } });

    it('changes the name, windows and gala date, checked as when the season opened', () => {
      given(opened)
        .when(revise({ name: 'Gaala 2026 – Imatra', galaAt: '2026-11-27T16:00:00.000Z' }))
        .then(revised(['name', 'galaAt'], { name: 'Gaala 2026 – Imatra', galaAt: '2026-11-27T16:00:00.000Z' }));
      given(opened).when(revise({ nominationClosesAt: '2026-08-01T00:00:00.000Z' })).thenRefused('invalid', 'award.nomination-window-empty');
      given(opened).when(revise({ galaAt: '2026-09-20T00:00:00.000Z' })).thenRefused('invalid', 'award.gala-before-nominations-close');
      given(opened).when(revise({ name: ' ' })).thenRefused('invalid', 'award.name-required');
      // The same settings again change nothing.
      given(opened).when(revise({ name: 'Gaala 2026', series: [{ key: 'innostavat-teot' }, { key: 'oman-tyon-sankarit' }] })).then();
    });

    it('changes series, criteria and weights until the first nomination', () => {
      const criteria = [{ key: 'results', name: 'Tulokset', weight: 2 }, { key: 'boldness', name: 'Rohkeus', weight: 1 }];
      given(opened)
        .when(revise({ series: [{ key: 'innostavat-teot', criteria }] }))
        .then(revised(['series', 'innostavat-teot.criteria'], { series: [{ ...deedsSeries, criteria }] }));
      const state = given(opened).when(revise({ series: [{ key: 'innostavat-teot', criteria }] })).state();
      if (state.status !== 'open') throw new Error('open');
      expect(Object.keys(state.series)).toEqual(['innostavat-teot']);
      expect(state.series['innostavat-teot'].criteria).toEqual(criteria);
      given(opened, nominated('n1', 'lahti')).when(revise({ series: [{ key: 'innostavat-teot', criteria }, { key: 'oman-tyon-sankarit' }] })).thenRefused('conflict', 'award.series-locked');
      given(opened).when(revise({ series: [{ key: 'innostavat-teot', criteria: [{ key: 'results', name: 'Tulokset', weight: 0 }] }] })).thenRefused('invalid', 'award.weight-invalid');
      given(opened).when(revise({ series: [{ key: 'uusi-sarja', awards: 1 }] })).thenRefused('invalid', 'award.series-incomplete');
    });

    it('changes jurors and chair after nominations, recusing a new juror from their own organisation', () => {
      const jurors = [...deedsSeries.jurors, { juror: 'p_j4', organisation: 'lahti' }];
      const recusedJ2: AwardSeasonEvent = { type: 'JurorRecused', data: { seasonId, nominationId: 'n1', series: 'innostavat-teot', juror: 'p_j2', reason: 'own-organisation', detail: null } };
      given(opened, nominated('n1', 'lahti'), recusedJ2)
        .when(revise({ series: [{ key: 'innostavat-teot', jurors, chair: 'p_chair2' }, { key: 'oman-tyon-sankarit' }] }))
        .then(revised(['innostavat-teot.jurors', 'innostavat-teot.chair'], { series: [{ ...deedsSeries, jurors, chair: 'p_chair2' }, heroes] }), {
          type: 'JurorRecused',
          data: { seasonId, nominationId: 'n1', series: 'innostavat-teot', juror: 'p_j4', reason: 'own-organisation', detail: null },
        });
      // The new chair steers the series; the old one no longer does.
      const moved = revised(['innostavat-teot.chair'], { series: [{ ...deedsSeries, chair: 'p_chair2' }, heroes] });
      given(opened, moved).when({ type: 'Reveal', series: 'innostavat-teot', context: chair() }).thenRefused('forbidden', 'award.chair-only');
      given(opened, moved).when({ type: 'Reveal', series: 'innostavat-teot', context: ctx('p_chair2', 'kunteko', ['jury-chair']) }).then({ type: 'SeriesRevealed', data: { seasonId, series: 'innostavat-teot' } });
    });

    it('changes nothing once the results are announced', () => {
      given(opened, { type: 'ResultsPublished', data: { seasonId, awards: 0 } }).when(revise({ name: 'Myöhässä' }, AFTER_GALA)).thenRefused('conflict', 'award.season-announced');
      given().when(revise({ name: 'Ei ole' })).thenRefused('not-found', 'award.season-not-found');
    });
  });
});
