// Value normalisation with exponentially decaying statistics (MAPPO's ValueNorm: debiased moving averages of
// the mean and the mean square, weight `decay` per update batch), so that the targets' scale can follow a return
// distribution that drifts as the policy improves. `RunningNorm` (running-norm.ts) keeps cumulative statistics.
// Same interface as RunningNorm for one-dimensional values; the state is plain numbers for checkpoints.

export interface DecayingNormState {
  kind: 'decaying';
  mean: number;
  meanSq: number;
  debias: number;
}

export class DecayingNorm {
  private mean = 0;
  private meanSq = 0;
  private debias = 0;

  constructor(
    /** Weight of the old statistics per update, in (0, 1). */
    readonly decay: number,
    private readonly minVariance = 1e-2,
  ) {
    if (!(decay > 0 && decay < 1)) throw new RangeError(`valueNormDecay must be in (0, 1), got ${decay}`);
  }

  update(data: ArrayLike<number>): void {
    const n = data.length;
    if (n === 0) return;
    let s = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      s += data[i];
      sq += data[i] * data[i];
    }
    const w = this.decay;
    this.mean = this.mean * w + (s / n) * (1 - w);
    this.meanSq = this.meanSq * w + (sq / n) * (1 - w);
    this.debias = this.debias * w + (1 - w);
  }

  /** Debiased mean and variance (variance floored at minVariance, as MAPPO's ValueNorm clamps it). */
  stats(): { mean: number; variance: number } {
    if (this.debias <= 0) return { mean: 0, variance: 1 };
    const mean = this.mean / this.debias;
    const variance = Math.max(this.meanSq / this.debias - mean * mean, this.minVariance);
    return { mean, variance };
  }

  normalise(data: ArrayLike<number>, out: Float32Array = new Float32Array(data.length)): Float32Array {
    const { mean, variance } = this.stats();
    const sd = Math.sqrt(variance);
    for (let i = 0; i < data.length; i++) out[i] = (data[i] - mean) / sd;
    return out;
  }

  denormalise(data: ArrayLike<number>, out: Float64Array = new Float64Array(data.length)): Float64Array {
    const { mean, variance } = this.stats();
    const sd = Math.sqrt(variance);
    for (let i = 0; i < data.length; i++) out[i] = data[i] * sd + mean;
    return out;
  }

  getState(): DecayingNormState {
    return { kind: 'decaying', mean: this.mean, meanSq: this.meanSq, debias: this.debias };
  }

  setState(s: DecayingNormState): void {
    this.mean = s.mean;
    this.meanSq = s.meanSq;
    this.debias = s.debias;
  }
}
