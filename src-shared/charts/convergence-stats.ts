// Paper 2, Table III: steady reward, coefficient of variation and convergence episode of a reward curve.
import { mean, movingAverage, sampleStd, type Curve } from './stats';

export interface ConvergenceStatsOptions {
  /** Episodes at the end over which the steady reward is averaged (Table III: last 50). */
  lastN: number;
  /** Fraction of the way from the start to the steady value that counts as converged (Table III: 95%). */
  fraction: number;
  /** Moving-average window applied before looking for the convergence episode (noisy raw rewards). */
  window: number;
}

export const tableIIIDefaults: Readonly<ConvergenceStatsOptions> = { lastN: 50, fraction: 0.95, window: 50 };

export interface ConvergenceStats {
  /** Mean reward over the last `lastN` episodes. */
  steadyReward: number;
  /** Sample std / |mean| of the reward over the last `lastN` episodes. */
  coefficientOfVariation: number;
  /** First episode whose smoothed reward has covered `fraction` of the way to the steady value; null if none. */
  convergenceEpisode: number | null;
}

export function convergenceStats(c: Curve, opts: ConvergenceStatsOptions = tableIIIDefaults): ConvergenceStats {
  if (c.y.length === 0) return { steadyReward: Number.NaN, coefficientOfVariation: Number.NaN, convergenceEpisode: null };
  const tail = c.y.slice(Math.max(0, c.y.length - opts.lastN));
  const steady = mean(tail);
  const cv = steady === 0 ? Number.NaN : sampleStd(tail) / Math.abs(steady);
  const smooth = movingAverage(c.y, opts.window);
  // "Reaching 95% of the steady reward" is read as covering 95% of the way from the first (smoothed) value to
  // the steady one, which works for negative rewards too (see docs/model-notes.md).
  const start = smooth[0];
  const threshold = start + opts.fraction * (steady - start);
  const rising = steady >= start;
  let episode: number | null = null;
  for (let k = 0; k < smooth.length; k++) {
    if (rising ? smooth[k] >= threshold : smooth[k] <= threshold) {
      episode = c.x[k];
      break;
    }
  }
  return { steadyReward: steady, coefficientOfVariation: cv, convergenceEpisode: episode };
}
