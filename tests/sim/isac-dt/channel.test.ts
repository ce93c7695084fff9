import { describe, expect, it } from 'vitest';
import { distance3dM, laneCentreYM, pathGainLinear, rsuPositionsXM, v2iRateBps } from '../../../src-main/sim/isac-dt/channel';

describe('paper-2 channel', () => {
  it('puts four 3.75 m lanes symmetric about the centre line', () => {
    expect([0, 1, 2, 3].map((l) => laneCentreYM(l, 4, 3.75))).toEqual([-5.625, -1.875, 1.875, 5.625]);
  });

  it('centres three RSUs 150 m apart on the 700 m road, or takes explicit positions', () => {
    expect(rsuPositionsXM(3, 150, 700)).toEqual([200, 350, 500]);
    expect(rsuPositionsXM(2, 100, 700, [10, 20])).toEqual([10, 20]);
  });

  it('eq. (2): 3-D distance with lateral offset and RSU height', () => {
    expect(distance3dM(0, 0, 30, 40, 0)).toBe(50);
    // dx = 190, y - l = 1.875 - 9.75 = -7.875, H = 10
    expect(distance3dM(10, 1.875, 200, 9.75, 10)).toBeCloseTo(Math.sqrt(190 * 190 + 7.875 * 7.875 + 100), 12);
    expect(distance3dM(200, 9.75, 200, 9.75, 10)).toBe(10);
  });

  it('path gain -38.4 - 21 log10(d) dB', () => {
    // d = 100 m: -38.4 - 42 = -80.4 dB
    expect(pathGainLinear(100, -38.4, 21)).toBeCloseTo(10 ** -8.04, 20);
    expect(pathGainLinear(10, -40, 20)).toBeCloseTo(1e-6, 18);
    // distances under 1 m are clamped
    expect(pathGainLinear(0, -40, 20)).toBeCloseTo(1e-4, 16);
  });

  it('eq. (1): R = Theta b B log2(1 + P|h|^2 g / sigma^2)', () => {
    // SNR = 1 * 1 * 255e-13 / 1e-13 = 255 -> log2(256) = 8; R = 1.5 * 0.5 * 20e6 * 8
    const r = v2iRateBps({ sensingGain: 1.5, bandwidthRatio: 0.5, bandwidthHz: 20e6, txPowerW: 1, fadingPowerGain: 1, pathGain: 255e-13, noiseW: 1e-13 });
    expect(r).toBeCloseTo(1.2e8, 0);
    // the fading gain scales the SNR: |h|^2 = 3 with g = 85e-13 gives the same 255
    const r2 = v2iRateBps({ sensingGain: 1, bandwidthRatio: 1, bandwidthHz: 1e6, txPowerW: 1, fadingPowerGain: 3, pathGain: 85e-13, noiseW: 1e-13 });
    expect(r2).toBeCloseTo(8e6, 0);
    expect(v2iRateBps({ sensingGain: 1.5, bandwidthRatio: 0, bandwidthHz: 20e6, txPowerW: 1, fadingPowerGain: 1, pathGain: 1e-8, noiseW: 1e-13 })).toBe(0);
  });
});
