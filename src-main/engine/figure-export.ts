// `vecwb export-figure` in the engine: one catalogue figure from run folders, a sweep folder or a DNN model,
// written by export/figure-files.writeFigureFile (the writer the API's export.figure uses too).
import { getFigure } from '../../src-shared/charts/catalog';
import type { FigureBuildOptions, FigureInput } from '../../src-shared/charts/figure-types';
import type { FigureFormat } from '../../src-shared/charts/figure-formats';
import { UserError } from '../../src-shared/errors';
import { loadRunsFrom, loadSweepRuns } from '../experiments/sweep-results';
import { writeFigureFile, type FigureFileResult } from '../export/figure-files';
import { profileLayerRows } from '../sim/vec-dnn/dnn-layers';
import { loadModelFile, resolveModel } from '../sim/vec-dnn/model-catalog';

/** Where a figure's data comes from: run folders or a sweep folder (run figures), or a model (Fig. 1). */
export interface FigureSource {
  runs?: readonly string[];
  sweep?: string;
  model?: string;
  modelFile?: string;
  bytesPerElement: number;
}

export interface FigureFileRequest extends FigureSource {
  figure: string;
  format: FigureFormat;
  out: string;
  width?: number;
  height?: number;
  scale?: number;
  build: FigureBuildOptions;
}

/** Reads the input of figure `figureId` from folders or a model, as `vecwb export-figure` names them. */
export function figureInputFrom(figureId: string, src: FigureSource): FigureInput {
  const spec = getFigure(figureId);
  if (spec.source === 'model') {
    const custom = src.modelFile !== undefined ? [loadModelFile(src.modelFile)] : [];
    const model = resolveModel(src.model ?? custom[0]?.name ?? 'VGG16', custom);
    return { runs: [], layerProfile: { modelName: model.name, layers: profileLayerRows(model, src.bytesPerElement) } };
  }
  const dirs = src.runs ?? [];
  if (src.sweep !== undefined && dirs.length > 0) throw new UserError('give either --runs or --sweep, not both');
  let input: FigureInput;
  if (src.sweep !== undefined) input = { runs: loadSweepRuns(src.sweep).runs };
  else if (dirs.length > 0) input = { runs: loadRunsFrom(dirs) };
  else throw new UserError(`${spec.id} is drawn from runs: give --runs <dir...> or --sweep <dir>`);
  if (input.runs.length === 0) throw new UserError('no runs found in the given folders');
  return input;
}

/** Writes one figure file (or its data); returns the files and the builder's warnings. */
export function exportFigureFile(req: FigureFileRequest): FigureFileResult {
  const spec = getFigure(req.figure);
  const input = figureInputFrom(spec.id, req);
  return writeFigureFile(spec.id, input, {
    format: req.format,
    out: req.out,
    width: req.width,
    height: req.height,
    scale: req.scale,
    build: req.build,
    config: { figure: spec.id, label: spec.label, title: spec.title, caption: spec.caption, runs: input.runs.map((r) => r.runId) },
  });
}
