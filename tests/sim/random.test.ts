import { describe, expect, it } from 'vitest';
import { Random } from '../../src-main/sim/random';

// Statistical checks use N = 100 000 draws and a 5-sigma tolerance: a correct sampler fails one of them with
// probability below 1e-6, while a sampler off by the tolerance fails almost surely. The draws are seeded, so the
// outcome is also reproducible.
const N = 100_000;
const draws = (n: number, f: () => number) => Array.from({ length: n }, f);
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: readonly number[]) => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};

describe('Random.exponential (Rayleigh power gain |u|^2 ~ Exp(1), eqs. 1, 2)', () => {
  const xs = draws(N, (() => {
    const rng = Random.fromSeed(11);
    return () => rng.exponential();
  })());

  it('is positive with sample mean 1 and variance 1', () => {
    expect(xs.every((x) => x > 0 && Number.isFinite(x))).toBe(true);
    // sd of the mean = 1 / sqrt(N) = 0.00316 -> 5 sigma = 0.0158.
    expect(Math.abs(mean(xs) - 1)).toBeLessThan(0.016);
    // Var of the sample variance of Exp(1) = (mu4 - sigma^4) / N = (9 - 1) / N -> sd 0.0089, 5 sigma = 0.045.
    expect(Math.abs(variance(xs) - 1)).toBeLessThan(0.045);
  });

  it('follows the CDF 1 - exp(-x): half the draws below ln 2, 95 % below ln 20', () => {
    const below = (x: number) => xs.filter((v) => v < x).length / N;
    // Binomial sd = sqrt(p (1 - p) / N): 0.00158 at p = 0.5 (5 sigma 0.0079), 0.00069 at p = 0.95 (5 sigma 0.0034).
    expect(Math.abs(below(Math.LN2) - 0.5)).toBeLessThan(0.0079);
    expect(Math.abs(below(Math.log(20)) - 0.95)).toBeLessThan(0.0034);
    expect(Math.abs(below(1) - (1 - Math.exp(-1)))).toBeLessThan(5 * Math.sqrt((0.632 * 0.368) / N));
  });

  it('passes a Kolmogorov-Smirnov test against Exp(1)', () => {
    const sorted = [...xs].sort((a, b) => a - b);
    let d = 0;
    sorted.forEach((x, i) => {
      const f = 1 - Math.exp(-x);
      d = Math.max(d, (i + 1) / N - f, f - i / N);
    });
    // Critical value at the 0.1 % level: 1.95 / sqrt(N) = 0.0062.
    expect(d).toBeLessThan(1.95 / Math.sqrt(N));
  });
});

describe('Random.uniformIn and uniform', () => {
  it('uniformIn(4e9, 6e9) (a CV CPU of Sec. 8.1) stays in [4e9, 6e9) with mean 5e9', () => {
    const rng = Random.fromSeed(5);
    const xs = draws(N, () => rng.uniformIn(4e9, 6e9));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(4e9);
    expect(Math.max(...xs)).toBeLessThan(6e9);
    // sd of one draw = 2e9 / sqrt(12) = 5.77e8; of the mean 1.83e6 -> 5 sigma = 9.2e6.
    expect(Math.abs(mean(xs) - 5e9)).toBeLessThan(9.2e6);
    // The draws fill the interval: both outer tenths are reached.
    expect(xs.some((x) => x < 4.2e9) && xs.some((x) => x > 5.8e9)).toBe(true);
  });

  it('uniform() is in [0, 1) with a quarter of the draws in each quarter', () => {
    const rng = Random.fromSeed(6);
    const xs = draws(N, () => rng.uniform());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    // Binomial sd at p = 0.25: sqrt(0.1875 / N) = 0.00137 -> 5 sigma = 0.0068.
    for (let q = 0; q < 4; q++) {
      const share = xs.filter((x) => x >= q / 4 && x < (q + 1) / 4).length / N;
      expect(Math.abs(share - 0.25)).toBeLessThan(0.0068);
    }
  });

  it('uniformIn with lo = hi returns lo; int(n) stays in 0..n-1 and reaches both ends', () => {
    const rng = Random.fromSeed(8);
    expect(rng.uniformIn(3, 3)).toBe(3);
    const ints = draws(1000, () => rng.int(5));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4]));
  });
});

describe('Random determinism and forks', () => {
  const first = (rng: Random, n = 20) => draws(n, () => rng.uniform());

  it('the same seed gives the same stream; another seed a different one', () => {
    expect(first(Random.fromSeed(42))).toEqual(first(Random.fromSeed(42)));
    expect(first(Random.fromSeed(42))).not.toEqual(first(Random.fromSeed(43)));
    const a = Random.fromSeed(9);
    const b = Random.fromSeed(9);
    expect([a.exponential(), a.normal(), a.uniformIn(1, 2)]).toEqual([b.exponential(), b.normal(), b.uniformIn(1, 2)]);
  });

  it('a saved state resumes the same stream', () => {
    const rng = Random.fromSeed(4);
    first(rng, 7);
    const resumed = Random.fromState(rng.getState());
    expect(first(resumed)).toEqual(first(rng));
  });

  it('a non-integer seed is refused', () => {
    expect(() => Random.fromSeed(1.5)).toThrow('seed must be an integer, got 1.5');
  });

  it('forks are deterministic, differ from each other and from the parent', () => {
    const parentA = Random.fromSeed(21);
    const parentB = Random.fromSeed(21);
    const [a1, a2] = [parentA.fork(), parentA.fork()];
    const [b1] = [parentB.fork()];
    const s1 = first(a1);
    expect(s1).toEqual(first(b1));
    expect(s1).not.toEqual(first(a2));
    expect(first(parentA)).not.toEqual(s1);
  });

  it("drawing from a fork does not change the parent's later draws", () => {
    const used = Random.fromSeed(30);
    const unused = Random.fromSeed(30);
    const child = used.fork();
    unused.fork();
    first(child, 1000);
    expect(first(used)).toEqual(first(unused));
  });

  it('parent and fork streams are uncorrelated', () => {
    const parent = Random.fromSeed(31);
    const child = parent.fork();
    const xs = first(parent, N);
    const ys = first(child, N);
    const mx = mean(xs);
    const my = mean(ys);
    let cov = 0;
    for (let i = 0; i < N; i++) cov += (xs[i] - mx) * (ys[i] - my);
    const r = cov / (N - 1) / Math.sqrt(variance(xs) * variance(ys));
    // Under independence r has sd 1 / sqrt(N) = 0.00316 -> 5 sigma = 0.0158.
    expect(Math.abs(r)).toBeLessThan(0.0158);
  });
});
