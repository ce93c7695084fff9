import { describe, expect, it } from 'vitest';
import { convergenceMetrics } from '../../src-main/experiments/convergence-metrics';
import { ValidationError } from '../../src-shared/validation';
import { UserError } from '../../src-shared/errors';

describe('convergenceMetrics (Table III)', () => {
  const curve = [-10, -5, -3, -2.3, -2.05, -2, -2.1, -1.9];

  it('steady reward and CV over the last window', () => {
    const m = convergenceMetrics(curve, { window: 4, smoothing: 1 });
    // tail = [-2.05, -2, -2.1, -1.9]
    expect(m.steadyReward).toBeCloseTo(-2.0125, 12);
    // population std: sqrt((0.0375^2 + 0.0125^2 + 0.0875^2 + 0.1125^2) / 4) = sqrt(0.00546875)
    expect(m.coefficientOfVariation).toBeCloseTo(Math.sqrt(0.00546875) / 2.0125, 12);
    expect(m.episodes).toBe(8);
  });

  it('band target for a negative steady reward: within 5 % of |steady|', () => {
    const m = convergenceMetrics(curve, { window: 4, smoothing: 1 });
    expect(m.targetReward).toBeCloseTo(-2.0125 * 1.05, 12);
    expect(m.convergenceEpisode).toBe(5); // -2.05 >= -2.113125; -2.3 is not
  });

  it('progress target: 95 % of the way from the first episode', () => {
    const m = convergenceMetrics(curve, { window: 4, smoothing: 1, target: 'progress' });
    expect(m.targetReward).toBeCloseTo(-10 + 0.95 * (10 - 2.0125), 12);
    expect(m.convergenceEpisode).toBe(4); // -2.3 >= -2.411875
  });

  it('trailing moving average counts at the window end', () => {
    // 2-episode means from episode 2: -7.5, -4, -2.65, -2.175, -2.025, ...
    const m = convergenceMetrics(curve, { window: 4, smoothing: 2 });
    expect(m.convergenceEpisode).toBe(6);
  });

  it('positive rewards: 95 % of the steady value', () => {
    const m = convergenceMetrics([1, 2, 3, 3.9, 4, 4.1], { window: 3, smoothing: 1 });
    expect(m.steadyReward).toBeCloseTo(4, 12);
    expect(m.targetReward).toBeCloseTo(3.8, 12);
    expect(m.convergenceEpisode).toBe(4);
    expect(m.coefficientOfVariation).toBeCloseTo(Math.sqrt(0.02 / 3) / 4, 12);
  });

  it('CV over the whole curve, and a window longer than the curve', () => {
    const m = convergenceMetrics([1, 2, 3], { window: 50, cvOver: 'all', smoothing: 1 });
    expect(m.steadyReward).toBeCloseTo(2, 12);
    expect(m.coefficientOfVariation).toBeCloseTo(Math.sqrt(2 / 3) / 2, 12);
    expect(m.convergenceEpisode).toBe(2); // 2 >= 1.9
  });

  it('a falling curve under the progress target and a zero mean', () => {
    const falling = convergenceMetrics([0, -1, -2, -2], { window: 2, smoothing: 1, target: 'progress' });
    expect(falling.targetReward).toBeCloseTo(-1.9, 12);
    expect(falling.convergenceEpisode).toBe(3);
    const flat = convergenceMetrics([1, -1], { window: 2, smoothing: 1 });
    expect(flat.coefficientOfVariation).toBeNull();
  });

  it('never reached gives null', () => {
    // steady = 0.5 (last 1), band target 0.475; the 3-episode mean never gets there
    expect(convergenceMetrics([0, 0, 0.5], { window: 1, smoothing: 3 }).convergenceEpisode).toBeNull();
  });

  it('rejects empty curves, non-finite rewards and bad options', () => {
    expect(() => convergenceMetrics([])).toThrow(UserError);
    expect(() => convergenceMetrics([1, Number.NaN])).toThrow(/episode reward 2/);
    expect(() => convergenceMetrics([1], { window: 0 })).toThrow(ValidationError);
    expect(() => convergenceMetrics([1], { fraction: 1.5 })).toThrow(/fraction/);
  });
});
