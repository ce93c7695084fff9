// Projected time of a reproduction (an estimate): hand-computed from the cost table, and the ETA rescaled by
// the wall time of finished runs.
import { describe, expect, it } from 'vitest';
import { experimentRequestSchema, planExperiment } from '../../src-shared/api/experiments';
import { ALGO_COSTS, formatDuration, projectExperiment, projectRunSeconds, remainingSeconds, RUN_OVERHEAD_S } from '../../src-shared/reproduction/projection';

const exp = experimentRequestSchema.parse({
  env: 'vec-dnn',
  scenario: { cvs: { count: 7 }, slots: 30 },
  algos: [{ algo: 'mad2rl' }, { algo: 'greedy' }],
  episodes: 100,
  seeds: [1, 2],
  evalEvery: 40,
  evalEpisodes: 5,
});

describe('projection', () => {
  it('counts evaluation points (every 40 and after the last) for learners only and scales by #CVs', () => {
    const [mad, , greedy] = planExperiment(exp);
    // MAD2RL: 100 x 30 slots x 102 ms (7 CVs = its reference) + 3 points (40, 80, 100) x 5 episodes x 30 x 2.2 ms.
    expect(projectRunSeconds(mad)).toBeCloseTo(RUN_OVERHEAD_S + (100 * 30 * 102 + 15 * 30 * 2.2) / 1000, 9);
    // Greedy: no evaluation; 0.1 ms per slot at 7 CVs (its reference).
    expect(projectRunSeconds(greedy)).toBeCloseTo(RUN_OVERHEAD_S + (100 * 30 * 0.1) / 1000, 9);
    // Scaled by #CVs: 5 CVs cost 5/7 of the reference's learning and evaluation time.
    const five = planExperiment(experimentRequestSchema.parse({ ...exp, scenario: { cvs: { count: 5 }, slots: 30 } }))[0];
    expect(projectRunSeconds(five)).toBeCloseTo(RUN_OVERHEAD_S + ((100 * 30 * 102 + 15 * 30 * 2.2) * 5) / 7 / 1000, 9);
    const p = projectExperiment(exp);
    expect([p.runs, p.episodesPerRun, p.totalEpisodes]).toEqual([4, 100, 2 * 115 + 2 * 100]);
    expect(p.basis).toMatch(/^estimate/);
    expect(ALGO_COSTS.genetic.learner).toBe(false);
  });

  it('rescales the remaining runs by measured / projected of the finished ones', () => {
    const planned = planExperiment(exp);
    const proj = planned.map((r) => projectRunSeconds(r));
    const first = remainingSeconds(planned, [], null);
    expect(first).toEqual({ seconds: proj.reduce((a, b) => a + b, 0), calibrated: false });
    // Run 0 took twice its projection; run 1 is half done: the rest is projected x 2.
    const later = remainingSeconds(planned, [{ index: 0, wallTimeS: 2 * proj[0] }], { index: 1, fraction: 0.5 });
    expect(later.calibrated).toBe(true);
    expect(later.seconds).toBeCloseTo(2 * (0.5 * proj[1] + proj[2] + proj[3]), 9);
  });

  it('formats durations', () => {
    expect([formatDuration(42), formatDuration(600), formatDuration(3 * 3600), formatDuration(5 * 86400)]).toEqual(['42 s', '10 min', '3.0 h', '5.0 days']);
  });
});
