// The shortlist rule, pure: the jury's scores → a ranking and the nominations that go through.
import type { Criterion, RankedEntry, ScoreSheet } from './award-season.events.js';

export interface RankingInput {
  /** The nominations in play, with the order they were nominated in (the last tie-break). */
  nominations: { id: string; seq: number }[];
  scores: { nominationId: string; juror: string; scores: ScoreSheet }[];
  /** Juror × nomination pairs whose scores do not count. */
  recused: { nominationId: string; juror: string }[];
  criteria: Pick<Criterion, 'key' | 'weight'>[];
  /** How many go through. */
  size: number;
  /** The chair's overrides, in the order given: the last one for a nomination counts. */
  overrides: { nominationId: string; action: 'include' | 'exclude' }[];
}

export interface Ranking {
  ranking: RankedEntry[];
  selected: string[];
}

/** Rounded so that the same scores give the same number whatever order they were summed in. */
const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

/** A juror's weighted mean of one score sheet, 1–5. */
export function weightedMean(sheet: ScoreSheet, criteria: Pick<Criterion, 'key' | 'weight'>[]): number {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const value = sheet[c.key];
    if (typeof value !== 'number') continue;
    sum += c.weight * value;
    weights += c.weight;
  }
  return weights === 0 ? 0 : sum / weights;
}

/**
 * Ranks nominations by the mean of their jurors' z-scores:
 *  1. each non-recused score sheet becomes a weighted mean over the criteria;
 *  2. per juror, those means are normalised to z = (x − μ) / σ over everything that juror scored in play,
 *     so a strict juror weighs the same as a lenient one (σ = 0, or a single sheet: z = 0);
 *  3. a nomination's score is the mean z of its jurors.
 * Ties: higher raw weighted mean, then more jurors, then the earlier nomination. Nominations nobody
 * scored rank last (in nomination order). Overrides: "exclude" drops a nomination, the next in line
 * moves up; "include" adds it on top of the cut.
 */
export function rankNominations(input: RankingInput): Ranking {
  const inPlay = new Map(input.nominations.map((n) => [n.id, n.seq]));
  const recused = new Set(input.recused.map((r) => `${r.nominationId}\u0000${r.juror}`));
  const counted = input.scores
    .filter((s) => inPlay.has(s.nominationId) && !recused.has(`${s.nominationId}\u0000${s.juror}`))
    .map((s) => ({ nominationId: s.nominationId, juror: s.juror, mean: weightedMean(s.scores, input.criteria) }))
    // A canonical order, so sums (and their rounding) do not depend on where the scores came from.
    .sort((a, b) => (a.juror < b.juror ? -1 : a.juror > b.juror ? 1 : a.nominationId < b.nominationId ? -1 : a.nominationId > b.nominationId ? 1 : 0));

  const byJuror = new Map<string, number[]>();
  for (const s of counted) byJuror.set(s.juror, [...(byJuror.get(s.juror) ?? []), s.mean]);
  const stats = new Map<string, { mu: number; sigma: number }>();
  for (const [juror, means] of byJuror) {
    const mu = means.reduce((a, b) => a + b, 0) / means.length;
    const variance = means.reduce((a, b) => a + (b - mu) ** 2, 0) / means.length;
    stats.set(juror, { mu, sigma: Math.sqrt(variance) });
  }

  const perNomination = new Map<string, { z: number; raw: number; n: number }>();
  for (const s of counted) {
    const { mu, sigma } = stats.get(s.juror)!;
    const z = sigma < 1e-12 ? 0 : (s.mean - mu) / sigma;
    const acc = perNomination.get(s.nominationId) ?? { z: 0, raw: 0, n: 0 };
    acc.z += z;
    acc.raw += s.mean;
    acc.n += 1;
    perNomination.set(s.nominationId, acc);
  }

  const rows = input.nominations.map((n) => {
    const acc = perNomination.get(n.id);
    return {
      nominationId: n.id,
      seq: n.seq,
      normalised: acc ? round9(acc.z / acc.n) : null,
      rawMean: acc ? round9(acc.raw / acc.n) : null,
      jurors: acc?.n ?? 0,
    };
  });
  rows.sort((a, b) => {
    if (a.normalised === null || b.normalised === null) {
      if (a.normalised !== b.normalised) return a.normalised === null ? 1 : -1;
      return a.seq - b.seq;
    }
    return b.normalised - a.normalised || b.rawMean! - a.rawMean! || b.jurors - a.jurors || a.seq - b.seq;
  });

  const override = new Map<string, 'include' | 'exclude'>();
  for (const o of input.overrides) if (inPlay.has(o.nominationId)) override.set(o.nominationId, o.action);
  const selected = new Set<string>();
  for (const row of rows) {
    if (selected.size >= input.size) break;
    // Nobody scored it: it goes through only by the chair's include.
    if (row.normalised === null || override.get(row.nominationId) === 'exclude') continue;
    selected.add(row.nominationId);
  }
  for (const [id, action] of override) if (action === 'include') selected.add(id);

  const ranking: RankedEntry[] = rows.map((row, i) => ({
    nominationId: row.nominationId,
    rank: i + 1,
    normalised: row.normalised,
    rawMean: row.rawMean,
    jurors: row.jurors,
    selected: selected.has(row.nominationId),
    ...(override.has(row.nominationId) ? { override: override.get(row.nominationId) } : {}),
  }));
  return { ranking, selected: ranking.filter((r) => r.selected).map((r) => r.nominationId) };
}
