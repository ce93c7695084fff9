// A network's parameters: an ordered list of named tensors, plus their plain-array form (for workers and
// checkpoints). Initialisation follows PyTorch's nn.Linear (the paper's platform): weights and biases
// ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn)), drawn from the seeded Random so a seed fixes the initial network.
import * as tf from '@tensorflow/tfjs';
import { Random } from '../../sim/random';

export interface ParamSpec {
  name: string;
  shape: number[];
  /** Inputs of the linear layer this tensor belongs to (sets the init range). */
  fanIn: number;
}

export interface NamedArray {
  name: string;
  shape: number[];
  data: Float32Array;
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export class ParamSet {
  readonly index: ReadonlyMap<string, number>;

  constructor(
    readonly names: readonly string[],
    readonly tensors: tf.Tensor[],
  ) {
    if (names.length !== tensors.length) throw new Error('ParamSet: names and tensors differ in length');
    this.index = new Map(names.map((n, i) => [n, i]));
  }

  get(name: string): tf.Tensor {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`ParamSet: no parameter '${name}'`);
    return this.tensors[i];
  }

  get2d(name: string): tf.Tensor2D {
    return this.get(name) as tf.Tensor2D;
  }

  get1d(name: string): tf.Tensor1D {
    return this.get(name) as tf.Tensor1D;
  }

  /** Replaces the tensor of `name`, disposing the old one. */
  replace(i: number, t: tf.Tensor): void {
    this.tensors[i].dispose();
    (this.tensors as tf.Tensor[])[i] = t;
  }

  clone(): ParamSet {
    return new ParamSet(this.names, this.tensors.map((t) => tf.keep(t.clone())));
  }

  count(): number {
    return this.tensors.reduce((s, t) => s + t.size, 0);
  }

  toArrays(prefix = ''): NamedArray[] {
    return this.tensors.map((t, i) => ({ name: prefix + this.names[i], shape: [...t.shape], data: (t.dataSync() as Float32Array).slice() }));
  }

  static fromArrays(specs: readonly ParamSpec[], arrays: readonly NamedArray[], prefix = ''): ParamSet {
    const byName = new Map(arrays.map((a) => [a.name, a]));
    const tensors = specs.map((s) => {
      const a = byName.get(prefix + s.name);
      if (!a) throw new Error(`missing parameter '${prefix + s.name}'`);
      if (a.shape.length !== s.shape.length || a.shape.some((d, i) => d !== s.shape[i])) {
        throw new Error(`parameter '${prefix + s.name}' has shape [${a.shape}], expected [${s.shape}]`);
      }
      return tf.keep(tf.tensor(a.data, s.shape, 'float32'));
    });
    return new ParamSet(
      specs.map((s) => s.name),
      tensors,
    );
  }

  static zerosLike(specs: readonly ParamSpec[]): ParamSet {
    return new ParamSet(
      specs.map((s) => s.name),
      specs.map((s) => tf.keep(tf.zeros(s.shape, 'float32'))),
    );
  }

  dispose(): void {
    for (const t of this.tensors) t.dispose();
  }
}

/** PyTorch nn.Linear initialisation of every tensor in `specs`, from one seed. */
export function initParams(specs: readonly ParamSpec[], seed: number): NamedArray[] {
  const rng = Random.fromSeed(seed);
  return specs.map((s) => {
    const bound = 1 / Math.sqrt(s.fanIn);
    const data = new Float32Array(sizeOf(s.shape));
    for (let i = 0; i < data.length; i++) data[i] = rng.uniformIn(-bound, bound);
    return { name: s.name, shape: [...s.shape], data };
  });
}

/** Sum of squares of all tensors (for global-norm gradient clipping), read back as one number. */
export function sumOfSquares(tensors: readonly tf.Tensor[]): number {
  if (tensors.length === 0) return 0;
  return tf.tidy(() => tf.addN(tensors.map((g) => tf.sum(tf.square(g)))).dataSync()[0]);
}
