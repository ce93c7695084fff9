// Small hand-made model profiles, parameters and slot states with round numbers for hand-computed tests.
import type { ModelProfile } from '../../../src-main/sim/vec-dnn/model-profile';
import type { VecDnnParams, VecDnnSlotState } from '../../../src-main/sim/vec-dnn/slot';
import type { MobilitySource, MobilityTrace, VehiclePath } from '../../../src-main/sim/mobility/trace';

const profile = (name: string, units: [number, number][]): ModelProfile => ({
  name,
  units: units.map(([inputBytes, workloadOps], l) => ({ name: `u${l + 1}`, inputBytes, workloadOps })),
  totalOps: units.reduce((s, [, b]) => s + b, 0),
});

/** Type 0: L = 3, D = 2e6 / 1e6 / 4e6 bits, B = 2 / 1 / 3 Gops (total 6). */
export const tiny = profile('Tiny', [
  [250_000, 2e9],
  [125_000, 1e9],
  [500_000, 3e9],
]);
/** Type 1: L = 2, D = 8e5 / 4e5 bits, B = 1 / 2 Gops (total 3). */
export const small = profile('Small', [
  [100_000, 1e9],
  [50_000, 2e9],
]);

/**
 * tau = 1 s, V = 10, unit 1 Gop, F = 12 GHz. Channel: B = 1 MHz, p = 1 W, sigma^2 = 1e-3 W, path gain -30 dB at any
 * distance (slope 0) -> SNR = |u|^2, so |u|^2 = 3 gives R = 2 Mbit/s, 1 gives 1 Mbit/s, 7 gives 3 Mbit/s.
 */
export const handParams: VecDnnParams = {
  profiles: [tiny, small],
  slotDurationS: 1,
  lyapunovV: 10,
  workloadUnitOps: 1e9,
  rsuCpuHz: 12e9,
  link: { bandwidthHz: 1e6, txPowerW: 1, noiseW: 1e-3, minDistanceM: 1 },
  v2iPathLoss: { interceptDb: -30, slopeDb: 0 },
  v2vPathLoss: { interceptDb: -30, slopeDb: 0 },
  v2vRadiusM: 150,
};

/** 3 CVs (Tiny, Tiny, Small), 2 SVs; SV 1 is out of CV 1's V2V range. */
export function handState(): VecDnnSlotState {
  return {
    cvs: [
      { modelType: 0, cpuHz: 2.5e9, queueOps: 1e9, distRsuM: 50, distSvM: [10, 100], fadingRsu: 3, fadingSv: [1, 7] },
      { modelType: 0, cpuHz: 4e9, queueOps: 0, distRsuM: 80, distSvM: [200, 50], fadingRsu: 3, fadingSv: [1, 1] },
      { modelType: 1, cpuHz: 0.8e9, queueOps: 2e9, distRsuM: 30, distSvM: [20, 30], fadingRsu: 1, fadingSv: [3, 1] },
    ],
    svs: [
      { cpuHz: 5e9, queueOps: 1e9 },
      { cpuHz: 8e9, queueOps: 0 },
    ],
    rsuQueueOps: [6e9, 0],
  };
}

const path = (id: string, xs: number[], y = 0): VehiclePath => ({ id, x: Float64Array.from(xs), y: Float64Array.from(xs.map(() => y)) });

/** A fixed trace (same every episode): positions along y = 0 per slot. */
export function fixedMobility(cvXs: number[][], svXs: number[][]): MobilitySource {
  const trace = (): MobilityTrace => ({
    slots: cvXs[0].length,
    cvs: cvXs.map((xs, i) => path(`cv${i}`, xs)),
    svs: svXs.map((xs, j) => path(`sv${j}`, xs)),
  });
  return { description: 'fixed test trace', episode: () => trace() };
}

/** Two FC-only custom models with hand-computable D (eq. 3) and B (eq. 6). */
export const customModels = [
  {
    name: 'Mini',
    layers: [
      { kind: 'fc' as const, name: 'fc1', uIn: 1000, uOut: 500 }, // D = 4000 B, B = 1999 * 500 = 999500
      { kind: 'fc' as const, name: 'fc2', uIn: 500, uOut: 10 }, // D = 2000 B, B = 999 * 10 = 9990
    ],
  },
  {
    name: 'Micro',
    layers: [{ kind: 'fc' as const, name: 'fc1', uIn: 100, uOut: 10 }], // D = 400 B, B = 199 * 10 = 1990
  },
];
