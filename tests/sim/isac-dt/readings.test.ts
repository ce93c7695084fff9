// Issue 10's scenario readings: per-agent reward, exact drift, time feature, 'global' DT mask, fixed-ratio policy.
import { describe, expect, it } from 'vitest';
import { driftPlusPenalty } from '../../../src-main/sim/isac-dt/lyapunov';
import { createIsacEnv } from '../../../src-main/sim/isac-dt/create-env';
import { fixedRatioAction, fixedRatioFactory, fixedRatioHyperSchema } from '../../../src-main/policies/fixed-ratio';
import { Random } from '../../../src-main/sim/random';
import type { MultiAgentEnv } from '../../../src-main/sim/env';
import { digitalTwinMask } from '../../../src-main/rl/continuous/env-adapter';

const randomActions = (rng: Random, n: number, dim: number) => Array.from({ length: n }, () => Float32Array.from({ length: dim }, () => rng.uniform()));

describe('exact Lyapunov drift', () => {
  it('equals L(t+1) - L(t) of (35) on a hand example', () => {
    // Q_loc: 1 -> 0.5 and 2 -> 0 Gcycles; Q_rsu: 4 -> 1.5; V: 10 -> 22.5 and 10 -> 22.5 J
    const t = driftPlusPenalty({
      controlV: 5,
      systemCost: 3,
      localQueueCycles: [1e9, 2e9],
      localArrivalCycles: [1.5e9, 0],
      cvCpuHz: [2e9, 3e9],
      rsuQueueCycles: [4e9],
      rsuArrivalCycles: [1.5e9],
      rsuServiceCpuHz: [4e9],
      virtualQueueJ: [10, 10],
      energyExcessJ: [12.5, 12.5],
      slotS: 1,
      queueUnitCycles: 1e9,
      drift: 'exact',
      nextLocalQueueCycles: [0.5e9, 0],
      nextRsuQueueCycles: [1.5e9],
      nextVirtualQueueJ: [22.5, 22.5],
    });
    const L = (ql: number[], qr: number[], v: number[]) => 0.5 * [...ql, ...qr, ...v].reduce((a, x) => a + x * x, 0);
    const drift = L([0.5, 0], [1.5], [22.5, 22.5]) - L([1, 2], [4], [10, 10]);
    // (0.125 - 2.5) + (1.125 - 8) + 2 * (253.125 - 50) = -2.375 - 6.875 + 406.25 = 397
    expect(drift).toBeCloseTo(397, 10);
    expect(t.localDrift + t.rsuDrift + t.energyDrift).toBeCloseTo(397, 10);
    expect(t.objective).toBeCloseTo(15 + 397, 10);
  });

  it('needs the next queues', () => {
    expect(() =>
      driftPlusPenalty({
        controlV: 1, systemCost: 1, localQueueCycles: [1], localArrivalCycles: [1], cvCpuHz: [1], rsuQueueCycles: [],
        rsuArrivalCycles: [], rsuServiceCpuHz: [], virtualQueueJ: [0], energyExcessJ: [0], slotS: 1, queueUnitCycles: 1, drift: 'exact',
      }),
    ).toThrow(/nextLocalQueueCycles/);
  });

  it('per-agent rewards: own penalty and drifts plus an equal share of the RSU drift; they sum to the team reward', () => {
    const t = driftPlusPenalty({
      controlV: 5, systemCost: 3, cvCosts: [1, 2],
      localQueueCycles: [1e9, 2e9], localArrivalCycles: [1.5e9, 0], cvCpuHz: [2e9, 3e9],
      rsuQueueCycles: [4e9], rsuArrivalCycles: [1.5e9], rsuServiceCpuHz: [4e9],
      virtualQueueJ: [10, 0], energyExcessJ: [12.5, 12.5], slotS: 1, queueUnitCycles: 1e9,
    });
    // r_1 = -(5 * 1 + 1 * (1.5 - 2) + 10 * 12.5 + (-10) / 2) = -124.5; r_2 = -(10 + 2 * (-3) + 0 - 5) = 1
    expect(t.agentRewards[0]).toBeCloseTo(-124.5, 10);
    expect(t.agentRewards[1]).toBeCloseTo(1, 10);
    expect(t.agentRewards[0] + t.agentRewards[1]).toBeCloseTo(t.reward, 10);
  });
});

describe('reward readings in the environment', () => {
  it("'per-agent' reports the summed reading / I, and the r_i sum to the summed reading", async () => {
    const summed = await createIsacEnv({ lyapunov: { reward: 'summed' } });
    const per = await createIsacEnv({ lyapunov: { reward: 'per-agent' } });
    summed.reset(3);
    per.reset(3);
    const rng = Random.fromSeed(9);
    const dim = summed.layout.dim;
    for (let t = 0; t < 12; t++) {
      const a = randomActions(rng, 5, dim);
      const rs = summed.step(a);
      const rp = per.step(a);
      expect(rp.reward).toBeCloseTo(rs.reward / 5, 6);
      const m = per.slotMetrics(rp.info);
      const perCv = m.rewardPerCv as number[];
      expect(perCv).toHaveLength(5);
      expect(perCv.reduce((x, y) => x + y, 0)).toBeCloseTo(rs.reward, 6);
      expect(m.costMean).toBeCloseTo(rp.info.outcome.systemCost / 5, 12);
    }
  });

  it("'exact' drift in the environment is L(t+1) - L(t) of the queues it reports", async () => {
    const env = await createIsacEnv({ lyapunov: { drift: 'exact' }, energy: { kappaCv: 1e-28, kappaRsu: 1e-30, eMaxPerCvJ: 0.5 } });
    env.reset(4);
    const rng = Random.fromSeed(2);
    let L = 0; // all queues start at 0
    for (let t = 0; t < 10; t++) {
      const r = env.step(randomActions(rng, 5, env.layout.dim));
      const o = r.info.outcome;
      const q = [...o.cvs.map((c) => c.nextLocalQueueCycles / 1e9), ...o.rsus.map((x) => x.nextQueueCycles / 1e9), ...o.cvs.map((c) => c.nextVirtualEnergyQueueJ)];
      const next = 0.5 * q.reduce((a, x) => a + x * x, 0);
      expect(o.localDrift + o.rsuDrift + o.energyDrift).toBeCloseTo(next - L, 6);
      expect(o.objective).toBeCloseTo(o.penalty + next - L, 6);
      L = next;
    }
  });
});

describe('time feature and the global DT mask', () => {
  it('state.timeFeature appends (t - 1) / T to every local state; the state after the last slot has 1', async () => {
    const env = await createIsacEnv({ slots: 4, state: { timeFeature: true } });
    expect(env.observationNames.at(-1)).toBe('slot/T');
    let o = env.reset(1);
    const dim = env.spec.obsDims[0];
    const seen: number[] = [o.obs[0][dim - 1]];
    const rng = Random.fromSeed(1);
    for (let t = 0; t < 4; t++) {
      o = env.step(randomActions(rng, 5, env.layout.dim));
      seen.push(o.obs[0][dim - 1]);
      expect(o.state[dim - 1]).toBe(o.obs[0][dim - 1]);
    }
    expect(seen).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("offMasks 'global' zeroes the whole global state except the time entries, and Ly-MAPPO's mask matches it", async () => {
    const off = await createIsacEnv({ state: { timeFeature: true }, digitalTwin: { enabled: false, offMasks: 'global' } });
    const on = await createIsacEnv({ state: { timeFeature: true }, digitalTwin: { enabled: true, offMasks: 'global' } });
    const so = off.reset(5);
    const sn = on.reset(5);
    const dim = off.spec.obsDims[0];
    const nonZero = [...so.state.keys()].filter((j) => so.state[j] !== 0);
    expect(nonZero.every((j) => j < 5 * dim && j % dim === dim - 1)).toBe(true);
    // local states keep their own entries except Q_rsu and G_rsu
    expect(so.obs[0][0]).toBe(sn.obs[0][0]);
    const mask = digitalTwinMask(on, false, 'ly-mappo');
    expect(mask).not.toBeNull();
    const masked = Float32Array.from(sn.state);
    for (const j of mask!.state) masked[j] = 0;
    expect([...masked]).toEqual([...so.state]);
    for (const j of mask!.obs[0]) expect(so.obs[0][j]).toBe(0);
  });
});

describe('fixed-ratio policy', () => {
  it('builds [l, 1 - l, b, f] and the environment keeps it (already on the simplex)', async () => {
    const h = fixedRatioHyperSchema.parse({ localShare: 0.25, bandwidth: 0.8, cpuShare: 0.4 });
    expect([...fixedRatioAction(h, 4, 1)]).toEqual([0.25, 0.75, 0.800000011920929, 0.4000000059604645]);
    const env = await createIsacEnv({ energy: { kappaCv: 1e-28, kappaRsu: 1e-30, eMaxPerCvJ: 0.5 } });
    const policy = await fixedRatioFactory(env, { seed: 1, hyper: { localShare: 0.25, bandwidth: 0.8, cpuShare: 0.4 } });
    const o = env.reset(2);
    const r = env.step(policy.act(o, env, false) as Float32Array[]);
    for (const d of r.info.decisions) {
      expect(d.localRatio).toBeCloseTo(0.25, 6);
      expect(d.offloadRatios.reduce((a, b) => a + b, 0)).toBeCloseTo(0.75, 6);
    }
  });

  it('rejects a share outside [0, 1] naming the field', async () => {
    const env = await createIsacEnv({});
    await expect(fixedRatioFactory(env, { seed: 1, hyper: { localShare: 1.5 } })).rejects.toThrow(/localShare/);
  });
});
