import { describe, expect, it } from 'vitest';
import { epsilonAt, greedyAction, randomLegalAction } from '../../src-main/rl/exploration';
import { Random } from '../../src-main/sim/random';

describe('action selection (eq. 54) and exploration', () => {
  it('anneals epsilon linearly and then holds it', () => {
    const s = { start: 1, finish: 0.05, annealSteps: 1000 };
    expect(epsilonAt(0, s)).toBe(1);
    expect(epsilonAt(500, s)).toBeCloseTo(0.525, 12);
    expect(epsilonAt(1000, s)).toBe(0.05);
    expect(epsilonAt(5000, s)).toBe(0.05);
    expect(epsilonAt(3, { start: 1, finish: 0.2, annealSteps: 0 })).toBe(0.2);
  });

  it('takes the argmax over legal actions only, ties to the lowest index', () => {
    const q = Float32Array.of(0.1, 0.9, 0.5, 0.9);
    expect(greedyAction(q)).toBe(1);
    expect(greedyAction(q, Uint8Array.of(1, 0, 1, 1))).toBe(3);
    expect(greedyAction(q, Uint8Array.of(1, 0, 0, 0))).toBe(0);
    expect(() => greedyAction(q, Uint8Array.of(0, 0, 0, 0))).toThrow(/no legal action/);
  });

  it('explores uniformly over legal actions', () => {
    const rng = Random.fromSeed(3);
    const mask = Uint8Array.of(0, 1, 0, 1, 1);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[randomLegalAction(5, mask, rng)]++;
    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
    for (const a of [1, 3, 4]) expect(Math.abs(counts[a] - 1000)).toBeLessThan(120);
  });
});
