import { describe, expect, it } from 'vitest';
import {
  littleQueueDelayS,
  localArrivalCycles,
  nextLocalQueue,
  nextRsuQueue,
  nextVirtualEnergyQueue,
  pushHistory,
  rsuArrivalCycles,
} from '../../../src-main/sim/isac-dt/queues';

describe('paper-2 queues', () => {
  it('eq. (16): local queue drains C tau and gains lambda^{loc}', () => {
    expect(nextLocalQueue(1e9, 2e9, 1, 1.5e9)).toBe(0.5e9);
    expect(nextLocalQueue(1e9, 2e9, 1, 0.5e9)).toBe(0);
    expect(nextLocalQueue(1e9, 2e9, 0.5, 0.5e9)).toBe(0.5e9);
    expect(localArrivalCycles(0.25, 2e6, 1600)).toBeCloseTo(8e8, 3);
  });

  it('eq. (17): RSU queue and its arrivals with and without coordinate transformation', () => {
    expect(nextRsuQueue(4e9, 3e9, 1, 1.5e9)).toBe(2.5e9);
    expect(nextRsuQueue(1e9, 3e9, 1, 1e9)).toBe(0);
    // DataT: 0.5 * 2e6 * 1500; InstrT: 0.5 * 2e6 * (200 + 1500)
    expect(rsuArrivalCycles(0.5, 2e6, 0, 200, 1500)).toBe(1.5e9);
    expect(rsuArrivalCycles(0.5, 2e6, 1, 200, 1500)).toBe(1.7e9);
  });

  it("eq. (18): Little's law over the last m slots, current slot included", () => {
    // m = 3, history Q [9e9, 0, 2e9] lambda [9e9, 1e9, 3e9]: the oldest drops out.
    // Q~ = (0 + 2e9 + 4e9) / 3 = 2e9, lambda~ = (1e9 + 3e9 + 1.5e9) / 3 -> 6 / 5.5 slots
    expect(littleQueueDelayS([9e9, 0, 2e9], [9e9, 1e9, 3e9], 4e9, 1.5e9, 3, 1)).toBeCloseTo(6 / 5.5, 12);
    // fewer slots than m at the start of an episode: mean over what exists
    expect(littleQueueDelayS([2e9], [1e9], 1e9, 1.5e9, 3, 1)).toBeCloseTo(1.5 / 1.25, 12);
    // tau scales slots into seconds
    expect(littleQueueDelayS([2e9], [1e9], 1e9, 1.5e9, 3, 0.5)).toBeCloseTo(0.6, 12);
    // m = 1: only the current slot
    expect(littleQueueDelayS([5e9], [5e9], 1e9, 2e9, 1, 1)).toBe(0.5);
    // no arrivals in the window: no waiting task
    expect(littleQueueDelayS([0], [0], 3e9, 0, 3, 1)).toBe(0);
  });

  it('keeps the newest m - 1 values of a window history', () => {
    expect(pushHistory([1, 2, 3], 4, 2)).toEqual([3, 4]);
    expect(pushHistory([], 4, 2)).toEqual([4]);
    expect(pushHistory([1], 4, 0)).toEqual([]);
  });

  it('eq. (27): virtual energy queue against E_max', () => {
    expect(nextVirtualEnergyQueue(10, 50, 62.5)).toBe(22.5);
    expect(nextVirtualEnergyQueue(10, 50, 30)).toBe(0);
    expect(nextVirtualEnergyQueue(0, 50, 51)).toBe(1);
  });
});
