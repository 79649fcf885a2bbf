// The shortlist rule: weighted means, per-juror normalisation, recusal, the tie rule and overrides.
import { rankNominations, weightedMean, type RankingInput } from './shortlist.js';

const criteria = [
  { key: 'results', weight: 2 },
  { key: 'boldness', weight: 1 },
];
const sheet = (results: number, boldness: number) => ({ results, boldness });
const base = (over: Partial<RankingInput> = {}): RankingInput => ({
  nominations: [
    { id: 'a', seq: 1 },
    { id: 'b', seq: 2 },
    { id: 'c', seq: 3 },
  ],
  scores: [],
  recused: [],
  criteria,
  size: 2,
  overrides: [],
  ...over,
});

describe('the shortlist rule', () => {
  it('weighs the criteria', () => {
    expect(weightedMean(sheet(5, 2), criteria)).toBe(4);
  });

  it('normalises per juror, so a strict juror counts as much as a lenient one', () => {
    // The lenient juror barely separates a and b (5 vs 4.9 → small raw gap); the strict juror prefers b strongly in raw
    // terms but on a low scale. Raw means would put a first; z-scores weigh both jurors' orderings equally.
    const { ranking, selected } = rankNominations(
      base({
        scores: [
          { nominationId: 'a', juror: 'lenient', scores: sheet(5, 5) },
          { nominationId: 'b', juror: 'lenient', scores: sheet(5, 4) },
          { nominationId: 'c', juror: 'lenient', scores: sheet(4, 4) },
          { nominationId: 'a', juror: 'strict', scores: sheet(1, 1) },
          { nominationId: 'b', juror: 'strict', scores: sheet(2, 2) },
          { nominationId: 'c', juror: 'strict', scores: sheet(1, 2) },
        ],
      }),
    );
    expect(ranking.map((r) => r.nominationId)).toEqual(['b', 'a', 'c']);
    expect(selected).toEqual(['b', 'a']);
    expect(ranking[0].normalised).toBeGreaterThan(ranking[1].normalised!);
    // By raw mean a (3) and b (3.17) are close; the point is that each juror's spread counts equally.
    expect(ranking.find((r) => r.nominationId === 'a')!.rawMean).toBe(3);
  });

  it('leaves out the scores of recused jurors', () => {
    const scores = [
      { nominationId: 'a', juror: 'j1', scores: sheet(5, 5) },
      { nominationId: 'b', juror: 'j1', scores: sheet(1, 1) },
      { nominationId: 'a', juror: 'j2', scores: sheet(1, 1) },
      { nominationId: 'b', juror: 'j2', scores: sheet(5, 5) },
      { nominationId: 'c', juror: 'j2', scores: sheet(3, 3) },
    ];
    const withJ1 = rankNominations(base({ scores, size: 1 }));
    const recused = rankNominations(base({ scores, size: 1, recused: [{ nominationId: 'a', juror: 'j1' }] }));
    expect(withJ1.ranking.find((r) => r.nominationId === 'a')!.jurors).toBe(2);
    expect(recused.ranking.find((r) => r.nominationId === 'a')!.jurors).toBe(1);
    expect(recused.selected).toEqual(['b']);
  });

  it('breaks ties by raw mean, then the number of jurors, then the earlier nomination', () => {
    // One juror gives a and b the same sheet: equal z and raw mean, both one juror → the earlier nomination (a) first.
    const same = rankNominations(
      base({
        scores: [
          { nominationId: 'b', juror: 'j', scores: sheet(4, 4) },
          { nominationId: 'a', juror: 'j', scores: sheet(4, 4) },
          { nominationId: 'c', juror: 'j', scores: sheet(2, 2) },
        ],
        size: 1,
      }),
    );
    expect(same.ranking.map((r) => r.nominationId)).toEqual(['a', 'b', 'c']);
    expect(same.ranking[0].normalised).toBe(same.ranking[1].normalised);
    expect(same.selected).toEqual(['a']);
    // Equal z (two jurors who each give one nomination only → z 0) but a higher raw mean wins.
    const raw = rankNominations(
      base({
        nominations: [
          { id: 'a', seq: 1 },
          { id: 'b', seq: 2 },
        ],
        scores: [
          { nominationId: 'a', juror: 'j1', scores: sheet(3, 3) },
          { nominationId: 'b', juror: 'j2', scores: sheet(5, 5) },
        ],
        size: 1,
      }),
    );
    expect(raw.ranking.map((r) => [r.nominationId, r.normalised])).toEqual([
      ['b', 0],
      ['a', 0],
    ]);
  });

  it('ranks unscored nominations last and never selects them without an include', () => {
    const result = rankNominations(base({ scores: [{ nominationId: 'c', juror: 'j', scores: sheet(1, 1) }], size: 3 }));
    expect(result.ranking.map((r) => [r.nominationId, r.normalised])).toEqual([
      ['c', 0],
      ['a', null],
      ['b', null],
    ]);
    expect(result.selected).toEqual(['c']);
  });

  it('applies the chair’s overrides: exclude lets the next move up, include adds on top of the cut', () => {
    const scores = [
      { nominationId: 'a', juror: 'j', scores: sheet(5, 5) },
      { nominationId: 'b', juror: 'j', scores: sheet(4, 4) },
      { nominationId: 'c', juror: 'j', scores: sheet(1, 1) },
    ];
    expect(rankNominations(base({ scores, size: 1, overrides: [{ nominationId: 'a', action: 'exclude' }] })).selected).toEqual(['b']);
    expect(rankNominations(base({ scores, size: 1, overrides: [{ nominationId: 'c', action: 'include' }] })).selected).toEqual(['a', 'c']);
    // The last override of a nomination counts.
    const twice = rankNominations(base({ scores, size: 1, overrides: [{ nominationId: 'a', action: 'exclude' }, { nominationId: 'a', action: 'include' }] }));
    expect(twice.selected).toEqual(['a']);
    expect(twice.ranking[0].override).toBe('include');
  });

  it('gives the same numbers whatever order the scores come in', () => {
    const scores = [
      { nominationId: 'a', juror: 'j1', scores: sheet(5, 3) },
      { nominationId: 'b', juror: 'j1', scores: sheet(2, 4) },
      { nominationId: 'c', juror: 'j2', scores: sheet(3, 1) },
      { nominationId: 'a', juror: 'j2', scores: sheet(4, 4) },
      { nominationId: 'b', juror: 'j3', scores: sheet(1, 5) },
      { nominationId: 'c', juror: 'j3', scores: sheet(5, 2) },
    ];
    expect(rankNominations(base({ scores: [...scores].reverse() }))).toEqual(rankNominations(base({ scores })));
  });
});
