// Ly-MADDPG (Sec. VII-B 1; Lowe et al. 2017) and, with twin critics, target smoothing and delayed actor
// updates, Ly-MATD3 (Sec. VII-B 2; Fujimoto et al. 2018 / Ackermann et al. 2019). Deterministic actors
// mu_i(o_i) = tanh(f_i(o_i)) on local states, centralised critics Q(S, y_1..y_N) on the global state (41),
// target networks with Polyak averaging, Gaussian exploration noise, the Lyapunov reward (44).
import * as tf from '@tensorflow/tfjs';
import type { MultiAgentEnv } from '../../sim/env';
import { Adam } from './adam';
import type { MaddpgHyper, Matd3Hyper } from './hyper';
import { takeScalar, type LearnerSnapshot } from './learner-base';
import { StackedMlp } from './networks';
import { OffPolicyLearner, type BatchTensors, type OffPolicyHyper } from './off-policy';

export interface DeterministicPgOptions extends OffPolicyHyper {
  explorationNoise: number;
  /** 1 for MADDPG, 2 for TD3's clipped double Q. */
  twinCritics: boolean;
  targetNoise: number;
  targetNoiseClip: number;
  policyDelay: number;
}

export function maddpgOptions(h: MaddpgHyper): DeterministicPgOptions {
  return { ...h, twinCritics: false, targetNoise: 0, targetNoiseClip: 0, policyDelay: 1 };
}

export function matd3Options(h: Matd3Hyper): DeterministicPgOptions {
  return { ...h, twinCritics: true };
}

export class DeterministicPgLearner extends OffPolicyLearner {
  private readonly actor: StackedMlp;
  private readonly actorTarget: StackedMlp;
  /** Member q * C + c: Q-function q (twin index) of critic c (0 when shared, agent c otherwise). */
  private readonly critic: StackedMlp;
  private readonly criticTarget: StackedMlp;
  private readonly actorOpt: Adam;
  private readonly criticOpt: Adam;
  private readonly nQ: number;
  private criticUpdates = 0;

  constructor(
    name: string,
    env: MultiAgentEnv<Float32Array, unknown>,
    seed: number,
    readonly opts: DeterministicPgOptions,
  ) {
    super(name, env, seed, opts);
    const { nAgents, obsDim, actionDim } = this.shape;
    this.nQ = opts.twinCritics ? 2 : 1;
    const hidden = opts.hiddenSizes;
    this.actor = new StackedMlp(nAgents, [obsDim, ...hidden, actionDim], this.initRng, 0.01);
    this.actorTarget = new StackedMlp(nAgents, [obsDim, ...hidden, actionDim], this.initRng);
    this.actorTarget.updateFrom(this.actor);
    const stack = this.nQ * this.criticCount;
    this.critic = new StackedMlp(stack, [this.criticInput, ...hidden, 1], this.initRng);
    this.criticTarget = new StackedMlp(stack, [this.criticInput, ...hidden, 1], this.initRng);
    this.criticTarget.updateFrom(this.critic);
    this.actorOpt = new Adam(this.actor.groups(), { lr: opts.actorLr, maxGradNorm: opts.maxGradNorm });
    this.criticOpt = new Adam(this.critic.groups(), { lr: opts.criticLr, maxGradNorm: opts.maxGradNorm });
  }

  protected policyActions(normObs: Float32Array, explore: boolean): Float32Array {
    const { nAgents, obsDim } = this.shape;
    const mu = tf.tidy(() => {
      const outs = Array.from({ length: nAgents }, (_, i) =>
        tf.tanh(this.actor.apply(i, tf.tensor2d(normObs.subarray(i * obsDim, (i + 1) * obsDim), [1, obsDim]))),
      );
      return tf.concat(outs, 0).dataSync() as Float32Array;
    });
    const y = Float32Array.from(mu);
    if (explore && this.opts.explorationNoise > 0) {
      for (let k = 0; k < y.length; k++) y[k] = Math.max(-1, Math.min(1, y[k] + this.opts.explorationNoise * this.rng.normal()));
    }
    return y;
  }

  protected trainStep(batch: BatchTensors): void {
    const o = this.opts;
    const { nAgents, actionDim } = this.shape;
    const C = this.criticCount;
    const B = batch.size;

    // Target y_c = r + gamma (1 - done) min_q Q'_{q,c}(S', mu'(o')) (TD3: mu' plus clipped Gaussian noise).
    const smoothing = o.targetNoise > 0 ? Array.from({ length: nAgents }, () => this.noise([B, actionDim])) : null;
    const targets = tf.tidy(() => {
      const next = batch.nextObs.map((obs, i) => {
        const mu = tf.tanh(this.actorTarget.apply(i, obs)) as tf.Tensor2D;
        if (!smoothing) return mu;
        const eps = tf.clipByValue(tf.mul(smoothing[i], o.targetNoise), -o.targetNoiseClip, o.targetNoiseClip);
        return tf.clipByValue(tf.add(mu, eps), -1, 1) as tf.Tensor2D;
      });
      const x = this.criticX(batch.nextStates, next);
      return Array.from({ length: C }, (_, c) => {
        let q = this.criticTarget.apply(c, x);
        for (let t = 1; t < this.nQ; t++) q = tf.minimum(q, this.criticTarget.apply(t * C + c, x));
        return tf.add(batch.rewards, tf.mul(o.gamma, tf.mul(tf.sub(1, batch.dones), q))) as tf.Tensor2D;
      });
    });
    if (smoothing) tf.dispose(smoothing);

    // Critics: sum over Q-functions of the mean squared TD error (each is its own network).
    const qStats: tf.Scalar[] = [];
    const criticStep = this.criticOpt.minimise(() => {
      const x = this.criticX(batch.states, batch.actions);
      const losses: tf.Scalar[] = [];
      for (let m = 0; m < this.nQ * C; m++) {
        const q = this.critic.apply(m, x);
        if (m === 0) qStats.push(tf.keep(tf.mean(q) as tf.Scalar));
        losses.push(tf.mean(tf.square(tf.sub(q, targets[m % C]))) as tf.Scalar);
      }
      return tf.addN(losses) as tf.Scalar;
    });
    tf.dispose(targets);
    this.record('criticLoss', takeScalar(criticStep.loss) / (this.nQ * C));
    this.record('criticGradNorm', takeScalar(criticStep.gradNorm));
    this.record('qMean', takeScalar(qStats[0]));
    this.criticUpdates++;

    if (this.criticUpdates % o.policyDelay !== 0) return;
    // Actors: maximise Q_1(S, y_1..mu_i(o_i)..y_N) for each agent (others' actions from the replay, MADDPG),
    // or Q_1(S, mu_1(o_1)..mu_N(o_N)) with every agent's current policy.
    const actorStep = this.actorOpt.minimise(() => {
      const mu = batch.obs.map((obs, i) => tf.tanh(this.actor.apply(i, obs)) as tf.Tensor2D);
      const terms: tf.Scalar[] = [];
      if (o.othersActions === 'buffer') {
        for (let i = 0; i < nAgents; i++) {
          const q = this.critic.apply(C === 1 ? 0 : i, this.criticXWithOwn(batch.states, batch.actions, i, mu[i]));
          terms.push(tf.neg(tf.mean(q)) as tf.Scalar);
        }
      } else {
        const x = this.criticX(batch.states, mu);
        for (let c = 0; c < C; c++) terms.push(tf.neg(tf.mean(this.critic.apply(c, x))) as tf.Scalar);
      }
      return tf.addN(terms) as tf.Scalar;
    });
    this.record('actorLoss', takeScalar(actorStep.loss) / (o.othersActions === 'buffer' ? nAgents : C));
    this.record('actorGradNorm', takeScalar(actorStep.gradNorm));
    this.actorTarget.updateFrom(this.actor, o.tau);
    this.criticTarget.updateFrom(this.critic, o.tau);
  }

  protected hyperForSave(): unknown {
    return this.opts;
  }

  protected snapshot(): LearnerSnapshot {
    const a = this.actorOpt.exportState('actorOpt');
    const c = this.criticOpt.exportState('criticOpt');
    return {
      tensors: {
        ...this.actor.exportWeights('actor'),
        ...this.actorTarget.exportWeights('actorTarget'),
        ...this.critic.exportWeights('critic'),
        ...this.criticTarget.exportWeights('criticTarget'),
        ...a.arrays,
        ...c.arrays,
      },
      buffer: this.replayArrays(),
      extra: { actorOptStep: a.step, criticOptStep: c.step, criticUpdates: this.criticUpdates },
    };
  }

  protected restore({ tensors, buffer, extra }: LearnerSnapshot): void {
    const s = extra as { actorOptStep: number; criticOptStep: number; criticUpdates: number };
    this.actor.importWeights('actor', tensors);
    this.actorTarget.importWeights('actorTarget', tensors);
    this.critic.importWeights('critic', tensors);
    this.criticTarget.importWeights('criticTarget', tensors);
    this.actorOpt.importState('actorOpt', s.actorOptStep, tensors);
    this.criticOpt.importState('criticOpt', s.criticOptStep, tensors);
    this.criticUpdates = s.criticUpdates;
    this.replay.importArrays(buffer);
    this.resetPending();
  }

  protected disposeTensors(): void {
    for (const x of [this.actor, this.actorTarget, this.critic, this.criticTarget, this.actorOpt, this.criticOpt]) x.dispose();
  }
}
