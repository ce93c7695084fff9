// Paper 2, Table III: steady reward, coefficient of variation and convergence episode of a reward curve.
// The one implementation of Table III (the figure code p2-figures.ts table3 and any caller use it); the readings
// the paper leaves open are options, defaults and reasons in docs/model-notes.md ("Figures and experiments").
import { z } from 'zod';
import { parseWith } from '../validation';
import { mean, movingAverage, populationStd, sampleStd, type Curve } from './stats';

export const convergenceStatsOptionsSchema = z.strictObject({
  /** Episodes at the end over which the steady reward is averaged (Table III note: the last 50). */
  lastN: z.number().int().min(1).max(1_000_000).default(50),
  /** Fraction of the steady reward that counts as converged (Table III: 95 %). */
  fraction: z.number().gt(0).max(1).default(0.95),
  /** Trailing moving-average window applied before looking for the convergence episode (1 = raw rewards). */
  window: z.number().int().min(1).max(1_000_000).default(50),
  /**
   * 'progress': the smoothed reward has covered `fraction` of the way from its first value to the steady value
   * (rising or falling curves); 'band': it lies within (1 - fraction) |steady| of the steady value from below
   * (reward >= steady - 0.05 |steady|; on a falling curve, <= steady + 0.05 |steady|).
   */
  target: z.enum(['progress', 'band']).default('progress'),
  /** Standard deviation of the coefficient of variation: sample (divisor n - 1) or population (divisor n). */
  std: z.enum(['sample', 'population']).default('sample'),
  /** Episodes the coefficient of variation covers: the last `lastN` ('tail') or the whole curve ('all'). */
  cvOver: z.enum(['tail', 'all']).default('tail'),
});

/** Options as a caller passes them (every field optional). */
export type ConvergenceStatsOptions = z.input<typeof convergenceStatsOptionsSchema>;
/** Options with every default filled in. */
export type ConvergenceStatsSettings = z.output<typeof convergenceStatsOptionsSchema>;

/** Table III as the workbench reads it (docs/model-notes.md). */
export const tableIIIDefaults: Readonly<ConvergenceStatsSettings> = Object.freeze(convergenceStatsOptionsSchema.parse({}));

export interface ConvergenceStats {
  /** Mean reward over the last `lastN` episodes (all if fewer). */
  steadyReward: number;
  /** std / |mean| over `cvOver` (sample or population std); NaN when that mean is 0 or the curve is empty. */
  coefficientOfVariation: number;
  /** The smoothed reward level that counts as converged; NaN for an empty curve. */
  targetReward: number;
  /** Episode (x value) at which the smoothed reward first reaches `targetReward`; null if none. */
  convergenceEpisode: number | null;
}

export function convergenceStats(c: Curve, opts: ConvergenceStatsOptions = tableIIIDefaults): ConvergenceStats {
  const o = parseWith(convergenceStatsOptionsSchema, opts, 'Table III options');
  if (c.x.length !== c.y.length) throw new RangeError(`curve has ${c.x.length} episodes but ${c.y.length} rewards`);
  c.y.forEach((v, k) => {
    if (!Number.isFinite(v)) throw new RangeError(`reward of episode ${c.x[k]} is ${v}; rewards must be finite numbers`);
  });
  if (c.y.length === 0) {
    return { steadyReward: Number.NaN, coefficientOfVariation: Number.NaN, targetReward: Number.NaN, convergenceEpisode: null };
  }
  const tail = c.y.slice(Math.max(0, c.y.length - o.lastN));
  const steady = mean(tail);
  const cvSet = o.cvOver === 'tail' ? tail : c.y;
  const cvMean = mean(cvSet);
  const std = o.std === 'sample' ? sampleStd(cvSet) : populationStd(cvSet);
  const coefficientOfVariation = cvMean === 0 ? Number.NaN : std / Math.abs(cvMean);
  // Trailing moving average with a partial window at the start (the smoothing of the Fig. 4 curves).
  const smooth = movingAverage(c.y, o.window);
  const start = smooth[0];
  // A curve that ends below where it started (a cost, or a reward that got worse) converges downwards.
  const rising = steady >= start;
  const gap = (1 - o.fraction) * Math.abs(steady);
  const targetReward =
    o.target === 'progress' ? start + o.fraction * (steady - start) : rising ? steady - gap : steady + gap;
  let convergenceEpisode: number | null = null;
  for (let k = 0; k < smooth.length; k++) {
    if (rising ? smooth[k] >= targetReward : smooth[k] <= targetReward) {
      convergenceEpisode = c.x[k];
      break;
    }
  }
  return { steadyReward: steady, coefficientOfVariation, targetReward, convergenceEpisode };
}
