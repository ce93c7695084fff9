// Registry of paper 2's learners: Ly-DTMPPO and its four baselines (Sec. VII-B), all under the Lyapunov
// reward (44) of the environment. `hyper` overrides the defaults of hyper.ts (validated; unknown keys fail).
import { UserError } from '../../../src-shared/errors';
import type { ControllerFactory } from '../../sim/controller';
import type { MultiAgentEnv } from '../../sim/env';
import { maddpgHyperSchema, masacHyperSchema, matd3HyperSchema, parseHyper, ppoHyperSchema } from './hyper';
import { DeterministicPgLearner, maddpgOptions } from './maddpg';
import { MappoLearner } from './mappo';
import { MasacLearner } from './masac';
import { createMatd3 } from './matd3';

export type ContinuousAlgorithm = 'ly-dtmppo' | 'ly-mappo' | 'ly-maddpg' | 'ly-matd3' | 'ly-masac';

async function prepareBackend(backend: string | undefined): Promise<void> {
  if (backend) {
    const { selectBackend } = await import('../backend');
    await selectBackend(backend);
  }
}

/** Ly-DTMPPO sees the DT entries, Ly-MAPPO does not: the algorithm name fixes `digitalTwin`. */
const mappoFactory =
  (name: 'ly-dtmppo' | 'ly-mappo', digitalTwin: boolean): ControllerFactory<Float32Array, unknown> =>
  async (env: MultiAgentEnv<Float32Array, unknown>, { seed, hyper, backend }) => {
    if ('digitalTwin' in hyper && hyper.digitalTwin !== digitalTwin) {
      throw new UserError(`hyper.digitalTwin: ${name} always runs with digitalTwin = ${digitalTwin}; use ${digitalTwin ? 'ly-mappo' : 'ly-dtmppo'} instead`);
    }
    await prepareBackend(backend);
    return new MappoLearner(name, env, seed, parseHyper(ppoHyperSchema, { ...hyper, digitalTwin }, name));
  };

export const continuousLearnerFactories: Record<ContinuousAlgorithm, ControllerFactory<Float32Array, unknown>> = {
  'ly-dtmppo': mappoFactory('ly-dtmppo', true),
  'ly-mappo': mappoFactory('ly-mappo', false),
  'ly-maddpg': async (env, { seed, hyper, backend }) => {
    await prepareBackend(backend);
    return new DeterministicPgLearner('ly-maddpg', env, seed, maddpgOptions(parseHyper(maddpgHyperSchema, hyper, 'ly-maddpg')));
  },
  'ly-matd3': async (env, { seed, hyper, backend }) => {
    await prepareBackend(backend);
    return createMatd3('ly-matd3', env, seed, parseHyper(matd3HyperSchema, hyper, 'ly-matd3'));
  },
  'ly-masac': async (env, { seed, hyper, backend }) => {
    await prepareBackend(backend);
    return new MasacLearner('ly-masac', env, seed, parseHyper(masacHyperSchema, hyper, 'ly-masac'));
  },
};

export { DeterministicPgLearner, MappoLearner, MasacLearner };
