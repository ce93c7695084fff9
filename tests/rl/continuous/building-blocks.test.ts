import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/rl/backend';
import { Adam } from '../../../src-main/rl/continuous/adam';
import { StackedMlp } from '../../../src-main/rl/continuous/networks';
import { NormalSampler } from '../../../src-main/rl/continuous/normal-sampler';
import { ReplayBuffer } from '../../../src-main/rl/continuous/replay';
import { RunningNorm } from '../../../src-main/rl/continuous/running-norm';
import { Random } from '../../../src-main/sim/random';

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('Adam with per-network gradient clipping', () => {
  it('clips each group to its own norm and keeps the first moment of the clipped gradient', () => {
    const a = tf.variable(tf.tensor1d([0, 0]));
    const b = tf.variable(tf.tensor1d([0, 0]));
    const opt = new Adam([[a], [b]], { lr: 0.01, maxGradNorm: 1 });
    // d/da = [3, 4] (norm 5, clipped to [0.6, 0.8]); d/db = [0.3, 0.4] (norm 0.5, kept)
    const step = opt.minimise(() => tf.add(tf.sum(tf.mul(a, [3, 4])), tf.sum(tf.mul(b, [0.3, 0.4]))) as tf.Scalar);
    expect(step.gradNorm.dataSync()[0]).toBeCloseTo((5 + 0.5) / 2, 5);
    const { arrays } = opt.exportState('o');
    expect([...arrays['o/m/0'].data].map((x) => +x.toFixed(6))).toEqual([0.06, 0.08]);
    expect([...arrays['o/m/1'].data].map((x) => +x.toFixed(6))).toEqual([0.03, 0.04]);
    // first Adam step moves every coordinate by lr against the gradient's sign
    expect([...a.dataSync()].map((x) => +x.toFixed(6))).toEqual([-0.01, -0.01]);
    expect(opt.steps).toBe(1);
    tf.dispose([a, b, step.loss, step.gradNorm]);
    opt.dispose();
  });
});

describe('StackedMlp', () => {
  it('members are independent networks and Polyak averaging is exact', () => {
    const net = new StackedMlp(2, [3, 4, 2], Random.fromSeed(1));
    const target = new StackedMlp(2, [3, 4, 2], Random.fromSeed(2));
    const x = tf.tensor2d([[1, -2, 0.5]]);
    const y0 = net.apply(0, x).dataSync();
    const y1 = net.apply(1, x).dataSync();
    expect([...y0]).not.toEqual([...y1]);
    const before = target.variables().map((v) => Float32Array.from(v.dataSync()));
    const src = net.variables().map((v) => Float32Array.from(v.dataSync()));
    target.updateFrom(net, 0.25);
    target.variables().forEach((v, i) => {
      const got = v.dataSync();
      for (let k = 0; k < got.length; k++) expect(got[k]).toBeCloseTo(0.25 * src[i][k] + 0.75 * before[i][k], 6);
    });
    // one hidden ReLU layer: y = relu(x W1 + b1) W2 + b2, recomputed by hand from the weights
    const [w1, b1, w2, b2] = net.memberVariables(1).map((v) => v.dataSync());
    const h = [0, 1, 2, 3].map((j) => Math.max(0, 1 * w1[j] - 2 * w1[4 + j] + 0.5 * w1[8 + j] + b1[j]));
    const manual = [0, 1].map((o) => h.reduce((s, hj, j) => s + hj * w2[j * 2 + o], b2[o]));
    expect(y1[0]).toBeCloseTo(manual[0], 5);
    expect(y1[1]).toBeCloseTo(manual[1], 5);
    x.dispose();
    net.dispose();
    target.dispose();
  });
});

describe('RunningNorm', () => {
  it('matches the batch mean and variance after several updates', () => {
    const rng = Random.fromSeed(3);
    const data = Array.from({ length: 30 }, () => [rng.uniformIn(-1, 5), rng.normal() * 3]);
    const n = new RunningNorm(2);
    n.update(data.slice(0, 7).flat(), 7);
    n.update(data.slice(7, 8).flat(), 1);
    n.update(data.slice(8).flat(), 22);
    for (let j = 0; j < 2; j++) {
      const col = data.map((r) => r[j]);
      const mean = col.reduce((a, b) => a + b) / col.length;
      const v = col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length;
      expect(n.meanOf(j)).toBeCloseTo(mean, 10);
      expect(n.variance(j)).toBeCloseTo(v, 10);
    }
    const z = n.normalise([n.meanOf(0) + n.std(0), n.meanOf(1) + 100 * n.std(1)]);
    expect(z[0]).toBeCloseTo(1, 5);
    expect(z[1]).toBe(10); // clipped
  });
});

describe('ReplayBuffer and NormalSampler', () => {
  it('keeps the newest rows in insertion order and restores them', () => {
    const buf = new ReplayBuffer({ capacity: 3, nAgents: 1, obsDim: 1, stateDim: 1, actionDim: 1 });
    for (let t = 0; t < 5; t++) {
      const v = Float32Array.of(t);
      buf.add({ obs: v, state: v, actions: v, reward: t, nextObs: v, nextState: v, done: t === 4 });
    }
    const { arrays, size } = buf.exportArrays();
    expect(size).toBe(3);
    expect([...arrays.rewards.data]).toEqual([2, 3, 4]);
    expect([...arrays.dones.data]).toEqual([0, 0, 1]);
    const copy = new ReplayBuffer({ capacity: 3, nAgents: 1, obsDim: 1, stateDim: 1, actionDim: 1 });
    copy.importArrays(arrays);
    expect(copy.sample(4, new NormalSampler(Random.fromSeed(1))).rewards.every((r) => r >= 2 && r <= 4)).toBe(true);
  });

  it('a restored sampler continues the same stream, cached Box-Muller value included', () => {
    const s = NormalSampler.fromSeed(9);
    s.normal();
    const state = s.getState();
    const next = [s.normal(), s.normal(), s.uniform()];
    const t = NormalSampler.fromSeed(1);
    t.setState(state);
    expect([t.normal(), t.normal(), t.uniform()]).toEqual(next);
  });
});
