import { describe, expect, it } from 'vitest';
import { parseWith } from '../../../src-shared/validation';
import { highwayMobilitySchema, type HighwayMobility } from '../../../src-shared/schemas/mobility';
import {
  checkHighwayCoverage,
  clippedSpeedMps,
  highwayEnvelope,
  HighwayMobilitySource,
  laneCentreYM,
} from '../../../src-main/sim/mobility/highway';
import { findCoverageExit } from '../../../src-main/sim/mobility/coverage';
import { Random } from '../../../src-main/sim/random';
import { UserError } from '../../../src-shared/errors';

const paperHighway = (over: Partial<HighwayMobility> = {}): HighwayMobility =>
  parseWith(highwayMobilitySchema, { kind: 'highway', ...over }, 'mobility');
const paperOpts = { slots: 30, slotDurationS: 1, cvCount: 7, svCount: 5 };
const paperRsu = { x: 500, y: -10, coverageRadiusM: 1000 };

function speedOf(x: Float64Array, tau: number): number {
  return (x[1] - x[0]) / tau;
}

describe('highway mobility', () => {
  it('has the paper defaults (3 lanes, 25 m/s mean, 200 m start spread)', () => {
    const cfg = paperHighway();
    expect(cfg).toMatchObject({ lanes: 3, meanSpeedMps: 25, startSpreadM: 200, minSpeedMps: 20, maxSpeedMps: 30 });
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const src = new HighwayMobilitySource(paperHighway(), paperOpts);
    const a = src.episode(Random.fromSeed(7));
    const b = src.episode(Random.fromSeed(7));
    const c = src.episode(Random.fromSeed(8));
    expect(a.cvs.map((p) => Array.from(p.x))).toEqual(b.cvs.map((p) => Array.from(p.x)));
    expect(a.svs.map((p) => Array.from(p.y))).toEqual(b.svs.map((p) => Array.from(p.y)));
    expect(a.cvs[0].x[0]).not.toBe(c.cvs[0].x[0]);
    expect(a.cvs.map((p) => p.id)).toEqual(['cv1', 'cv2', 'cv3', 'cv4', 'cv5', 'cv6', 'cv7']);
    expect(a.svs.map((p) => p.id)).toEqual(['sv1', 'sv2', 'sv3', 'sv4', 'sv5']);
    expect(a.slots).toBe(30);
  });

  it('moves every vehicle along +x at a constant speed in a fixed lane centre, all present from slot 1', () => {
    const tau = 0.5;
    const cfg = paperHighway();
    const src = new HighwayMobilitySource(cfg, { ...paperOpts, slotDurationS: tau });
    const lanesY = [1.875, 5.625, 9.375]; // (i + 0.5) * 3.75
    for (const seed of [1, 2, 3]) {
      const tr = src.episode(Random.fromSeed(seed));
      for (const p of [...tr.cvs, ...tr.svs]) {
        expect(p.x.length).toBe(30);
        expect(p.x[0]).toBeGreaterThanOrEqual(0);
        expect(p.x[0]).toBeLessThanOrEqual(200);
        expect(lanesY).toContain(p.y[0]);
        const v = speedOf(p.x, tau);
        expect(v).toBeGreaterThanOrEqual(20 - 1e-9);
        expect(v).toBeLessThanOrEqual(30 + 1e-9);
        for (let k = 0; k < 30; k++) {
          expect(p.x[k]).toBeCloseTo(p.x[0] + v * k * tau, 9); // x_t = x_1 + v (t-1) tau
          expect(p.y[k]).toBe(p.y[0]);
        }
      }
    }
  });

  it('with zero speed spread every vehicle drives exactly the mean speed', () => {
    const src = new HighwayMobilitySource(paperHighway({ speedStdMps: 0 }), paperOpts);
    const tr = src.episode(Random.fromSeed(3));
    for (const p of [...tr.cvs, ...tr.svs]) expect(p.x[29] - p.x[0]).toBeCloseTo(25 * 29, 9);
  });

  it('clips N(mean, std) speeds to [min, max]', () => {
    const cfg = paperHighway({ speedStdMps: 2 });
    expect(clippedSpeedMps(cfg, 3)).toBe(30); // 25 + 6 = 31 -> 30
    expect(clippedSpeedMps(cfg, -1)).toBe(23);
    expect(clippedSpeedMps(cfg, -4)).toBe(20); // 17 -> 20
    // A wide spread: many draws are clipped, so both bounds are hit exactly and nothing lies outside.
    const wide = paperHighway({ speedStdMps: 20, minSpeedMps: 22, maxSpeedMps: 28 });
    const src = new HighwayMobilitySource(wide, { slots: 2, slotDurationS: 1, cvCount: 64, svCount: 64 });
    const tr = src.episode(Random.fromSeed(11));
    const speeds = [...tr.cvs, ...tr.svs].map((p) => speedOf(p.x, 1));
    // Speeds are read back as (x_2 - x_1) / tau, exact up to rounding.
    expect(Math.min(...speeds)).toBeCloseTo(22, 9);
    expect(Math.max(...speeds)).toBeCloseTo(28, 9);
    expect(speeds.filter((v) => Math.abs(v - 22) < 1e-9).length).toBeGreaterThan(10);
    expect(speeds.filter((v) => Math.abs(v - 28) < 1e-9).length).toBeGreaterThan(10);
    expect(speeds.filter((v) => v > 22 + 1e-9 && v < 28 - 1e-9).length).toBeGreaterThan(0);
  });

  it('has a sample mean speed near 25 m/s and uses every lane', () => {
    const src = new HighwayMobilitySource(paperHighway(), { slots: 2, slotDurationS: 1, cvCount: 64, svCount: 64 });
    const speeds: number[] = [];
    const lanes = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      const tr = src.episode(Random.fromSeed(seed));
      for (const p of [...tr.cvs, ...tr.svs]) {
        speeds.push(speedOf(p.x, 1));
        lanes.add(p.y[0]);
      }
    }
    const mean = speeds.reduce((s, v) => s + v, 0) / speeds.length;
    // 2560 draws of std 1.5: the standard error is 0.03 m/s.
    expect(Math.abs(mean - 25)).toBeLessThan(0.15);
    expect([...lanes].sort()).toEqual([laneCentreYM(0, 3.75), laneCentreYM(1, 3.75), laneCentreYM(2, 3.75)]);
  });

  it('keeps the paper scenario inside the RSU coverage and every drawn vehicle inside the envelope check', () => {
    const cfg = paperHighway();
    expect(() => checkHighwayCoverage(cfg, paperOpts, paperRsu)).not.toThrow();
    const src = new HighwayMobilitySource(cfg, paperOpts);
    for (let seed = 0; seed < 20; seed++) {
      const tr = src.episode(Random.fromSeed(seed));
      expect(findCoverageExit([...tr.cvs, ...tr.svs], paperRsu)).toBeNull();
    }
  });

  it('envelope is the 8 extreme vehicles: start 0/spread, min/max speed, first/last lane', () => {
    const env = highwayEnvelope(paperHighway(), 30, 1);
    expect(env).toHaveLength(8);
    const finalX = env.map((p) => p.x[29]).sort((a, b) => a - b);
    // 0 + 20*29, 0 + 30*29, 200 + 20*29, 200 + 30*29, twice each (two lanes)
    expect(finalX).toEqual([580, 580, 780, 780, 870, 870, 1070, 1070]);
  });

  it('reports the slot at which the fastest, farthest-starting vehicle would leave the coverage', () => {
    // x_t = 200 + 30 (t-1); lane 1 at y = 1.875 is sqrt(1000^2 - 11.875^2) = 999.93 m ahead of the RSU
    // when x = 1499.93: t - 1 > 43.33, so slot 45 is the first outside and 44 slots still fit.
    const cfg = paperHighway();
    expect(() => checkHighwayCoverage(cfg, { ...paperOpts, slots: 44 }, paperRsu)).not.toThrow();
    const run = () => checkHighwayCoverage(cfg, { ...paperOpts, slots: 45 }, paperRsu);
    expect(run).toThrow(UserError);
    expect(run).toThrow(/start 200 m, 30 m\/s, lane 1 of 3\) is outside the RSU coverage at slot 45/);
    expect(run).toThrow(/mobility\.startSpreadM.*mobility\.maxSpeedMps.*rsu\.coverageRadiusM/);
  });

  it('reports slot 1 when the road start is already out of reach', () => {
    const run = () => checkHighwayCoverage(paperHighway(), paperOpts, { x: 500, y: -10, coverageRadiusM: 450 });
    expect(run).toThrow(/start 0 m, 20 m\/s, lane 1 of 3\) is outside the RSU coverage at slot 1/);
  });
});
