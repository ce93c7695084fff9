import { describe, expect, it } from 'vitest';
import { isacDtScenarioSchema } from '../../../src-shared/schemas/isac-dt-scenario';
import { parseWith, ValidationError } from '../../../src-shared/validation';

describe('isac-dt scenario schema', () => {
  it('fills the defaults of Sec. VII-A and Table II', () => {
    const s = isacDtScenarioSchema.parse({});
    expect(s.env).toBe('isac-dt');
    expect(s.slots).toBe(30);
    expect(s.slotDurationS).toBe(1);
    expect(s.road).toMatchObject({ lengthM: 700, lanes: 4, laneWidthM: 3.75 });
    expect(s.rsus).toMatchObject({ count: 3, spacingM: 150, heightM: 10, coverageRadiusM: 200, cpuHz: 20e9, lateralOffsetM: 9.75 });
    expect(s.channel).toMatchObject({ bandwidthHz: 20e6, noiseW: 1e-13, txPowerW: 1, sensingGain: 1.5 });
    expect(s.channel.pathLoss).toEqual({ interceptDb: -38.4, slopeDb: 21.0 });
    expect(s.cvs.speedMps).toEqual({ min: 12, max: 16 });
    expect(s.cvs.cpuHz).toEqual({ min: 2e9, max: 3e9 });
    expect(s.tasks.dataBits).toEqual({ min: 1e6, max: 3e6 });
    expect(s.tasks.cyclesPerBit).toEqual({ min: 1500, max: 2000 });
    expect(s.tasks.coTransformCyclesPerBit).toEqual({ min: 100, max: 500 });
    expect(s.energy).toMatchObject({ kappaCv: 1e-26, kappaRsu: 1e-28 });
    expect(s.lyapunov.controlV).toBe(5);
    expect(s.costWeightAlpha).toBe(0.6);
    expect(s.cvs.count).toBe(5);
    expect(s.digitalTwin.enabled).toBe(true);
  });

  it('names the bad field and the allowed range', () => {
    const bad = (data: unknown) => {
      try {
        parseWith(isacDtScenarioSchema, data, 'isac-dt scenario');
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
        return (err as ValidationError).message;
      }
      throw new Error('expected a validation error');
    };
    expect(bad({ costWeightAlpha: 1.5 })).toMatch(/costWeightAlpha: .*(<=|1)/);
    expect(bad({ cvs: { count: 0 } })).toMatch(/cvs\.count/);
    expect(bad({ cvs: { cpuHz: { min: 3e9, max: 2e9 } } })).toMatch(/cvs\.cpuHz: min must be <= max/);
    expect(bad({ rsus: { twinReserveHz: 2e10 } })).toMatch(/rsus\.twinReserveHz: must be below rsus\.cpuHz/);
    expect(bad({ rsus: { count: 2, positionsXM: [100] } })).toMatch(/rsus\.positionsXM: must list rsus\.count/);
    expect(bad({ offloading: { targets: 'any' } })).toMatch(/offloading\.targets/);
    expect(bad({ env: 'vec-dnn' })).toMatch(/env/);
  });
});
