// Table III of paper 2: steady reward (mean of the last `window` episodes), coefficient of variation, and the
// first episode reaching 95 % of the steady reward. The readings the paper leaves open (which episodes the CV
// covers, what "95 %" means for a negative reward, smoothing) are options; defaults in docs/model-notes.md.
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import { parseWith } from '../../src-shared/validation';

export const convergenceOptionsSchema = z.strictObject({
  /** Episodes averaged for the steady reward (Table III note 1: the last 50). */
  window: z.number().int().min(1).max(1_000_000).default(50),
  /** Fraction of the steady reward to reach (Table III note 3: 95 %). */
  fraction: z.number().gt(0).max(1).default(0.95),
  /** Episodes the coefficient of variation covers: the steady window or the whole curve. */
  cvOver: z.enum(['window', 'all']).default('window'),
  /**
   * 'band': reward >= steady - (1 - fraction) |steady| (within 5 % of the steady value, for either sign);
   * 'progress': reward >= first + fraction (steady - first), 95 % of the way from the first episode's reward.
   */
  target: z.enum(['band', 'progress']).default('band'),
  /** Trailing moving average applied before looking for the crossing (1 = raw episode rewards). */
  smoothing: z.number().int().min(1).max(1_000_000).default(50),
});

export type ConvergenceOptions = z.input<typeof convergenceOptionsSchema>;

export interface ConvergenceMetrics {
  episodes: number;
  /** Mean reward of the last min(window, episodes) episodes. */
  steadyReward: number;
  /** Population standard deviation / |mean| over `cvOver`; null when the mean is 0. */
  coefficientOfVariation: number | null;
  /** The reward level that counts as reaching `fraction` of the steady reward. */
  targetReward: number;
  /**
   * First episode (1-based) whose reward (or trailing `smoothing`-episode mean, counted at the window's last
   * episode) reaches targetReward; null if none does.
   */
  convergenceEpisode: number | null;
}

function meanStd(xs: readonly number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  return { mean, std: Math.sqrt(v) };
}

/** Table III's three numbers for one curve of episode rewards (index 0 = episode 1). */
export function convergenceMetrics(rewards: readonly number[], options: ConvergenceOptions = {}): ConvergenceMetrics {
  const o = parseWith(convergenceOptionsSchema, options, 'convergence options');
  if (rewards.length === 0) throw new UserError('convergence metrics need at least one episode reward');
  rewards.forEach((r, i) => {
    if (!Number.isFinite(r)) throw new UserError(`episode reward ${i + 1} is ${r}; rewards must be finite numbers`);
  });
  const n = rewards.length;
  const tail = rewards.slice(n - Math.min(o.window, n));
  const steady = meanStd(tail).mean;
  const cvSet = meanStd(o.cvOver === 'window' ? tail : rewards);
  const coefficientOfVariation = cvSet.mean === 0 ? null : cvSet.std / Math.abs(cvSet.mean);

  const w = Math.min(o.smoothing, n);
  const smoothed: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += rewards[i];
    if (i >= w) sum -= rewards[i - w];
    smoothed.push(i >= w - 1 ? sum / w : Number.NaN);
  }
  const first = smoothed[w - 1];
  const targetReward = o.target === 'band' ? steady - (1 - o.fraction) * Math.abs(steady) : first + o.fraction * (steady - first);
  let convergenceEpisode: number | null = null;
  for (let i = w - 1; i < n; i++) {
    // 'progress' on a falling curve (steady below the start) looks for the fall.
    const reached = o.target === 'progress' && steady < first ? smoothed[i] <= targetReward : smoothed[i] >= targetReward;
    if (reached) {
      convergenceEpisode = i + 1;
      break;
    }
  }
  return { episodes: n, steadyReward: steady, coefficientOfVariation, targetReward, convergenceEpisode };
}
