// What an agent group asks of each of its agents, whatever the agent's networks: the Q-vector it acts on
// (eq. 54), Q(s, a) and max_a Q-hat(s', a) for the TD target (58)-(59), the backward pass on dL/dQ(s, a)
// and the optimiser step. `QMember` is an agent whose network is its Q-function (P-QMIX's MLP, MAD2RL's
// chain with qHead 'softmax' or 'logits'); the actor-critic agent (qHead 'critic') is in actor-critic-member.ts.
import type { HeapViewFn } from '../nn/heap';
import type { AdamConfig } from '../nn/adam';
import type { NamedArray } from '../nn/params';
import { maskedRowArgmax, maskedRowMax, NetMember, pickChosen } from './net-member';
import type { QAgentNet } from './q-agent';

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
  /** Double Q (hyper doubleQ): a' = argmax of the online Q at s'_i, valued by the target; else max of Q-hat (59). */
  doubleQ?: boolean;
  /**
   * false when omega = 0 (hyper gamma): eq. (59) then needs nothing at s', so the passes at s' are skipped and
   * qNextMax is all zeros. Default true.
   */
  bootstrap?: boolean;
}

export interface TrainForwardOutput {
  agent: number;
  /** Q_theta_i(s_i, a_i) for each sample. */
  qChosen: Float32Array;
  /** max over legal a of Q_theta-hat_i(s'_i, a) (eq. 59), or Q-hat at the online argmax with doubleQ. */
  qNextMax: Float32Array;
}

/** The target pass's fixed seed of a replayed transition (any fixed bijection of the decision seed). */
export const targetSeedOf = (seed: number): number => Math.imul(seed ^ 0x5f356495, 0x2c1b3c6d) | 0;

export interface TrainContext {
  view: HeapViewFn | null;
  adam: AdamConfig;
  /** Soft update rate of eq. (60). */
  tau: number;
}

export interface GroupMember {
  readonly agent: number;
  /** The vector the action is the argmax of (eq. 54): Q-values, or the actor's policy for qHead 'critic'. */
  decide(obs: Float32Array, seed: number, view: HeapViewFn | null): Float32Array;
  trainForward(d: TrainForwardInput): TrainForwardOutput;
  /** Backward on dL/dQ_i(s_i, a_i); returns the squared norm of the gradients that the global clip covers. */
  trainBackward(dqChosen: Float32Array, ctx: TrainContext): number;
  applyUpdate(gradScale: number, ctx: TrainContext): void;
  exportState(): NamedArray[];
  importState(arrays: readonly NamedArray[]): void;
  paramCount(): number;
  dispose(): void;
}

/** Online and target noise of a training pass (fresh draws, or the replayed decision seeds). */
export function trainNoise(net: QAgentNet<unknown>, d: TrainForwardInput): { online: Float32Array; target: Float32Array } {
  const E = d.actions.length;
  return d.rowSeeds
    ? { online: net.makeNoiseRows(d.rowSeeds), target: net.makeNoiseRows(d.rowSeeds.map(targetSeedOf)) }
    : { online: net.makeNoise(d.seedOnline, E), target: net.makeNoise(d.seedTarget, E) };
}

/** Scatters dL/dQ(s, a) of each row's action into a [E, A] matrix. */
export function scatterChosen(dqChosen: Float32Array, actions: Int32Array, A: number): Float32Array {
  const dq = new Float32Array(actions.length * A);
  for (let e = 0; e < actions.length; e++) dq[e * A + actions[e]] = dqChosen[e];
  return dq;
}

export class QMember implements GroupMember {
  private readonly q: NetMember;
  private actions: Int32Array | null = null;

  constructor(
    readonly agent: number,
    net: QAgentNet<unknown>,
    initSeed: number,
    prepack: boolean,
  ) {
    this.q = new NetMember(net, initSeed, prepack);
  }

  decide(obs: Float32Array, seed: number, view: HeapViewFn | null): Float32Array {
    return this.q.decide(obs, seed, view);
  }

  trainForward(d: TrainForwardInput): TrainForwardOutput {
    const E = d.actions.length;
    const A = this.q.net.nActions;
    const noise = trainNoise(this.q.net, d);
    const bootstrap = d.bootstrap ?? true;
    // Double Q: the online choice at s' (same noise as the target pass), computed before the cached forward.
    const nextChoice = bootstrap && d.doubleQ ? maskedRowArgmax(this.q.forwardOnlineNoCache(d.nextObs, E, noise.target), d.nextMasks, E, A) : null;
    const qChosen = pickChosen(this.q.forwardOnline(d.obs, E, noise.online), d.actions, A, this.agent);
    this.actions = d.actions;
    if (!bootstrap) return { agent: this.agent, qChosen, qNextMax: new Float32Array(E) };
    const qNextAll = this.q.forwardTarget(d.nextObs, E, noise.target);
    const qNextMax = nextChoice ? pickChosen(qNextAll, nextChoice, A, this.agent) : maskedRowMax(qNextAll, d.nextMasks, E, A); // eq. (59)
    return { agent: this.agent, qChosen, qNextMax };
  }

  trainBackward(dqChosen: Float32Array, ctx: TrainContext): number {
    if (!this.actions) throw new Error(`agent ${this.agent}: backward without a forward pass`);
    return this.q.backward(scatterChosen(dqChosen, this.actions, this.q.net.nActions), ctx.view, this.agent);
  }

  applyUpdate(gradScale: number, ctx: TrainContext): void {
    this.q.update(gradScale, ctx.adam, ctx.tau, ctx.view, this.agent);
    this.actions = null;
  }

  exportState(): NamedArray[] {
    return this.q.exportState(`agent${this.agent}/`);
  }

  importState(arrays: readonly NamedArray[]): void {
    this.q.importState(arrays, `agent${this.agent}/`, this.agent);
    this.actions = null;
  }

  paramCount(): number {
    return this.q.online.count();
  }

  dispose(): void {
    this.q.dispose();
  }
}
