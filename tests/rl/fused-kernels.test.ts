// The fused wasm kernels (src-main/rl/nn/fused.ts, kernels/fused.ts) against the per-op tf path they replace:
// the same Q-values and gradients to ~1e-5 (FMA rounding and sigmoid's exp differ in the last bits only).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiffusionQAgent, type DiffusionAgentShape } from '../../src-main/rl/agents/diffusion-q-agent';
import { MlpQAgent } from '../../src-main/rl/agents/mlp-q-agent';
import { fusedKernels, relaxedSimd } from '../../src-main/rl/nn/fused';
import { FUSED_KERNELS_SOURCE_HASH } from '../../src-main/rl/nn/fused-kernels-wasm';
import { heapViewer } from '../../src-main/rl/nn/heap';
import { initParams, ParamSet } from '../../src-main/rl/nn/params';
import type { QAgentNet } from '../../src-main/rl/agents/q-agent';
import { Random } from '../../src-main/sim/random';
import { useTestBackend } from './setup';

let backend = 'wasm';
beforeAll(async () => {
  backend = await useTestBackend();
});
afterEach(() => {
  delete process.env.VECWB_FUSED_KERNELS;
});

/** Runs `f` on the per-op tf path (fused kernels switched off). */
function onTfOps<T>(f: () => T): T {
  process.env.VECWB_FUSED_KERNELS = '0';
  try {
    return f();
  } finally {
    delete process.env.VECWB_FUSED_KERNELS;
  }
}

const uniform = (n: number, seed: number, scale = 1) => {
  const r = Random.fromSeed(seed);
  return Float32Array.from({ length: n }, () => scale * (2 * r.uniform() - 1));
};

/** Q, and the gradients for a fixed dL/dQ, of one forward + backward pass. */
function pass(agent: QAgentNet<unknown>, p: ParamSet, obs: Float32Array, B: number, noise: Float32Array, dq: Float32Array) {
  return tf.tidy(() => {
    const obsT = tf.tensor2d(obs, [B, agent.obsDim]);
    const { q, cache } = agent.forward(p, obsT, noise, true);
    const grads = agent.backward(p, obsT, cache!, tf.tensor2d(dq, [B, agent.nActions]));
    const out = { q: Float32Array.from(q.dataSync()), grads: grads.map((g) => Float32Array.from(g.dataSync())) };
    agent.disposeCache(cache!);
    return out;
  }) as unknown as { q: Float32Array; grads: Float32Array[] };
}

/** max |a - b| / max |b|: the difference relative to the tensor's scale. */
function relDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return s === 0 ? d : d / s;
}

function compare(agent: QAgentNet<unknown>, B: number, seed: number, tol: number) {
  const specs = agent.paramSpecs();
  const p = ParamSet.fromArrays(specs, initParams(specs, seed));
  const obs = uniform(B * agent.obsDim, seed + 1, 2);
  const noise = agent.makeNoise(seed + 2, B);
  // a dL/dQ on every entry (as a softmax head's backward sees after the mixer)
  const dq = uniform(B * agent.nActions, seed + 3, 0.5);
  const fused = pass(agent, p, obs, B, noise, dq);
  const ref = onTfOps(() => pass(agent, p, obs, B, noise, dq));
  p.dispose();
  const worst = { q: relDiff(fused.q, ref.q), grads: Math.max(...fused.grads.map((g, i) => relDiff(g, ref.grads[i]))) };
  expect(worst.q).toBeLessThan(tol);
  expect(worst.grads).toBeLessThan(tol);
  // not vacuous: the gradients are there
  expect(Math.max(...ref.grads.map((g) => Math.max(...g.map(Math.abs))))).toBeGreaterThan(1e-3);
  return worst;
}

const chain = (over: Partial<DiffusionAgentShape> = {}) =>
  new DiffusionQAgent({ nActions: 13, obsDim: 5, hidden: [20, 18, 9], embedDim: 4, activation: 'mish', steps: 4, betaMin: 0.1, betaMax: 10, ...over });

describe('fused wasm kernels', () => {
  it('are active on the wasm backend, with relaxed-SIMD FMA where the engine has it', () => {
    if (backend !== 'wasm') return;
    const fk = fusedKernels();
    expect(fk).not.toBeNull();
    expect(fk!.relaxed).toBe(relaxedSimd());
    expect(onTfOps(() => fusedKernels())).toBeNull();
  });

  it('the committed module is built from kernels/fused.ts (npm run build:kernels)', () => {
    const src = fs.readFileSync(path.join(__dirname, '../../kernels/fused.ts'));
    expect(crypto.createHash('sha256').update(src).digest('hex').slice(0, 16)).toBe(FUSED_KERNELS_SOURCE_HASH);
  });

  it('matMul (with and without bias, ragged edges) equals tf.matMul', () => {
    const fk = fusedKernels();
    if (!fk) return;
    for (const [M, K, N] of [
      [7, 13, 21],
      [64, 256, 132],
      [1, 5, 3],
      [9, 4, 12],
    ]) {
      tf.tidy(() => {
        const x = tf.tensor2d(uniform(M * K, M + K), [M, K]);
        const w = tf.tensor2d(uniform(K * N, K + N), [K, N]);
        const b = tf.tensor1d(uniform(N, N));
        expect(relDiff(fk.matMul(x, w, b).dataSync() as Float32Array, tf.fused.matMul({ a: x, b: w, bias: b }).dataSync() as Float32Array)).toBeLessThan(1e-6);
        expect(relDiff(fk.matMul(x, w).dataSync() as Float32Array, tf.matMul(x, w).dataSync() as Float32Array)).toBeLessThan(1e-6);
        // a concrete entry: row 0 . column 0
        const xv = x.dataSync();
        const wv = w.dataSync();
        let s = 0;
        for (let k = 0; k < K; k++) s += xv[k] * wv[k * N];
        expect(fk.matMul(x, w).dataSync()[0]).toBeCloseTo(s, 5);
      });
    }
  });

  it('transposes: blocked transpose and the transposed row-wise concatenation', () => {
    const fk = fusedKernels();
    if (!fk) return;
    tf.tidy(() => {
      const a = tf.tensor2d(uniform(19 * 37, 1), [19, 37]);
      const b = tf.tensor2d(uniform(5 * 37, 2), [5, 37]);
      expect(fk.transpose(a).dataSync()).toEqual(tf.transpose(a).dataSync());
      const ct = fk.concatTransposed([a, b]);
      expect(ct.shape).toEqual([37, 24]);
      expect(ct.dataSync()).toEqual(tf.transpose(tf.concat([a, b], 0)).dataSync());
    });
  });

  it.each([
    ['mish, softmax head', {}],
    ['relu', { activation: 'relu' as const }],
    ['logits head', { qHead: 'logits' as const }],
    ['clipDenoised', { clipDenoised: true, betaMax: 1 }],
    ['mean chain (no noise)', { noise: 'mean' as const }],
    ['one hidden layer, one step', { hidden: [12], steps: 1 }],
  ])('diffusion chain (%s): Q and all gradients equal the tf-op path to 1e-5', (_name, over) => {
    if (backend !== 'wasm') return;
    const agent = chain(over);
    const worst = compare(agent, 6, 41, 1e-5);
    expect(worst.q).toBeGreaterThanOrEqual(0);
    agent.dispose();
  });

  it('diffusion chain at the paper size (132 actions, 3 x 256, M = 7, E = 64): equal to 1e-5', () => {
    if (backend !== 'wasm') return;
    const agent = chain({ nActions: 132, obsDim: 13, hidden: [256, 256, 256], embedDim: 16, steps: 7 });
    compare(agent, 64, 7, 1e-5);
    // the batch-1 decision path agrees with the batched path
    const specs = agent.paramSpecs();
    const p = ParamSet.fromArrays(specs, initParams(specs, 3));
    const one = uniform(13, 5);
    const noise = agent.makeNoise(9, 1);
    const fast = agent.decide(p, one, noise, heapViewer());
    const slow = onTfOps(() => agent.decide(p, one, noise, null));
    expect(relDiff(fast, slow)).toBeLessThan(1e-5);
    p.dispose();
    agent.dispose();
  });

  it.each(['mish', 'relu'] as const)('P-QMIX MLP agent (%s): equal to the tf-op path to 1e-5', (act) => {
    if (backend !== 'wasm') return;
    compare(new MlpQAgent({ obsDim: 7, nActions: 11, hidden: [30, 17], activation: act }), 9, 13, 1e-5);
  });
});
