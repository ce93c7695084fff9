// A set of agents with their own parameters (Sec. 7.5: each agent i has theta_i and a target theta-hat_i),
// their Adam state and the pending gradients of a training step. The same class runs in the main thread or
// inside a worker thread (workers/agent-worker.ts); its inputs and outputs are plain typed arrays so they
// cross threads by structured clone. Results do not depend on where a group runs: every random draw comes
// from seeds chosen by the learner.
import * as tf from '@tensorflow/tfjs';
import { adamStep, adamStepAndSoftUpdate, AdamState, softUpdate, sumOfSquaresView, type AdamConfig } from '../nn/adam';
import { heapViewer, type HeapViewFn } from '../nn/heap';
import { initParams, ParamSet, sumOfSquares, type NamedArray, type ParamSpec } from '../nn/params';
import { DiffusionQAgent, type DiffusionAgentShape } from './diffusion-q-agent';
import { MlpQAgent, type MlpAgentShape } from './mlp-q-agent';
import type { QAgentNet } from './q-agent';

export type AgentNetConfig = { kind: 'diffusion'; shape: DiffusionAgentShape } | { kind: 'mlp'; shape: MlpAgentShape };

export interface GroupAgentInit {
  /** Global agent index i. */
  agent: number;
  net: AgentNetConfig;
  /** Seed of the initial weights (target starts equal to online, Algorithm 1 line 2). */
  initSeed: number;
}

export interface GroupConfig {
  agents: GroupAgentInit[];
  adam: AdamConfig;
  /** Soft update rate of eq. (60). */
  tau: number;
}

export interface DecideInput {
  agent: number;
  obs: Float32Array;
  seed: number;
}

export interface TrainForwardInput {
  agent: number;
  /** [E * obsDim]: s_i of the sampled transitions. */
  obs: Float32Array;
  /** [E * obsDim]: s'_i. */
  nextObs: Float32Array;
  /** [E]: a_i. */
  actions: Int32Array;
  /** [E * nActions]: legal actions at s'_i. */
  nextMasks: Uint8Array;
  seedOnline: number;
  seedTarget: number;
  /**
   * Replayed noise (chainNoise 'replay'): row e of the online pass uses the noise of decision seed
   * rowSeeds[e], the target pass the noise of a seed derived from it; seedOnline/seedTarget are then unused.
   */
  rowSeeds?: Int32Array;
}

/** The target pass's fixed seed of a replayed transition (any fixed bijection of the decision seed). */
export const targetSeedOf = (seed: number): number => Math.imul(seed ^ 0x5f356495, 0x2c1b3c6d) | 0;

export interface TrainForwardOutput {
  agent: number;
  /** Q_theta_i(s_i, a_i) for each sample. */
  qChosen: Float32Array;
  /** max over legal a of Q_theta-hat_i(s'_i, a) (eq. 59). */
  qNextMax: Float32Array;
}

interface Member {
  agent: number;
  net: QAgentNet<unknown>;
  specs: ParamSpec[];
  online: ParamSet;
  target: ParamSet;
  adam: AdamState;
  pending: { obs: tf.Tensor2D; cache: unknown; q: tf.Tensor2D; actions: Int32Array; grads: tf.Tensor[] | null } | null;
}

function buildNet(c: AgentNetConfig): QAgentNet<unknown> {
  return (c.kind === 'diffusion' ? new DiffusionQAgent(c.shape) : new MlpQAgent(c.shape)) as QAgentNet<unknown>;
}

/** Max of q over legal actions per row; rows without a legal action fall back to all actions. */
export function maskedRowMax(q: Float32Array | Float64Array, mask: Uint8Array, rows: number, n: number): Float32Array {
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = -Infinity;
    let bestAll = -Infinity;
    for (let a = 0; a < n; a++) {
      const v = q[r * n + a];
      if (v > bestAll) bestAll = v;
      if (mask[r * n + a] && v > best) best = v;
    }
    out[r] = best === -Infinity ? bestAll : best;
  }
  return out;
}

export class AgentGroup {
  private readonly members: Member[];
  private readonly byAgent = new Map<number, Member>();
  private view: HeapViewFn | null;
  /** tfjs-wasm packs matMul weights per tensor: do it right after each update (see QAgentNet.prepack). */
  private readonly prepackWeights = tf.getBackend() === 'wasm';

  constructor(private readonly cfg: GroupConfig) {
    this.view = heapViewer();
    this.members = cfg.agents.map((a) => {
      const net = buildNet(a.net);
      const specs = net.paramSpecs();
      const online = ParamSet.fromArrays(specs, initParams(specs, a.initSeed));
      const m: Member = { agent: a.agent, net, specs, online, target: online.clone(), adam: AdamState.create(specs), pending: null };
      this.byAgent.set(a.agent, m);
      return m;
    });
  }

  get agentIds(): number[] {
    return this.members.map((m) => m.agent);
  }

  private member(agent: number): Member {
    const m = this.byAgent.get(agent);
    if (!m) throw new Error(`agent group: agent ${agent} is not in this group`);
    return m;
  }

  /** Q-vectors of the online networks for one observation each (Algorithm 1, lines 8-14). */
  decide(inputs: readonly DecideInput[]): Float32Array[] {
    return inputs.map((d) => {
      const m = this.member(d.agent);
      return m.net.decide(m.online, d.obs, m.net.makeNoise(d.seed, 1), this.view);
    });
  }

  /** Online forward on s (kept for backward) and target forward on s' (eq. 59). */
  trainForward(inputs: readonly TrainForwardInput[]): TrainForwardOutput[] {
    return inputs.map((d) => {
      const m = this.member(d.agent);
      this.dropPending(m);
      const E = d.actions.length;
      const A = m.net.nActions;
      const obs = tf.tensor2d(d.obs, [E, m.net.obsDim]);
      const noiseOnline = d.rowSeeds ? m.net.makeNoiseRows(d.rowSeeds) : m.net.makeNoise(d.seedOnline, E);
      const { q, cache } = m.net.forward(m.online, obs, noiseOnline, true);
      const qv = q.dataSync();
      const qChosen = new Float32Array(E);
      for (let e = 0; e < E; e++) {
        const a = d.actions[e];
        if (!(a >= 0 && a < A)) throw new Error(`agent ${d.agent}: action ${a} outside 0..${A - 1}`);
        qChosen[e] = qv[e * A + a];
      }
      m.pending = { obs, cache, q, actions: d.actions, grads: null };
      const next = tf.tensor2d(d.nextObs, [E, m.net.obsDim]);
      const noiseTarget = d.rowSeeds ? m.net.makeNoiseRows(d.rowSeeds.map(targetSeedOf)) : m.net.makeNoise(d.seedTarget, E);
      const { q: qNext } = m.net.forward(m.target, next, noiseTarget, false);
      const qNextMax = maskedRowMax(qNext.dataSync() as Float32Array, d.nextMasks, E, A);
      tf.dispose([next, qNext]);
      return { agent: d.agent, qChosen, qNextMax };
    });
  }

  /**
   * Backward pass given dL/dQ_i(s_i, a_i) per sample; keeps the gradients for `applyUpdate` and returns
   * each agent's squared gradient norm (for global-norm clipping).
   */
  trainBackward(inputs: readonly { agent: number; dqChosen: Float32Array }[]): number[] {
    return inputs.map((d) => {
      const m = this.member(d.agent);
      const p = m.pending;
      if (!p || !p.cache) throw new Error(`agent ${d.agent}: backward without a forward pass`);
      const E = p.actions.length;
      const A = m.net.nActions;
      const dq = new Float32Array(E * A);
      for (let e = 0; e < E; e++) dq[e * A + p.actions[e]] = d.dqChosen[e];
      const dqT = tf.tensor2d(dq, [E, A]);
      p.grads = m.net.backward(m.online, p.obs, p.cache, dqT);
      dqT.dispose();
      m.net.disposeCache(p.cache);
      p.cache = null;
      return this.view ? sumOfSquaresView(p.grads, this.view) : sumOfSquares(p.grads);
    });
  }

  /** Adam step with gradients scaled by `gradScale`, then the soft target update (60). */
  applyUpdate(gradScale: number): void {
    for (const m of this.members) {
      const grads = m.pending?.grads;
      if (!grads) throw new Error(`agent ${m.agent}: update without gradients`);
      if (this.view) adamStepAndSoftUpdate(m.online, m.target, grads, m.adam, this.cfg.adam, gradScale, this.cfg.tau, this.view);
      else {
        adamStep(m.online, grads, m.adam, this.cfg.adam, gradScale);
        softUpdate(m.target, m.online, this.cfg.tau);
      }
      this.dropPending(m);
      if (this.prepackWeights) {
        m.net.prepack(m.online);
        m.net.prepack(m.target);
      }
    }
  }

  private dropPending(m: Member): void {
    const p = m.pending;
    if (!p) return;
    if (p.cache) m.net.disposeCache(p.cache);
    tf.dispose([p.obs, p.q, ...(p.grads ?? [])]);
    m.pending = null;
  }

  /** Online, target and Adam tensors of every agent, named agent<i>/<part>/<param>. */
  exportState(): NamedArray[] {
    const out: NamedArray[] = [];
    for (const m of this.members) {
      const pre = `agent${m.agent}/`;
      out.push(...m.online.toArrays(pre + 'online/'), ...m.target.toArrays(pre + 'target/'));
      out.push(...m.adam.m.toArrays(pre + 'adam_m/'), ...m.adam.v.toArrays(pre + 'adam_v/'));
      out.push({ name: pre + 'adam_step', shape: [1], data: Float32Array.of(m.adam.step) });
    }
    return out;
  }

  importState(arrays: readonly NamedArray[]): void {
    const byName = new Map(arrays.map((a) => [a.name, a]));
    for (const m of this.members) {
      const pre = `agent${m.agent}/`;
      const step = byName.get(pre + 'adam_step');
      if (!step) throw new Error(`checkpoint has no state for agent ${m.agent}`);
      const online = ParamSet.fromArrays(m.specs, arrays, pre + 'online/');
      const target = ParamSet.fromArrays(m.specs, arrays, pre + 'target/');
      const am = ParamSet.fromArrays(m.specs, arrays, pre + 'adam_m/');
      const av = ParamSet.fromArrays(m.specs, arrays, pre + 'adam_v/');
      this.dropPending(m);
      m.online.dispose();
      m.target.dispose();
      m.adam.dispose();
      m.online = online;
      m.target = target;
      m.adam = new AdamState(am, av);
      m.adam.step = step.data[0];
    }
  }

  /** Number of trainable parameters per agent. */
  paramCounts(): number[] {
    return this.members.map((m) => m.online.count());
  }

  dispose(): void {
    for (const m of this.members) {
      this.dropPending(m);
      m.online.dispose();
      m.target.dispose();
      m.adam.dispose();
      m.net.dispose();
    }
  }
}
