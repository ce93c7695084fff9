// Paper 2's learners in the algorithm registry: Ly-DTMPPO and its four baselines (Sec. VII-B). The learner code
// (TensorFlow) is imported when a run builds one.
import { defineAlgorithm, type AlgorithmSpec } from '../../sim/algorithm-spec';
import { maddpgHyperSchema, masacHyperSchema, matd3HyperSchema, ppoHyperSchema } from './hyper';
import type { ContinuousAlgorithm } from './index';

const learner = (name: ContinuousAlgorithm, label: string, hyperSchema: AlgorithmSpec['hyperSchema']): AlgorithmSpec =>
  defineAlgorithm({
    name,
    env: 'isac-dt',
    kind: 'learner',
    label,
    hyperSchema,
    load: async () => (await import('./index')).continuousLearnerFactories[name],
  });

export const lyDtmppoSpec = learner('ly-dtmppo', 'Ly-DTMPPO (MAPPO + digital twin)', ppoHyperSchema);
export const lyMappoSpec = learner('ly-mappo', 'Ly-MAPPO (no digital twin)', ppoHyperSchema);
export const lyMaddpgSpec = learner('ly-maddpg', 'Ly-MADDPG', maddpgHyperSchema);
export const lyMatd3Spec = learner('ly-matd3', 'Ly-MATD3', matd3HyperSchema);
export const lyMasacSpec = learner('ly-masac', 'Ly-MASAC', masacHyperSchema);
