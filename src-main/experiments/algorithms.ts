// The algorithm registry: every name `vecwb run --algo` accepts, per environment, and how to build it.
// Factories are imported lazily so a heuristic run never loads TensorFlow.
import type { EnvId } from '../../src-shared/schemas/run';
import { UserError } from '../../src-shared/errors';
import type { ControllerFactory } from '../sim/controller';

export interface AlgorithmInfo {
  name: string;
  label: string;
  env: EnvId;
  kind: 'heuristic' | 'learner';
  load: () => Promise<ControllerFactory<never, unknown>>;
}

type AnyFactory = ControllerFactory<never, unknown>;
const cast = (f: unknown) => f as AnyFactory;

const heuristic = (name: string, label: string): AlgorithmInfo => ({
  name,
  label,
  env: 'vec-dnn',
  kind: 'heuristic',
  load: async () => cast(((await import('../policies/index')).policyFactories as Record<string, unknown>)[name]),
});

const vecLearner = (name: 'mad2rl' | 'pqmix', label: string): AlgorithmInfo => ({
  name,
  label,
  env: 'vec-dnn',
  kind: 'learner',
  load: async () => cast((await import('../rl/index')).learnerFactories[name]),
});

const isacLearner = (
  name: 'ly-dtmppo' | 'ly-mappo' | 'ly-maddpg' | 'ly-matd3' | 'ly-masac',
  label: string,
): AlgorithmInfo => ({
  name,
  label,
  env: 'isac-dt',
  kind: 'learner',
  load: async () => cast((await import('../rl/continuous/index')).continuousLearnerFactories[name]),
});

export const algorithms: AlgorithmInfo[] = [
  vecLearner('mad2rl', 'MAD2RL (QMIX + diffusion agents)'),
  vecLearner('pqmix', 'P-QMIX (QMIX + MLP agents)'),
  heuristic('genetic', 'Genetic algorithm'),
  heuristic('greedy', 'Greedy'),
  heuristic('random', 'Random'),
  heuristic('all-local', 'All local'),
  heuristic('all-rsu', 'All to RSU'),
  heuristic('exhaustive', 'Exhaustive search (tiny instances)'),
  isacLearner('ly-dtmppo', 'Ly-DTMPPO (MAPPO + digital twin)'),
  isacLearner('ly-mappo', 'Ly-MAPPO (no digital twin)'),
  isacLearner('ly-maddpg', 'Ly-MADDPG'),
  isacLearner('ly-matd3', 'Ly-MATD3'),
  isacLearner('ly-masac', 'Ly-MASAC'),
  {
    name: 'random',
    label: 'Random',
    env: 'isac-dt',
    kind: 'heuristic',
    load: async () => cast((await import('../policies/random-continuous')).randomContinuousFactory),
  },
  {
    name: 'fixed-ratio',
    label: 'Fixed ratio (constant policy)',
    env: 'isac-dt',
    kind: 'heuristic',
    load: async () => cast((await import('../policies/fixed-ratio')).fixedRatioFactory),
  },
];

export function listAlgorithms(env: EnvId): AlgorithmInfo[] {
  return algorithms.filter((a) => a.env === env);
}

export function findAlgorithm(env: EnvId, name: string): AlgorithmInfo {
  const found = algorithms.find((a) => a.env === env && a.name === name);
  if (!found) {
    const known = listAlgorithms(env).map((a) => a.name).join(', ');
    throw new UserError(`unknown algorithm '${name}' for env '${env}'; known: ${known}`);
  }
  return found;
}
