// Linear layers on the fast path of tfjs-wasm: XNNPACK only serves rank-2 matMuls with untransposed
// operands, so every product here is a plain [m,k]x[k,n] matMul and transposes are explicit tensors.
// Two forms: a manual forward/backward pair (the agents, which batch weight gradients over the chain) and
// a tf.customGrad version for code that relies on autodiff (the mixer).
import * as tf from '@tensorflow/tfjs';
import { fusedKernels } from './fused';

/** y = x W + b (b optional): the fused kernels' FMA matMul where available (fused.ts), else tfjs's. */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D | null): tf.Tensor2D {
  const fk = fusedKernels();
  if (fk) return fk.matMul(x, w, b);
  return (b ? tf.fused.matMul({ a: x, b: w, bias: b }) : tf.matMul(x, w)) as tf.Tensor2D;
}

/** Column sums of dy [n, k] as [k], computed as ones[1,n] x dy (a reduction over axis 0 is slow on wasm). */
export function colSum(dy: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => linear(tf.ones([1, dy.shape[0]]), dy).reshape([dy.shape[1]]));
}

/** colSum by tfjs's own matMul: the autodiff users (mixer, continuous learners) keep their exact results. */
function colSumTf(dy: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.matMul(tf.ones([1, dy.shape[0]]), dy).reshape([dy.shape[1]]));
}

/** W^T as a plain tensor (the fused kernel's blocked transpose on tfjs-wasm, tf.transpose elsewhere). */
export function transpose2d(w: tf.Tensor2D): tf.Tensor2D {
  const fk = fusedKernels();
  return fk ? fk.transpose(w) : (tf.transpose(w) as tf.Tensor2D);
}

/** The row-wise concatenation of `parts` transposed, [c, sum of rows], in one pass where the kernels exist. */
export function concatTransposed(parts: readonly tf.Tensor2D[]): tf.Tensor2D {
  const fk = fusedKernels();
  if (fk) return fk.concatTransposed(parts);
  return tf.tidy(() => tf.transpose(parts.length === 1 ? parts[0] : tf.concat(parts as tf.Tensor2D[], 0)) as tf.Tensor2D);
}

/** dW = x^T dy and db = 1^T dy for a layer y = x W + b; x may be given as the row-wise parts of a stack. */
export function linearParamGrads(x: tf.Tensor2D | readonly tf.Tensor2D[], dy: tf.Tensor2D): { dw: tf.Tensor2D; db: tf.Tensor1D } {
  return tf.tidy(() => ({ dw: linear(concatTransposed(Array.isArray(x) ? x : [x as tf.Tensor2D]), dy), db: colSum(dy) }));
}

/** dx = dy W^T, given W^T precomputed (it is reused across the M chain steps). */
export function linearInputGrad(dy: tf.Tensor2D, wT: tf.Tensor2D): tf.Tensor2D {
  return linear(dy, wT);
}

const linearGradImpl = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.fused.matMul({ a: x, b: w, bias: b }),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, tf.transpose(sw)), tf.matMul(tf.transpose(sx), g), colSumTf(g)];
    },
  };
});

/** y = x W + b with a gradient that uses explicit transposes and plain matMuls (for autodiff users). */
export function linearWithGrad(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return linearGradImpl(x, w, b) as tf.Tensor2D;
}
