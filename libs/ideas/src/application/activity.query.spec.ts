import { bucketActivity, periodOf, type ActivityRow } from './activity.query.js';

const row = (unit: string, submitter: string, steps: [string, string][], comments: [string, string][] = []): ActivityRow => ({
  unit,
  submitter,
  history: steps.map(([event, at]) => ({ event, at })),
  comments: comments.map(([author, at]) => ({ author, at })),
});

describe('unit activity over time', () => {
  it('puts instants in periods of the Finnish calendar', () => {
    // 22:30 UTC on 31 March is already 1 April in Helsinki (summer time, UTC+3).
    expect(periodOf(new Date('2026-03-31T22:30:00Z'), 'month')).toBe('2026-04');
    expect(periodOf(new Date('2026-03-31T22:30:00Z'), 'quarter')).toBe('2026-Q2');
    expect(periodOf(new Date('2025-12-31T21:59:00Z'), 'year')).toBe('2025');
    expect(periodOf(new Date('2025-12-31T22:00:00Z'), 'year')).toBe('2026');
  });

  it('counts submissions, pilots and adoptions per unit and period, with the quiet periods in between', () => {
    const rows = [
      row('kotihoito', 'p1', [['IdeaSubmitted', '2026-01-10T08:00:00Z'], ['IdeaReviewStarted', '2026-01-12T08:00:00Z'], ['IdeaPilotStarted', '2026-01-20T08:00:00Z'], ['IdeaAdopted', '2026-04-02T08:00:00Z']]),
      row('kotihoito', 'p1', [['IdeaSubmitted', '2026-01-15T08:00:00Z']], [['p2', '2026-01-16T08:00:00Z']]),
      row('kirjasto', 'p3', [['IdeaSubmitted', '2026-02-01T08:00:00Z'], ['IdeaPilotStarted', '2026-04-01T08:00:00Z']]),
    ];
    const activity = bucketActivity(rows, 'month');
    expect(activity.periods).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(activity.units.map((u) => u.unit)).toEqual(['kirjasto', 'kotihoito']);
    const kotihoito = activity.units.find((u) => u.unit === 'kotihoito')!.activity;
    // Two ideas by one person and a comment by another: two people took part in January.
    expect(kotihoito[0]).toEqual({ period: '2026-01', submitted: 2, piloted: 1, adopted: 0, participants: 2 });
    expect(kotihoito[2]).toEqual({ period: '2026-03', submitted: 0, piloted: 0, adopted: 0, participants: 0 });
    expect(kotihoito[3]).toEqual({ period: '2026-04', submitted: 0, piloted: 0, adopted: 1, participants: 0 });
    expect(activity.totals.map((t) => [t.period, t.submitted, t.piloted, t.adopted, t.participants])).toEqual([
      ['2026-01', 2, 1, 0, 2],
      ['2026-02', 1, 0, 0, 1],
      ['2026-03', 0, 0, 0, 0],
      ['2026-04', 0, 1, 1, 0],
    ]);
    const quarters = bucketActivity(rows, 'quarter');
    expect(quarters.totals).toEqual([
      { period: '2026-Q1', submitted: 3, piloted: 1, adopted: 0, participants: 3 },
      { period: '2026-Q2', submitted: 0, piloted: 1, adopted: 1, participants: 0 },
    ]);
  });

  it('counts only what happened in the window, and crosses year ends', () => {
    const rows = [row('hallinto', 'p1', [['IdeaSubmitted', '2025-11-20T08:00:00Z'], ['IdeaPilotStarted', '2026-01-05T08:00:00Z']])];
    expect(bucketActivity(rows, 'month').periods).toEqual(['2025-11', '2025-12', '2026-01']);
    const window = bucketActivity(rows, 'month', new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'));
    expect(window.totals).toEqual([{ period: '2026-01', submitted: 0, piloted: 1, adopted: 0, participants: 0 }]);
    expect(bucketActivity([], 'year')).toEqual({ periods: [], units: [], totals: [] });
  });
});
