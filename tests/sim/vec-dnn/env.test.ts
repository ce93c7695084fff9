import { describe, expect, it } from 'vitest';
import { createVecDnnEnv } from '../../../src-main/sim/vec-dnn/create-env';
import { buildMask } from '../../../src-main/sim/vec-dnn/observation';
import { evaluateSlot } from '../../../src-main/sim/vec-dnn/slot';
import { customModels, fixedMobility } from './fixtures';

// 2 CVs (Mini: L = 2, Micro: L = 1), 2 SVs -> J = 3; SV 1 comes within 150 m of CV 0 only at slot 3.
const scenario = {
  slots: 3,
  cvs: { count: 2, modelMix: ['Mini', 'Micro'], cpuHz: { min: 1e6, max: 2e6 } },
  svs: { count: 2, cpuHz: { min: 3e6, max: 4e6 } },
  rsu: { cpuHz: 5e6 },
  workloadUnitOps: 1e6,
  channel: { fading: 'none' as const },
  customModels,
};
const mobility = () => fixedMobility([[0, 10, 20], [50, 50, 50]], [[1000, 500, 100], [30, 30, 30]]);
const make = (over: Record<string, unknown> = {}) => createVecDnnEnv({ ...scenario, ...over }, { mobility: mobility() });

describe('vec-dnn environment', () => {
  it('describes agents, observations and the (L+1) J action sets', async () => {
    const env = await make();
    expect(env.spec).toEqual({
      envId: 'vec-dnn',
      nAgents: 2,
      obsDims: [7, 7],
      stateDim: 14,
      actionSpaces: [
        { kind: 'discrete', n: 9 },
        { kind: 'discrete', n: 6 },
      ],
      episodeLength: 3,
    });
    expect(env.modelTypeNames).toEqual(['Mini', 'Micro']);
    expect(env.observationNames).toHaveLength(7);
    const xy = await createVecDnnEnv(scenario, { mobility: mobility(), positions: 'xy' });
    expect(xy.spec.obsDims).toEqual([10, 10]);
  });

  it('draws CPUs per episode, starts with empty queues and is deterministic for a seed', async () => {
    const env = await make();
    const o1 = env.reset(7);
    const s1 = env.currentSlot();
    const o2 = env.reset(7);
    expect(env.currentSlot()).toEqual(s1);
    expect(o2.obs.map((o) => Array.from(o))).toEqual(o1.obs.map((o) => Array.from(o)));
    expect(s1.slot).toBe(1);
    expect(s1.state.rsuQueueOps).toEqual([0, 0]);
    expect(s1.state.cvs.map((c) => c.queueOps)).toEqual([0, 0]);
    for (const c of s1.state.cvs) expect(c.cpuHz).toBeGreaterThanOrEqual(1e6), expect(c.cpuHz).toBeLessThan(2e6);
    for (const v of s1.state.svs) expect(v.cpuHz).toBeGreaterThanOrEqual(3e6), expect(v.cpuHz).toBeLessThan(4e6);
    expect(s1.state.cvs[0].distSvM).toEqual([1000, 30]);
    expect(s1.state.cvs[0].distRsuM).toBeCloseTo(Math.hypot(500, 10), 12);
    expect(s1.state.cvs[0].fadingRsu).toBe(1);
    env.reset(8);
    expect(env.currentSlot().state.cvs[0].cpuHz).not.toBe(s1.state.cvs[0].cpuHz);
  });

  it('steps with evaluateSlot, carries the queues and ends after T slots', async () => {
    const env = await make();
    env.reset(3);
    // CV 0: a = 3 -> (phi 2, RSU); CV 1: a = 2 -> (phi 1, SV 2).
    const before = env.currentSlot().state;
    const r = env.step([3, 2]);
    const expected = evaluateSlot(env.params, before, [
      { phi: 2, target: 0 },
      { phi: 1, target: 2 },
    ]);
    expect(r.info.outcome).toEqual(expected);
    expect(r.info.decisions).toEqual([{ phi: 2, target: 0 }, { phi: 1, target: 2 }]);
    expect(r.reward).toBe(expected.reward);
    expect(r.done).toBe(false);
    const now = env.currentSlot();
    expect(now.slot).toBe(2);
    expect(now.state.cvs.map((c) => c.queueOps)).toEqual(expected.queuesAfter.cvOps);
    expect(now.state.rsuQueueOps).toEqual(expected.queuesAfter.rsuOps);
    expect(now.state.svs.map((v) => v.queueOps)).toEqual(expected.queuesAfter.svOps);
    expect(now.state.cvs[0].distSvM).toEqual([490, 20]);
    expect(env.step([6, 3]).done).toBe(false);
    const last = env.step([0, 0]);
    expect(last.done).toBe(true);
    expect(last.info.slot).toBe(3);
    expect(() => env.step([0, 0])).toThrow(/episode finished/);
    expect(env.reset(3).obs).toHaveLength(2);
  });

  it('reports the slot metrics the runner streams', async () => {
    const env = await make();
    env.reset(1);
    const r = env.step([3, 4]); // CV 0 -> RSU (phi 2), CV 1 all local (phi 2 = L + 1, target 1)
    const m = env.slotMetrics(r.info);
    const d = r.info.outcome.cvs.map((c) => c.dS);
    expect(m).toEqual({
      reward: r.reward,
      objective: r.info.outcome.objective,
      completionTimeMeanS: (d[0] + d[1]) / 2,
      completionTimeSumS: d[0] + d[1],
      completionTimePerCvS: d,
      queueCvGops: r.info.outcome.queuesAfter.cvOps.map((q) => q / 1e9),
      queueDnnGops: r.info.outcome.queuesAfter.rsuOps.map((q) => q / 1e9),
      queueSvGops: [0, 0],
      offloadRsuCount: 1,
      offloadSvCount: 0,
      localCount: 1,
    });
    // Mini cut 2 sends fc2's input to the RSU: 9990 ops arrive, the RSU (5 MHz) drains them within the slot.
    expect(r.info.outcome.arrivals.rsuOps).toEqual([9990, 0]);
    expect(r.info.outcome.queuesAfter.rsuOps).toEqual([0, 0]);
  });

  it('masks SVs beyond the V2V radius and rejects illegal actions with the allowed set', async () => {
    const env = await make();
    const o = env.reset(1);
    expect(Array.from(o.masks![0])).toEqual([1, 0, 1, 1, 0, 1, 1, 1, 1]);
    expect(Array.from(o.masks![0])).toEqual(Array.from(buildMask(env.params, env.currentSlot().state, 0)));
    expect(env.legalActions(0)).toEqual([0, 2, 3, 5, 6, 7, 8]);
    expect(() => env.step([1, 0])).toThrow(
      /agent 0: action 1 \(cut 1, target 1\) is illegal at slot 1: SV 1 is 1000\.0 m away, beyond the V2V radius 150 m; allowed actions: 0, 2-3, 5-8/,
    );
    expect(() => env.step([9, 0])).toThrow(/agent 0: action 9 is not an integer in 0\.\.8/);
    expect(() => env.step([0, 1.5])).toThrow(/agent 1: action 1\.5 is not an integer in 0\.\.5/);
    expect(() => env.step([0])).toThrow(/expected 2 actions \(one per CV\), got 1/);
    env.step([0, 0]);
    env.step([0, 0]);
    // Slot 3: SV 1 is 80 m from CV 0.
    expect(env.legalActions(0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('draws fresh Rayleigh fading per slot and link, reproducibly', async () => {
    const env = await make({ channel: { fading: 'rayleigh' } });
    env.reset(11);
    const f1 = env.currentSlot().state.cvs.map((c) => [c.fadingRsu, ...c.fadingSv]);
    env.step([0, 0]);
    const f2 = env.currentSlot().state.cvs.map((c) => [c.fadingRsu, ...c.fadingSv]);
    expect(f1.flat().every((x) => x > 0)).toBe(true);
    expect(f2).not.toEqual(f1);
    env.reset(11);
    expect(env.currentSlot().state.cvs.map((c) => [c.fadingRsu, ...c.fadingSv])).toEqual(f1);
  });

  it('builds from the default scenario (presets + highway) and refuses V = 0 and unknown models', async () => {
    const a = await createVecDnnEnv({});
    const b = await createVecDnnEnv({});
    expect(a.spec.nAgents).toBe(7);
    expect(a.spec.obsDims[0]).toBe(13);
    expect(a.spec.actionSpaces.slice(0, 3)).toEqual([72, 78, 132].map((n) => ({ kind: 'discrete', n })));
    expect(a.modelTypeNames).toEqual(['AlexNet', 'ResNet18', 'VGG16']);
    a.reset(5);
    b.reset(5);
    const acts = a.spec.actionSpaces.map((_, i) => a.legalActions(i).at(-1) as number);
    expect(a.step(acts).reward).toBe(b.step(acts).reward);
    await expect(createVecDnnEnv({ lyapunovV: 0 })).rejects.toThrow(/lyapunovV: must be > 0 .*; got 0; allowed > 0 and <= 1e9/);
    await expect(createVecDnnEnv({ cvs: { modelMix: ['NoSuchNet'] } })).rejects.toThrow(/unknown DNN model "NoSuchNet"/);
    await expect(createVecDnnEnv({ slots: 0 })).rejects.toThrow(/slots/);
  });
});
