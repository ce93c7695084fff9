// The QMIX mixing network, eq. (57): Q_tot = W2(S) [ W1(S) Q + b3(S) ] + b4(S), whose weights and biases
// come from hypernetworks fed by the global state S (Sec. 7.5.2). The weights pass through abs() so
// dQ_tot/dQ_i >= 0 (monotonic mixing, as in QMIX [43] / pymarl). Each hypernetwork has `hyperLayers`
// hidden layers of `hyperHidden` ReLU units (Sec. 8.1 (4): 2 x 64). Following QMIX [43], the inner layer
// is followed by an ELU unless `activation` is 'none' (eq. (57) written literally, a linear mixer).
// 'vdn' sums the agents' Q (no parameters); 'independent' is handled by the learner (no mixing at all).
import * as tf from '@tensorflow/tfjs';
import { linearWithGrad } from '../nn/linear';
import type { ParamSet, ParamSpec } from '../nn/params';

export type MixerKind = 'qmix' | 'vdn' | 'independent';

export interface MixerShape {
  kind: MixerKind;
  nAgents: number;
  stateDim: number;
  /** Width of the mixing layer (pymarl's mixing_embed_dim). */
  embed: number;
  hyperHidden: number;
  hyperLayers: number;
  activation: 'elu' | 'none';
}

/** The four hypernetworks of eq. (57) and their output sizes. */
function hyperNets(s: MixerShape): { name: string; out: number }[] {
  return [
    { name: 'hw1', out: s.nAgents * s.embed }, // phi_1 -> W1(S)
    { name: 'hw2', out: s.embed }, // phi_2 -> W2(S)
    { name: 'hb3', out: s.embed }, // phi_3 -> b3(S)
    { name: 'hb4', out: 1 }, // phi_4 -> b4(S)
  ];
}

export function mixerParamSpecs(s: MixerShape): ParamSpec[] {
  if (s.kind !== 'qmix') return [];
  const specs: ParamSpec[] = [];
  for (const net of hyperNets(s)) {
    const widths = [s.stateDim, ...Array.from({ length: s.hyperLayers }, () => s.hyperHidden), net.out];
    for (let l = 0; l < widths.length - 1; l++) {
      specs.push({ name: `${net.name}/w${l}`, shape: [widths[l], widths[l + 1]], fanIn: widths[l] });
      specs.push({ name: `${net.name}/b${l}`, shape: [widths[l + 1]], fanIn: widths[l] });
    }
  }
  return specs;
}

function hyper(p: ParamSet, name: string, layers: number, state: tf.Tensor2D): tf.Tensor2D {
  let h = state;
  for (let l = 0; l <= layers; l++) {
    h = linearWithGrad(h, p.get2d(`${name}/w${l}`), p.get1d(`${name}/b${l}`));
    if (l < layers) h = tf.relu(h);
  }
  return h;
}

/**
 * Q_tot [E] from the agents' chosen Q-values qs [E, n] and global states [E, stateDim], eq. (57).
 * Differentiable with tf.grads (the hypernetworks' linears use the explicit-transpose gradient).
 */
export function mixQ(s: MixerShape, p: ParamSet | null, qs: tf.Tensor2D, states: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    if (s.kind === 'vdn') return tf.sum(qs, 1) as tf.Tensor1D;
    if (s.kind !== 'qmix' || !p) throw new Error(`mixQ: no mixing network for kind '${s.kind}'`);
    const E = qs.shape[0];
    const w1 = tf.abs(hyper(p, 'hw1', s.hyperLayers, states)).reshape([E, s.nAgents, s.embed]); // |W1(S)|
    const b3 = hyper(p, 'hb3', s.hyperLayers, states); // b3(S)
    // W1(S) Q + b3(S): sum_i Q_i W1[i, :], as broadcast multiply + sum (no rank-3 matMul on wasm)
    let hidden = tf.add(tf.sum(tf.mul(qs.reshape([E, s.nAgents, 1]), w1), 1), b3) as tf.Tensor2D;
    if (s.activation === 'elu') hidden = tf.elu(hidden);
    const w2 = tf.abs(hyper(p, 'hw2', s.hyperLayers, states)); // |W2(S)|
    const b4 = hyper(p, 'hb4', s.hyperLayers, states).reshape([E]); // b4(S)
    return tf.add(tf.sum(tf.mul(hidden, w2), 1), b4) as tf.Tensor1D; // eq. (57)
  });
}
