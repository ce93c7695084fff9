// Paper 1's learners in the algorithm registry: MAD2RL and P-QMIX (QMIX with diffusion or MLP agents). The
// learner code (TensorFlow) is imported when a run builds one.
import { defineAlgorithm } from '../sim/algorithm-spec';
import { mad2rlHyperSchema, pqmixHyperSchema } from './config';

export const mad2rlSpec = defineAlgorithm({
  name: 'mad2rl',
  env: 'vec-dnn',
  kind: 'learner',
  label: 'MAD2RL (QMIX + diffusion agents)',
  hyperSchema: mad2rlHyperSchema,
  load: async () => (await import('./index')).learnerFactories.mad2rl,
});

export const pqmixSpec = defineAlgorithm({
  name: 'pqmix',
  env: 'vec-dnn',
  kind: 'learner',
  label: 'P-QMIX (QMIX + MLP agents)',
  hyperSchema: pqmixHyperSchema,
  load: async () => (await import('./index')).learnerFactories.pqmix,
});
