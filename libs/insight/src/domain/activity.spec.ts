import { computeActivity, finnishDay, headcountOn, periodBounds, periodOf, periodsBetween, pointsFor, type ActivityEvent } from './activity.js';
import { checkIncentiveRules, parseUnitsCsv } from './units-import.js';
import { csvCell } from '../open-data/open-data.js';

describe('periods in Finnish time', () => {
  it('files an instant under its day in Finland', () => {
    // 22:30 UTC on 31 March is 01:30 on 1 April in Helsinki (summer time).
    expect(finnishDay(Date.parse('2025-03-31T22:30:00Z'))).toBe('2025-04-01');
    expect(periodOf('2025-04-01', 'month')).toBe('2025-04');
    expect(periodOf('2025-04-01', 'quarter')).toBe('2025-Q2');
    expect(periodOf('2025-04-01', 'year')).toBe('2025');
  });

  it('names the first and last day of each period, leap years too', () => {
    expect(periodBounds('2024-02', 'month')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodBounds('2025-Q4', 'quarter')).toEqual({ start: '2025-10-01', end: '2025-12-31' });
    expect(periodBounds('2025', 'year')).toEqual({ start: '2025-01-01', end: '2025-12-31' });
  });

  it('lists every period between two days, across years', () => {
    expect(periodsBetween('2024-11-15', '2025-02-01', 'month')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(periodsBetween('2024-08-01', '2025-01-01', 'quarter')).toEqual(['2024-Q3', '2024-Q4', '2025-Q1']);
    expect(periodsBetween('2023-06-01', '2025-01-01', 'year')).toEqual(['2023', '2024', '2025']);
  });
});

describe('headcounts', () => {
  const entries = [
    { unit: 'hoito', headcount: 10, validFrom: '2025-01-01' },
    { unit: 'hoito', headcount: 20, validFrom: '2025-04-01' },
    { unit: 'hoito', headcount: 25, validFrom: '2025-04-01' }, // a later correction of the same day
  ];
  it('takes the figure in force on the day; none before the first', () => {
    expect(headcountOn(entries, 'hoito', '2024-12-31')).toBeNull();
    expect(headcountOn(entries, 'hoito', '2025-03-31')).toBe(10);
    expect(headcountOn(entries, 'hoito', '2025-04-01')).toBe(25);
    expect(headcountOn(entries, 'muu', '2025-06-01')).toBeNull();
  });
});

describe('computeActivity', () => {
  const at = (day: string, hour = 9) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const events: ActivityEvent[] = [
    { ideaId: 'a', type: 'IdeaSubmitted', occurredAt: at('2025-01-10'), unit: 'hoito', participant: 'p1' },
    { ideaId: 'b', type: 'IdeaSubmitted', occurredAt: at('2025-01-20'), unit: 'hoito', participant: 'p2' },
    { ideaId: 'a', type: 'IdeaCommented', occurredAt: at('2025-01-21'), participant: 'p3' },
    { ideaId: 'a', type: 'IdeaSupported', occurredAt: at('2025-01-22'), participant: 'p2' },
    { ideaId: 'a', type: 'IdeaPilotStarted', occurredAt: at('2025-02-01') },
    { ideaId: 'a', type: 'IdeaAdopted', occurredAt: at('2025-04-10') },
    { ideaId: 'b', type: 'IdeaRejected', occurredAt: at('2025-01-30') },
    { ideaId: 'ghost', type: 'IdeaCommented', occurredAt: at('2025-01-15'), participant: 'p9' },
  ];
  const headcounts = [
    { unit: 'hoito', headcount: 20, validFrom: '2024-01-01', name: 'Kotihoito' },
    { unit: 'hoito', headcount: 40, validFrom: '2025-04-01' },
  ];
  const rules = [
    { version: 1, publishedAt: '2025-01-01T00:00:00Z', points: { IdeaSubmitted: 1, IdeaAdopted: 5 }, bonuses: [] },
    {
      version: 2,
      publishedAt: '2025-06-01T00:00:00Z',
      points: { IdeaSubmitted: 2, IdeaCommented: 1 },
      bonuses: [
        { kind: 'participation' as const, atLeast: 0.15, points: 10 },
        { kind: 'quick-decision' as const, withinDays: 14, points: 3 },
      ],
    },
  ];

  it('counts per month with the headcount of each month, participation and decision times', () => {
    const [unit] = computeActivity(events, headcounts, rules, { kind: 'month', fromDay: '2025-01-01', toDay: '2025-04-30' });
    expect(unit.unit).toBe('hoito');
    expect(unit.name).toBe('Kotihoito');
    const [jan, feb, mar, apr] = unit.periods;
    expect(jan).toMatchObject({ period: '2025-01', headcount: 20, submitted: 2, rejected: 1, participants: 3, participation: 0.15, perHundredStaff: { submitted: 10 } });
    expect(jan.decisions).toBe(1);
    expect(jan.medianDaysToDecision).toBe(10);
    // v1: 2 submissions; v2: 2×2 + 1 comment + participation bonus (0.15 ≥ 0.15) + one decision within 14 days.
    expect(jan.pointsByRules).toEqual({ '1': 2, '2': 18 });
    expect(feb).toMatchObject({ piloted: 1, participants: 0, participation: 0, pointsByRules: { '1': 0, '2': 0 } });
    expect(mar).toMatchObject({ submitted: 0, headcount: 20 });
    expect(apr).toMatchObject({ adopted: 1, headcount: 40, perHundredStaff: { adopted: 2.5 }, medianDaysToDecision: 90, pointsByRules: { '1': 5, '2': 0 } });
  });

  it('figures a quarter as a whole, not as the sum of its months', () => {
    const [unit] = computeActivity(events, headcounts, rules, { kind: 'quarter', fromDay: '2025-01-01', toDay: '2025-03-31' });
    expect(unit.periods).toHaveLength(1);
    expect(unit.periods[0]).toMatchObject({ period: '2025-Q1', submitted: 2, piloted: 1, participants: 3, headcount: 20, decisions: 1 });
  });

  it('ignores events of ideas it never saw submitted, and keeps to one unit when asked', () => {
    const units = computeActivity(events, [...headcounts, { unit: 'keittiö', headcount: 5, validFrom: '2024-01-01' }], [], { kind: 'year', fromDay: '2025-01-01', toDay: '2025-12-31' });
    expect(units.map((u) => u.unit)).toEqual(['hoito', 'keittiö']);
    expect(units[0].periods[0].participants).toBe(3);
    expect(units[1].periods[0]).toMatchObject({ submitted: 0, participation: 0, pointsByRules: {} });
    expect(computeActivity(events, headcounts, [], { kind: 'year', fromDay: '2025-01-01', toDay: '2025-12-31', unit: 'keittiö' })).toEqual([
      { unit: 'keittiö', name: null, periods: [expect.objectContaining({ submitted: 0, headcount: null })] },
    ]);
  });

  it('gives no participation bonus without a headcount', () => {
    const bonus = { points: {}, bonuses: [{ kind: 'participation' as const, atLeast: 0.1, points: 10 }] };
    expect(pointsFor(bonus, { types: new Map(), decisionDays: [] }, null)).toBe(0);
    expect(pointsFor(bonus, { types: new Map(), decisionDays: [] }, 0.1)).toBe(10);
  });
});

describe('units CSV', () => {
  it('reads rows in any column order with names, and reports every bad cell by line and column', () => {
    const good = parseUnitsCsv('\uFEFFname,valid_from,unit,headcount\r\n"Koti, hoito",2025-01-01,hoito,12\r\n');
    expect(good).toEqual({ errors: [], rows: [{ line: 2, unit: 'hoito', name: 'Koti, hoito', headcount: 12, validFrom: '2025-01-01' }] });
    const bad = parseUnitsCsv('unit,headcount,valid_from\nhoito,1.5,2025-02-29\nhoito,3\nkeittiö,3,2025-01-01\nkeittiö,4,2025-01-01\n');
    expect(bad.errors).toEqual([
      { field: 'line 2: headcount', message: expect.any(String) },
      { field: 'line 2: valid_from', message: expect.any(String) },
      { field: 'line 3: row', message: expect.any(String) },
      { field: 'line 5: unit', message: expect.stringContaining('line 4') },
    ]);
  });

  it('refuses a file without the needed header, or without rows', () => {
    expect(parseUnitsCsv('unit,count\nhoito,3\n').errors[0].message).toContain('missing: headcount, valid_from');
    expect(parseUnitsCsv('').errors).toEqual([{ field: 'body', message: expect.any(String) }]);
    expect(parseUnitsCsv('unit,headcount,valid_from\n').errors).toEqual([{ field: 'body', message: expect.stringContaining('no rows') }]);
  });
});

describe('incentive rules', () => {
  it('accepts points per idea event type and the two kinds of bonus', () => {
    const { rules, errors } = checkIncentiveRules({ name: ' Malli ', points: { IdeaSubmitted: 1 }, bonuses: [{ kind: 'quick-decision', withinDays: 30, points: 2 }] });
    expect(errors).toEqual([]);
    expect(rules).toEqual({ name: 'Malli', points: { IdeaSubmitted: 1 }, bonuses: [{ kind: 'quick-decision', withinDays: 30, points: 2 }] });
  });

  it('names every bad field', () => {
    const { rules, errors } = checkIncentiveRules({ points: { IdeaSubmitted: Infinity, Nope: 1 }, bonuses: [{ kind: 'participation', atLeast: 2, points: 1 }], extra: 1 });
    expect(rules).toBeUndefined();
    expect(errors.map((e) => e.field).sort()).toEqual(['bonuses[0].atLeast', 'extra', 'points.IdeaSubmitted', 'points.Nope']);
    expect(checkIncentiveRules([]).errors).toEqual([{ field: 'body', message: expect.any(String) }]);
  });
});

describe('CSV cells for spreadsheets', () => {
  it('defuses formulas and quotes what needs quoting', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('+358 40')).toBe("'+358 40");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('rivi\nrivi')).toBe('"rivi\nrivi"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['a'])).toBe('"[""a""]"');
  });
});
