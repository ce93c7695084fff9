// The decaying value normaliser (valueNormDecay, MAPPO's ValueNorm): debiased exponential moving averages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/rl/backend';
import { continuousLearnerFactories } from '../../../src-main/rl/continuous/index';
import { DecayingNorm } from '../../../src-main/rl/continuous/decaying-norm';
import { ppoHyperSchema } from '../../../src-main/rl/continuous/hyper';
import { runEpisodes, TargetEnv } from './target-env';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-dnorm-'));
beforeAll(async () => {
  await selectBackend('wasm');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('DecayingNorm', () => {
  it('hand example, decay 0.5: debiased mean and variance of two batches', () => {
    const n = new DecayingNorm(0.5);
    n.update([1, 3]); // mean 2, mean sq 5; debias 0.5 -> stats = batch stats
    expect(n.stats().mean).toBeCloseTo(2, 12);
    expect(n.stats().variance).toBeCloseTo(1, 12);
    n.update([6]);
    // raw: mean 2*0.5*0.5 + 6*0.5 = 3.5, meanSq 5*0.25 + 36*0.5 = 19.25, debias 0.25 + 0.5 = 0.75
    expect(n.stats().mean).toBeCloseTo(3.5 / 0.75, 12);
    expect(n.stats().variance).toBeCloseTo(19.25 / 0.75 - (3.5 / 0.75) ** 2, 12);
    const z = n.normalise([10]);
    const { mean, variance } = n.stats();
    expect(z[0]).toBeCloseTo((10 - mean) / Math.sqrt(variance), 5);
    expect(n.denormalise(z)[0]).toBeCloseTo(10, 4);
  });

  it('follows a drifting distribution where cumulative statistics lag', () => {
    const n = new DecayingNorm(0.9);
    for (let k = 0; k < 200; k++) n.update([k, k + 1]);
    expect(n.stats().mean).toBeGreaterThan(190); // the cumulative mean would be ~100
    expect(n.stats().variance).toBeGreaterThanOrEqual(1e-2);
  });

  it('an empty batch changes nothing; before any update it is the identity; decay out of range is refused', () => {
    const n = new DecayingNorm(0.99);
    expect(Array.from(n.normalise([2, -3]))).toEqual([2, -3]);
    n.update([]);
    expect(n.getState()).toEqual({ kind: 'decaying', mean: 0, meanSq: 0, debias: 0 });
    expect(() => new DecayingNorm(1)).toThrow(/valueNormDecay/);
    expect(() => ppoHyperSchema.parse({ valueNormDecay: 1 })).toThrow();
    expect(ppoHyperSchema.parse({}).valueNormDecay).toBe(0);
  });
});

describe('Ly-DTMPPO with valueNormDecay', () => {
  it('changes training, and a checkpoint resumes exactly; a cumulative-statistics checkpoint is refused', async () => {
    const env = new TargetEnv(2, 2, 5);
    const hyper = { epochs: 2, valueNormDecay: 0.9 };
    const a = await continuousLearnerFactories['ly-dtmppo'](env, { seed: 3, hyper, backend: 'wasm' });
    const plain = await continuousLearnerFactories['ly-dtmppo'](env, { seed: 3, hyper: { epochs: 2 }, backend: 'wasm' });
    const mA: Record<string, number>[] = [];
    const mP: Record<string, number>[] = [];
    await runEpisodes(env, a, 3, { train: true, seedBase: 0, onEpisode: (_e, m) => mA.push(m) });
    await runEpisodes(env, plain, 3, { train: true, seedBase: 0, onEpisode: (_e, m) => mP.push(m) });
    expect(mA[2].valueLoss).not.toBeCloseTo(mP[2].valueLoss, 6);
    const dir = path.join(tmp, 'a');
    await a.save!(dir);
    const cont: Record<string, number>[] = [];
    await runEpisodes(env, a, 2, { train: true, seedBase: 50, onEpisode: (_e, m) => cont.push(m) });
    const b = await continuousLearnerFactories['ly-dtmppo'](env, { seed: 77, hyper, backend: 'wasm' });
    await b.load!(dir);
    const res: Record<string, number>[] = [];
    await runEpisodes(env, b, 2, { train: true, seedBase: 50, onEpisode: (_e, m) => res.push(m) });
    expect(res).toEqual(cont);
    const pdir = path.join(tmp, 'plain');
    await plain.save!(pdir);
    await expect(b.load!(pdir)).rejects.toThrow(/value normaliser/);
    [a, b, plain].forEach((l) => l.dispose?.());
  });
});
