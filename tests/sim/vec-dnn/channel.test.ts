import { describe, expect, it } from 'vitest';
import { channelGain, dbmToW, distanceM, pathGainDb, rateBps } from '../../../src-main/sim/vec-dnn/channel';

describe('paper 1 channel (eqs. 1, 2)', () => {
  it('converts dBm to W', () => {
    expect(dbmToW(30)).toBeCloseTo(1, 15);
    expect(dbmToW(0)).toBeCloseTo(1e-3, 18);
    expect(dbmToW(23)).toBeCloseTo(0.19952623149688797, 15);
    expect(dbmToW(-114)).toBeCloseTo(3.981071705534973e-15, 25);
  });

  it('evaluates the log-distance path gains of Sec. 3.3 and clamps short distances', () => {
    const v2i = { interceptDb: -38.4, slopeDb: 21 };
    const v2v = { interceptDb: -44.23, slopeDb: 16.7 };
    expect(pathGainDb(v2i, 100, 1)).toBeCloseTo(-80.4, 12);
    expect(pathGainDb(v2v, 10, 1)).toBeCloseTo(-60.93, 12);
    expect(pathGainDb(v2i, 0, 1)).toBeCloseTo(-38.4, 12);
    expect(pathGainDb(v2i, 0.2, 1)).toBeCloseTo(-38.4, 12);
    expect(pathGainDb(v2i, 5, 10)).toBeCloseTo(-59.4, 12);
    expect(channelGain(v2i, 100, 2, 1)).toBeCloseTo(2 * 10 ** -8.04, 20);
  });

  it('gives R = B log2(1 + p h / sigma^2)', () => {
    // g = -20 - 10 log10(10) = -30 dB -> h = 1e-3 |u|^2; p = 1 W, sigma^2 = 1e-3 W -> SNR = |u|^2.
    const link = { bandwidthHz: 2e6, txPowerW: 1, noiseW: 1e-3, minDistanceM: 1 };
    const pl = { interceptDb: -20, slopeDb: 10 };
    expect(rateBps(link, pl, 10, 15)).toBeCloseTo(4 * 2e6, 6); // log2(16) = 4
    expect(rateBps(link, pl, 10, 3)).toBeCloseTo(2 * 2e6, 6);
    expect(rateBps(link, pl, 10, 0)).toBe(0);
    // The paper's defaults at 100 m from the RSU with |u|^2 = 1: SNR = 0.1995 * 10^-8.04 / 10^-14.4.
    const paper = { bandwidthHz: 10e6, txPowerW: dbmToW(23), noiseW: dbmToW(-114), minDistanceM: 1 };
    const snr = (0.19952623149688797 * 10 ** -8.04) / 3.981071705534973e-15;
    expect(rateBps(paper, { interceptDb: -38.4, slopeDb: 21 }, 100, 1)).toBeCloseTo(10e6 * Math.log2(1 + snr), 3);
  });

  it('measures Euclidean distances', () => {
    expect(distanceM(0, 0, 3, 4)).toBe(5);
    expect(distanceM(500, -10, 500, 1.875)).toBeCloseTo(11.875, 12);
  });
});
