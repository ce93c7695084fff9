// What a paper-1 scenario refers to beyond its own fields, resolved and checked once: the CVs' DNN models (by name,
// among the presets and customModels) and the mobility (the trace file read, every vehicle inside the RSU coverage).
// The environment is built from these, and every route that validates a scenario (CLI validate, the API's
// validate/preview/plan/start) calls the same function, so what a run refuses is refused everywhere, in the same
// words: a FieldError naming the scenario field.
import { FieldError, UserError } from '../../../src-shared/errors';
import type { VecDnnScenario } from '../../../src-shared/schemas/vec-dnn-scenario';
import { createMobilitySource } from '../mobility/mobility-source';
import type { MobilitySource } from '../mobility/trace';
import { resolveModel } from './model-catalog';
import { cvModelNames, resolveModelTypes, type ModelTypes } from './model-types';

export interface VecDnnResourceOptions {
  /** Directory that relative trace paths are resolved against (the scenario file's folder). */
  baseDir: string;
  /** When given, the only folders a trace file may lie in (web/Electron shells). */
  traceRoots?: readonly string[];
  /** Use this mobility source instead of the scenario's (tests). */
  mobility?: MobilitySource;
  /** Refuse vehicles leaving the RSU coverage (a run); false: the caller reports it (the road preview). */
  coverage?: boolean;
}

export interface VecDnnResources {
  types: ModelTypes;
  mobility: MobilitySource;
}

/** Every name of cvs.modelMix must be a preset or a custom model: a FieldError on the first that is not. */
export function checkModelMix(s: VecDnnScenario): void {
  s.cvs.modelMix.forEach((name, i) => {
    try {
      resolveModel(name, s.customModels);
    } catch (err) {
      if (err instanceof UserError) throw new FieldError(`cvs.modelMix.${i}`, err.message);
      throw err;
    }
  });
}

/** The scenario's mobility source; its errors (trace file, coverage) as FieldErrors on the field to change. */
export async function scenarioMobility(s: VecDnnScenario, opts: VecDnnResourceOptions): Promise<MobilitySource> {
  try {
    return await createMobilitySource(s.mobility, {
      slots: s.slots,
      slotDurationS: s.slotDurationS,
      cvCount: s.cvs.count,
      svCount: s.svs.count,
      baseDir: opts.baseDir,
      traceRoots: opts.traceRoots,
      rsu: opts.coverage === false ? undefined : { x: s.rsu.x, y: s.rsu.y, coverageRadiusM: s.rsu.coverageRadiusM },
    });
  } catch (err) {
    if (err instanceof FieldError || !(err instanceof UserError)) throw err;
    // A trace that cannot give the episode's positions (malformed, times out of order, a vehicle missing).
    throw new FieldError(s.mobility.kind === 'sumo-fcd' ? 'mobility.file' : 'mobility', err.message);
  }
}

/** Resolves and checks the models and the mobility of a parsed scenario (see the file comment). */
export async function resolveVecDnnResources(s: VecDnnScenario, opts: VecDnnResourceOptions): Promise<VecDnnResources> {
  checkModelMix(s);
  const types = resolveModelTypes(s, cvModelNames(s));
  const mobility = opts.mobility ?? (await scenarioMobility(s, opts));
  return { types, mobility };
}
