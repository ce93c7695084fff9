// Paper 1, Sec. 3.3-3.4: from a layer table to partition units with D_l (eq. 3) and B_l (eq. 6).
import { checkLayerChain, layerOutputShape, type DnnLayer, type DnnModel } from '../../../src-shared/schemas/dnn-model';
import { ValidationError } from '../../../src-shared/validation';
import type { ModelProfile, PartitionUnit } from './model-profile';

/** Readings of eq. (6) the paper leaves open (see docs/model-notes.md, "Paper 1: DNN layer model"). */
export interface ProfileOptions {
  /**
   * H, W in eq. (6) for conv rows: 'output' = the output map (default; totals come to ~2x the MACs that
   * torchvision reports) or 'input' = the input map of the layer tuple, read literally.
   */
  convSpatialDims: 'output' | 'input';
  /**
   * Pool rows: 'comparisons' = H_out W_out C ker^2 elementary operations (default); 'eq6' = eq. (6) as
   * written, as if the pool were a conv with C_in x C_out kernels.
   */
  poolWorkload: 'comparisons' | 'eq6';
}

export const defaultProfileOptions: Readonly<ProfileOptions> = { convSpatialDims: 'output', poolWorkload: 'comparisons' };

/** D_l of one row: bytes of its input, H W C_in rho for conv/pool rows, U_in rho for FC rows. eq. (3) */
export function layerInputBytes(layer: DnnLayer, bytesPerElement: number): number {
  if (layer.kind === 'fc') return layer.uIn * bytesPerElement; // eq. (3), L^con < l <= L
  return layer.h * layer.w * layer.cIn * bytesPerElement; // eq. (3), 1 <= l <= L^con
}

/** B_l of one row in operations. eq. (6) */
export function layerWorkloadOps(layer: DnnLayer, options: ProfileOptions = defaultProfileOptions): number {
  if (layer.kind === 'fc') return (2 * layer.uIn - 1) * layer.uOut; // eq. (6), FC rows
  const out = layerOutputShape(layer);
  if (out.kind !== 'map') throw new Error('unreachable: conv/pool rows output a map');
  const [h, w] = options.convSpatialDims === 'output' ? [out.h, out.w] : [layer.h, layer.w];
  const kernelArea = layer.kernel * layer.kernel;
  if (layer.kind === 'pool' && options.poolWorkload === 'comparisons') {
    // Not eq. (6): one comparison (max) or addition (average) per kernel element, per output element.
    return out.h * out.w * layer.cOut * kernelArea;
  }
  return 2 * h * w * (layer.cIn * kernelArea + 1) * layer.cOut; // eq. (6), conv rows
}

/** Groups rows into partition units: consecutive rows with the same `block` label; unlabelled rows alone. */
export function partitionRows(layers: readonly DnnLayer[]): DnnLayer[][] {
  const units: DnnLayer[][] = [];
  for (const layer of layers) {
    const current = units[units.length - 1];
    if (current !== undefined && layer.block !== undefined && current[0].block === layer.block) current.push(layer);
    else units.push([layer]);
  }
  return units;
}

/** One row of a layer table with its output size and workload (the per-layer view of the paper's Fig. 1). */
export interface LayerRowProfile {
  index: number;
  name: string;
  kind: DnnLayer['kind'];
  /** Partition unit the row belongs to: its block label, or its own name. */
  unit: string;
  outputElements: number;
  /** Output elements x rho: the D of the next row when it reads this output (eq. 3). */
  outputBytes: number;
  /** eq. (6) */
  workloadOps: number;
}

/** Per-row output size and workload; expects a table that passed checkLayerChain. */
export function profileLayerRows(
  model: DnnModel,
  bytesPerElement: number,
  options: ProfileOptions = defaultProfileOptions,
): LayerRowProfile[] {
  return model.layers.map((layer, index) => {
    const out = layerOutputShape(layer);
    const outputElements = out.kind === 'map' ? out.h * out.w * out.c : out.u;
    return {
      index,
      name: layer.name,
      kind: layer.kind,
      unit: layer.block ?? layer.name,
      outputElements,
      outputBytes: outputElements * bytesPerElement, // eq. (3) applied to the output tensor
      workloadOps: layerWorkloadOps(layer, options),
    };
  });
}

/**
 * Profiles a model: unit l has D_l = eq. (3) of its first row (what is sent when the cut is phi = l) and
 * B_l = sum over its rows of eq. (6). Throws a ValidationError naming row and field for an invalid table.
 */
export function profileModel(
  model: DnnModel,
  bytesPerElement: number,
  options: ProfileOptions = defaultProfileOptions,
): ModelProfile {
  if (!Number.isFinite(bytesPerElement) || bytesPerElement <= 0) {
    throw new RangeError(`bytesPerElement (rho of eq. (3)) must be a positive number, got ${bytesPerElement}`);
  }
  if (model.layers.length === 0) {
    throw new ValidationError(`DNN model "${model.name}"`, [{ path: 'layers', message: 'a model needs at least one layer' }]);
  }
  const issues = checkLayerChain(model.layers);
  if (issues.length > 0) {
    throw new ValidationError(
      `DNN model "${model.name}"`,
      issues.map((i) => ({ path: `layers.${i.row}.${i.field}`, message: i.message })),
    );
  }

  const units: PartitionUnit[] = partitionRows(model.layers).map((rows) => ({
    name: rows[0].block ?? rows[0].name,
    inputBytes: layerInputBytes(rows[0], bytesPerElement),
    workloadOps: rows.reduce((sum, row) => sum + layerWorkloadOps(row, options), 0),
  }));
  const totalOps = units.reduce((sum, u) => sum + u.workloadOps, 0);
  return { name: model.name, units, totalOps };
}
