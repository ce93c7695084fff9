// What an agent network offers the learner, whatever its inside (diffusion chain or plain MLP).
// Q is the agent's vector over its (L_k+1)J actions: eq. (41) for MAD2RL, the MLP output for P-QMIX.
import type * as tf from '@tensorflow/tfjs';
import type { HeapViewFn } from '../nn/heap';
import type { ParamSet, ParamSpec } from '../nn/params';

export interface QAgentNet<Cache> {
  readonly kind: 'diffusion' | 'mlp';
  readonly obsDim: number;
  readonly nActions: number;
  paramSpecs(): ParamSpec[];
  /** Floats of noise one pass over `batch` rows consumes (0 for deterministic nets). */
  makeNoise(seed: number, batch: number): Float32Array;
  /** Noise for a batch whose row r is the batch-1 noise of seeds[r] (replayed decisions). */
  makeNoiseRows(seeds: Int32Array): Float32Array;
  /** Q [B, A]; with keepCache also what `backward` needs. */
  forward(p: ParamSet, obs: tf.Tensor2D, noise: Float32Array, keepCache: boolean): { q: tf.Tensor2D; cache: Cache | null };
  /** Parameter gradients (aligned with paramSpecs) of a loss with dL/dQ = dq, for the cached forward. */
  backward(p: ParamSet, obs: tf.Tensor2D, cache: Cache, dq: tf.Tensor2D): tf.Tensor[];
  disposeCache(cache: Cache): void;
  /** Q for one observation (batch 1); uses JS element-wise work when `view` is available. */
  decide(p: ParamSet, obs: Float32Array, noise: Float32Array, view: HeapViewFn | null): Float32Array;
  /**
   * Runs every big weight matrix once on a zero row. On tfjs-wasm a matMul packs its weight operand the
   * first time it sees a tensor; doing it right after an update lets a worker do it while it would idle.
   */
  prepack(p: ParamSet): void;
  dispose(): void;
}
