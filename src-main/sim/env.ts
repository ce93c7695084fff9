// The interface both papers' environments implement, so runners, learners and shells treat them alike.
import type { Random } from './random';

export type ActionSpace =
  | { kind: 'discrete'; n: number }
  | { kind: 'continuous'; dim: number; low: number; high: number };

export interface EnvSpec {
  envId: 'vec-dnn' | 'isac-dt';
  nAgents: number;
  /** Length of each agent's local observation. */
  obsDims: number[];
  /** Length of the global state fed to centralised critics/mixers. */
  stateDim: number;
  actionSpaces: ActionSpace[];
  episodeLength: number;
}

export interface EnvObservation {
  /** Per-agent local observation. */
  obs: Float32Array[];
  /** Global state. */
  state: Float32Array;
  /** Per-agent legal-action masks for discrete actions (1 = legal); absent for continuous actions. */
  masks?: Uint8Array[];
}

export interface StepResult<Info> extends EnvObservation {
  reward: number;
  /** Each agent's own reward r_i, when the environment defines one (paper 2, Algorithm 1); they sum to the summed team reward. */
  agentRewards?: number[];
  done: boolean;
  info: Info;
}

/** Per-slot numbers the runner streams to metrics.jsonl; arrays are per CV/SV/model/RSU as named. */
export type SlotMetrics = Record<string, number | number[]>;

export interface MultiAgentEnv<Action, Info> {
  readonly spec: EnvSpec;
  reset(seed: number): EnvObservation;
  step(actions: Action[]): StepResult<Info>;
  /** The numbers of one step worth recording (reward, delays, queues, ...). */
  slotMetrics(info: Info): SlotMetrics;
}

export type { Random };
