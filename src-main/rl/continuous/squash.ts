// The Gaussian policy's squashing onto the action box. The actor's Gaussian lives on the unbounded
// pre-activation u; the environment receives a = low + (high - low) (tanh(u) + 1) / 2 in [low, high], and the
// environment projects the box vector onto the simplex of constraints C4/C5 (src-main/sim/isac-dt/action-mapping.ts).
// Change of variables: log pi(a) = log N(u; mu, sigma) - sum_d log |da_d / du_d|, with
// log |da/du| = log((high - low) / 2) + log(1 - tanh(u)^2) and the stable form
// log(1 - tanh(u)^2) = 2 (log 2 - u - softplus(-2u)).
import * as tf from '@tensorflow/tfjs';

export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LOG2 = Math.log(2);

function softplus(x: number): number {
  return x > 30 ? x : Math.log1p(Math.exp(x));
}

/** log(1 - tanh(u)^2), stable for large |u|. */
export function logOneMinusTanhSq(u: number): number {
  return 2 * (LOG2 - u - softplus(-2 * u));
}

/** Maps a pre-activation u onto [low, high]. */
export function squashToBox(u: number, low: number, high: number): number {
  return low + ((high - low) * (Math.tanh(u) + 1)) / 2;
}

/** The 'clip' action map: the affine part of squashToBox without the tanh, clipped to [low, high]. */
export function clipToBox(u: number, low: number, high: number): number {
  const a = low + ((high - low) * (u + 1)) / 2;
  return a < low ? low : a > high ? high : a;
}

/** A pre-activation that clipToBox maps to a (the affine inverse; the box edges map to u = -1 and +1). */
export function unclipFromBox(a: number, low: number, high: number): number {
  return (2 * (a - low)) / (high - low) - 1;
}

/** Inverse of squashToBox, with a clamped to the open box so the result stays finite. */
export function unsquashFromBox(a: number, low: number, high: number, margin = 1e-6): number {
  const y = (2 * (a - low)) / (high - low) - 1;
  const c = Math.min(1 - margin, Math.max(-1 + margin, y));
  return Math.atanh(c);
}

/** log N(u; mu, sigma) of one coordinate. */
export function gaussianLogDensity(u: number, mu: number, logStd: number): number {
  const z = (u - mu) / Math.exp(logStd);
  return -0.5 * z * z - logStd - LOG_SQRT_2PI;
}

/** Density of a = squashToBox(u), u ~ N(mu, sigma), at a (one coordinate): the change-of-variables formula. */
export function squashedLogDensity(a: number, mu: number, logStd: number, low: number, high: number): number {
  const u = unsquashFromBox(a, low, high, 0);
  return gaussianLogDensity(u, mu, logStd) - Math.log((high - low) / 2) - logOneMinusTanhSq(u);
}

/** Gaussian log-density summed over the last axis (tensor form used in the losses). */
export function gaussianLogProbTf(u: tf.Tensor, mu: tf.Tensor, logStd: tf.Tensor): tf.Tensor {
  const z = tf.div(tf.sub(u, mu), tf.exp(logStd));
  return tf.sum(tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), logStd), LOG_SQRT_2PI), -1);
}

/** sum_d log(1 - tanh(u_d)^2) over the last axis: the tanh part of the log-Jacobian. */
export function tanhLogJacobianTf(u: tf.Tensor): tf.Tensor {
  return tf.sum(tf.mul(2, tf.sub(tf.sub(LOG2, u), tf.softplus(tf.mul(-2, u)))), -1);
}

/** Entropy of a diagonal Gaussian summed over the last axis (the pre-squash entropy PPO's bonus uses). */
export function gaussianEntropyTf(logStd: tf.Tensor): tf.Tensor {
  return tf.sum(tf.add(logStd, 0.5 + LOG_SQRT_2PI), -1);
}
