import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src-shared/errors';
import { assertWithinCoverage, findCoverageExit } from '../../../src-main/sim/mobility/coverage';
import type { VehiclePath } from '../../../src-main/sim/mobility/trace';

const path = (id: string, pts: [number, number][]): VehiclePath => ({
  id,
  x: Float64Array.from(pts.map((p) => p[0])),
  y: Float64Array.from(pts.map((p) => p[1])),
});

describe('coverage check', () => {
  const rsu = { x: 0, y: 0, coverageRadiusM: 5 };

  it('finds the first slot outside the disc (3-4-5 triangles)', () => {
    const a = path('a', [
      [0, 0],
      [3, 4], // distance 5: on the boundary counts as inside
      [6, 8], // distance 10
    ]);
    expect(findCoverageExit([a], rsu)).toEqual({ id: 'a', slot: 3, x: 6, y: 8, distanceM: 10 });
  });

  it('reports the earliest slot over all vehicles, the first vehicle on ties', () => {
    const late = path('late', [
      [1, 0],
      [1, 0],
      [9, 0],
    ]);
    const early = path('early', [
      [1, 0],
      [0, 6],
      [0, 7],
    ]);
    const alsoEarly = path('alsoEarly', [
      [1, 0],
      [-6, 0],
      [0, 0],
    ]);
    expect(findCoverageExit([late, early, alsoEarly], rsu)?.id).toBe('early');
    expect(findCoverageExit([late, early, alsoEarly], rsu)?.slot).toBe(2);
    expect(findCoverageExit([late], rsu)?.slot).toBe(3);
  });

  it('returns null when every position is inside', () => {
    expect(findCoverageExit([path('a', [[1, 1], [-3, 4], [0, -5]])], rsu)).toBeNull();
  });

  it('treats a NaN position as outside rather than passing it', () => {
    expect(findCoverageExit([path('a', [[1, 1], [Number.NaN, 0]])], rsu)?.slot).toBe(2);
  });

  it('throws a UserError naming the vehicle, slot, distance and the remedy', () => {
    const a = path('a', [
      [0, 0],
      [6, 8],
    ]);
    expect(() => assertWithinCoverage([a], rsu, 'fix mobility.something')).toThrow(UserError);
    expect(() => assertWithinCoverage([a], rsu, 'fix mobility.something')).toThrow(
      /vehicle 'a' is outside the RSU coverage at slot 2: .* is 10 m from the RSU .*rsu\.coverageRadiusM = 5.*fix mobility\.something/,
    );
    expect(() => assertWithinCoverage([path('b', [[3, 4]])], rsu, 'x')).not.toThrow();
  });
});
