// The work of `vecwb layers <model>` (layers.ts registers the command): the partition units of a DNN with D_l
// (eq. 3) and B_l (eq. 6), as a table or JSON; with --rows, the raw layer rows instead, each with its own D_l, B_l.
import { layersOf, type LayerRowsJson, type LayersJson } from '../../engine/layers';

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
  const out = layersOf({ model: modelName, modelFile: opts.modelFile, bytesPerElement: Number(opts.bytesPerElement) }, opts.rows === true);
  if (opts.json) return JSON.stringify(out.report, null, 2) + '\n';
  return (out.kind === 'rows' ? formatRowsTable(out.report) : formatTable(out.report)) + '\n';
}
