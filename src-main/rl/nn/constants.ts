// Constant tensors filled with one value, cached per backend and shape. On tfjs-wasm a binary op between a
// scalar and a matrix takes a slow broadcasting loop (~3 ns/element) while two same-shape operands go to
// XNNPACK (~0.3 ns/element), so the element-wise formulas multiply by full-shape constants instead.
import * as tf from '@tensorflow/tfjs';

const cache = new Map<string, tf.Tensor>();

export function filled<T extends tf.Tensor>(value: number, like: T): T {
  const key = `${tf.getBackend()}|${value}|${like.shape.join('x')}`;
  let t = cache.get(key);
  if (!t || t.isDisposed) {
    t = tf.keep(tf.fill(like.shape, value, 'float32'));
    cache.set(key, t);
  }
  return t as T;
}

/** Frees every cached constant (tests and long-lived processes switching shapes). */
export function clearConstants(): void {
  for (const t of cache.values()) t.dispose();
  cache.clear();
}
