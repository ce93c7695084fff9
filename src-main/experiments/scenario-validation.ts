// The one validation of a scenario, as a run will use it: the schema (unknown keys, ranges, env) and then what the
// scenario refers to (DNN models, the trace file, the RSU coverage; sim/vec-dnn/scenario-resources.ts). `vecwb
// scenario validate`, `vecwb run` (through the environment it builds) and the API's scenario and experiment routes
// all refuse the same scenarios with the same message.
import type { EnvId } from '../../src-shared/schemas/run';
import { parseEnvScenario, type EnvScenario } from '../../src-shared/schemas/scenario';
import { resolveVecDnnResources } from '../sim/vec-dnn/scenario-resources';

export interface ScenarioCheckOptions {
  /** Directory that relative trace paths are resolved against (the scenario file's folder). */
  baseDir: string;
  /** When given, the only folders a trace file may lie in (web/Electron shells). */
  traceRoots?: readonly string[];
}

/** Parses `data` for `env` and checks everything a run of it would check before its first slot. */
export async function validateScenario(env: EnvId, data: unknown, opts: ScenarioCheckOptions): Promise<EnvScenario> {
  const es = parseEnvScenario(env, data);
  if (es.env === 'vec-dnn') await resolveVecDnnResources(es.scenario, opts);
  return es;
}
