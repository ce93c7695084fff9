import { describe, expect, it } from 'vitest';
import { isacDtScenarioSchema, type IsacDtScenarioInput } from '../../../src-shared/schemas/isac-dt-scenario';
import { UserError } from '../../../src-shared/errors';
import {
  actionLayout,
  checkDecisions,
  mapActions,
  projectOntoCappedSimplex,
  projectOntoSimplex,
} from '../../../src-main/sim/isac-dt/action-mapping';
import { deriveParams } from '../../../src-main/sim/isac-dt/params';
import { Random } from '../../../src-main/sim/random';
import type { CvDecision, IsacTask } from '../../../src-main/sim/isac-dt/types';

const params = (s: IsacDtScenarioInput) => deriveParams(isacDtScenarioSchema.parse(s));
const task: IsacTask = { dataBits: 2e6, instructionBits: 1e4, cyclesPerBit: 1500, coTransformCyclesPerBit: 200, maxDelayS: 1 };
const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);

describe('projection onto the simplex', () => {
  it('hand-computed projections', () => {
    expect(projectOntoSimplex([0.5, 0.5])).toEqual([0.5, 0.5]);
    expect(projectOntoSimplex([1, 0])).toEqual([1, 0]);
    expect(projectOntoSimplex([1, 1])).toEqual([0.5, 0.5]);
    expect(projectOntoSimplex([0, 0, 0, 0])).toEqual([0.25, 0.25, 0.25, 0.25]);
    const p = projectOntoSimplex([0.9, 0.8, 0.1]); // theta = 0.35
    expect(p[0]).toBeCloseTo(0.55, 12);
    expect(p[1]).toBeCloseTo(0.45, 12);
    expect(p[2]).toBe(0);
    expect(projectOntoCappedSimplex([0.2, 0.3])).toEqual([0.2, 0.3]);
    expect(projectOntoCappedSimplex([-0.2, 0.3])).toEqual([0, 0.3]);
    const c = projectOntoCappedSimplex([0.9, 0.8]);
    expect(c[0]).toBeCloseTo(0.55, 12);
    expect(c[1]).toBeCloseTo(0.45, 12);
  });

  it('is the nearest simplex point: <v - p, e_j - p> <= 0 for every vertex', () => {
    const rng = Random.fromSeed(5);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.int(6);
      const v = Array.from({ length: n }, () => rng.uniformIn(-1, 2));
      const p = projectOntoSimplex(v);
      expect(sum(p)).toBeCloseTo(1, 12);
      for (const x of p) expect(x).toBeGreaterThanOrEqual(0);
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (v[i] - p[i]) * ((i === j ? 1 : 0) - p[i]);
        expect(dot).toBeLessThanOrEqual(1e-12);
      }
    }
  });
});

describe('action layout and mapping', () => {
  it("layout: [l_loc, l_rsu, b, f] per target; 'nearest' has one target", () => {
    expect(actionLayout(params({})).names).toEqual(['localRatio', 'offloadRatio[assoc]', 'bandwidthRatio[assoc]', 'cpuShare[assoc]']);
    const all = actionLayout(params({ offloading: { targets: 'all-in-coverage' } }));
    expect(all.dim).toBe(10);
    expect(actionLayout(params({ offloading: { targets: 'all-in-coverage', rsuCpu: 'proportional' } })).dim).toBe(7);
  });

  it('hand-mapped nearest-RSU actions', () => {
    const p = params({ cvs: { count: 2 } });
    const avail = 19e9;
    const d = mapActions(p, [[1], [1]], [task, task], [
      [0, 1, 0, 1],
      [0, 1, 1, 1],
    ]);
    // l = proj([0, 1]) = [0, 1]; b = 0.01 + 0.99 * b_raw; shares 1 and 1 -> half of the RSU each (C6)
    expect(d[0]).toEqual({ localRatio: 0, offloadRatios: [0, 1, 0], bandwidthRatios: [0, 0.01, 0], cpuHz: [0, avail / 2, 0] });
    expect(d[1].bandwidthRatios[1]).toBeCloseTo(1, 12);
    // a lone CV asking for a 0.5 share gets 0.01 + 0.99 * 0.5 of the RSU
    const lone = mapActions(p, [[2], []], [task, task], [
      [0.2, 0.6, 0.3, 0.5],
      [0, 1, 1, 1],
    ]);
    expect(lone[0].localRatio).toBeCloseTo(0.3, 12); // proj([0.2, 0.6]) = [0.3, 0.7]
    expect(lone[0].offloadRatios[2]).toBeCloseTo(0.7, 12);
    expect(lone[0].cpuHz[2]).toBeCloseTo(0.505 * avail, 3);
    // a CV without a covering RSU computes everything locally
    expect(lone[1]).toEqual({ localRatio: 1, offloadRatios: [0, 0, 0], bandwidthRatios: [0, 0, 0], cpuHz: [0, 0, 0] });
  });

  it('C4-C6 hold for random actions under every mapping option', () => {
    const rng = Random.fromSeed(11);
    const variants: IsacDtScenarioInput[] = [
      {},
      { actionMapping: { simplex: 'normalise' } },
      { offloading: { targets: 'all-in-coverage' } },
      { offloading: { targets: 'all-in-coverage', rsuCpu: 'proportional' }, channel: { bandwidthSharing: 'per-rsu' } },
      { offloading: { targets: 'all-in-coverage' }, actionMapping: { simplex: 'normalise', minBandwidthRatio: 1e-6, minCpuShare: 1e-6 } },
    ];
    for (const v of variants) {
      const p = params({ ...v, cvs: { count: 6 } });
      const layout = actionLayout(p);
      for (let trial = 0; trial < 50; trial++) {
        const eligible = Array.from({ length: 6 }, () => {
          const all = [0, 1, 2].filter(() => rng.uniform() < 0.6);
          return layout.targets === 1 ? all.slice(0, 1) : all;
        });
        const actions = eligible.map(() => Array.from({ length: layout.dim }, () => rng.uniformIn(-0.5, 1.5)));
        const ds = mapActions(p, eligible, eligible.map(() => task), actions);
        expect(() => checkDecisions(p, eligible, ds)).not.toThrow();
        ds.forEach((d, i) => {
          expect(d.localRatio + sum(d.offloadRatios)).toBeCloseTo(1, 12); // C5
          expect(sum(d.bandwidthRatios)).toBeLessThanOrEqual(1 + 1e-12); // C4
          for (let k = 0; k < 3; k++) {
            if (!eligible[i].includes(k)) expect(d.offloadRatios[k]).toBe(0);
            if (d.offloadRatios[k] > 0) {
              expect(d.bandwidthRatios[k]).toBeGreaterThan(0);
              expect(d.cpuHz[k]).toBeGreaterThan(0);
            } else expect(d.cpuHz[k]).toBe(0);
          }
        });
        for (let k = 0; k < 3; k++) expect(sum(ds.map((d) => d.cpuHz[k]))).toBeLessThanOrEqual(p.rsuAvailableCpuHz * (1 + 1e-12)); // C6
      }
    }
  });

  it('rejects actions of the wrong length or with non-finite entries', () => {
    const p = params({ cvs: { count: 1 } });
    expect(() => mapActions(p, [[0]], [task], [[0, 1, 0]])).toThrow(/must have 4 entries/);
    expect(() => mapActions(p, [[0]], [task], [[0, Number.NaN, 0, 0]])).toThrow(/offloadRatio\[assoc\]\) is not finite/);
    expect(() => mapActions(p, [[0]], [task], [])).toThrow(/expected 1 actions/);
  });

  it('checkDecisions names each violated constraint', () => {
    const p = params({ cvs: { count: 2 } });
    const ok: CvDecision = { localRatio: 0.5, offloadRatios: [0.5, 0, 0], bandwidthRatios: [0.5, 0, 0], cpuHz: [1e10, 0, 0] };
    expect(() => checkDecisions(p, [[0], [0]], [ok, ok])).toThrow(/cpuHz\.0: RSU 0 gives 20000000000 Hz in total, above .* \(C6\)/);
    const msg = (d: CvDecision, eligible = [0]) => {
      try {
        checkDecisions(p, [eligible], [d]);
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        return (err as Error).message;
      }
      return '';
    };
    expect(msg({ ...ok, localRatio: 0.2 })).toMatch(/decisions\.0: localRatio \+ sum\(offloadRatios\) must be 1 \(C5\)/);
    expect(msg({ ...ok, bandwidthRatios: [0.7, 0.6, 0] })).toMatch(/decisions\.0\.bandwidthRatios: must sum to at most 1 \(C4\)/);
    expect(msg(ok, [1])).toMatch(/decisions\.0\.offloadRatios\.0: RSU 0 is not eligible/);
    expect(msg({ ...ok, bandwidthRatios: [0, 0, 0] })).toMatch(/decisions\.0\.bandwidthRatios\.0: must be > 0/);
    expect(msg({ ...ok, cpuHz: [0, 0, 0] })).toMatch(/decisions\.0\.cpuHz\.0: must be > 0/);
    expect(msg({ ...ok, cpuHz: [1] })).toMatch(/decisions\.0\.cpuHz: must have one entry per RSU \(3\)/);
    expect(msg(ok)).toBe('');
  });
});
