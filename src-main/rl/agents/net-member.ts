// One agent of a group whose network is its Q-function: online and target parameters (Sec. 7.5: theta_i and
// theta-hat_i), their Adam state and the pending gradients of a training step. Used for P-QMIX's MLP and for
// MAD2RL's diffusion chain when the chain's output is the Q-vector (qHead 'softmax' or 'logits').
import * as tf from '@tensorflow/tfjs';
import { adamStep, adamStepAndSoftUpdate, AdamState, softUpdate, sumOfSquaresView, type AdamConfig } from '../nn/adam';
import type { HeapViewFn } from '../nn/heap';
import { initParams, ParamSet, sumOfSquares, type NamedArray, type ParamSpec } from '../nn/params';
import type { QAgentNet } from './q-agent';

/** Max of q over legal actions per row; rows without a legal action fall back to all actions. */
export function maskedRowMax(q: Float32Array | Float64Array, mask: Uint8Array, rows: number, n: number): Float32Array {
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = -Infinity;
    let bestAll = -Infinity;
    for (let a = 0; a < n; a++) {
      const v = q[r * n + a];
      if (v > bestAll) bestAll = v;
      if (mask[r * n + a] && v > best) best = v;
    }
    out[r] = best === -Infinity ? bestAll : best;
  }
  return out;
}

/** Argmax of q over legal actions per row (the first on ties); rows without a legal action use all actions. */
export function maskedRowArgmax(q: Float32Array | Float64Array, mask: Uint8Array, rows: number, n: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = -Infinity;
    let bestAt = -1;
    let bestAll = -Infinity;
    let bestAllAt = 0;
    for (let a = 0; a < n; a++) {
      const v = q[r * n + a];
      if (v > bestAll) (bestAll = v), (bestAllAt = a);
      if (mask[r * n + a] && v > best) (best = v), (bestAt = a);
    }
    out[r] = bestAt >= 0 ? bestAt : bestAllAt;
  }
  return out;
}

/** Q_theta(s, a) of each row's action from a [E, A] matrix (throws on an action outside 0..A-1). */
export function pickChosen(qv: ArrayLike<number>, actions: Int32Array, A: number, agent: number): Float32Array {
  const E = actions.length;
  const out = new Float32Array(E);
  for (let e = 0; e < E; e++) {
    const a = actions[e];
    if (!(a >= 0 && a < A)) throw new Error(`agent ${agent}: action ${a} outside 0..${A - 1}`);
    out[e] = qv[e * A + a];
  }
  return out;
}

/** A network with online/target parameters, Adam and one pending forward/backward, trained on dL/dQ. */
export class NetMember {
  readonly specs: ParamSpec[];
  online: ParamSet;
  target: ParamSet;
  adam: AdamState;
  private pending: { obs: tf.Tensor2D; cache: unknown; q: tf.Tensor2D; grads: tf.Tensor[] | null } | null = null;

  constructor(
    readonly net: QAgentNet<unknown>,
    initSeed: number,
    private readonly prepackWeights: boolean,
  ) {
    this.specs = net.paramSpecs();
    this.online = ParamSet.fromArrays(this.specs, initParams(this.specs, initSeed));
    this.target = this.online.clone(); // Algorithm 1, line 2
    this.adam = AdamState.create(this.specs);
  }

  decide(obs: Float32Array, seed: number, view: HeapViewFn | null): Float32Array {
    return this.net.decide(this.online, obs, this.net.makeNoise(seed, 1), view);
  }

  /** Online forward on a batch, kept for `backward`; returns Q [E, A] as a plain array. */
  forwardOnline(obsRows: Float32Array, E: number, noise: Float32Array): Float32Array {
    this.dropPending();
    const obs = tf.tensor2d(obsRows, [E, this.net.obsDim]);
    const { q, cache } = this.net.forward(this.online, obs, noise, true);
    this.pending = { obs, cache, q, grads: null };
    return q.dataSync() as Float32Array;
  }

  /** Online forward without a cache (the double-Q choice at s'): Q [E, A]; the pending forward is untouched. */
  forwardOnlineNoCache(obsRows: Float32Array, E: number, noise: Float32Array): Float32Array {
    return this.forwardWith(this.online, obsRows, E, noise);
  }

  /** Target forward (no cache): Q-hat [E, A]. */
  forwardTarget(obsRows: Float32Array, E: number, noise: Float32Array): Float32Array {
    return this.forwardWith(this.target, obsRows, E, noise);
  }

  private forwardWith(params: ParamSet, obsRows: Float32Array, E: number, noise: Float32Array): Float32Array {
    const obs = tf.tensor2d(obsRows, [E, this.net.obsDim]);
    const { q } = this.net.forward(params, obs, noise, false);
    const out = Float32Array.from(q.dataSync());
    tf.dispose([obs, q]);
    return out;
  }

  /** Gradients of the pending forward for dL/dQ = dq [E, A]; returns their sum of squares. */
  backward(dq: Float32Array, view: HeapViewFn | null, agent: number): number {
    const p = this.pending;
    if (!p || !p.cache) throw new Error(`agent ${agent}: backward without a forward pass`);
    const dqT = tf.tensor2d(dq, p.q.shape);
    p.grads = this.net.backward(this.online, p.obs, p.cache, dqT);
    dqT.dispose();
    this.net.disposeCache(p.cache);
    p.cache = null;
    return view ? sumOfSquaresView(p.grads, view) : sumOfSquares(p.grads);
  }

  /** Adam step with gradients scaled by `gradScale`, then the soft target update (60). */
  update(gradScale: number, adam: AdamConfig, tau: number, view: HeapViewFn | null, agent: number): void {
    const grads = this.pending?.grads;
    if (!grads) throw new Error(`agent ${agent}: update without gradients`);
    if (view) adamStepAndSoftUpdate(this.online, this.target, grads, this.adam, adam, gradScale, tau, view);
    else {
      adamStep(this.online, grads, this.adam, adam, gradScale);
      softUpdate(this.target, this.online, tau);
    }
    this.dropPending();
    if (this.prepackWeights) {
      this.net.prepack(this.online);
      this.net.prepack(this.target);
    }
  }

  dropPending(): void {
    const p = this.pending;
    if (!p) return;
    if (p.cache) this.net.disposeCache(p.cache);
    tf.dispose([p.obs, p.q, ...(p.grads ?? [])]);
    this.pending = null;
  }

  /** Online, target and Adam tensors named <pre>online/<param>, ... and <pre>adam_step. */
  exportState(pre: string): NamedArray[] {
    return [
      ...this.online.toArrays(pre + 'online/'),
      ...this.target.toArrays(pre + 'target/'),
      ...this.adam.m.toArrays(pre + 'adam_m/'),
      ...this.adam.v.toArrays(pre + 'adam_v/'),
      { name: pre + 'adam_step', shape: [1], data: Float32Array.of(this.adam.step) },
    ];
  }

  importState(arrays: readonly NamedArray[], pre: string, agent: number): void {
    const step = arrays.find((a) => a.name === pre + 'adam_step');
    if (!step) throw new Error(`checkpoint has no state for agent ${agent} (${pre}adam_step)`);
    const online = ParamSet.fromArrays(this.specs, arrays, pre + 'online/');
    const target = ParamSet.fromArrays(this.specs, arrays, pre + 'target/');
    const am = ParamSet.fromArrays(this.specs, arrays, pre + 'adam_m/');
    const av = ParamSet.fromArrays(this.specs, arrays, pre + 'adam_v/');
    this.dropPending();
    this.online.dispose();
    this.target.dispose();
    this.adam.dispose();
    this.online = online;
    this.target = target;
    this.adam = new AdamState(am, av);
    this.adam.step = step.data[0];
  }

  dispose(): void {
    this.dropPending();
    this.online.dispose();
    this.target.dispose();
    this.adam.dispose();
    this.net.dispose();
  }
}
