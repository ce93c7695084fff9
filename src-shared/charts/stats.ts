// Statistics behind the figures: trailing moving average, mean and sample std, curves aligned across seeds.

/**
 * Trailing moving average: out[t] = mean(values[max(0, t - window + 1) .. t]). The first window - 1 points
 * average what is available, so the smoothed curve starts at the first episode (no shift, no padding).
 */
export function movingAverage(values: readonly number[], window: number): number[] {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`smoothing window must be an integer >= 1, got ${window}`);
  const out = new Array<number>(values.length);
  let sum = 0;
  for (let t = 0; t < values.length; t++) {
    sum += values[t];
    if (t >= window) sum -= values[t - window];
    out[t] = sum / Math.min(t + 1, window);
  }
  return out;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Sample standard deviation (divisor n - 1); 0 for a single value, NaN for none. */
export function sampleStd(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  if (values.length === 1) return 0;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return Math.sqrt(s / (values.length - 1));
}

/** Population standard deviation (divisor n), used for the coefficient of variation of one curve. */
export function populationStd(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return Math.sqrt(s / values.length);
}

/** A curve over episodes: x[k] is the episode of y[k] (x strictly increasing). */
export interface Curve {
  x: number[];
  y: number[];
}

/** Mean and std at each x across several curves (seeds); an x present in only some curves uses those. */
export interface BandCurve {
  x: number[];
  mean: number[];
  std: number[];
  /** How many curves contributed at each x. */
  n: number[];
}

/** Aligns curves by x (episode) and takes the mean and sample std across them at each x. */
export function meanStdAcross(curves: readonly Curve[]): BandCurve {
  const byX = new Map<number, number[]>();
  for (const c of curves) {
    for (let k = 0; k < c.x.length; k++) {
      const v = c.y[k];
      if (!Number.isFinite(v)) continue;
      const list = byX.get(c.x[k]);
      if (list) list.push(v);
      else byX.set(c.x[k], [v]);
    }
  }
  const xs = [...byX.keys()].sort((a, b) => a - b);
  return {
    x: xs,
    mean: xs.map((x) => mean(byX.get(x)!)),
    std: xs.map((x) => sampleStd(byX.get(x)!)),
    n: xs.map((x) => byX.get(x)!.length),
  };
}

/** Mean of the last `lastN` finite values (all of them when fewer); NaN when there are none. */
export function tailMean(values: readonly number[], lastN: number): number {
  if (!Number.isInteger(lastN) || lastN < 1) throw new RangeError(`lastN must be an integer >= 1, got ${lastN}`);
  const finite = values.filter((v) => Number.isFinite(v));
  return mean(finite.slice(Math.max(0, finite.length - lastN)));
}
