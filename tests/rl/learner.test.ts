import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src-shared/errors';
import { ValidationError } from '../../src-shared/validation';
import type { QmixController } from '../../src-main/rl/controller';
import { learnerFactories } from '../../src-main/rl/index';
import { partitionAgents } from '../../src-main/rl/learners/qmix-learner';
import type { MultiAgentEnv } from '../../src-main/sim/env';
import { runEpisodes } from './run-episodes';
import { useTestBackend } from './setup';
import { TwoStepGame } from './two-step-game';
import type { ReplayBuffer } from '../../src-main/rl/buffers/replay';
import { Random } from '../../src-main/sim/random';

let backend = 'wasm';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-rl-'));
const live: QmixController[] = [];
beforeAll(async () => {
  backend = await useTestBackend();
});
afterAll(() => {
  live.forEach((c) => c.dispose());
  fs.rmSync(tmp, { recursive: true, force: true });
});

const smallMad2rl = { hidden: [16, 16], denoisingSteps: 3, stepEmbedDim: 4, batchSize: 8, learningStarts: 8, epsilonAnnealSteps: 40, lr: 1e-3, mixerEmbed: 8, hyperHidden: 8 };

async function make(algo: 'mad2rl' | 'pqmix', seed: number, extra: Record<string, unknown> = {}) {
  const env = new TwoStepGame();
  const hyper = algo === 'mad2rl' ? { ...smallMad2rl, threads: 1, ...extra } : { hidden: [16], batchSize: 8, learningStarts: 8, threads: 1, ...extra };
  const c = (await learnerFactories[algo](env, { seed, backend, hyper })) as QmixController;
  live.push(c);
  return { env, c };
}

/** Metrics minus wall-clock timings (which never repeat). */
const withoutTimes = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([k]) => !k.endsWith('Ms')));

describe('QMIX learner: reproducibility and checkpoints', () => {
  it('the same seed gives the same run; another seed does not', async () => {
    const a = await make('mad2rl', 5);
    const b = await make('mad2rl', 5);
    const c = await make('mad2rl', 6);
    const la = await runEpisodes(a.c, a.env, 25);
    const lb = await runEpisodes(b.c, b.env, 25);
    const lc = await runEpisodes(c.c, c.env, 25);
    expect(la.actions).toEqual(lb.actions);
    expect(la.metrics.map((m) => m.tdLoss)).toEqual(lb.metrics.map((m) => m.tdLoss));
    expect(la.metrics[24].trainSteps).toBeGreaterThan(30);
    expect(la.metrics.map((m) => m.tdLoss)).not.toEqual(lc.metrics.map((m) => m.tdLoss));
  });

  it.each(['mad2rl', 'pqmix'] as const)('%s: save, load into a fresh learner, continue identically', async (algo) => {
    const dir = path.join(tmp, `ck-${algo}`);
    const a = await make(algo, 11);
    await runEpisodes(a.c, a.env, 15);
    await a.c.save(dir);
    const cont = await runEpisodes(a.c, a.env, 8);
    const b = await make(algo, 999); // different seed: everything must come from the checkpoint
    await b.c.load(dir);
    const resumed = await runEpisodes(b.c, b.env, 8);
    expect(resumed.actions).toEqual(cont.actions);
    expect(resumed.metrics.map(withoutTimes)).toEqual(cont.metrics.map(withoutTimes));
    expect(resumed.metrics[7].tdLoss).toBeGreaterThan(0);
    // the weights are in the TensorFlow.js weights format
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'agents.json'), 'utf8'));
    const specs = manifest.weightsManifest[0].weights;
    const data = fs.readFileSync(path.join(dir, manifest.weightsManifest[0].paths[0]));
    const decoded = tf.io.decodeWeights(new Uint8Array(data).buffer, specs);
    expect(Object.keys(decoded)).toContain('agent1/target/wOut');
    expect(Object.keys(decoded)).toContain('agent0/adam_v/b1');
    tf.dispose(Object.values(decoded));
  });

  it("mad2rl qHead 'critic': save, load into a fresh learner, continue identically", async () => {
    const dir = path.join(tmp, 'ck-critic');
    const a = await make('mad2rl', 12, { qHead: 'critic' });
    await runEpisodes(a.c, a.env, 15);
    await a.c.save(dir);
    const cont = await runEpisodes(a.c, a.env, 8);
    const b = await make('mad2rl', 998, { qHead: 'critic' });
    await b.c.load(dir);
    const resumed = await runEpisodes(b.c, b.env, 8);
    expect(resumed.actions).toEqual(cont.actions);
    expect(resumed.metrics.map(withoutTimes)).toEqual(cont.metrics.map(withoutTimes));
    expect(resumed.metrics[7].tdLoss).toBeGreaterThan(0);
    // a checkpoint of the Q-head reading does not load into the critic reading
    const logits = await make('mad2rl', 12);
    await expect(logits.c.load(dir)).rejects.toThrow(UserError);
  });

  it('rejects a checkpoint of another setting', async () => {
    const dir = path.join(tmp, 'ck-mismatch');
    const a = await make('pqmix', 1);
    await a.c.save(dir);
    const other = await make('mad2rl', 1);
    await expect(other.c.load(dir)).rejects.toThrow(UserError);
    await expect(other.c.load(path.join(tmp, 'nowhere'))).rejects.toThrow(/learner.json missing/);
    const wide = await make('pqmix', 1, { hidden: [32] });
    await expect(wide.c.load(dir)).rejects.toThrow(/does not fit this run's networks/);
  });

  it('agent groups in a worker thread give exactly the single-thread results', async () => {
    const one = await make('mad2rl', 21, { threads: 1 });
    const two = await make('mad2rl', 21, { threads: 2 });
    const l1 = await runEpisodes(one.c, one.env, 12);
    const l2 = await runEpisodes(two.c, two.env, 12);
    expect(two.c.learner.threads).toBe(2);
    expect(l2.actions).toEqual(l1.actions);
    expect(l2.metrics.map((m) => m.tdLoss)).toEqual(l1.metrics.map((m) => m.tdLoss));
    // and a checkpoint written by the two-thread learner loads into a one-thread one
    const dir = path.join(tmp, 'ck-threads');
    await two.c.save(dir);
    await one.c.load(dir);
    const c1 = await runEpisodes(one.c, one.env, 3);
    const c2 = await runEpisodes(two.c, two.env, 3);
    expect(c1.actions).toEqual(c2.actions);
  });
});

describe('QMIX learner: reward scale', () => {
  it('stores rewardScale x the common reward (56) in the replay; the default keeps the reward as printed', async () => {
    // The two-step game pays 0 after the first step and one of {0, 1, 7, 8} after the second.
    const sampled = async (extra: Record<string, unknown>) => {
      const { env, c } = await make('pqmix', 3, { learningStarts: 1000, ...extra });
      await runEpisodes(c, env, 20);
      const replay = (c.learner as unknown as { replay: ReplayBuffer }).replay;
      return [...replay.sample(200, Random.fromSeed(1)).reward].sort((a, b) => a - b);
    };
    const plain = await sampled({});
    const scaled = await sampled({ rewardScale: 0.25 });
    expect(new Set(plain).size).toBeGreaterThan(1);
    for (const r of plain) expect([0, 1, 7, 8]).toContain(r);
    // same seed, no training yet (learningStarts 1000): the same transitions, rewards scaled exactly
    expect(scaled).toEqual(plain.map((r) => r * 0.25));
  });
});

describe('QMIX learner: input checks', () => {
  it('names the offending hyper-parameter', async () => {
    const env = new TwoStepGame();
    await expect(learnerFactories.mad2rl(env, { seed: 1, backend, hyper: { denoisingSteps: 0 } })).rejects.toThrow(ValidationError);
    await expect(learnerFactories.mad2rl(env, { seed: 1, backend, hyper: { denoisingSteps: 0 } })).rejects.toThrow(/denoisingSteps/);
    await expect(learnerFactories.pqmix(env, { seed: 1, backend, hyper: { lerningRate: 1 } })).rejects.toThrow(/lerningRate/);
    await expect(learnerFactories.mad2rl(env, { seed: 1, backend, hyper: { betaMin: 5, betaMax: 1 } })).rejects.toThrow(/betaMin must be <= betaMax/);
  });

  it('refuses continuous action spaces', async () => {
    const env = new TwoStepGame() as unknown as MultiAgentEnv<number, unknown>;
    const spec = { ...env.spec, actionSpaces: [{ kind: 'continuous' as const, dim: 2, low: 0, high: 1 }, env.spec.actionSpaces[1]] };
    const cont = { ...env, spec } as MultiAgentEnv<number, unknown>;
    await expect(learnerFactories.pqmix(cont, { seed: 1, backend, hyper: {} })).rejects.toThrow(/discrete actions/);
  });

  it('balances agents over threads by parameter count', () => {
    expect(partitionAgents([10, 10, 10, 10], 2)).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(partitionAgents([100, 10, 10, 10, 10], 2)).toEqual([[0], [1, 2, 3, 4]]);
    expect(partitionAgents([5, 5], 3)).toEqual([[0], [1]]);
  });
});
