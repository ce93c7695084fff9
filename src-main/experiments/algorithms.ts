// The algorithm registry: every name `vecwb run --algo` (and the API) accepts, per environment. Each algorithm
// describes itself in an AlgorithmSpec in its own file (src-main/sim/algorithm-spec.ts); adding one is that
// file plus one line below. Specs load their implementation lazily, so a heuristic run never loads TensorFlow.
import type { EnvId } from '../../src-shared/schemas/run';
import { UserError } from '../../src-shared/errors';
import type { AlgorithmSpec } from '../sim/algorithm-spec';
import { exhaustiveSpec } from '../policies/exhaustive';
import { allLocalSpec, allRsuSpec } from '../policies/fixed';
import { fixedRatioSpec } from '../policies/fixed-ratio';
import { geneticSpec } from '../policies/genetic';
import { greedySpec } from '../policies/greedy';
import { randomSpec } from '../policies/random';
import { randomContinuousSpec } from '../policies/random-continuous';
import { mad2rlSpec, pqmixSpec } from '../rl/algorithm-specs';
import { lyDtmppoSpec, lyMaddpgSpec, lyMappoSpec, lyMasacSpec, lyMatd3Spec } from '../rl/continuous/algorithm-specs';

export type { AlgorithmSpec };

/** In the order the UI lists them. */
export const algorithms: AlgorithmSpec[] = [
  mad2rlSpec,
  pqmixSpec,
  geneticSpec,
  greedySpec,
  randomSpec,
  allLocalSpec,
  allRsuSpec,
  exhaustiveSpec,
  lyDtmppoSpec,
  lyMappoSpec,
  lyMaddpgSpec,
  lyMatd3Spec,
  lyMasacSpec,
  randomContinuousSpec,
  fixedRatioSpec,
];

/**
 * Adds an algorithm at run time (a plug-in, a test); returns the function that removes it again. Runs of it
 * execute where it was registered: in this process (the CLI, an engine with an in-process executor).
 */
export function registerAlgorithm(spec: AlgorithmSpec): () => void {
  if (algorithms.some((a) => a.env === spec.env && a.name === spec.name)) {
    throw new UserError(`algorithm '${spec.name}' is already registered for env '${spec.env}'`);
  }
  algorithms.push(spec);
  return () => {
    const i = algorithms.indexOf(spec);
    if (i >= 0) algorithms.splice(i, 1);
  };
}

export function listAlgorithms(env: EnvId): AlgorithmSpec[] {
  return algorithms.filter((a) => a.env === env);
}

export function findAlgorithm(env: EnvId, name: string): AlgorithmSpec {
  const found = algorithms.find((a) => a.env === env && a.name === name);
  if (!found) {
    const known = listAlgorithms(env).map((a) => a.name).join(', ');
    throw new UserError(`unknown algorithm '${name}' for env '${env}'; known: ${known}`);
  }
  return found;
}
