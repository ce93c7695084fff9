import { describe, expect, it } from 'vitest';
import {
  buildGlobalState,
  buildMask,
  buildObservation,
  observationDim,
  observationNames,
  type ObservationConfig,
} from '../../../src-main/sim/vec-dnn/observation';
import { handParams, handState } from './fixtures';

const pos = { cvs: [{ x: 100, y: 2 }, { x: 300, y: 5 }, { x: 600, y: 2 }], svs: [{ x: 110, y: 5 }, { x: 400, y: 2 }] };
const cfg = (over: Partial<ObservationConfig> = {}): ObservationConfig => ({
  normalise: true,
  positions: 'x',
  workloadUnitOps: 1e9,
  rsu: { x: 500, y: -10, coverageRadiusM: 1000 },
  ...over,
});
const f32 = (xs: number[]) => Array.from(Float32Array.from(xs));

describe('paper 1 local state (eq. 52), joint state (eq. 53) and masks', () => {
  it('has 2J + 1 entries: own queue, own-type RSU queue, SV queues, own position, SV positions', () => {
    expect(observationDim(2, 'x')).toBe(7);
    expect(observationDim(2, 'xy')).toBe(10);
    expect(observationNames(2, 'x')).toEqual(['Q_loc', 'Q_rsu(own type)', 'Q_sv1', 'Q_sv2', 'x_cv', 'x_sv1', 'x_sv2']);
    expect(observationNames(1, 'xy')).toEqual(['Q_loc', 'Q_rsu(own type)', 'Q_sv1', 'x_cv', 'y_cv', 'x_sv1', 'y_sv1']);
  });

  it('normalises queues by 10 units and positions relative to the RSU by the coverage radius', () => {
    const s = handState();
    // CV 0: Q_loc 1 Gop, RSU Tiny queue 6, SV queues 1 and 0; x = 100, SVs 110 and 400.
    expect(Array.from(buildObservation(cfg(), s, pos, 0))).toEqual(f32([0.1, 0.6, 0.1, 0, -0.4, -0.39, -0.1]));
    // CV 2 runs Small: its RSU queue entry is Q_1^rsu = 0.
    expect(Array.from(buildObservation(cfg(), s, pos, 2))).toEqual(f32([0.2, 0, 0.1, 0, 0.1, -0.39, -0.1]));
  });

  it('gives raw units without normalisation and 2-D positions on request', () => {
    const s = handState();
    expect(Array.from(buildObservation(cfg({ normalise: false }), s, pos, 0))).toEqual(f32([1, 6, 1, 0, 100, 110, 400]));
    expect(Array.from(buildObservation(cfg({ normalise: false, positions: 'xy' }), s, pos, 1))).toEqual(
      f32([0, 6, 1, 0, 300, 5, 110, 5, 400, 2]),
    );
    expect(Array.from(buildObservation(cfg({ positions: 'xy' }), s, pos, 1)).slice(4, 6)).toEqual(f32([-0.2, 0.015]));
  });

  it('concatenates the local states into the joint state', () => {
    const a = Float32Array.from([1, 2]);
    const b = Float32Array.from([3]);
    expect(Array.from(buildGlobalState([a, b]))).toEqual([1, 2, 3]);
  });

  it('masks SVs beyond the V2V radius for phi <= L only', () => {
    const s = handState();
    // CV 1 (Tiny, L = 3, J = 3): SV 1 at 200 m > 150 m -> a = 1, 4, 7 illegal; a = 10 (phi = 4, SV 1) legal.
    expect(Array.from(buildMask(handParams, s, 1))).toEqual([1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1]);
    expect(Array.from(buildMask(handParams, s, 0)).every((m) => m === 1)).toBe(true);
    expect(buildMask(handParams, s, 2)).toHaveLength(9); // Small: (2 + 1) * 3
  });
});
