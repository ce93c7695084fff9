// A fully connected trunk with hand-written backpropagation: hidden layers use an activation, the last
// layer is linear. Keeping the backward pass explicit lets the diffusion chain batch the weight gradients
// of all M steps into one matMul per layer and lets agent groups run in worker threads.
import * as tf from '@tensorflow/tfjs';
import { tidy } from './tidy';
import { activation, activationWithDerivative, type Activation } from './mish';
import { flushTiny } from './flush';
import { fusedKernels, type FusedKernels } from './fused';
import { linear, linearInputGrad } from './linear';

export interface DenseLayer {
  w: tf.Tensor2D;
  /** Null when the caller supplies the bias through `firstAdd` (layer 0 only). */
  b: tf.Tensor1D | null;
}

export type TrunkCache = {
  /** hidden[l]: the output of hidden layer l, i.e. the input of layer l+1 (l = 0..L-2). */
  hidden: tf.Tensor2D[];
  /** derivs[l]: activation derivative at hidden layer l (l = 0..L-2). */
  derivs: tf.Tensor2D[];
};

/** Row `row` of `table` [R, H0], added to every row of layer 0's pre-activation after `firstAdd`. */
export interface FirstBias {
  table: tf.Tensor2D;
  row: number;
}

/**
 * Forward pass; `firstAdd` ([B, H0] or broadcastable) plus the row `firstBias` ([1, H0]) is added to layer 0's
 * pre-activation: pre + (firstAdd + firstBias).
 */
export function trunkForward(
  x: tf.Tensor2D,
  layers: readonly DenseLayer[],
  act: Activation,
  firstAdd: tf.Tensor2D | null,
  keepCache: boolean,
  firstBias: FirstBias | null = null,
): { out: tf.Tensor2D; cache: TrunkCache | null } {
  const fk = fusedKernels();
  if (fk) return trunkForwardFused(fk, x, layers, act, firstAdd, keepCache, firstBias);
  if (firstBias) {
    const row = tf.slice(firstBias.table, [firstBias.row, 0], [1, -1]) as tf.Tensor2D;
    const add = firstAdd ? (tf.add(firstAdd, row) as tf.Tensor2D) : row;
    const res = trunkForward(x, layers, act, add, keepCache, null);
    tf.dispose(add === row ? [row] : [row, add]);
    return res;
  }
  return tidy(() => {
    const hidden: tf.Tensor2D[] = [];
    const derivs: tf.Tensor2D[] = [];
    let h = x;
    for (let l = 0; l < layers.length; l++) {
      let pre = linear(h, layers[l].w, layers[l].b);
      if (l === 0 && firstAdd) pre = tf.add(pre, firstAdd);
      if (l === layers.length - 1) {
        h = pre;
        break;
      }
      if (keepCache) {
        const { y, dydx } = activationWithDerivative(pre, act);
        derivs.push(dydx);
        hidden.push(y);
        h = y;
      } else {
        h = activation(pre, act);
      }
    }
    const cache: TrunkCache | null = keepCache ? { hidden, derivs } : null;
    return { out: h, cache };
  });
}

/**
 * trunkForward with each hidden layer's (firstAdd +) activation (+ derivative) as one fused kernel call on the
 * matMul's output, which becomes the layer's output in place (fused.ts). Same values as the tf-op path.
 */
function trunkForwardFused(
  fk: FusedKernels,
  x: tf.Tensor2D,
  layers: readonly DenseLayer[],
  act: Activation,
  firstAdd: tf.Tensor2D | null,
  keepCache: boolean,
  firstBias: FirstBias | null,
): { out: tf.Tensor2D; cache: TrunkCache | null } {
  return tidy(() => {
    const hidden: tf.Tensor2D[] = [];
    const derivs: tf.Tensor2D[] = [];
    const kind = act === 'relu' ? 1 : 0;
    let h = x;
    for (let l = 0; l < layers.length; l++) {
      const pre = linear(h, layers[l].w, layers[l].b); // a fresh tensor: the kernel may overwrite it
      const add = l === 0 ? firstAdd : null;
      let bias = 0; // byte offset of the firstBias row
      if (l === 0 && firstBias) {
        if (firstBias.table.shape[1] !== pre.shape[1]) throw new Error(`trunk: firstBias has ${firstBias.table.shape[1]} columns, layer 0 ${pre.shape[1]}`);
        bias = fk.ptr(firstBias.table) + 4 * firstBias.row * pre.shape[1];
      }
      if (l === layers.length - 1) {
        // a trunk without hidden layers: the tf-op form of the same sum
        const row = l === 0 && firstBias ? (tf.slice(firstBias.table, [firstBias.row, 0], [1, -1]) as tf.Tensor2D) : null;
        const full = add && row ? tf.add(add, row) : (add ?? row);
        h = full ? (tf.add(pre, full) as tf.Tensor2D) : pre;
        break;
      }
      let addPtr = 0;
      if (add) {
        // a broadcast firstAdd goes through tf.add first; the common same-shape one is read by the kernel
        if (add.shape[0] === pre.shape[0] && add.shape[1] === pre.shape[1]) addPtr = fk.ptr(add);
        else {
          const sum = tf.add(pre, add) as tf.Tensor2D;
          fk.k.axpy(fk.ptr(sum), 1, 0, fk.ptr(pre), pre.size); // pre <- pre + add (x 1 is exact)
        }
      }
      const d = keepCache ? fk.out<tf.Rank.R2>(pre.shape) : null;
      fk.k.act(fk.ptr(pre), addPtr, bias, fk.ptr(pre), d ? fk.ptr(d) : 0, pre.shape[0], pre.shape[1], kind); // y = act(v), d = act'(v)
      if (d) {
        derivs.push(d);
        hidden.push(pre);
      }
      h = pre;
    }
    const cache: TrunkCache | null = keepCache ? { hidden, derivs } : null;
    return { out: h, cache };
  });
}

/**
 * Backward through the data path given dL/d(out). `wT[l]` is W_l^T. Returns dL/d(pre-activation) of every
 * layer (the last one is dOut itself, not copied) and, if asked, dL/d(trunk input).
 * `derivs` are the cached activation derivatives. The weight gradients are left to the caller
 * (linearParamGrads), which may stack several passes first.
 */
export function trunkBackwardData(
  wT: readonly tf.Tensor2D[],
  derivs: readonly tf.Tensor2D[],
  dOut: tf.Tensor2D,
  wantInputGrad: boolean,
): { dPre: tf.Tensor2D[]; dX: tf.Tensor2D | null } {
  return tidy(() => {
    const L = wT.length;
    const dPre: tf.Tensor2D[] = new Array(L);
    dPre[L - 1] = dOut;
    const fk = fusedKernels();
    for (let l = L - 2; l >= 0; l--) {
      const g = linearInputGrad(dPre[l + 1], wT[l + 1]);
      if (fk) {
        fk.k.mulFlush(fk.ptr(g), fk.ptr(derivs[l]), fk.ptr(g), g.size); // in place on the fresh matMul output
        dPre[l] = g;
      } else dPre[l] = flushTiny(tf.mul(g, derivs[l]) as tf.Tensor2D);
    }
    const dX = wantInputGrad ? linearInputGrad(dPre[0], wT[0]) : null;
    return { dPre, dX };
  });
}
