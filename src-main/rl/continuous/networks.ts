// Multi-layer perceptrons for the continuous learners. A `StackedMlp` holds S independent networks of the same
// shape (one per agent, or per twin critic and agent) whose layers are separate rank-2 variables, because
// tfjs-wasm only runs rank-2 matMuls without transposed operands on its fast path (XNNPACK); the layers use
// the learning core's linearWithGrad (src-main/rl/nn/linear.ts), whose gradient uses explicit transposes.
// Hidden layers use ReLU (paper 2, Sec. VI-B 2: "two fully connected hidden layers with ReLU activations");
// the output layer is linear. Initialisation is PyTorch's default for nn.Linear (weights and biases
// ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), the paper's framework), drawn from the learner's seeded RNG;
// `outputScale` shrinks the last layer (policy heads start near the centre of the action box).
import * as tf from '@tensorflow/tfjs';
import { linearWithGrad } from '../nn/linear';
import { Random } from '../../sim/random';

export interface NamedArray {
  shape: number[];
  data: Float32Array;
}

interface Dense {
  w: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
}

export class StackedMlp {
  /** layers[member][layer] */
  private readonly layers: Dense[][] = [];

  constructor(
    readonly stack: number,
    readonly sizes: readonly number[],
    rng: Random,
    outputScale = 1,
  ) {
    if (sizes.length < 2) throw new RangeError('an MLP needs at least input and output sizes');
    for (let m = 0; m < stack; m++) {
      const member: Dense[] = [];
      for (let l = 0; l + 1 < sizes.length; l++) {
        const fanIn = sizes[l];
        const fanOut = sizes[l + 1];
        const bound = (1 / Math.sqrt(fanIn)) * (l + 2 === sizes.length ? outputScale : 1);
        const w = new Float32Array(fanIn * fanOut);
        for (let i = 0; i < w.length; i++) w[i] = rng.uniformIn(-bound, bound);
        const b = new Float32Array(fanOut);
        for (let i = 0; i < b.length; i++) b[i] = rng.uniformIn(-bound, bound);
        member.push(tf.tidy(() => ({ w: tf.variable(tf.tensor2d(w, [fanIn, fanOut])), b: tf.variable(tf.tensor1d(b)) })));
      }
      this.layers.push(member);
    }
  }

  get inputSize(): number {
    return this.sizes[0];
  }

  get outputSize(): number {
    return this.sizes[this.sizes.length - 1];
  }

  /** Network `member` on a batch x [B, in] -> [B, out]. */
  apply(member: number, x: tf.Tensor2D): tf.Tensor2D {
    const layers = this.layers[member];
    if (!layers) throw new RangeError(`member ${member} outside stack ${this.stack}`);
    let h = x;
    for (let l = 0; l < layers.length; l++) {
      const z = linearWithGrad(h, layers[l].w, layers[l].b);
      h = l < layers.length - 1 ? tf.relu(z) : z;
    }
    return h;
  }

  memberVariables(member: number): tf.Variable[] {
    return this.layers[member].flatMap((d) => [d.w, d.b]);
  }

  /** Variables grouped by member (gradient clipping treats each member as its own network). */
  groups(): tf.Variable[][] {
    return this.layers.map((_, m) => this.memberVariables(m));
  }

  variables(): tf.Variable[] {
    return this.groups().flat();
  }

  /** Hard copy (tau = 1) or Polyak averaging theta' <- tau theta + (1 - tau) theta' from `source`. */
  updateFrom(source: StackedMlp, tau = 1): void {
    const mine = this.variables();
    const theirs = source.variables();
    if (mine.length !== theirs.length) throw new RangeError('target network shape differs from its source');
    tf.tidy(() => {
      for (let i = 0; i < mine.length; i++) {
        mine[i].assign(tau === 1 ? theirs[i] : tf.add(tf.mul(tau, theirs[i]), tf.mul(1 - tau, mine[i])));
      }
    });
  }

  exportWeights(prefix: string): Record<string, NamedArray> {
    return exportVariables(prefix, this.variables());
  }

  importWeights(prefix: string, arrays: Record<string, NamedArray>): void {
    importVariables(prefix, this.variables(), arrays);
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}

export function exportVariables(prefix: string, vars: readonly tf.Variable[]): Record<string, NamedArray> {
  const out: Record<string, NamedArray> = {};
  vars.forEach((v, i) => {
    out[`${prefix}/${i}`] = { shape: [...v.shape], data: Float32Array.from(v.dataSync() as Float32Array) };
  });
  return out;
}

export function importVariables(prefix: string, vars: readonly tf.Variable[], arrays: Record<string, NamedArray>): void {
  vars.forEach((v, i) => {
    const key = `${prefix}/${i}`;
    const a = arrays[key];
    if (!a) throw new RangeError(`checkpoint lacks tensor '${key}'`);
    if (a.shape.length !== v.shape.length || a.shape.some((d, j) => d !== v.shape[j])) {
      throw new RangeError(`checkpoint tensor '${key}' has shape [${a.shape}], the network needs [${v.shape}]`);
    }
    tf.tidy(() => v.assign(tf.tensor(a.data, v.shape)));
  });
}

/** Column block of agent i in row-major data of `rows` rows, N agents and `width` entries each: [rows, width]. */
export function agentColumns(data: Float32Array, rows: number, nAgents: number, width: number, agent: number): Float32Array {
  const out = new Float32Array(rows * width);
  const stride = nAgents * width;
  for (let r = 0; r < rows; r++) out.set(data.subarray(r * stride + agent * width, r * stride + (agent + 1) * width), r * width);
  return out;
}

/** Per-agent tensors [rows, width] from agent-major rows [rows, N * width]. */
export function perAgentTensors(data: Float32Array, rows: number, nAgents: number, width: number): tf.Tensor2D[] {
  return Array.from({ length: nAgents }, (_, i) => tf.tensor2d(agentColumns(data, rows, nAgents, width, i), [rows, width]));
}
