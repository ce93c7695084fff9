// One record per algorithm: what `vecwb run --algo`, the API's algorithms.list and the hyper-parameter form need
// to know about it, kept in the algorithm's own file (the registry, src-main/experiments/algorithms.ts, lists
// them one line each). `load` imports the implementation only when a run builds it (learners load TensorFlow).
import type { z } from 'zod';
import type { EnvId } from '../../src-shared/schemas/run';
import type { ControllerFactory } from './controller';

export interface AlgorithmSpec {
  /** Registry name (`--algo`); unique within its environment. */
  name: string;
  env: EnvId;
  kind: 'heuristic' | 'learner';
  /** Shown in the UI and in figure legends. */
  label: string;
  /** Schema of its hyper-parameters, defaults filled in (the UI form starts from them); absent = takes none. */
  hyperSchema?: z.ZodType;
  /** The factory, built for the environment of `env` (its action and step-info types erased for the registry). */
  load(): Promise<ControllerFactory<never, unknown>>;
}

/**
 * An AlgorithmSpec from a factory typed for its environment. The registry holds algorithms of both papers in
 * one list, so their action and info types are erased here, the one place they are; the runner pairs a
 * factory only with an environment of the same `env`.
 */
export function defineAlgorithm<A, I>(spec: Omit<AlgorithmSpec, 'load'> & { load(): Promise<ControllerFactory<A, I>> }): AlgorithmSpec {
  return { ...spec, load: async () => (await spec.load()) as ControllerFactory<never, unknown> };
}
