import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScenario, loadScenarioFile, parseScenario, saveScenarioFile } from '../../../src-main/experiments/scenarios';
import { UserError } from '../../../src-shared/errors';
import { vecDnnScenarioSchema, type VecDnnScenario } from '../../../src-shared/schemas/vec-dnn-scenario';
import { ValidationError } from '../../../src-shared/validation';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-scenario-'));

/** The ValidationError's message for scenario `data` (fails the test when it parses). */
function bad(data: unknown): string {
  try {
    parseScenario('vec-dnn', data);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).message;
  }
  throw new Error('expected a validation error');
}

describe('vec-dnn scenario defaults (paper 1, Sec. 8.1)', () => {
  const s = defaultScenario('vec-dnn');

  it('channel: 10 MHz, -114 dBm noise, 23 dBm CV power, Rayleigh fading', () => {
    expect(s.channel.bandwidthHz).toBe(10e6);
    expect(s.channel.noiseDbm).toBe(-114);
    expect(s.channel.cvTxPowerDbm).toBe(23);
    expect(s.channel.fading).toBe('rayleigh');
  });

  it('path loss: V2I -38.4 - 21.0 log10 d, V2V -44.23 - 16.7 log10 d (dB); V2V radius 150 m', () => {
    expect(s.channel.v2iPathLoss).toEqual({ interceptDb: -38.4, slopeDb: 21.0 });
    expect(s.channel.v2vPathLoss).toEqual({ interceptDb: -44.23, slopeDb: 16.7 });
    expect(s.v2vRadiusM).toBe(150);
  });

  it('CPUs: CV U[4, 6] GHz, SV U[6, 8] GHz, RSU 30 GHz; 7 CVs and 5 SVs', () => {
    expect(s.cvs.cpuHz).toEqual({ min: 4e9, max: 6e9 });
    expect(s.svs.cpuHz).toEqual({ min: 6e9, max: 8e9 });
    expect(s.rsu.cpuHz).toBe(30e9);
    expect(s.cvs.count).toBe(7);
    expect(s.svs.count).toBe(5);
    expect(s.cvs.modelMix).toEqual(['AlexNet', 'ResNet18', 'VGG16']);
  });

  it('rho = 4 bytes (eq. 3), tau = 1 s, T = 30 slots, V = 10 (eq. 30), workloads in 1e9 operations', () => {
    expect(s.bytesPerElement).toBe(4);
    expect(s.slotDurationS).toBe(1);
    expect(s.slots).toBe(30);
    expect(s.lyapunovV).toBe(10);
    expect(s.workloadUnitOps).toBe(1e9);
  });

  it('env tag, seed 1 and the built-in highway at 25 m/s', () => {
    expect(s.env).toBe('vec-dnn');
    expect(s.seed).toBe(1);
    expect(s.mobility).toMatchObject({ kind: 'highway', meanSpeedMps: 25 });
  });

  it('a partial scenario keeps the other defaults of its section', () => {
    const p = vecDnnScenarioSchema.parse({ channel: { bandwidthHz: 20e6 }, cvs: { count: 3 } });
    expect(p.channel).toMatchObject({ bandwidthHz: 20e6, noiseDbm: -114, cvTxPowerDbm: 23 });
    expect(p.cvs).toMatchObject({ count: 3, cpuHz: { min: 4e9, max: 6e9 } });
  });
});

describe('vec-dnn scenario files', () => {
  it('save then load gives back the same scenario; the file is plain JSON', () => {
    const file = path.join(tmp(), 'nested', 'dir', 'scenario.json'); // missing folders are created
    const edited: VecDnnScenario = vecDnnScenarioSchema.parse({
      name: 'edited',
      seed: 42,
      lyapunovV: 2.5,
      cvs: { count: 4, modelMix: ['VGG16'] },
      channel: { v2vPathLoss: { interceptDb: -50, slopeDb: 20 } },
    });
    saveScenarioFile(file, edited);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(edited);
    const loaded = loadScenarioFile(file);
    expect(loaded.env).toBe('vec-dnn');
    expect(loaded.scenario).toEqual(edited);
  });

  it('a file with only some fields loads with the Sec. 8.1 defaults filled in', () => {
    const file = path.join(tmp(), 'partial.json');
    fs.writeFileSync(file, JSON.stringify({ svs: { count: 3 } }));
    const { env, scenario } = loadScenarioFile(file);
    expect(env).toBe('vec-dnn');
    expect(scenario).toEqual({ ...defaultScenario('vec-dnn'), svs: { count: 3, cpuHz: { min: 6e9, max: 8e9 } } });
  });

  it('an invalid file names the field, the value and the allowed range', () => {
    const file = path.join(tmp(), 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ cvs: { count: 0 }, channel: { bandwidthHz: 0 } }));
    expect(() => loadScenarioFile(file)).toThrow(ValidationError);
    expect(() => loadScenarioFile(file)).toThrow(
      'invalid vec-dnn scenario:\n  - channel.bandwidthHz: got 0; allowed > 0 and <= 1e11\n  - cvs.count: got 0; allowed 1..64 (integer)',
    );
  });

  it('unreadable, malformed and wrong-env files are user errors', () => {
    const dir = tmp();
    expect(() => loadScenarioFile(path.join(dir, 'missing.json'))).toThrow(/cannot read scenario file .*missing\.json/);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ "slots": ');
    expect(() => loadScenarioFile(path.join(dir, 'broken.json'))).toThrow(UserError);
    fs.writeFileSync(path.join(dir, 'isac.json'), JSON.stringify({ env: 'isac-dt' }));
    expect(() => loadScenarioFile(path.join(dir, 'isac.json'), 'vec-dnn')).toThrow("scenario is for env 'isac-dt', expected 'vec-dnn'");
  });
});

describe('vec-dnn scenario validation: field path and allowed range', () => {
  it('numbers out of range state the value and both bounds', () => {
    expect(bad({ cvs: { count: 65 } })).toContain('  - cvs.count: got 65; allowed 1..64 (integer)');
    expect(bad({ svs: { count: 0 } })).toContain('  - svs.count: got 0; allowed 1..64 (integer)');
    expect(bad({ slots: 0 })).toContain('  - slots: got 0; allowed 1..10000 (integer)');
    expect(bad({ channel: { noiseDbm: 60 } })).toContain('  - channel.noiseDbm: got 60; allowed -250..50');
    expect(bad({ channel: { v2vPathLoss: { interceptDb: -44.23, slopeDb: -1 } } })).toContain(
      '  - channel.v2vPathLoss.slopeDb: got -1; allowed 0..100',
    );
    expect(bad({ bytesPerElement: 17 })).toContain('  - bytesPerElement: got 17; allowed > 0 and <= 16');
    expect(bad({ rsu: { cpuHz: 2e13 } })).toContain('  - rsu.cpuHz: got 2e13; allowed > 0 and <= 1e13');
    expect(bad({ cvs: { cpuHz: { min: 1e3, max: 6e9 } } })).toContain('  - cvs.cpuHz.min: got 1000; allowed 1e6..1e12');
  });

  it('V must be > 0 (the RSU CPU split, eq. 49); its message also gives the range', () => {
    expect(bad({ lyapunovV: 0 })).toContain('  - lyapunovV: must be > 0 (the RSU CPU split, eq. 49, needs V > 0); got 0; allowed > 0 and <= 1e9');
    expect(parseScenario('vec-dnn', { lyapunovV: 1e-3 })).toMatchObject({ lyapunovV: 1e-3 });
  });

  it('fields inside the mobility union and custom model rows are found by their path', () => {
    expect(bad({ mobility: { kind: 'highway', meanSpeedMps: 80 } })).toContain('  - mobility.meanSpeedMps: got 80; allowed > 0 and <= 70');
    const model = { name: 'Mlp', layers: [{ kind: 'fc', name: 'f1', uIn: 0, uOut: 5 }] };
    expect(bad({ customModels: [model] })).toContain('  - customModels.0.layers.0.uIn: uIn must be >= 1; got 0; allowed 1..1e9 (integer)');
  });

  it('lengths, integers, choices and cross-field rules read plainly', () => {
    expect(bad({ name: '' })).toContain('  - name: got 0 characters; allowed 1..120 characters');
    expect(bad({ cvs: { modelMix: [] } })).toContain('  - cvs.modelMix: got 0 items; allowed >= 1 items');
    expect(bad({ seed: 2.5 })).toContain('  - seed: expected an integer, got 2.5');
    expect(bad({ channel: { fading: 'rician' } })).toContain('  - channel.fading: expected one of "rayleigh" | "none", got "rician"');
    expect(bad({ svs: { cpuHz: { min: 8e9, max: 6e9 } } })).toContain('  - svs.cpuHz: min must be <= max');
  });

  it('every bad field is reported, each on its own line', () => {
    const message = bad({ slots: -1, seed: -1, v2vRadiusM: 0 });
    expect(message.split('\n')).toEqual([
      'invalid vec-dnn scenario:',
      '  - seed: got -1; allowed 0..2147483647 (integer)',
      '  - slots: got -1; allowed 1..10000 (integer)',
      '  - v2vRadiusM: got 0; allowed > 0 and <= 10000',
    ]);
  });
});
