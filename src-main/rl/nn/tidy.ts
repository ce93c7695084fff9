// tf.tidy for results that are plain objects holding tensors (and nulls): tensors returned are kept,
// every other tensor created inside is disposed. tf.tidy's own typing does not admit null members.
import * as tf from '@tensorflow/tfjs';

export function tidy<T>(fn: () => T): T {
  return tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as T;
}
