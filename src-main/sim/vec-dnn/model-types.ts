// The DNN model types K of paper 1 (Sec. 3.2): the distinct models of the CVs, in order of first appearance.
// The RSU keeps one queue and one CPU share per type (eqs. 9-11, 42).
import type { VecDnnScenario } from '../../../src-shared/schemas/vec-dnn-scenario';
import { profileModel } from './dnn-layers';
import { resolveModel } from './model-catalog';
import type { ModelProfile } from './model-profile';

export interface ModelTypes {
  /** One profile per type k, named by the resolved model name. */
  profiles: ModelProfile[];
  /** Type index of each CV. */
  cvModelTypes: number[];
}

/** Model name of CV i: cvs.modelMix assigned round-robin (see docs/model-notes.md). */
export function cvModelNames(s: VecDnnScenario): string[] {
  const mix = s.cvs.modelMix;
  return Array.from({ length: s.cvs.count }, (_, i) => mix[i % mix.length]);
}

/**
 * Resolves the given model names (presets or s.customModels; case-insensitive, see resolveModel) and profiles
 * each distinct model once with the scenario's rho (eq. 3) and eq. (6) readings. Names that resolve to the same
 * model ("vgg16", "VGG16") share one type.
 */
export function resolveModelTypes(s: VecDnnScenario, names: readonly string[]): ModelTypes {
  const profiles: ModelProfile[] = [];
  const cvModelTypes = names.map((name) => {
    const model = resolveModel(name, s.customModels);
    let k = profiles.findIndex((p) => p.name === model.name);
    if (k < 0) {
      profiles.push(profileModel(model, s.bytesPerElement, s.dnnProfile));
      k = profiles.length - 1;
    }
    return k;
  });
  return { profiles, cvModelTypes };
}
