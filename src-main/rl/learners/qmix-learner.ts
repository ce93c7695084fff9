// The QMIX learner of Sec. 7.5 / Algorithm 1, shared by MAD2RL (diffusion agents) and P-QMIX (MLP agents).
// Agents live in groups (this thread and worker threads); the mixer, the replay buffer and every random
// choice live here, so results depend only on the seed and the backend, not on the thread layout.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { UserError } from '../../../src-shared/errors';
import type { EnvObservation, EnvSpec, StepResult } from '../../sim/env';
import { Random } from '../../sim/random';
import { AgentGroup, type AgentNetConfig, type GroupAgentInit, type TrainForwardInput } from '../agents/agent-group';
import { LocalGroupClient, type GroupClient } from '../agents/group-client';
import { ReplayBuffer, type ReplayMeta } from '../buffers/replay';
import { readWeights, writeFileAtomic, writeJsonAtomic, writeWeights } from '../checkpoint';
import { isMad2rl, type LearnerHyper } from '../config';
import { epsilonAt, greedyAction, randomLegalAction } from '../exploration';
import { mixerParamSpecs, mixQ, type MixerShape } from '../mixers/qmix';
import { adamStep, AdamState, softUpdate } from '../nn/adam';
import { heapViewer } from '../nn/heap';
import { denoiserParamSpecs } from '../nn/diffusion-chain';
import { initParams, ParamSet, sumOfSquares, type NamedArray, type ParamSpec } from '../nn/params';
import { MlpQAgent } from '../agents/mlp-q-agent';
import { WorkerGroupClient } from '../workers/worker-group-client';

export type Algo = 'mad2rl' | 'pqmix';

/** A 32-bit seed drawn from a Random stream. */
export const drawSeed = (r: Random): number => Math.floor(r.uniform() * 4294967296) | 0;

export interface TrainStats {
  tdLoss: number;
  gradNorm: number;
  qTotMean: number;
  targetMean: number;
  /** Wall time of the phases of this step (ms): forward passes, mixer + loss, backward, optimiser. */
  phaseMs: { forward: number; mixer: number; backward: number; update: number };
}

interface EpisodeTotals {
  trainSteps: number;
  tdLoss: number;
  gradNorm: number;
  qTotMean: number;
  trainMs: number;
  decisions: number;
  decisionMs: number;
}

/** A sampled mini-batch (ReplayBuffer.sample). */
type SampledBatch = ReturnType<ReplayBuffer['sample']>;

/** The TD loss of a batch, its gradient w.r.t. the agents' chosen Q-values ([E, n]) and the mixer's gradients. */
interface TdLoss {
  loss: number;
  dq: Float32Array;
  qTotMean: number;
  targetMean: number;
  mixerGrads: tf.Tensor[];
}

const emptyTotals = (): EpisodeTotals => ({ trainSteps: 0, tdLoss: 0, gradNorm: 0, qTotMean: 0, trainMs: 0, decisions: 0, decisionMs: 0 });

export interface LearnerOptions {
  algo: Algo;
  spec: EnvSpec;
  hyper: LearnerHyper;
  seed: number;
  /** Backend name from selectBackend (workers select the same). */
  backend: string;
}

function agentNetConfig(hyper: LearnerHyper, obsDim: number, nActions: number): AgentNetConfig {
  if (isMad2rl(hyper)) {
    const shape = {
      obsDim,
      nActions,
      hidden: hyper.hidden,
      embedDim: hyper.stepEmbedDim,
      activation: hyper.activation,
      steps: hyper.denoisingSteps,
      betaMin: hyper.betaMin,
      betaMax: hyper.betaMax,
      clipDenoised: hyper.clipDenoised,
      qHead: hyper.qHead === 'critic' ? ('softmax' as const) : hyper.qHead,
      noise: hyper.chainNoise === 'mean' ? ('mean' as const) : ('stochastic' as const),
    };
    if (hyper.qHead !== 'critic') return { kind: 'diffusion', shape };
    const critic = { obsDim, nActions, hidden: hyper.hidden, activation: hyper.activation };
    return { kind: 'actor-critic', actor: shape, critic, entropy: hyper.actorEntropy, clipNorm: hyper.gradClipNorm };
  }
  return { kind: 'mlp', shape: { obsDim, nActions, hidden: hyper.hidden, activation: hyper.activation } };
}

function netParamSpecs(c: AgentNetConfig): ParamSpec[] {
  if (c.kind === 'actor-critic') return [...denoiserParamSpecs(c.actor), ...new MlpQAgent(c.critic).paramSpecs()];
  return c.kind === 'diffusion' ? denoiserParamSpecs(c.shape) : new MlpQAgent(c.shape).paramSpecs();
}

/** Splits agents over `groups` groups, balancing parameter counts (longest-processing-time first). */
export function partitionAgents(costs: readonly number[], groups: number): number[][] {
  const order = costs.map((c, i) => ({ c, i })).sort((a, b) => b.c - a.c || a.i - b.i);
  const bins = Array.from({ length: groups }, () => ({ load: 0, agents: [] as number[] }));
  for (const { c, i } of order) {
    const bin = bins.reduce((best, b) => (b.load < best.load ? b : best), bins[0]);
    bin.load += c;
    bin.agents.push(i);
  }
  return bins.filter((b) => b.agents.length > 0).map((b) => b.agents.sort((x, y) => x - y));
}

export function resolveThreads(hyper: LearnerHyper, backend: string, nAgents: number): number {
  if (hyper.threads !== 'auto') return Math.min(hyper.threads, nAgents);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // Native TensorFlow already uses every core; wasm/cpu run one op at a time per thread.
  if (backend !== 'wasm' && backend !== 'cpu') return 1;
  return Math.max(1, Math.min(2, cores, nAgents));
}

export class QmixLearner {
  readonly nAgents: number;
  readonly nActions: number[];
  private readonly mixerShape: MixerShape;
  private mixerOnline: ParamSet | null = null;
  private mixerTarget: ParamSet | null = null;
  private mixerAdam: AdamState | null = null;
  private readonly mixerSpecs: ParamSpec[];
  private replay: ReplayBuffer;
  /** Streams: exploration and decision noise; training batches and training noise; exploration-off decisions. */
  private actRng: Random;
  private trainRng: Random;
  private evalRng: Random;
  /** Noise seeds of the last decision per agent (stored with the transition for chainNoise 'replay'). */
  private lastSeeds: number[] = [];
  /** Running moments of the rewards seen (rewardNorm): count, mean, M2 (Welford). */
  private rewardStats = { n: 0, mean: 0, m2: 0 };
  envSteps = 0;
  trainSteps = 0;
  private episode = emptyTotals();
  private lastTrain: TrainStats | null = null;
  /** Updates still running in worker threads (they overlap with the next slot's work on this thread). */
  private inflight: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly opts: LearnerOptions,
    private readonly groups: GroupClient[],
    readonly threads: number,
    rootRng: Random,
  ) {
    const { spec, hyper } = opts;
    this.nAgents = spec.nAgents;
    this.nActions = spec.actionSpaces.map((s) => (s.kind === 'discrete' ? s.n : 0));
    this.mixerShape = {
      kind: hyper.mixer,
      nAgents: spec.nAgents,
      stateDim: spec.stateDim,
      embed: hyper.mixerEmbed,
      hyperHidden: hyper.hyperHidden,
      hyperLayers: hyper.hyperLayers,
      activation: hyper.mixerActivation,
    };
    this.mixerSpecs = mixerParamSpecs(this.mixerShape);
    if (this.mixerSpecs.length > 0) {
      this.mixerOnline = ParamSet.fromArrays(this.mixerSpecs, initParams(this.mixerSpecs, drawSeed(rootRng)));
      this.mixerTarget = this.mixerOnline.clone(); // Algorithm 1, line 2
      this.mixerAdam = AdamState.create(this.mixerSpecs);
    }
    this.replay = new ReplayBuffer({ obsDims: spec.obsDims, stateDim: spec.stateDim, nActions: this.nActions }, hyper.bufferCapacity);
    this.actRng = rootRng.fork();
    this.trainRng = rootRng.fork();
    this.evalRng = rootRng.fork();
  }

  static async create(opts: LearnerOptions): Promise<QmixLearner> {
    const { spec, hyper } = opts;
    if (spec.nAgents < 1 || spec.obsDims.length !== spec.nAgents || spec.actionSpaces.length !== spec.nAgents) {
      throw new UserError(`env spec: nAgents (${spec.nAgents}) must match obsDims and actionSpaces`);
    }
    spec.actionSpaces.forEach((s, i) => {
      if (s.kind !== 'discrete') throw new UserError(`${opts.algo} needs discrete actions; agent ${i} has a ${s.kind} action space`);
      if (s.n < 1) throw new UserError(`agent ${i}: action space needs at least one action`);
    });
    const rootRng = Random.fromSeed(opts.seed);
    const inits: GroupAgentInit[] = spec.obsDims.map((obsDim, i) => ({
      agent: i,
      net: agentNetConfig(hyper, obsDim, (spec.actionSpaces[i] as { n: number }).n),
      initSeed: drawSeed(rootRng),
    }));
    const threads = resolveThreads(hyper, opts.backend, spec.nAgents);
    const costs = inits.map((a) => netParamSpecs(a.net).reduce((s, p) => s + p.shape.reduce((x, y) => x * y, 1), 0));
    const load = (agents: number[]) => agents.reduce((s, i) => s + costs[i], 0);
    // The main thread also runs the mixer and samples the replay: give it the lightest share.
    const parts = partitionAgents(costs, threads).sort((a, b) => load(a) - load(b) || a[0] - b[0]);
    const adam = { lr: hyper.lr, beta1: hyper.adamBeta1, beta2: hyper.adamBeta2, eps: hyper.adamEps };
    const configs = parts.map((agents) => ({ agents: agents.map((i) => inits[i]), adam, tau: hyper.tau }));
    const started = await Promise.allSettled(configs.slice(1).map((c) => WorkerGroupClient.start(opts.backend, c)));
    const remote = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await Promise.all(remote.map((g) => g.dispose()));
      // 'auto' falls back to one thread (e.g. a bundle without the worker loader); same results, slower.
      if (hyper.threads !== 'auto') throw failed.reason;
      const all = { agents: inits, adam, tau: hyper.tau };
      return new QmixLearner(opts, [new LocalGroupClient(new AgentGroup(all))], 1, rootRng);
    }
    const groups: GroupClient[] = [new LocalGroupClient(new AgentGroup(configs[0])), ...remote];
    return new QmixLearner(opts, groups, parts.length, rootRng);
  }

  /** Remote groups first, so their work overlaps with the local group's. */
  private ordered(): GroupClient[] {
    return [...this.groups.filter((g) => g.remote), ...this.groups.filter((g) => !g.remote)];
  }

  get epsilon(): number {
    const h = this.opts.hyper;
    return epsilonAt(this.envSteps, { start: h.epsilonStart, finish: h.epsilonFinish, annealSteps: h.epsilonAnnealSteps });
  }

  /** Q-vectors of every agent for the current observation (online networks, eq. 41 / MLP output). */
  async qValues(obs: EnvObservation, rng: Random = this.actRng): Promise<Float32Array[]> {
    await this.settle();
    const seeds = Array.from({ length: this.nAgents }, () => drawSeed(rng));
    this.lastSeeds = seeds;
    const out: Float32Array[] = new Array(this.nAgents);
    await Promise.all(
      this.ordered().map(async (g) => {
        const qs = await g.decide(g.agentIds.map((i) => ({ agent: i, obs: obs.obs[i], seed: seeds[i] })));
        g.agentIds.forEach((i, k) => (out[i] = qs[k]));
      }),
    );
    return out;
  }

  /** Actions for one slot: eq. (54) over legal actions, epsilon-greedy when exploring. */
  async act(obs: EnvObservation, explore: boolean): Promise<number[]> {
    const t0 = performance.now();
    // Exploration-off decisions (evaluation) draw their noise from their own stream, so evaluating between
    // training episodes leaves the training run exactly as it would be without.
    const qs = await this.qValues(obs, explore ? this.actRng : this.evalRng);
    const eps = explore ? this.epsilon : 0;
    const actions = qs.map((q, i) => {
      const mask = obs.masks?.[i];
      if (q.length !== this.nActions[i]) throw new Error(`agent ${i}: Q has ${q.length} entries, expected ${this.nActions[i]}`);
      if (!explore) return greedyAction(q, mask);
      const u = this.actRng.uniform();
      return u < eps ? randomLegalAction(this.nActions[i], mask, this.actRng) : greedyAction(q, mask);
    });
    this.episode.decisions += 1;
    this.episode.decisionMs += performance.now() - t0;
    return actions;
  }

  /** Stores the transition (Algorithm 1, line 18) and trains when due (lines 19-21). */
  async observe(prev: EnvObservation, actions: number[], result: StepResult<unknown>): Promise<void> {
    const reward = result.reward * this.opts.hyper.rewardScale;
    const st = this.rewardStats; // Welford update of the stored rewards' moments (rewardNorm)
    st.n += 1;
    const d = reward - st.mean;
    st.mean += d / st.n;
    st.m2 += d * (reward - st.mean);
    this.replay.add({
      seeds: this.lastSeeds,
      obs: prev.obs,
      state: prev.state,
      actions,
      reward,
      nextObs: result.obs,
      nextState: result.state,
      nextMasks: result.masks ?? this.nActions.map((n) => new Uint8Array(n).fill(1)),
      done: result.done,
    });
    this.envSteps += 1;
    const h = this.opts.hyper;
    if (this.replay.size >= Math.max(h.learningStarts, h.batchSize) && this.envSteps % h.trainEvery === 0) await this.trainStep();
  }

  /** Waits for the worker-side updates of the last training step (and surfaces their errors). */
  private async settle(): Promise<void> {
    const p = this.inflight;
    this.inflight = Promise.resolve();
    await p;
  }

  /**
   * One gradient step on a sampled mini-batch (Algorithm 1, lines 19-21), top to bottom: sample, the agents'
   * Q-values, the TD loss through the mixer (57)-(59), the agents' gradients, Adam and the soft updates (60)-(61).
   * The helpers below hold the thread orchestration; every random draw happens here in a fixed order.
   */
  async trainStep(): Promise<TrainStats> {
    await this.settle();
    const t0 = performance.now();
    const batch = this.sampleBatch(); // line 19
    const tForward = performance.now();
    const seeds = Array.from({ length: this.nAgents }, () => [drawSeed(this.trainRng), drawSeed(this.trainRng)]);
    const { qChosen, qNextMax } = await this.agentQValues(batch, seeds); // Q_theta_i(s_i, a_i), max_a Q_theta-hat_i(s'_i, a)
    const tMixer = performance.now();
    const td = this.tdLoss(batch, qChosen, qNextMax); // eqs. (57)-(59): L and dL/dQ_i(s_i, a_i)
    const tBackward = performance.now();
    const gradNorm = await this.agentGradients(td.dq, td.mixerGrads); // line 20: ||grad L|| over agents and mixer
    const tUpdate = performance.now();
    await this.applyUpdates(td.mixerGrads, gradNorm); // Adam on the clipped gradient, eqs. (60)-(61)
    if (!Number.isFinite(td.loss)) throw new Error(`TD loss became ${td.loss} at train step ${this.trainSteps + 1}`);

    this.trainSteps += 1;
    const tEnd = performance.now();
    const phaseMs = { forward: tMixer - tForward, mixer: tBackward - tMixer, backward: tUpdate - tBackward, update: tEnd - tUpdate };
    const stats: TrainStats = { tdLoss: td.loss, gradNorm, qTotMean: td.qTotMean, targetMean: td.targetMean, phaseMs };
    this.lastTrain = stats;
    const ep = this.episode;
    ep.trainSteps += 1;
    ep.tdLoss += td.loss;
    ep.gradNorm += gradNorm;
    ep.qTotMean += td.qTotMean;
    ep.trainMs += performance.now() - t0;
    return stats;
  }

  /** E transitions from the replay buffer (line 19), rewards divided by their running std when rewardNorm. */
  private sampleBatch(): SampledBatch {
    const h = this.opts.hyper;
    const E = h.batchSize;
    const batch = this.replay.sample(E, this.trainRng);
    if (h.rewardNorm) {
      const st = this.rewardStats;
      const std = st.n > 1 ? Math.sqrt(st.m2 / (st.n - 1)) : 0;
      if (std > 1e-8) for (let e = 0; e < E; e++) batch.reward[e] /= std;
    }
    return batch;
  }

  /**
   * Every agent's online forward on s (kept for the backward pass) and target forward on s', in its group's
   * thread: Q_theta_i(s_i, a_i) and max over legal a of Q_theta-hat_i(s'_i, a), both [E, n].
   */
  private async agentQValues(batch: SampledBatch, seeds: number[][]): Promise<{ qChosen: Float32Array; qNextMax: Float32Array }> {
    const h = this.opts.hyper;
    const E = h.batchSize;
    const n = this.nAgents;
    const replayNoise = isMad2rl(h) && h.chainNoise === 'replay';
    const qChosen = new Float32Array(E * n);
    const qNextMax = new Float32Array(E * n);
    await Promise.all(
      this.ordered().map(async (g) => {
        const inputs: TrainForwardInput[] = g.agentIds.map((i) => ({
          agent: i,
          obs: batch.obs[i],
          nextObs: batch.nextObs[i],
          actions: batch.actions[i],
          nextMasks: batch.nextMasks[i],
          seedOnline: seeds[i][0],
          seedTarget: seeds[i][1],
          rowSeeds: replayNoise ? batch.seeds[i] : undefined,
          doubleQ: h.doubleQ,
          bootstrap: h.gamma > 0,
        }));
        for (const r of await g.trainForward(inputs)) {
          for (let e = 0; e < E; e++) {
            qChosen[e * n + r.agent] = r.qChosen[e];
            qNextMax[e * n + r.agent] = r.qNextMax[e];
          }
        }
      }),
    );
    return { qChosen, qNextMax };
  }

  /**
   * The TD loss (58) with target y = r + omega Q_tot-hat(S', max_a Q-hat) (59) through the mixer (57), or per
   * agent for independent learners; its gradient w.r.t. every Q_i(s_i, a_i) ([E, n]) and the mixer's parameters.
   */
  private tdLoss(batch: SampledBatch, qChosen: Float32Array, qNextMax: Float32Array): TdLoss {
    const h = this.opts.hyper;
    const E = h.batchSize;
    const n = this.nAgents;
    const notDone = new Float32Array(E);
    for (let e = 0; e < E; e++) notDone[e] = h.terminalOnDone && batch.done[e] ? 0 : 1;
    if (this.mixerShape.kind === 'independent') {
      // Independent learners: each agent regresses its own Q on r + omega max Q-hat_i(s'_i)
      const dq = new Float32Array(E * n);
      let loss = 0;
      let qs = 0;
      let ys = 0;
      for (let e = 0; e < E; e++)
        for (let i = 0; i < n; i++) {
          const y = batch.reward[e] + h.gamma * notDone[e] * qNextMax[e * n + i];
          const d = y - qChosen[e * n + i];
          loss += (0.5 * d * d) / E;
          dq[e * n + i] = -d / E;
          qs += qChosen[e * n + i] / (E * n);
          ys += y / (E * n);
        }
      return { loss, dq, qTotMean: qs, targetMean: ys, mixerGrads: [] };
    }
    const res = tf.tidy(() => {
      const states = tf.tensor2d(batch.state, [E, this.opts.spec.stateDim]);
      const nextStates = tf.tensor2d(batch.nextState, [E, this.opts.spec.stateDim]);
      // eq. (59): y = r + omega * Qtot-hat(S', max_a Q-hat); with omega = 0 the target mixer is not needed
      const y =
        h.gamma > 0
          ? tf.add(tf.tensor1d(batch.reward), tf.mul(tf.mul(tf.tensor1d(notDone), h.gamma), mixQ(this.mixerShape, this.mixerTarget, tf.tensor2d(qNextMax, [E, n]), nextStates)))
          : tf.tensor1d(batch.reward);
      const names = this.mixerSpecs.map((s) => s.name);
      let qTotMeanT: tf.Tensor | null = null;
      const f = (...args: tf.Tensor[]) => {
        const p = names.length > 0 ? new ParamSet(names, args.slice(1)) : null;
        const qTot = mixQ(this.mixerShape, p, args[0] as tf.Tensor2D, states);
        qTotMeanT = tf.keep(tf.mean(qTot));
        return tf.mean(tf.mul(tf.square(tf.sub(y, qTot)), 0.5)) as tf.Scalar; // eq. (58)
      };
      const qT = tf.tensor2d(qChosen, [E, n]);
      const { value, grads } = tf.valueAndGrads(f)([qT, ...(this.mixerOnline?.tensors ?? [])]);
      return { value, dq: grads[0], mixerGrads: grads.slice(1), qTotMean: qTotMeanT as unknown as tf.Tensor, targetMean: tf.mean(y) };
    });
    const out: TdLoss = {
      loss: res.value.dataSync()[0],
      dq: res.dq.dataSync() as Float32Array,
      qTotMean: res.qTotMean.dataSync()[0],
      targetMean: res.targetMean.dataSync()[0],
      mixerGrads: res.mixerGrads,
    };
    tf.dispose([res.value, res.dq, res.qTotMean, res.targetMean]);
    return out;
  }

  /**
   * Backward through every agent network (line 20) given dL/dQ_i(s_i, a_i); the groups keep the gradients.
   * Returns the global gradient norm over all agents and the mixer (for clipping).
   */
  private async agentGradients(dq: Float32Array, mixerGrads: tf.Tensor[]): Promise<number> {
    const E = this.opts.hyper.batchSize;
    const n = this.nAgents;
    let sumSq = sumOfSquares(mixerGrads);
    const groupSq = await Promise.all(
      this.ordered().map((g) =>
        g.trainBackward(
          g.agentIds.map((i) => {
            const d = new Float32Array(E);
            for (let e = 0; e < E; e++) d[e] = dq[e * n + i];
            return { agent: i, dqChosen: d };
          }),
        ),
      ),
    );
    for (const sq of groupSq) for (const v of sq) sumSq += v;
    return Math.sqrt(sumSq);
  }

  /**
   * Adam on the gradients scaled to norm <= gradClipNorm, then the soft target updates (60)-(61), in every
   * group and for the mixer. Worker groups finish (and repack their weights) while this thread goes on: their
   * completion is awaited by the next settle().
   */
  private async applyUpdates(mixerGrads: tf.Tensor[], gradNorm: number): Promise<void> {
    const h = this.opts.hyper;
    const scale = h.gradClipNorm > 0 && gradNorm > h.gradClipNorm ? h.gradClipNorm / gradNorm : 1;
    const remoteUpdates = this.groups.filter((g) => g.remote).map((g) => g.applyUpdate(scale));
    const localUpdates = this.groups.filter((g) => !g.remote).map((g) => g.applyUpdate(scale));
    if (this.mixerOnline && this.mixerTarget && this.mixerAdam) {
      const view = heapViewer();
      adamStep(this.mixerOnline, mixerGrads, this.mixerAdam, { lr: h.lr, beta1: h.adamBeta1, beta2: h.adamBeta2, eps: h.adamEps }, scale, view);
      softUpdate(this.mixerTarget, this.mixerOnline, h.tau, view); // eq. (61)
    }
    tf.dispose(mixerGrads);
    await Promise.all(localUpdates);
    this.inflight = Promise.all(remoteUpdates);
    this.inflight.catch(() => undefined); // surfaced by the next settle()
  }

  /** Episode metrics; resets the per-episode sums. */
  endEpisode(): Record<string, number> {
    const ep = this.episode;
    const out: Record<string, number> = {
      epsilon: this.epsilon,
      trainSteps: this.trainSteps,
      envSteps: this.envSteps,
      replaySize: this.replay.size,
      trainStepsInEpisode: ep.trainSteps,
    };
    if (ep.trainSteps > 0) {
      out.tdLoss = ep.tdLoss / ep.trainSteps;
      out.gradNorm = ep.gradNorm / ep.trainSteps;
      out.qTotMean = ep.qTotMean / ep.trainSteps;
      out.trainStepMs = ep.trainMs / ep.trainSteps;
    }
    if (ep.decisions > 0) out.decisionMs = ep.decisionMs / ep.decisions;
    this.episode = emptyTotals();
    return out;
  }

  get lastTrainStats(): TrainStats | null {
    return this.lastTrain;
  }

  private fingerprint() {
    const s = this.opts.spec;
    return { algo: this.opts.algo, nAgents: s.nAgents, obsDims: s.obsDims, stateDim: s.stateDim, nActions: this.nActions };
  }

  /** Everything needed to continue training: weights, Adam, replay, counters, RNG states. */
  async save(dir: string): Promise<void> {
    await this.settle();
    fs.mkdirSync(dir, { recursive: true });
    const agentArrays = (await Promise.all(this.groups.map((g) => g.exportState()))).flat();
    writeWeights(dir, 'agents', agentArrays);
    if (this.mixerOnline && this.mixerTarget && this.mixerAdam) {
      writeWeights(dir, 'mixer', [
        ...this.mixerOnline.toArrays('online/'),
        ...this.mixerTarget.toArrays('target/'),
        ...this.mixerAdam.m.toArrays('adam_m/'),
        ...this.mixerAdam.v.toArrays('adam_v/'),
        { name: 'adam_step', shape: [1], data: Float32Array.of(this.mixerAdam.step) },
      ]);
    }
    writeFileAtomic(path.join(dir, 'replay.bin'), this.replay.chunks());
    writeJsonAtomic(path.join(dir, 'replay.json'), this.replay.meta());
    writeJsonAtomic(path.join(dir, 'learner.json'), {
      version: 1,
      ...this.fingerprint(),
      hyper: this.opts.hyper,
      seed: this.opts.seed,
      backend: this.opts.backend,
      envSteps: this.envSteps,
      trainSteps: this.trainSteps,
      actRng: this.actRng.getState(),
      trainRng: this.trainRng.getState(),
      evalRng: this.evalRng.getState(),
      rewardStats: this.rewardStats,
    });
  }

  async load(dir: string): Promise<void> {
    await this.settle();
    const file = path.join(dir, 'learner.json');
    if (!fs.existsSync(file)) throw new UserError(`no learner checkpoint in ${dir} (learner.json missing)`);
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as ReturnType<QmixLearner['fingerprint']> & {
      envSteps: number;
      trainSteps: number;
      actRng: number[];
      trainRng: number[];
      evalRng?: number[];
      rewardStats?: { n: number; mean: number; m2: number };
    };
    const mine = this.fingerprint();
    for (const key of Object.keys(mine) as (keyof typeof mine)[]) {
      if (JSON.stringify(state[key]) !== JSON.stringify(mine[key])) {
        throw new UserError(`checkpoint ${dir} does not fit this run: ${key} is ${JSON.stringify(state[key])}, expected ${JSON.stringify(mine[key])}`);
      }
    }
    let agentArrays: NamedArray[];
    try {
      agentArrays = readWeights(dir, 'agents');
      await Promise.all(this.groups.map((g) => g.importState(agentArrays)));
      if (this.mixerOnline && this.mixerTarget && this.mixerAdam) {
        const arrays = readWeights(dir, 'mixer');
        const online = ParamSet.fromArrays(this.mixerSpecs, arrays, 'online/');
        const target = ParamSet.fromArrays(this.mixerSpecs, arrays, 'target/');
        const adam = new AdamState(ParamSet.fromArrays(this.mixerSpecs, arrays, 'adam_m/'), ParamSet.fromArrays(this.mixerSpecs, arrays, 'adam_v/'));
        adam.step = arrays.find((a) => a.name === 'adam_step')?.data[0] ?? 0;
        this.mixerOnline.dispose();
        this.mixerTarget.dispose();
        this.mixerAdam.dispose();
        this.mixerOnline = online;
        this.mixerTarget = target;
        this.mixerAdam = adam;
      }
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw new UserError(`checkpoint ${dir} does not fit this run's networks: ${err instanceof Error ? err.message : String(err)}`);
    }
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'replay.json'), 'utf8')) as ReplayMeta;
    const bytes = fs.readFileSync(path.join(dir, 'replay.bin'));
    this.replay = ReplayBuffer.restore(meta, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.envSteps = state.envSteps;
    this.trainSteps = state.trainSteps;
    this.actRng = Random.fromState(state.actRng);
    this.trainRng = Random.fromState(state.trainRng);
    if (state.evalRng) this.evalRng = Random.fromState(state.evalRng);
    this.rewardStats = state.rewardStats ?? { n: 0, mean: 0, m2: 0 };
    this.episode = emptyTotals();
  }

  async dispose(): Promise<void> {
    await this.settle().catch(() => undefined);
    await Promise.all(this.groups.map((g) => g.dispose()));
    this.mixerOnline?.dispose();
    this.mixerTarget?.dispose();
    this.mixerAdam?.dispose();
  }
}
