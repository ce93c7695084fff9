// The work of `vecwb layers <model>` (layers.ts registers the command): the partition units of a DNN with D_l
// (eq. 3) and B_l (eq. 6), as a table or JSON; with --rows, the raw layer rows instead, each with its own D_l, B_l.
import { z } from 'zod';
import { UserError } from '../../../src-shared/errors';
import type { DnnModel } from '../../../src-shared/schemas/dnn-model';
import { parseWith } from '../../../src-shared/validation';
import { layerInputBytes, layerWorkloadOps, profileModel } from '../../sim/vec-dnn/dnn-layers';
import { loadModelFile, resolveModel } from '../../sim/vec-dnn/model-catalog';
import type { ModelProfile } from '../../sim/vec-dnn/model-profile';

const optionsSchema = z.object({
  'bytes-per-element': z
    .number({ error: 'must be a number' })
    .positive('must be > 0 (bytes per tensor element, rho of eq. (3))')
    .max(16, 'must be <= 16'),
});

interface LayersJson {
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
type LayerRowJson = { row: number; name: string; unit: string; inputBytes: number; workloadOps: number } & (
  | { kind: 'conv' | 'pool'; h: number; w: number; cIn: number; cOut: number; kernel: number; stride: number; padding: number }
  | { kind: 'fc'; uIn: number; uOut: number }
);

interface LayerRowsJson {
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

/** Right-aligned columns except those in `leftAligned`. */
function renderTable(header: string[], rows: string[][], leftAligned: ReadonlySet<number>): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (leftAligned.has(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const totalLine = (totalOps: number) => `total B = ${totalOps} ops (${(totalOps / 1e9).toFixed(3)} G ops)`;

function formatTable(report: LayersJson): string {
  const header = ['l', 'name', 'D_l (bytes)', 'B_l (ops)', 'cumulative B (ops)'];
  const rows = report.units.map((u) => [String(u.l), u.name, String(u.inputBytes), String(u.workloadOps), String(u.cumulativeOps)]);
  return [
    `${report.model}: ${report.units.length} partition units (cut phi in 1..${report.units.length + 1}), rho = ${report.bytesPerElement} bytes/element`,
    ...renderTable(header, rows, new Set([1])),
    totalLine(report.totalOps),
  ].join('\n');
}

function formatRowsTable(report: LayerRowsJson): string {
  const header = ['row', 'name', 'kind', 'unit', 'H', 'W', 'C_in', 'C_out', 'ker', 'stride', 'pad', 'U_in', 'U_out', 'D_l (bytes)', 'B_l (ops)'];
  const rows = report.rows.map((r) => {
    const shape =
      r.kind === 'fc'
        ? ['', '', '', '', '', '', '', String(r.uIn), String(r.uOut)]
        : [r.h, r.w, r.cIn, r.cOut, r.kernel, r.stride, r.padding].map(String).concat(['', '']);
    return [String(r.row), r.name, r.kind, r.unit, ...shape, String(r.inputBytes), String(r.workloadOps)];
  });
  return [
    `${report.model}: ${report.rows.length} layer rows, rho = ${report.bytesPerElement} bytes/element (D_l: eq. 3 of the row's input; B_l: eq. 6)`,
    ...renderTable(header, rows, new Set([1, 2, 3])),
    totalLine(report.totalOps),
  ].join('\n');
}

export interface LayersOptions {
  json?: boolean;
  rows?: boolean;
  bytesPerElement: string;
  modelFile?: string;
}

/** The text `vecwb layers` prints (table or JSON, with a trailing newline). */
export function layersReport(modelName: string | undefined, opts: LayersOptions): string {
  const { 'bytes-per-element': bytesPerElement } = parseWith(
    optionsSchema,
    { 'bytes-per-element': Number(opts.bytesPerElement) },
    'layers options',
  );
  const custom: DnnModel[] = opts.modelFile !== undefined ? [loadModelFile(opts.modelFile)] : [];
  const name = modelName ?? custom[0]?.name;
  if (name === undefined) throw new UserError('layers: give a model name (AlexNet, ResNet18, VGG16) or --model-file');
  const model = resolveModel(name, custom);
  const profile = profileModel(model, bytesPerElement); // validates the layer chain
  if (opts.rows) {
    const report = toRowsJson(model, bytesPerElement, profile.totalOps);
    return (opts.json ? JSON.stringify(report, null, 2) : formatRowsTable(report)) + '\n';
  }
  const report = toJson(profile, bytesPerElement);
  return (opts.json ? JSON.stringify(report, null, 2) : formatTable(report)) + '\n';
}
