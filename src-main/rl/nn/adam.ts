// Adam (Kingma & Ba), the optimiser named in Sec. 8.1 (4), in PyTorch's form:
//   m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;  p <- p - (lr / (1-b1^t)) m / (sqrt(v)/sqrt(1-b2^t) + eps)
// and the soft target update of eqs. (60)-(61).
import * as tf from '@tensorflow/tfjs';
import { fusedKernels } from './fused';
import type { HeapViewFn } from './heap';
import { ParamSet, type ParamSpec } from './params';

export interface AdamConfig {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
}

export class AdamState {
  step = 0;
  constructor(
    readonly m: ParamSet,
    readonly v: ParamSet,
  ) {}

  static create(specs: readonly ParamSpec[]): AdamState {
    return new AdamState(ParamSet.zerosLike(specs), ParamSet.zerosLike(specs));
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
  }
}

/**
 * One Adam step on `params` with gradients `grads` (aligned with params.names) multiplied by `gradScale`.
 * With a heap view (wasm/cpu backends) the update runs as one JS loop per tensor instead of a dozen
 * broadcasting tf ops; m and v are updated in place, the parameters get new tensors (tfjs-wasm caches
 * packed weights per tensor, so a weight tensor must never change in place).
 */
export function adamStep(
  params: ParamSet,
  grads: readonly tf.Tensor[],
  state: AdamState,
  cfg: AdamConfig,
  gradScale = 1,
  view: HeapViewFn | null = null,
): void {
  state.step += 1;
  const t = state.step;
  const stepSize = cfg.lr / (1 - cfg.beta1 ** t);
  const sqrtBc2 = Math.sqrt(1 - cfg.beta2 ** t);
  const { beta1: b1, beta2: b2, eps } = cfg;
  for (let i = 0; i < params.tensors.length; i++) {
    if (view) {
      const shape = params.tensors[i].shape;
      const g = view(grads[i]);
      const m = view(state.m.tensors[i]);
      const v = view(state.v.tensors[i]);
      const p = view(params.tensors[i]);
      const out = new Float32Array(p.length);
      for (let k = 0; k < p.length; k++) {
        const gk = g[k] * gradScale;
        const mk = b1 * m[k] + (1 - b1) * gk;
        const vk = b2 * v[k] + (1 - b2) * gk * gk;
        m[k] = mk;
        v[k] = vk;
        out[k] = p[k] - (stepSize * mk) / (Math.sqrt(vk) / sqrtBc2 + eps);
      }
      params.replace(i, tf.keep(tf.tensor(out, shape, 'float32')));
      continue;
    }
    const [m, v, p] = tf.tidy(() => {
      const g = gradScale === 1 ? grads[i] : tf.mul(grads[i], gradScale);
      const mNew = tf.add(tf.mul(state.m.tensors[i], b1), tf.mul(g, 1 - b1));
      const vNew = tf.add(tf.mul(state.v.tensors[i], b2), tf.mul(tf.square(g), 1 - b2));
      const denom = tf.add(tf.div(tf.sqrt(vNew), sqrtBc2), eps);
      const pNew = tf.sub(params.tensors[i], tf.mul(tf.div(mNew, denom), stepSize));
      return [mNew, vNew, pNew];
    });
    state.m.replace(i, m);
    state.v.replace(i, v);
    params.replace(i, p);
  }
}

/** target <- tau * online + (1 - tau) * target, eqs. (60)-(61). */
export function softUpdate(target: ParamSet, online: ParamSet, tau: number, view: HeapViewFn | null = null): void {
  for (let i = 0; i < target.tensors.length; i++) {
    if (view) {
      const a = view(online.tensors[i]);
      const b = view(target.tensors[i]);
      const out = new Float32Array(b.length);
      for (let k = 0; k < b.length; k++) out[k] = tau * a[k] + (1 - tau) * b[k];
      target.replace(i, tf.keep(tf.tensor(out, target.tensors[i].shape, 'float32')));
      continue;
    }
    const next = tf.tidy(() => tf.add(tf.mul(online.tensors[i], tau), tf.mul(target.tensors[i], 1 - tau)));
    target.replace(i, next);
  }
}

/**
 * adamStep followed by softUpdate in one pass over each tensor (heap-view backends only): reads g, m, v,
 * p and the target once, writes m and v in place and new parameter and target tensors.
 */
export function adamStepAndSoftUpdate(
  params: ParamSet,
  target: ParamSet,
  grads: readonly tf.Tensor[],
  state: AdamState,
  cfg: AdamConfig,
  gradScale: number,
  tau: number,
  view: HeapViewFn,
): void {
  state.step += 1;
  const t = state.step;
  const stepSize = cfg.lr / (1 - cfg.beta1 ** t);
  const sqrtBc2 = Math.sqrt(1 - cfg.beta2 ** t);
  const { beta1: b1, beta2: b2, eps } = cfg;
  const fk = fusedKernels();
  for (let i = 0; i < params.tensors.length; i++) {
    const shape = params.tensors[i].shape;
    if (fk) {
      // the same formulas as one SIMD pass (fused.ts), into new parameter and target tensors
      const [p, q] = [params.tensors[i], target.tensors[i]];
      const outP = tf.keep(fk.out(shape));
      const outQ = tf.keep(fk.out(shape));
      const [m, v] = [state.m.tensors[i], state.v.tensors[i]];
      fk.k.adam(fk.ptr(grads[i]), fk.ptr(m), fk.ptr(v), fk.ptr(p), fk.ptr(q), fk.ptr(outP), fk.ptr(outQ), p.size, gradScale, b1, 1 - b1, b2, 1 - b2, stepSize, sqrtBc2, eps, tau, 1 - tau);
      params.replace(i, outP);
      target.replace(i, outQ);
      continue;
    }
    const g = view(grads[i]);
    const m = view(state.m.tensors[i]);
    const v = view(state.v.tensors[i]);
    const p = view(params.tensors[i]);
    const q = view(target.tensors[i]);
    const outP = new Float32Array(p.length);
    const outQ = new Float32Array(p.length);
    for (let k = 0; k < p.length; k++) {
      const gk = g[k] * gradScale;
      const mk = b1 * m[k] + (1 - b1) * gk;
      const vk = b2 * v[k] + (1 - b2) * gk * gk;
      m[k] = mk;
      v[k] = vk;
      const pk = p[k] - (stepSize * mk) / (Math.sqrt(vk) / sqrtBc2 + eps);
      outP[k] = pk;
      outQ[k] = tau * Math.fround(pk) + (1 - tau) * q[k]; // eqs. (60)-(61) with the updated theta
    }
    params.replace(i, tf.keep(tf.tensor(outP, shape, 'float32')));
    target.replace(i, tf.keep(tf.tensor(outQ, shape, 'float32')));
  }
}

/** Sum of squares of all tensors via heap views (one JS pass, no tf ops). */
export function sumOfSquaresView(tensors: readonly tf.Tensor[], view: HeapViewFn): number {
  let s = 0;
  const fk = fusedKernels();
  if (fk) {
    for (const t of tensors) s += fk.k.sumSquares(fk.ptr(t), t.size);
    return s;
  }
  for (const t of tensors) {
    const a = view(t);
    for (let k = 0; k < a.length; k++) s += a[k] * a[k];
  }
  return s;
}
