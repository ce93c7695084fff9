// The doubleQ reading of eq. (59) (src-main/rl/agents/group-member.ts): the online agent picks
// argmax_a Q_theta(s', a) over legal actions and the target agent values it; without it, max_a Q-hat(s', a).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { AgentGroup } from '../../src-main/rl/agents/agent-group';
import { MlpQAgent } from '../../src-main/rl/agents/mlp-q-agent';
import { maskedRowArgmax } from '../../src-main/rl/agents/net-member';
import { mad2rlHyperSchema, pqmixHyperSchema } from '../../src-main/rl/config';
import { ParamSet } from '../../src-main/rl/nn/params';
import { useTestBackend } from './setup';

beforeAll(async () => {
  await useTestBackend();
});

const adam = { lr: 5e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
const shape = { obsDim: 3, nActions: 5, hidden: [8], activation: 'mish' as const };
const obs = Float32Array.of(0.4, -0.9, 1.3, 0.1, 0.2, -0.3);
const nextObs = Float32Array.of(-1.1, 0.5, 0.7, 0.9, -0.4, 0.05);
const masks = Uint8Array.of(1, 1, 0, 1, 1, 1, 0, 1, 1, 0);

function qOf(group: AgentGroup, which: 'online' | 'target', rows: Float32Array): number[] {
  const mlp = new MlpQAgent(shape);
  const p = ParamSet.fromArrays(mlp.paramSpecs(), group.exportState(), `agent0/${which}/`);
  const q = Array.from(mlp.forward(p, tf.tensor2d(rows, [rows.length / 3, 3]), new Float32Array(0), false).q.dataSync());
  p.dispose();
  return q;
}

describe('double Q target', () => {
  it('maskedRowArgmax: legal argmax per row, the first on ties, all actions when none is legal', () => {
    const q = Float32Array.of(1, 5, 3, 2, 2, 0, 7, 9, -1);
    expect(Array.from(maskedRowArgmax(q, Uint8Array.of(1, 0, 1, 1, 1, 0, 0, 0, 0), 3, 3))).toEqual([2, 0, 1]);
  });

  it('values the online argmax with the target network; never above the target max', () => {
    // tau = 0 keeps the target at its initial weights; the online agent is pushed to prefer action 3 at s'
    const group = new AgentGroup({ agents: [{ agent: 0, net: { kind: 'mlp', shape }, initSeed: 11 }], adam, tau: 0 });
    for (let k = 0; k < 20; k++) {
      group.trainForward([{ agent: 0, obs: nextObs, nextObs, actions: Int32Array.of(3, 3), nextMasks: masks, seedOnline: 0, seedTarget: 0 }]);
      group.trainBackward([{ agent: 0, dqChosen: Float32Array.of(-1, -1) }]);
      group.applyUpdate(1);
    }
    const online = qOf(group, 'online', nextObs);
    const target = qOf(group, 'target', nextObs);
    const choice = Array.from(maskedRowArgmax(Float32Array.from(online), masks, 2, 5));
    const input = { agent: 0, obs, nextObs, actions: Int32Array.of(0, 1), nextMasks: masks, seedOnline: 0, seedTarget: 0 };
    const [plain] = group.trainForward([input]);
    const [dbl] = group.trainForward([{ ...input, doubleQ: true }]);
    for (let r = 0; r < 2; r++) {
      const legal = target.slice(r * 5, r * 5 + 5).filter((_, a) => masks[r * 5 + a]);
      expect(plain.qNextMax[r]).toBeCloseTo(Math.max(...legal), 5);
      expect(dbl.qNextMax[r]).toBeCloseTo(target[r * 5 + choice[r]], 5);
      expect(dbl.qNextMax[r]).toBeLessThanOrEqual(plain.qNextMax[r] + 1e-6);
      expect(masks[r * 5 + choice[r]]).toBe(1);
    }
    expect(choice).toEqual([3, 3]);
    // the target's own argmax is another action in at least one row here, so the two readings differ
    expect(Array.from(dbl.qNextMax)).not.toEqual(Array.from(plain.qNextMax));
    // Q(s, a) and its gradient path are untouched by the reading
    expect(Array.from(dbl.qChosen)).toEqual(Array.from(plain.qChosen));
    group.dispose();
  });

  it("with omega = 0 (bootstrap false) skips the passes at s': zero qNextMax, the same Q(s, a) and the same update", () => {
    const make = () => new AgentGroup({ agents: [{ agent: 0, net: { kind: 'mlp', shape }, initSeed: 5 }], adam, tau: 0.1 });
    const [a, b] = [make(), make()];
    const input = { agent: 0, obs, nextObs, actions: Int32Array.of(2, 4), nextMasks: masks, seedOnline: 0, seedTarget: 0, doubleQ: true };
    const [full] = a.trainForward([input]);
    const [skip] = b.trainForward([{ ...input, bootstrap: false }]);
    expect(Array.from(skip.qNextMax)).toEqual([0, 0]);
    expect(Array.from(full.qNextMax).some((v) => v !== 0)).toBe(true);
    expect(Array.from(skip.qChosen)).toEqual(Array.from(full.qChosen));
    for (const g of [a, b]) {
      g.trainBackward([{ agent: 0, dqChosen: Float32Array.of(0.7, -0.2) }]);
      g.applyUpdate(1);
    }
    const pa = a.exportState();
    const pb = b.exportState();
    expect(pb.map((x) => x.name)).toEqual(pa.map((x) => x.name));
    pa.forEach((x, k) => expect(Array.from(pb[k].data)).toEqual(Array.from(x.data)));
    a.dispose();
    b.dispose();
  });

  it('is on by default for both paper-1 learners; false keeps eq. (59) as printed', () => {
    expect(mad2rlHyperSchema.parse({}).doubleQ).toBe(true);
    expect(pqmixHyperSchema.parse({}).doubleQ).toBe(true);
    expect(pqmixHyperSchema.parse({ doubleQ: false }).doubleQ).toBe(false);
  });
});
