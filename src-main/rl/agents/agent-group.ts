// A set of agents with their own parameters (Sec. 7.5: each agent i has theta_i and a target theta-hat_i),
// their Adam state and the pending gradients of a training step. The same class runs in the main thread or
// inside a worker thread (workers/agent-worker.ts); its inputs and outputs are plain typed arrays so they
// cross threads by structured clone. Results do not depend on where a group runs: every random draw comes
// from seeds chosen by the learner.
import * as tf from '@tensorflow/tfjs';
import type { AdamConfig } from '../nn/adam';
import { heapViewer, type HeapViewFn } from '../nn/heap';
import type { NamedArray } from '../nn/params';
import { ActorCriticMember } from './actor-critic-member';
import { DiffusionQAgent, type DiffusionAgentShape } from './diffusion-q-agent';
import { QMember, type GroupMember, type TrainContext, type TrainForwardInput, type TrainForwardOutput } from './group-member';
import { MlpQAgent, type MlpAgentShape } from './mlp-q-agent';

export { maskedRowMax } from './net-member';
export { targetSeedOf, type TrainForwardInput, type TrainForwardOutput } from './group-member';

export type AgentNetConfig =
  | { kind: 'diffusion'; shape: DiffusionAgentShape }
  | { kind: 'mlp'; shape: MlpAgentShape }
  /** qHead 'critic': a diffusion policy (qHead 'softmax') and an MLP critic (actor-critic-member.ts). */
  | { kind: 'actor-critic'; actor: DiffusionAgentShape; critic: MlpAgentShape; entropy: number; clipNorm: number };

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

/** The critic's weight seed of an actor-critic agent (the actor uses the agent's initSeed). */
const criticSeedOf = (seed: number): number => Math.imul(seed ^ 0x2545f491, 0x9e3779b1) | 0;

function buildMember(a: GroupAgentInit, prepack: boolean): GroupMember {
  const c = a.net;
  switch (c.kind) {
    case 'diffusion':
      return new QMember(a.agent, new DiffusionQAgent(c.shape), a.initSeed, prepack);
    case 'mlp':
      return new QMember(a.agent, new MlpQAgent(c.shape), a.initSeed, prepack);
    case 'actor-critic':
      return new ActorCriticMember(
        a.agent,
        new DiffusionQAgent({ ...c.actor, qHead: 'softmax' }),
        new MlpQAgent(c.critic),
        { actor: a.initSeed, critic: criticSeedOf(a.initSeed) },
        prepack,
        { entropy: c.entropy, clipNorm: c.clipNorm },
      );
  }
}

export class AgentGroup {
  private readonly members: GroupMember[];
  private readonly byAgent = new Map<number, GroupMember>();
  private readonly view: HeapViewFn | null;
  private readonly ctx: TrainContext;

  constructor(cfg: GroupConfig) {
    this.view = heapViewer();
    this.ctx = { view: this.view, adam: cfg.adam, tau: cfg.tau };
    // tfjs-wasm packs matMul weights per tensor: do it right after each update (see QAgentNet.prepack).
    const prepack = tf.getBackend() === 'wasm';
    this.members = cfg.agents.map((a) => {
      const m = buildMember(a, prepack);
      this.byAgent.set(a.agent, m);
      return m;
    });
  }

  get agentIds(): number[] {
    return this.members.map((m) => m.agent);
  }

  private member(agent: number): GroupMember {
    const m = this.byAgent.get(agent);
    if (!m) throw new Error(`agent group: agent ${agent} is not in this group`);
    return m;
  }

  /** Q-vectors (or policies, qHead 'critic') of the online networks for one observation each (Algorithm 1, lines 8-14). */
  decide(inputs: readonly DecideInput[]): Float32Array[] {
    return inputs.map((d) => this.member(d.agent).decide(d.obs, d.seed, this.view));
  }

  /** Online forward on s (kept for backward) and target forward on s' (eq. 59). */
  trainForward(inputs: readonly TrainForwardInput[]): TrainForwardOutput[] {
    return inputs.map((d) => this.member(d.agent).trainForward(d));
  }

  /**
   * Backward pass given dL/dQ_i(s_i, a_i) per sample; keeps the gradients for `applyUpdate` and returns
   * each agent's squared gradient norm (for global-norm clipping).
   */
  trainBackward(inputs: readonly { agent: number; dqChosen: Float32Array }[]): number[] {
    return inputs.map((d) => this.member(d.agent).trainBackward(d.dqChosen, this.ctx));
  }

  /** Adam step with gradients scaled by `gradScale`, then the soft target update (60). */
  applyUpdate(gradScale: number): void {
    for (const m of this.members) m.applyUpdate(gradScale, this.ctx);
  }

  /** Online, target and Adam tensors of every agent, named agent<i>/[actor/|critic/]<part>/<param>. */
  exportState(): NamedArray[] {
    return this.members.flatMap((m) => m.exportState());
  }

  importState(arrays: readonly NamedArray[]): void {
    for (const m of this.members) m.importState(arrays);
  }

  /** Number of trainable parameters per agent. */
  paramCounts(): number[] {
    return this.members.map((m) => m.paramCount());
  }

  dispose(): void {
    for (const m of this.members) m.dispose();
  }
}
