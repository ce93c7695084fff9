// models.profile: validates an edited layer table (issues per cell) and profiles it for the Fig. 1 view:
// per-row output size (eq. 3) and workload (eq. 6) from the simulator's profileLayerRows, units D_l / B_l
// and totals from the simulator's profileModel.
import { dnnModelSchema } from '../../src-shared/schemas/dnn-model';
import { safeParseDescribed } from '../../src-shared/validation';
import type { ProfileModelResult } from '../../src-shared/api/models';
import { layerInputBytes, profileLayerRows, profileModel } from '../sim/vec-dnn/dnn-layers';

export function profileModelForUi(raw: unknown, bytesPerElement: number): ProfileModelResult {
  const parsed = safeParseDescribed(dnnModelSchema, raw);
  if (!parsed.success) return { ok: false, issues: parsed.issues, profile: null };
  const model = parsed.data;
  const profile = profileModel(model, bytesPerElement);
  return {
    ok: true,
    issues: [],
    profile: {
      name: model.name,
      bytesPerElement,
      layers: profileLayerRows(model, bytesPerElement),
      units: profile.units.map((u) => ({ name: u.name, inputBytes: u.inputBytes, workloadOps: u.workloadOps })),
      totalOps: profile.totalOps,
      inputBytes: layerInputBytes(model.layers[0], bytesPerElement),
    },
  };
}
