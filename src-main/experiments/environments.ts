// Builds the environment of either paper from a validated scenario.
import type { MultiAgentEnv } from '../sim/env';
import type { EnvId } from '../../src-shared/schemas/run';
import type { VecDnnScenario } from '../../src-shared/schemas/vec-dnn-scenario';
import type { IsacDtScenario } from '../../src-shared/schemas/isac-dt-scenario';
import type { Scenario } from './scenarios';

export type AnyEnv = MultiAgentEnv<number, unknown> | MultiAgentEnv<Float32Array, unknown>;

/** `traceRoots`: when given, the only folders a scenario's trace file may lie in (see trace-confinement.ts). */
export async function createEnvironment(env: EnvId, scenario: Scenario, baseDir: string, traceRoots?: readonly string[]): Promise<AnyEnv> {
  if (env === 'vec-dnn') {
    const { createVecDnnEnv } = await import('../sim/vec-dnn/create-env');
    return (await createVecDnnEnv(scenario as VecDnnScenario, { baseDir, traceRoots })) as MultiAgentEnv<number, unknown>;
  }
  const { createIsacEnv } = await import('../sim/isac-dt/create-env');
  return (await createIsacEnv(scenario as IsacDtScenario, { baseDir })) as unknown as MultiAgentEnv<Float32Array, unknown>;
}
