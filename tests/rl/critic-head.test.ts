// MAD2RL's qHead 'critic' reading (src-main/rl/agents/actor-critic-member.ts): the diffusion chain is the policy
// pi = softmax(x^0) (eq. 41 read as a policy), a per-agent MLP critic is what QMIX mixes (57)-(59), and the actor
// minimises sum_a pi(a) [alpha log pi(a) - C(a)] with C the critic's Q standardised over the actions.
import { beforeAll, describe, expect, it } from 'vitest';
import { actorLossGrad } from '../../src-main/rl/agents/actor-critic-member';
import { AgentGroup } from '../../src-main/rl/agents/agent-group';
import { MlpQAgent } from '../../src-main/rl/agents/mlp-q-agent';
import { ParamSet } from '../../src-main/rl/nn/params';
import * as tf from '@tensorflow/tfjs';
import { useTestBackend } from './setup';

beforeAll(async () => {
  await useTestBackend();
});

const adam = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
const actor = { obsDim: 3, nActions: 4, hidden: [8, 8], embedDim: 4, activation: 'mish' as const, steps: 3, betaMin: 0.1, betaMax: 1, noise: 'mean' as const };
const critic = { obsDim: 3, nActions: 4, hidden: [8], activation: 'mish' as const };
const net = { kind: 'actor-critic' as const, actor, critic, entropy: 0.05, clipNorm: 10 };
const obs = Float32Array.from([0.4, -0.9, 1.3]);

describe('actor loss of the critic reading', () => {
  it('hand example: loss and gradient for one row', () => {
    // C = [1, 3] -> mean 2, population std 1 -> standardised [-1, 1]; pi = [0.25, 0.75], alpha = 0.5
    const { grad, loss } = actorLossGrad(Float32Array.of(0.25, 0.75), Float32Array.of(1, 3), 1, 2, 0.5);
    const c = [-1 / (1 + 1e-6), 1 / (1 + 1e-6)];
    const expLoss = 0.25 * (0.5 * Math.log(0.25) - c[0]) + 0.75 * (0.5 * Math.log(0.75) - c[1]);
    expect(loss).toBeCloseTo(expLoss, 6);
    expect(grad[0]).toBeCloseTo(0.5 * (Math.log(0.25) + 1) - c[0], 6);
    expect(grad[1]).toBeCloseTo(0.5 * (Math.log(0.75) + 1) - c[1], 6);
  });

  it('the gradient is the finite difference of the loss (two rows, averaged over E)', () => {
    const pi = Float32Array.of(0.1, 0.6, 0.3, 0.5, 0.2, 0.3);
    const q = Float32Array.of(-2, 5, 1, 0.3, 0.1, -4);
    const { grad } = actorLossGrad(pi, q, 2, 3, 0.2);
    for (let k = 0; k < 6; k++) {
      const h = 1e-4;
      const up = Float64Array.from(pi);
      const dn = Float64Array.from(pi);
      up[k] += h;
      dn[k] -= h;
      const lossOf = (p: Float64Array) => actorLossGrad(Float32Array.from(p), q, 2, 3, 0.2).loss;
      expect(grad[k]).toBeCloseTo((lossOf(up) - lossOf(dn)) / (2 * h), 2);
    }
  });

  it('is invariant to the critic scale and shift (standardised Q)', () => {
    const pi = Float32Array.of(0.2, 0.5, 0.3);
    const a = actorLossGrad(pi, Float32Array.of(1, 2, 4), 1, 3, 0.1).grad;
    const b = actorLossGrad(pi, Float32Array.of(1e4 + 7, 2e4 + 7, 4e4 + 7), 1, 3, 0.1).grad;
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 4));
  });
});

describe("agent group with qHead 'critic'", () => {
  it('acts on a probability vector; Q(s, a) and the target max come from the critic MLP', () => {
    const group = new AgentGroup({ agents: [{ agent: 0, net, initSeed: 5 }], adam, tau: 0.01 });
    const pi = group.decide([{ agent: 0, obs, seed: 1 }])[0];
    expect(pi.length).toBe(4);
    expect(pi.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    pi.forEach((p) => expect(p).toBeGreaterThanOrEqual(0));
    // the critic's Q from its own weights, exported under agent0/critic/online/
    const state = group.exportState();
    const mlp = new MlpQAgent(critic);
    const params = ParamSet.fromArrays(mlp.paramSpecs(), state, 'agent0/critic/online/');
    const q = mlp.forward(params, tf.tensor2d(obs, [1, 3]), new Float32Array(0), false).q.dataSync();
    const actions = Int32Array.of(2);
    const [out] = group.trainForward([
      { agent: 0, obs, nextObs: obs, actions, nextMasks: Uint8Array.of(1, 0, 1, 0), seedOnline: 1, seedTarget: 2 },
    ]);
    expect(out.qChosen[0]).toBeCloseTo(q[2], 5);
    expect(out.qNextMax[0]).toBeCloseTo(Math.max(q[0], q[2]), 5); // masked max over legal actions (59)
    expect(state.some((a) => a.name === 'agent0/actor/online/bOut')).toBe(true);
    group.dispose();
  });

  it('with the critic held (zero TD gradient) the actor moves pi towards the critic argmax', () => {
    const group = new AgentGroup({ agents: [{ agent: 0, net, initSeed: 8 }], adam, tau: 0.01 });
    const state = group.exportState();
    const mlp = new MlpQAgent(critic);
    const params = ParamSet.fromArrays(mlp.paramSpecs(), state, 'agent0/critic/online/');
    const q = Array.from(mlp.forward(params, tf.tensor2d(obs, [1, 3]), new Float32Array(0), false).q.dataSync());
    const best = q.indexOf(Math.max(...q));
    const before = group.decide([{ agent: 0, obs, seed: 1 }])[0][best];
    for (let k = 0; k < 30; k++) {
      group.trainForward([{ agent: 0, obs, nextObs: obs, actions: Int32Array.of(0), nextMasks: new Uint8Array(4).fill(1), seedOnline: k, seedTarget: k + 1 }]);
      group.trainBackward([{ agent: 0, dqChosen: Float32Array.of(0) }]);
      group.applyUpdate(1);
    }
    const after = group.decide([{ agent: 0, obs, seed: 1 }])[0][best];
    expect(after).toBeGreaterThan(before);
    expect(after).toBeGreaterThan(0.5);
    // the critic did not move: its Q is the same
    const params2 = ParamSet.fromArrays(mlp.paramSpecs(), group.exportState(), 'agent0/critic/online/');
    const q2 = Array.from(mlp.forward(params2, tf.tensor2d(obs, [1, 3]), new Float32Array(0), false).q.dataSync());
    q2.forEach((v, i) => expect(v).toBeCloseTo(q[i], 6));
    group.dispose();
  });

  it('checkpoint state round-trips: a fresh group with other seeds acts identically after import', () => {
    const a = new AgentGroup({ agents: [{ agent: 0, net, initSeed: 3 }], adam, tau: 0.01 });
    const b = new AgentGroup({ agents: [{ agent: 0, net, initSeed: 99 }], adam, tau: 0.01 });
    expect(Array.from(b.decide([{ agent: 0, obs, seed: 1 }])[0])).not.toEqual(Array.from(a.decide([{ agent: 0, obs, seed: 1 }])[0]));
    b.importState(a.exportState());
    expect(Array.from(b.decide([{ agent: 0, obs, seed: 1 }])[0])).toEqual(Array.from(a.decide([{ agent: 0, obs, seed: 1 }])[0]));
    expect(b.paramCounts()[0]).toBe(a.paramCounts()[0]);
    expect(() => b.importState(a.exportState().filter((x) => !x.name.startsWith('agent0/critic/')))).toThrow(/agent 0/);
    a.dispose();
    b.dispose();
  });
});
