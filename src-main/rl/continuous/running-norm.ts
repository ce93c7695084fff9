// Running mean and variance (Chan et al.'s parallel update of Welford's method) for observation and
// value normalisation. Float64 accumulators; the state is plain numbers so it goes into a checkpoint.

export interface RunningNormState {
  count: number;
  mean: number[];
  m2: number[];
}

export class RunningNorm {
  private count = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(
    readonly dim: number,
    private readonly clip = 10,
    private readonly epsilon = 1e-8,
  ) {
    this.mean = new Float64Array(dim);
    this.m2 = new Float64Array(dim);
  }

  /** Adds `rows` vectors of length dim stored back to back in `data`. */
  update(data: ArrayLike<number>, rows = data.length / this.dim): void {
    if (rows <= 0) return;
    const d = this.dim;
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += data[r * d + j];
      const batchMean = s / rows;
      let q = 0;
      for (let r = 0; r < rows; r++) {
        const e = data[r * d + j] - batchMean;
        q += e * e;
      }
      const n = this.count + rows;
      const delta = batchMean - this.mean[j];
      this.mean[j] += (delta * rows) / n;
      this.m2[j] += q + (delta * delta * this.count * rows) / n;
    }
    this.count += rows;
  }

  variance(j: number): number {
    return this.count > 0 ? this.m2[j] / this.count : 1;
  }

  std(j: number): number {
    return Math.sqrt(this.variance(j) + this.epsilon);
  }

  meanOf(j: number): number {
    return this.mean[j];
  }

  /** (x - mean) / std clipped to [-clip, clip], written into `out` (may alias `data`). */
  normalise(data: ArrayLike<number>, out: Float32Array = new Float32Array(data.length)): Float32Array {
    const d = this.dim;
    const std = new Float64Array(d);
    for (let j = 0; j < d; j++) std[j] = this.std(j);
    for (let i = 0; i < data.length; i++) {
      const j = i % d;
      const z = (data[i] - this.mean[j]) / std[j];
      out[i] = z > this.clip ? this.clip : z < -this.clip ? -this.clip : z;
    }
    return out;
  }

  /** Inverse of `normalise` without clipping (value de-normalisation). */
  denormalise(data: ArrayLike<number>, out: Float64Array = new Float64Array(data.length)): Float64Array {
    const d = this.dim;
    for (let i = 0; i < data.length; i++) {
      const j = i % d;
      out[i] = data[i] * this.std(j) + this.mean[j];
    }
    return out;
  }

  getState(): RunningNormState {
    return { count: this.count, mean: [...this.mean], m2: [...this.m2] };
  }

  setState(s: RunningNormState): void {
    if (s.mean.length !== this.dim || s.m2.length !== this.dim) {
      throw new RangeError(`normaliser state has dim ${s.mean.length}, expected ${this.dim}`);
    }
    this.count = s.count;
    this.mean.set(s.mean);
    this.m2.set(s.m2);
  }
}
