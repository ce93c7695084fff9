// The per-run numbers a claim is about, read from the same metric records and with the same functions as the
// figures (sweep points, Table III), so a verdict always describes what the figure shows.
import { averageRewardCurve } from '../charts/p2-figures';
import { convergenceStats, tableIIIDefaults } from '../charts/convergence-stats';
import { episodeArrayMeanCurve, episodeCurve, sweepPointValue, type FigureParam, type FigureRun } from '../charts/run-data';
import { DEFAULT_LAST_N } from '../charts/figure-helpers';
import { mean, sampleStd, tailMean } from '../charts/stats';
import type { Quantity } from './schema';

/** The quantity of one run; null when the run has no finite value for it. */
export function runQuantity(run: FigureRun, q: Quantity): number | null {
  let v: number;
  if (q.of === 'sweep-point') v = sweepPointValue(run, q.metric, DEFAULT_LAST_N, 'eval', q.reduce).value;
  else if (q.of === 'steady') {
    const curve = q.reduce === 'scalar' ? episodeCurve(run, q.metric) : episodeArrayMeanCurve(run, q.metric);
    v = tailMean(curve.y, q.lastN) / (q.perSlot ? Math.max(1, run.slotsPerEpisode) : 1);
  } else {
    const curve = averageRewardCurve(run);
    if (curve.y.length === 0) return null;
    const s = convergenceStats(curve, tableIIIDefaults);
    v = q.stat === 'convergenceEpisode' ? (s.convergenceEpisode ?? Number.NaN) : s[q.stat];
  }
  return Number.isFinite(v) ? v : null;
}

/** Values of one algorithm at one sweep point (or all its runs when `at` is absent), keyed by seed. */
export function seedValues(runs: readonly FigureRun[], algo: string, q: Quantity, at?: { param: FigureParam; value: number }): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of runs) {
    if (r.algo !== algo) continue;
    if (at && r.params[at.param] !== at.value) continue;
    const v = runQuantity(r, q);
    if (v !== null) out.set(r.seed, v);
  }
  return out;
}

export interface Spread {
  mean: number;
  std: number;
  n: number;
}

export function spreadOf(values: readonly number[]): Spread | null {
  return values.length === 0 ? null : { mean: mean(values), std: sampleStd(values), n: values.length };
}

/** Values of the swept parameter at which some run of `algo` (or of any algorithm) was measured, ascending. */
export function measuredPoints(runs: readonly FigureRun[], param: FigureParam, algo?: string): number[] {
  const vs = new Set<number>();
  for (const r of runs) {
    const v = r.params[param];
    if (v !== undefined && (algo === undefined || r.algo === algo)) vs.add(v);
  }
  return [...vs].sort((a, b) => a - b);
}

/**
 * Improvement of `ours` over `base` in percent (the papers' "x % better" / "relative gain"):
 * (base - ours) / |base| x 100 when lower is better, (ours - base) / |base| x 100 when higher is better.
 * Checked against paper 2, Table III: (-2.549 - -3.412) / 3.412 = 25.3 %, the gain Sec. VII-C 1) states.
 */
export function improvementPercent(ours: number, base: number, better: 'lower' | 'higher'): number {
  if (base === 0) return Number.NaN;
  return ((better === 'lower' ? base - ours : ours - base) / Math.abs(base)) * 100;
}
