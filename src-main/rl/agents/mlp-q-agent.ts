// P-QMIX agent network (Sec. 8.2): an MLP from the local state s_i to one Q-value per action.
import * as tf from '@tensorflow/tfjs';
import type { HeapViewFn } from '../nn/heap';
import { linear, linearParamGrads, transpose2d } from '../nn/linear';
import { activationInPlace, type Activation } from '../nn/mish';
import { trunkBackwardData, trunkForward, type DenseLayer, type TrunkCache } from '../nn/mlp';
import type { ParamSet, ParamSpec } from '../nn/params';
import type { QAgentNet } from './q-agent';

export interface MlpAgentShape {
  obsDim: number;
  nActions: number;
  hidden: number[];
  activation: Activation;
}

export class MlpQAgent implements QAgentNet<TrunkCache> {
  readonly kind = 'mlp' as const;
  readonly obsDim: number;
  readonly nActions: number;

  constructor(readonly shape: MlpAgentShape) {
    this.obsDim = shape.obsDim;
    this.nActions = shape.nActions;
  }

  paramSpecs(): ParamSpec[] {
    const widths = [this.obsDim, ...this.shape.hidden, this.nActions];
    const specs: ParamSpec[] = [];
    for (let l = 0; l < widths.length - 1; l++) {
      const name = l === widths.length - 2 ? 'Out' : `${l + 1}`;
      specs.push({ name: `w${name}`, shape: [widths[l], widths[l + 1]], fanIn: widths[l] });
      specs.push({ name: `b${name}`, shape: [widths[l + 1]], fanIn: widths[l] });
    }
    return specs;
  }

  private layers(p: ParamSet): DenseLayer[] {
    const n = this.shape.hidden.length + 1;
    return Array.from({ length: n }, (_, l) => {
      const name = l === n - 1 ? 'Out' : `${l + 1}`;
      return { w: p.get2d(`w${name}`), b: p.get1d(`b${name}`) };
    });
  }

  makeNoiseRows(): Float32Array {
    return new Float32Array(0);
  }

  makeNoise(): Float32Array {
    return new Float32Array(0);
  }

  forward(p: ParamSet, obs: tf.Tensor2D, _noise: Float32Array, keepCache: boolean): { q: tf.Tensor2D; cache: TrunkCache | null } {
    const { out, cache } = trunkForward(obs, this.layers(p), this.shape.activation, null, keepCache);
    return { q: out, cache };
  }

  backward(p: ParamSet, obs: tf.Tensor2D, cache: TrunkCache, dq: tf.Tensor2D): tf.Tensor[] {
    return tf.tidy(() => {
      const layers = this.layers(p);
      const wT = layers.map((l) => transpose2d(l.w));
      const { dPre } = trunkBackwardData(wT, cache.derivs, dq, false);
      const inputs = [obs, ...cache.hidden];
      const grads: tf.Tensor[] = [];
      for (let l = 0; l < layers.length; l++) {
        const { dw, db } = linearParamGrads(inputs[l], dPre[l]);
        grads.push(dw, db);
      }
      return grads;
    });
  }

  disposeCache(cache: TrunkCache): void {
    tf.dispose([...cache.hidden, ...cache.derivs]);
  }

  decide(p: ParamSet, obs: Float32Array, _noise: Float32Array, view: HeapViewFn | null): Float32Array {
    const layers = this.layers(p);
    let h: tf.Tensor2D = tf.tensor2d(obs, [1, obs.length]);
    if (!view) {
      const { q } = this.forward(p, h, _noise, false);
      const out = q.dataSync() as Float32Array;
      tf.dispose([q, h]);
      return out;
    }
    for (let l = 0; l < layers.length; l++) {
      // fused matMul + bias as in `forward`: tfjs-wasm then packs each weight matrix once per version
      const pre = linear(h, layers[l].w, layers[l].b);
      if (l < layers.length - 1) activationInPlace(view(pre), null, this.shape.activation);
      h.dispose();
      h = pre;
    }
    const out = view(h).slice();
    h.dispose();
    return out;
  }

  prepack(p: ParamSet): void {
    tf.tidy(() => {
      for (const l of this.layers(p)) linear(tf.zeros([1, l.w.shape[0]]), l.w, l.b).dataSync();
    });
  }

  dispose(): void {}
}
