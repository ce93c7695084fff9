// Shared machinery of the off-policy baselines (Ly-MADDPG, Ly-MATD3, Ly-MASAC): actions on the tanh scale
// y in [-1, 1]^d mapped affinely onto the action box, uniform warm-up actions, replay of joint transitions,
// an update every `updateEvery` slots after warm-up, and the centralised critics' input
// x = [S(t), y_1, ..., y_N] (global state (41) and every agent's action).
import * as tf from '@tensorflow/tfjs';
import type { EnvObservation, MultiAgentEnv, StepResult } from '../../sim/env';
import { assertFinite } from './env-adapter';
import type { MaddpgHyper } from './hyper';
import { ContinuousLearnerBase } from './learner-base';
import { perAgentTensors } from './networks';
import { ReplayBuffer, type ReplayBatch } from './replay';

export type OffPolicyHyper = Pick<
  MaddpgHyper,
  | 'hiddenSizes' | 'gamma' | 'obsNorm' | 'digitalTwin' | 'actorInput' | 'bootstrapAtEpisodeEnd' | 'rewardScale' | 'maxGradNorm'
  | 'actorLr' | 'criticLr' | 'batchSize' | 'bufferSize' | 'warmupSlots' | 'updateEvery' | 'gradientSteps' | 'tau'
  | 'critic' | 'othersActions' | 'rewardNorm'
>;

/** One sampled minibatch as tensors (normalised observations and states). */
export interface BatchTensors {
  size: number;
  /** Per agent [B, obsDim]. */
  obs: tf.Tensor2D[];
  nextObs: tf.Tensor2D[];
  /** [B, stateDim] */
  states: tf.Tensor2D;
  nextStates: tf.Tensor2D;
  /** Per agent [B, d], tanh scale. */
  actions: tf.Tensor2D[];
  /** [B, 1] */
  rewards: tf.Tensor2D;
  dones: tf.Tensor2D;
}

interface PendingAction {
  actions: Float32Array[];
  tanhActions: Float32Array;
}

export abstract class OffPolicyLearner extends ContinuousLearnerBase {
  protected readonly replay: ReplayBuffer;
  /** Critics per Q-function: 1 (shared) or N (per agent). */
  protected readonly criticCount: number;
  /** Input size of a centralised critic. */
  protected readonly criticInput: number;
  private pending: PendingAction | null = null;

  protected constructor(
    name: string,
    env: MultiAgentEnv<Float32Array, unknown>,
    seed: number,
    readonly hyper: OffPolicyHyper,
  ) {
    super(name, env, seed, hyper, hyper.rewardNorm);
    const { nAgents, obsDim, stateDim, actionDim } = this.shape;
    this.replay = new ReplayBuffer({ capacity: hyper.bufferSize, nAgents, obsDim, stateDim, actionDim });
    this.criticCount = hyper.critic === 'shared' ? 1 : nAgents;
    this.criticInput = stateDim + nAgents * actionDim;
  }

  /** Actions on the tanh scale for one slot, [N * d], from normalised observations [N * obsDim]. */
  protected abstract policyActions(normObs: Float32Array, explore: boolean): Float32Array;
  /** One gradient step on a minibatch; records its losses. */
  protected abstract trainStep(batch: BatchTensors): void;

  act(obs: EnvObservation, _env: MultiAgentEnv<Float32Array, unknown>, explore: boolean): Float32Array[] {
    const { nAgents, actionDim, low, high } = this.shape;
    const packed = this.packer.packObs(obs);
    assertFinite(packed, 'observation');
    let y: Float32Array;
    if (explore && this.envSlots < this.hyper.warmupSlots) {
      y = new Float32Array(nAgents * actionDim);
      for (let k = 0; k < y.length; k++) y[k] = 2 * this.rng.uniform() - 1;
    } else {
      y = this.policyActions(this.normaliseObs(packed), explore);
    }
    const actions: Float32Array[] = [];
    for (let i = 0; i < nAgents; i++) {
      const a = new Float32Array(actionDim);
      for (let d = 0; d < actionDim; d++) a[d] = low + ((high - low) * (y[i * actionDim + d] + 1)) / 2;
      actions.push(a);
    }
    this.pending = { actions, tanhActions: y };
    return actions;
  }

  observe(prev: EnvObservation, actions: Float32Array[], result: StepResult<unknown>): void {
    const { nAgents, actionDim, low, high } = this.shape;
    let y: Float32Array;
    if (this.pending && this.pending.actions === actions) {
      y = this.pending.tanhActions;
    } else {
      y = new Float32Array(nAgents * actionDim);
      for (let i = 0; i < nAgents; i++) {
        for (let d = 0; d < actionDim; d++) y[i * actionDim + d] = Math.max(-1, Math.min(1, (2 * (actions[i][d] - low)) / (high - low) - 1));
      }
    }
    this.pending = null;
    assertFinite([result.reward], 'reward');
    const obs = this.packer.packObs(prev);
    const state = this.packer.packState(prev);
    this.updateNorms(obs, state);
    const { terminal } = this.advanceSlot(result);
    const reward = result.reward * this.base.rewardScale;
    this.rewardNorm?.update([reward], 1);
    this.replay.add({
      obs,
      state,
      actions: y,
      reward,
      nextObs: this.packer.packObs(result),
      nextState: this.packer.packState(result),
      done: terminal,
    });
    const h = this.hyper;
    if (this.envSlots >= h.warmupSlots && this.replay.size >= Math.min(h.batchSize, h.bufferSize) && this.envSlots % h.updateEvery === 0) {
      for (let g = 0; g < h.gradientSteps; g++) {
        const batch = this.toTensors(this.replay.sample(h.batchSize, this.rng));
        try {
          this.timed(() => this.trainStep(batch));
        } finally {
          tf.dispose([...batch.obs, ...batch.nextObs, ...batch.actions, batch.states, batch.nextStates, batch.rewards, batch.dones]);
        }
        this.trainSteps++;
      }
    }
  }

  protected onEpisodeCut(): void {
    // The last stored transition keeps done = 0: a cut episode is bootstrapped like a time limit.
  }

  private toTensors(b: ReplayBatch): BatchTensors {
    const { nAgents, obsDim, stateDim, actionDim } = this.shape;
    const B = b.size;
    return {
      size: B,
      obs: perAgentTensors(this.normaliseObs(b.obs), B, nAgents, obsDim),
      nextObs: perAgentTensors(this.normaliseObs(b.nextObs), B, nAgents, obsDim),
      states: tf.tensor2d(this.normaliseStates(b.states), [B, stateDim]),
      nextStates: tf.tensor2d(this.normaliseStates(b.nextStates), [B, stateDim]),
      actions: perAgentTensors(b.actions, B, nAgents, actionDim),
      rewards: tf.tensor2d(this.scaleRewards(b.rewards), [B, 1]),
      dones: tf.tensor2d(b.dones, [B, 1]),
    };
  }

  /** Rewards divided by the running std of all rewards seen (no shift: it would move the terminal value 0). */
  private scaleRewards(r: Float32Array): Float32Array {
    if (!this.rewardNorm) return r;
    const std = this.rewardNorm.std(0);
    const s = std > 1e-8 ? 1 / std : 1;
    return r.map((x) => x * s);
  }

  /** Centralised critic input x = [S, y_1, ..., y_N] of a global state [B, stateDim] and every agent's action. */
  protected criticX(states: tf.Tensor2D, actions: readonly tf.Tensor2D[]): tf.Tensor2D {
    return tf.concat([states, ...actions], 1);
  }

  /** Critic input with agent i's action replaced by `own` (its current policy's, gradient flowing). */
  protected criticXWithOwn(states: tf.Tensor2D, actions: readonly tf.Tensor2D[], i: number, own: tf.Tensor2D): tf.Tensor2D {
    return this.criticX(states, actions.map((a, j) => (j === i ? own : a)));
  }

  /** A standard-normal tensor drawn from the learner's seeded stream. */
  protected noise(shape: [number, number]): tf.Tensor2D {
    return tf.tensor2d(this.rng.fill(new Float32Array(shape[0] * shape[1])), shape);
  }

  protected replayArrays() {
    return this.replay.exportArrays().arrays;
  }

  protected resetPending(): void {
    this.pending = null;
  }
}
