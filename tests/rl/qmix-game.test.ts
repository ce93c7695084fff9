// The two-step game of the QMIX paper under uniform exploration (epsilon = 1): QMIX's monotonic mixing
// learns the 8 of matrix 2B and steers to it; VDN's additive mixing and independent learners value 2B
// below the sure 7 of 2A.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QmixController } from '../../src-main/rl/controller';
import { learnerFactories } from '../../src-main/rl/index';
import { runEpisodes } from './run-episodes';
import { useTestBackend } from './setup';
import { TwoStepGame } from './two-step-game';

let backend = 'wasm';
beforeAll(async () => {
  backend = await useTestBackend();
});

const controllers: QmixController[] = [];
afterAll(() => controllers.forEach((c) => c.dispose()));

async function trainAndPlayGreedy(mixer: string) {
  const env = new TwoStepGame();
  const c = (await learnerFactories.pqmix(env, {
    seed: 3,
    backend,
    hyper: {
      mixer,
      gamma: 0.99, // the game's first step pays nothing: only bootstrapping (59) carries the second step's value back
      hidden: [32],
      batchSize: 32,
      lr: 5e-3,
      tau: 0.05,
      epsilonStart: 1,
      epsilonFinish: 1,
      learningStarts: 32,
      threads: 1,
    },
  })) as QmixController;
  controllers.push(c);
  await runEpisodes(c, env, 300);
  const greedy = await runEpisodes(c, env, 1, { explore: false });
  return { ret: greedy.returns[0], firstAction: greedy.actions[0][0] };
}

describe('QMIX on the two-step cooperative matrix game', () => {
  it('QMIX mixing reaches the optimal return 8', async () => {
    const r = await trainAndPlayGreedy('qmix');
    expect(r.firstAction).toBe(1); // agent 0 picks matrix 2B
    expect(r.ret).toBe(8);
  });

  it('independent learners settle for 7', async () => {
    const r = await trainAndPlayGreedy('independent');
    expect(r.firstAction).toBe(0);
    expect(r.ret).toBe(7);
  });

  it('additive (VDN) mixing settles for 7', async () => {
    const r = await trainAndPlayGreedy('vdn');
    expect(r.ret).toBe(7);
  });
});
