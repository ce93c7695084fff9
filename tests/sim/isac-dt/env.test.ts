import { describe, expect, it } from 'vitest';
import { checkDecisions } from '../../../src-main/sim/isac-dt/action-mapping';
import { createIsacEnv } from '../../../src-main/sim/isac-dt/create-env';
import type { IsacEnv } from '../../../src-main/sim/isac-dt/env';
import { Random } from '../../../src-main/sim/random';
import type { IsacDtScenarioInput } from '../../../src-shared/schemas/isac-dt-scenario';
import { ValidationError } from '../../../src-shared/validation';

function randomActions(env: IsacEnv, rng: Random): Float32Array[] {
  const space = env.spec.actionSpaces[0];
  const dim = space.kind === 'continuous' ? space.dim : 0;
  return Array.from({ length: env.spec.nAgents }, () => Float32Array.from({ length: dim }, () => rng.uniform()));
}

function rollout(env: IsacEnv, seed: number, actionSeed: number) {
  const rng = Random.fromSeed(actionSeed);
  const first = env.reset(seed);
  const rewards: number[] = [];
  const states: number[][] = [Array.from(first.state)];
  for (let t = 0; t < env.spec.episodeLength; t++) {
    const r = env.step(randomActions(env, rng));
    rewards.push(r.reward);
    states.push(Array.from(r.state));
  }
  return { rewards, states };
}

describe('isac-dt environment', () => {
  it('spec of the default scenario: 5 agents, 4-dim actions in [0, 1], 30 slots', async () => {
    const env = await createIsacEnv({});
    expect(env.spec).toMatchObject({ envId: 'isac-dt', nAgents: 5, stateDim: 5 * 29 + 6, episodeLength: 30 });
    expect(env.spec.obsDims).toEqual([29, 29, 29, 29, 29]);
    expect(env.spec.actionSpaces[0]).toEqual({ kind: 'continuous', dim: 4, low: 0, high: 1 });
    expect(env.actionNames).toHaveLength(4);
  });

  it('validates the scenario', async () => {
    await expect(createIsacEnv({ cvs: { count: 0 } })).rejects.toBeInstanceOf(ValidationError);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const a = rollout(await createIsacEnv({}), 42, 1);
    const b = rollout(await createIsacEnv({}), 42, 1);
    expect(b).toEqual(a);
    const c = rollout(await createIsacEnv({}), 43, 1);
    expect(c.rewards).not.toEqual(a.rewards);
    for (const r of a.rewards) expect(Number.isFinite(r)).toBe(true);
  });

  it('accepted actions satisfy C4-C6 every slot; queues carry over; done after T slots', async () => {
    for (const s of [{}, { offloading: { targets: 'all-in-coverage' } }, { cvs: { count: 2 }, digitalTwin: { enabled: false } }] as IsacDtScenarioInput[]) {
      const env = await createIsacEnv(s);
      const rng = Random.fromSeed(9);
      env.reset(3);
      let violations = 0;
      for (let t = 1; t <= env.spec.episodeLength; t++) {
        const before = env.currentSlot();
        expect(before.slot).toBe(t);
        const r = env.step(randomActions(env, rng));
        const o = r.info.outcome;
        expect(r.info.slot).toBe(t);
        expect(() => checkDecisions(env.params, o.cvs.map((c) => c.eligibleRsus), r.info.decisions)).not.toThrow();
        const after = env.currentSlot();
        o.rsus.forEach((q, k) => expect(after.rsus[k].queueCycles).toBe(q.nextQueueCycles));
        o.cvs.forEach((c, i) => expect(after.cvs[i].virtualEnergyQueueJ).toBe(c.nextVirtualEnergyQueueJ));
        violations += o.constraintViolations;
        expect(r.done).toBe(t === env.spec.episodeLength);
      }
      expect(violations).toBeGreaterThanOrEqual(0);
      expect(() => env.step(randomActions(env, rng))).toThrow(/episode finished/);
    }
  });

  it('CVs drive east at their speed and wrap at the road end', async () => {
    const env = await createIsacEnv({ cvs: { count: 3 } });
    env.reset(1);
    const rng = Random.fromSeed(2);
    for (let t = 0; t < 30; t++) {
      const b = env.currentSlot();
      env.step(randomActions(env, rng));
      const a = env.currentSlot();
      b.cvs.forEach((c, i) => {
        expect(a.cvs[i].xM).toBeCloseTo((c.xM + c.speedMps) % 700, 9);
        expect(a.cvs[i].cpuHz).toBe(c.cpuHz);
        expect(c.speedMps).toBeGreaterThanOrEqual(12);
        expect(c.speedMps).toBeLessThan(16);
      });
    }
  });

  it("'respawn' replaces a CV passing the end by a fresh one at x = 0 with an empty local queue", async () => {
    const env = await createIsacEnv({ cvs: { count: 4 }, road: { atRoadEnd: 'respawn' } });
    env.reset(1);
    let respawns = 0;
    for (let t = 0; t < 30; t++) {
      const b = env.currentSlot();
      env.step(Array.from({ length: 4 }, () => Float32Array.from([1, 0, 0, 0])));
      const a = env.currentSlot();
      b.cvs.forEach((c, i) => {
        if (c.xM + c.speedMps >= 700) {
          respawns++;
          expect(a.cvs[i].xM).toBe(0);
          expect(a.cvs[i].localQueueCycles).toBe(0);
          expect(a.cvs[i].localQueueHistory).toEqual([]);
        }
      });
    }
    expect(respawns).toBeGreaterThan(0);
  });

  it('slotMetrics reports the shared metric names consistently', async () => {
    const env = await createIsacEnv({});
    env.reset(5);
    const r = env.step(randomActions(env, Random.fromSeed(1)));
    const m = env.slotMetrics(r.info);
    for (const k of ['reward', 'objective', 'delayMeanS', 'delayPerCvS', 'energyMeanJ', 'energyPerCvJ', 'costMean', 'virtualEnergyQueue', 'rsuQueue', 'constraintViolations', 'modeDataTCount', 'modeInstrTCount', 'completionTimeMeanS']) {
      expect(m).toHaveProperty(k);
    }
    const delays = m.delayPerCvS as number[];
    expect(delays).toHaveLength(5);
    expect(m.delayMeanS).toBeCloseTo(delays.reduce((a, b) => a + b, 0) / 5, 12);
    expect(m.completionTimeMeanS).toBe(m.delayMeanS);
    expect(m.reward).toBe(-(m.objective as number));
    expect(m.reward).toBe(r.reward);
    expect(m.rsuQueue as number[]).toHaveLength(3);
    expect(m.virtualEnergyQueue as number[]).toHaveLength(5);
    expect((m.modeDataTCount as number) + (m.modeInstrTCount as number)).toBeLessThanOrEqual(5);
  });

  it('keeping all work local drives the virtual energy queue up; offloading keeps energy far lower', async () => {
    const env = await createIsacEnv({});
    const episodeEnergy = (action: number[]) => {
      env.reset(8);
      let e = 0;
      let last = 0;
      for (let t = 0; t < 30; t++) {
        const r = env.step(Array.from({ length: 5 }, () => Float32Array.from(action)));
        e += r.info.outcome.totalEnergyJ;
        last = r.info.outcome.cvs[0].nextVirtualEnergyQueueJ;
      }
      return { e, last };
    };
    const local = episodeEnergy([1, 0, 0, 0]);
    const offload = episodeEnergy([0, 1, 1, 0.15]);
    expect(local.last).toBeGreaterThan(0);
    expect(offload.e).toBeLessThan(local.e / 5);
  });
});
