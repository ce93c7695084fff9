// Issue 13 item 6: scenario schemas are strict. An unknown key is an error naming its full path and the nearest
// known key (also inside unions, arrays and custom model rows); every scenario the workbench ships or builds
// (resources/scenarios, the paper experiments at every scale, presets, test fixtures) still parses.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioPresets } from '../../src-main/engine/presets';
import { paperExperiments, scaleNames, sweepDefinition } from '../../src-main/experiments/paper-experiments';
import { defaultScenario, loadScenarioFile, parseScenario } from '../../src-main/experiments/scenarios';
import { experimentRequestSchema, planExperiment } from '../../src-shared/api/experiments';
import { editDistance, nearestName } from '../../src-shared/nearest-name';
import { parseEnvScenario } from '../../src-shared/schemas/scenario';
import { ValidationError } from '../../src-shared/validation';
import { handScenario } from './isac-dt/fixtures';
import { customModels } from './vec-dnn/fixtures';

const scenariosDir = path.join(import.meta.dirname, '../../resources/scenarios');

/** The issues a scenario is refused with (none: accepted). */
function issuesOf(env: 'vec-dnn' | 'isac-dt', data: unknown): { path: string; message: string }[] {
  try {
    parseEnvScenario(env, data);
    return [];
  } catch (err) {
    if (err instanceof ValidationError) return err.issues;
    throw err;
  }
}

describe('nearestName / editDistance', () => {
  it('counts single-character edits and picks the closest known name', () => {
    expect(editDistance('slotz', 'slots')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearestName('slotz', ['seed', 'slots', 'slotDurationS'])).toBe('slots');
    expect(nearestName('COVERAGERADIUSM', ['x', 'y', 'coverageRadiusM'])).toBe('coverageRadiusM');
    expect(nearestName('x', [])).toBeUndefined();
  });
});

describe('strict scenario schemas', () => {
  it('an unknown key names its full path and the nearest known key, at every depth', () => {
    expect(issuesOf('vec-dnn', { slotz: 30 })).toEqual([{ path: 'slotz', message: "unknown key 'slotz' in scenario; did you mean 'slots'?" }]);
    expect(issuesOf('vec-dnn', { channel: { bandwidthHZ: 1e6 } })).toEqual([
      { path: 'channel.bandwidthHZ', message: "unknown key 'channel.bandwidthHZ' in scenario; did you mean 'channel.bandwidthHz'?" },
    ]);
    expect(issuesOf('vec-dnn', { channel: { v2iPathLoss: { interceptDb: -38, slopeDb: 21, slope: 2 } } })).toEqual([
      { path: 'channel.v2iPathLoss.slope', message: "unknown key 'channel.v2iPathLoss.slope' in scenario; did you mean 'channel.v2iPathLoss.slopeDb'?" },
    ]);
    expect(issuesOf('vec-dnn', { cvs: { cpuHz: { min: 4e9, max: 6e9, mean: 5e9 } } })).toEqual([
      { path: 'cvs.cpuHz.mean', message: "unknown key 'cvs.cpuHz.mean' in scenario; did you mean 'cvs.cpuHz.min'?" },
    ]);
    expect(issuesOf('isac-dt', { rsus: { coverageRadius: 100 } })).toEqual([
      { path: 'rsus.coverageRadius', message: "unknown key 'rsus.coverageRadius' in scenario; did you mean 'rsus.coverageRadiusM'?" },
    ]);
  });

  it('inside the mobility union the suggestion comes from the kind given', () => {
    expect(issuesOf('vec-dnn', { mobility: { kind: 'highway', lane: 2 } })).toEqual([
      { path: 'mobility.lane', message: "unknown key 'mobility.lane' in scenario; did you mean 'mobility.lanes'?" },
    ]);
    // `file` belongs to the sumo-fcd kind: a highway does not take it.
    expect(issuesOf('vec-dnn', { mobility: { kind: 'highway', file: 'x.xml' } }).map((i) => i.path)).toEqual(['mobility.file']);
    expect(issuesOf('vec-dnn', { mobility: { kind: 'sumo-fcd', file: 'x.xml', startTime: 3 } })).toEqual([
      { path: 'mobility.startTime', message: "unknown key 'mobility.startTime' in scenario; did you mean 'mobility.startTimeS'?" },
    ]);
  });

  it('custom model rows are strict too', () => {
    const model = { name: 'Mlp', layers: [{ kind: 'fc', name: 'f1', uIn: 8, uOut: 4, uOutt: 3 }] };
    expect(issuesOf('vec-dnn', { customModels: [model] })).toEqual([
      { path: 'customModels.0.layers.0.uOutt', message: "unknown key 'customModels.0.layers.0.uOutt' in scenario; did you mean 'customModels.0.layers.0.uOut'?" },
    ]);
  });

  it('env outside the known ones lists them; a known other env says which', () => {
    expect(issuesOf('vec-dnn', { env: 3 })).toEqual([{ path: 'env', message: 'expected one of "vec-dnn" | "isac-dt", got 3' }]);
    expect(issuesOf('isac-dt', { env: 'vec-dnm' })).toEqual([{ path: 'env', message: 'expected one of "vec-dnn" | "isac-dt", got "vec-dnm"' }]);
    expect(() => parseEnvScenario('isac-dt', { env: 'vec-dnn' })).toThrow("scenario is for env 'vec-dnn', expected 'isac-dt'");
  });

  it('physical upper bounds: positions, CPU, units, layer sizes', () => {
    expect(issuesOf('vec-dnn', { rsu: { y: -1e308 } })).toEqual([{ path: 'rsu.y', message: 'got -1e308; allowed -1e7..1e7' }]);
    expect(issuesOf('vec-dnn', { rsu: { coverageRadiusM: 0.5 } })).toEqual([{ path: 'rsu.coverageRadiusM', message: 'got 0.5; allowed 1..100000' }]);
    expect(issuesOf('vec-dnn', { workloadUnitOps: 1e308 })).toEqual([{ path: 'workloadUnitOps', message: 'got 1e308; allowed > 0 and <= 1e15' }]);
    expect(issuesOf('vec-dnn', { svs: { cpuHz: { min: 6e9, max: 1e300 } } })).toEqual([{ path: 'svs.cpuHz.max', message: 'got 1e300; allowed 1e6..1e12' }]);
    const huge = { name: 'Big', layers: [{ kind: 'fc', name: 'f1', uIn: 1e12, uOut: 4 }] };
    expect(issuesOf('vec-dnn', { customModels: [huge] })[0]).toEqual({ path: 'customModels.0.layers.0.uIn', message: 'uIn must be <= 1000000000; got 1e12; allowed 1..1e9 (integer)' });
    expect(issuesOf('isac-dt', { lyapunov: { queueUnitCycles: 1e308 } })).toEqual([{ path: 'lyapunov.queueUnitCycles', message: 'got 1e308; allowed > 0 and <= 1e15' }]);
    expect(issuesOf('isac-dt', { rsus: { count: 1, positionsXM: [1e308] } }).map((i) => i.path)).toContain('rsus.positionsXM.0');
  });
});

describe('everything the workbench ships or builds still parses', () => {
  it('resources/scenarios/*.json', () => {
    const files = fs.readdirSync(scenariosDir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(() => loadScenarioFile(path.join(scenariosDir, f)), f).not.toThrow();
  });

  it('a resolved scenario (defaults filled) parses again unchanged', () => {
    for (const env of ['vec-dnn', 'isac-dt'] as const) {
      const resolved = defaultScenario(env);
      expect(parseScenario(env, JSON.parse(JSON.stringify(resolved)))).toEqual(resolved);
    }
  });

  it('the paper experiments at every scale (partial scenarios merged onto the readings), with every sweep value', () => {
    let checked = 0;
    for (const exp of paperExperiments) {
      if (exp.kind !== 'sweep') continue;
      for (const scale of scaleNames) {
        const request = experimentRequestSchema.parse(sweepDefinition(exp, scale).experiment);
        for (const run of planExperiment(request)) {
          if (run.request.scenario === 'default') continue;
          expect(issuesOf(request.env, run.request.scenario), `${exp.id} ${scale} ${run.label}`).toEqual([]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a --scenario base laid under an experiment (resources/scenarios) still parses', () => {
    const base = JSON.parse(fs.readFileSync(path.join(scenariosDir, 'isac-dt-energy-in-mb.json'), 'utf8')) as Record<string, unknown>;
    for (const exp of paperExperiments) {
      if (exp.kind !== 'sweep' || exp.paper !== 2) continue;
      const request = experimentRequestSchema.parse(sweepDefinition(exp, 'smoke', { scenario: base }).experiment);
      for (const run of planExperiment(request)) expect(issuesOf('isac-dt', run.request.scenario === 'default' ? {} : run.request.scenario)).toEqual([]);
    }
  });

  it('the UI presets and the test fixtures', () => {
    for (const preset of scenarioPresets) expect(issuesOf(preset.env, preset.scenario), preset.id).toEqual([]);
    expect(issuesOf('isac-dt', handScenario)).toEqual([]);
    expect(issuesOf('vec-dnn', { customModels, cvs: { modelMix: customModels.map((m) => m.name) } })).toEqual([]);
  });
});
