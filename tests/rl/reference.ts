// Independent float64 implementations of the networks, written directly from the equations, used to check
// the tfjs code (forward values and, via central finite differences, gradients).
import type { NamedArray } from '../../src-main/rl/nn/params';

export type Params64 = Map<string, { shape: number[]; data: Float64Array }>;

export function toParams64(arrays: readonly NamedArray[]): Params64 {
  return new Map(arrays.map((a) => [a.name, { shape: a.shape, data: Float64Array.from(a.data) }]));
}

export const mish64 = (x: number): number => x * Math.tanh(Math.log1p(Math.exp(x)));

/** y[B,n] = x[B,k] W[k,n] + b */
export function dense(x: Float64Array, B: number, w: { shape: number[]; data: Float64Array }, b: Float64Array | null): Float64Array {
  const [k, n] = w.shape;
  const y = new Float64Array(B * n);
  for (let r = 0; r < B; r++)
    for (let j = 0; j < n; j++) {
      let s = b ? b[j] : 0;
      for (let i = 0; i < k; i++) s += x[r * k + i] * w.data[i * n + j];
      y[r * n + j] = s;
    }
  return y;
}

export function softmaxRows(x: Float64Array, B: number, n: number): Float64Array {
  const out = new Float64Array(B * n);
  for (let r = 0; r < B; r++) {
    let m = -Infinity;
    for (let j = 0; j < n; j++) m = Math.max(m, x[r * n + j]);
    let s = 0;
    for (let j = 0; j < n; j++) s += (out[r * n + j] = Math.exp(x[r * n + j] - m));
    for (let j = 0; j < n; j++) out[r * n + j] /= s;
  }
  return out;
}

export interface ChainSpec {
  A: number;
  obsDim: number;
  hidden: number[];
  embedDim: number;
  steps: number;
  betaMin: number;
  betaMax: number;
  /** DDPM's clip of the predicted clean sample to [-1, 1] (posterior mean from the clipped x0). */
  clipDenoised?: boolean;
}

/**
 * Reverse chain of eqs. (33)-(41) on the concatenated input [x, emb(m), s], straight from the paper.
 * `z` holds unscaled N(0,1) draws: block 0 is x^M, block k the z of the update from step m = M-k+1.
 */
export function chain64(spec: ChainSpec, p: Params64, obs: Float64Array, B: number, z: Float64Array): Float64Array {
  const { A, obsDim, embedDim, steps: M } = spec;
  const beta: number[] = [];
  const alpha: number[] = [];
  const alphaHat: number[] = [];
  let prod = 1;
  for (let m = 1; m <= M; m++) {
    const b = 1 - Math.exp(-spec.betaMin / M - ((2 * m - 1) / (2 * M * M)) * (spec.betaMax - spec.betaMin));
    beta.push(b);
    alpha.push(1 - b);
    prod *= 1 - b;
    alphaHat.push(prod);
  }
  // the first layer's weight as one matrix over [x, emb, s]
  const H0 = spec.hidden[0];
  const inDim = A + embedDim + obsDim;
  const w1 = new Float64Array(inDim * H0);
  w1.set(p.get('w1x')!.data, 0);
  w1.set(p.get('w1e')!.data, A * H0);
  w1.set(p.get('w1s')!.data, (A + embedDim) * H0);
  const W1 = { shape: [inDim, H0], data: w1 };
  let x = Float64Array.from(z.subarray(0, B * A));
  for (let k = 0; k < M; k++) {
    const m = M - k;
    // sinusoidal embedding of m
    const half = embedDim / 2;
    const emb = new Float64Array(embedDim);
    for (let i = 0; i < half; i++) {
      const w = Math.exp((-Math.log(10000) * i) / Math.max(1, half - 1));
      emb[i] = Math.sin(m * w);
      emb[half + i] = Math.cos(m * w);
    }
    const input = new Float64Array(B * inDim);
    for (let r = 0; r < B; r++) {
      input.set(x.subarray(r * A, (r + 1) * A), r * inDim);
      input.set(emb, r * inDim + A);
      input.set(obs.subarray(r * obsDim, (r + 1) * obsDim), r * inDim + A + embedDim);
    }
    let h = dense(input, B, W1, p.get('b1')!.data).map(mish64);
    for (let l = 1; l < spec.hidden.length; l++) h = dense(h, B, p.get(`w${l + 1}`)!, p.get(`b${l + 1}`)!.data).map(mish64);
    const eps = dense(h, B, p.get('wOut')!, p.get('bOut')!.data);
    const a = alpha[m - 1];
    const next = new Float64Array(B * A);
    const betaHat = m > 1 ? ((1 - alphaHat[m - 2]) / (1 - alphaHat[m - 1])) * beta[m - 1] : 0;
    const prevHat = m > 1 ? alphaHat[m - 2] : 1;
    for (let i = 0; i < B * A; i++) {
      let mean = (x[i] - ((1 - a) / Math.sqrt(1 - alphaHat[m - 1])) * eps[i]) / Math.sqrt(a); // eq. (39)
      if (spec.clipDenoised) {
        // Ho et al.: x0 = (x - sqrt(1 - alphaHat) eps) / sqrt(alphaHat), clipped; posterior mean q(x^{m-1} | x^m, x0)
        const x0 = Math.min(1, Math.max(-1, (x[i] - Math.sqrt(1 - alphaHat[m - 1]) * eps[i]) / Math.sqrt(alphaHat[m - 1])));
        mean = ((Math.sqrt(prevHat) * beta[m - 1]) / (1 - alphaHat[m - 1])) * x0 + ((Math.sqrt(a) * (1 - prevHat)) / (1 - alphaHat[m - 1])) * x[i];
      }
      next[i] = mean + (m > 1 ? Math.sqrt(betaHat) * z[(k + 1) * B * A + i] : 0); // eq. (40)
    }
    x = next;
  }
  return softmaxRows(x, B, A); // eq. (41)
}

/** Central finite-difference gradient of f w.r.t. every entry of every parameter. */
export function numericGrad(p: Params64, f: () => number, h = 1e-6): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const [name, t] of p) {
    const g = new Float64Array(t.data.length);
    for (let i = 0; i < t.data.length; i++) {
      const v = t.data[i];
      t.data[i] = v + h;
      const fp = f();
      t.data[i] = v - h;
      const fm = f();
      t.data[i] = v;
      g[i] = (fp - fm) / (2 * h);
    }
    out.set(name, g);
  }
  return out;
}

export interface MixerSpec64 {
  nAgents: number;
  stateDim: number;
  embed: number;
  hyperLayers: number;
  elu: boolean;
}

/** eq. (57) with ReLU hypernetworks, abs() weights and an optional ELU, from the formulas. */
export function mixer64(spec: MixerSpec64, p: Params64, qs: Float64Array, states: Float64Array, E: number): Float64Array {
  const hyper = (name: string) => {
    let h: Float64Array = Float64Array.from(states);
    for (let l = 0; l <= spec.hyperLayers; l++) {
      h = dense(h, E, p.get(`${name}/w${l}`)!, p.get(`${name}/b${l}`)!.data);
      if (l < spec.hyperLayers) h = h.map((v) => Math.max(0, v));
    }
    return h;
  };
  const w1 = hyper('hw1').map(Math.abs);
  const w2 = hyper('hw2').map(Math.abs);
  const b3 = hyper('hb3');
  const b4 = hyper('hb4');
  const n = spec.nAgents;
  const K = spec.embed;
  const out = new Float64Array(E);
  for (let e = 0; e < E; e++) {
    let y = b4[e];
    for (let k = 0; k < K; k++) {
      let h = b3[e * K + k];
      for (let i = 0; i < n; i++) h += qs[e * n + i] * w1[e * n * K + i * K + k];
      if (spec.elu) h = h > 0 ? h : Math.expm1(h);
      y += h * w2[e * K + k];
    }
    out[e] = y;
  }
  return out;
}
