import { describe, expect, it } from 'vitest';
import { computeGae } from '../../../src-main/rl/continuous/gae';

describe('computeGae (eq. 46)', () => {
  it('matches a hand-computed three-step episode ending in a terminal state', () => {
    // gamma 0.9, lambda 0.8 (gamma lambda = 0.72):
    // delta_2 = 2 - 0.2 = 1.8                      A_2 = 1.8
    // delta_1 = 0 + 0.9 * 0.2 - 1.0 = -0.82        A_1 = -0.82 + 0.72 * 1.8 = 0.476
    // delta_0 = 1 + 0.9 * 1.0 - 0.5 = 1.4          A_0 = 1.4 + 0.72 * 0.476 = 1.74272
    const { advantages, returns } = computeGae({
      rewards: [1, 0, 2],
      values: [0.5, 1.0, 0.2],
      nextValues: [1.0, 0.2, 0.7],
      terminals: [0, 0, 1],
      cuts: [0, 0, 1],
      gamma: 0.9,
      lambda: 0.8,
    });
    expect([...advantages].map((a) => +a.toFixed(10))).toEqual([1.74272, 0.476, 1.8]);
    expect([...returns].map((r) => +r.toFixed(10))).toEqual([2.24272, 1.476, 2.0]);
  });

  it('bootstraps across a cut that is not terminal and does not carry advantages over it', () => {
    // delta_0 = 1 + 0.5 * 5 = 3.5 (cut: A_0 = delta_0); the rollout ends after step 1: A_1 = 1 + 0.5 * 3 = 2.5
    const { advantages } = computeGae({
      rewards: [1, 1],
      values: [0, 0],
      nextValues: [5, 3],
      terminals: [0, 0],
      cuts: [1, 0],
      gamma: 0.5,
      lambda: 1,
    });
    expect([...advantages]).toEqual([3.5, 2.5]);
  });

  it('with lambda = 1 the returns are the discounted Monte-Carlo returns', () => {
    const rewards = [0.3, -1, 2, 0.5];
    const gamma = 0.9;
    const { returns } = computeGae({
      rewards,
      values: [4, -2, 7, 1],
      nextValues: [-2, 7, 1, 123],
      terminals: [0, 0, 0, 1],
      cuts: [0, 0, 0, 1],
      gamma,
      lambda: 1,
    });
    const mc = rewards.map((_, t) => rewards.slice(t).reduce((s, r, k) => s + gamma ** k * r, 0));
    returns.forEach((r, t) => expect(r).toBeCloseTo(mc[t], 12));
  });

  it('with lambda = 0 the advantage is the one-step TD error', () => {
    const { advantages } = computeGae({
      rewards: [1, 2],
      values: [0.5, 0.25],
      nextValues: [0.25, 4],
      terminals: [0, 0],
      cuts: [0, 0],
      gamma: 0.5,
      lambda: 0,
    });
    expect([...advantages]).toEqual([1 + 0.125 - 0.5, 2 + 2 - 0.25]);
  });

  it('rejects arrays of different lengths', () => {
    expect(() =>
      computeGae({ rewards: [1, 2], values: [0], nextValues: [0, 0], terminals: [0, 0], cuts: [0, 0], gamma: 0.9, lambda: 0.9 }),
    ).toThrow(/values has length 1/);
  });
});
