// Builds the paper-1 environment from a scenario (validated here, defaults filled): resolves the CVs' DNN models
// into model types and builds the mobility source (highway or SUMO trace, relative paths from baseDir).
import { UserError } from '../../../src-shared/errors';
import { vecDnnScenarioSchema, type VecDnnScenario, type VecDnnScenarioInput } from '../../../src-shared/schemas/vec-dnn-scenario';
import { parseWith } from '../../../src-shared/validation';
import type { MobilitySource } from '../mobility/trace';
import { VecDnnEnv } from './env';
import { resolveVecDnnResources } from './scenario-resources';
import type { ObservationConfig } from './observation';
import { paramsFromScenario } from './slot';

export type { VecDnnEnv, VecDnnStepInfo } from './env';

export interface CreateVecDnnEnvOptions {
  /** Directory that relative trace paths are resolved against (the scenario file's folder); default cwd. */
  baseDir?: string;
  /** Observation positions: 'x' (default, eq. 52's 2J + 1 entries) or 'xy'. */
  positions?: ObservationConfig['positions'];
  /** When given, the only folders a trace file may lie in (web/Electron shells). */
  traceRoots?: readonly string[];
  /** Use this mobility source instead of the scenario's (tests, previews). */
  mobility?: MobilitySource;
}

export async function createVecDnnEnv(scenario: VecDnnScenarioInput, opts: CreateVecDnnEnvOptions = {}): Promise<VecDnnEnv> {
  return vecDnnEnvOf(parseWith(vecDnnScenarioSchema, scenario, 'vec-dnn scenario', 'scenario'), opts);
}

/** The environment of a scenario already parsed (defaults filled in). */
export async function vecDnnEnvOf(s: VecDnnScenario, opts: CreateVecDnnEnvOptions = {}): Promise<VecDnnEnv> {
  if (!(s.lyapunovV > 0)) {
    // With V = 0 every Gamma_k (eq. 46) vanishes and the KKT split may leave a type with offloaded work no CPU.
    throw new UserError(`lyapunovV must be > 0 for the vec-dnn environment (got ${s.lyapunovV}); the RSU CPU split (eq. 49) needs V > 0`);
  }
  const { types, mobility } = await resolveVecDnnResources(s, {
    baseDir: opts.baseDir ?? process.cwd(),
    traceRoots: opts.traceRoots,
    mobility: opts.mobility,
  });
  return new VecDnnEnv({
    scenario: s,
    params: paramsFromScenario(s, types.profiles),
    cvModelTypes: types.cvModelTypes,
    mobility,
    positions: opts.positions,
  });
}
