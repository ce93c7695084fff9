// On-policy storage D of Algorithm 1: one row per slot with every agent's (normalised) local observation, the
// pre-squash action u, its log-probability under the behaviour policy, the raw global states s_t and s_{t+1},
// the team reward (44) and the trajectory flags GAE (46) needs.
import type { NamedArray } from './networks';

export interface RolloutDims {
  capacity: number;
  nAgents: number;
  obsDim: number;
  stateDim: number;
  actionDim: number;
  /** Reward entries per row: 1 (team reward) or nAgents (each agent's r_i). */
  rewardDim?: number;
}

export class RolloutBuffer {
  readonly obs: Float32Array;
  readonly states: Float32Array;
  readonly nextStates: Float32Array;
  readonly preSquash: Float32Array;
  readonly logProbs: Float32Array;
  readonly rewards: Float32Array;
  readonly terminals: Uint8Array;
  readonly cuts: Uint8Array;
  private n = 0;
  readonly rewardDim: number;

  constructor(readonly dims: RolloutDims) {
    const { capacity, nAgents, obsDim, stateDim, actionDim } = dims;
    this.rewardDim = dims.rewardDim ?? 1;
    this.obs = new Float32Array(capacity * nAgents * obsDim);
    this.states = new Float32Array(capacity * stateDim);
    this.nextStates = new Float32Array(capacity * stateDim);
    this.preSquash = new Float32Array(capacity * nAgents * actionDim);
    this.logProbs = new Float32Array(capacity * nAgents);
    this.rewards = new Float32Array(capacity * this.rewardDim);
    this.terminals = new Uint8Array(capacity);
    this.cuts = new Uint8Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  get full(): boolean {
    return this.n >= this.dims.capacity;
  }

  add(row: {
    obs: Float32Array;
    state: Float32Array;
    nextState: Float32Array;
    preSquash: Float32Array;
    logProbs: Float32Array;
    reward: number | ArrayLike<number>;
    terminal: boolean;
    cut: boolean;
  }): void {
    if (this.full) throw new RangeError('rollout buffer is full: update before adding more slots');
    const { nAgents, obsDim, stateDim, actionDim } = this.dims;
    const t = this.n++;
    this.obs.set(row.obs, t * nAgents * obsDim);
    this.states.set(row.state, t * stateDim);
    this.nextStates.set(row.nextState, t * stateDim);
    this.preSquash.set(row.preSquash, t * nAgents * actionDim);
    this.logProbs.set(row.logProbs, t * nAgents);
    if (typeof row.reward === 'number') this.rewards.fill(row.reward, t * this.rewardDim, (t + 1) * this.rewardDim);
    else {
      if (row.reward.length !== this.rewardDim) throw new RangeError(`reward row has ${row.reward.length} entries, expected ${this.rewardDim}`);
      this.rewards.set(row.reward, t * this.rewardDim);
    }
    this.terminals[t] = row.terminal ? 1 : 0;
    this.cuts[t] = row.cut || row.terminal ? 1 : 0;
  }

  /** Marks the newest row as the end of its trajectory (episode stopped early by the runner). */
  cutLast(): void {
    if (this.n > 0) this.cuts[this.n - 1] = 1;
  }

  clear(): void {
    this.n = 0;
  }

  exportArrays(): Record<string, NamedArray> {
    const { nAgents, obsDim, stateDim, actionDim } = this.dims;
    const n = this.n;
    const f = (a: Float32Array, w: number): NamedArray => ({ shape: [n, w], data: a.slice(0, n * w) });
    return {
      obs: f(this.obs, nAgents * obsDim),
      states: f(this.states, stateDim),
      nextStates: f(this.nextStates, stateDim),
      preSquash: f(this.preSquash, nAgents * actionDim),
      logProbs: f(this.logProbs, nAgents),
      rewards: f(this.rewards, this.rewardDim),
      terminals: { shape: [n, 1], data: Float32Array.from(this.terminals.subarray(0, n)) },
      cuts: { shape: [n, 1], data: Float32Array.from(this.cuts.subarray(0, n)) },
    };
  }

  importArrays(arrays: Record<string, NamedArray>): void {
    const rows = arrays.rewards?.shape[0] ?? 0;
    if (rows > this.dims.capacity) throw new RangeError(`saved rollout has ${rows} rows, capacity is ${this.dims.capacity}`);
    const expectWidth: Record<string, number> = {
      obs: this.dims.nAgents * this.dims.obsDim,
      states: this.dims.stateDim,
      nextStates: this.dims.stateDim,
      preSquash: this.dims.nAgents * this.dims.actionDim,
      logProbs: this.dims.nAgents,
      rewards: this.rewardDim,
      terminals: 1,
      cuts: 1,
    };
    for (const [k, w] of Object.entries(expectWidth)) {
      const a = arrays[k];
      if (!a || a.shape[0] !== rows || a.shape[1] !== w) throw new RangeError(`saved rollout array '${k}' has the wrong shape`);
    }
    this.obs.set(arrays.obs.data);
    this.states.set(arrays.states.data);
    this.nextStates.set(arrays.nextStates.data);
    this.preSquash.set(arrays.preSquash.data);
    this.logProbs.set(arrays.logProbs.data);
    this.rewards.set(arrays.rewards.data);
    for (let t = 0; t < rows; t++) {
      this.terminals[t] = arrays.terminals.data[t];
      this.cuts[t] = arrays.cuts.data[t];
    }
    this.n = rows;
  }
}
