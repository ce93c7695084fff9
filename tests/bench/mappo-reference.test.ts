// The PyTorch reference of paper 2's PPO update (bench/pytorch_mappo_reference.py) gets the sizes of the
// learners' defaults from bench/mappo-reference-args.ts, and, where python3 has torch, runs and prints its JSON
// line. No wall-clock assertion: the speed comparison is bench/isac.bench.ts's job.
import { beforeAll, describe, expect, it } from 'vitest';
import { continuousLearnerFactories } from '../../src-main/rl/continuous/index';
import { MappoLearner } from '../../src-main/rl/continuous/mappo';
import { createIsacEnv } from '../../src-main/sim/isac-dt/create-env';
import type { MultiAgentEnv } from '../../src-main/sim/env';
import { mappoReferenceArgs, mappoReferenceConfig, type MappoReferenceConfig, type MappoReferenceRow } from '../../bench/mappo-reference-args';
import { findTorchPython, runPythonReference } from '../../bench/python-reference';
import { useTestBackend } from '../rl/setup';

async function learner(algo: 'ly-dtmppo' | 'ly-mappo', hyper: Record<string, unknown> = {}): Promise<MappoLearner> {
  const env = (await createIsacEnv({})) as unknown as MultiAgentEnv<Float32Array, unknown>;
  const l = await continuousLearnerFactories[algo](env, { seed: 1, hyper });
  if (!(l instanceof MappoLearner)) throw new Error(`${algo} is not a MappoLearner`);
  return l;
}

beforeAll(async () => {
  await useTestBackend();
});

describe('mappoReferenceConfig', () => {
  it.each(['ly-dtmppo', 'ly-mappo'] as const)('gives %s the default sizes (hyper.ts, default ISAC scenario)', async (algo) => {
    const l = await learner(algo);
    try {
      const c = mappoReferenceConfig(l);
      // default ISAC scenario: 5 CVs, local state 29, global state 151, 4 action entries, 30 slots
      expect(c).toMatchObject({ nAgents: 5, obsDim: 29, stateDim: 151, actionDim: 4, episodeLength: 30 });
      // hyper.ts defaults: two 64-wide ReLU layers, one value per agent, rollout = one episode, E = 10, one minibatch
      expect(c).toMatchObject({ hidden: [64, 64], valueHeads: 5, rows: 30, epochs: 10, miniBatches: 1, gaeEachEpoch: false });
      expect(c).toMatchObject({ gamma: 0.99, gaeLambda: 0.95, clipRatio: 0.2, entropyCoef: 0.01, lr: 8e-5, criticLr: 8e-5, maxGradNorm: 10 });
      // state-dependent std head; actionMap 'clip' has no tanh Jacobian, so the bonus is the Gaussian entropy
      expect(c).toMatchObject({ stdMode: 'state', entropy: 'gaussian', logStdMin: -5, logStdMax: 2, initLogStd: -1, valueNorm: true, advantageNorm: true });
    } finally {
      l.dispose();
    }
  });

  it('follows overridden hyper-parameters (rollout of B slots, minibatches, parameter std, squashed entropy)', async () => {
    const l = await learner('ly-dtmppo', { rollout: 'slots', batchSize: 512, miniBatches: 4, stdMode: 'parameter', actionMap: 'tanh', agentRewards: false });
    try {
      expect(mappoReferenceConfig(l)).toMatchObject({ rows: 512, miniBatches: 4, stdMode: 'parameter', entropy: 'squashed', valueHeads: 1 });
    } finally {
      l.dispose();
    }
  });

  it('passes the configuration as JSON on argv', () => {
    const config = { nAgents: 2 } as MappoReferenceConfig;
    const args = mappoReferenceArgs(config, { reps: 3, warmup: 1, threads: 2, layouts: ['loop'] });
    expect(JSON.parse(args[args.indexOf('--config') + 1])).toEqual(config);
    expect(args.slice(2)).toEqual(['--reps', '3', '--warmup', '1', '--threads', '2', '--layouts', 'loop']);
  });
});

const hasTorch = findTorchPython().python !== null;

describe('pytorch_mappo_reference.py', () => {
  it.skipIf(!hasTorch)('runs one tiny update in both layouts and prints a JSON line with a positive updateMs', () => {
    const tiny: MappoReferenceConfig = {
      nAgents: 2, obsDim: 3, stateDim: 5, actionDim: 2, hidden: [8], valueHeads: 2, rows: 6, episodeLength: 3,
      epochs: 2, miniBatches: 2, gaeEachEpoch: true, gamma: 0.99, gaeLambda: 0.95, clipRatio: 0.2, entropyCoef: 0.01,
      entropy: 'squashed', stdMode: 'state', logStdMin: -5, logStdMax: 2, initLogStd: -1, policyHeadScale: 0.01,
      lr: 1e-3, criticLr: 1e-3, maxGradNorm: 10, valueNorm: true, advantageNorm: true,
    };
    const res = runPythonReference<MappoReferenceRow>('pytorch_mappo_reference.py', mappoReferenceArgs(tiny, { reps: 1, warmup: 0 }));
    expect(res.why).toBe('');
    expect(res.row).toMatchObject({ bench: 'p2-pytorch', layout: 'stacked', epochs: 2, miniBatches: 2, rows: 6, nAgents: 2, hidden: [8] });
    expect(res.row?.updateMs).toBeGreaterThan(0);
    expect(res.row?.updateMsLoop).toBeGreaterThan(0);
  });

  it.skipIf(!hasTorch)('parameter std, Gaussian entropy, team value head', () => {
    const tiny: MappoReferenceConfig = {
      nAgents: 3, obsDim: 4, stateDim: 6, actionDim: 1, hidden: [4, 4], valueHeads: 1, rows: 5, episodeLength: 5,
      epochs: 1, miniBatches: 1, gaeEachEpoch: false, gamma: 0.9, gaeLambda: 0.9, clipRatio: 0.1, entropyCoef: 0,
      entropy: 'gaussian', stdMode: 'parameter', logStdMin: -5, logStdMax: 2, initLogStd: -0.5, policyHeadScale: 1,
      lr: 1e-3, criticLr: 1e-3, maxGradNorm: 0, valueNorm: false, advantageNorm: false,
    };
    const res = runPythonReference<MappoReferenceRow>('pytorch_mappo_reference.py', mappoReferenceArgs(tiny, { reps: 1, warmup: 0 }));
    expect(res.why).toBe('');
    expect(res.row?.updateMs).toBeGreaterThan(0);
  });
});
