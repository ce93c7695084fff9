import { describe, expect, it } from 'vitest';
import { convergenceStats, tableIIIDefaults } from '../../src-shared/charts/convergence-stats';
import { ValidationError } from '../../src-shared/validation';

const curve = (y: number[], x = y.map((_, i) => i + 1)) => ({ x, y });

describe('convergenceStats (Table III)', () => {
  it('defaults: last 50 episodes, 95 %, 50-episode smoothing, progress target, sample std over the tail', () => {
    expect(tableIIIDefaults).toEqual({ lastN: 50, fraction: 0.95, window: 50, target: 'progress', std: 'sample', cvOver: 'tail' });
  });

  it('steady reward, coefficient of variation and 95 % convergence episode of a hand-made curve', () => {
    // Reward rises from -10 to -2 linearly over episodes 1..9, then stays at -2 with +/-1 alternation for 10 episodes.
    const y = [-10, -9, -8, -7, -6, -5, -4, -3, -2, -1, -3, -1, -3, -1, -3, -1, -3, -1, -3];
    const s = convergenceStats(curve(y), { lastN: 10, window: 1 });
    // last 10: -1,-3 alternating -> mean -2, sample std sqrt(10/9)
    expect(s.steadyReward).toBeCloseTo(-2, 12);
    expect(s.coefficientOfVariation).toBeCloseTo(Math.sqrt(10 / 9) / 2, 12);
    // threshold = -10 + 0.95 * 8 = -2.4; first value >= -2.4 is -2 at episode 9
    expect(s.targetReward).toBeCloseTo(-2.4, 12);
    expect(s.convergenceEpisode).toBe(9);
  });

  describe('a negative curve -10, -5, -3, -2.3, -2.05, -2, -2.1, -1.9 with lastN 4', () => {
    const y = [-10, -5, -3, -2.3, -2.05, -2, -2.1, -1.9];
    // tail -2.05, -2, -2.1, -1.9: mean -2.0125, deviations -0.0375, 0.0125, -0.0875, 0.1125, sum of squares 0.021875

    it('sample and population std', () => {
      const sample = convergenceStats(curve(y), { lastN: 4, window: 1 });
      expect(sample.steadyReward).toBeCloseTo(-2.0125, 12);
      expect(sample.coefficientOfVariation).toBeCloseTo(Math.sqrt(0.021875 / 3) / 2.0125, 12);
      const pop = convergenceStats(curve(y), { lastN: 4, window: 1, std: 'population' });
      expect(pop.coefficientOfVariation).toBeCloseTo(Math.sqrt(0.00546875) / 2.0125, 12);
    });

    it("'progress': 95 % of the way from the first episode", () => {
      const m = convergenceStats(curve(y), { lastN: 4, window: 1 });
      expect(m.targetReward).toBeCloseTo(-10 + 0.95 * (10 - 2.0125), 12); // -2.411875
      expect(m.convergenceEpisode).toBe(4); // -2.3 >= -2.411875, -3 is not
    });

    it("'band': within 5 % of |steady|", () => {
      const m = convergenceStats(curve(y), { lastN: 4, window: 1, target: 'band' });
      expect(m.targetReward).toBeCloseTo(-2.0125 * 1.05, 12); // -2.113125
      expect(m.convergenceEpisode).toBe(5); // -2.05 >= -2.113125; -2.3 is not
    });

    it('trailing moving average with a partial window at the start', () => {
      // 2-episode means: -10, -7.5, -4, -2.65, -2.175, -2.025, -2.05, -2
      const band = convergenceStats(curve(y), { lastN: 4, window: 2, target: 'band' });
      expect(band.convergenceEpisode).toBe(6); // -2.025 >= -2.113125, -2.175 is not
      const progress = convergenceStats(curve(y), { lastN: 4, window: 2 });
      expect(progress.targetReward).toBeCloseTo(-2.411875, 12); // starts from the first (partial-window) value -10
      expect(progress.convergenceEpisode).toBe(5); // -2.175
    });
  });

  it('positive rewards: the band target is 95 % of the steady value', () => {
    const m = convergenceStats(curve([1, 2, 3, 3.9, 4, 4.1]), { lastN: 3, window: 1, target: 'band' });
    expect(m.steadyReward).toBeCloseTo(4, 12);
    expect(m.targetReward).toBeCloseTo(3.8, 12);
    expect(m.convergenceEpisode).toBe(4);
    // tail 3.9, 4, 4.1: sample std sqrt(0.02 / 2) = 0.1
    expect(m.coefficientOfVariation).toBeCloseTo(0.025, 12);
  });

  it('CV over the whole curve, and lastN longer than the curve', () => {
    // whole curve 1, 2, 3, 3.9, 4, 4.1: mean 3, squared deviations 4 + 1 + 0 + 0.81 + 1 + 1.21 = 8.02
    const all = convergenceStats(curve([1, 2, 3, 3.9, 4, 4.1]), { lastN: 3, window: 1, cvOver: 'all' });
    expect(all.steadyReward).toBeCloseTo(4, 12);
    expect(all.coefficientOfVariation).toBeCloseTo(Math.sqrt(8.02 / 5) / 3, 12);
    const short = convergenceStats(curve([1, 2, 3]), { window: 1, std: 'population' });
    expect(short.steadyReward).toBeCloseTo(2, 12);
    expect(short.coefficientOfVariation).toBeCloseTo(Math.sqrt(2 / 3) / 2, 12);
    expect(short.convergenceEpisode).toBe(2); // target 1 + 0.95 * 1 = 1.95
  });

  it('falling curves (costs) converge downwards under both targets', () => {
    // steady = mean(0.9, 1.0) = 0.95
    const y = [10, 5, 1.04, 1.2, 0.9, 1.0];
    const progress = convergenceStats(curve(y), { lastN: 2, window: 1 });
    expect(progress.targetReward).toBeCloseTo(10 + 0.95 * (0.95 - 10), 12); // 1.4025
    expect(progress.convergenceEpisode).toBe(3);
    const band = convergenceStats(curve(y), { lastN: 2, window: 1, target: 'band' });
    expect(band.targetReward).toBeCloseTo(0.9975, 12);
    expect(band.convergenceEpisode).toBe(5);
  });

  it('the convergence episode is the x value, not the index', () => {
    expect(convergenceStats(curve([10, 5, 1, 1], [10, 20, 30, 40]), { lastN: 2, window: 1 }).convergenceEpisode).toBe(30);
  });

  it('zero mean gives a NaN CV, never reached gives null, an empty curve NaN and null', () => {
    expect(convergenceStats(curve([1, -1]), { lastN: 2, window: 1 }).coefficientOfVariation).toBeNaN();
    // steady = 0.5 (last 1); 3-episode means 0, 0, 1/6 never reach 0.475 (either target)
    expect(convergenceStats(curve([0, 0, 0.5]), { lastN: 1, window: 3, target: 'band' }).convergenceEpisode).toBeNull();
    expect(convergenceStats(curve([0, 0, 0.5]), { lastN: 1, window: 3 }).convergenceEpisode).toBeNull();
    const e = convergenceStats(curve([]));
    expect(e.steadyReward).toBeNaN();
    expect(e.coefficientOfVariation).toBeNaN();
    expect(e.convergenceEpisode).toBeNull();
  });

  it('rejects non-finite rewards, mismatched curves and bad options', () => {
    expect(() => convergenceStats(curve([1, Number.NaN]))).toThrow(/episode 2 is NaN/);
    expect(() => convergenceStats({ x: [1, 2], y: [1] })).toThrow(RangeError);
    expect(() => convergenceStats(curve([1]), { window: 0 })).toThrow(ValidationError);
    expect(() => convergenceStats(curve([1]), { fraction: 1.5 })).toThrow(/fraction/);
    expect(() => convergenceStats(curve([1]), { lastN: 2.5 })).toThrow(/lastN/);
    expect(() => convergenceStats(curve([1]), { smoothing: 3 } as never)).toThrow(ValidationError);
  });
});
