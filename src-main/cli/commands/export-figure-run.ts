// The work of `vecwb export-figure` (export-figure.ts registers the command): draws one catalogue figure from run
// folders, a sweep folder or a DNN model as SVG/PNG, or writes its data as CSV/XLSX.
import { figureIds, getFigure } from '../../../src-shared/charts/catalog';
import type { FigureInput } from '../../../src-shared/charts/figure-types';
import { UserError } from '../../../src-shared/errors';
import { layerProfileRows } from '../../export/layer-profile';
import { writeFigureFile } from '../../export/figure-files';
import { loadRunsFrom, loadSweepRuns } from '../../experiments/sweep-results';
import { loadModelFile, resolveModel } from '../../sim/vec-dnn/model-catalog';
import { buildOptionsFrom, parseFigureOptions } from './figure-options';

/** Runs `vecwb export-figure` with commander's parsed options (--list is answered by export-figure.ts). */
export function exportFigure(raw: Record<string, unknown>): void {
  if (typeof raw.figure !== 'string') throw new UserError(`--figure is required; known: ${figureIds.join(', ')}`);
  const spec = getFigure(raw.figure);
  const o = parseFigureOptions(raw);
  let input: FigureInput;
  if (spec.source === 'model') {
    const custom = typeof raw.modelFile === 'string' ? [loadModelFile(raw.modelFile)] : [];
    const name = typeof raw.model === 'string' ? raw.model : (custom[0]?.name ?? 'VGG16');
    const model = resolveModel(name, custom);
    input = { runs: [], layerProfile: { modelName: model.name, layers: layerProfileRows(model, o.bytesPerElement) } };
  } else {
    const runsDirs = Array.isArray(raw.runs) ? (raw.runs as string[]) : [];
    if (typeof raw.sweep === 'string' && runsDirs.length > 0) throw new UserError('give either --runs or --sweep, not both');
    if (typeof raw.sweep === 'string') input = { runs: loadSweepRuns(raw.sweep).runs };
    else if (runsDirs.length > 0) input = { runs: loadRunsFrom(runsDirs) };
    else throw new UserError(`${spec.id} is drawn from runs: give --runs <dir...> or --sweep <dir>`);
    if (input.runs.length === 0) throw new UserError('no runs found in the given folders');
  }
  const result = writeFigureFile(spec.id, input, {
    format: o.format,
    out: o.out,
    width: o.width,
    height: o.height,
    scale: o.scale,
    build: buildOptionsFrom(o),
    config: { figure: spec.id, label: spec.label, title: spec.title, caption: spec.caption, runs: input.runs.map((r) => r.runId) },
  });
  for (const w of result.warnings) process.stderr.write(`vecwb: ${spec.id}: ${w}\n`);
  for (const f of result.files) process.stdout.write(`${f}\n`);
}
