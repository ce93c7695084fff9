// Save/load round trip: a learner restored from a checkpoint (built with another seed, so nothing is left to
// chance) continues exactly like the learner that wrote it: weights, optimiser moments, buffers, normalisers,
// counters and random streams all come back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src-shared/errors';
import { selectBackend } from '../../../src-main/rl/backend';
import { continuousLearnerFactories, type ContinuousAlgorithm } from '../../../src-main/rl/continuous/index';
import { CHECKPOINT_FILES } from '../../../src-main/rl/continuous/checkpoint';
import { runEpisodes, TargetEnv } from './target-env';

const BACKEND = 'wasm';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-cont-ckpt-'));

beforeAll(async () => {
  await selectBackend(BACKEND);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const hyperFor = (algo: ContinuousAlgorithm) =>
  algo.endsWith('ppo') ? { batchSize: 12, epochs: 2, miniBatches: 2 } : { warmupSlots: 10, batchSize: 8, updateEvery: 2 };

describe('continuous learner checkpoints', () => {
  for (const algo of Object.keys(continuousLearnerFactories) as ContinuousAlgorithm[]) {
    it(`${algo}: save, load into a fresh learner, continue identically`, async () => {
      const env = new TargetEnv(2, 2, 5);
      const a = await continuousLearnerFactories[algo](env, { seed: 21, hyper: hyperFor(algo), backend: BACKEND });
      // 3 episodes of 5 slots: the PPO rollout (12 slots) is part-filled at the save.
      await runEpisodes(env, a, 3, { train: true, seedBase: 0 });
      const dir = path.join(tmp, algo);
      await a.save!(dir);
      for (const f of Object.values(CHECKPOINT_FILES)) expect(fs.existsSync(path.join(dir, f))).toBe(true);
      const metricsA: Record<string, number>[] = [];
      const contA = await runEpisodes(env, a, 4, { train: true, seedBase: 100, onEpisode: (_e, m) => metricsA.push(m) });
      const evalA = await runEpisodes(env, a, 2, { train: false, seedBase: 900 });

      const b = await continuousLearnerFactories[algo](env, { seed: 999, hyper: hyperFor(algo), backend: BACKEND });
      await b.load!(dir);
      const metricsB: Record<string, number>[] = [];
      const contB = await runEpisodes(env, b, 4, { train: true, seedBase: 100, onEpisode: (_e, m) => metricsB.push(m) });
      const evalB = await runEpisodes(env, b, 2, { train: false, seedBase: 900 });
      expect(contB).toEqual(contA);
      expect(evalB).toEqual(evalA);
      expect(metricsB).toEqual(metricsA);
      expect(metricsA[metricsA.length - 1].trainSteps).toBeGreaterThan(0);
      a.dispose?.();
      b.dispose?.();
    });
  }

  it('refuses a checkpoint of another algorithm or another environment shape', async () => {
    const env = new TargetEnv(2, 2, 5);
    const mappo = await continuousLearnerFactories['ly-dtmppo'](env, { seed: 1, hyper: {}, backend: BACKEND });
    const sac = await continuousLearnerFactories['ly-masac'](env, { seed: 1, hyper: {}, backend: BACKEND });
    await expect(sac.load!(path.join(tmp, 'ly-dtmppo'))).rejects.toThrow(/is for 'ly-dtmppo', not 'ly-masac'/);
    const wide = await continuousLearnerFactories['ly-dtmppo'](new TargetEnv(3, 2, 5), { seed: 1, hyper: {}, backend: BACKEND });
    await expect(wide.load!(path.join(tmp, 'ly-dtmppo'))).rejects.toThrow(/nAgents = 2, this environment needs 3/);
    await expect(mappo.load!(path.join(tmp, 'nowhere'))).rejects.toThrow(UserError);
    for (const c of [mappo, sac, wide]) c.dispose?.();
  });
});
