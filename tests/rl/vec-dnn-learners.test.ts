// Trained MAD2RL and P-QMIX beat the random policy's mean completion time on a small vec-dnn scenario
// (3 CVs, 2 SVs, 10-slot episodes), through the real runner: train, checkpoint, evaluate the checkpoint
// greedily on the same episode seeds as the random policy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRun } from '../../src-main/experiments/runner';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-vec-rl-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const scenario = { cvs: { count: 3 }, svs: { count: 2 }, slots: 10 };
const backend = process.env.VECWB_TF_BACKEND ?? 'wasm';
const EVAL_SEED = 4242;
const EVAL_EPISODES = 8;

async function evaluate(algo: string, checkpoint?: string): Promise<number> {
  const handle = await startRun({
    env: 'vec-dnn',
    scenario,
    algo,
    episodes: EVAL_EPISODES,
    seed: EVAL_SEED,
    outDir: path.join(tmp, `eval-${algo}-${checkpoint ? 'trained' : 'plain'}`),
    evaluate: true,
    checkpoint,
    slotMetrics: false,
    backend,
    hyper: algo === 'random' ? {} : smallHyper[algo as keyof typeof smallHyper],
  });
  const s = await handle.done;
  expect(s.status, s.error ?? '').toBe('completed');
  return s.means.completionTimeMeanS;
}

const common = { hidden: [64, 64], lr: 1e-3, epsilonAnnealSteps: 250, threads: 1 };
const smallHyper = { pqmix: common, mad2rl: { ...common, denoisingSteps: 3 } };

describe('learners on a small vec-dnn scenario', () => {
  let randomCt = 0;

  it('random policy baseline', async () => {
    randomCt = await evaluate('random');
    expect(randomCt).toBeGreaterThan(0);
  });

  it.each(['pqmix', 'mad2rl'] as const)('%s beats random after 40 training episodes', async (algo) => {
    const dir = path.join(tmp, `train-${algo}`);
    const handle = await startRun({ env: 'vec-dnn', scenario, algo, episodes: 40, seed: 1, outDir: dir, checkpointEvery: 40, slotMetrics: false, backend, hyper: smallHyper[algo] });
    const s = await handle.done;
    expect(s.status, s.error ?? '').toBe('completed');
    expect(s.means.tdLoss).toBeGreaterThan(0);
    const ct = await evaluate(algo, path.join(dir, 'checkpoints', 'ep-000040'));
    if (process.env.VECWB_TEST_VERBOSE) console.log(`${algo}: mean completion time ${ct} s vs random ${randomCt} s`);
    expect(ct).toBeLessThan(0.5 * randomCt);
  });
});
