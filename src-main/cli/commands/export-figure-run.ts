// The work of `vecwb export-figure` (export-figure.ts registers the command): checks the options and prints what
// the engine wrote (engine/figure-export.ts draws the figure or writes its data).
import { figureIds, getFigure } from '../../../src-shared/charts/catalog';
import { UserError } from '../../../src-shared/errors';
import { exportFigureFile } from '../../engine/figure-export';
import { buildOptionsFrom, parseFigureOptions } from './figure-options';

/** Runs `vecwb export-figure` with commander's parsed options (--list is answered by export-figure.ts). */
export function exportFigure(raw: Record<string, unknown>): void {
  if (typeof raw.figure !== 'string') throw new UserError(`--figure is required; known: ${figureIds.join(', ')}`);
  const spec = getFigure(raw.figure);
  const o = parseFigureOptions(raw);
  const result = exportFigureFile({
    figure: spec.id,
    runs: Array.isArray(raw.runs) ? raw.runs.map(String) : undefined,
    sweep: typeof raw.sweep === 'string' ? raw.sweep : undefined,
    model: typeof raw.model === 'string' ? raw.model : undefined,
    modelFile: typeof raw.modelFile === 'string' ? raw.modelFile : undefined,
    bytesPerElement: o.bytesPerElement,
    format: o.format,
    out: o.out,
    width: o.width,
    height: o.height,
    scale: o.scale,
    build: buildOptionsFrom(o),
  });
  for (const w of result.warnings) process.stderr.write(`vecwb: ${spec.id}: ${w}\n`);
  for (const f of result.files) process.stdout.write(`${f}\n`);
}
