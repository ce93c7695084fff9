import { describe, expect, it } from 'vitest';
import { FastNormal } from '../../src-main/rl/nn/normal-noise';

describe('ziggurat normal sampler', () => {
  it('has the moments and tail mass of N(0, 1)', () => {
    const n = 400_000;
    const a = new FastNormal(12345).fill(new Float32Array(n));
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    let beyond2 = 0;
    let beyond3 = 0;
    for (const x of a) {
      s1 += x;
      s2 += x * x;
      s4 += x ** 4;
      if (Math.abs(x) > 2) beyond2++;
      if (Math.abs(x) > 3) beyond3++;
    }
    // standard errors: mean 1/sqrt(n) = 0.0016, variance sqrt(2/n) = 0.0022, kurtosis ~ sqrt(96/n) = 0.015
    expect(Math.abs(s1 / n)).toBeLessThan(0.008);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.011);
    expect(Math.abs(s4 / n - 3)).toBeLessThan(0.08);
    // P(|Z| > 2) = 0.0455, P(|Z| > 3) = 0.0027
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(0.0017);
    expect(Math.abs(beyond3 / n - 0.0027)).toBeLessThan(0.0005);
  });

  it('is determined by its seed', () => {
    const a = new FastNormal(7).fill(new Float32Array(1000));
    const b = new FastNormal(7).fill(new Float32Array(1000));
    const c = new FastNormal(8).fill(new Float32Array(1000));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(() => new FastNormal(1.5)).toThrow(/integer/);
  });
});
