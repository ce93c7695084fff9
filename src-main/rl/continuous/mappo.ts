// Ly-DTMPPO (Sec. VI-B, Algorithm 1): MAPPO under CTDE. Each CV i has its own Gaussian actor pi_phi_i on its
// local state s_i(t) (40); one centralised critic V_theta on the global state S(t) (41), which carries the
// digital-twin entries (RSU queues, G_rsu). Ly-MAPPO is the same learner with the DT entries zeroed.
// Actions: u ~ N(mu_phi(s_i), sigma^2) on the pre-squash scale, a = squashToBox(u) or clipToBox(u) (squash.ts,
// hyper actionMap); the ratio of (47) is computed on u, where the tanh Jacobian cancels (the clip is the env's).
import * as tf from '@tensorflow/tfjs';
import type { EnvObservation, MultiAgentEnv, StepResult } from '../../sim/env';
import { Adam } from './adam';
import { assertFinite } from './env-adapter';
import { computeGae } from './gae';
import type { PpoHyper } from './hyper';
import { fastPpoEnabled, fastPpoUpdate } from './fast-ppo-update';
import { ContinuousLearnerBase, takeScalar, type LearnerSnapshot } from './learner-base';
import { exportVariables, importVariables, perAgentTensors, StackedMlp } from './networks';
import { RolloutBuffer } from './rollout-buffer';
import { DecayingNorm, type DecayingNormState } from './decaying-norm';
import { RunningNorm, type RunningNormState } from './running-norm';
import {
  gaussianEntropyTf,
  gaussianLogDensity,
  gaussianLogProbTf,
  clipToBox,
  squashToBox,
  tanhLogJacobianTf,
  unclipFromBox,
  unsquashFromBox,
} from './squash';

/** Bounds of the log-std when the actor outputs it ('state' mode); bench/mappo-reference-args.ts passes them on. */
export const LOG_STD_MIN = -5;
export const LOG_STD_MAX = 2;
/** Scale of the policy head's initial weights. */
export const POLICY_HEAD_SCALE = 0.01;

interface PendingAction {
  actions: Float32Array[];
  obs: Float32Array;
  preSquash: Float32Array;
  logProbs: Float32Array;
}

export class MappoLearner extends ContinuousLearnerBase {
  private readonly actor: StackedMlp;
  /** 'parameter' mode: one [1, d] log-std per agent. */
  private readonly logStd: tf.Variable[];
  private readonly critic: StackedMlp;
  private readonly actorOpt: Adam;
  private readonly criticOpt: Adam;
  private readonly valueNorm: RunningNorm | DecayingNorm | null;
  private readonly buffer: RolloutBuffer;
  private pending: PendingAction | null = null;
  /** 'state' mode: added to the raw log-std head so the initial log-std (head ~ 0) is hyper.initLogStd. */
  private readonly logStdOffset: number;
  /** Critic outputs: nAgents (per-agent rewards) or 1 (team reward). */
  readonly valueHeads: number;

  constructor(
    name: string,
    env: MultiAgentEnv<Float32Array, unknown>,
    seed: number,
    readonly hyper: PpoHyper,
  ) {
    super(name, env, seed, hyper);
    const { nAgents, obsDim, stateDim, actionDim } = this.shape;
    const heads = hyper.stdMode === 'state' ? 2 * actionDim : actionDim;
    // Policy head starts small (x0.01) so every agent begins near the centre of its action box.
    this.actor = new StackedMlp(nAgents, [obsDim, ...hyper.hiddenSizes, heads], this.initRng, POLICY_HEAD_SCALE);
    this.logStd =
      hyper.stdMode === 'parameter'
        ? Array.from({ length: nAgents }, () => tf.tidy(() => tf.variable(tf.fill([1, actionDim], hyper.initLogStd))))
        : [];
    // One value per agent when each learns from its own r_i, else the team value.
    this.valueHeads = hyper.agentRewards ? nAgents : 1;
    this.critic = new StackedMlp(1, [stateDim, ...hyper.hiddenSizes, this.valueHeads], this.initRng);
    const actorGroups = this.actor.groups().map((g, i) => (this.logStd[i] ? [...g, this.logStd[i]] : g));
    this.actorOpt = new Adam(actorGroups, { lr: hyper.lr, maxGradNorm: hyper.maxGradNorm });
    this.criticOpt = new Adam(this.critic.groups(), { lr: hyper.criticLr ?? hyper.lr, maxGradNorm: hyper.maxGradNorm });
    this.valueNorm = !hyper.valueNorm ? null : hyper.valueNormDecay > 0 ? new DecayingNorm(hyper.valueNormDecay) : new RunningNorm(1, Infinity);
    const capacity = hyper.rollout === 'episode' ? this.shape.episodeLength : hyper.batchSize;
    this.buffer = new RolloutBuffer({ capacity, nAgents, obsDim, stateDim, actionDim, rewardDim: this.valueHeads });
    const span = LOG_STD_MAX - LOG_STD_MIN;
    const init = Math.min(LOG_STD_MAX - 1e-3 * span, Math.max(LOG_STD_MIN + 1e-3 * span, hyper.initLogStd));
    this.logStdOffset = Math.atanh((2 * (init - LOG_STD_MIN)) / span - 1);
  }

  /** Slots one update learns from when the rollout is full: an episode ('episode') or B ('slots'). */
  get rolloutCapacity(): number {
    return this.buffer.dims.capacity;
  }

  /** Mean [B, d] and log-std ([1, d] or [B, d]) of agent i's Gaussian for normalised observations [B, obsDim]. */
  private policy(i: number, obs: tf.Tensor2D): { mu: tf.Tensor2D; logStd: tf.Tensor2D } {
    const out = this.actor.apply(i, obs);
    const d = this.shape.actionDim;
    if (this.logStd.length) return { mu: out, logStd: this.logStd[i] as tf.Variable<tf.Rank.R2> };
    const b = out.shape[0];
    const mu = tf.slice(out, [0, 0], [b, d]);
    const raw = tf.add(tf.slice(out, [0, d], [b, d]), this.logStdOffset);
    // Smooth bound of the state-dependent log-std to [LOG_STD_MIN, LOG_STD_MAX].
    const logStd = tf.add(LOG_STD_MIN, tf.mul(0.5 * (LOG_STD_MAX - LOG_STD_MIN), tf.add(tf.tanh(raw), 1))) as tf.Tensor2D;
    return { mu, logStd };
  }

  /** Means and log-stds for one slot, [N * d] each. */
  private policyOnce(normObs: Float32Array): { mu: Float32Array; logStd: Float32Array } {
    const { nAgents, obsDim, actionDim } = this.shape;
    return tf.tidy(() => {
      const mus: tf.Tensor2D[] = [];
      const lss: tf.Tensor2D[] = [];
      for (let i = 0; i < nAgents; i++) {
        const { mu, logStd } = this.policy(i, tf.tensor2d(normObs.subarray(i * obsDim, (i + 1) * obsDim), [1, obsDim]));
        mus.push(mu);
        lss.push(tf.reshape(logStd, [1, actionDim]));
      }
      const both = tf.concat([...mus, ...lss], 0).dataSync() as Float32Array;
      const k = nAgents * actionDim;
      return { mu: both.slice(0, k), logStd: both.slice(k, 2 * k) };
    });
  }

  act(obs: EnvObservation, _env: MultiAgentEnv<Float32Array, unknown>, explore: boolean): Float32Array[] {
    const { nAgents, actionDim, low, high } = this.shape;
    const clipMap = this.hyper.actionMap === 'clip';
    const packed = this.packer.packObs(obs);
    assertFinite(packed, 'observation');
    const normObs = this.normaliseObs(packed);
    const { mu, logStd } = this.policyOnce(normObs);
    const preSquash = new Float32Array(nAgents * actionDim);
    const logProbs = new Float32Array(nAgents);
    const actions: Float32Array[] = [];
    for (let i = 0; i < nAgents; i++) {
      const a = new Float32Array(actionDim);
      let lp = 0;
      for (let d = 0; d < actionDim; d++) {
        const k = i * actionDim + d;
        // Algorithm 1 line 5: a_i ~ pi_phi_i(.|s_i); evaluation uses the mean.
        const u = explore ? mu[k] + Math.exp(logStd[k]) * this.rng.normal() : mu[k];
        preSquash[k] = u;
        lp += gaussianLogDensity(u, mu[k], logStd[k]);
        a[d] = clipMap ? clipToBox(u, low, high) : squashToBox(u, low, high);
      }
      logProbs[i] = lp;
      actions.push(a);
    }
    this.pending = { actions, obs: normObs, preSquash, logProbs };
    return actions;
  }

  /** Behaviour data for actions that did not come from the last `act` (e.g. chosen by another policy). */
  private reconstruct(prev: EnvObservation, actions: Float32Array[]): PendingAction {
    const { nAgents, actionDim, low, high } = this.shape;
    const normObs = this.normaliseObs(this.packer.packObs(prev));
    const { mu, logStd } = this.policyOnce(normObs);
    const preSquash = new Float32Array(nAgents * actionDim);
    const logProbs = new Float32Array(nAgents);
    for (let i = 0; i < nAgents; i++) {
      for (let d = 0; d < actionDim; d++) {
        const k = i * actionDim + d;
        preSquash[k] = this.hyper.actionMap === 'clip' ? unclipFromBox(actions[i][d], low, high) : unsquashFromBox(actions[i][d], low, high);
        logProbs[i] += gaussianLogDensity(preSquash[k], mu[k], logStd[k]);
      }
    }
    return { actions, obs: normObs, preSquash, logProbs };
  }

  observe(prev: EnvObservation, actions: Float32Array[], result: StepResult<unknown>): void {
    const p = this.pending && this.pending.actions === actions ? this.pending : this.reconstruct(prev, actions);
    this.pending = null;
    const rawObs = this.packer.packObs(prev);
    const state = this.packer.packState(prev);
    const nextState = this.packer.packState(result);
    assertFinite([result.reward], 'reward');
    this.updateNorms(rawObs, state);
    const { end, terminal } = this.advanceSlot(result);
    // Algorithm 1 line 8: store the transition in D.
    this.buffer.add({
      obs: p.obs,
      state,
      nextState,
      preSquash: p.preSquash,
      logProbs: p.logProbs,
      reward: this.rewardRow(result),
      terminal,
      cut: end,
    });
    // Algorithm 1 line 11: update after every episode ('episode'), or when B slots are stored ('slots').
    if (this.hyper.rollout === 'episode' ? end || this.buffer.full : this.buffer.full) this.timed(() => this.update());
  }

  protected onEpisodeCut(): void {
    this.buffer.cutLast();
    if (this.hyper.rollout === 'episode' && this.buffer.size > 0) this.timed(() => this.update());
  }

  /** The stored reward: each agent's r_i (when the environment gives them and agentRewards is on) or the team reward. */
  private rewardRow(result: StepResult<unknown>): number | Float32Array {
    const k = this.base.rewardScale;
    if (this.valueHeads === 1) return result.reward * k;
    const r = result.agentRewards;
    if (!r || r.length !== this.valueHeads) return result.reward * k; // no r_i: the team reward for every agent
    assertFinite(r, 'agentRewards');
    return Float32Array.from(r, (x) => x * k);
  }

  /** Advantages (46) and critic targets (49) of the stored rollout under the current critic, [n * heads] row-major. */
  private targets(updateValueNorm: boolean): { advantages: Float32Array; targets: Float32Array; returns: Float64Array } {
    const h = this.hyper;
    const { stateDim } = this.shape;
    const n = this.buffer.size;
    const buf = this.buffer;
    const H = this.valueHeads;
    const values = this.values(buf.states.subarray(0, n * stateDim), n);
    const nextValues = this.values(buf.nextStates.subarray(0, n * stateDim), n);
    const advantages = new Float64Array(n * H);
    const returns = new Float64Array(n * H);
    const column = (src: ArrayLike<number>, j: number) => Float64Array.from({ length: n }, (_, t) => src[t * H + j]);
    for (let j = 0; j < H; j++) {
      // eq. (46) per value head: agent j's r_j against its own V_j.
      const g = computeGae({
        rewards: column(buf.rewards, j),
        values: column(values, j),
        nextValues: column(nextValues, j),
        terminals: buf.terminals.subarray(0, n),
        cuts: buf.cuts.subarray(0, n),
        gamma: h.gamma,
        lambda: h.gaeLambda,
      });
      for (let t = 0; t < n; t++) {
        advantages[t * H + j] = g.advantages[t];
        returns[t * H + j] = g.returns[t];
      }
    }
    let targets: Float32Array = Float32Array.from(returns);
    if (this.valueNorm) {
      if (updateValueNorm) this.valueNorm.update(returns);
      targets = this.valueNorm.normalise(returns);
    }
    const adv = Float32Array.from(advantages);
    const m = advantages.length;
    if (h.advantageNorm && m > 1) {
      let mean = 0;
      for (const a of advantages) mean += a;
      mean /= m;
      let v = 0;
      for (const a of advantages) v += (a - mean) ** 2;
      const std = Math.sqrt(v / m) + 1e-8;
      for (let t = 0; t < m; t++) adv[t] = (advantages[t] - mean) / std;
    }
    return { advantages: adv, targets, returns };
  }

  /** Critic values V(s) (de-normalised) of `rows` raw states. */
  private values(rawStates: Float32Array, rows: number): Float64Array {
    // [rows * valueHeads], row-major
    const norm = this.normaliseStates(rawStates);
    const v = tf.tidy(() => this.critic.apply(0, tf.tensor2d(norm, [rows, this.shape.stateDim])).dataSync() as Float32Array);
    return this.valueNorm ? this.valueNorm.denormalise(v) : Float64Array.from(v);
  }

  /** Algorithm 1 lines 11-18: GAE (46), then E epochs of the clipped surrogate (47)-(48) and the critic MSE (49). */
  update(): void {
    const h = this.hyper;
    if (this.buffer.size === 0) return;
    const buf = this.buffer;

    // Advantages (46) and returns R_t = A_t + V(s_t) (49) with the critic before this update.
    const first = this.targets(true);
    const returns = first.returns;
    // The epochs: on the host (fast-ppo-update.ts) where it covers the configuration, else on tfjs.
    if (fastPpoEnabled(h)) this.epochsOnHost(first);
    else this.epochsOnTf(first);
    if (this.logStd.length) {
      this.record('logStdMean', tf.tidy(() => tf.mean(tf.concat(this.logStd, 0)).dataSync()[0]));
    }
    let meanReturn = 0;
    for (const r of returns) meanReturn += r;
    this.record('returnMean', meanReturn / returns.length);
    this.record('updates', 1);
    buf.clear();
  }

  /** The update's epochs on the host: weights and Adam moments read once, written back once. */
  private epochsOnHost(first: { advantages: Float32Array; targets: Float32Array }): void {
    const h = this.hyper;
    const { nAgents, obsDim, stateDim, actionDim } = this.shape;
    const n = this.buffer.size;
    const buf = this.buffer;
    const actor = this.actorOpt.readHost();
    const critic = this.criticOpt.readHost();
    fastPpoUpdate(
      {
        rows: n,
        nAgents,
        obsDim,
        stateDim,
        actionDim,
        valueHeads: this.valueHeads,
        obs: buf.obs.subarray(0, n * nAgents * obsDim),
        preSquash: buf.preSquash.subarray(0, n * nAgents * actionDim),
        logProbs: buf.logProbs.subarray(0, n * nAgents),
        states: this.normaliseStates(buf.states.subarray(0, n * stateDim)),
        advantages: first.advantages,
        targets: first.targets,
      },
      {
        epochs: h.epochs,
        clipRatio: h.clipRatio,
        entropyCoef: h.entropy === 'off' ? 0 : h.entropyCoef,
        logStdMin: LOG_STD_MIN,
        logStdMax: LOG_STD_MAX,
        logStdOffset: this.logStdOffset,
        actorSizes: this.actor.sizes,
        criticSizes: this.critic.sizes,
      },
      actor,
      critic,
      (s) => {
        this.record('policyLoss', s.policyLoss);
        this.record('entropy', s.entropy);
        this.record('approxKl', s.approxKl);
        this.record('clipFraction', s.clipFraction);
        this.record('valueLoss', s.valueLoss);
        this.record('actorGradNorm', s.actorGradNorm);
        this.record('criticGradNorm', s.criticGradNorm);
        this.trainSteps++;
      },
    );
    this.actorOpt.writeHost(actor);
    this.criticOpt.writeHost(critic);
  }

  /** The update's epochs on tfjs (every configuration). */
  private epochsOnTf(first: { advantages: Float32Array; targets: Float32Array }): void {
    const h = this.hyper;
    const { nAgents, obsDim, stateDim, actionDim } = this.shape;
    const n = this.buffer.size;
    const buf = this.buffer;
    const obsT = perAgentTensors(buf.obs.subarray(0, n * nAgents * obsDim), n, nAgents, obsDim);
    const uT = perAgentTensors(buf.preSquash.subarray(0, n * nAgents * actionDim), n, nAgents, actionDim);
    const oldLogpT = perAgentTensors(buf.logProbs.subarray(0, n * nAgents), n, nAgents, 1);
    const statesT = tf.tensor2d(this.normaliseStates(buf.states.subarray(0, n * stateDim)), [n, stateDim]);
    const H = this.valueHeads;
    let advT = tf.tensor2d(first.advantages, [n, H]);
    let targetT = tf.tensor2d(first.targets, [n, H]);
    const owned = [...obsT, ...uT, ...oldLogpT, statesT];

    const order = new Int32Array(n).map((_, i) => i);
    const mbSize = Math.max(1, Math.floor(n / h.miniBatches));
    for (let epoch = 0; epoch < h.epochs; epoch++) {
      if (h.gaeEachEpoch && epoch > 0) {
        // Algorithm 1 line 13: GAE (46) inside the epoch loop, with the critic as updated so far.
        const again = this.targets(false);
        advT.dispose();
        targetT.dispose();
        advT = tf.tensor2d(again.advantages, [n, H]);
        targetT = tf.tensor2d(again.targets, [n, H]);
      }
      if (h.miniBatches > 1) this.rng.shuffle(order);
      for (let m = 0; m < h.miniBatches; m++) {
        const from = m * mbSize;
        const to = m === h.miniBatches - 1 ? n : from + mbSize;
        if (to <= from) continue;
        // The whole rollout as one minibatch needs no gather (MAPPO's default of one minibatch).
        const idx = h.miniBatches > 1 ? tf.tensor1d(order.subarray(from, to), 'int32') : null;
        const pick = <T extends tf.Tensor>(x: T): T => (idx ? (tf.gather(x, idx) as T) : x);
        const stats: tf.Scalar[] = [];
        // 'squashed' entropy: fresh standard-normal noise for the reparameterised sample u' = mu + sigma eps.
        const rows = to - from;
        const noise =
          h.entropy === 'squashed' && h.actionMap === 'tanh'
            ? Array.from({ length: nAgents }, () => tf.tensor2d(Float32Array.from({ length: rows * actionDim }, () => this.rng.normal()), [rows, actionDim]))
            : [];

        // Actor: maximise L^CLIP (47) plus the entropy bonus; each agent's term is its own mean.
        const actorStep = this.actorOpt.minimise(() => {
          const advAll = pick(advT);
          const terms: tf.Scalar[] = [];
          const pl: tf.Scalar[] = [];
          const ent: tf.Scalar[] = [];
          const kl: tf.Scalar[] = [];
          const clipped: tf.Scalar[] = [];
          for (let i = 0; i < nAgents; i++) {
            const { mu, logStd } = this.policy(i, pick(obsT[i]));
            const advMb = H === 1 ? advAll : tf.slice(advAll, [0, i], [-1, 1]); // agent i's own advantage
            const logp = tf.reshape(gaussianLogProbTf(pick(uT[i]), mu, logStd), [-1, 1]); // [b, 1]
            const logRatio = tf.sub(logp, pick(oldLogpT[i]));
            const ratio = tf.exp(logRatio); // r_t(phi) of (47)
            const surr = tf.minimum(tf.mul(ratio, advMb), tf.mul(tf.clipByValue(ratio, 1 - h.clipRatio, 1 + h.clipRatio), advMb));
            const policyLoss = tf.neg(tf.mean(surr)) as tf.Scalar;
            const entropy = this.entropyTerm(mu, logStd, noise[i]);
            terms.push(h.entropy === 'off' ? policyLoss : (tf.sub(policyLoss, tf.mul(h.entropyCoef, entropy)) as tf.Scalar));
            pl.push(policyLoss);
            ent.push(entropy);
            // approx KL (Schulman's k3 estimator) and the fraction of clipped ratios, for monitoring
            kl.push(tf.mean(tf.sub(tf.sub(ratio, 1), logRatio)) as tf.Scalar);
            clipped.push(tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), h.clipRatio), 'float32')) as tf.Scalar);
          }
          const avg = (xs: tf.Scalar[]) => tf.keep(tf.div(tf.addN(xs), nAgents) as tf.Scalar);
          stats.push(avg(pl), avg(ent), avg(kl), avg(clipped));
          return tf.addN(terms) as tf.Scalar;
        });

        // Critic: L^V (49) = E[(V(s_t) - R_t)^2] on the global state.
        const criticStep = this.criticOpt.minimise(() => {
          const v = this.critic.apply(0, pick(statesT));
          return tf.mean(tf.square(tf.sub(v, pick(targetT)))) as tf.Scalar;
        });
        idx?.dispose();
        tf.dispose(noise);

        const [policyLoss, entropy, approxKl, clipFraction] = stats.map(takeScalar);
        this.record('policyLoss', policyLoss);
        this.record('entropy', entropy);
        this.record('approxKl', approxKl);
        this.record('clipFraction', clipFraction);
        this.record('valueLoss', takeScalar(criticStep.loss));
        this.record('actorGradNorm', takeScalar(actorStep.gradNorm));
        this.record('criticGradNorm', takeScalar(criticStep.gradNorm));
        takeScalar(actorStep.loss);
        this.trainSteps++;
      }
    }
    tf.dispose([...owned, advT, targetT]);
  }

  /**
   * Mean entropy per sample. 'gaussian' / 'off': the pre-squash Gaussian's (reported only under 'off').
   * 'squashed': H[a] = H[u] + E[sum_d log |da_d/du_d|] (change of variables; the constant log((high - low) / 2) per
   * entry is dropped), the expectation taken on u' = mu + sigma eps so that it has a gradient in mu and sigma.
   */
  private entropyTerm(mu: tf.Tensor2D, logStd: tf.Tensor2D, eps: tf.Tensor2D | undefined): tf.Scalar {
    const gauss = gaussianEntropyTf(logStd);
    // Under actionMap 'clip' there is no tanh Jacobian: the bonus is the Gaussian's entropy.
    if (this.hyper.entropy !== 'squashed' || this.hyper.actionMap === 'clip' || !eps) return tf.mean(gauss) as tf.Scalar;
    const u = tf.add(mu, tf.mul(tf.exp(logStd), eps));
    return tf.mean(tf.add(gauss, tanhLogJacobianTf(u))) as tf.Scalar;
  }

  protected hyperForSave(): unknown {
    return this.hyper;
  }

  protected snapshot(): LearnerSnapshot {
    const actorOpt = this.actorOpt.exportState('actorOpt');
    const criticOpt = this.criticOpt.exportState('criticOpt');
    return {
      tensors: {
        ...this.actor.exportWeights('actor'),
        ...exportVariables('logStd', this.logStd),
        ...this.critic.exportWeights('critic'),
        ...actorOpt.arrays,
        ...criticOpt.arrays,
      },
      buffer: this.buffer.exportArrays(),
      extra: { actorOptStep: actorOpt.step, criticOptStep: criticOpt.step, valueNorm: this.valueNorm?.getState() ?? null },
    };
  }

  protected restore({ tensors, buffer, extra }: LearnerSnapshot): void {
    const s = extra as { actorOptStep: number; criticOptStep: number; valueNorm: RunningNormState | DecayingNormState | null };
    this.actor.importWeights('actor', tensors);
    importVariables('logStd', this.logStd, tensors);
    this.critic.importWeights('critic', tensors);
    this.actorOpt.importState('actorOpt', s.actorOptStep, tensors);
    this.criticOpt.importState('criticOpt', s.criticOptStep, tensors);
    if (this.valueNorm && s.valueNorm) {
      const st = s.valueNorm;
      if (this.valueNorm instanceof DecayingNorm) {
        if (!('kind' in st)) throw new Error('checkpoint: the value normaliser has cumulative statistics, this run decaying ones (valueNormDecay)');
        this.valueNorm.setState(st);
      } else {
        if ('kind' in st) throw new Error('checkpoint: the value normaliser has decaying statistics, this run cumulative ones (valueNormDecay)');
        this.valueNorm.setState(st);
      }
    }
    this.buffer.importArrays(buffer);
    this.pending = null;
  }

  protected disposeTensors(): void {
    this.actor.dispose();
    for (const v of this.logStd) v.dispose();
    this.critic.dispose();
    this.actorOpt.dispose();
    this.criticOpt.dispose();
  }
}
