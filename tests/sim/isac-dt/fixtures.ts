// A one-CV, one-RSU setting with round numbers for hand-computed slot tests.
import { isacDtScenarioSchema, type IsacDtScenarioInput } from '../../../src-shared/schemas/isac-dt-scenario';
import { deriveParams, type IsacParams } from '../../../src-main/sim/isac-dt/params';
import type { CvSlotState, RsuSlotState } from '../../../src-main/sim/isac-dt/types';

/**
 * RSU at x = 100 on the centre line at height 0, CV at x = 90 on a 1-lane road: d = 10 m, g = -40 - 20 log10 10
 * = -60 dB = 1e-6; P = 2.55e-5 W, sigma^2 = 1e-13 W -> SNR = 255, log2(1 + SNR) = 8, so
 * R = 1.5 * b * 20e6 * 8 = 2.4e8 b bit/s. RSU F^max - C^twin = 5e9 - 1e9 = 4e9 Hz. E_max = 50 J per CV.
 */
export const handScenario: IsacDtScenarioInput = {
  road: { lengthM: 700, lanes: 1, laneWidthM: 3.75 },
  rsus: { count: 1, positionsXM: [100], lateralOffsetM: 0, heightM: 0, cpuHz: 5e9, twinReserveHz: 1e9 },
  channel: { bandwidthHz: 20e6, noiseW: 1e-13, txPowerW: 2.55e-5, sensingGain: 1.5, pathLoss: { interceptDb: -40, slopeDb: 20 }, fading: 'none' },
  cvs: { count: 1 },
  energy: { kappaCv: 1e-26, kappaRsu: 1e-28, eMaxPerCvJ: 50 },
  lyapunov: { controlV: 5, queueUnitCycles: 1e9 },
  costWeightAlpha: 0.6,
  queues: { windowSlots: 3 },
};

export function handParams(overrides: IsacDtScenarioInput = {}, nCvs?: number): IsacParams {
  const merged = structuredClone(handScenario) as Record<string, unknown>;
  for (const [k, v] of Object.entries(overrides)) {
    merged[k] = typeof v === 'object' && v && !Array.isArray(v) ? { ...(merged[k] as object), ...v } : v;
  }
  return deriveParams(isacDtScenarioSchema.parse(merged), nCvs);
}

export function handCv(over: Partial<CvSlotState> = {}): CvSlotState {
  return {
    xM: 90,
    yM: 0,
    speedMps: 14,
    cpuHz: 2e9,
    task: { dataBits: 2e6, instructionBits: 1.2e4, cyclesPerBit: 1500, coTransformCyclesPerBit: 200, maxDelayS: 1 },
    localQueueCycles: 1e9,
    virtualEnergyQueueJ: 10,
    localQueueHistory: [2e9],
    localArrivalHistory: [1e9],
    ...over,
  };
}

export function handRsu(over: Partial<RsuSlotState> = {}): RsuSlotState {
  return { queueCycles: 4e9, queueHistory: [0, 2e9], arrivalHistory: [1e9, 3e9], ...over };
}
