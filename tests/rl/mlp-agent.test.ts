import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MlpQAgent } from '../../src-main/rl/agents/mlp-q-agent';
import { heapViewer } from '../../src-main/rl/nn/heap';
import { initParams, ParamSet } from '../../src-main/rl/nn/params';
import { dense, mish64, numericGrad, toParams64, type Params64 } from './reference';
import { useTestBackend } from './setup';

beforeAll(async () => {
  await useTestBackend();
});

function mlp64(p: Params64, obs: Float64Array, B: number, layers: number, act: 'mish' | 'relu'): Float64Array {
  let h = obs;
  for (let l = 1; l <= layers; l++) {
    const name = l === layers ? 'Out' : `${l}`;
    h = dense(h, B, p.get(`w${name}`)!, p.get(`b${name}`)!.data);
    if (l < layers) h = h.map(act === 'mish' ? mish64 : (v) => Math.max(0, v));
  }
  return h;
}

describe.each(['mish', 'relu'] as const)('P-QMIX MLP agent (%s)', (act) => {
  const agent = new MlpQAgent({ obsDim: 3, nActions: 4, hidden: [6, 5], activation: act });
  const B = 2;
  const obs = Float32Array.from([0.5, -1, 2, -0.3, 0.8, 0.1]);

  it('backward matches finite differences of an independent float64 forward', () => {
    const specs = agent.paramSpecs();
    const arrays = initParams(specs, act === 'mish' ? 5 : 6);
    const p = ParamSet.fromArrays(specs, arrays);
    const obsT = tf.tensor2d(obs, [B, 3]);
    const { q, cache } = agent.forward(p, obsT, new Float32Array(0), true);
    const p64 = toParams64(arrays);
    const ref = mlp64(p64, Float64Array.from(obs), B, 3, act);
    q.dataSync().forEach((v, i) => expect(v).toBeCloseTo(ref[i], 5));
    const dq = Float64Array.from([1, -0.5, 0.25, 2, -1, 0.3, 0.7, -2]);
    const grads = agent.backward(p, obsT, cache!, tf.tensor2d(Float32Array.from(dq), [B, 4]));
    const numeric = numericGrad(p64, () => mlp64(p64, Float64Array.from(obs), B, 3, act).reduce((s, v, i) => s + v * dq[i], 0));
    specs.forEach((s, i) => {
      const g = grads[i].dataSync();
      const n = numeric.get(s.name)!;
      for (let j = 0; j < n.length; j++) expect(Math.abs(g[j] - n[j]), `${s.name}[${j}]`).toBeLessThan(1e-3 + 1e-3 * Math.abs(n[j]));
    });
    agent.disposeCache(cache!);
    p.dispose();
  });

  it('the batch-1 decision path equals the tf path', () => {
    const specs = agent.paramSpecs();
    const p = ParamSet.fromArrays(specs, initParams(specs, 2));
    const one = obs.subarray(0, 3);
    const fast = agent.decide(p, one, new Float32Array(0), heapViewer());
    const slow = agent.decide(p, one, new Float32Array(0), null);
    fast.forEach((v, i) => expect(v).toBeCloseTo(slow[i], 5));
    p.dispose();
  });
});
