import { describe, expect, it } from 'vitest';
import { driftTerm, exactDrift, objectiveValue, penaltyTerm, rewardOf } from '../../../src-main/sim/vec-dnn/lyapunov';

describe('paper 1 objective (32) and reward (56)', () => {
  it('sums Q (arrivals - service) per queue group', () => {
    expect(driftTerm([2, 3], [1, 4], [2, 1])).toBe(2 * (1 - 2) + 3 * (4 - 1));
    expect(driftTerm([], [], [])).toBe(0);
  });

  it('exact drift L(t+1) - L(t) with L = 1/2 sum Q^2 (eqs. 28-29)', () => {
    expect(exactDrift([2, 0, 1], [1, 3, 1])).toBe(0.5 * (1 + 9 + 1 - 4 - 0 - 1));
    expect(exactDrift([], [])).toBe(0);
  });

  it('weights the completion times by V', () => {
    expect(penaltyTerm(10, [0.5, 1.25])).toBe(17.5);
  });

  it('adds penalty and drifts; the reward is the exact negative', () => {
    const t = { penalty: 17.5, localDrift: -2, rsuDrift: 4, svDrift: -0.5 };
    expect(objectiveValue(t)).toBe(19);
    expect(rewardOf(t)).toBe(-19);
  });
});
