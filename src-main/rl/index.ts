// Public face of the learning core (paper 1): controller factories for the runner, backend selection and
// the hyper-parameter defaults.
import { mad2rlHyperSchema, pqmixHyperSchema } from './config';

export { learnerFactories, QmixController } from './controller';
export { selectBackend, currentBackend, backendOrder, backendPreferences, type BackendChoice, type BackendName } from './backend';
export { mad2rlHyperSchema, pqmixHyperSchema, parseMad2rlHyper, parsePqmixHyper, type Mad2rlHyper, type PqmixHyper } from './config';

/** The defaults of every hyper-parameter, per algorithm (for UIs and the algorithm registry). */
export const learnerHyperDefaults = {
  mad2rl: mad2rlHyperSchema.parse({}),
  pqmix: pqmixHyperSchema.parse({}),
};
