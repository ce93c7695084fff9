import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DiffusionQAgent } from '../../src-main/rl/agents/diffusion-q-agent';
import { diffusionSchedule } from '../../src-main/rl/nn/diffusion-schedule';
import { heapViewer } from '../../src-main/rl/nn/heap';
import { FastNormal } from '../../src-main/rl/nn/normal-noise';
import { ParamSet, initParams } from '../../src-main/rl/nn/params';
import { chain64, numericGrad, toParams64, type ChainSpec } from './reference';
import { useTestBackend } from './setup';

const spec: ChainSpec = { A: 3, obsDim: 2, hidden: [5, 4], embedDim: 4, steps: 3, betaMin: 0.1, betaMax: 10 };
const B = 2;

function makeAgent(s: ChainSpec = spec) {
  return new DiffusionQAgent({
    clipDenoised: s.clipDenoised ?? false,
    nActions: s.A,
    obsDim: s.obsDim,
    hidden: s.hidden,
    embedDim: s.embedDim,
    activation: 'mish',
    steps: s.steps,
    betaMin: s.betaMin,
    betaMax: s.betaMax,
  });
}
// A gentler schedule keeps part of the last step's x0-hat inside [-1, 1], so gradients pass the clip there.
const clipSpec: ChainSpec = { ...spec, betaMax: 1, clipDenoised: true };

/** Unscaled z and the scaled noise layout the chain consumes. */
function noisePair(seed: number, s: ChainSpec = spec) {
  const sched = diffusionSchedule(s.steps, s.betaMin, s.betaMax);
  const g = new FastNormal(seed);
  const block = B * spec.A;
  const z = new Float64Array(spec.steps * block);
  for (let i = 0; i < z.length; i++) z[i] = g.normal();
  const scaled = new Float32Array(z.length);
  for (let k = 0; k < spec.steps; k++) {
    const m = spec.steps - k + 1; // block k >= 1 belongs to the update from step m
    const s = k === 0 ? 1 : Math.sqrt(sched.betaHat[m - 1]);
    for (let i = 0; i < block; i++) scaled[k * block + i] = s * z[k * block + i];
  }
  return { z, scaled };
}

beforeAll(async () => {
  await useTestBackend();
});

describe('diffusion chain (eqs. 39-41)', () => {
  it('forward matches an independent float64 implementation of the paper equations', () => {
    const agent = makeAgent();
    const arrays = initParams(agent.paramSpecs(), 7);
    const p = ParamSet.fromArrays(agent.paramSpecs(), arrays);
    const obs = Float32Array.from([0.3, -1.2, 0.8, 0.5]);
    const { z, scaled } = noisePair(11);
    const { q } = agent.forward(p, tf.tensor2d(obs, [B, spec.obsDim]), scaled, false);
    const ref = chain64(spec, toParams64(arrays), Float64Array.from(obs), B, z);
    const got = q.dataSync();
    for (let i = 0; i < ref.length; i++) expect(got[i]).toBeCloseTo(ref[i], 5);
    // each row of Q is a distribution (eq. 41)
    expect(got[0] + got[1] + got[2]).toBeCloseTo(1, 6);
    p.dispose();
    q.dispose();
  });

  it('gradients through all M steps match central finite differences', () => {
    const agent = makeAgent();
    const arrays = initParams(agent.paramSpecs(), 3);
    const p = ParamSet.fromArrays(agent.paramSpecs(), arrays);
    const obs = Float32Array.from([0.7, -0.4, -1.1, 0.9]);
    const { z, scaled } = noisePair(5);
    // loss = sum dq * Q with a fixed dq: its gradient is exactly what backward(dq) returns
    const dq = Float64Array.from([0.4, -1.3, 0.9, -0.2, 0.6, 1.7]);
    const obsT = tf.tensor2d(obs, [B, spec.obsDim]);
    const { cache } = agent.forward(p, obsT, scaled, true);
    const grads = agent.backward(p, obsT, cache!, tf.tensor2d(Float32Array.from(dq), [B, spec.A]));
    const p64 = toParams64(arrays);
    const loss = () => chain64(spec, p64, Float64Array.from(obs), B, z).reduce((s, v, i) => s + v * dq[i], 0);
    const numeric = numericGrad(p64, loss);
    let maxAbs = 0;
    agent.paramSpecs().forEach((s, i) => {
      const g = grads[i].dataSync();
      const n = numeric.get(s.name)!;
      for (let j = 0; j < n.length; j++) {
        maxAbs = Math.max(maxAbs, Math.abs(n[j]));
        expect(Math.abs(g[j] - n[j]), `${s.name}[${j}]`).toBeLessThan(2e-4 + 2e-3 * Math.abs(n[j]));
      }
    });
    expect(maxAbs).toBeGreaterThan(1e-2); // the check is not vacuous
    agent.disposeCache(cache!);
    tf.dispose(grads);
    p.dispose();
  });

  it('the batch-1 decision path equals the batched tf path', () => {
    const agent = makeAgent();
    const specs = agent.paramSpecs();
    const p = ParamSet.fromArrays(specs, initParams(specs, 9));
    const obs = Float32Array.from([0.25, -0.75]);
    const noise = agent.makeNoise(123, 1);
    const view = heapViewer();
    expect(view).not.toBeNull();
    const fast = agent.decide(p, obs, noise, view);
    const slow = agent.decide(p, obs, noise, null);
    for (let i = 0; i < spec.A; i++) expect(fast[i]).toBeCloseTo(slow[i], 5);
    p.dispose();
  });

  it('clipDenoised: forward, gradients and the batch-1 path match the float64 DDPM reference (clip active)', () => {
    const agent = makeAgent(clipSpec);
    const specs = agent.paramSpecs();
    const arrays = initParams(specs, 3);
    const p = ParamSet.fromArrays(specs, arrays);
    const obs = Float32Array.from([0.7, -0.4, -1.1, 0.9]);
    const { z, scaled } = noisePair(5, clipSpec);
    const obsT = tf.tensor2d(obs, [B, spec.obsDim]);
    const { q, cache } = agent.forward(p, obsT, scaled, true);
    const p64 = toParams64(arrays);
    const ref = chain64(clipSpec, p64, Float64Array.from(obs), B, z);
    const got = q.dataSync();
    for (let i = 0; i < ref.length; i++) expect(got[i]).toBeCloseTo(ref[i], 5);
    // the clip binds for some entries and not for others, so both gradient paths are exercised
    const inside = cache!.masks.flatMap((mk) => [...mk.dataSync()]);
    expect(inside).toHaveLength(spec.steps * B * spec.A);
    expect(inside.some((v) => v === 0)).toBe(true);
    expect(inside.some((v) => v === 1)).toBe(true);
    // and it changes the output (the unclipped chain differs)
    const plain = chain64({ ...clipSpec, clipDenoised: false }, p64, Float64Array.from(obs), B, z);
    expect(Math.max(...plain.map((v, i) => Math.abs(v - ref[i])))).toBeGreaterThan(1e-3);

    const dq = Float64Array.from([0.4, -1.3, 0.9, -0.2, 0.6, 1.7]);
    const grads = agent.backward(p, obsT, cache!, tf.tensor2d(Float32Array.from(dq), [B, spec.A]));
    const loss = () => chain64(clipSpec, p64, Float64Array.from(obs), B, z).reduce((sum, v, i) => sum + v * dq[i], 0);
    const numeric = numericGrad(p64, loss);
    let maxAbs = 0;
    specs.forEach((sp, i) => {
      const g = grads[i].dataSync();
      const n = numeric.get(sp.name)!;
      for (let j = 0; j < n.length; j++) {
        maxAbs = Math.max(maxAbs, Math.abs(n[j]));
        expect(Math.abs(g[j] - n[j]), `${sp.name}[${j}]`).toBeLessThan(2e-4 + 2e-3 * Math.abs(n[j]));
      }
    });
    expect(maxAbs).toBeGreaterThan(1e-2);

    const one = Float32Array.from([0.25, -0.75]);
    const noise = agent.makeNoise(123, 1);
    const fast = agent.decide(p, one, noise, heapViewer());
    const slow = agent.decide(p, one, noise, null);
    for (let i = 0; i < spec.A; i++) expect(fast[i]).toBeCloseTo(slow[i], 5);
    agent.disposeCache(cache!);
    tf.dispose(grads);
    p.dispose();
  });

  it('clipDenoised with x0 inside [-1, 1] everywhere equals the printed chain (the coefficients agree)', () => {
    const sched = diffusionSchedule(7, 0.1, 10);
    for (let i = 0; i < 7; i++) {
      // mean = postCoefX0 (x0CoefX x - x0CoefEps eps) + postCoefX x must equal meanCoefX x - meanCoefEps eps (39)
      expect(sched.postCoefX0[i] * sched.x0CoefX[i] + sched.postCoefX[i]).toBeCloseTo(sched.meanCoefX[i], 12);
      expect(sched.postCoefX0[i] * sched.x0CoefEps[i]).toBeCloseTo(sched.meanCoefEps[i], 12);
    }
  });

  it('makeNoise scales each block by sqrt(beta-hat_m) of eq. (40)', () => {
    const agent = makeAgent();
    const sched = diffusionSchedule(spec.steps, spec.betaMin, spec.betaMax);
    const noise = agent.makeNoise(77, B);
    const g = new FastNormal(77);
    const block = B * spec.A;
    for (let k = 0; k < spec.steps; k++) {
      const s = k === 0 ? 1 : sched.noiseStd[spec.steps - k];
      for (let i = 0; i < block; i++) expect(noise[k * block + i]).toBeCloseTo(s * g.normal(), 6);
    }
  });
});
