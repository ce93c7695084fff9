// Writes one catalogue figure to disk as SVG, PNG, CSV (folder, one file per table) or XLSX (its data tables).
import fs from 'node:fs';
import path from 'node:path';
import { buildFigure } from '../../src-shared/charts/catalog';
import type { FigureBuildOptions, FigureInput } from '../../src-shared/charts/figure-types';
import { UserError } from '../../src-shared/errors';
import { writeCsv } from './csv';
import { DEFAULT_FIGURE_SIZE, renderFigurePng, renderFigureSvg } from './figure-render';
import { figureFormats, type FigureFormat } from '../../src-shared/charts/figure-formats';
import { writeXlsx } from './xlsx';

export { figureFormats, type FigureFormat };

export interface FigureFileOptions {
  format: FigureFormat;
  /** File (svg, png, xlsx) or folder (csv). */
  out: string;
  width?: number;
  height?: number;
  scale?: number;
  build?: FigureBuildOptions;
  /** Written to the config sheet / config.csv of data exports (what the figure was built from). */
  config?: unknown;
}

/** A figure that is a table (or has no data to draw) was asked for as SVG or PNG. */
export class NoChartError extends UserError {}

export interface FigureFileResult {
  files: string[];
  warnings: string[];
}

export function writeFigureFile(id: string, input: FigureInput, opts: FigureFileOptions): FigureFileResult {
  const result = buildFigure(id, input, opts.build);
  const size = { width: opts.width ?? DEFAULT_FIGURE_SIZE.width, height: opts.height ?? DEFAULT_FIGURE_SIZE.height };
  const ensureDir = (file: string) => fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  switch (opts.format) {
    case 'svg':
    case 'png': {
      if (result.option === null) {
        const why = result.warnings.length ? ` (${result.warnings.join('; ')})` : ' (it is a table)';
        throw new NoChartError(`${id} has no chart to draw${why}; use --format csv or xlsx`);
      }
      ensureDir(opts.out);
      if (opts.format === 'svg') fs.writeFileSync(opts.out, renderFigureSvg(result.option, size));
      else fs.writeFileSync(opts.out, renderFigurePng(result.option, { ...size, scale: opts.scale }));
      return { files: [opts.out], warnings: result.warnings };
    }
    case 'csv':
      return { files: writeCsv(opts.out, result.tables, opts.config), warnings: result.warnings };
    case 'xlsx':
      writeXlsx(opts.out, result.tables, opts.config);
      return { files: [opts.out], warnings: result.warnings };
    default:
      throw new UserError(`format must be one of ${figureFormats.join(', ')}`);
  }
}
