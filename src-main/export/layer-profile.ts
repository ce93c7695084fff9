// Per-row profile of a DNN model for the Fig. 1 view: output elements and bytes (eq. 3) and workload (eq. 6).
import type { LayerProfile } from '../../src-shared/api/models';
import { layerOutputShape, type DnnModel } from '../../src-shared/schemas/dnn-model';
import { defaultProfileOptions, layerWorkloadOps, partitionRows, type ProfileOptions } from '../sim/vec-dnn/dnn-layers';

export function layerProfileRows(model: DnnModel, bytesPerElement: number, options: ProfileOptions = defaultProfileOptions): LayerProfile[] {
  const unitOf = new Map<string, string>();
  for (const rows of partitionRows(model.layers)) for (const r of rows) unitOf.set(r.name, rows[0].block ?? rows[0].name);
  return model.layers.map((layer, index) => {
    const out = layerOutputShape(layer);
    const outputElements = out.kind === 'map' ? out.h * out.w * out.c : out.u;
    return {
      index,
      name: layer.name,
      kind: layer.kind,
      unit: unitOf.get(layer.name) ?? layer.name,
      outputElements,
      outputBytes: outputElements * bytesPerElement, // eq. (3): elements x rho
      workloadOps: layerWorkloadOps(layer, options), // eq. (6)
    };
  });
}
