// `vecwb layers` in the engine: the partition units of a DNN with D_l (eq. 3) and B_l (eq. 6), or its raw layer
// rows each with its own D_l and B_l, as plain data (the CLI prints them as a table or JSON).
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import type { DnnModel } from '../../src-shared/schemas/dnn-model';
import { parseWith } from '../../src-shared/validation';
import { layerInputBytes, layerWorkloadOps, profileModel } from '../sim/vec-dnn/dnn-layers';
import { loadModelFile, resolveModel } from '../sim/vec-dnn/model-catalog';
import type { ModelProfile } from '../sim/vec-dnn/model-profile';

const optionsSchema = z.object({
  'bytes-per-element': z
    .number({ error: 'must be a number' })
    .positive('must be > 0 (bytes per tensor element, rho of eq. (3))')
    .max(16, 'must be <= 16'),
});

export interface LayersJson {
  model: string;
  bytesPerElement: number;
  units: { l: number; name: string; inputBytes: number; workloadOps: number; cumulativeOps: number }[];
  totalOps: number;
}

function toJson(profile: ModelProfile, bytesPerElement: number): LayersJson {
  let cumulative = 0;
  const units = profile.units.map((u, i) => {
    cumulative += u.workloadOps;
    return { l: i + 1, name: u.name, inputBytes: u.inputBytes, workloadOps: u.workloadOps, cumulativeOps: cumulative };
  });
  return { model: profile.name, bytesPerElement, units, totalOps: profile.totalOps };
}

/** One raw row of the layer table: its shape fields, D_l of its input (eq. 3) and its workload B_l (eq. 6). */
export type LayerRowJson = { row: number; name: string; unit: string; inputBytes: number; workloadOps: number } & (
  | { kind: 'conv' | 'pool'; h: number; w: number; cIn: number; cOut: number; kernel: number; stride: number; padding: number }
  | { kind: 'fc'; uIn: number; uOut: number }
);

export interface LayerRowsJson {
  model: string;
  bytesPerElement: number;
  rows: LayerRowJson[];
  totalOps: number;
}

/** Expects a model that profileModel accepted (a valid layer chain). */
function toRowsJson(model: DnnModel, bytesPerElement: number, totalOps: number): LayerRowsJson {
  const rows = model.layers.map((layer, i): LayerRowJson => {
    const id = { row: i + 1, name: layer.name, unit: layer.block ?? layer.name };
    const cost = { inputBytes: layerInputBytes(layer, bytesPerElement), workloadOps: layerWorkloadOps(layer) }; // eqs. (3), (6)
    if (layer.kind === 'fc') return { ...id, kind: 'fc', uIn: layer.uIn, uOut: layer.uOut, ...cost };
    const { kind, h, w, cIn, cOut, kernel, stride, padding } = layer;
    return { ...id, kind, h, w, cIn, cOut, kernel, stride, padding, ...cost };
  });
  return { model: model.name, bytesPerElement, rows, totalOps };
}

export interface LayersRequest {
  /** A preset (AlexNet, ResNet18, VGG16) or a model of `modelFile`; default: the model of `modelFile`. */
  model?: string;
  modelFile?: string;
  /** rho of eq. (3), as typed (checked here). */
  bytesPerElement: number;
}

export type LayersReport = { kind: 'units'; report: LayersJson } | { kind: 'rows'; report: LayerRowsJson };

/** The units (or, with `rows`, the raw layer rows) of the model a request names; validates rho and the table. */
export function layersOf(req: LayersRequest, rows = false): LayersReport {
  const { 'bytes-per-element': bytesPerElement } = parseWith(optionsSchema, { 'bytes-per-element': req.bytesPerElement }, 'layers options');
  const custom: DnnModel[] = req.modelFile !== undefined ? [loadModelFile(req.modelFile)] : [];
  const name = req.model ?? custom[0]?.name;
  if (name === undefined) throw new UserError('layers: give a model name (AlexNet, ResNet18, VGG16) or --model-file');
  const model = resolveModel(name, custom);
  const profile = profileModel(model, bytesPerElement); // validates the layer chain
  return rows ? { kind: 'rows', report: toRowsJson(model, bytesPerElement, profile.totalOps) } : { kind: 'units', report: toJson(profile, bytesPerElement) };
}
