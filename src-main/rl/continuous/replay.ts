// Experience replay of the off-policy baselines (Ly-MADDPG, Ly-MATD3, Ly-MASAC): a ring buffer of joint
// transitions (o_1..o_N, s, a_1..a_N, r, o'_1..o'_N, s', done), raw observations (normalised when sampled),
// actions on the tanh scale [-1, 1]. Uniform sampling with the learner's seeded stream.
import type { NamedArray } from './networks';
import type { NormalSampler } from './normal-sampler';

export interface ReplayDims {
  capacity: number;
  nAgents: number;
  obsDim: number;
  stateDim: number;
  actionDim: number;
}

export interface ReplayBatch {
  size: number;
  obs: Float32Array;
  states: Float32Array;
  actions: Float32Array;
  rewards: Float32Array;
  nextObs: Float32Array;
  nextStates: Float32Array;
  /** 1: s' is terminal, no bootstrap. */
  dones: Float32Array;
}

const FIELDS = ['obs', 'states', 'actions', 'rewards', 'nextObs', 'nextStates', 'dones'] as const;
type Field = (typeof FIELDS)[number];

export class ReplayBuffer {
  private readonly data: Record<Field, Float32Array>;
  private readonly width: Record<Field, number>;
  private next = 0;
  private n = 0;

  constructor(readonly dims: ReplayDims) {
    const { capacity, nAgents, obsDim, stateDim, actionDim } = dims;
    this.width = {
      obs: nAgents * obsDim,
      states: stateDim,
      actions: nAgents * actionDim,
      rewards: 1,
      nextObs: nAgents * obsDim,
      nextStates: stateDim,
      dones: 1,
    };
    this.data = Object.fromEntries(FIELDS.map((f) => [f, new Float32Array(capacity * this.width[f])])) as Record<Field, Float32Array>;
  }

  get size(): number {
    return this.n;
  }

  add(t: { obs: Float32Array; state: Float32Array; actions: Float32Array; reward: number; nextObs: Float32Array; nextState: Float32Array; done: boolean }): void {
    const i = this.next;
    const w = this.width;
    this.data.obs.set(t.obs, i * w.obs);
    this.data.states.set(t.state, i * w.states);
    this.data.actions.set(t.actions, i * w.actions);
    this.data.rewards[i] = t.reward;
    this.data.nextObs.set(t.nextObs, i * w.nextObs);
    this.data.nextStates.set(t.nextState, i * w.nextStates);
    this.data.dones[i] = t.done ? 1 : 0;
    this.next = (i + 1) % this.dims.capacity;
    this.n = Math.min(this.n + 1, this.dims.capacity);
  }

  sample(size: number, rng: NormalSampler): ReplayBatch {
    if (this.n === 0) throw new RangeError('cannot sample an empty replay buffer');
    const out = Object.fromEntries(FIELDS.map((f) => [f, new Float32Array(size * this.width[f])])) as Record<Field, Float32Array>;
    for (let b = 0; b < size; b++) {
      const i = rng.int(this.n);
      for (const f of FIELDS) {
        const w = this.width[f];
        out[f].set(this.data[f].subarray(i * w, (i + 1) * w), b * w);
      }
    }
    return { size, ...out };
  }

  /** The stored rows in insertion order (oldest first), for checkpoints. */
  exportArrays(): { arrays: Record<string, NamedArray>; size: number } {
    const arrays: Record<string, NamedArray> = {};
    const start = this.n < this.dims.capacity ? 0 : this.next;
    for (const f of FIELDS) {
      const w = this.width[f];
      const out = new Float32Array(this.n * w);
      for (let r = 0; r < this.n; r++) {
        const i = (start + r) % this.dims.capacity;
        out.set(this.data[f].subarray(i * w, (i + 1) * w), r * w);
      }
      arrays[f] = { shape: [this.n, w], data: out };
    }
    return { arrays, size: this.n };
  }

  importArrays(arrays: Record<string, NamedArray>): void {
    const rows = arrays.rewards?.shape[0] ?? 0;
    if (rows > this.dims.capacity) throw new RangeError(`saved replay has ${rows} rows, capacity is ${this.dims.capacity}`);
    for (const f of FIELDS) {
      const a = arrays[f];
      if (!a || a.shape[0] !== rows || a.shape[1] !== this.width[f]) throw new RangeError(`saved replay array '${f}' has the wrong shape`);
      this.data[f].set(a.data);
    }
    this.n = rows;
    this.next = rows % this.dims.capacity;
  }
}
