import { dirname, basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src-shared/errors';
import { parseWith } from '../../../src-shared/validation';
import { highwayMobilitySchema, mobilitySchema } from '../../../src-shared/schemas/mobility';
import { vecDnnScenarioSchema } from '../../../src-shared/schemas/vec-dnn-scenario';
import { createMobilitySource } from '../../../src-main/sim/mobility/mobility-source';
import { findCoverageExit } from '../../../src-main/sim/mobility/coverage';
import { Random } from '../../../src-main/sim/random';
import { FIXTURE_FCD, regexPosition, regexTimesteps } from './fcd-regex';

const scenario = vecDnnScenarioSchema.parse({});
const paperOpts = {
  slots: scenario.slots,
  slotDurationS: scenario.slotDurationS,
  cvCount: scenario.cvs.count,
  svCount: scenario.svs.count,
  baseDir: '/nonexistent',
  rsu: scenario.rsu,
};
const fixtureDir = dirname(FIXTURE_FCD);
const fixtureName = basename(FIXTURE_FCD);

describe('createMobilitySource', () => {
  it('builds the paper highway from the default scenario: 7 CVs, 5 SVs, 30 slots inside the coverage', async () => {
    expect(scenario.mobility.kind).toBe('highway');
    const src = await createMobilitySource(scenario.mobility, paperOpts);
    expect(src.description).toMatch(/^highway: 3 lanes/);
    const tr = src.episode(Random.fromSeed(scenario.seed));
    expect([tr.slots, tr.cvs.length, tr.svs.length]).toEqual([30, 7, 5]);
    expect(findCoverageExit([...tr.cvs, ...tr.svs], paperOpts.rsu)).toBeNull();
  });

  it('refuses a highway scenario that would leave the coverage, naming fields and slot', async () => {
    const cfg = parseWith(mobilitySchema, { kind: 'highway', startSpreadM: 600 }, 'mobility');
    // Fastest vehicle from x = 600: 600 + 30 (t-1) > 1499.93 first at t - 1 = 30, i.e. slot 31 > T = 30,
    // so T = 30 fits and T = 31 does not.
    await expect(createMobilitySource(cfg, paperOpts)).resolves.toBeDefined();
    const run = createMobilitySource(cfg, { ...paperOpts, slots: 31 });
    await expect(run).rejects.toThrow(UserError);
    await expect(createMobilitySource(cfg, { ...paperOpts, slots: 31 })).rejects.toThrow(
      /outside the RSU coverage at slot 31.*mobility\.startSpreadM/,
    );
  });

  it('skips the coverage check when no RSU is given', async () => {
    const cfg = parseWith(mobilitySchema, { kind: 'highway', startSpreadM: 5000 }, 'mobility');
    await expect(createMobilitySource(cfg, { ...paperOpts, rsu: undefined })).resolves.toBeDefined();
  });

  it('rejects min speed above max speed and bad counts with the field names', async () => {
    const cfg = { ...highwayMobilitySchema.parse({ kind: 'highway' }), minSpeedMps: 31, maxSpeedMps: 30 };
    await expect(createMobilitySource(cfg, paperOpts)).rejects.toThrow(/mobility\.minSpeedMps \(31\) must be <= mobility\.maxSpeedMps/);
    expect(() => parseWith(mobilitySchema, { kind: 'highway', minSpeedMps: 31 }, 'mobility')).toThrow(/minSpeedMps/);
    await expect(createMobilitySource(scenario.mobility, { ...paperOpts, slots: 0 })).rejects.toThrow(/slots must be/);
  });

  it('replays a SUMO window, resolving a relative path against baseDir, same positions every episode', async () => {
    const cfg = parseWith(mobilitySchema, { kind: 'sumo-fcd', file: fixtureName, startTimeS: 10 }, 'mobility');
    const src = await createMobilitySource(cfg, { ...paperOpts, baseDir: fixtureDir });
    expect(src.description).toContain('CVs veh00');
    const a = src.episode(Random.fromSeed(1));
    a.cvs[0].x[0] = -1; // episodes are copies: mutating one does not leak into the next
    const b = src.episode(Random.fromSeed(2));
    const steps = regexTimesteps(FIXTURE_FCD);
    expect(b.cvs[0].x[0]).toBe(regexPosition(steps, b.cvs[0].id, 10).x);
    expect(b.svs[4].x[29]).toBe(regexPosition(steps, b.svs[4].id, 39).x);
  });

  it('refuses a SUMO window that leaves the coverage, naming the vehicle and slot', async () => {
    const rsu = { x: 300, y: 0, coverageRadiusM: 300 };
    const cfg = parseWith(mobilitySchema, { kind: 'sumo-fcd', file: FIXTURE_FCD, startTimeS: 10 }, 'mobility');
    // Independent expectation: the first slot at which one of the 12 chosen vehicles is > 300 m from (300, 0).
    const steps = regexTimesteps(FIXTURE_FCD);
    const chosen = steps.find((s) => s.timeS === 10)!.vehicles.slice(0, 12).map((v) => v.id);
    let slot = 0;
    let who = '';
    for (let k = 0; k < 30 && slot === 0; k++) {
      for (const id of chosen) {
        const p = regexPosition(steps, id, 10 + k);
        if (Math.hypot(p.x - 300, p.y) > 300) {
          slot = k + 1;
          who = id;
          break;
        }
      }
    }
    expect(slot).toBeGreaterThan(1);
    await expect(createMobilitySource(cfg, { ...paperOpts, rsu })).rejects.toThrow(
      new RegExp(`SUMO vehicle '${who}' .* outside the RSU coverage at slot ${slot}:.*mobility\\.startTimeS`),
    );
  });
});
