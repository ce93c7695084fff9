import { describe, expect, it } from 'vitest';
import {
  chooseMode,
  coTransformEnergyJ,
  coTransformS,
  dataTUploadEnergyJ,
  dataTUploadS,
  instructionUploadS,
  rsuComputeEnergyJ,
  rsuComputeS,
} from '../../../src-main/sim/isac-dt/offload-modes';

describe('paper-2 offload modes and RSU computing', () => {
  it('eqs. (7)(8): DataT upload time and energy', () => {
    // 0.5 * 2e6 bits at 1.2e8 bit/s = 1/120 s; energy * 1 W
    expect(dataTUploadS(0.5, 2e6, 1.2e8)).toBeCloseTo(1 / 120, 15);
    expect(dataTUploadEnergyJ(1 / 120, 2)).toBeCloseTo(1 / 60, 15);
  });

  it('eq. (9): instruction upload time', () => {
    expect(instructionUploadS(1.2e4, 1.2e8)).toBeCloseTo(1e-4, 18);
  });

  it('eqs. (10)(11): coordinate transformation time and energy', () => {
    // 0.5 * 2e6 * 200 / 4e9 = 0.05 s; 1e-28 * 0.05 * (4e9)^3 = 0.32 J
    expect(coTransformS(0.5, 2e6, 200, 4e9)).toBeCloseTo(0.05, 15);
    expect(coTransformEnergyJ(1e-28, 0.05, 4e9)).toBeCloseTo(0.32, 12);
  });

  it('eqs. (13)(14): RSU computing time and energy', () => {
    // 0.5 * 2e6 * 1500 / 4e9 = 0.375 s; 1e-28 * 0.375 * 6.4e28 = 2.4 J
    expect(rsuComputeS(0.5, 2e6, 1500, 4e9)).toBeCloseTo(0.375, 15);
    expect(rsuComputeEnergyJ(1e-28, 0.375, 4e9)).toBeCloseTo(2.4, 12);
  });

  it('eqs. (12)/(22): InstrT only when strictly faster; the switch point is R = F / I^{co-tra}', () => {
    expect(chooseMode(0.1, 0.05)).toBe('InstrT');
    expect(chooseMode(0.05, 0.1)).toBe('DataT');
    expect(chooseMode(0.05, 0.05)).toBe('DataT');
    // With (10) alone: InstrT iff l G I_co / F < l G / R  <=>  R < F / I_co = 4e9 / 200 = 2e7 bit/s
    // (a slow link makes the RSU rebuild the input from its own sensing).
    const at = (rateBps: number) => chooseMode(dataTUploadS(0.5, 2e6, rateBps), coTransformS(0.5, 2e6, 200, 4e9));
    expect(at(1.9e7)).toBe('InstrT');
    expect(at(2e7)).toBe('DataT');
    expect(at(2.1e7)).toBe('DataT');
  });
});
