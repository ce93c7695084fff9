import { describe, expect, it } from 'vitest';
import { evaluateSlot } from '../../../src-main/sim/isac-dt/slot';
import type { CvDecision, CvSlotState, RsuSlotState } from '../../../src-main/sim/isac-dt/types';
import type { IsacParams } from '../../../src-main/sim/isac-dt/params';
import { handCv, handParams, handRsu } from './fixtures';

function run(p: IsacParams, cvs: CvSlotState[], rsus: RsuSlotState[], decisions: CvDecision[]) {
  return evaluateSlot(p, {
    cvs,
    rsus,
    fadingPowerGain: cvs.map(() => rsus.map(() => 1)),
    distancesM: cvs.map(() => rsus.map(() => 10)),
    eligible: cvs.map(() => rsus.map((_, k) => k)),
    decisions,
  });
}

const half: CvDecision = { localRatio: 0.5, offloadRatios: [0.5], bandwidthRatios: [0.5], cpuHz: [4e9] };

describe('one slot of paper 2, computed by hand', () => {
  it('every term of (1), (5)-(25), (27), (39), (44)', () => {
    const o = run(handParams(), [handCv()], [handRsu()], [half]);
    const c = o.cvs[0];
    const l = c.links[0];
    expect(l.pathGain).toBeCloseTo(1e-6, 18);
    expect(l.rateBps).toBeCloseTo(1.2e8, 0); // (1): 1.5 * 0.5 * 20e6 * 8
    expect(c.localComputeS).toBeCloseTo(0.75, 12); // (5): 1e6 * 1500 / 2e9
    expect(c.localEnergyJ).toBeCloseTo(60, 9); // (6): 1e-26 * 0.75 * 8e27
    expect(l.dataTUploadS).toBeCloseTo(1 / 120, 12); // (7): 1e6 / 1.2e8
    expect(l.dataTUploadEnergyJ).toBeCloseTo(2.55e-5 / 120, 15); // (8)
    expect(l.instructionUploadS).toBeCloseTo(1e-4, 14); // (9): 1.2e4 / 1.2e8
    expect(l.coTransformS).toBeCloseTo(0.05, 12); // (10): 1e6 * 200 / 4e9
    expect(l.coTransformEnergyJ).toBeCloseTo(0.32, 12); // (11): 1e-28 * 0.05 * 6.4e28
    expect(l.instrTUploadS).toBeCloseTo(0.0501, 12);
    expect(l.mode).toBe('DataT'); // (12): 1/120 < 0.0501
    expect(l.eta).toBe(0);
    expect(l.uploadS).toBeCloseTo(1 / 120, 12);
    expect(l.computeS).toBeCloseTo(0.375, 12); // (13): 1e6 * 1500 / 4e9
    expect(l.computeEnergyJ).toBeCloseTo(2.4, 12); // (14)
    expect(l.edgeS).toBeCloseTo(0.375 + 1 / 120, 12); // (15)
    expect(l.arrivalCycles).toBe(1.5e9); // lambda^{rsu} of (17), eta = 0
    // (18) local: Q~ = (2e9 + 1e9) / 2, lambda~ = (1e9 + 1.5e9) / 2 -> 1.2 s
    expect(c.localQueueDelayS).toBeCloseTo(1.2, 12);
    expect(c.localPartLatencyS).toBeCloseTo(1.95, 12);
    // (18) RSU: Q~ = (0 + 2e9 + 4e9) / 3, lambda~ = (1e9 + 3e9 + 1.5e9) / 3 -> 6 / 5.5 s
    expect(l.queueDelayS).toBeCloseTo(6 / 5.5, 12);
    expect(l.partLatencyS).toBeCloseTo(0.375 + 1 / 120 + 6 / 5.5, 12);
    expect(c.taskLatencyS).toBeCloseTo(1.95, 12); // (19): max(1.95, 1.4742...)
    const eTask = 60 + 2.55e-5 / 120 + 2.4; // (23)
    expect(c.taskEnergyJ).toBeCloseTo(eTask, 9);
    expect(c.cost).toBeCloseTo(0.6 * 1.95 + 0.4 * eTask, 9); // (24)
    expect(o.systemCost).toBeCloseTo(0.6 * 1.95 + 0.4 * eTask, 9); // (25)
    expect(c.deadlineViolated).toBe(true); // C8: 1.95 > 1
    expect(o.constraintViolations).toBe(1);
    expect(c.nextLocalQueueCycles).toBe(0.5e9); // (16): 1e9 - 2e9 + 1.5e9
    expect(o.rsus[0].nextQueueCycles).toBe(1.5e9); // (17): 4e9 - 4e9 + 1.5e9
    expect(c.nextVirtualEnergyQueueJ).toBeCloseTo(10 - 50 + eTask, 9); // (27)
    // (39): 5 * cost + 1 * (1.5 - 2) + 4 * (1.5 - 4) + 10 * (E - 50)
    const objective = 5 * (0.6 * 1.95 + 0.4 * eTask) - 0.5 - 10 + 10 * (eTask - 50);
    expect(o.penalty).toBeCloseTo(5 * (0.6 * 1.95 + 0.4 * eTask), 9);
    expect(o.localDrift).toBeCloseTo(-0.5, 12);
    expect(o.rsuDrift).toBeCloseTo(-10, 12);
    expect(o.energyDrift).toBeCloseTo(10 * (eTask - 50), 9);
    expect(o.objective).toBeCloseTo(objective, 8);
    expect(o.reward).toBeCloseTo(-objective, 8); // (44)
    expect(o.modeDataTCount).toBe(1);
    expect(o.modeInstrTCount).toBe(0);
  });

  it('DataT/InstrT switch point: with (10) alone InstrT iff R < F / I^{co-tra} = 2e7 bit/s, i.e. b < 1/12', () => {
    const p = handParams({ offloading: { instrTIncludesInstructionUpload: false } });
    const at = (b: number) => run(p, [handCv()], [handRsu()], [{ ...half, bandwidthRatios: [b] }]);
    const slow = at(0.08); // R = 1.92e7
    expect(slow.cvs[0].links[0].mode).toBe('InstrT');
    expect(slow.cvs[0].links[0].uploadS).toBeCloseTo(0.05, 12);
    // InstrT adds the coordinate transformation to the RSU arrivals (17): 1e6 * (200 + 1500)
    expect(slow.cvs[0].links[0].arrivalCycles).toBe(1.7e9);
    // and its energy (11) replaces the upload energy (8) in (23)
    expect(slow.cvs[0].taskEnergyJ).toBeCloseTo(60 + 0.32 + 2.4, 9);
    expect(slow.modeInstrTCount).toBe(1);
    expect(at(0.09).cvs[0].links[0].mode).toBe('DataT'); // R = 2.16e7
    // b = 0.0825: R = 1.98e7; DataT 1e6 / 1.98e7 = 0.050505 s vs InstrT 0.05 s (+ 1.2e4 / 1.98e7 = 0.000606 s with (9))
    expect(at(0.0825).cvs[0].links[0].mode).toBe('InstrT');
    const withIns = handParams();
    const r = run(withIns, [handCv()], [handRsu()], [{ ...half, bandwidthRatios: [0.0825] }]);
    expect(r.cvs[0].links[0].mode).toBe('DataT');
    expect(r.cvs[0].links[0].instrTUploadS).toBeCloseTo(0.05 + 1.2e4 / 1.98e7, 12);
  });

  it('a part with ratio 0 adds no latency; no arrivals in the window means no queueing delay', () => {
    const p = handParams();
    const allRsu: CvDecision = { localRatio: 0, offloadRatios: [1], bandwidthRatios: [1], cpuHz: [4e9] };
    const o = run(p, [handCv({ localQueueHistory: [], localArrivalHistory: [] })], [handRsu({ queueCycles: 0, queueHistory: [], arrivalHistory: [] })], [allRsu]);
    const c = o.cvs[0];
    expect(c.localPartLatencyS).toBe(0);
    expect(c.localEnergyJ).toBe(0);
    // R = 2.4e8: DataT 2e6 / 2.4e8; compute 3e9 / 4e9 = 0.75; RSU window has only this slot with Q = 0
    expect(c.taskLatencyS).toBeCloseTo(2e6 / 2.4e8 + 0.75, 12);
    expect(c.links[0].queueDelayS).toBe(0);
    const allLocal: CvDecision = { localRatio: 1, offloadRatios: [0], bandwidthRatios: [0], cpuHz: [0] };
    const o2 = run(p, [handCv({ localQueueCycles: 0, localQueueHistory: [], localArrivalHistory: [] })], [handRsu()], [allLocal]);
    expect(o2.cvs[0].links).toEqual([]);
    expect(o2.cvs[0].taskLatencyS).toBeCloseTo(1.5, 12); // 3e9 / 2e9, empty queue
    expect(o2.modeDataTCount + o2.modeInstrTCount).toBe(0);
  });

  it('an RSU nobody offloads to drains at F^max - C^twin when idleDrain, else keeps its backlog', () => {
    const allLocal: CvDecision = { localRatio: 1, offloadRatios: [0], bandwidthRatios: [0], cpuHz: [0] };
    const rsu = handRsu({ queueCycles: 3e9 });
    const drained = run(handParams(), [handCv()], [rsu], [allLocal]);
    expect(drained.rsus[0].serviceCpuHz).toBe(4e9);
    expect(drained.rsus[0].nextQueueCycles).toBe(0);
    expect(drained.rsuDrift).toBeCloseTo(3 * (0 - 4), 12);
    const kept = run(handParams({ rsus: { idleDrain: false } }), [handCv()], [rsu], [allLocal]);
    expect(kept.rsus[0].serviceCpuHz).toBe(0);
    expect(kept.rsus[0].nextQueueCycles).toBe(3e9);
  });

  it("virtual queue: 'system' charges every V_i with E_total - E_max, 'per-cv' with E_i - E_max / I", () => {
    const local: CvDecision = { localRatio: 1, offloadRatios: [0], bandwidthRatios: [0], cpuHz: [0] };
    const cvs = [
      handCv({ virtualEnergyQueueJ: 10, cpuHz: 2e9 }), // E = 1e-26 * 3e9 * 4e18 = 120 J
      handCv({ virtualEnergyQueueJ: 20, cpuHz: 1e9 }), // E = 1e-26 * 3e9 * 1e18 = 30 J
    ];
    const sys = run(handParams({}, 2), cvs, [handRsu()], [local, local]);
    expect(sys.eMaxJ).toBe(100);
    expect(sys.totalEnergyJ).toBeCloseTo(150, 9);
    expect(sys.cvs.map((c) => c.nextVirtualEnergyQueueJ)).toEqual([expect.closeTo(60, 9), expect.closeTo(70, 9)]);
    expect(sys.energyDrift).toBeCloseTo(10 * 50 + 20 * 50, 9);
    const per = run(handParams({ energy: { virtualQueue: 'per-cv' } }, 2), cvs, [handRsu()], [local, local]);
    // V_1: 10 - 50 + 120 = 80; V_2: max(20 - 50 + 30, 0) = 0
    expect(per.cvs[0].nextVirtualEnergyQueueJ).toBeCloseTo(80, 9);
    expect(per.cvs[1].nextVirtualEnergyQueueJ).toBeCloseTo(0, 9);
    expect(per.energyDrift).toBeCloseTo(10 * 70 + 20 * -20, 9);
  });
});
