// Mish activation, mish(x) = x tanh(softplus(x)), in an exact form that tfjs-wasm evaluates fast:
// with s = sigmoid(x) (vectorised by XNNPACK) and t = s(2 - s) = 1 - (1-s)^2, tanh(softplus(x)) = t / (2 - t),
// because 1 + e^x = 1/(1-s). No exp overflow: s saturates to 0 or 1 and the ratio to 0 or 1.
// Derivative: tanh(sp) + x sech^2(sp) sigmoid(x) = r + x s (1 - r^2) with r = t/(2 - t).
// s below 1e-20 (x < -46) is flushed to 0 (see flush.ts), so mish(x) there is 0 instead of ~x e^x.
import * as tf from '@tensorflow/tfjs';
import { filled } from './constants';
import { FLUSH_BELOW, flushTiny } from './flush';

export type Activation = 'mish' | 'relu';

function mishParts(x: tf.Tensor): { s: tf.Tensor; r: tf.Tensor } {
  const two = filled(2, x);
  const s = flushTiny(tf.sigmoid(x)); // see flush.ts: no subnormals into later matMuls
  const t = tf.mul(s, tf.sub(two, s));
  const r = tf.div(t, tf.sub(two, t));
  return { s, r };
}

export function mish<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => tf.mul(x, mishParts(x).r) as T);
}

/** y = act(x) and dy/dx, for backpropagation through hidden layers. */
export function activationWithDerivative<T extends tf.Tensor>(x: T, act: Activation): { y: T; dydx: T } {
  return tf.tidy(() => {
    if (act === 'relu') return { y: tf.relu(x) as T, dydx: tf.step(x) as T };
    const { s, r } = mishParts(x);
    const y = tf.mul(x, r) as T;
    const dydx = tf.add(r, tf.mul(tf.mul(x, s), tf.sub(filled(1, x), tf.square(r)))) as T;
    return { y, dydx };
  });
}

export function activation<T extends tf.Tensor>(x: T, act: Activation): T {
  return act === 'relu' ? tf.relu(x) : mish(x);
}

/** In-place a[i] = act(a[i] + bias[i]) on plain arrays (the batch-1 decision path); bias may be null. */
export function activationInPlace(a: Float32Array, bias: Float32Array | null, act: Activation): void {
  const n = a.length;
  if (act === 'relu') {
    for (let i = 0; i < n; i++) {
      const v = bias ? a[i] + bias[i] : a[i];
      a[i] = v > 0 ? v : 0;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = bias ? a[i] + bias[i] : a[i];
    let s = 1 / (1 + Math.exp(-v));
    if (s < FLUSH_BELOW) s = 0;
    const t = s * (2 - s);
    a[i] = (v * t) / (2 - t);
  }
}
