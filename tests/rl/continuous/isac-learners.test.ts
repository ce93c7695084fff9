// The check on the ISAC environment itself: with a fixed seed and a CI-sized budget, every learner's
// greedy policy earns a higher Lyapunov reward (44) than the uniformly random policy on the same evaluation
// episodes (2 CVs, 10 slots, the reproduction readings). The margin is relative because the reward's scale follows the scenario.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/rl/backend';
import { continuousLearnerFactories, type ContinuousAlgorithm } from '../../../src-main/rl/continuous/index';
import { randomContinuousFactory } from '../../../src-main/policies/random-continuous';
import { createIsacEnv } from '../../../src-main/sim/isac-dt/create-env';
import type { MultiAgentEnv } from '../../../src-main/sim/env';
import { isacDtReproductionReadings } from '../../../src-shared/schemas/isac-dt-reproduction';
import { runEpisodes } from './target-env';

const BACKEND = 'wasm';
const EVAL_SEEDS = 70_000;
/** The reproduction readings (src-shared/schemas/isac-dt-reproduction.ts) on 2 CVs and 10 slots. */
const SMALL = { ...isacDtReproductionReadings, cvs: { count: 2 }, slots: 10 };

const budgets: Record<ContinuousAlgorithm, { episodes: number; hyper: Record<string, unknown> }> = {
  'ly-dtmppo': { episodes: 150, hyper: { lr: 1e-3 } },
  'ly-mappo': { episodes: 150, hyper: { lr: 1e-3 } },
  'ly-maddpg': { episodes: 60, hyper: { warmupSlots: 100, batchSize: 64 } },
  'ly-matd3': { episodes: 200, hyper: { warmupSlots: 100, batchSize: 64 } },
  'ly-masac': { episodes: 60, hyper: { warmupSlots: 100, batchSize: 64 } },
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The same scenario for every algorithm (Ly-MAPPO zeroes the DT entries itself). */
async function smallEnv() {
  return (await createIsacEnv(SMALL));
}

let randomReward = 0;

beforeAll(async () => {
  await selectBackend(BACKEND);
  const env = await smallEnv();
  const rnd = await randomContinuousFactory(env, { seed: 1, hyper: {} });
  randomReward = mean(await runEpisodes(env, rnd, 30, { train: false, seedBase: EVAL_SEEDS }));
});

describe('continuous learners on the small ISAC scenario', () => {
  it('the random policy has a negative reward to improve on', () => {
    expect(randomReward).toBeLessThan(0);
  });

  for (const algo of Object.keys(budgets) as ContinuousAlgorithm[]) {
    it(`${algo} improves on the random policy (fixed seed)`, async () => {
      const env = await smallEnv();
      const { episodes, hyper } = budgets[algo];
      const learner = await continuousLearnerFactories[algo](env, { seed: 1, hyper, backend: BACKEND });
      await runEpisodes(env, learner, episodes, { train: true, seedBase: 0 });
      const trained = mean(await runEpisodes(env, learner, 30, { train: false, seedBase: EVAL_SEEDS }));
      learner.dispose?.();
      expect(Number.isFinite(trained)).toBe(true);
      // at least 40 % of the random policy's (negative) reward recovered
      expect(trained).toBeGreaterThan(0.6 * randomReward);
    });
  }
});
