// Replay buffer E of Sec. 7.5.3: a ring of transitions <S, A, r, S'> (plus the agents' local states and the
// next slot's action masks, needed for the max over legal next actions in eq. (59)). Storage is one typed
// array per field, grown by doubling up to the capacity; sampling is uniform with replacement from the
// seeded Random.
import type { Random } from '../../sim/random';

export interface ReplayDims {
  obsDims: number[];
  stateDim: number;
  nActions: number[];
}

export interface Transition {
  obs: Float32Array[];
  state: Float32Array;
  actions: number[];
  reward: number;
  nextObs: Float32Array[];
  nextState: Float32Array;
  /** Legal actions at the next slot (1 = legal), one mask per agent. */
  nextMasks: Uint8Array[];
  done: boolean;
  /** Per agent: the noise seed of the decision (diffusion agents with chainNoise 'replay'); 0 when unused. */
  seeds?: readonly number[];
}

export interface ReplayBatch {
  size: number;
  /** Per agent: [E * obsDim_i]. */
  obs: Float32Array[];
  nextObs: Float32Array[];
  /** [E * stateDim]. */
  state: Float32Array;
  nextState: Float32Array;
  /** Per agent: [E]. */
  actions: Int32Array[];
  /** Per agent: [E * nActions_i]. */
  nextMasks: Uint8Array[];
  reward: Float32Array;
  done: Uint8Array;
  /** Per agent: [E] decision noise seeds. */
  seeds: Int32Array[];
}

type Field = 'obs' | 'nextObs' | 'state' | 'nextState' | 'actions' | 'nextMasks' | 'reward' | 'done' | 'seeds';
type Store = {
  obs: Float32Array;
  nextObs: Float32Array;
  state: Float32Array;
  nextState: Float32Array;
  actions: Int32Array;
  nextMasks: Uint8Array;
  reward: Float32Array;
  done: Uint8Array;
  seeds: Int32Array;
};
const FIELDS: Field[] = ['obs', 'nextObs', 'state', 'nextState', 'actions', 'nextMasks', 'reward', 'done', 'seeds'];

export interface ReplayMeta {
  capacity: number;
  size: number;
  cursor: number;
  dims: ReplayDims;
  /** Checkpoints written before decision seeds were stored lack this (their seeds read as 0). */
  withSeeds?: boolean;
}

export class ReplayBuffer {
  size = 0;
  /** Index of the next write. */
  cursor = 0;
  private allocated = 0;
  private store: Store;
  private readonly obsOffsets: number[];
  private readonly maskOffsets: number[];
  readonly obsTotal: number;
  readonly maskTotal: number;

  constructor(
    readonly dims: ReplayDims,
    readonly capacity: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`replay capacity must be an integer >= 1, got ${capacity}`);
    this.obsOffsets = prefix(dims.obsDims);
    this.maskOffsets = prefix(dims.nActions);
    this.obsTotal = this.obsOffsets[this.obsOffsets.length - 1];
    this.maskTotal = this.maskOffsets[this.maskOffsets.length - 1];
    this.store = this.alloc(Math.min(capacity, 1024));
  }

  /** Per-record widths of each field. */
  private width(f: Field): number {
    switch (f) {
      case 'obs':
      case 'nextObs':
        return this.obsTotal;
      case 'state':
      case 'nextState':
        return this.dims.stateDim;
      case 'actions':
      case 'seeds':
        return this.dims.obsDims.length;
      case 'nextMasks':
        return this.maskTotal;
      default:
        return 1;
    }
  }

  private alloc(records: number): Store {
    const n = (f: Field) => records * this.width(f);
    const next: Store = {
      obs: new Float32Array(n('obs')),
      nextObs: new Float32Array(n('nextObs')),
      state: new Float32Array(n('state')),
      nextState: new Float32Array(n('nextState')),
      actions: new Int32Array(n('actions')),
      nextMasks: new Uint8Array(n('nextMasks')),
      reward: new Float32Array(n('reward')),
      done: new Uint8Array(n('done')),
      seeds: new Int32Array(n('seeds')),
    };
    if (this.allocated > 0) for (const f of FIELDS) (next[f] as Float32Array).set(this.store[f] as Float32Array);
    this.allocated = records;
    return next;
  }

  add(t: Transition): void {
    const nAgents = this.dims.obsDims.length;
    if (t.obs.length !== nAgents || t.nextObs.length !== nAgents || t.actions.length !== nAgents || t.nextMasks.length !== nAgents) {
      throw new Error(`replay: a transition needs ${nAgents} observations, actions and masks`);
    }
    if (this.cursor >= this.allocated) this.store = this.alloc(Math.min(this.capacity, this.allocated * 2));
    const i = this.cursor;
    const s = this.store;
    for (let a = 0; a < nAgents; a++) {
      s.obs.set(t.obs[a], i * this.obsTotal + this.obsOffsets[a]);
      s.nextObs.set(t.nextObs[a], i * this.obsTotal + this.obsOffsets[a]);
      s.nextMasks.set(t.nextMasks[a], i * this.maskTotal + this.maskOffsets[a]);
      s.actions[i * nAgents + a] = t.actions[a];
      s.seeds[i * nAgents + a] = t.seeds?.[a] ?? 0;
    }
    s.state.set(t.state, i * this.dims.stateDim);
    s.nextState.set(t.nextState, i * this.dims.stateDim);
    s.reward[i] = t.reward;
    s.done[i] = t.done ? 1 : 0;
    this.cursor = (this.cursor + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  sample(batch: number, rng: Random): ReplayBatch {
    if (this.size === 0) throw new Error('replay: cannot sample from an empty buffer');
    const idx = Array.from({ length: batch }, () => rng.int(this.size));
    return this.gather(idx);
  }

  gather(idx: readonly number[]): ReplayBatch {
    const E = idx.length;
    const nAgents = this.dims.obsDims.length;
    const S = this.dims.stateDim;
    const s = this.store;
    const out: ReplayBatch = {
      size: E,
      obs: this.dims.obsDims.map((d) => new Float32Array(E * d)),
      nextObs: this.dims.obsDims.map((d) => new Float32Array(E * d)),
      state: new Float32Array(E * S),
      nextState: new Float32Array(E * S),
      actions: this.dims.obsDims.map(() => new Int32Array(E)),
      nextMasks: this.dims.nActions.map((n) => new Uint8Array(E * n)),
      reward: new Float32Array(E),
      done: new Uint8Array(E),
      seeds: this.dims.obsDims.map(() => new Int32Array(E)),
    };
    idx.forEach((i, e) => {
      for (let a = 0; a < nAgents; a++) {
        const d = this.dims.obsDims[a];
        const o = i * this.obsTotal + this.obsOffsets[a];
        out.obs[a].set(s.obs.subarray(o, o + d), e * d);
        out.nextObs[a].set(s.nextObs.subarray(o, o + d), e * d);
        const n = this.dims.nActions[a];
        const mo = i * this.maskTotal + this.maskOffsets[a];
        out.nextMasks[a].set(s.nextMasks.subarray(mo, mo + n), e * n);
        out.actions[a][e] = s.actions[i * nAgents + a];
        out.seeds[a][e] = s.seeds[i * nAgents + a];
      }
      out.state.set(s.state.subarray(i * S, (i + 1) * S), e * S);
      out.nextState.set(s.nextState.subarray(i * S, (i + 1) * S), e * S);
      out.reward[e] = s.reward[i];
      out.done[e] = s.done[i];
    });
    return out;
  }

  meta(): ReplayMeta {
    return { capacity: this.capacity, size: this.size, cursor: this.cursor, dims: this.dims, withSeeds: true };
  }

  /** The stored records (first `size` slots of every field) as byte chunks, in FIELDS order. */
  chunks(): Uint8Array[] {
    return FIELDS.map((f) => {
      const a = this.store[f];
      const used = a.subarray(0, this.size * this.width(f));
      return new Uint8Array(used.buffer, used.byteOffset, used.byteLength);
    });
  }

  /** Rebuilds a buffer from `meta` and the concatenated bytes of `chunks()`. */
  static restore(meta: ReplayMeta, bytes: Uint8Array): ReplayBuffer {
    const buf = new ReplayBuffer(meta.dims, meta.capacity);
    if (meta.size > meta.capacity || meta.cursor >= meta.capacity || meta.size < 0) throw new Error('replay: inconsistent size/cursor in checkpoint');
    buf.store = buf.alloc(Math.max(1, Math.min(meta.capacity, Math.max(meta.size, 1024))));
    let off = 0;
    for (const f of FIELDS) {
      if (f === 'seeds' && !meta.withSeeds) continue;
      const target = buf.store[f];
      const n = meta.size * buf.width(f) * target.BYTES_PER_ELEMENT;
      if (off + n > bytes.byteLength) throw new Error('replay: checkpoint data is truncated');
      new Uint8Array(target.buffer, target.byteOffset, n).set(bytes.subarray(off, off + n));
      off += n;
    }
    if (off !== bytes.byteLength) throw new Error('replay: checkpoint data has trailing bytes');
    buf.size = meta.size;
    buf.cursor = meta.cursor;
    return buf;
  }
}

function prefix(v: readonly number[]): number[] {
  const out = [0];
  for (const x of v) out.push(out[out.length - 1] + x);
  return out;
}
