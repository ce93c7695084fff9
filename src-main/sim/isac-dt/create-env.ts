// Builds the paper-2 environment from a scenario (validated here, defaults filled).
import { isacDtScenarioSchema, type IsacDtScenario, type IsacDtScenarioInput } from '../../../src-shared/schemas/isac-dt-scenario';
import { parseWith } from '../../../src-shared/validation';
import { IsacEnv } from './env';
import { deriveParams } from './params';

export type { IsacEnv, IsacStepInfo } from './env';

/** `baseDir` is accepted for symmetry with the paper-1 env; this scenario references no files. */
export async function createIsacEnv(scenario: IsacDtScenarioInput, _opts?: { baseDir?: string }): Promise<IsacEnv> {
  return isacEnvOf(parseWith(isacDtScenarioSchema, scenario, 'isac-dt scenario', 'scenario'));
}

/** The environment of a scenario already parsed (defaults filled in). */
export function isacEnvOf(s: IsacDtScenario): IsacEnv {
  return new IsacEnv(deriveParams(s));
}
