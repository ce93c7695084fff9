// Adam (Kingma & Ba) over groups of variables, with gradient clipping by L2 norm per group (paper 2, Sec. VI-B:
// "gradient clipping is applied"). A group is one independent network (an agent's actor, one critic), so each
// is clipped as if trained alone. Own implementation rather than tf.train.adam so that the moments and step
// count go into a checkpoint by name.
import * as tf from '@tensorflow/tfjs';
import { exportVariables, importVariables, type NamedArray } from './networks';

export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Clip each group's gradient L2 norm to this value (0 or undefined: no clipping). */
  maxGradNorm?: number;
}

/** Adam's state as plain arrays (variables in the optimiser's order, grouped by `groupOf`). */
export interface HostAdamState {
  params: Float32Array[];
  m: Float32Array[];
  v: Float32Array[];
  groupOf: number[];
  nGroups: number;
  step: number;
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  maxGradNorm: number;
}

export class Adam {
  readonly vars: tf.Variable[];
  private readonly groupOf: number[];
  private readonly nGroups: number;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private step = 0;
  readonly lr: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly maxGradNorm: number;

  constructor(groups: readonly (readonly tf.Variable[])[], opts: AdamOptions) {
    this.vars = groups.flat();
    this.groupOf = groups.flatMap((g, i) => g.map(() => i));
    this.nGroups = groups.length;
    this.lr = opts.lr;
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
    this.maxGradNorm = opts.maxGradNorm ?? 0;
    this.m = this.vars.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
    this.v = this.vars.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
  }

  /**
   * Minimises `loss` (a scalar built from the variables) by one step; returns the loss and the pre-clipping
   * gradient norm (mean over groups) as tensors for the caller to read once.
   */
  minimise(loss: () => tf.Scalar): { loss: tf.Scalar; gradNorm: tf.Scalar } {
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, this.vars);
      const g = this.vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
      const sq: tf.Tensor[][] = Array.from({ length: this.nGroups }, () => []);
      g.forEach((gi, i) => sq[this.groupOf[i]].push(tf.sum(tf.square(gi))));
      const norms = sq.map((parts) => tf.sqrt(parts.length === 1 ? parts[0] : tf.addN(parts)));
      const clipped =
        this.maxGradNorm > 0
          ? g.map((gi, i) => tf.mul(gi, tf.minimum(1, tf.div(this.maxGradNorm, tf.add(norms[this.groupOf[i]], 1e-6)))))
          : g;
      this.step++;
      const b1 = this.beta1;
      const b2 = this.beta2;
      const stepSize = (this.lr * Math.sqrt(1 - b2 ** this.step)) / (1 - b1 ** this.step);
      this.vars.forEach((variable, i) => {
        const mi = tf.add(tf.mul(b1, this.m[i]), tf.mul(1 - b1, clipped[i]));
        const vi = tf.add(tf.mul(b2, this.v[i]), tf.mul(1 - b2, tf.square(clipped[i])));
        this.m[i].assign(mi);
        this.v[i].assign(vi);
        // epsilon-hat form of Kingma & Ba, Sec. 2 (as tf.train.adam)
        variable.assign(tf.sub(variable, tf.div(tf.mul(stepSize, mi), tf.add(tf.sqrt(vi), this.epsilon))));
      });
      const meanNorm = norms.length === 1 ? norms[0] : tf.div(tf.addN(norms), norms.length);
      return { loss: tf.keep(value as tf.Scalar), gradNorm: tf.keep(meanNorm as tf.Scalar) };
    });
  }

  get steps(): number {
    return this.step;
  }

  /**
   * Host copies of the variables, the moments and the step count, for an update computed outside tfjs
   * (fast-ppo-update.ts); `writeHost` puts the result back. The copies are fresh arrays the caller may modify.
   */
  readHost(): HostAdamState {
    const read = (vs: readonly tf.Variable[]) => vs.map((v) => Float32Array.from(v.dataSync() as Float32Array));
    return {
      params: read(this.vars),
      m: read(this.m),
      v: read(this.v),
      groupOf: [...this.groupOf],
      nGroups: this.nGroups,
      step: this.step,
      lr: this.lr,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      maxGradNorm: this.maxGradNorm,
    };
  }

  /** Writes host variables, moments and step count (from `readHost`, after a host update) back. */
  writeHost(state: HostAdamState): void {
    tf.tidy(() => {
      this.vars.forEach((v, i) => v.assign(tf.tensor(state.params[i], v.shape)));
      this.m.forEach((v, i) => v.assign(tf.tensor(state.m[i], v.shape)));
      this.v.forEach((v, i) => v.assign(tf.tensor(state.v[i], v.shape)));
    });
    this.step = state.step;
  }

  exportState(prefix: string): { step: number; arrays: Record<string, NamedArray> } {
    return { step: this.step, arrays: { ...exportVariables(`${prefix}/m`, this.m), ...exportVariables(`${prefix}/v`, this.v) } };
  }

  importState(prefix: string, step: number, arrays: Record<string, NamedArray>): void {
    importVariables(`${prefix}/m`, this.m, arrays);
    importVariables(`${prefix}/v`, this.v, arrays);
    this.step = step;
  }

  dispose(): void {
    for (const t of [...this.m, ...this.v]) t.dispose();
  }
}
