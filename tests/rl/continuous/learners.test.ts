// Each of paper 2's learners improves on a uniformly random policy on the tiny cooperative target task
// (target-env.ts), with a fixed seed on the wasm backend; and a seed reproduces a run exactly.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/rl/backend';
import { continuousLearnerFactories, type ContinuousAlgorithm } from '../../../src-main/rl/continuous/index';
import { randomContinuousFactory } from '../../../src-main/policies/random-continuous';
import { runEpisodes, TargetEnv } from './target-env';

const BACKEND = 'wasm';
const EVAL_SEEDS = 50_000;

/** Budgets sized for CI; everything else is the algorithm's default. `floor`: the evaluation reward to beat. */
const budgets: Record<ContinuousAlgorithm, { episodes: number; hyper: Record<string, unknown>; floor: number }> = {
  'ly-dtmppo': { episodes: 300, hyper: { lr: 3e-4, rollout: 'slots', batchSize: 128 }, floor: -0.5 },
  'ly-mappo': { episodes: 300, hyper: { lr: 3e-4, rollout: 'slots', batchSize: 128 }, floor: -0.5 },
  'ly-maddpg': { episodes: 100, hyper: { warmupSlots: 200, batchSize: 64 }, floor: -0.5 },
  'ly-matd3': { episodes: 100, hyper: { warmupSlots: 200, batchSize: 64 }, floor: -0.5 },
  'ly-masac': { episodes: 100, hyper: { warmupSlots: 200, batchSize: 64 }, floor: -0.5 },
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

beforeAll(async () => {
  await selectBackend(BACKEND);
});

describe('continuous learners on the target task', () => {
  it('the random policy scores about -0.1367 d per slot', async () => {
    const env = new TargetEnv(2, 2, 8);
    const rnd = await randomContinuousFactory(env, { seed: 3, hyper: {} });
    const r = mean(await runEpisodes(env, rnd as never, 200, { train: false, seedBase: EVAL_SEEDS }));
    // E[(a - t)^2] = 1/12 + 0.8^2/12 per entry, 2 entries, 8 slots: -2.187
    expect(r).toBeGreaterThan(-2.45);
    expect(r).toBeLessThan(-1.95);
  });

  for (const algo of Object.keys(budgets) as ContinuousAlgorithm[]) {
    it(`${algo} beats the random policy (fixed seed)`, async () => {
      const env = new TargetEnv(2, 2, 8);
      const { episodes, hyper, floor } = budgets[algo];
      const learner = await continuousLearnerFactories[algo](env, { seed: 11, hyper, backend: BACKEND });
      const metrics: Record<string, number>[] = [];
      await runEpisodes(env, learner, episodes, { train: true, seedBase: 0, onEpisode: (_e, m) => metrics.push(m) });
      const trained = mean(await runEpisodes(env, learner, 30, { train: false, seedBase: EVAL_SEEDS }));
      learner.dispose?.();
      // random: -2.19; a learner that tracks the targets gets close to 0
      expect(trained).toBeGreaterThan(floor);
      const last = metrics[metrics.length - 1];
      expect(last.envSlots).toBe(episodes * 8);
      expect(last.trainSteps).toBeGreaterThan(0);
      const keys = new Set(metrics.flatMap((m) => Object.keys(m)));
      if (algo.endsWith('ppo')) for (const k of ['policyLoss', 'valueLoss', 'entropy', 'approxKl']) expect(keys).toContain(k);
      else for (const k of ['actorLoss', 'criticLoss', 'qMean']) expect(keys).toContain(k);
      if (algo === 'ly-masac') expect(keys).toContain('alpha');
    });
  }

  it('the same seed gives the same run', async () => {
    for (const algo of ['ly-dtmppo', 'ly-matd3', 'ly-masac'] as ContinuousAlgorithm[]) {
      const run = async () => {
        const env = new TargetEnv(2, 2, 8);
        const hyper = algo === 'ly-dtmppo' ? { batchSize: 16 } : { warmupSlots: 16, batchSize: 8 };
        const c = await continuousLearnerFactories[algo](env, { seed: 5, hyper, backend: BACKEND });
        const r = await runEpisodes(env, c, 6, { train: true, seedBase: 0 });
        const e = await runEpisodes(env, c, 2, { train: false, seedBase: 99 });
        c.dispose?.();
        return [...r, ...e];
      };
      expect(await run()).toEqual(await run());
    }
  });
});
