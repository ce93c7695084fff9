// Scenario defaults, validation and files for both papers' environments.
import fs from 'node:fs';
import path from 'node:path';
import { vecDnnScenarioSchema, type VecDnnScenario } from '../../src-shared/schemas/vec-dnn-scenario';
import { isacDtScenarioSchema, type IsacDtScenario } from '../../src-shared/schemas/isac-dt-scenario';
import type { EnvId } from '../../src-shared/schemas/run';
import { UserError } from '../../src-shared/errors';
import { parseWith } from '../../src-shared/validation';

export type Scenario = VecDnnScenario | IsacDtScenario;

const schemas = { 'vec-dnn': vecDnnScenarioSchema, 'isac-dt': isacDtScenarioSchema } as const;

export function defaultScenario(env: 'vec-dnn'): VecDnnScenario;
export function defaultScenario(env: 'isac-dt'): IsacDtScenario;
export function defaultScenario(env: EnvId): Scenario;
export function defaultScenario(env: EnvId): Scenario {
  return parseScenario(env, {});
}

/** Validates a scenario object for `env`, filling defaults; errors name every bad field. */
export function parseScenario(env: EnvId, data: unknown): Scenario {
  if (data !== null && typeof data === 'object' && 'env' in data && (data as { env: unknown }).env !== env) {
    throw new UserError(`scenario is for env '${String((data as { env: unknown }).env)}', expected '${env}'`);
  }
  return parseWith(schemas[env], data, `${env} scenario`) as Scenario;
}

/** Reads a scenario JSON file; its `env` field (default 'vec-dnn') selects the schema unless `env` is given. */
export function loadScenarioFile(file: string, env?: EnvId): { env: EnvId; scenario: Scenario } {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`cannot read scenario file ${file}: ${(err as Error).message}`);
  }
  const declared = (data as { env?: unknown })?.env;
  const which: EnvId = env ?? (declared === 'isac-dt' ? 'isac-dt' : 'vec-dnn');
  return { env: which, scenario: parseScenario(which, data) };
}

export function saveScenarioFile(file: string, scenario: Scenario): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(scenario, null, 2) + '\n');
}
