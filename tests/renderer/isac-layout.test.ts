// The paper-2 preview's geometry matches the simulator's placement and coverage rule (issue 12, item 7).
import { describe, expect, it } from 'vitest';
import { isacLayout, laneCentreYM, rsuPositionsXM } from '../../src-shared/charts/isac-layout';
import { distance3dM, laneCentreYM as simLane, rsuPositionsXM as simRsus } from '../../src-main/sim/isac-dt/channel';
import { isacDtScenarioSchema } from '../../src-shared/schemas/isac-dt-scenario';

describe('paper-2 layout preview', () => {
  it('places lanes and RSUs as the simulator does', () => {
    for (const [lanes, w] of [[4, 3.75], [3, 3.5], [1, 5]] as const) {
      for (let k = 0; k < lanes; k++) expect(laneCentreYM(k, lanes, w)).toBe(simLane(k, lanes, w));
    }
    expect(rsuPositionsXM(3, 150, 700)).toEqual(simRsus(3, 150, 700));
    expect(rsuPositionsXM(2, 100, 700, [10, 20])).toEqual(simRsus(2, 100, 700, [10, 20]));
  });

  it('default scenario: three RSUs at 200, 350, 500 m cover every lane except both road ends', () => {
    const s = isacDtScenarioSchema.parse({});
    const l = isacLayout(s);
    expect(l.rsus.map((r) => r.x)).toEqual([200, 350, 500]);
    expect(l.edgesYM).toEqual([-7.5, 7.5]);
    // Ground reach sqrt(200^2 - 10^2) = 199.75 m; the southern lane is 9.75 + 5.625 m away from the RSUs.
    const south = l.uncovered[0];
    expect(south).toHaveLength(2);
    expect(south[0][0]).toBe(0);
    expect(south[1][1]).toBe(700);
    const edge = south[0][1];
    expect(distance3dM(edge, l.laneCentresYM[0], 200, 9.75, 10)).toBeCloseTo(200, 6);
  });

  it('an RSU too high for its radius covers nothing; a long spacing leaves gaps between RSUs', () => {
    const s = isacDtScenarioSchema.parse({ rsus: { heightM: 300 } });
    expect(isacLayout(s).uncovered[0]).toEqual([[0, 700]]);
    const wide = isacLayout(isacDtScenarioSchema.parse({ rsus: { count: 2, spacingM: 600, coverageRadiusM: 100 } }));
    // RSUs at 50 and 650 m reach about 99 m along the lane: one gap in the middle, none at the ends.
    expect(wide.uncovered[1]).toHaveLength(1);
    expect(wide.uncovered[1][0][0]).toBeCloseTo(50 + 98.8, 0);
    expect(wide.uncovered[1][0][1]).toBeCloseTo(650 - 98.8, 0);
  });
});

describe('paper-2 form fields', () => {
  it('every field of the form exists in the scenario with defaults, and enums offer the schema choices', async () => {
    const { isacGroups, isacEnumOptions } = await import('../../src-renderer/src/views/scenario/isac-fields');
    const { getAt } = await import('../../src-renderer/src/stores/paths');
    const d = isacDtScenarioSchema.parse({});
    for (const f of isacGroups.flatMap((g) => g.fields)) {
      const v = getAt(d, f.path);
      if (f.kind === 'enum') expect(isacEnumOptions(f.path)).toContain(v);
      else if (f.kind === 'boolean') expect(typeof v).toBe('boolean');
      else expect(typeof v, f.path).toBe('number');
    }
    expect(isacEnumOptions('digitalTwin.offMasks')).toEqual(['g-rsu', 'rsu-queues', 'global']);
    expect(isacEnumOptions('road.lengthM')).toEqual([]);
  });
});
