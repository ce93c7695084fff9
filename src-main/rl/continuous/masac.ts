// Ly-MASAC (Sec. VII-B 3; Haarnoja et al. 2018, multi-agent with centralised critics): tanh-squashed Gaussian
// actors pi_i(.|o_i) (squash.ts), twin centralised critics with target networks, and a per-agent temperature
// alpha_i tuned towards the target entropy (-d by default). Log-probabilities are those of the tanh-scale
// action y = tanh(u): log pi(y) = log N(u; mu, sigma) - sum_d log(1 - tanh(u_d)^2); the affine map of y onto
// the action box only shifts every log pi by the same constant, which the target entropy absorbs.
import * as tf from '@tensorflow/tfjs';
import type { MultiAgentEnv } from '../../sim/env';
import { Adam } from './adam';
import type { MasacHyper } from './hyper';
import { takeScalar, type LearnerSnapshot } from './learner-base';
import { exportVariables, importVariables, StackedMlp } from './networks';
import { OffPolicyLearner, type BatchTensors } from './off-policy';
import { gaussianLogProbTf, tanhLogJacobianTf } from './squash';

/** Hard bounds of the actor's log-std (as in the SAC reference implementations). */
const LOG_STD_MIN = -20;
const LOG_STD_MAX = 2;

export class MasacLearner extends OffPolicyLearner {
  private readonly actor: StackedMlp;
  /** Member q * C + c: twin q of critic c (0 when shared, agent c otherwise). */
  private readonly critic: StackedMlp;
  private readonly criticTarget: StackedMlp;
  /** log alpha_i, one [1, 1] variable per agent. */
  private readonly logAlpha: tf.Variable[];
  private readonly actorOpt: Adam;
  private readonly criticOpt: Adam;
  private readonly alphaOpt: Adam;
  private readonly targetEntropy: number;

  constructor(
    name: string,
    env: MultiAgentEnv<Float32Array, unknown>,
    seed: number,
    readonly opts: MasacHyper,
  ) {
    super(name, env, seed, opts);
    const { nAgents, obsDim, actionDim } = this.shape;
    const hidden = opts.hiddenSizes;
    this.actor = new StackedMlp(nAgents, [obsDim, ...hidden, 2 * actionDim], this.initRng);
    const stack = 2 * this.criticCount;
    this.critic = new StackedMlp(stack, [this.criticInput, ...hidden, 1], this.initRng);
    this.criticTarget = new StackedMlp(stack, [this.criticInput, ...hidden, 1], this.initRng);
    this.criticTarget.updateFrom(this.critic);
    this.logAlpha = Array.from({ length: nAgents }, () => tf.tidy(() => tf.variable(tf.fill([1, 1], Math.log(opts.initAlpha)))));
    this.actorOpt = new Adam(this.actor.groups(), { lr: opts.actorLr, maxGradNorm: opts.maxGradNorm });
    this.criticOpt = new Adam(this.critic.groups(), { lr: opts.criticLr, maxGradNorm: opts.maxGradNorm });
    this.alphaOpt = new Adam([this.logAlpha], { lr: opts.alphaLr });
    this.targetEntropy = opts.targetEntropy ?? -actionDim;
  }

  /** Mean and clipped log-std of agent i's Gaussian, [B, d] each. */
  private gaussian(i: number, obs: tf.Tensor2D): { mu: tf.Tensor2D; logStd: tf.Tensor2D } {
    const out = this.actor.apply(i, obs);
    const b = out.shape[0];
    const d = this.shape.actionDim;
    const mu = tf.slice(out, [0, 0], [b, d]);
    const logStd = tf.clipByValue(tf.slice(out, [0, d], [b, d]), LOG_STD_MIN, LOG_STD_MAX);
    return { mu, logStd };
  }

  /** Reparameterised sample y = tanh(mu + sigma eps) and log pi(y) [B, 1]. */
  private sample(i: number, obs: tf.Tensor2D, eps: tf.Tensor2D): { y: tf.Tensor2D; logPi: tf.Tensor2D } {
    const { mu, logStd } = this.gaussian(i, obs);
    const u = tf.add(mu, tf.mul(tf.exp(logStd), eps));
    const logPi = tf.reshape(tf.sub(gaussianLogProbTf(u, mu, logStd), tanhLogJacobianTf(u)), [-1, 1]) as tf.Tensor2D;
    return { y: tf.tanh(u) as tf.Tensor2D, logPi };
  }

  protected policyActions(normObs: Float32Array, explore: boolean): Float32Array {
    const { nAgents, obsDim, actionDim } = this.shape;
    const eps = explore ? Array.from({ length: nAgents }, () => this.noise([1, actionDim])) : null;
    const y = tf.tidy(() => {
      const outs = Array.from({ length: nAgents }, (_, i) => {
        const x = tf.tensor2d(normObs.subarray(i * obsDim, (i + 1) * obsDim), [1, obsDim]);
        return eps ? this.sample(i, x, eps[i]).y : tf.tanh(this.gaussian(i, x).mu);
      });
      return tf.concat(outs, 0).dataSync() as Float32Array;
    });
    if (eps) tf.dispose(eps);
    return Float32Array.from(y);
  }

  /** min over the twins of critic c at x [B, in]: [B, 1]. */
  private minQ(net: StackedMlp, c: number, x: tf.Tensor2D): tf.Tensor2D {
    return tf.minimum(net.apply(c, x), net.apply(this.criticCount + c, x));
  }

  /** Entropy term of critic c: sum_i alpha_i log pi_i for a shared critic, alpha_c log pi_c for agent c's. */
  private entropyTerm(c: number, logPi: readonly tf.Tensor2D[], alpha: readonly tf.Tensor2D[]): tf.Tensor2D {
    if (this.criticCount > 1) return tf.mul(alpha[c], logPi[c]);
    return tf.addN(logPi.map((lp, i) => tf.mul(alpha[i], lp))) as tf.Tensor2D;
  }

  protected trainStep(batch: BatchTensors): void {
    const o = this.opts;
    const { nAgents, actionDim } = this.shape;
    const B = batch.size;
    const C = this.criticCount;
    const alpha = tf.tidy(() => this.logAlpha.map((la) => tf.exp(la) as tf.Tensor2D)); // constants below

    // Soft target y_c = r + gamma (1 - done) (min_q Q'_{q,c}(S', y') - alpha log pi(y'|o')).
    const epsNext = Array.from({ length: nAgents }, () => this.noise([B, actionDim]));
    const targets = tf.tidy(() => {
      const samples = batch.nextObs.map((obs, i) => this.sample(i, obs, epsNext[i]));
      const x = this.criticX(batch.nextStates, samples.map((s) => s.y));
      const logPi = samples.map((s) => s.logPi);
      return Array.from({ length: C }, (_, c) => {
        const soft = tf.sub(this.minQ(this.criticTarget, c, x), this.entropyTerm(c, logPi, alpha));
        return tf.add(batch.rewards, tf.mul(o.gamma, tf.mul(tf.sub(1, batch.dones), soft))) as tf.Tensor2D;
      });
    });
    tf.dispose(epsNext);

    const qStats: tf.Scalar[] = [];
    const criticStep = this.criticOpt.minimise(() => {
      const x = this.criticX(batch.states, batch.actions);
      const losses: tf.Scalar[] = [];
      for (let m = 0; m < 2 * C; m++) {
        const q = this.critic.apply(m, x);
        if (m === 0) qStats.push(tf.keep(tf.mean(q) as tf.Scalar));
        losses.push(tf.mean(tf.square(tf.sub(q, targets[m % C]))) as tf.Scalar);
      }
      return tf.addN(losses) as tf.Scalar;
    });
    tf.dispose(targets);
    this.record('criticLoss', takeScalar(criticStep.loss) / (2 * C));
    this.record('criticGradNorm', takeScalar(criticStep.gradNorm));
    this.record('qMean', takeScalar(qStats[0]));

    // Actors: minimise E[alpha_i log pi_i(y_i|o_i) - min_q Q(S, y_1..y_i..y_N)].
    const eps = Array.from({ length: nAgents }, () => this.noise([B, actionDim]));
    const logPiKept: tf.Tensor2D[] = [];
    const actorStep = this.actorOpt.minimise(() => {
      const samples = batch.obs.map((obs, i) => this.sample(i, obs, eps[i]));
      for (const s of samples) logPiKept.push(tf.keep(tf.clone(s.logPi)));
      const terms: tf.Scalar[] = samples.map((s, i) => tf.mean(tf.mul(alpha[i], s.logPi)) as tf.Scalar);
      if (o.othersActions === 'buffer') {
        for (let i = 0; i < nAgents; i++) {
          const x = this.criticXWithOwn(batch.states, batch.actions, i, samples[i].y);
          terms.push(tf.neg(tf.mean(this.minQ(this.critic, C === 1 ? 0 : i, x))) as tf.Scalar);
        }
      } else {
        const x = this.criticX(batch.states, samples.map((s) => s.y));
        for (let c = 0; c < C; c++) terms.push(tf.neg(tf.mean(this.minQ(this.critic, c, x))) as tf.Scalar);
      }
      return tf.addN(terms) as tf.Scalar;
    });
    tf.dispose(eps);
    this.record('actorLoss', takeScalar(actorStep.loss) / nAgents);
    this.record('actorGradNorm', takeScalar(actorStep.gradNorm));
    this.record('entropy', tf.tidy(() => -tf.mean(tf.concat(logPiKept, 0)).dataSync()[0]));

    // Temperatures: minimise -log alpha_i (log pi_i + target entropy) (SAC v2 automatic tuning).
    if (o.autoAlpha) {
      const gaps = tf.tidy(() => logPiKept.map((lp) => tf.add(tf.mean(lp), this.targetEntropy))); // no path to the actor
      const alphaStep = this.alphaOpt.minimise(
        () => tf.neg(tf.addN(this.logAlpha.map((la, i) => tf.sum(tf.mul(la, gaps[i]))))) as tf.Scalar,
      );
      takeScalar(alphaStep.loss);
      takeScalar(alphaStep.gradNorm);
      tf.dispose(gaps);
    }
    tf.dispose(logPiKept);
    tf.dispose(alpha);
    this.record('alpha', tf.tidy(() => tf.mean(tf.exp(tf.concat(this.logAlpha, 0))).dataSync()[0]));
    this.criticTarget.updateFrom(this.critic, o.tau);
  }

  protected hyperForSave(): unknown {
    return this.opts;
  }

  protected snapshot(): LearnerSnapshot {
    const a = this.actorOpt.exportState('actorOpt');
    const c = this.criticOpt.exportState('criticOpt');
    const al = this.alphaOpt.exportState('alphaOpt');
    return {
      tensors: {
        ...this.actor.exportWeights('actor'),
        ...this.critic.exportWeights('critic'),
        ...this.criticTarget.exportWeights('criticTarget'),
        ...exportVariables('logAlpha', this.logAlpha),
        ...a.arrays,
        ...c.arrays,
        ...al.arrays,
      },
      buffer: this.replayArrays(),
      extra: { actorOptStep: a.step, criticOptStep: c.step, alphaOptStep: al.step },
    };
  }

  protected restore({ tensors, buffer, extra }: LearnerSnapshot): void {
    const s = extra as { actorOptStep: number; criticOptStep: number; alphaOptStep: number };
    this.actor.importWeights('actor', tensors);
    this.critic.importWeights('critic', tensors);
    this.criticTarget.importWeights('criticTarget', tensors);
    importVariables('logAlpha', this.logAlpha, tensors);
    this.actorOpt.importState('actorOpt', s.actorOptStep, tensors);
    this.criticOpt.importState('criticOpt', s.criticOptStep, tensors);
    this.alphaOpt.importState('alphaOpt', s.alphaOptStep, tensors);
    this.replay.importArrays(buffer);
    this.resetPending();
  }

  protected disposeTensors(): void {
    for (const x of [this.actor, this.critic, this.criticTarget, this.actorOpt, this.criticOpt, this.alphaOpt]) x.dispose();
    for (const v of this.logAlpha) v.dispose();
  }
}
