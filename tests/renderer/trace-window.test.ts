// Choosing the episode window of a SUMO trace: the earliest start at which enough vehicles drive through the
// whole window [start, start + (T - 1) tau].
import { describe, expect, it } from 'vitest';
import { circlePoints, equalScaleRanges } from '../../src-shared/charts/equal-scale';
import { earliestFullWindowStart, fittingWindows, pickRoles, vehiclesCovering } from '../../src-shared/mobility/trace-window';

const spans = [
  { id: 'a', firstTimeS: 0, lastTimeS: 40 },
  { id: 'b', firstTimeS: 2, lastTimeS: 60 },
  { id: 'c', firstTimeS: 5, lastTimeS: 20 }, // leaves early
  { id: 'd', firstTimeS: 7, lastTimeS: 60 },
];

describe('trace episode window', () => {
  it('lists the vehicles present over the whole window (edges included)', () => {
    expect(vehiclesCovering(spans, 0, 29)).toEqual(['a']); // b enters only at 2
    expect(vehiclesCovering(spans, 0, 40)).toEqual(['a']);
    expect(vehiclesCovering(spans, 0, 41)).toEqual([]); // a leaves at 40
    expect(vehiclesCovering(spans, 2, 29)).toEqual(['a', 'b']);
    expect(vehiclesCovering(spans, 7, 13)).toEqual(['a', 'b', 'c', 'd']); // window 7..20: c just covers it
    expect(vehiclesCovering(spans, 7, 13.5)).toEqual(['a', 'b', 'd']);
  });

  it('finds the earliest start with enough vehicles, or null', () => {
    expect(earliestFullWindowStart(spans, 1, 29)).toBe(0);
    expect(earliestFullWindowStart(spans, 2, 29)).toBe(2);
    expect(earliestFullWindowStart(spans, 3, 29)).toBe(7); // a (to 40), b, d: 7..36
    expect(earliestFullWindowStart(spans, 3, 34)).toBe(null); // 7..41 loses a; nothing later has 3
    expect(earliestFullWindowStart(spans, 4, 13)).toBe(7);
    expect(earliestFullWindowStart([], 1, 10)).toBe(null);
  });
});

describe('fitting windows and role picks', () => {
  it('offers only starts with enough vehicles through the whole window', () => {
    expect(fittingWindows(spans, 2, 29)).toEqual([
      { startS: 2, covering: ['a', 'b'] },
      { startS: 5, covering: ['a', 'b'] }, // c enters at 5 but leaves at 20
      { startS: 7, covering: ['a', 'b', 'd'] },
    ]);
    expect(fittingWindows(spans, 3, 34)).toEqual([]);
    expect(fittingWindows(spans, 1, 29, 1)).toEqual([{ startS: 0, covering: ['a'] }]);
  });

  it('keeps chosen ids that still cover the window and fills the rest in trace order', () => {
    expect(pickRoles(spans, 7, 29, 1, 2)).toEqual({ cvIds: ['a'], svIds: ['b', 'd'] });
    expect(pickRoles(spans, 7, 29, 1, 1, { cvIds: ['d'], svIds: ['c'] })).toEqual({ cvIds: ['d'], svIds: ['a'] });
    expect(pickRoles(spans, 7, 29, 2, 2)).toBeNull();
  });
});

describe('equal x/y scale of the road preview', () => {
  it('widens the short side so a metre is as long along x as along y', () => {
    const r = equalScaleRanges({ minX: 0, maxX: 800, minY: 150, maxY: 380 }, 1000, 250, 20);
    expect((r.maxX - r.minX) / 1000).toBeCloseTo((r.maxY - r.minY) / 250, 9);
    expect(r.minX).toBeLessThanOrEqual(-20);
    expect(r.maxX).toBeGreaterThanOrEqual(820);
    expect(r.minY).toBeLessThanOrEqual(130);
    expect(r.maxY).toBeGreaterThanOrEqual(400);
    const c = circlePoints(10, 20, 5, 4);
    expect(c[0]).toEqual([15, 20]);
    expect(c[4][0]).toBeCloseTo(15);
  });
});
