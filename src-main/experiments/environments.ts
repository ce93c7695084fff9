// Builds the environment of either paper from a scenario already parsed for it (one switch on `env`).
import type { MultiAgentEnv } from '../sim/env';
import type { EnvScenario } from '../../src-shared/schemas/scenario';

/** An environment of either paper; the runner pairs it with a controller built for the same env. */
export type AnyEnv = MultiAgentEnv<never, unknown>;

/** `traceRoots`: when given, the only folders a scenario's trace file may lie in (see trace-confinement.ts). */
export async function createEnvironment(es: EnvScenario, baseDir: string, traceRoots?: readonly string[]): Promise<AnyEnv> {
  switch (es.env) {
    case 'vec-dnn': {
      const { vecDnnEnvOf } = await import('../sim/vec-dnn/create-env');
      return vecDnnEnvOf(es.scenario, { baseDir, traceRoots });
    }
    case 'isac-dt': {
      const { isacEnvOf } = await import('../sim/isac-dt/create-env');
      return isacEnvOf(es.scenario);
    }
  }
}
