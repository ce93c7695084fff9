// The shipped reproduction scenario file and the readings the p2 presets use are the same fields, and a
// --scenario base replaces those readings rather than being overridden by them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isacDtReproductionReadings } from '../../src-shared/schemas/isac-dt-reproduction';
import { isacDtScenarioSchema } from '../../src-shared/schemas/isac-dt-scenario';
import { paperExperiments, sweepDefinition, type PaperSweepExperiment } from '../../src-main/experiments/paper-experiments';

const file = path.resolve(__dirname, '../../resources/scenarios/isac-dt-reproduction.json');

describe('paper-2 reproduction readings', () => {
  it('resources/scenarios/isac-dt-reproduction.json holds exactly the readings', () => {
    const { env, name, ...fields } = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(env).toBe('isac-dt');
    expect(typeof name).toBe('string');
    expect(fields).toEqual(isacDtReproductionReadings);
    const s = isacDtScenarioSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect([s.energy.kappaCv, s.energy.eMaxPerCvJ, s.energy.virtualQueue, s.lyapunov.reward, s.state.timeFeature]).toEqual([1e-28, 0.5, 'per-cv', 'per-agent', true]);
  });

  it('every p2 preset runs on them, with fixed-ratio as a floor, and --scenario replaces them', () => {
    const p2 = paperExperiments.filter((e): e is PaperSweepExperiment => e.kind === 'sweep' && e.paper === 2);
    expect(p2).toHaveLength(3);
    for (const e of p2) {
      const s = isacDtScenarioSchema.parse(e.request.scenario);
      expect(s.energy.virtualQueue).toBe('per-cv');
      expect(s.lyapunov.reward).toBe('per-agent');
      expect(s.lyapunov.controlV).toBe(5);
      if (e.id !== 'p2-v') expect(e.request.algos.map((a) => a.algo)).toContain('fixed-ratio');
      const custom = sweepDefinition(e, 'paper', { scenario: { env: 'isac-dt', energy: { kappaCv: 1e-32 } } });
      const c = isacDtScenarioSchema.parse(custom.experiment.scenario);
      expect([c.energy.kappaCv, c.energy.virtualQueue, c.lyapunov.reward]).toEqual([1e-32, 'system', 'summed']);
    }
  });
});
