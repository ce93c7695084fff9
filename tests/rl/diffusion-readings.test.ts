// The paper-1 readings of the diffusion agent (docs/model-notes.md, "Paper 1: learning"): the Q head
// (eq. 41's softmax or x^0 itself), the chain's noise in training (replayed decision seeds, the mean path).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AgentGroup, targetSeedOf } from '../../src-main/rl/agents/agent-group';
import { DiffusionQAgent, type DiffusionAgentShape } from '../../src-main/rl/agents/diffusion-q-agent';
import { heapViewer } from '../../src-main/rl/nn/heap';
import { ParamSet, initParams } from '../../src-main/rl/nn/params';
import { useTestBackend } from './setup';

const base: DiffusionAgentShape = {
  nActions: 5, obsDim: 3, hidden: [8, 8], embedDim: 4, activation: 'mish', steps: 4, betaMin: 0.1, betaMax: 10,
};
const obs = Float32Array.from([0.4, -0.9, 1.3]);

beforeAll(async () => {
  await useTestBackend();
});

function qOf(shape: DiffusionAgentShape, seed: number): Float32Array {
  const agent = new DiffusionQAgent(shape);
  const p = ParamSet.fromArrays(agent.paramSpecs(), initParams(agent.paramSpecs(), 3));
  const { q } = agent.forward(p, tf.tensor2d(obs, [1, 3]), agent.makeNoise(seed, 1), false);
  return Float32Array.from(q.dataSync());
}
const argmax = (v: Float32Array) => v.reduce((b, x, i) => (x > v[b] ? i : b), 0);

describe("qHead 'logits'", () => {
  it('gives x^0 itself: unbounded, not summing to 1, with the softmax of it equal to the literal head', () => {
    for (const seed of [1, 2, 3, 4]) {
      const soft = qOf({ ...base, qHead: 'softmax' }, seed);
      const logits = qOf({ ...base, qHead: 'logits' }, seed);
      expect(soft.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
      expect(Math.max(...logits.map(Math.abs))).toBeGreaterThan(1); // 1/sqrt(alphaHat_M) amplifies x^0
      expect(argmax(logits)).toBe(argmax(soft)); // eq. (54) picks the same action
      const mx = Math.max(...logits);
      const e = logits.map((x) => Math.exp(x - mx));
      const z = e.reduce((s, x) => s + x, 0);
      e.forEach((x, i) => expect(x / z).toBeCloseTo(soft[i], 5));
    }
  });

  it('backward of Q = x^0 matches a finite difference', () => {
    const shape = { ...base, qHead: 'logits' as const, betaMax: 1 };
    const agent = new DiffusionQAgent(shape);
    const arrays = initParams(agent.paramSpecs(), 9);
    const noise = agent.makeNoise(5, 1);
    const x = tf.tensor2d(obs, [1, 3]);
    const dq = tf.tensor2d([[0.3, -1, 0.5, 0, 2]]);
    const loss = (arr: typeof arrays) => {
      const { q } = agent.forward(ParamSet.fromArrays(agent.paramSpecs(), arr), x, noise, false);
      const v = q.dataSync();
      return [0.3, -1, 0.5, 0, 2].reduce((s, w, i) => s + w * v[i], 0);
    };
    const p = ParamSet.fromArrays(agent.paramSpecs(), arrays);
    const { cache } = agent.forward(p, x, noise, true);
    const grads = agent.backward(p, x, cache!, dq);
    const bOut = grads[p.names.indexOf('bOut')].dataSync();
    const idx = arrays.findIndex((a) => a.name === 'bOut');
    for (let j = 0; j < 5; j++) {
      const h = 1e-2;
      const plus = arrays.map((a, i) => (i === idx ? { ...a, data: a.data.map((v, k) => (k === j ? v + h : v)) } : a));
      const minus = arrays.map((a, i) => (i === idx ? { ...a, data: a.data.map((v, k) => (k === j ? v - h : v)) } : a));
      const fd = (loss(plus) - loss(minus)) / (2 * h);
      expect(bOut[j]).toBeCloseTo(fd, 2);
    }
  });
});

describe('chain noise in training', () => {
  it("'replay': the replayed decision seed reproduces the acting Q exactly (to float precision)", () => {
    const net = { kind: 'diffusion' as const, shape: { ...base, qHead: 'logits' as const } };
    const group = new AgentGroup({ agents: [{ agent: 0, net, initSeed: 17 }], adam: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, tau: 0.01 });
    const seeds = Int32Array.from([123, -98765, 42]);
    const obsRows = [obs, Float32Array.from([1, 0, -1]), Float32Array.from([0.2, 0.2, 0.2])];
    const acting = obsRows.map((o, r) => group.decide([{ agent: 0, obs: o, seed: seeds[r] }])[0]);
    const actions = Int32Array.from(acting.map(argmax));
    const flat = new Float32Array(9);
    obsRows.forEach((o, r) => flat.set(o, r * 3));
    const [out] = group.trainForward([
      { agent: 0, obs: flat, nextObs: flat, actions, nextMasks: new Uint8Array(15).fill(1), seedOnline: 1, seedTarget: 2, rowSeeds: seeds },
    ]);
    acting.forEach((q, r) => expect(out.qChosen[r]).toBeCloseTo(q[actions[r]], 4));
    // the target pass uses the derived seed's noise: the target net (equal to the online one at start) on s'
    const target = obsRows.map((o, r) => group.decide([{ agent: 0, obs: o, seed: targetSeedOf(seeds[r]) }])[0]);
    target.forEach((q, r) => expect(out.qNextMax[r]).toBeCloseTo(Math.max(...q), 4));
    // without the replayed seeds the same rows get other noise, and other Q-values
    const [fresh] = group.trainForward([
      { agent: 0, obs: flat, nextObs: flat, actions, nextMasks: new Uint8Array(15).fill(1), seedOnline: 1, seedTarget: 2 },
    ]);
    expect(Array.from(fresh.qChosen)).not.toEqual(Array.from(out.qChosen));
    group.dispose();
  });

  it("'mean': no noise at all, so every seed gives the same Q, on the batch and the batch-1 path", () => {
    const shape = { ...base, noise: 'mean' as const, qHead: 'logits' as const };
    const a = qOf(shape, 1);
    expect(Array.from(qOf(shape, 99))).toEqual(Array.from(a));
    const agent = new DiffusionQAgent(shape);
    const p = ParamSet.fromArrays(agent.paramSpecs(), initParams(agent.paramSpecs(), 3));
    expect(Array.from(agent.makeNoise(7, 2)).every((v) => v === 0)).toBe(true);
    const view = heapViewer();
    const fast = agent.decide(p, obs, agent.makeNoise(7, 1), view);
    fast.forEach((v, i) => expect(v).toBeCloseTo(a[i], 4));
    // and the stochastic chain does depend on the seed
    expect(Array.from(qOf({ ...base, qHead: 'logits' }, 1))).not.toEqual(Array.from(qOf({ ...base, qHead: 'logits' }, 2)));
  });
});
