// The reverse (denoising) chain of a diffusion agent, eqs. (39)-(41), with hand-written backpropagation
// through all M steps.
//
// The noise network eps_theta(x^m, m, s) is an MLP on the concatenation [x^m, emb(m), s] (Sec. 6.2.2).
// Its first layer is split by input block, which is the same function computed cheaper:
//   [x, emb(m), s] W1 + b1 = x W1x + (emb(m) W1e + b1) + s W1s
// where s W1s is computed once per chain and emb(m) W1e + b1 once per step for the whole batch.
//
// Noise layout for a batch of B: M blocks of B x A floats. Block 0 is x^M ~ N(0, I); block k (1..M-1) is
// sqrt(beta-hat_m) z with m = M - k + 1, the noise of update (40) from x^m to x^{m-1}. Step m = 1 adds no
// noise because beta-hat_1 = 0 exactly (eq. 37 with alpha-hat_0 = 1).
import * as tf from '@tensorflow/tfjs';
import type { DiffusionSchedule } from './diffusion-schedule';
import type { HeapViewFn } from './heap';
import { filled } from './constants';
import { flushTiny } from './flush';
import { fusedKernels, type FusedKernels } from './fused';
import { colSum, concatTransposed, linear, linearParamGrads, transpose2d } from './linear';
import { activationInPlace, type Activation } from './mish';
import { trunkBackwardData, trunkForward, type DenseLayer, type TrunkCache } from './mlp';
import { FastNormal } from './normal-noise';
import type { ParamSet, ParamSpec } from './params';
import { stepEmbeddingTable } from './step-embedding';
import { tidy } from './tidy';

export interface DenoiserShape {
  nActions: number;
  obsDim: number;
  /** Hidden layer widths of the noise network (paper: 3 x 256). */
  hidden: number[];
  /** Size of the sinusoidal step embedding. */
  embedDim: number;
  activation: Activation;
  /**
   * Clip the predicted clean sample x0-hat to [-1, 1] in every reverse step, as GDMOPT/AGOD do (their
   * `clip_denoised`); off (the default) is eqs. (39)-(40) as printed. See docs/model-notes.md.
   */
  clipDenoised?: boolean;
  /**
   * What the agent's Q-vector is: softmax(x^0) as eq. (41) prints it ('softmax', the default for the literal
   * reading), or x^0 itself ('logits': unbounded action values; argmax (54) picks the same action).
   */
  qHead?: 'softmax' | 'logits';
  /**
   * 'stochastic': x^M ~ N(0, I) and the noise z of (40), as printed; 'mean': the chain's mean path (x^M = 0,
   * z = 0), a deterministic network from s_i to Q. See docs/model-notes.md.
   */
  noise?: 'stochastic' | 'mean';
}

/** Parameter names and shapes of one denoiser, in a fixed order. */
export function denoiserParamSpecs(s: DenoiserShape): ParamSpec[] {
  const fanIn1 = s.nActions + s.embedDim + s.obsDim;
  const h0 = s.hidden[0];
  const specs: ParamSpec[] = [
    { name: 'w1x', shape: [s.nActions, h0], fanIn: fanIn1 },
    { name: 'w1e', shape: [s.embedDim, h0], fanIn: fanIn1 },
    { name: 'w1s', shape: [s.obsDim, h0], fanIn: fanIn1 },
    { name: 'b1', shape: [h0], fanIn: fanIn1 },
  ];
  for (let l = 1; l < s.hidden.length; l++) {
    specs.push({ name: `w${l + 1}`, shape: [s.hidden[l - 1], s.hidden[l]], fanIn: s.hidden[l - 1] });
    specs.push({ name: `b${l + 1}`, shape: [s.hidden[l]], fanIn: s.hidden[l - 1] });
  }
  const last = s.hidden[s.hidden.length - 1];
  specs.push({ name: 'wOut', shape: [last, s.nActions], fanIn: last });
  specs.push({ name: 'bOut', shape: [s.nActions], fanIn: last });
  return specs;
}

export type ChainCache = {
  /** The Q-vector: softmax(x^0) (eq. 41) or x^0 (qHead 'logits'). */
  q: tf.Tensor2D;
  /** xs[k]: input x^m of forward step k (m = M - k). */
  xs: tf.Tensor2D[];
  trunks: TrunkCache[];
  /** With clipDenoised: masks[k] is 1 where x0-hat of step k lay inside [-1, 1] (the clip passes gradients). */
  masks: tf.Tensor2D[];
};

export class DiffusionChain {
  readonly steps: number;
  /** Row k: embedding of step m = M - k. */
  private readonly embTable: tf.Tensor2D;
  private readonly embTableT: tf.Tensor2D;
  private readonly nHidden: number;

  constructor(
    readonly shape: DenoiserShape,
    readonly schedule: DiffusionSchedule,
  ) {
    this.steps = schedule.steps;
    const table = stepEmbeddingTable(this.steps, shape.embedDim);
    this.embTable = tf.keep(tf.tensor2d(table, [this.steps, shape.embedDim]));
    this.embTableT = tf.keep(tf.transpose(this.embTable));
    this.nHidden = shape.hidden.length;
  }

  dispose(): void {
    this.embTable.dispose();
    this.embTableT.dispose();
  }

  /** Floats of noise one chain over `batch` rows consumes. */
  noiseSize(batch: number): number {
    return this.steps * batch * this.shape.nActions;
  }

  /** The chain's noise for `batch` rows from one seed, already scaled by sqrt(beta-hat_m) (eq. 40). */
  makeNoise(seed: number, batch: number): Float32Array {
    const block = batch * this.shape.nActions;
    const out = new Float32Array(this.noiseSize(batch));
    if (this.shape.noise === 'mean') return out; // the mean path: x^M = 0, z = 0
    const gen = new FastNormal(seed);
    gen.fill(out, 1, 0, block); // x^M ~ N(0, I)
    for (let k = 1; k < this.steps; k++) {
      const m = this.steps - k + 1;
      gen.fill(out, this.schedule.noiseStd[m - 1], k * block, (k + 1) * block);
    }
    return out;
  }

  /**
   * Noise for a batch whose row r equals the batch-1 noise of seeds[r] (`makeNoise(seeds[r], 1)`): a stored
   * decision replayed with the noise it was taken with.
   */
  makeNoiseRows(seeds: Int32Array): Float32Array {
    const B = seeds.length;
    const A = this.shape.nActions;
    const out = new Float32Array(this.noiseSize(B));
    if (this.shape.noise === 'mean') return out;
    for (let r = 0; r < B; r++) {
      const row = this.makeNoise(seeds[r], 1);
      for (let k = 0; k < this.steps; k++) out.set(row.subarray(k * A, (k + 1) * A), k * B * A + r * A);
    }
    return out;
  }

  private layers(p: ParamSet, firstBias: tf.Tensor1D | null): DenseLayer[] {
    const layers: DenseLayer[] = [{ w: p.get2d('w1x'), b: firstBias }];
    for (let l = 1; l < this.nHidden; l++) layers.push({ w: p.get2d(`w${l + 1}`), b: p.get1d(`b${l + 1}`) });
    layers.push({ w: p.get2d('wOut'), b: p.get1d('bOut') });
    return layers;
  }

  /**
   * Runs x^M -> x^0 and returns Q = softmax(x^0) [B, A] (eq. 41). With keepCache the intermediate values
   * needed by `backward` are kept (the caller disposes them with `disposeCache`).
   */
  forward(p: ParamSet, obs: tf.Tensor2D, noise: Float32Array, keepCache: boolean): { q: tf.Tensor2D; cache: ChainCache | null } {
    const B = obs.shape[0];
    const A = this.shape.nActions;
    const block = B * A;
    if (noise.length !== this.noiseSize(B)) throw new Error(`diffusion chain: noise has ${noise.length} floats, expected ${this.noiseSize(B)}`);
    const fk = fusedKernels();
    return tidy(() => {
      const stateTerm = linear(obs, p.get2d('w1s')); // s W1s, shared by all steps
      // emb(m) W1e + b1 per step: row k of stepBiasAll. (Not fed to fused matMul as a bias: tfjs-wasm reads the
      // bias rank from the backing buffer, which for a slice of a matrix is still 2.)
      const stepBiasAll = linear(this.embTable, p.get2d('w1e'), p.get1d('b1'));
      const stepBias = fk ? [] : (tf.split(stepBiasAll, this.steps, 0) as tf.Tensor2D[]);
      let x = tf.tensor2d(noise.subarray(0, block), [B, A]); // x^M ~ N(0, I)
      // the fused path reads the noise of every step from one tensor
      const noiseAll = fk && this.steps > 1 && this.shape.noise !== 'mean' ? tf.tensor1d(noise) : null;
      const xs: tf.Tensor2D[] = [];
      const trunks: TrunkCache[] = [];
      const masks: tf.Tensor2D[] = [];
      const sc = this.schedule;
      for (let k = 0; k < this.steps; k++) {
        const m = this.steps - k;
        // layer 0 adds s W1s + (emb(m) W1e + b1)
        const { out: eps, cache } = fk
          ? trunkForward(x, this.layers(p, null), this.shape.activation, stateTerm, keepCache, { table: stepBiasAll, row: k })
          : trunkForward(x, this.layers(p, null), this.shape.activation, tf.add(stateTerm, stepBias[k]) as tf.Tensor2D, keepCache);
        if (cache) {
          xs.push(x);
          trunks.push(cache);
        }
        // eqs. (39)-(40): x^{m-1} = (x^m - (1-alpha_m)/sqrt(1-alphaHat_m) eps) / sqrt(alpha_m) + sqrt(betaHat_m) z
        if (fk) {
          // one kernel, in place on eps (a fresh matMul output that nothing else holds)
          const z = m > 1 && noiseAll ? fk.ptr(noiseAll) + 4 * (k + 1) * block : 0;
          if (this.shape.clipDenoised) {
            const mask = keepCache ? fk.out<tf.Rank.R2>([B, A]) : null;
            if (mask) masks.push(mask);
            fk.k.stepClip(fk.ptr(x), fk.ptr(eps), z, fk.ptr(eps), mask ? fk.ptr(mask) : 0, block, sc.x0CoefX[m - 1], sc.x0CoefEps[m - 1], sc.postCoefX0[m - 1], sc.postCoefX[m - 1]);
          } else fk.k.stepMean(fk.ptr(x), fk.ptr(eps), z, fk.ptr(eps), block, sc.meanCoefX[m - 1], sc.meanCoefEps[m - 1]);
          x = eps;
          continue;
        }
        let next: tf.Tensor2D;
        if (this.shape.clipDenoised) {
          // the same mean through x0-hat, clipped to [-1, 1] (GDMOPT's clip_denoised)
          const x0 = tf.sub(tf.mul(x, filled(sc.x0CoefX[m - 1], x)), tf.mul(eps, filled(sc.x0CoefEps[m - 1], x))) as tf.Tensor2D;
          if (keepCache) masks.push(tf.cast(tf.lessEqual(tf.abs(x0), filled(1, x0)), 'float32') as tf.Tensor2D);
          const x0c = tf.clipByValue(x0, -1, 1);
          next = tf.add(tf.mul(x0c, filled(sc.postCoefX0[m - 1], x)), tf.mul(x, filled(sc.postCoefX[m - 1], x))) as tf.Tensor2D;
        } else {
          next = tf.sub(tf.mul(x, filled(sc.meanCoefX[m - 1], x)), tf.mul(eps, filled(sc.meanCoefEps[m - 1], x))) as tf.Tensor2D;
        }
        if (m > 1) next = tf.add(next, tf.tensor2d(noise.subarray((k + 1) * block, (k + 2) * block), [B, A]));
        x = next;
      }
      const q = this.shape.qHead === 'logits' ? x : (tf.softmax(x) as tf.Tensor2D); // eq. (41), or x^0 itself
      const cache: ChainCache | null = keepCache ? { q, xs, trunks, masks } : null;
      return { q, cache };
    });
  }

  disposeCache(cache: ChainCache): void {
    tf.dispose([cache.q, ...cache.xs, ...cache.masks]);
    for (const t of cache.trunks) tf.dispose([...t.hidden, ...t.derivs]);
  }

  /**
   * Gradients of a loss w.r.t. all denoiser parameters, given dL/dQ [B, A] and the cache of `forward`
   * (same parameters). Backpropagates through the softmax (41) and every reverse step (40), (39).
   * Returns tensors aligned with denoiserParamSpecs order.
   */
  backward(p: ParamSet, obs: tf.Tensor2D, cache: ChainCache, dq: tf.Tensor2D): tf.Tensor[] {
    return tf.tidy(() => {
      const M = this.steps;
      const q = cache.q;
      // softmax backward: dx0 = Q * (dQ - <dQ, Q>)
      // (flushed: a saturated softmax makes most of these subnormal, see flush.ts)
      let dx = this.shape.qHead === 'logits' ? dq : flushTiny(tf.mul(q, tf.sub(dq, tf.sum(tf.mul(dq, q), 1, true))) as tf.Tensor2D);
      const layers = this.layers(p, null);
      const wT = layers.map((l) => transpose2d(l.w));
      const nLayers = layers.length;
      const dPreByLayer: tf.Tensor2D[][] = Array.from({ length: nLayers }, () => new Array<tf.Tensor2D>(M));
      const fk = fusedKernels();
      const sc = this.schedule;
      if (fk) {
        // The same recursion with each step's element-wise work as one kernel call (fused.ts).
        const n = dx.size;
        for (let k = M - 1; k >= 0; k--) {
          const m = M - k;
          const dEps = fk.out<tf.Rank.R2>(dx.shape); // dL/d eps-hat, eq. (39)
          const clip = this.shape.clipDenoised;
          const [cEps, cThrough, cDirect] = [-sc.postCoefX0[m - 1] * sc.x0CoefEps[m - 1], sc.postCoefX0[m - 1] * sc.x0CoefX[m - 1], sc.postCoefX[m - 1]];
          if (clip) fk.k.clipBack(fk.ptr(dx), fk.ptr(cache.masks[k]), 0, fk.ptr(dEps), 0, n, cEps, cThrough, cDirect);
          else fk.k.axpy(fk.ptr(dx), -sc.meanCoefEps[m - 1], 0, fk.ptr(dEps), n);
          const { dPre, dX } = trunkBackwardData(wT, cache.trunks[k].derivs, dEps, k > 0);
          for (let l = 0; l < nLayers; l++) dPreByLayer[l][k] = dPre[l];
          if (k > 0 && dX) {
            // dL/dx^m = (direct path of the mean) + dX, written into dX (fresh)
            if (clip) fk.k.clipBack(fk.ptr(dx), fk.ptr(cache.masks[k]), fk.ptr(dX), 0, fk.ptr(dX), n, cEps, cThrough, cDirect);
            else fk.k.axpy(fk.ptr(dx), sc.meanCoefX[m - 1], fk.ptr(dX), fk.ptr(dX), n);
            dx = dX;
          }
        }
      } else
      for (let k = M - 1; k >= 0; k--) {
        const m = M - k;
        let dEps: tf.Tensor2D; // d x^{m-1} / d eps, eq. (39)
        let dxDirect: tf.Tensor2D; // d x^{m-1} / d x^m through the mean, eq. (39)
        if (this.shape.clipDenoised) {
          const through = tf.mul(dx, cache.masks[k]) as tf.Tensor2D; // the clip passes gradients only inside [-1, 1]
          dEps = tf.mul(through, filled(-sc.postCoefX0[m - 1] * sc.x0CoefEps[m - 1], dx)) as tf.Tensor2D;
          dxDirect = tf.add(tf.mul(through, filled(sc.postCoefX0[m - 1] * sc.x0CoefX[m - 1], dx)), tf.mul(dx, filled(sc.postCoefX[m - 1], dx))) as tf.Tensor2D;
        } else {
          dEps = tf.mul(dx, filled(-sc.meanCoefEps[m - 1], dx)) as tf.Tensor2D;
          dxDirect = tf.mul(dx, filled(sc.meanCoefX[m - 1], dx)) as tf.Tensor2D;
        }
        const { dPre, dX } = trunkBackwardData(wT, cache.trunks[k].derivs, dEps, k > 0);
        for (let l = 0; l < nLayers; l++) dPreByLayer[l][k] = dPre[l];
        // x^m enters both the mean directly and the noise network (eq. 39); x^M is noise, no gradient needed
        if (k > 0 && dX) dx = tf.add(dxDirect, dX) as tf.Tensor2D;
      }
      const grads = new Map<string, tf.Tensor>();
      // Weight gradients of all M steps at once: stack the steps row-wise, one matMul per layer.
      const dPre0 = tf.concat(dPreByLayer[0], 0) as tf.Tensor2D;
      grads.set('w1x', linear(concatTransposed(cache.xs), dPre0));
      const B = obs.shape[0];
      // Per-step column sums R[k] = 1^T dPre0_k, as a block-of-ones [M, M*B] times the stacked dPre0.
      const blockOnes = new Float32Array(M * M * B);
      for (let k = 0; k < M; k++) blockOnes.fill(1, k * M * B + k * B, k * M * B + (k + 1) * B);
      const R = linear(tf.tensor2d(blockOnes, [M, M * B]), dPre0);
      grads.set('w1e', linear(this.embTableT, R));
      grads.set('b1', colSum(R));
      grads.set('w1s', linear(transpose2d(obs), tf.addN(dPreByLayer[0]) as tf.Tensor2D));
      for (let l = 1; l < nLayers; l++) {
        const inputs = cache.trunks.map((t) => t.hidden[l - 1]); // stacked row-wise over the M steps
        const { dw, db } = linearParamGrads(inputs, tf.concat(dPreByLayer[l], 0) as tf.Tensor2D);
        const name = l === nLayers - 1 ? 'Out' : `${l + 1}`;
        grads.set(`w${name}`, dw);
        grads.set(`b${name}`, db);
      }
      return p.names.map((n) => {
        const g = grads.get(n);
        if (!g) throw new Error(`diffusion chain: no gradient for '${n}'`);
        return g;
      });
    });
  }

  /** See QAgentNet.prepack: the reverse chain's matMuls with their exact operands. */
  prepack(p: ParamSet): void {
    tf.tidy(() => {
      for (const [i, l] of this.layers(p, null).entries()) linear(tf.zeros([1, l.w.shape[0]]), l.w, i === 0 ? null : l.b).dataSync();
    });
  }

  /**
   * The batch-1 decision path: the same chain as `forward` for one observation, with the element-wise
   * work done in JS on the tensors' own memory (see heap.ts). Returns Q (eq. 41) as a plain array.
   */
  decideFast(p: ParamSet, obs: Float32Array, noise: Float32Array, view: HeapViewFn): Float32Array {
    const fk = fusedKernels();
    if (fk) return this.decideKernel(fk, p, obs, noise);
    const A = this.shape.nActions;
    const H0 = this.shape.hidden[0];
    const M = this.steps;
    if (noise.length !== this.noiseSize(1)) throw new Error('diffusion chain: bad noise length');
    // c[k] = s W1s + emb(m) W1e + b1 for every step
    const c = new Float32Array(M * H0);
    {
      const [stateTerm, stepBias] = tf.tidy(() => [
        linear(tf.tensor2d(obs, [1, obs.length]), p.get2d('w1s')),
        linear(this.embTable, p.get2d('w1e'), p.get1d('b1')),
      ]);
      const sv = view(stateTerm);
      const ev = view(stepBias);
      for (let k = 0; k < M; k++) for (let j = 0; j < H0; j++) c[k * H0 + j] = ev[k * H0 + j] + sv[j];
      stateTerm.dispose();
      stepBias.dispose();
    }
    const layers = this.layers(p, null);
    const last = layers.length - 1;
    let x: tf.Tensor2D = tf.tensor2d(noise.subarray(0, A), [1, A]);
    for (let k = 0; k < M; k++) {
      const m = M - k;
      let h: tf.Tensor2D = x;
      for (let l = 0; l <= last; l++) {
        // the same (fused) matMul calls as `forward`, so tfjs-wasm packs each weight matrix once per version
        const pre = linear(h, layers[l].w, l === 0 ? null : layers[l].b);
        const v = view(pre);
        if (l === 0) activationInPlace(v, c.subarray(k * H0, (k + 1) * H0), this.shape.activation);
        else if (l < last) activationInPlace(v, null, this.shape.activation);
        else {
          // eqs. (39)-(40) in place: v holds eps-hat -> becomes x^{m-1}
          const xv = view(x);
          const cx = this.schedule.meanCoefX[m - 1];
          const ce = this.schedule.meanCoefEps[m - 1];
          const off = (k + 1) * A;
          if (this.shape.clipDenoised) {
            const s = this.schedule;
            const [ax, ae, p0, px] = [s.x0CoefX[m - 1], s.x0CoefEps[m - 1], s.postCoefX0[m - 1], s.postCoefX[m - 1]];
            for (let a = 0; a < A; a++) {
              const x0 = Math.min(1, Math.max(-1, ax * xv[a] - ae * v[a]));
              v[a] = p0 * x0 + px * xv[a] + (m > 1 ? noise[off + a] : 0);
            }
          } else if (m > 1) for (let a = 0; a < A; a++) v[a] = cx * xv[a] - ce * v[a] + noise[off + a];
          else for (let a = 0; a < A; a++) v[a] = cx * xv[a] - ce * v[a];
        }
        if (h !== x) h.dispose();
        h = pre;
      }
      x.dispose();
      x = h;
    }
    const q = this.shape.qHead === 'logits' ? Float32Array.from(view(x)) : softmaxToArray(view(x));
    x.dispose();
    return q;
  }

  /**
   * decideFast in one kernel call (fused.ts chainDecide): the same layers and updates (39)-(41) as `forward`,
   * with no tfjs op at all (layer 0's input terms s W1s and emb(m) W1e + b1 are computed by the kernel too: the two
   * tfjs matMuls and the noise tensor they replace cost ~10 us per agent).
   */
  private decideKernel(fk: FusedKernels, p: ParamSet, obs: Float32Array, noise: Float32Array): Float32Array {
    const A = this.shape.nActions;
    const M = this.steps;
    if (noise.length !== this.noiseSize(1)) throw new Error('diffusion chain: bad noise length');
    const layers = this.layers(p, null);
    const L = layers.length;
    const widths = [A, ...this.shape.hidden, A];
    const widest = Math.max(...widths);
    const H0 = this.shape.hidden[0];
    const E = this.shape.embedDim;
    const planWords = 5 + (L + 1) + 2 * L + 14;
    let q: Float32Array = new Float32Array(0);
    // the result leaves tidy through `q`, not as its return value: tidy walks a returned container element by
    // element looking for tensors (~45 us for 132 floats, a quarter of the decision)
    tf.tidy(() => {
      // one scratch tensor: plan, coefficients, s, the noise, s W1s, emb(m) W1e + b1, two layer rows, x
      const coefWords = 6 * M;
      const scratch = fk.out<tf.Rank.R1>([planWords + coefWords + obs.length + M * A + H0 + M * H0 + 2 * widest + A]);
      const base = fk.ptr(scratch);
      const coefs = base + 4 * planWords;
      const obsAt = coefs + 4 * coefWords;
      const noiseAt = obsAt + 4 * obs.length;
      const stateTerm = noiseAt + 4 * M * A;
      const stepBias = stateTerm + 4 * H0;
      const bufA = stepBias + 4 * M * H0;
      const bufB = bufA + 4 * widest;
      const x = bufB + 4 * widest;
      const plan = [M, A, L, this.shape.activation === 'relu' ? 1 : 0, this.shape.clipDenoised ? 1 : 0, ...widths];
      plan.push(...layers.map((l) => fk.ptr(l.w)), ...layers.map((l) => (l.b ? fk.ptr(l.b) : 0)));
      plan.push(obsAt, obs.length, fk.ptr(p.get2d('w1s')), fk.ptr(this.embTable), E, fk.ptr(p.get2d('w1e')), fk.ptr(p.get1d('b1')));
      plan.push(stepBias, stateTerm, noiseAt, coefs, bufA, bufB, x);
      const heap = fk.heap();
      new Int32Array(heap, base, planWords).set(plan);
      new Float32Array(heap, obsAt, obs.length).set(obs);
      new Float32Array(heap, noiseAt, M * A).set(noise);
      const sc = this.schedule;
      const cf = new Float32Array(heap, coefs, coefWords);
      for (let k = 0; k < M; k++) {
        const i = M - k - 1; // step m = M - k
        cf.set([sc.meanCoefX[i], sc.meanCoefEps[i], sc.x0CoefX[i], sc.x0CoefEps[i], sc.postCoefX0[i], sc.postCoefX[i]], 6 * k);
      }
      fk.k.chainDecide(base);
      const x0 = new Float32Array(fk.heap(), x, A);
      q = this.shape.qHead === 'logits' ? Float32Array.from(x0) : softmaxToArray(x0); // eq. (41), or x^0 itself
    });
    return q;
  }
}

/** Numerically stable softmax of a plain array (eq. 41), in float64, returned as float32. */
export function softmaxToArray(v: Float32Array): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] > max) max = v[i];
  const e = new Float64Array(v.length);
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    e[i] = Math.exp(v[i] - max);
    sum += e[i];
  }
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = e[i] / sum;
  return out;
}
