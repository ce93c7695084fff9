import { describe, expect, it } from 'vitest';
import { runIsacEvalSlot } from '../../src-main/engine/eval-slot-isac';
import type { IsacEvalSlotOutput } from '../../src-main/sim/isac-dt/eval-slot-io';
import { handScenario } from '../sim/isac-dt/fixtures';

const task = { dataBits: 2e6, instructionBits: 1.2e4, cyclesPerBit: 1500, coTransformCyclesPerBit: 200, maxDelayS: 1 };
const handInput = {
  scenario: handScenario,
  cvs: [{ xM: 90, lane: 0, cpuHz: 2e9, task, localQueueCycles: 1e9, virtualEnergyQueueJ: 10, history: { localQueueCycles: [2e9], localArrivalCycles: [1e9] } }],
  rsus: [{ queueCycles: 4e9, history: { queueCycles: [0, 2e9], arrivalCycles: [1e9, 3e9] } }],
  fadingPowerGains: [[1]],
  decisions: [{ localRatio: 0.5, offloadRatios: [0.5], bandwidthRatios: [0.5], cpuHz: [4e9] }],
};
const run = (x: unknown) => JSON.parse(runIsacEvalSlot(JSON.stringify(x))) as IsacEvalSlotOutput;
const errorOf = (text: string) => {
  try {
    runIsacEvalSlot(text);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
};

describe('vecwb eval-slot --env isac-dt', () => {
  it('evaluates the hand-computed slot', () => {
    const o = run(handInput);
    const eTask = 60 + 2.55e-5 / 120 + 2.4;
    const c = o.cvs[0];
    expect(c.eligibleRsus).toEqual([0]);
    expect(c.local).toEqual({
      ratio: 0.5,
      computeS: expect.closeTo(0.75, 12),
      energyJ: expect.closeTo(60, 9),
      arrivalCycles: 1.5e9,
      queueDelayS: expect.closeTo(1.2, 12),
      partLatencyS: expect.closeTo(1.95, 12),
    });
    expect(c.links).toHaveLength(1);
    expect(c.links[0]).toMatchObject({ rsu: 0, mode: 'DataT', eta: 0, distanceM: 10 });
    expect(c.links[0].rateBps).toBeCloseTo(1.2e8, 0);
    expect(c.links[0].partLatencyS).toBeCloseTo(0.375 + 1 / 120 + 6 / 5.5, 12);
    expect(c.taskLatencyS).toBeCloseTo(1.95, 12);
    expect(c.taskEnergyJ).toBeCloseTo(eTask, 9);
    expect(c.cost).toBeCloseTo(0.6 * 1.95 + 0.4 * eTask, 9);
    expect(c.deadlineViolated).toBe(true);
    expect(c.next).toEqual({
      localQueueCycles: 0.5e9,
      virtualEnergyQueueJ: expect.closeTo(eTask - 40, 9),
      history: { localQueueCycles: [2e9, 1e9], localArrivalCycles: [1e9, 1.5e9] },
    });
    expect(o.rsus[0]).toMatchObject({ xM: 100, allocatedCpuHz: 4e9, serviceCpuHz: 4e9, arrivalCycles: 1.5e9, queueCycles: 4e9 });
    expect(o.rsus[0].next).toEqual({ queueCycles: 1.5e9, history: { queueCycles: [2e9, 4e9], arrivalCycles: [3e9, 1.5e9] } });
    const objective = 5 * (0.6 * 1.95 + 0.4 * eTask) - 0.5 - 10 + 10 * (eTask - 50);
    expect(o.objective.value).toBeCloseTo(objective, 8);
    expect(o.objective.localDrift).toBeCloseTo(-0.5, 12);
    expect(o.objective.rsuDrift).toBeCloseTo(-10, 12);
    expect(o.reward).toBeCloseTo(-objective, 8);
    expect(o).toMatchObject({ env: 'isac-dt', eMaxJ: 50, constraintViolations: 1, modeDataTCount: 1, modeInstrTCount: 0 });
  });

  it('has the documented output shape', () => {
    const o = run(handInput);
    expect(Object.keys(o).sort()).toEqual(
      ['constraintViolations', 'cvs', 'eMaxJ', 'env', 'modeDataTCount', 'modeInstrTCount', 'objective', 'reward', 'rsus', 'systemCost', 'totalEnergyJ'].sort(),
    );
    expect(Object.keys(o.cvs[0]).sort()).toEqual(
      ['cost', 'deadlineViolated', 'decision', 'eligibleRsus', 'links', 'local', 'maxDelayS', 'next', 'taskEnergyJ', 'taskLatencyS'].sort(),
    );
    expect(Object.keys(o.cvs[0].links[0]).sort()).toEqual(
      [
        'arrivalCycles', 'bandwidthRatio', 'computeEnergyJ', 'computeS', 'coTransformEnergyJ', 'coTransformS', 'cpuHz',
        'dataTUploadEnergyJ', 'dataTUploadS', 'distanceM', 'edgeS', 'eta', 'fadingPowerGain', 'instrTEnergyJ', 'instrTUploadS',
        'instructionUploadEnergyJ', 'instructionUploadS', 'mode', 'offloadRatio', 'partLatencyS', 'pathGain', 'queueDelayS',
        'rateBps', 'rsu', 'uploadEnergyJ', 'uploadS',
      ].sort(),
    );
    expect(Object.keys(o.rsus[0]).sort()).toEqual(['allocatedCpuHz', 'arrivalCycles', 'next', 'queueCycles', 'queueDelayS', 'serviceCpuHz', 'xM'].sort());
    expect(Object.keys(o.objective).sort()).toEqual(['energyDrift', 'localDrift', 'penalty', 'rsuDrift', 'value']);
  });

  it('is deterministic and chains: the next state of one slot feeds the next call', () => {
    expect(runIsacEvalSlot(JSON.stringify(handInput))).toBe(runIsacEvalSlot(JSON.stringify(handInput)));
    const o = run(handInput);
    const second = run({
      ...handInput,
      cvs: [{ ...handInput.cvs[0], localQueueCycles: o.cvs[0].next.localQueueCycles, virtualEnergyQueueJ: o.cvs[0].next.virtualEnergyQueueJ, history: o.cvs[0].next.history }],
      rsus: [{ queueCycles: o.rsus[0].next.queueCycles, history: o.rsus[0].next.history }],
    });
    // m = 3: local window Q [2e9, 1e9, 0.5e9], lambda [1e9, 1.5e9, 1.5e9] -> 3.5 / 4 s
    expect(second.cvs[0].local.queueDelayS).toBeCloseTo(3.5 / 4, 12);
  });

  it('raw actions are mapped exactly as the environment maps them', () => {
    const { decisions, ...rest } = handInput;
    void decisions;
    const o = run({ ...rest, actions: [[0.2, 0.6, 0.3, 0.5]] });
    // proj([0.2, 0.6]) = [0.3, 0.7]; b = 0.01 + 0.99 * 0.3; F = (0.01 + 0.99 * 0.5) * 4e9
    expect(o.cvs[0].decision.localRatio).toBeCloseTo(0.3, 12);
    expect(o.cvs[0].decision.offloadRatios[0]).toBeCloseTo(0.7, 12);
    expect(o.cvs[0].decision.bandwidthRatios[0]).toBeCloseTo(0.307, 12);
    expect(o.cvs[0].decision.cpuHz[0]).toBeCloseTo(0.505 * 4e9, 3);
    const same = run({ ...handInput, decisions: [o.cvs[0].decision] });
    expect(same.reward).toBe(o.reward);
  });

  it('uses the default scenario, no fading and empty queues when those are omitted', () => {
    const o = run({
      cvs: [{ xM: 350, yM: 0, cpuHz: 2.5e9, task: { ...task, maxDelayS: 2 } }],
      decisions: [{ offloadRatios: [0, 1, 0], bandwidthRatios: [0, 1, 0], cpuHz: [0, 1.9e10, 0] }],
    });
    expect(o.eMaxJ).toBe(5);
    expect(o.rsus.map((r) => r.xM)).toEqual([200, 350, 500]);
    expect(o.cvs[0].eligibleRsus).toEqual([1]);
    expect(o.cvs[0].links[0].fadingPowerGain).toBe(1);
    expect(o.cvs[0].links[0].distanceM).toBeCloseTo(Math.sqrt(9.75 ** 2 + 100), 12);
    expect(o.cvs[0].local.ratio).toBe(0);
    expect(o.rsus[0].serviceCpuHz).toBe(1.9e10); // idle RSUs drain
  });

  it('errors name the field', () => {
    expect(errorOf('{')).toMatch(/eval-slot input is not valid JSON/);
    expect(errorOf('{}')).toMatch(/cvs/);
    const bad = (patch: Record<string, unknown>) => errorOf(JSON.stringify({ ...handInput, ...patch }));
    expect(bad({ cvs: [{ ...handInput.cvs[0], cpuHz: -1 }] })).toMatch(/cvs\.0\.cpuHz/);
    expect(bad({ cvs: [{ ...handInput.cvs[0], yM: 1 }] })).toMatch(/cvs\.0: give exactly one of yM and lane/);
    expect(bad({ cvs: [{ ...handInput.cvs[0], lane: 3 }] })).toMatch(/cvs\.0\.lane: must be in \[0, 0\]/);
    expect(bad({ cvs: [{ ...handInput.cvs[0], history: { localQueueCycles: [1], localArrivalCycles: [] } }] })).toMatch(/cvs\.0\.history: .*same length/);
    expect(bad({ actions: [[0, 1, 0, 0]] })).toMatch(/give exactly one of decisions and actions/);
    expect(bad({ rsus: [] })).toMatch(/rsus: must list 1 RSUs/);
    expect(bad({ fadingPowerGains: [[1, 1]] })).toMatch(/fadingPowerGains\.0: must have one entry per RSU \(1\)/);
    expect(bad({ fadingPowerGains: [[0]] })).toMatch(/fadingPowerGains\.0\.0/);
    expect(bad({ scenario: { env: 'vec-dnn' } })).toMatch(/scenario\.env must be 'isac-dt'/);
    expect(bad({ scenario: { costWeightAlpha: 2 } })).toMatch(/costWeightAlpha/);
    expect(bad({ decisions: [{ offloadRatios: [0.5], bandwidthRatios: [0.5], cpuHz: [5e9] }] })).toMatch(/cpuHz\.0: RSU 0 gives 5000000000 Hz .*\(C6\)/);
    expect(bad({ decisions: [{ offloadRatios: [1.5], bandwidthRatios: [0.5], cpuHz: [1e9] }] })).toMatch(/decisions\.0\.offloadRatios\.0/);
    expect(bad({ cvs: [{ ...handInput.cvs[0], xM: 400 }] })).toMatch(/RSU 0 is not eligible for CV 0/);
    const { decisions, ...rest } = handInput;
    void decisions;
    expect(errorOf(JSON.stringify({ ...rest, actions: [[0, 1]] }))).toMatch(/actions: action of CV 0 must have 4 entries/);
  });
});
