import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src-main/rl/backend';
import {
  gaussianEntropyTf,
  gaussianLogDensity,
  gaussianLogProbTf,
  logOneMinusTanhSq,
  squashedLogDensity,
  squashToBox,
  tanhLogJacobianTf,
  unsquashFromBox,
} from '../../../src-main/rl/continuous/squash';

/** Standard normal CDF from the Numerical Recipes erfc approximation (fractional error < 1.2e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('tanh squashing onto the action box', () => {
  const low = 0;
  const high = 1;

  it('maps onto the box and inverts', () => {
    expect(squashToBox(0, low, high)).toBe(0.5);
    expect(squashToBox(-50, low, high)).toBe(0);
    expect(squashToBox(50, -2, 3)).toBe(3);
    for (const u of [-3, -0.4, 0, 1.7]) expect(unsquashFromBox(squashToBox(u, -2, 3), -2, 3)).toBeCloseTo(u, 9);
    expect(Number.isFinite(unsquashFromBox(1, low, high))).toBe(true);
  });

  it('stable log(1 - tanh^2) agrees with the naive form and stays finite far out', () => {
    for (const u of [-4, -1, 0, 0.3, 2.5]) expect(logOneMinusTanhSq(u)).toBeCloseTo(Math.log(1 - Math.tanh(u) ** 2), 10);
    // for large |u|: log(1 - tanh^2 u) ~ log 4 - 2|u|
    expect(logOneMinusTanhSq(40)).toBeCloseTo(Math.log(4) - 80, 8);
    expect(logOneMinusTanhSq(-40)).toBeCloseTo(Math.log(4) - 80, 8);
  });

  it('squashed density equals the finite-difference derivative of the CDF', () => {
    const mu = 0.3;
    const logStd = Math.log(0.7);
    const sigma = 0.7;
    const cdf = (a: number) => phi((unsquashFromBox(a, low, high, 0) - mu) / sigma);
    for (const a of [0.05, 0.3, 0.5, 0.77, 0.95]) {
      const h = 1e-4;
      const fd = (cdf(a + h) - cdf(a - h)) / (2 * h);
      expect(Math.exp(squashedLogDensity(a, mu, logStd, low, high))).toBeCloseTo(fd, 3);
      expect(Math.exp(squashedLogDensity(a, mu, logStd, low, high)) / fd).toBeCloseTo(1, 3);
    }
  });

  it('squashed density integrates to one over the box', () => {
    const n = 20000;
    let s = 0;
    for (let k = 0; k < n; k++) {
      const a = -2 + (5 * (k + 0.5)) / n;
      s += Math.exp(squashedLogDensity(a, -0.4, Math.log(1.3), -2, 3)) * (5 / n);
    }
    expect(s).toBeCloseTo(1, 4);
  });

  it('tensor log-prob, Jacobian and entropy agree with the scalar formulas', () => {
    const u = [0.2, -1.5, 3];
    const mu = [0, 0.5, 2];
    const ls = [-0.3, 0.1, -1];
    const lp = tf.tidy(() => gaussianLogProbTf(tf.tensor2d([u]), tf.tensor2d([mu]), tf.tensor2d([ls])).dataSync()[0]);
    expect(lp).toBeCloseTo(u.reduce((s, x, i) => s + gaussianLogDensity(x, mu[i], ls[i]), 0), 4);
    const jac = tf.tidy(() => tanhLogJacobianTf(tf.tensor2d([u])).dataSync()[0]);
    expect(jac).toBeCloseTo(u.reduce((s, x) => s + logOneMinusTanhSq(x), 0), 4);
    // entropy of N(mu, sigma^2) = 0.5 log(2 pi e sigma^2)
    const h = tf.tidy(() => gaussianEntropyTf(tf.tensor2d([ls])).dataSync()[0]);
    expect(h).toBeCloseTo(ls.reduce((s, l) => s + 0.5 * Math.log(2 * Math.PI * Math.E) + l, 0), 5);
  });
});
