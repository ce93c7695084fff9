// Issue 13 item 6 (eval-slot): inputs have physical bounds and every refusal names the INPUT field (never an
// internal term such as "cvs.0.dLoc is not finite"); isac-dt actions outside [0, 1] are refused, not clipped;
// unknown keys name the nearest known one; a UTF-8 byte-order mark before the JSON is accepted.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src-main/cli/error-report';
import { runIsacEvalSlot } from '../../src-main/engine/eval-slot-isac';
import { runVecDnnEvalSlot } from '../../src-main/engine/eval-slot-vec-dnn';

const vecDnnInput = {
  state: {
    cvs: [{ model: 'alexnet', cpuHz: 5e9, queue: 0, distRsu: 100, distSv: [50], fadingRsu: 1, fadingSv: [1] }],
    svs: [{ cpuHz: 7e9, queue: 0 }],
    rsuQueues: { alexnet: 0 },
  },
  decisions: [{ cut: 3, target: 1 }],
};

const task = { dataBits: 2e6, instructionBits: 1.2e4, cyclesPerBit: 1500, coTransformCyclesPerBit: 200, maxDelayS: 1 };
const isacInput = {
  cvs: [{ xM: 350, yM: 0, cpuHz: 2.5e9, task }],
  actions: [[0.2, 0.6, 0.3, 0.5]],
};

/** What `vecwb eval-slot` prints for an input (the CLI's one error path), or null when it is evaluated. */
function cliLine(run: (text: string) => string, input: unknown): { line: string; exitCode: number } | null {
  try {
    run(typeof input === 'string' ? input : JSON.stringify(input));
    return null;
  } catch (err) {
    return describeError(err);
  }
}

const withCv = (patch: Record<string, unknown>) => ({ ...vecDnnInput, state: { ...vecDnnInput.state, cvs: [{ ...vecDnnInput.state.cvs[0], ...patch }] } });
const withIsacCv = (patch: Record<string, unknown>) => ({ ...isacInput, cvs: [{ ...isacInput.cvs[0], ...patch }] });

describe('eval-slot (vec-dnn): bounded inputs, refusals name the input field', () => {
  it('accepts the valid input', () => {
    expect(cliLine(runVecDnnEvalSlot, vecDnnInput)).toBeNull();
  });

  it('a queue of 1e308 is refused with the field and its range (it gave a reward of 2.9e299)', () => {
    expect(cliLine(runVecDnnEvalSlot, withCv({ queue: 1e308 }))).toEqual({
      line: 'invalid eval-slot input:\n  - state.cvs.0.queue: got 1e308; allowed 0..1e15',
      exitCode: 2,
    });
    expect(cliLine(runVecDnnEvalSlot, { ...vecDnnInput, state: { ...vecDnnInput.state, svs: [{ cpuHz: 7e9, queue: 1e300 }] } })?.line).toBe(
      'invalid eval-slot input:\n  - state.svs.0.queue: got 1e300; allowed 0..1e15',
    );
    expect(cliLine(runVecDnnEvalSlot, { ...vecDnnInput, state: { ...vecDnnInput.state, rsuQueues: { alexnet: 1e300 } } })?.line).toBe(
      'invalid eval-slot input:\n  - state.rsuQueues.alexnet: got 1e300; allowed 0..1e15',
    );
  });

  it('CPU, distances and fading have physical bounds; a CPU of 1e-300 Hz no longer ends in "cvs.0.dLoc is not finite"', () => {
    expect(cliLine(runVecDnnEvalSlot, withCv({ cpuHz: 1e-300 }))?.line).toBe('invalid eval-slot input:\n  - state.cvs.0.cpuHz: got 1e-300; allowed 1..1e13');
    expect(cliLine(runVecDnnEvalSlot, withCv({ cpuHz: 1e308 }))?.line).toBe('invalid eval-slot input:\n  - state.cvs.0.cpuHz: got 1e308; allowed 1..1e13');
    expect(cliLine(runVecDnnEvalSlot, withCv({ distRsu: 1e308 }))?.line).toBe('invalid eval-slot input:\n  - state.cvs.0.distRsu: got 1e308; allowed 0..100000');
    expect(cliLine(runVecDnnEvalSlot, withCv({ fadingRsu: 1e-320 }))?.line).toBe('invalid eval-slot input:\n  - state.cvs.0.fadingRsu: got 1e-320; allowed 1e-9..1000');
    expect(cliLine(runVecDnnEvalSlot, withCv({ distSv: [1e308] }))?.line).toBe('invalid eval-slot input:\n  - state.cvs.0.distSv.0: got 1e308; allowed 0..100000');
  });

  it('an unknown key names the nearest known one', () => {
    expect(cliLine(runVecDnnEvalSlot, withCv({ queu: 5 }))?.line).toBe(
      "invalid eval-slot input:\n  - state.cvs.0.queu: unknown key 'state.cvs.0.queu' in eval-slot input; did you mean 'state.cvs.0.queue'?",
    );
    expect(cliLine(runVecDnnEvalSlot, { ...vecDnnInput, decision: [] })?.line).toMatch(/- decision: unknown key 'decision' in eval-slot input; did you mean 'decisions'\?/);
  });

  it('every answer for the largest allowed values is finite', () => {
    const out = JSON.parse(runVecDnnEvalSlot(JSON.stringify(withCv({ queue: 1e15, cpuHz: 1, fadingRsu: 1e-9, distRsu: 1e5 })))) as { reward: number };
    expect(Number.isFinite(out.reward)).toBe(true);
  });

  it('a byte-order mark before the JSON is accepted', () => {
    expect(cliLine(runVecDnnEvalSlot, `\uFEFF${JSON.stringify(vecDnnInput)}`)).toBeNull();
  });
});

describe('eval-slot (isac-dt): actions in [0, 1] or refused, bounded inputs', () => {
  it('accepts the valid input', () => {
    expect(cliLine(runIsacEvalSlot, isacInput)).toBeNull();
  });

  it('an action outside [0, 1] is refused naming its entry (it was clipped silently)', () => {
    expect(cliLine(runIsacEvalSlot, { ...isacInput, actions: [[0.2, 1.5, 0.3, 0.5]] })).toEqual({
      line: 'invalid eval-slot input:\n  - actions.0.1: got 1.5; allowed 0..1',
      exitCode: 2,
    });
    expect(cliLine(runIsacEvalSlot, { ...isacInput, actions: [[-0.1, 0.6, 0.3, 0.5]] })?.line).toBe('invalid eval-slot input:\n  - actions.0.0: got -0.1; allowed 0..1');
  });

  it('queues, positions, CPU and task sizes have physical bounds', () => {
    expect(cliLine(runIsacEvalSlot, withIsacCv({ localQueueCycles: 1e308 }))?.line).toBe('invalid eval-slot input:\n  - cvs.0.localQueueCycles: got 1e308; allowed 0..1e15');
    expect(cliLine(runIsacEvalSlot, withIsacCv({ xM: 1e308 }))?.line).toBe('invalid eval-slot input:\n  - cvs.0.xM: got 1e308; allowed -1e7..1e7');
    expect(cliLine(runIsacEvalSlot, withIsacCv({ cpuHz: 1e300 }))?.line).toBe('invalid eval-slot input:\n  - cvs.0.cpuHz: got 1e300; allowed 1..1e13');
    expect(cliLine(runIsacEvalSlot, withIsacCv({ task: { ...task, dataBits: 1e308 } }))?.line).toBe('invalid eval-slot input:\n  - cvs.0.task.dataBits: got 1e308; allowed > 0 and <= 1e12');
    expect(cliLine(runIsacEvalSlot, { ...isacInput, rsus: [{ queueCycles: 1e308 }, {}, {}] })?.line).toBe('invalid eval-slot input:\n  - rsus.0.queueCycles: got 1e308; allowed 0..1e15');
  });

  it('unknown keys, also inside a CV, name the nearest known one', () => {
    expect(cliLine(runIsacEvalSlot, withIsacCv({ speed: 3 }))?.line).toBe(
      "invalid eval-slot input:\n  - cvs.0.speed: unknown key 'cvs.0.speed' in eval-slot input; did you mean 'cvs.0.speedMps'?",
    );
  });

  it('a byte-order mark before the JSON is accepted', () => {
    expect(cliLine(runIsacEvalSlot, `\uFEFF${JSON.stringify(isacInput)}`)).toBeNull();
  });
});
