// A scenario with the environment it is for, as one discriminated union on `env`: parsed once at a boundary
// (file, API call, worker message), then passed around typed, so no layer re-parses or casts it.
import { UserError } from '../errors';
import { parseWith } from '../validation';
import { isacDtScenarioSchema, type IsacDtScenario } from './isac-dt-scenario';
import type { EnvId } from './run';
import { vecDnnScenarioSchema, type VecDnnScenario } from './vec-dnn-scenario';

export const scenarioSchemas = { 'vec-dnn': vecDnnScenarioSchema, 'isac-dt': isacDtScenarioSchema } as const;

export type Scenario = VecDnnScenario | IsacDtScenario;

export type EnvScenario = { env: 'vec-dnn'; scenario: VecDnnScenario } | { env: 'isac-dt'; scenario: IsacDtScenario };

/** Validates a scenario object for `env`, filling defaults; errors name every bad field. */
export function parseEnvScenario(env: EnvId, data: unknown): EnvScenario {
  if (data !== null && typeof data === 'object' && 'env' in data && data.env !== env) {
    throw new UserError(`scenario is for env '${String(data.env)}', expected '${env}'`);
  }
  switch (env) {
    case 'vec-dnn':
      return { env, scenario: parseWith(vecDnnScenarioSchema, data, `${env} scenario`) };
    case 'isac-dt':
      return { env, scenario: parseWith(isacDtScenarioSchema, data, `${env} scenario`) };
  }
}

/** A run request's scenario: 'default' (the paper's settings) or an object, resolved for `env`. */
export function resolveEnvScenario(env: EnvId, scenario: 'default' | Record<string, unknown>): EnvScenario {
  return parseEnvScenario(env, scenario === 'default' ? {} : scenario);
}
