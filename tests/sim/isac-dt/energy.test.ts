import { describe, expect, it } from 'vitest';
import { cvCost, localComputeS, localEnergyJ, systemCost, taskEnergyJ } from '../../../src-main/sim/isac-dt/energy';

describe('paper-2 local computing, task energy and cost', () => {
  it('eqs. (5)(6): local time and energy', () => {
    // 0.5 * 2e6 * 1500 / 2e9 = 0.75 s; 1e-26 * 0.75 * 8e27 = 60 J
    expect(localComputeS(0.5, 2e6, 1500, 2e9)).toBeCloseTo(0.75, 15);
    expect(localEnergyJ(1e-26, 0.75, 2e9)).toBeCloseTo(60, 10);
    expect(localComputeS(0, 2e6, 1500, 2e9)).toBe(0);
  });

  it('eq. (23): the mode selector picks DataT upload energy or InstrT transformation energy', () => {
    const links = [
      { eta: 0 as const, dataTUploadEnergyJ: 0.5, instrTEnergyJ: 7, computeEnergyJ: 2 },
      { eta: 1 as const, dataTUploadEnergyJ: 9, instrTEnergyJ: 0.25, computeEnergyJ: 1 },
    ];
    // 10 + (0.5 + 2) + (0.25 + 1)
    expect(taskEnergyJ(10, links)).toBeCloseTo(13.75, 12);
    expect(taskEnergyJ(4, [])).toBe(4);
  });

  it('eqs. (24)(25): cost alpha T + (1 - alpha) E and its sum', () => {
    expect(cvCost(0.6, 2, 10)).toBeCloseTo(0.6 * 2 + 0.4 * 10, 12);
    expect(cvCost(1, 2, 10)).toBe(2);
    expect(systemCost([5.2, 1, 0.3])).toBeCloseTo(6.5, 12);
  });
});
