// The calibration's setting and warm-up (bench/calibrate-measure.ts), and one tiny measurement of a heuristic through
// the runner's entry points. Structure only: no wall-clock figure is asserted.
import { describe, expect, it } from 'vitest';
import { calibrationRequest, measureAlgorithm, warmUpSlots } from '../../bench/calibrate-measure';

describe('calibration setting', () => {
  it('measures each paper on its reference experiment at paper scale', () => {
    const mad = calibrationRequest('mad2rl');
    expect(mad.experiment).toBe('p1-convergence');
    expect(mad.kind).toBe('learner');
    expect(mad.request.hyper).toMatchObject({ denoisingSteps: 7 });
    expect(mad.request.scenario).toMatchObject({ cvs: { count: 7 }, svs: { count: 5 } });
    // A heuristic the experiment does not run: the same scenario, its own defaults.
    const genetic = calibrationRequest('genetic');
    expect([genetic.request.algo, genetic.kind, genetic.request.hyper]).toEqual(['genetic', 'heuristic', {}]);
    expect(genetic.request.scenario).toEqual(mad.request.scenario);
    const masac = calibrationRequest('ly-masac');
    expect([masac.experiment, masac.request.env]).toEqual(['p2-convergence', 'isac-dt']);
    expect(masac.request.scenario).toMatchObject({ cvs: { count: 5 } });
  });

  it('warms up past the first learning step, else one episode', () => {
    expect(warmUpSlots({ learningStarts: 64, batchSize: 64, trainEvery: 1 }, 30)).toBe(67);
    expect(warmUpSlots({ warmupSlots: 1000, batchSize: 256 }, 30)).toBe(1003);
    expect(warmUpSlots({ learningStarts: 10, batchSize: 128 }, 30)).toBe(131);
    expect(warmUpSlots({ rollout: 'episode' }, 30)).toBe(30);
    expect(warmUpSlots({}, 5)).toBe(5);
  });

  it('measures a heuristic with a tiny budget', async () => {
    const m = await measureAlgorithm('greedy', { minSlots: 2, minMs: 0 });
    expect(m).toMatchObject({ algo: 'greedy', env: 'vec-dnn', experiment: 'p1-convergence', agents: 7, learner: false, backend: null, warmUpSlots: 30 });
    // Training ends at an episode's end (30 slots); evaluation as soon as its minimum is met.
    expect(m.slotsTimed).toBe(30);
    expect(m.evalSlotsTimed).toBe(2);
    expect(m.msPerSlot).toBeGreaterThan(0);
    expect(m.evalMsPerSlot).toBeGreaterThan(0);
  });
});
