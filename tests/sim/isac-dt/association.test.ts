import { describe, expect, it } from 'vitest';
import { eligibleRsus, rsuDistancesM } from '../../../src-main/sim/isac-dt/association';
import { distance3dM, pathGainLinear, v2iRateBps } from '../../../src-main/sim/isac-dt/channel';
import { createIsacEnv } from '../../../src-main/sim/isac-dt/create-env';
import { deriveParams } from '../../../src-main/sim/isac-dt/params';
import { isacDtScenarioSchema, type IsacDtScenarioInput } from '../../../src-shared/schemas/isac-dt-scenario';

/**
 * Three RSUs at x = 100, 200, 400, l_k = 12 m north of the centre line, H = 9 m, coverage 113 m. A CV on the
 * centre line (y = 0) has (y - l)^2 + H^2 = 144 + 81 = 225 = 15^2, so eq. (2) gives d = sqrt(dx^2 + 15^2).
 */
const geometry = (targets: 'nearest' | 'all-in-coverage'): IsacDtScenarioInput => ({
  rsus: { count: 3, positionsXM: [100, 200, 400], lateralOffsetM: 12, heightM: 9, coverageRadiusM: 113 },
  offloading: { targets },
});
const params = (targets: 'nearest' | 'all-in-coverage') => deriveParams(isacDtScenarioSchema.parse(geometry(targets)));

describe('RSU association (eq. (2) distances and the 200 m coverage)', () => {
  const p = params('nearest');

  it('3-D distances to every RSU', () => {
    // x = 80: dx = 20, 120, 320 -> 25, sqrt(14625), sqrt(102625)
    const d80 = rsuDistancesM(p, 80, 0);
    expect(d80[0]).toBe(25);
    expect(d80[1]).toBeCloseTo(Math.sqrt(14625), 12);
    expect(d80[2]).toBeCloseTo(Math.sqrt(102625), 12);
    // x = 164: dx = 64, 36, 236 -> sqrt(4321), 39, sqrt(55921)
    const d164 = rsuDistancesM(p, 164, 0);
    expect(d164[0]).toBeCloseTo(Math.sqrt(4321), 12);
    expect(d164[1]).toBe(39);
    // a CV right under the RSU line (y = l): only the height is left
    expect(rsuDistancesM(p, 200, 12)[1]).toBe(9);
    // y = -3: (y - l)^2 = 225, + 81 -> dx = 0 gives sqrt(306)
    expect(rsuDistancesM(p, 100, -3)[0]).toBeCloseTo(Math.sqrt(306), 12);
  });

  it("'nearest': the closest RSU in coverage, ties to the lower index, none out of coverage", () => {
    const at = (x: number) => eligibleRsus(p, rsuDistancesM(p, x, 0));
    expect(at(80)).toEqual([0]); // 25 m; RSU 1 at 120.9 m is out of coverage
    expect(at(164)).toEqual([1]); // 39 m beats 65.7 m
    expect(at(300)).toEqual([1]); // dx = 100 to RSUs 1 and 2: both sqrt(10225) = 101.1 m, tie -> RSU 1
    expect(at(512)).toEqual([2]); // dx = 112: d = 113 m exactly, on the coverage edge (<=)
    expect(at(514)).toEqual([]); // dx = 114: sqrt(13221) = 114.98 m > 113
    expect(at(600)).toEqual([]); // dx = 200: sqrt(40225) = 200.56 m
  });

  it("'all-in-coverage': every covering RSU in index order", () => {
    const all = params('all-in-coverage');
    const at = (x: number) => eligibleRsus(all, rsuDistancesM(all, x, 0));
    expect(at(80)).toEqual([0]);
    expect(at(164)).toEqual([0, 1]);
    expect(at(300)).toEqual([1, 2]);
    expect(at(600)).toEqual([]);
  });

  it('a CV out of coverage computes locally: no link, the whole task on its CPU', async () => {
    const env = await createIsacEnv({ ...geometry('nearest'), cvs: { count: 1 }, road: { lengthM: 700 } });
    for (let seed = 1; seed < 200; seed++) {
      env.reset(seed);
      const x = env.currentSlot().cvs[0].xM;
      if (eligibleRsus(env.params, rsuDistancesM(env.params, x, env.currentSlot().cvs[0].yM)).length > 0) continue;
      // everything requested to the RSUs: still local, since none covers the CV
      const r = env.step([Float32Array.from(env.actionNames, (n) => (n.startsWith('localRatio') ? 0 : 1))]);
      const c = r.info.outcome.cvs[0];
      expect(c.eligibleRsus).toEqual([]);
      expect(c.links).toEqual([]);
      expect(c.localRatio).toBe(1);
      return;
    }
    throw new Error('no seed put the CV out of coverage');
  });
});

describe('eq. (3): the distance is eq. (2) at the slot-start position', () => {
  it("each slot's links use the CV's position at the start of the slot, which then moves by v tau", async () => {
    const env = await createIsacEnv({ cvs: { count: 2 }, channel: { fading: 'rayleigh' } });
    env.reset(11);
    const s = env.params.scenario;
    let links = 0;
    for (let t = 0; t < 10; t++) {
      const start = env.currentSlot();
      const actions = start.cvs.map(() => Float32Array.from(env.actionNames, (n) => (n.startsWith('localRatio') ? 0 : 1)));
      const r = env.step(actions);
      expect(r.info.cvXM).toEqual(start.cvs.map((c) => c.xM));
      r.info.outcome.cvs.forEach((c, i) => {
        const cv = start.cvs[i];
        for (const l of c.links) {
          links++;
          const d = distance3dM(cv.xM, cv.yM, env.params.rsuXM[l.rsu], s.rsus.lateralOffsetM, s.rsus.heightM);
          expect(l.distanceM).toBe(d);
          // not the mid-slot or slot-end position
          const dMid = distance3dM(cv.xM + (cv.speedMps * s.slotDurationS) / 2, cv.yM, env.params.rsuXM[l.rsu], s.rsus.lateralOffsetM, s.rsus.heightM);
          expect(l.distanceM).not.toBe(dMid);
          // and eq. (1) takes that distance with the slot's fading draw
          const rate = v2iRateBps({
            sensingGain: s.channel.sensingGain,
            bandwidthRatio: l.bandwidthRatio,
            bandwidthHz: s.channel.bandwidthHz,
            txPowerW: s.channel.txPowerW,
            fadingPowerGain: start.fading[i][l.rsu],
            pathGain: pathGainLinear(d, s.channel.pathLoss.interceptDb, s.channel.pathLoss.slopeDb),
            noiseW: s.channel.noiseW,
          });
          expect(l.rateBps).toBe(rate);
        }
      });
      // the next slot starts v tau further east (wrapping at the road end)
      const next = env.currentSlot();
      next.cvs.forEach((c, i) => expect(c.xM).toBeCloseTo((start.cvs[i].xM + start.cvs[i].speedMps * s.slotDurationS) % s.road.lengthM, 9));
    }
    expect(links).toBeGreaterThan(0);
  });
});
