import { describe, expect, it } from 'vitest';
import { diffusionSchedule } from '../../src-main/rl/nn/diffusion-schedule';
import { stepEmbedding, stepEmbeddingTable } from '../../src-main/rl/nn/step-embedding';

describe('diffusion schedule (eqs. 33-40)', () => {
  // Reference values computed by hand (Python, float64) from the formulas with M = 7, bmin 0.1, bmax 10.
  const s = diffusionSchedule(7, 0.1, 10);

  it('beta_m follows eq. (33)', () => {
    const want = [0.10890668151895455, 0.27192188722639976, 0.40511534840866037, 0.5139426079561427, 0.6028611803506894, 0.6755131294079434, 0.7348742455355967];
    want.forEach((w, i) => expect(s.beta[i]).toBeCloseTo(w, 12));
  });

  it('alpha-hat is the cumulative product (35) and beta-hat follows (37) with beta-hat_1 = 0', () => {
    expect(s.alphaHat[0]).toBeCloseTo(0.8910933184810454, 12);
    expect(s.alphaHat[6]).toBeCloseTo(0.006409333446256381, 12);
    expect(s.betaHat[0]).toBe(0);
    expect(s.betaHat[1]).toBeCloseTo(0.08431916643524331, 12);
    expect(s.betaHat[6]).toBeCloseTo(0.7217347255321871, 12);
    expect(s.noiseStd[6]).toBeCloseTo(Math.sqrt(0.7217347255321871), 12);
  });

  it('mean coefficients of (39)', () => {
    expect(s.meanCoefX[0]).toBeCloseTo(1.059347403257011, 12);
    expect(s.meanCoefEps[0]).toBeCloseTo(0.3495953672281316, 12);
    expect(s.meanCoefEps[6]).toBeCloseTo(1.4318031614367381, 12);
  });

  it('rejects bad parameters', () => {
    expect(() => diffusionSchedule(0, 0.1, 10)).toThrow(/M must be an integer >= 1/);
    expect(() => diffusionSchedule(3, 0, 10)).toThrow(/betaMin and betaMax must be > 0/);
  });
});

describe('sinusoidal step embedding', () => {
  it('is [sin(m w_k), cos(m w_k)] with w_k = 10000^(-k/(h-1))', () => {
    const e = stepEmbedding(3, 4);
    expect(e[0]).toBeCloseTo(Math.sin(3), 6);
    expect(e[1]).toBeCloseTo(Math.sin(3e-4), 6);
    expect(e[2]).toBeCloseTo(Math.cos(3), 6);
    expect(e[3]).toBeCloseTo(Math.cos(3e-4), 6);
  });

  it('orders the table as the chain runs: row 0 is m = M', () => {
    const t = stepEmbeddingTable(5, 4);
    expect(Array.from(t.subarray(0, 4))).toEqual(Array.from(stepEmbedding(5, 4)));
    expect(Array.from(t.subarray(16, 20))).toEqual(Array.from(stepEmbedding(1, 4)));
    expect(() => stepEmbedding(1, 3)).toThrow(/even integer/);
  });
});
