import { describe, expect, it } from 'vitest';
import { isacDtScenarioSchema, type IsacDtScenarioInput } from '../../../src-shared/schemas/isac-dt-scenario';
import {
  buildGlobalState,
  buildObservations,
  observationDim,
  observationNames,
  rsuQueueAggregate,
  stateDim,
} from '../../../src-main/sim/isac-dt/digital-twin';
import { deriveParams } from '../../../src-main/sim/isac-dt/params';
import type { CvSlotState, RsuSlotState } from '../../../src-main/sim/isac-dt/types';

const params = (s: IsacDtScenarioInput) => deriveParams(isacDtScenarioSchema.parse({ cvs: { count: 2 }, ...s }));
const cv = (x: number): CvSlotState => ({
  xM: x,
  yM: 1.875,
  speedMps: 14,
  cpuHz: 2.5e9,
  task: { dataBits: 2e6, instructionBits: 1e4, cyclesPerBit: 1500, coTransformCyclesPerBit: 300, maxDelayS: 1 },
  localQueueCycles: 3e9,
  virtualEnergyQueueJ: 5,
  localQueueHistory: [],
  localArrivalHistory: [],
});
const rsus: RsuSlotState[] = [1e9, 4e9, 1e9].map((q) => ({ queueCycles: q, queueHistory: [], arrivalHistory: [] }));
const dist = [
  [60, 200, 320],
  [250, 100, 50],
];
const elig = [[0], [2]];

describe('DT state (40) and the global state (41)', () => {
  it('G_rsu = [sum, mean, max] of the RSU queues', () => {
    expect(rsuQueueAggregate([1e9, 4e9, 1e9])).toEqual([6e9, 2e9, 4e9]);
    expect(rsuQueueAggregate([])).toEqual([0, 0, 0]);
  });

  it('local state entries, scaled as named', () => {
    const p = params({});
    expect(observationDim(p)).toBe(11 + 5 * 3 + 3);
    expect(observationNames(p)).toHaveLength(observationDim(p));
    const [o] = buildObservations(p, [cv(140), cv(450)], rsus, dist, elig);
    const names = observationNames(p);
    const at = (n: string) => o[names.indexOf(n)];
    expect(at('taskDataMb')).toBeCloseTo(2, 6);
    expect(at('cpuGHz')).toBeCloseTo(2.5, 6);
    expect(at('x/roadLength')).toBeCloseTo(0.2, 6);
    expect(at('y/halfRoadWidth')).toBeCloseTo(0.25, 6); // 1.875 / 7.5
    expect(at('localQueue/queueUnit')).toBeCloseTo(3, 6);
    expect(at('virtualEnergyQueueJ/eMax')).toBeCloseTo(5 / 10, 6); // E_max = 2 * 5 J
    expect(at('rsu0.dx/coverage')).toBeCloseTo((200 - 140) / 200, 6);
    expect(at('rsu0.distance/coverage')).toBeCloseTo(0.3, 6);
    expect(at('rsu0.eligible')).toBe(1);
    expect(at('rsu1.eligible')).toBe(0);
    expect(at('rsu1.rsuQueue/queueUnit')).toBeCloseTo(4, 6);
    expect([at('gRsuSum/queueUnit'), at('gRsuMean/queueUnit'), at('gRsuMax/queueUnit')]).toEqual([6, 2, 4]);
  });

  it('DT off keeps the size and zeroes exactly the DT-provided entries (Ly-MAPPO)', () => {
    const on = params({});
    const names = observationNames(on);
    const obsOn = buildObservations(on, [cv(140), cv(450)], rsus, dist, elig);
    for (const [offMasks, hidden] of [
      ['rsu-queues', (n: string) => n.includes('rsuQueue') || n.startsWith('gRsu')],
      ['g-rsu', (n: string) => n.startsWith('gRsu')],
    ] as const) {
      const off = params({ digitalTwin: { enabled: false, offMasks } });
      const obsOff = buildObservations(off, [cv(140), cv(450)], rsus, dist, elig);
      for (let i = 0; i < 2; i++) {
        expect(obsOff[i].length).toBe(obsOn[i].length);
        names.forEach((n, j) => expect(obsOff[i][j]).toBe(hidden(n) ? 0 : obsOn[i][j]));
      }
      const sOff = buildGlobalState(off, obsOff, rsus);
      expect(sOff.length).toBe(stateDim(off));
      expect(Array.from(sOff.slice(sOff.length - 3))).toEqual([0, 0, 0]);
    }
  });

  it('global state = every local state, then the RSU queues and G_rsu', () => {
    const p = params({});
    const obs = buildObservations(p, [cv(140), cv(450)], rsus, dist, elig);
    const s = buildGlobalState(p, obs, rsus);
    expect(s.length).toBe(2 * observationDim(p) + 3 + 3);
    expect(Array.from(s.slice(0, obs[0].length))).toEqual(Array.from(obs[0]));
    expect(Array.from(s.slice(2 * obs[0].length))).toEqual([1, 4, 1, 6, 2, 4]);
  });
});
