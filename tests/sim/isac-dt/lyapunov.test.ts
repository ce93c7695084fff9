import { describe, expect, it } from 'vitest';
import { driftPlusPenalty } from '../../../src-main/sim/isac-dt/lyapunov';

describe('paper-2 drift-plus-penalty', () => {
  it('eqs. (39)(44): V C + local drift + RSU drift + energy drift, reward its negative', () => {
    const t = driftPlusPenalty({
      controlV: 5,
      systemCost: 3,
      localQueueCycles: [1e9, 2e9],
      localArrivalCycles: [1.5e9, 0],
      cvCpuHz: [2e9, 3e9],
      rsuQueueCycles: [4e9, 0],
      rsuArrivalCycles: [1.5e9, 7e9],
      rsuServiceCpuHz: [4e9, 19e9],
      virtualQueueJ: [10, 10],
      energyExcessJ: [12.5, 12.5],
      slotS: 1,
      queueUnitCycles: 1e9,
    });
    expect(t.penalty).toBe(15);
    // 1 * (1.5 - 2) + 2 * (0 - 3) = -6.5
    expect(t.localDrift).toBeCloseTo(-6.5, 12);
    // 4 * (1.5 - 4) + 0 = -10
    expect(t.rsuDrift).toBeCloseTo(-10, 12);
    expect(t.energyDrift).toBeCloseTo(250, 12);
    expect(t.objective).toBeCloseTo(15 - 6.5 - 10 + 250, 10);
    expect(t.reward).toBeCloseTo(-248.5, 10);
  });

  it('counts queues in queueUnitCycles and uses tau in the service terms', () => {
    const t = driftPlusPenalty({
      controlV: 0,
      systemCost: 1,
      localQueueCycles: [2e6],
      localArrivalCycles: [3e6],
      cvCpuHz: [2e6],
      rsuQueueCycles: [],
      rsuArrivalCycles: [],
      rsuServiceCpuHz: [],
      virtualQueueJ: [0],
      energyExcessJ: [5],
      slotS: 0.5,
      queueUnitCycles: 1e6,
    });
    // 2 * (3 - 2 * 0.5) = 4
    expect(t.objective).toBeCloseTo(4, 12);
  });
});
