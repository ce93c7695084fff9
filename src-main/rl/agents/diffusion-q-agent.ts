// MAD2RL agent network (Sec. 7.5.1): a DDPM denoiser whose output x^0 goes through a softmax (41) to give
// the agent's Q-vector; the reverse chain (39)-(40) starts from x^M ~ N(0, I) (Algorithm 1, lines 8-13).
import * as tf from '@tensorflow/tfjs';
import { DiffusionChain, denoiserParamSpecs, type ChainCache, type DenoiserShape } from '../nn/diffusion-chain';
import { diffusionSchedule } from '../nn/diffusion-schedule';
import type { HeapViewFn } from '../nn/heap';
import type { ParamSet, ParamSpec } from '../nn/params';
import type { QAgentNet } from './q-agent';

export interface DiffusionAgentShape extends DenoiserShape {
  steps: number;
  betaMin: number;
  betaMax: number;
}

export class DiffusionQAgent implements QAgentNet<ChainCache> {
  readonly kind = 'diffusion' as const;
  readonly obsDim: number;
  readonly nActions: number;
  private readonly chain: DiffusionChain;

  constructor(readonly shape: DiffusionAgentShape) {
    this.obsDim = shape.obsDim;
    this.nActions = shape.nActions;
    this.chain = new DiffusionChain(shape, diffusionSchedule(shape.steps, shape.betaMin, shape.betaMax));
  }

  paramSpecs(): ParamSpec[] {
    return denoiserParamSpecs(this.shape);
  }

  makeNoise(seed: number, batch: number): Float32Array {
    return this.chain.makeNoise(seed, batch);
  }

  makeNoiseRows(seeds: Int32Array): Float32Array {
    return this.chain.makeNoiseRows(seeds);
  }

  forward(p: ParamSet, obs: tf.Tensor2D, noise: Float32Array, keepCache: boolean) {
    return this.chain.forward(p, obs, noise, keepCache);
  }

  backward(p: ParamSet, obs: tf.Tensor2D, cache: ChainCache, dq: tf.Tensor2D): tf.Tensor[] {
    return this.chain.backward(p, obs, cache, dq);
  }

  disposeCache(cache: ChainCache): void {
    this.chain.disposeCache(cache);
  }

  decide(p: ParamSet, obs: Float32Array, noise: Float32Array, view: HeapViewFn | null): Float32Array {
    if (view) return this.chain.decideFast(p, obs, noise, view);
    const row = tf.tensor2d(obs, [1, obs.length]);
    const { q } = this.chain.forward(p, row, noise, false);
    const out = q.dataSync() as Float32Array;
    tf.dispose([q, row]);
    return out;
  }

  prepack(p: ParamSet): void {
    this.chain.prepack(p);
  }

  dispose(): void {
    this.chain.dispose();
  }
}
