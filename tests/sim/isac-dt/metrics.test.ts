import { describe, expect, it } from 'vitest';
import { isacSlotMetrics } from '../../../src-main/sim/isac-dt/env';
import type { CvOutcome, LinkOutcome, RsuOutcome, SlotOutcome } from '../../../src-main/sim/isac-dt/types';
import { describeMetric } from '../../../src-shared/charts/metric-info';
import { handParams } from './fixtures';

// Only the fields isacSlotMetrics reads; the rest of an outcome is covered by slot.test.ts.
const cvOut = (taskLatencyS: number, taskEnergyJ: number, nextLocalQueueCycles: number, links: number, nextV: number) =>
  ({
    taskLatencyS,
    taskEnergyJ,
    nextLocalQueueCycles,
    nextVirtualEnergyQueueJ: nextV,
    links: Array.from({ length: links }, () => ({}) as LinkOutcome),
  }) as unknown as CvOutcome;

describe('isacSlotMetrics: paper-2 metrics and the paper-1 names they share', () => {
  // Two CVs: CV 1 offloads a part (T = 0.5 s, E = 3 J, Q^loc(t+1) = 3e9 cycles), CV 2 keeps its task
  // (T = 1.5 s, E = 7 J, Q^loc(t+1) = 5e9 cycles); one RSU with Q^rsu(t+1) = 8e9 cycles.
  // Queue unit 2e9 cycles, so localQueue / rsuQueue are in 2-Gcycle units and queueCvGops in 1e9 cycles.
  const p = handParams({ lyapunov: { controlV: 5, queueUnitCycles: 2e9 } }, 2);
  const outcome = {
    cvs: [cvOut(0.5, 3, 3e9, 1, 12), cvOut(1.5, 7, 5e9, 0, 12)],
    rsus: [{ nextQueueCycles: 8e9 } as RsuOutcome],
    systemCost: 6.6, // given (eq. (25) is tested in energy.test.ts); costMean = 6.6 / 2
    totalEnergyJ: 10,
    eMaxJ: 100,
    penalty: 33,
    localDrift: 0,
    rsuDrift: 0,
    energyDrift: 0,
    objective: 33,
    reward: -33,
    agentRewards: [-20, -13],
    constraintViolations: 1,
    modeDataTCount: 1,
    modeInstrTCount: 0,
  } as SlotOutcome;
  const m = isacSlotMetrics(p, outcome);

  it('delay, energy, cost and queues of paper 2', () => {
    expect(m.delayMeanS).toBe(1); // (0.5 + 1.5) / 2
    expect(m.delayPerCvS).toEqual([0.5, 1.5]);
    expect(m.energyMeanJ).toBe(5);
    expect(m.energyPerCvJ).toEqual([3, 7]);
    expect(m.rewardPerCv).toEqual([-20, -13]);
    expect(m.costMean).toBeCloseTo(3.3, 12);
    expect(m.systemCost).toBe(6.6);
    expect(m.virtualEnergyQueue).toEqual([12, 12]);
    expect(m.localQueue).toEqual([1.5, 2.5]); // / 2e9
    expect(m.rsuQueue).toEqual([4]);
    expect(m.constraintViolations).toBe(1);
    expect(m.reward).toBe(-33);
    expect(m.objective).toBe(33);
  });

  it("paper 1's completion time, CV queue and offloading counts under the same names", () => {
    expect(m.completionTimeMeanS).toBe(1);
    expect(m.completionTimeSumS).toBe(2);
    expect(m.completionTimePerCvS).toEqual([0.5, 1.5]);
    expect(m.queueCvGops).toEqual([3, 5]); // / 1e9, whatever the queue unit of (39)
    expect(m.offloadRsuCount).toBe(1);
    expect(m.localCount).toBe(1);
    expect(m).not.toHaveProperty('queueSvGops');
    expect(m).not.toHaveProperty('queueDnnGops');
  });

  it('every streamed key has a label and unit in metric-info', () => {
    for (const key of Object.keys(m)) expect(describeMetric(key).label, key).not.toBe(key);
    expect(describeMetric('completionTimeSumS')).toMatchObject({ label: 'Overall task completion time', unit: 's' });
  });
});
