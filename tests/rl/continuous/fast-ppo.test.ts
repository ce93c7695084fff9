// The host path of the PPO update (fast-mlp.ts, fast-ppo-update.ts) against the tfjs path of mappo.ts: the same
// weights, Adam moments and reported losses after one full update from the same seed and rollout; the manual MLP
// backward against finite differences; the fallback to tfjs for the configurations the host path does not cover.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { selectBackend } from '../../../src-main/rl/backend';
import { clearGrads, mlpBackward, mlpForward, zeroGrads, type HostMlp } from '../../../src-main/rl/continuous/fast-mlp';
import { fastPpoCovers, fastPpoEnabled } from '../../../src-main/rl/continuous/fast-ppo-update';
import { ppoHyperSchema } from '../../../src-main/rl/continuous/hyper';
import { continuousLearnerFactories, MappoLearner } from '../../../src-main/rl/continuous/index';
import type { LearnerSnapshot } from '../../../src-main/rl/continuous/learner-base';
import type { MultiAgentEnv } from '../../../src-main/sim/env';
import { createIsacEnv } from '../../../src-main/sim/isac-dt/create-env';
import { Random } from '../../../src-main/sim/random';
import { runEpisodes, TargetEnv } from './target-env';

beforeAll(async () => {
  await selectBackend('wasm');
});

const savedSwitch = process.env.VECWB_FAST_PPO;
afterEach(() => {
  if (savedSwitch === undefined) delete process.env.VECWB_FAST_PPO;
  else process.env.VECWB_FAST_PPO = savedSwitch;
  vi.restoreAllMocks();
});

describe('fast-mlp backward', () => {
  it('matches central finite differences on a tiny ReLU net', () => {
    const rng = Random.fromSeed(3);
    const sizes = [3, 5, 4, 2];
    const net: HostMlp = { sizes, w: [], b: [] };
    for (let l = 0; l + 1 < sizes.length; l++) {
      net.w.push(Float32Array.from({ length: sizes[l] * sizes[l + 1] }, () => rng.uniformIn(-1, 1)));
      net.b.push(Float32Array.from({ length: sizes[l + 1] }, () => rng.uniformIn(-0.5, 0.5)));
    }
    const rows = 4;
    const x = Float32Array.from({ length: rows * sizes[0] }, () => rng.uniformIn(-1, 1));
    const c = Float64Array.from({ length: rows * 2 }, () => rng.uniformIn(-1, 1));
    // L = sum c .* y + 0.5 sum y^2 (a nonlinear loss, so dL/dy depends on y)
    const loss = () => {
      const y = mlpForward(net, x, rows).acts[sizes.length - 1];
      let s = 0;
      for (let k = 0; k < y.length; k++) s += c[k] * y[k] + 0.5 * y[k] * y[k];
      return s;
    };
    const tape = mlpForward(net, x, rows);
    const y = tape.acts[sizes.length - 1];
    const dy = Float32Array.from(y, (v, k) => c[k] + v);
    const g = zeroGrads(sizes);
    clearGrads(g);
    mlpBackward(net, tape, dy, g);
    const eps = 1e-3;
    let checked = 0;
    for (const [params, grads] of [
      [net.w, g.w],
      [net.b, g.b],
    ] as const) {
      params.forEach((p, l) => {
        for (let k = 0; k < p.length; k++) {
          const orig = p[k];
          p[k] = orig + eps;
          const up = loss();
          const hUp = p[k] - orig;
          p[k] = orig - eps;
          const down = loss();
          const hDown = orig - p[k];
          p[k] = orig;
          const fd = (up - down) / (hUp + hDown); // float32 steps, measured
          expect(Math.abs(grads[l][k] - fd)).toBeLessThan(2e-3 * (1 + Math.abs(fd)));
          checked++;
        }
      });
    }
    expect(checked).toBe(3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2);
  });
});

describe('fast PPO predicate', () => {
  it('covers the default configuration and falls back for the others', () => {
    const h = (o: Record<string, unknown>) => ppoHyperSchema.parse(o);
    expect(fastPpoCovers(h({}))).toBe(true);
    expect(fastPpoCovers(h({ entropy: 'gaussian' }))).toBe(true);
    expect(fastPpoCovers(h({ entropy: 'off', agentRewards: false, valueNorm: false, rollout: 'slots' }))).toBe(true);
    expect(fastPpoCovers(h({ actionMap: 'tanh' }))).toBe(false);
    expect(fastPpoCovers(h({ stdMode: 'parameter' }))).toBe(false);
    expect(fastPpoCovers(h({ miniBatches: 2 }))).toBe(false);
    expect(fastPpoCovers(h({ gaeEachEpoch: true }))).toBe(false);
    expect(fastPpoEnabled(h({}), {})).toBe(true);
    expect(fastPpoEnabled(h({}), { VECWB_FAST_PPO: '0' })).toBe(false);
    expect(fastPpoEnabled(h({}), { VECWB_FAST_PPO: '1' })).toBe(true);
  });

  it('the learner takes the host path for a covered option unless VECWB_FAST_PPO=0', async () => {
    const proto = MappoLearner.prototype as unknown as Record<string, () => void>;
    const host = vi.spyOn(proto, 'epochsOnHost');
    const tf = vi.spyOn(proto, 'epochsOnTf');
    const run = async (hyper: Record<string, unknown>) => {
      const env = new TargetEnv(2, 2, 4);
      const learner = await continuousLearnerFactories['ly-dtmppo'](env, { seed: 2, hyper, backend: 'wasm' });
      await runEpisodes(env, learner, 1, { train: true, seedBase: 0 });
      learner.dispose?.();
    };
    delete process.env.VECWB_FAST_PPO;
    await run({ epochs: 1, actionMap: 'tanh' });
    expect([host.mock.calls.length, tf.mock.calls.length]).toEqual([0, 1]);
    await run({ epochs: 1 });
    expect([host.mock.calls.length, tf.mock.calls.length]).toEqual([1, 1]);
    process.env.VECWB_FAST_PPO = '0';
    await run({ epochs: 1 });
    expect([host.mock.calls.length, tf.mock.calls.length]).toEqual([1, 2]);
  });
});

/** max |a - b| / max |b| (the tensor's scale); 0 for two zero tensors. */
function relDiff(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let k = 0; k < b.length; k++) {
    diff = Math.max(diff, Math.abs(a[k] - b[k]));
    scale = Math.max(scale, Math.abs(b[k]));
  }
  return scale === 0 ? diff : diff / scale;
}

async function oneUpdate(env: MultiAgentEnv<Float32Array, unknown>, hyper: Record<string, unknown>, fast: boolean) {
  process.env.VECWB_FAST_PPO = fast ? '1' : '0';
  const learner = (await continuousLearnerFactories['ly-dtmppo'](env, { seed: 11, hyper, backend: 'wasm' })) as unknown as MappoLearner;
  const metrics: Record<string, number>[] = [];
  await runEpisodes(env, learner, 1, { train: true, seedBase: 40, onEpisode: (_e, m) => metrics.push(m) });
  const snap = (learner as unknown as { snapshot(): LearnerSnapshot }).snapshot();
  learner.dispose();
  return { tensors: snap.tensors, metrics: metrics[0] };
}

describe('fast PPO update against the tfjs path', () => {
  const cases: [string, () => Promise<MultiAgentEnv<Float32Array, unknown>>, Record<string, unknown>][] = [
    ['the default ISAC scenario (5 agents, 30 slots, default hyper)', async () => (await createIsacEnv({})) as unknown as MultiAgentEnv<Float32Array, unknown>, {}],
    ['a team critic, entropy off, no value norm, larger lr (target env)', async () => new TargetEnv(3, 2, 12), { agentRewards: false, entropy: 'off', valueNorm: false, lr: 3e-3, epochs: 6, hiddenSizes: [16, 8] }],
  ];
  it.each(cases)('same weights, moments and losses after one update: %s', async (_name, makeEnv, hyper) => {
    const ref = await oneUpdate(await makeEnv(), hyper, false);
    const fast = await oneUpdate(await makeEnv(), hyper, true);
    expect(ref.metrics.updates).toBe(1);
    expect(Object.keys(fast.tensors).sort()).toEqual(Object.keys(ref.tensors).sort());
    const worst: [string, number][] = [];
    for (const [name, t] of Object.entries(ref.tensors)) {
      const r = relDiff(fast.tensors[name].data, t.data);
      worst.push([name, r]);
    }
    worst.sort((a, b) => b[1] - a[1]);
    // weights and moments, per tensor relative to its scale
    for (const [name, r] of worst) expect(r, `${name} (worst: ${JSON.stringify(worst.slice(0, 3))})`).toBeLessThan(1e-5);
    for (const key of ['policyLoss', 'entropy', 'approxKl', 'clipFraction', 'valueLoss', 'actorGradNorm', 'criticGradNorm', 'returnMean', 'trainSteps']) {
      const a = fast.metrics[key];
      const b = ref.metrics[key];
      expect(Number.isFinite(a), key).toBe(true);
      expect(Math.abs(a - b), `${key}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));
    }
  });
});
