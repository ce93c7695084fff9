// Ly-DTMPPO's options of issue 10: Algorithm 1's cadence (one update of E epochs after every episode), the
// state-dependent std head, the entropy readings and the per-episode gradient-step count.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/rl/backend';
import { continuousLearnerFactories } from '../../../src-main/rl/continuous/index';
import { ppoHyperSchema } from '../../../src-main/rl/continuous/hyper';
import { clipToBox, unclipFromBox } from '../../../src-main/rl/continuous/squash';
import { runEpisodes, TargetEnv } from './target-env';

beforeAll(async () => {
  await selectBackend('wasm');
});

const SLOTS = 8;

async function train(hyper: Record<string, unknown>, episodes: number, slots = SLOTS) {
  const env = new TargetEnv(2, 2, slots);
  const learner = await continuousLearnerFactories['ly-dtmppo'](env, { seed: 5, hyper, backend: 'wasm' });
  const metrics: Record<string, number>[] = [];
  await runEpisodes(env, learner, episodes, { train: true, seedBase: 0, onEpisode: (_e, m) => metrics.push(m) });
  return { env, learner, metrics };
}

describe('Ly-DTMPPO cadence', () => {
  it('defaults to Algorithm 1: rollout = one episode, E = 10 epochs, state-dependent std, squashed entropy', () => {
    const h = ppoHyperSchema.parse({});
    expect(h.rollout).toBe('episode');
    expect(h.epochs).toBe(10);
    expect(h.stdMode).toBe('state');
    expect(h.entropy).toBe('squashed');
    expect(h.actionMap).toBe('clip');
  });

  it('runs exactly one update of E epochs after every episode', async () => {
    const { metrics, learner } = await train({ epochs: 3 }, 4);
    learner.dispose?.();
    expect(metrics.map((m) => m.updates)).toEqual([1, 1, 1, 1]);
    expect(metrics.map((m) => m.gradientSteps)).toEqual([3, 3, 3, 3]);
    expect(metrics.map((m) => m.trainSteps)).toEqual([3, 6, 9, 12]);
  });

  it("'slots' keeps the MAPPO reading: one update per batchSize slots, across episodes", async () => {
    const { metrics, learner } = await train({ rollout: 'slots', batchSize: 3 * SLOTS, epochs: 2, stdMode: 'parameter' }, 6);
    learner.dispose?.();
    // updates after episodes 3 and 6 only
    expect(metrics.map((m) => m.gradientSteps)).toEqual([0, 0, 2, 0, 0, 2]);
  });

  it('GAE recomputed every epoch changes the update but keeps the cadence', async () => {
    const a = await train({ epochs: 4, gaeEachEpoch: false }, 3);
    const b = await train({ epochs: 4, gaeEachEpoch: true }, 3);
    a.learner.dispose?.();
    b.learner.dispose?.();
    expect(b.metrics.map((m) => m.gradientSteps)).toEqual([4, 4, 4]);
    // same data in episode 1; the later epochs use other advantages, so the losses differ
    expect(b.metrics[0].policyLoss).not.toBeCloseTo(a.metrics[0].policyLoss, 6);
  });
});

describe('Ly-DTMPPO std head', () => {
  const sampleStd = async (hyper: Record<string, unknown>) => {
    const env = new TargetEnv(2, 2, SLOTS);
    const learner = await continuousLearnerFactories['ly-dtmppo'](env, { seed: 5, hyper, backend: 'wasm' });
    // spread of the pre-squash samples around the greedy action, through the squash's inverse
    const obs = env.reset(1);
    const greedy = learner.act(obs, env, false) as Float32Array[];
    const atanh = (a: number) => Math.atanh(2 * a - 1);
    let sq = 0;
    const n = 400;
    for (let k = 0; k < n; k++) {
      const a = learner.act(obs, env, true) as Float32Array[];
      sq += (atanh(a[0][0]) - atanh(greedy[0][0])) ** 2;
    }
    learner.dispose?.();
    return Math.sqrt(sq / n);
  };

  it("'state' starts at sigma = exp(initLogStd) from the actor's own head", async () => {
    // head outputs ~0 at init (x0.01 scale), offset so that log sigma = initLogStd: sigma ~ e^-1 = 0.368
    const s = await sampleStd({ initLogStd: -1, actionMap: 'tanh' });
    expect(s).toBeGreaterThan(0.368 * 0.85);
    expect(s).toBeLessThan(0.368 * 1.15);
    const s0 = await sampleStd({ initLogStd: 0, actionMap: 'tanh' });
    expect(s0).toBeGreaterThan(0.85);
    expect(s0).toBeLessThan(1.15);
  });

  it("'state' has no log-std parameter: its metrics carry no logStdMean, 'parameter' does", async () => {
    const st = await train({ stdMode: 'state', epochs: 1 }, 1);
    const pa = await train({ stdMode: 'parameter', epochs: 1 }, 1);
    st.learner.dispose?.();
    pa.learner.dispose?.();
    expect(st.metrics[0].logStdMean).toBeUndefined();
    expect(pa.metrics[0].logStdMean).toBeCloseTo(-1, 1);
  });
});

describe('Ly-DTMPPO entropy readings', () => {
  it("'squashed' is below the Gaussian's entropy (log |da/du| < 0) under tanh, the Gaussian's under clip; 'off' still reports one", async () => {
    // one 1000-slot episode, so the sample mean of the Jacobian term is within ~0.05 of its expectation
    const sq = await train({ entropy: 'squashed', epochs: 1, initLogStd: 0, actionMap: 'tanh' }, 1, 1000);
    const sqClip = await train({ entropy: 'squashed', epochs: 1, initLogStd: 0, actionMap: 'clip' }, 1, 1000);
    sqClip.learner.dispose?.();
    expect(sqClip.metrics[0].entropy).toBeCloseTo(2.8379, 2); // no tanh Jacobian under 'clip'
    const ga = await train({ entropy: 'gaussian', epochs: 1, initLogStd: 0 }, 1, 1000);
    const off = await train({ entropy: 'off', epochs: 1, initLogStd: 0 }, 1, 1000);
    for (const r of [sq, ga, off]) r.learner.dispose?.();
    // Gaussian entropy of 2 entries at sigma = 1: 2 (0.5 + log sqrt(2 pi)) = 2.8379
    expect(ga.metrics[0].entropy).toBeCloseTo(2.8379, 2);
    expect(off.metrics[0].entropy).toBeCloseTo(2.8379, 2);
    // E[log(1 - tanh(u)^2)] for u ~ N(0, 1) = -0.7488 per entry (2e6-sample Monte Carlo): 2.8379 - 1.4976
    expect(sq.metrics[0].entropy).toBeCloseTo(1.3403, 0);
    expect(Math.abs(sq.metrics[0].entropy - 1.3403)).toBeLessThan(0.15);
  });

  it('the squashed entropy pulls a wide sigma back instead of always up', () => {
    // d/dsigma of H_gauss + E[log(1 - tanh(mu + sigma eps)^2)] at mu = 0 by finite differences on fixed eps
    const eps = Array.from({ length: 4000 }, (_, k) => Math.SQRT2 * erfInv((2 * (k + 0.5)) / 4000 - 1));
    const h = (logStd: number) => {
      const s = Math.exp(logStd);
      return logStd + eps.reduce((a, e) => a + Math.log(1 - Math.tanh(s * e) ** 2 + 1e-300), 0) / eps.length;
    };
    const slope = (ls: number) => (h(ls + 1e-3) - h(ls - 1e-3)) / 2e-3;
    expect(slope(-2)).toBeGreaterThan(0); // narrow: more entropy with more sigma
    expect(slope(1)).toBeLessThan(0); // wide: the tanh saturates, entropy falls with sigma
  });
});

/** Inverse error function (Giles' approximation), for deterministic normal quantiles. */
function erfInv(x: number): number {
  let w = -Math.log((1 - x) * (1 + x));
  let p: number;
  if (w < 5) {
    w -= 2.5;
    p = 2.81022636e-8;
    for (const c of [3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]) p = c + p * w;
  } else {
    w = Math.sqrt(w) - 3;
    p = -0.000200214257;
    for (const c of [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]) p = c + p * w;
  }
  return p * x;
}

describe("Ly-DTMPPO actionMap 'clip'", () => {
  it('clipToBox is the affine part of the tanh map, clipped; unclipFromBox inverts it inside the box', () => {
    expect(clipToBox(0, 0, 1)).toBe(0.5);
    expect(clipToBox(-1, 0, 1)).toBe(0);
    expect(clipToBox(-1.7, 0, 1)).toBe(0);
    expect(clipToBox(3, -2, 3)).toBe(3);
    expect(clipToBox(0.2, -2, 3)).toBeCloseTo(-2 + 5 * 0.6, 12);
    for (const u of [-0.9, 0, 0.35]) expect(unclipFromBox(clipToBox(u, -2, 3), -2, 3)).toBeCloseTo(u, 12);
  });

  it('puts probability mass on the box edges, which the tanh map never reaches', async () => {
    const edgeShare = async (actionMap: string) => {
      const env = new TargetEnv(2, 2, SLOTS);
      const learner = await continuousLearnerFactories['ly-dtmppo'](env, { seed: 5, hyper: { actionMap, initLogStd: 0 }, backend: 'wasm' });
      const obs = env.reset(1);
      let edges = 0;
      let n = 0;
      for (let k = 0; k < 200; k++)
        for (const a of learner.act(obs, env, true) as Float32Array[])
          for (const x of a) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1);
            if (x === 0 || x === 1) edges++;
            n++;
          }
      learner.dispose?.();
      return edges / n;
    };
    // sigma = 1, mu ~ 0: P(|u| > 1) = 0.317 under 'clip'
    const clip = await edgeShare('clip');
    expect(clip).toBeGreaterThan(0.25);
    expect(clip).toBeLessThan(0.39);
    expect(await edgeShare('tanh')).toBe(0);
  });

  it('trains without a non-finite loss and keeps the cadence', async () => {
    const { metrics, learner } = await train({ actionMap: 'clip', epochs: 2 }, 3);
    learner.dispose?.();
    expect(metrics.map((m) => m.gradientSteps)).toEqual([2, 2, 2]);
    for (const m of metrics) expect(Number.isFinite(m.policyLoss) && Number.isFinite(m.entropy)).toBe(true);
  });
});
