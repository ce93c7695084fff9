// What the runner drives: anything that picks the agents' actions each slot, learning or not.
// Heuristics implement `act` only; learners also implement observe/endEpisode/save/load.
import type { EnvObservation, MultiAgentEnv, StepResult } from './env';

export interface Controller<Action, Info> {
  readonly name: string;
  /** Chooses every agent's action for this slot. `explore` is false in evaluation episodes. */
  act(obs: EnvObservation, env: MultiAgentEnv<Action, Info>, explore: boolean): Action[] | Promise<Action[]>;
  /** Called after each step with the transition (learners store it and may train). */
  observe?(prev: EnvObservation, actions: Action[], result: StepResult<Info>): void | Promise<void>;
  /** Called at the end of each episode; returns learner metrics for the episode line (tdLoss, epsilon, ...). */
  endEpisode?(episode: number): Record<string, number> | Promise<Record<string, number>>;
  /** Writes everything needed to continue training (weights, optimiser, replay, counters) into `dir`. */
  save?(dir: string): Promise<void>;
  /** Restores what `save` wrote. */
  load?(dir: string): Promise<void>;
  /** Releases tensors/workers. */
  dispose?(): void;
}

/** Builds a controller for a given environment; one factory per algorithm name in the registry. */
export type ControllerFactory<Action, Info> = (
  env: MultiAgentEnv<Action, Info>,
  options: { seed: number; hyper: Record<string, unknown>; backend?: string },
) => Promise<Controller<Action, Info>>;
