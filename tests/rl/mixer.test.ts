import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mixerParamSpecs, mixQ, type MixerShape } from '../../src-main/rl/mixers/qmix';
import { initParams, ParamSet } from '../../src-main/rl/nn/params';
import { Random } from '../../src-main/sim/random';
import { mixer64, numericGrad, toParams64 } from './reference';
import { useTestBackend } from './setup';

const shape: MixerShape = { kind: 'qmix', nAgents: 3, stateDim: 4, embed: 5, hyperHidden: 6, hyperLayers: 2, activation: 'elu' };
const E = 3;

beforeAll(async () => {
  await useTestBackend();
});

function randomInputs(seed: number, scale = 1) {
  const r = Random.fromSeed(seed);
  return {
    qs: Float32Array.from({ length: E * shape.nAgents }, () => scale * r.uniformIn(-2, 2)),
    states: Float32Array.from({ length: E * shape.stateDim }, () => r.uniformIn(-1.5, 1.5)),
  };
}

describe('QMIX mixer (eq. 57)', () => {
  it('matches an independent float64 implementation', () => {
    const specs = mixerParamSpecs(shape);
    const arrays = initParams(specs, 4);
    const p = ParamSet.fromArrays(specs, arrays);
    const { qs, states } = randomInputs(1);
    const got = mixQ(shape, p, tf.tensor2d(qs, [E, 3]), tf.tensor2d(states, [E, 4])).dataSync();
    const want = mixer64({ nAgents: 3, stateDim: 4, embed: 5, hyperLayers: 2, elu: true }, toParams64(arrays), Float64Array.from(qs), Float64Array.from(states), E);
    for (let e = 0; e < E; e++) expect(got[e]).toBeCloseTo(want[e], 5);
    // 4 hypernetworks x 3 linear layers x (weight, bias)
    expect(specs).toHaveLength(24);
    expect(specs.find((s) => s.name === 'hw1/w2')?.shape).toEqual([6, 15]);
    p.dispose();
  });

  it('gradients w.r.t. agent Qs and every hypernetwork parameter match finite differences', () => {
    const specs = mixerParamSpecs(shape);
    const arrays = initParams(specs, 8);
    // scale up so ReLUs and the ELU see both signs
    for (const a of arrays) for (let i = 0; i < a.data.length; i++) a.data[i] *= 3;
    const p = ParamSet.fromArrays(specs, arrays);
    const { qs, states } = randomInputs(2);
    const weights = [0.7, -1.1, 0.4];
    const statesT = tf.tensor2d(states, [E, 4]);
    const f = (...args: tf.Tensor[]) =>
      tf.sum(tf.mul(mixQ(shape, new ParamSet(p.names, args.slice(1)), args[0] as tf.Tensor2D, statesT), tf.tensor1d(weights))) as tf.Scalar;
    const grads = tf.grads(f)([tf.tensor2d(qs, [E, 3]), ...p.tensors]);
    const p64 = toParams64(arrays);
    const q64 = Float64Array.from(qs);
    const loss = () => mixer64({ nAgents: 3, stateDim: 4, embed: 5, hyperLayers: 2, elu: true }, p64, q64, Float64Array.from(states), E).reduce((s, v, e) => s + v * weights[e], 0);
    const numeric = numericGrad(p64, loss);
    specs.forEach((s, i) => {
      const g = grads[i + 1].dataSync();
      const n = numeric.get(s.name)!;
      for (let j = 0; j < n.length; j++) expect(Math.abs(g[j] - n[j]), `${s.name}[${j}]`).toBeLessThan(2e-3 + 2e-3 * Math.abs(n[j]));
    });
    // dQtot/dQ_i
    const gq = grads[0].dataSync();
    const h = 1e-6;
    for (let j = 0; j < q64.length; j++) {
      const v = q64[j];
      q64[j] = v + h;
      const fp = loss();
      q64[j] = v - h;
      const fm = loss();
      q64[j] = v;
      expect(gq[j]).toBeCloseTo((fp - fm) / (2 * h), 3);
    }
    p.dispose();
  });

  it('is monotonic: dQtot/dQ_i >= 0 for random parameters, states and Qs', () => {
    const specs = mixerParamSpecs(shape);
    let checked = 0;
    for (let trial = 0; trial < 10; trial++) {
      const arrays = initParams(specs, 100 + trial);
      for (const a of arrays) for (let i = 0; i < a.data.length; i++) a.data[i] *= 1 + trial; // from small to large weights
      const p = ParamSet.fromArrays(specs, arrays);
      const { qs, states } = randomInputs(200 + trial, 1 + 3 * trial);
      const statesT = tf.tensor2d(states, [E, 4]);
      const g = tf.grad((q: tf.Tensor) => tf.sum(mixQ(shape, p, q as tf.Tensor2D, statesT)))(tf.tensor2d(qs, [E, 3])).dataSync();
      for (const v of g) {
        expect(v).toBeGreaterThanOrEqual(0);
        checked++;
      }
      p.dispose();
    }
    expect(checked).toBe(90);
  });

  it('vdn sums the agent Qs and has no parameters', () => {
    const vdn: MixerShape = { ...shape, kind: 'vdn' };
    expect(mixerParamSpecs(vdn)).toHaveLength(0);
    const out = mixQ(vdn, null, tf.tensor2d([1, 2, 3, -1, 0.5, 4], [2, 3]), tf.zeros([2, 4])).dataSync();
    expect(Array.from(out)).toEqual([6, 3.5]);
  });
});
