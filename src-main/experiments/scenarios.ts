// Scenario defaults, validation and files for both papers' environments (the parser: src-shared/schemas/scenario.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { VecDnnScenario } from '../../src-shared/schemas/vec-dnn-scenario';
import type { IsacDtScenario } from '../../src-shared/schemas/isac-dt-scenario';
import type { EnvId } from '../../src-shared/schemas/run';
import { parseEnvScenario, type EnvScenario, type Scenario } from '../../src-shared/schemas/scenario';
import { UserError } from '../../src-shared/errors';
import { parseUserJson } from '../../src-shared/json-text';
import { validateScenario } from './scenario-validation';

export type { EnvScenario, Scenario };
export { parseEnvScenario, resolveEnvScenario } from '../../src-shared/schemas/scenario';

export function defaultScenario(env: 'vec-dnn'): VecDnnScenario;
export function defaultScenario(env: 'isac-dt'): IsacDtScenario;
export function defaultScenario(env: EnvId): Scenario;
export function defaultScenario(env: EnvId): Scenario {
  return parseEnvScenario(env, {}).scenario;
}

/** Validates a scenario object for `env`, filling defaults; errors name every bad field. */
export function parseScenario(env: 'vec-dnn', data: unknown): VecDnnScenario;
export function parseScenario(env: 'isac-dt', data: unknown): IsacDtScenario;
export function parseScenario(env: EnvId, data: unknown): Scenario;
export function parseScenario(env: EnvId, data: unknown): Scenario {
  return parseEnvScenario(env, data).scenario;
}

/**
 * Reads a scenario JSON file without validating it (the run validates it once, where it starts): its object and
 * the env it is for, `env` if given, else the file's `env` field (default 'vec-dnn').
 */
export function readScenarioFile(file: string, env?: EnvId): { env: EnvId; data: Record<string, unknown> } {
  let data: unknown;
  try {
    data = parseUserJson(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`cannot read scenario file ${file}: ${(err as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new UserError(`scenario file ${file}: expected a JSON object`);
  const record: Record<string, unknown> = { ...data };
  return { env: env ?? (record.env === 'isac-dt' ? 'isac-dt' : 'vec-dnn'), data: record };
}

/** Reads a scenario file and parses it with its schema (see readScenarioFile for which env it is parsed for). */
export function loadScenarioFile(file: string, env?: EnvId): EnvScenario {
  const read = readScenarioFile(file, env);
  return parseEnvScenario(read.env, read.data);
}

/**
 * Reads a scenario file and validates it as `vecwb run` would (validateScenario): relative trace paths from the
 * file's folder.
 */
export function checkScenarioFile(file: string, env?: EnvId): Promise<EnvScenario> {
  const read = readScenarioFile(file, env);
  return validateScenario(read.env, read.data, { baseDir: path.dirname(path.resolve(file)) });
}

export function saveScenarioFile(file: string, scenario: Scenario): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(scenario, null, 2) + '\n');
}
