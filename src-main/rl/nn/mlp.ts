// A fully connected trunk with hand-written backpropagation: hidden layers use an activation, the last
// layer is linear. Keeping the backward pass explicit lets the diffusion chain batch the weight gradients
// of all M steps into one matMul per layer and lets agent groups run in worker threads.
import * as tf from '@tensorflow/tfjs';
import { tidy } from './tidy';
import { activation, activationWithDerivative, type Activation } from './mish';
import { flushTiny } from './flush';
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

/** Forward pass; `firstAdd` ([B, H0] or broadcastable) is added to layer 0's pre-activation. */
export function trunkForward(
  x: tf.Tensor2D,
  layers: readonly DenseLayer[],
  act: Activation,
  firstAdd: tf.Tensor2D | null,
  keepCache: boolean,
): { out: tf.Tensor2D; cache: TrunkCache | null } {
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
    for (let l = L - 2; l >= 0; l--) dPre[l] = flushTiny(tf.mul(linearInputGrad(dPre[l + 1], wT[l + 1]), derivs[l]) as tf.Tensor2D);
    const dX = wantInputGrad ? linearInputGrad(dPre[0], wT[0]) : null;
    return { dPre, dX };
  });
}
