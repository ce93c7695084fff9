import { describe, expect, it } from 'vitest';
import { exhaustiveFactory, exhaustiveSearch } from '../../src-main/policies/exhaustive';
import { geneticFactory, geneticHyperSchema, geneticSearch } from '../../src-main/policies/genetic';
import { distinctDecisions } from '../../src-main/policies/common';
import { Random } from '../../src-main/sim/random';
import { evaluateSlot } from '../../src-main/sim/vec-dnn/slot';
import { handParams } from '../sim/vec-dnn/fixtures';
import { randomState, tinyEnv } from './fixtures';

const defaults = geneticHyperSchema.parse({});

describe('exhaustive search', () => {
  it('lists each distinct legal decision once (all-local once, unreachable SVs left out)', () => {
    const rng = Random.fromSeed(3);
    const s = randomState(rng, 2);
    s.cvs[0] = { ...s.cvs[0], modelType: 0, distSvM: [200, 20] };
    // Tiny: phi 1..3 x {RSU, SV 2} + all-local = 7.
    expect(distinctDecisions(handParams, s, 0)).toEqual([
      { phi: 1, target: 0 }, { phi: 1, target: 2 },
      { phi: 2, target: 0 }, { phi: 2, target: 2 },
      { phi: 3, target: 0 }, { phi: 3, target: 2 },
      { phi: 4, target: 0 },
    ]);
  });

  it('finds the minimum of objective (32) over all joint decisions', () => {
    const rng = Random.fromSeed(5);
    const s = randomState(rng, 2);
    const r = exhaustiveSearch(handParams, s, 1e6);
    const a = distinctDecisions(handParams, s, 0);
    const b = distinctDecisions(handParams, s, 1);
    expect(r.evaluated).toBe(a.length * b.length);
    let min = Infinity;
    for (const x of a) for (const y of b) min = Math.min(min, evaluateSlot(handParams, s, [x, y]).objective);
    expect(r.objective).toBe(min);
    expect(evaluateSlot(handParams, s, r.decisions).objective).toBe(min);
  });

  it('refuses instances above maxJointActions', async () => {
    const s = randomState(Random.fromSeed(1), 2);
    expect(() => exhaustiveSearch(handParams, s, 10)).toThrow(/joint decisions .* more than maxJointActions = 10/);
    const env = await tinyEnv();
    // Worst case (7 x 4 = 28 joint decisions for Mini + Micro with 3 edge nodes).
    await expect(exhaustiveFactory(env, { seed: 1, hyper: { maxJointActions: 27 } })).rejects.toThrow(/up to 28 joint decisions/);
    const ex = await exhaustiveFactory(env, { seed: 1, hyper: { maxJointActions: 28 } });
    let obs = env.reset(1);
    for (let t = 0; t < 3; t++) {
      const acts = (await ex.act(obs, env, false)) as number[];
      const best = exhaustiveSearch(env.params, env.currentSlot().state, 1e6);
      const allLocal = env.evaluate([{ phi: 3, target: 0 }, { phi: 2, target: 0 }]);
      const r = env.step(acts);
      expect(r.reward).toBe(-best.objective);
      expect(r.reward).toBeGreaterThanOrEqual(allLocal.reward);
      obs = r;
    }
  });
});

describe('genetic algorithm', () => {
  it('reaches the exhaustive optimum on tiny instances (2 CVs, 1-2 SVs)', () => {
    const rng = Random.fromSeed(2024);
    for (let n = 0; n < 12; n++) {
      const s = randomState(rng, 1 + (n % 2));
      const best = exhaustiveSearch(handParams, s, 1e6);
      const ga = geneticSearch(handParams, s, defaults, Random.fromSeed(n));
      expect(ga.objective).toBeCloseTo(best.objective, 9);
      expect(evaluateSlot(handParams, s, ga.decisions).objective).toBe(ga.objective);
    }
  });

  it('is deterministic for a seed and keeps its elite', () => {
    const s = randomState(Random.fromSeed(9), 2);
    const a = geneticSearch(handParams, s, { ...defaults, generations: 3, populationSize: 6 }, Random.fromSeed(1));
    const b = geneticSearch(handParams, s, { ...defaults, generations: 3, populationSize: 6 }, Random.fromSeed(1));
    expect(a).toEqual(b);
    // Zero generations: the best of the initial population.
    const g0 = geneticSearch(handParams, s, { ...defaults, generations: 0, populationSize: 4 }, Random.fromSeed(1));
    expect(g0.evaluated).toBeLessThanOrEqual(4);
  });

  it('validates its hyper-parameters and plays legal actions in the env', async () => {
    const env = await tinyEnv();
    await expect(geneticFactory(env, { seed: 1, hyper: { populationSize: 1 } })).rejects.toThrow(/populationSize/);
    await expect(geneticFactory(env, { seed: 1, hyper: { eliteCount: 30 } })).rejects.toThrow(/eliteCount must be < populationSize/);
    await expect(geneticFactory(env, { seed: 1, hyper: { mutationRate: 2 } })).rejects.toThrow(/mutationRate/);
    await expect(geneticFactory(env, { seed: 1, hyper: { popSize: 10 } })).rejects.toThrow(/popSize/);
    const ga = await geneticFactory(env, { seed: 1, hyper: { generations: 20 } });
    let obs = env.reset(2);
    for (let t = 0; t < 3; t++) {
      const acts = (await ga.act(obs, env, true)) as number[];
      const best = exhaustiveSearch(env.params, env.currentSlot().state, 1e6).objective;
      const r = env.step(acts);
      expect(r.info.outcome.objective).toBeCloseTo(best, 9);
      obs = r;
    }
  });
});
