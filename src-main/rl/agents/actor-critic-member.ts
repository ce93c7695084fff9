// MAD2RL's qHead 'critic' reading: the diffusion chain is the agent's policy pi_i(a | s_i) = softmax(x^0)
// (eq. 41 read as a policy, as GDMOPT/AGOD use it), and a separate per-agent critic Q_i(s_i, a) (an MLP) is
// what QMIX mixes (eqs. 57-59). The critic is trained on the TD loss (58) through the mixer; the actor
// minimises, per sampled state, sum_a pi(a) [alpha log pi(a) - C(a)] with C the critic's Q-vector
// standardised over the actions (AGOD's discrete actor loss; the standardisation makes alpha independent of
// the reward's scale). Acting is argmax_a pi(a) (eq. 54) with epsilon-greedy exploration, as for the other
// readings. See docs/model-notes.md, "Paper 1: learning readings".
import type { HeapViewFn } from '../nn/heap';
import type { NamedArray } from '../nn/params';
import { trainNoise, scatterChosen, type GroupMember, type TrainContext, type TrainForwardInput, type TrainForwardOutput } from './group-member';
import { maskedRowArgmax, maskedRowMax, NetMember, pickChosen } from './net-member';
import type { QAgentNet } from './q-agent';

export interface ActorCriticOptions {
  /** alpha: weight of the policy's entropy in the actor loss. */
  entropy: number;
  /** Norm clip of the actor's own gradient (0 = off). */
  clipNorm: number;
}

/**
 * dL/dpi of the actor loss for one batch: (1/E) [alpha (log pi + 1) - C], with C the critic's row
 * standardised over the actions. pi, q: [E, A].
 */
export function actorLossGrad(pi: Float32Array, q: Float32Array, E: number, A: number, alpha: number): { grad: Float32Array; loss: number } {
  const grad = new Float32Array(E * A);
  let loss = 0;
  for (let e = 0; e < E; e++) {
    let mean = 0;
    for (let a = 0; a < A; a++) mean += q[e * A + a] / A;
    let v = 0;
    for (let a = 0; a < A; a++) v += (q[e * A + a] - mean) ** 2 / A;
    const sd = Math.sqrt(v) + 1e-6;
    for (let a = 0; a < A; a++) {
      const p = Math.max(pi[e * A + a], 1e-12);
      const c = (q[e * A + a] - mean) / sd;
      grad[e * A + a] = (alpha * (Math.log(p) + 1) - c) / E;
      loss += (pi[e * A + a] * (alpha * Math.log(p) - c)) / E;
    }
  }
  return { grad, loss };
}

export class ActorCriticMember implements GroupMember {
  private readonly actor: NetMember;
  private readonly critic: NetMember;
  private pending: { actions: Int32Array; obs: Float32Array; q: Float32Array; noise: Float32Array } | null = null;
  private actorScale = 1;
  /** Actor loss of the last training step (for diagnostics). */
  lastActorLoss = 0;

  constructor(
    readonly agent: number,
    actorNet: QAgentNet<unknown>,
    criticNet: QAgentNet<unknown>,
    seeds: { actor: number; critic: number },
    prepack: boolean,
    private readonly opts: ActorCriticOptions,
  ) {
    if (actorNet.nActions !== criticNet.nActions || actorNet.obsDim !== criticNet.obsDim) {
      throw new Error(`agent ${agent}: actor and critic must have the same observation and action sizes`);
    }
    this.actor = new NetMember(actorNet, seeds.actor, prepack);
    this.critic = new NetMember(criticNet, seeds.critic, prepack);
  }

  decide(obs: Float32Array, seed: number, view: HeapViewFn | null): Float32Array {
    return this.actor.decide(obs, seed, view); // pi_i(. | s_i); eq. (54) takes its argmax
  }

  trainForward(d: TrainForwardInput): TrainForwardOutput {
    const E = d.actions.length;
    const A = this.critic.net.nActions;
    const none = new Float32Array(0);
    const bootstrap = d.bootstrap ?? true;
    // Double Q: the online critic's choice at s', computed before the cached forward.
    const nextChoice = bootstrap && d.doubleQ ? maskedRowArgmax(this.critic.forwardOnlineNoCache(d.nextObs, E, none), d.nextMasks, E, A) : null;
    const q = this.critic.forwardOnline(d.obs, E, none);
    const qChosen = pickChosen(q, d.actions, A, this.agent);
    let qNextMax: Float32Array = new Float32Array(E); // omega = 0: nothing at s' enters eq. (59)
    if (bootstrap) {
      const qNextAll = this.critic.forwardTarget(d.nextObs, E, none);
      qNextMax = nextChoice ? pickChosen(qNextAll, nextChoice, A, this.agent) : maskedRowMax(qNextAll, d.nextMasks, E, A); // eq. (59)
    }
    this.pending = { actions: d.actions, obs: d.obs, q: Float32Array.from(q), noise: trainNoise(this.actor.net, d).online };
    return { agent: this.agent, qChosen, qNextMax };
  }

  trainBackward(dqChosen: Float32Array, ctx: TrainContext): number {
    const p = this.pending;
    if (!p) throw new Error(`agent ${this.agent}: backward without a forward pass`);
    const E = p.actions.length;
    const A = this.critic.net.nActions;
    const criticSq = this.critic.backward(scatterChosen(dqChosen, p.actions, A), ctx.view, this.agent);
    // the actor follows the critic as it was before this step's update
    const pi = this.actor.forwardOnline(p.obs, E, p.noise);
    const { grad, loss } = actorLossGrad(pi, p.q, E, A, this.opts.entropy);
    this.lastActorLoss = loss;
    const actorSq = this.actor.backward(grad, ctx.view, this.agent);
    const norm = Math.sqrt(actorSq);
    this.actorScale = this.opts.clipNorm > 0 && norm > this.opts.clipNorm ? this.opts.clipNorm / norm : 1;
    return criticSq;
  }

  applyUpdate(gradScale: number, ctx: TrainContext): void {
    this.critic.update(gradScale, ctx.adam, ctx.tau, ctx.view, this.agent);
    this.actor.update(this.actorScale, ctx.adam, ctx.tau, ctx.view, this.agent);
    this.pending = null;
  }

  exportState(): NamedArray[] {
    return [...this.actor.exportState(`agent${this.agent}/actor/`), ...this.critic.exportState(`agent${this.agent}/critic/`)];
  }

  importState(arrays: readonly NamedArray[]): void {
    this.actor.importState(arrays, `agent${this.agent}/actor/`, this.agent);
    this.critic.importState(arrays, `agent${this.agent}/critic/`, this.agent);
    this.pending = null;
  }

  paramCount(): number {
    return this.actor.online.count() + this.critic.online.count();
  }

  dispose(): void {
    this.actor.dispose();
    this.critic.dispose();
  }
}
