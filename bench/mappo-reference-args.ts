// What bench/pytorch_mappo_reference.py needs to run one PPO update of the same sizes and structure as a
// MappoLearner (Ly-DTMPPO / Ly-MAPPO): read from the learner's parsed hyper-parameters and its environment
// shape, never restated, so the reference cannot drift from the workbench's defaults.
import type { PpoHyper } from '../src-main/rl/continuous/hyper';
import { LOG_STD_MAX, LOG_STD_MIN, POLICY_HEAD_SCALE, type MappoLearner } from '../src-main/rl/continuous/mappo';

/** The --config object of pytorch_mappo_reference.py (its CONFIG_KEYS). */
export interface MappoReferenceConfig {
  nAgents: number;
  /** Input of each actor (local state, zero-padded; the global state under actorInput 'global'). */
  obsDim: number;
  stateDim: number;
  actionDim: number;
  /** Hidden widths of actors and critic (ReLU); the output layers are linear. */
  hidden: number[];
  /** Critic outputs: one per agent (agentRewards) or 1. */
  valueHeads: number;
  /** Slots per update: the rollout buffer's capacity. */
  rows: number;
  episodeLength: number;
  epochs: number;
  miniBatches: number;
  gaeEachEpoch: boolean;
  gamma: number;
  gaeLambda: number;
  clipRatio: number;
  entropyCoef: number;
  /** 'squashed' only where the squashed entropy has a tanh Jacobian (actionMap 'tanh'); else the Gaussian's. */
  entropy: 'gaussian' | 'squashed' | 'off';
  stdMode: PpoHyper['stdMode'];
  logStdMin: number;
  logStdMax: number;
  initLogStd: number;
  policyHeadScale: number;
  lr: number;
  criticLr: number;
  maxGradNorm: number;
  valueNorm: boolean;
  advantageNorm: boolean;
}

/** The parts of a MappoLearner the reference's sizes come from. */
export type MappoLearnerSizes = Pick<MappoLearner, 'hyper' | 'shape' | 'valueHeads' | 'rolloutCapacity'>;

export function mappoReferenceConfig(learner: MappoLearnerSizes): MappoReferenceConfig {
  const h = learner.hyper;
  const s = learner.shape;
  const entropy = h.entropy === 'off' ? 'off' : h.entropy === 'squashed' && h.actionMap === 'tanh' ? 'squashed' : 'gaussian';
  return {
    nAgents: s.nAgents,
    obsDim: s.obsDim,
    stateDim: s.stateDim,
    actionDim: s.actionDim,
    hidden: [...h.hiddenSizes],
    valueHeads: learner.valueHeads,
    rows: learner.rolloutCapacity,
    episodeLength: s.episodeLength,
    epochs: h.epochs,
    miniBatches: h.miniBatches,
    gaeEachEpoch: h.gaeEachEpoch,
    gamma: h.gamma,
    gaeLambda: h.gaeLambda,
    clipRatio: h.clipRatio,
    entropyCoef: h.entropyCoef,
    entropy,
    stdMode: h.stdMode,
    logStdMin: LOG_STD_MIN,
    logStdMax: LOG_STD_MAX,
    initLogStd: h.initLogStd,
    policyHeadScale: POLICY_HEAD_SCALE,
    lr: h.lr,
    criticLr: h.criticLr ?? h.lr,
    maxGradNorm: h.maxGradNorm,
    valueNorm: h.valueNorm,
    advantageNorm: h.advantageNorm,
  };
}

export interface ReferenceRunOptions {
  /** Timed updates (median) after `warmup` untimed ones. */
  reps?: number;
  warmup?: number;
  /** torch.set_num_threads. */
  threads?: number;
  layouts?: ('stacked' | 'loop')[];
}

/** argv of pytorch_mappo_reference.py (after the script path). */
export function mappoReferenceArgs(config: MappoReferenceConfig, o: ReferenceRunOptions = {}): string[] {
  return [
    '--config',
    JSON.stringify(config),
    '--reps',
    String(o.reps ?? 7),
    '--warmup',
    String(o.warmup ?? 2),
    '--threads',
    String(o.threads ?? 1),
    '--layouts',
    (o.layouts ?? ['stacked', 'loop']).join(','),
  ];
}

/** The JSON line pytorch_mappo_reference.py prints. */
export interface MappoReferenceRow {
  bench: 'p2-pytorch';
  updateMs: number;
  layout: 'stacked' | 'loop';
  updateMsLoop: number | null;
  epochs: number;
  miniBatches: number;
  rows: number;
  nAgents: number;
  obsDim: number;
  stateDim: number;
  actionDim: number;
  hidden: number[];
  reps: number;
  torch: string;
  threads: number;
}
