// Plumbing every continuous learner shares: environment shape, observation packing and normalisation, the
// digital-twin mask, episode bookkeeping, per-episode training metrics and checkpoint files. Each algorithm
// adds its networks, its buffer and its update step.
import * as tf from '@tensorflow/tfjs';
import type { Controller } from '../../sim/controller';
import type { EnvObservation, MultiAgentEnv, StepResult } from '../../sim/env';
import { Random } from '../../sim/random';
import { checkCompatible, CHECKPOINT_FILES, readArrays, readJson, writeArrays, writeJson } from './checkpoint';
import { actorShape, continuousShape, digitalTwinMask, ObservationPacker, type ContinuousShape } from './env-adapter';
import type { NamedArray } from './networks';
import { NormalSampler, type NormalSamplerState } from './normal-sampler';
import { RunningNorm, type RunningNormState } from './running-norm';

export interface BaseHyper {
  obsNorm: boolean;
  digitalTwin: boolean;
  actorInput: 'local' | 'global';
  bootstrapAtEpisodeEnd: boolean;
  rewardScale: number;
}

export interface LearnerSnapshot {
  tensors: Record<string, NamedArray>;
  buffer: Record<string, NamedArray>;
  extra: unknown;
}

interface SavedLearner {
  algorithm: string;
  formatVersion: 1;
  shape: Record<string, number>;
  hyper: unknown;
  counters: { envSlots: number; slotInEpisode: number; trainSteps: number; episodes: number };
  rng: NormalSamplerState;
  obsNorm: RunningNormState | null;
  stateNorm: RunningNormState | null;
  rewardNorm: RunningNormState | null;
  extra: unknown;
}

export abstract class ContinuousLearnerBase implements Controller<Float32Array, unknown> {
  readonly shape: ContinuousShape;
  protected readonly packer: ObservationPacker;
  protected readonly obsNorm: RunningNorm | null;
  protected readonly stateNorm: RunningNorm | null;
  /** Running statistics of the (scaled) rewards, for learners that divide rewards by their std. */
  protected readonly rewardNorm: RunningNorm | null;
  /** Noise, shuffles and replay indices. Network initialisation uses a separate fork (`initRng`). */
  protected readonly rng: NormalSampler;
  protected readonly initRng: Random;
  protected envSlots = 0;
  protected slotInEpisode = 0;
  protected trainSteps = 0;
  protected episodes = 0;
  /** trainSteps at the end of the previous episode (for the per-episode gradientSteps metric). */
  private trainStepsAtEpisodeStart = 0;
  private readonly episodeStats = new Map<string, { sum: number; n: number }>();
  /** Wall time spent in updates (for the benchmark; never part of the metrics, which must be reproducible). */
  readonly updateTiming = { count: 0, totalMs: 0 };

  protected constructor(
    readonly name: string,
    env: MultiAgentEnv<Float32Array, unknown>,
    seed: number,
    protected readonly base: BaseHyper,
    useRewardNorm = false,
  ) {
    this.shape = actorShape(continuousShape(env.spec), base.actorInput);
    this.packer = new ObservationPacker(this.shape, digitalTwinMask(env, base.digitalTwin, name), base.actorInput);
    this.obsNorm = base.obsNorm ? new RunningNorm(this.shape.nAgents * this.shape.obsDim) : null;
    this.stateNorm = base.obsNorm ? new RunningNorm(this.shape.stateDim) : null;
    this.rewardNorm = useRewardNorm ? new RunningNorm(1, Infinity) : null;
    const root = Random.fromSeed(seed);
    this.initRng = root.fork();
    this.rng = new NormalSampler(root.fork());
  }

  abstract act(obs: EnvObservation, env: MultiAgentEnv<Float32Array, unknown>, explore: boolean): Float32Array[];
  abstract observe(prev: EnvObservation, actions: Float32Array[], result: StepResult<unknown>): void;
  protected abstract hyperForSave(): unknown;
  /** Weights, target weights, optimiser moments; the buffer; JSON-able extras (optimiser steps, ...). */
  protected abstract snapshot(): LearnerSnapshot;
  protected abstract restore(snapshot: LearnerSnapshot): void;
  protected abstract disposeTensors(): void;
  /** The runner ended an episode before the environment said done (cancel): cut the trajectory. */
  protected abstract onEpisodeCut(): void;

  /** Normalised copy of packed observations (stats unchanged). */
  protected normaliseObs(packed: Float32Array): Float32Array {
    return this.obsNorm ? this.obsNorm.normalise(packed) : packed.slice();
  }

  protected normaliseStates(packed: Float32Array): Float32Array {
    return this.stateNorm ? this.stateNorm.normalise(packed) : packed.slice();
  }

  /** Adds a training sample's raw observation and state to the running statistics. */
  protected updateNorms(packedObs: Float32Array, packedState: Float32Array): void {
    this.obsNorm?.update(packedObs, 1);
    this.stateNorm?.update(packedState, 1);
  }

  /** Advances the slot counters; says whether this slot ends the episode and whether s' is terminal. */
  protected advanceSlot(result: StepResult<unknown>): { end: boolean; terminal: boolean } {
    this.envSlots++;
    this.slotInEpisode++;
    const end = result.done || this.slotInEpisode >= this.shape.episodeLength;
    if (end) this.slotInEpisode = 0;
    return { end, terminal: end && !this.base.bootstrapAtEpisodeEnd };
  }

  /** Runs one update and adds its wall time to `updateTiming`. */
  protected timed(update: () => void): void {
    const t0 = performance.now();
    update();
    this.updateTiming.count++;
    this.updateTiming.totalMs += performance.now() - t0;
  }

  protected record(key: string, value: number): void {
    if (!Number.isFinite(value)) return;
    const s = this.episodeStats.get(key) ?? { sum: 0, n: 0 };
    s.sum += value;
    s.n++;
    this.episodeStats.set(key, s);
  }

  /** Training metrics of the episode: means over the updates that ran in it, plus cumulative counters. */
  endEpisode(): Record<string, number> {
    if (this.slotInEpisode > 0) {
      this.onEpisodeCut();
      this.slotInEpisode = 0;
    }
    this.episodes++;
    const out: Record<string, number> = {};
    for (const [k, s] of this.episodeStats) out[k] = s.sum / s.n;
    this.episodeStats.clear();
    out.envSlots = this.envSlots;
    out.trainSteps = this.trainSteps;
    // Gradient steps taken in this episode: summary.json's mean of it times the episodes is the run's total.
    out.gradientSteps = this.trainSteps - this.trainStepsAtEpisodeStart;
    this.trainStepsAtEpisodeStart = this.trainSteps;
    return out;
  }

  private shapeRecord(): Record<string, number> {
    const s = this.shape;
    return { nAgents: s.nAgents, obsDim: s.obsDim, stateDim: s.stateDim, actionDim: s.actionDim };
  }

  async save(dir: string): Promise<void> {
    const snap = this.snapshot();
    const saved: SavedLearner = {
      algorithm: this.name,
      formatVersion: 1,
      shape: this.shapeRecord(),
      hyper: this.hyperForSave(),
      counters: { envSlots: this.envSlots, slotInEpisode: this.slotInEpisode, trainSteps: this.trainSteps, episodes: this.episodes },
      rng: this.rng.getState(),
      obsNorm: this.obsNorm?.getState() ?? null,
      stateNorm: this.stateNorm?.getState() ?? null,
      rewardNorm: this.rewardNorm?.getState() ?? null,
      extra: snap.extra,
    };
    writeArrays(dir, CHECKPOINT_FILES.tensors, CHECKPOINT_FILES.tensorIndex, snap.tensors);
    writeArrays(dir, CHECKPOINT_FILES.buffer, CHECKPOINT_FILES.bufferIndex, snap.buffer);
    // learner.json last: its presence marks a complete checkpoint.
    writeJson(dir, CHECKPOINT_FILES.learner, saved);
  }

  async load(dir: string): Promise<void> {
    const saved = readJson<SavedLearner>(dir, CHECKPOINT_FILES.learner);
    checkCompatible(dir, saved, { algorithm: this.name, shape: this.shapeRecord() });
    this.restore({
      tensors: readArrays(dir, CHECKPOINT_FILES.tensors, CHECKPOINT_FILES.tensorIndex),
      buffer: readArrays(dir, CHECKPOINT_FILES.buffer, CHECKPOINT_FILES.bufferIndex),
      extra: saved.extra,
    });
    this.envSlots = saved.counters.envSlots;
    this.slotInEpisode = saved.counters.slotInEpisode;
    this.trainSteps = saved.counters.trainSteps;
    this.trainStepsAtEpisodeStart = saved.counters.trainSteps;
    this.episodes = saved.counters.episodes;
    this.rng.setState(saved.rng);
    if (this.obsNorm && saved.obsNorm) this.obsNorm.setState(saved.obsNorm);
    if (this.stateNorm && saved.stateNorm) this.stateNorm.setState(saved.stateNorm);
    if (this.rewardNorm && saved.rewardNorm) this.rewardNorm.setState(saved.rewardNorm);
  }

  dispose(): void {
    this.disposeTensors();
  }
}

/** Reads a scalar tensor and disposes it. */
export function takeScalar(t: tf.Tensor): number {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}
