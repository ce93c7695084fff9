// A scenario with the environment it is for, as one discriminated union on `env`: parsed once at a boundary
// (file, API call, worker message), then passed around typed, so no layer re-parses or casts it.
import { envIds } from '../env-ids';
import { UserError, ValidationError } from '../errors';
import { parseWith } from '../validation';
import { isacDtScenarioSchema, type IsacDtScenario } from './isac-dt-scenario';
import type { EnvId } from './run';
import { vecDnnScenarioSchema, type VecDnnScenario } from './vec-dnn-scenario';

export const scenarioSchemas = { 'vec-dnn': vecDnnScenarioSchema, 'isac-dt': isacDtScenarioSchema } as const;

export type Scenario = VecDnnScenario | IsacDtScenario;

export type EnvScenario = { env: 'vec-dnn'; scenario: VecDnnScenario } | { env: 'isac-dt'; scenario: IsacDtScenario };

/** Refuses a scenario whose `env` field is not a known environment (naming the allowed ones) or not `env`. */
function checkEnvField(env: EnvId, data: unknown): void {
  if (data === null || typeof data !== 'object' || !('env' in data) || data.env === env) return;
  const found = data.env;
  if (!envIds.some((id) => id === found)) {
    const allowed = envIds.map((id) => `"${id}"`).join(' | ');
    throw new ValidationError(`${env} scenario`, [{ path: 'env', message: `expected one of ${allowed}, got ${JSON.stringify(found) ?? String(found)}` }]);
  }
  throw new UserError(`scenario is for env '${String(found)}', expected '${env}'`);
}

/** Validates a scenario object for `env`, filling defaults; errors name every bad field (unknown keys included). */
export function parseEnvScenario(env: EnvId, data: unknown): EnvScenario {
  checkEnvField(env, data);
  switch (env) {
    case 'vec-dnn':
      return { env, scenario: parseWith(vecDnnScenarioSchema, data, `${env} scenario`, 'scenario') };
    case 'isac-dt':
      return { env, scenario: parseWith(isacDtScenarioSchema, data, `${env} scenario`, 'scenario') };
  }
}

/** A run request's scenario: 'default' (the paper's settings) or an object, resolved for `env`. */
export function resolveEnvScenario(env: EnvId, scenario: 'default' | Record<string, unknown>): EnvScenario {
  return parseEnvScenario(env, scenario === 'default' ? {} : scenario);
}
