import { describe, expect, it } from 'vitest';
import { Random } from '../../../src-main/sim/random';
import { gammaOf, psiObjective, rsuCpuSplit } from '../../../src-main/sim/vec-dnn/rsu-allocation';

/** Golden-section minimum of a unimodal f on [a, b] (interior points only). */
function golden(f: (x: number) => number, a: number, b: number, iters = 120): { x: number; fx: number } {
  const r = (Math.sqrt(5) - 1) / 2;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let n = 0; n < iters; n++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - r * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + r * (b - a);
      fd = f(d);
    }
  }
  return fc < fd ? { x: c, fx: fc } : { x: d, fx: fd };
}

/**
 * Independent minimiser of Psi (eq. 42) over the simplex sum f = F (Psi is non-increasing in each f_k, so the
 * budget is spent): K = 2 by golden section on f_1, K = 3 by nested golden sections (partial minimisation of a
 * convex function is convex).
 */
function numericMin(gammas: number[], c: number[], F: number): number {
  const psi = (f: number[]) => psiObjective(gammas, c, f);
  if (gammas.length === 2) return golden((x) => psi([x, F - x]), 0, F).fx;
  return golden((x) => golden((y) => psi([x, y, F - x - y]), 0, F - x, 90).fx, 0, F, 90).fx;
}

describe('Gamma_k (eq. 46)', () => {
  it('counts the queue once per offloading CV and half of the other offloads', () => {
    // n = 2, Q = 6, B = [4, 6]: CV a: 6 + 4 + 6/2 = 13, CV b: 6 + 6 + 4/2 = 14 -> V * 27.
    expect(gammaOf(10, 6, [4, 6])).toBeCloseTo(270, 12);
    expect(gammaOf(10, 6, [4])).toBeCloseTo(100, 12); // n = 1: eq. (46) as printed, V (Q + B)
    expect(gammaOf(2, 1, [1, 2, 3])).toBeCloseTo(2 * (3 + 6 + 6), 12); // 3 Q + sum B + 1/2 * 2 * sum B
    expect(gammaOf(10, 6, [])).toBe(0);
  });
});

describe('RSU CPU split (eqs. 49-51)', () => {
  it('gives all of F to a single model type', () => {
    // eq. (49) with f = F: eta = Q tau + Gamma / F^2 = 3 + 5 / 100.
    expect(rsuCpuSplit([5], [3], 10)).toEqual({ cpu: [10], eta: 3.05, regime: 'interior' });
    expect(rsuCpuSplit([0], [3], 10)).toMatchObject({ cpu: [10], regime: 'linear' });
    expect(rsuCpuSplit([0], [0], 10)).toMatchObject({ cpu: [10], regime: 'empty' });
  });

  it('splits proportionally to sqrt(Gamma) when the queue terms are equal', () => {
    // f = sqrt(Gamma / (eta - c)): Gamma 1 : 4 -> 1 : 2 of F = 3; eta - c = Gamma / f^2 = 1.
    const a = rsuCpuSplit([1, 4], [0, 0], 3);
    expect(a.cpu[0]).toBeCloseTo(1, 12);
    expect(a.cpu[1]).toBeCloseTo(2, 12);
    expect(a.eta).toBeCloseTo(1, 10);
    const b = rsuCpuSplit([1, 4], [2, 2], 3);
    expect(b.cpu[0]).toBeCloseTo(1, 12);
    expect(b.eta).toBeCloseTo(3, 10);
    expect(b.cpu[0] + b.cpu[1]).toBe(3);
  });

  it('solves eq. (51) with different queue terms', () => {
    // Gamma = [8, 2], c = [2, 0]: eta = 4 gives sqrt(8/2) + sqrt(2/4) = 2 + 0.7071 -> F = 2.7071.
    const F = 2 + Math.sqrt(0.5);
    const s = rsuCpuSplit([8, 2], [2, 0], F);
    expect(s.eta).toBeCloseTo(4, 10);
    expect(s.cpu[0]).toBeCloseTo(2, 10);
    expect(s.cpu[1]).toBeCloseTo(Math.sqrt(0.5), 10);
  });

  it('lets a type without offloads but with a large queue pull CPU (idle-queue case)', () => {
    // Psi = 4/f0 - 10 f1 with f1 = 10 - f0: dPsi/df0 = -4/f0^2 + 10 = 0 -> f0 = sqrt(0.4).
    const s = rsuCpuSplit([4, 0], [0, 10], 10);
    expect(s.regime).toBe('idle-queue');
    expect(s.eta).toBe(10);
    expect(s.cpu[0]).toBeCloseTo(Math.sqrt(0.4), 12);
    expect(s.cpu[1]).toBeCloseTo(10 - Math.sqrt(0.4), 12);
    // Ties among idle types share the rest equally.
    const t = rsuCpuSplit([4, 0, 0], [0, 10, 10], 10);
    expect(t.cpu[1]).toBeCloseTo((10 - Math.sqrt(0.4)) / 2, 12);
    expect(t.cpu[2]).toBeCloseTo(t.cpu[1], 15);
    // A small idle queue does not: eta* = 100 / 25 = 4 > 1.
    const u = rsuCpuSplit([100, 0], [0, 1], 5);
    expect(u).toMatchObject({ cpu: [5, 0], regime: 'interior' });
    expect(u.eta).toBeCloseTo(4, 10);
  });

  it('puts all CPU on the largest queue when nothing is offloaded, and splits equally when all is empty', () => {
    expect(rsuCpuSplit([0, 0, 0], [1, 5, 5], 6)).toEqual({ cpu: [0, 3, 3], eta: 5, regime: 'linear' });
    expect(rsuCpuSplit([0, 0, 0], [0, 0, 0], 6)).toEqual({ cpu: [2, 2, 2], eta: 0, regime: 'empty' });
  });

  it('rejects invalid inputs', () => {
    expect(() => rsuCpuSplit([], [], 1)).toThrow(/at least one model type/);
    expect(() => rsuCpuSplit([1], [0], 0)).toThrow(/F must be positive/);
    expect(() => rsuCpuSplit([-1], [0], 1)).toThrow(/Gamma_0/);
    expect(() => rsuCpuSplit([1], [Number.NaN], 1)).toThrow(/Q_0 tau/);
    expect(() => rsuCpuSplit([1, 2], [0], 1)).toThrow(/differ in length/);
  });

  it('matches an independent numerical optimiser of eq. (42) on random instances (K = 2, 3)', () => {
    const rng = Random.fromSeed(42);
    const regimes = new Set<string>();
    for (let n = 0; n < 60; n++) {
      const K = n % 2 === 0 ? 2 : 3;
      const gammas = Array.from({ length: K }, () => (rng.uniform() < 0.25 ? 0 : 10 ** rng.uniformIn(-2, 3)));
      const c = Array.from({ length: K }, () => (rng.uniform() < 0.25 ? 0 : 10 ** rng.uniformIn(-2, 2)));
      const F = 10 ** rng.uniformIn(0, 2);
      const s = rsuCpuSplit(gammas, c, F);
      regimes.add(s.regime);
      expect(s.cpu.every((f) => f >= 0)).toBe(true);
      expect(s.cpu.reduce((a, b) => a + b, 0)).toBeCloseTo(F, 10);
      const ours = psiObjective(gammas, c, s.cpu);
      const num = numericMin(gammas, c, F);
      const scale = Math.max(1, Math.abs(num));
      expect(Math.abs(ours - num) / scale).toBeLessThan(1e-6);
      expect(ours).toBeLessThanOrEqual(num + 1e-9 * scale);
    }
    expect(regimes.has('interior')).toBe(true);
    expect(regimes.has('idle-queue')).toBe(true);
  });
});
