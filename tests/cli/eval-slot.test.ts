import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVecDnnEvalSlot } from '../../src-main/engine/eval-slot-vec-dnn';
import { vecDnnEvalSlotOutputSchema, type VecDnnEvalSlotOutput } from '../../src-main/sim/vec-dnn/eval-slot-io';
import { customModels } from '../sim/vec-dnn/fixtures';

const root = path.resolve(__dirname, '../..');

// Mini (custom FC model): D = 4000 / 2000 B, B = 999500 / 9990 ops. Channel: p = 1 W, sigma^2 = 1 mW, gain -30 dB
// at any distance -> SNR = |u|^2: |u|^2 = 3 -> 2 Mbit/s, 1 -> 1 Mbit/s. RSU 5 kHz (one type -> all of it), V = 2,
// workloads counted in units of 1e6 ops in (32).
const scenario = {
  lyapunovV: 2,
  workloadUnitOps: 1e6,
  rsu: { cpuHz: 5000 },
  channel: {
    bandwidthHz: 1e6,
    noiseDbm: 0,
    cvTxPowerDbm: 30,
    v2iPathLoss: { interceptDb: -30, slopeDb: 0 },
    v2vPathLoss: { interceptDb: -30, slopeDb: 0 },
  },
  customModels,
};
const handInput = {
  scenario,
  state: {
    cvs: [
      { model: 'Mini', cpuHz: 1e6, queue: 1500, distRsu: 40, distSv: [100], fadingRsu: 3, fadingSv: [1] },
      { model: 'Mini', cpuHz: 2e6, queue: 0, distRsu: 60, distSv: [100], fadingRsu: 1, fadingSv: [1] },
      { model: 'mini', cpuHz: 1e6, distRsu: 20, distSv: [120] },
    ],
    svs: [{ cpuHz: 1e6, queue: 2000 }],
    rsuQueues: { Mini: 10 },
  },
  decisions: [
    { cut: 2, target: 0 },
    { cut: 1, target: 1 },
    { cut: 2, target: 0 },
  ],
};

const run = (x: unknown) => JSON.parse(runVecDnnEvalSlot(JSON.stringify(x))) as VecDnnEvalSlotOutput;
const errorOf = (x: unknown) => {
  try {
    runVecDnnEvalSlot(typeof x === 'string' ? x : JSON.stringify(x));
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
};
const bad = (patch: (x: typeof handInput) => void) => {
  const x = structuredClone(handInput);
  patch(x);
  return errorOf(x);
};

function expectHandOutput(o: VecDnnEvalSlotOutput): void {
  const close = (v: number) => expect.closeTo(v, 12);
  expect(o.modelTypes).toEqual(['Mini']);
  // CV 0: dLoc = (1500 + 999500) / 1e6; dTx = 16000 bit / 2e6; dProc = (10 + 9990) / 5000; dWait = 9990 / (2 * 5000).
  expect(o.cvs[0]).toEqual({
    model: 'Mini', cut: 2, target: 0, offloads: true, rateBps: expect.closeTo(2e6, 6), transmittedBytes: 2000,
    localOps: 999500, offloadedOps: 9990, dLoc: close(1.001), dTx: close(0.008), dProc: close(2), dWait: close(0.999), d: close(4.008),
  });
  // CV 1 -> SV 1: dTx = 32000 / 1e6; dProc = (2000 + 1009490) / 1e6 (13); alone on the SV.
  expect(o.cvs[1]).toMatchObject({ localOps: 0, offloadedOps: 1009490, dLoc: 0, dTx: close(0.032), dProc: close(1.01149), dWait: 0, d: close(1.04349) });
  // CV 2 ("mini" resolves to Mini): dLoc = 999500 / 1e6; dTx = 16000 / 1e6; waits for CV 0's 9990 ops (11).
  expect(o.cvs[2]).toMatchObject({ model: 'Mini', dLoc: close(0.9995), dTx: close(0.016), dProc: close(2), dWait: close(0.999), d: close(4.0145) });
  expect(o.rsuCpuHz).toEqual({ Mini: expect.closeTo(5000, 9) });
  // (8): 1500 - 1e6 + 999500; (14): 2000 - 1e6 + 1009490; (10): 10 - 5000 + 2 * 9990.
  expect(o.next).toEqual({ cvQueues: [close(1000), 0, 0], svQueues: [close(11490)], rsuQueues: { Mini: close(14990) } });
  const terms = {
    penalty: 2 * (4.008 + 1.04349 + 4.0145),
    localDrift: 0.0015 * (0.9995 - 1),
    rsuDrift: 1e-5 * (0.01998 - 0.005),
    svDrift: 0.002 * (1.00949 - 1),
  };
  expect(o.objectiveTerms.penalty).toBeCloseTo(terms.penalty, 11);
  expect(o.objectiveTerms.localDrift).toBeCloseTo(terms.localDrift, 15);
  expect(o.objectiveTerms.rsuDrift).toBeCloseTo(terms.rsuDrift, 15);
  expect(o.objectiveTerms.svDrift).toBeCloseTo(terms.svDrift, 15);
  const objective = terms.penalty + terms.localDrift + terms.rsuDrift + terms.svDrift;
  expect(o.objective).toBeCloseTo(objective, 11);
  expect(o.reward).toBe(-o.objective);
}

describe('vecwb eval-slot (vec-dnn)', () => {
  it('evaluates the hand-computed slot', () => {
    const o = run(handInput);
    expect(vecDnnEvalSlotOutputSchema.parse(o)).toEqual(o);
    expectHandOutput(o);
  });

  it('is deterministic, defaults fading to 1 and uses the default scenario when absent', () => {
    expect(runVecDnnEvalSlot(JSON.stringify(handInput))).toBe(runVecDnnEvalSlot(JSON.stringify(handInput)));
    const o = run({ state: { cvs: [{ model: 'AlexNet', cpuHz: 5e9, distRsu: 100 }] }, decisions: [{ cut: 12, target: 0 }] });
    // All local with the paper's defaults: AlexNet's 1.430 G ops on 5 GHz; nothing queued at the RSU.
    expect(o.cvs[0]).toMatchObject({ offloads: false, dTx: 0, dProc: 0, dWait: 0 });
    expect(o.cvs[0].d).toBeCloseTo(o.cvs[0].localOps / 5e9, 12);
    expect(o.rsuCpuHz).toEqual({ AlexNet: 30e9 });
    expect(o.objective).toBeCloseTo(10 * o.cvs[0].d, 12);
  });

  it('errors name the field and the allowed range', () => {
    expect(errorOf('{')).toMatch(/eval-slot input is not valid JSON/);
    expect(errorOf({})).toMatch(/state/);
    expect(bad((x) => (x.decisions[0].cut = 4))).toMatch(/decisions\.0\.cut: must be in 1\.\.3 \(L \+ 1 for CV 0's Mini, L = 2 partition units\), got 4/);
    expect(bad((x) => (x.decisions[2].cut = 0))).toMatch(/decisions\.2\.cut: must be in 1\.\.3/);
    expect(bad((x) => (x.decisions[1].target = 2))).toMatch(/decisions\.1\.target: must be in 0\.\.1 \(0 = RSU, 1\.\.1 = SVs\), got 2/);
    expect(bad((x) => (x.state.cvs[1].distSv = [200]))).toMatch(/decisions\.1\.target: SV 1 is 200 m from CV 1, beyond v2vRadiusM = 150 m/);
    expect(() => run({ ...handInput, decisions: [handInput.decisions[0], { cut: 3, target: 1 }, handInput.decisions[2]] })).not.toThrow();
    expect(bad((x) => (x.state.cvs[0].distSv = [1, 2]))).toMatch(/state\.cvs\.0\.distSv: must have one distance per SV \(1\), got 2/);
    expect(bad((x) => (x.state.cvs[0].fadingSv = []))).toMatch(/state\.cvs\.0\.fadingSv: must have one entry per SV \(1\), got 0/);
    expect(bad((x) => (x.state.cvs[0].fadingRsu = 0))).toMatch(/state\.cvs\.0\.fadingRsu/);
    expect(bad((x) => (x.state.cvs[0].model = 'NoSuchNet'))).toMatch(/state\.cvs\.0\.model: unknown DNN model "NoSuchNet"/);
    expect(bad((x) => (x.state.cvs[0].cpuHz = -1))).toMatch(/state\.cvs\.0\.cpuHz/);
    expect(bad((x) => Object.assign(x.state.cvs[0], { speed: 3 }))).toMatch(/state\.cvs\.0.*speed/);
    expect(bad((x) => (x.state.rsuQueues = { VGG16: 1 } as unknown as typeof x.state.rsuQueues))).toMatch(/state\.rsuQueues\.VGG16: no CV runs model 'VGG16'; the model types are Mini/);
    expect(bad((x) => x.decisions.pop())).toMatch(/decisions: must have one entry per CV \(3\), got 2/);
    expect(bad((x) => Object.assign(x.scenario, { env: 'isac-dt' }))).toMatch(/scenario\.env must be 'vec-dnn'/);
    expect(bad((x) => Object.assign(x.scenario, { lyapunovV: 0 }))).toMatch(/lyapunovV: must be > 0 .*; got 0; allowed > 0 and <= 1e9/);
    expect(bad((x) => Object.assign(x.scenario, { slotDurationS: -1 }))).toMatch(/slotDurationS/);
  });

  it('runs as `vecwb eval-slot` on stdin/stdout and dispatches --env isac-dt', () => {
    const cli = (args: string[], input: string) =>
      spawnSync(process.execPath, [path.join(root, 'bin/vecwb.mjs'), 'eval-slot', ...args], { cwd: root, input, encoding: 'utf8' });
    const ok = cli([], JSON.stringify(handInput));
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expectHandOutput(JSON.parse(ok.stdout) as VecDnnEvalSlotOutput);
    const err = cli(['--env', 'vec-dnn'], JSON.stringify({ ...handInput, decisions: [] }));
    expect(err.status).toBe(2);
    expect(err.stderr).toMatch(/vecwb: decisions: must have one entry per CV \(3\), got 0/);
    const isac = cli(
      ['--env', 'isac-dt'],
      JSON.stringify({
        cvs: [{ xM: 350, yM: 0, cpuHz: 2.5e9, task: { dataBits: 2e6, instructionBits: 1e4, cyclesPerBit: 1500, coTransformCyclesPerBit: 200, maxDelayS: 2 } }],
        decisions: [{ offloadRatios: [0, 1, 0], bandwidthRatios: [0, 1, 0], cpuHz: [0, 1.9e10, 0] }],
      }),
    );
    expect(isac.status).toBe(0);
    expect((JSON.parse(isac.stdout) as { env: string }).env).toBe('isac-dt');
  });
});
