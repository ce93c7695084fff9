// Exports for the UI: figures (catalogue builders -> ECharts SSR SVG / resvg PNG) and run data (XLSX, CSV),
// written into the run's exports/ folder (one run) or <runs>/_exports (several), read back via export.read.
// The renderers (ECharts SSR, resvg) and SheetJS are imported on the first export, not when the engine starts.
import fs from 'node:fs';
import path from 'node:path';
import { figureCatalog, getFigure, type FigureInput } from '../../src-shared/charts';
import { autoFontScale, MAX_EXPORT_READ_BYTES, type ExportFigureParams, type ExportedFile, type FigureInfo } from '../../src-shared/api/exports';
import { NotFoundError } from '../../src-shared/api/dispatch';
import { UserError } from '../../src-shared/errors';
import { ValidationError } from '../../src-shared/validation';
import { fileStamp } from '../experiments/file-stamp';
import { RUN_FILES } from '../experiments/run-folder';
import { loadFigureRun } from '../experiments/sweep-results';
import { resolveModel } from '../sim/vec-dnn/model-catalog';
import { profileModelForUi } from './model-profiles';
import type { RunIndex } from './run-index';

const MIME: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.zip': 'application/zip',
};

export function mimeOfExport(file: string): string | null {
  return MIME[path.extname(file).toLowerCase()] ?? null;
}


export function describeFile(file: string): ExportedFile {
  return { path: file, fileName: path.basename(file), bytes: fs.statSync(file).size, mime: mimeOfExport(file) ?? 'application/octet-stream' };
}

export class ExportService {
  constructor(
    private readonly index: RunIndex,
    private readonly sharedExportsDir: string,
  ) {}

  figures(): FigureInfo[] {
    return Object.values(figureCatalog).map((f) => ({
      id: f.id,
      paper: f.paper,
      label: f.label,
      title: f.title,
      description: f.caption,
      source: f.source,
    }));
  }

  /** exports/ of the run when there is one run, else the shared folder. */
  private outDir(runIds: string[]): string {
    const dir = runIds.length === 1 ? path.join(this.index.dirOf(runIds[0]), RUN_FILES.exports) : this.sharedExportsDir;
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  figureInput(params: Pick<ExportFigureParams, 'figureId' | 'runIds' | 'modelName' | 'model'>): FigureInput {
    const spec = getFigure(params.figureId);
    if (spec.source === 'model') {
      const table = params.model ?? resolveModel(params.modelName ?? 'VGG16');
      const profiled = profileModelForUi(table, 4);
      if (!profiled.profile) {
        throw new ValidationError('model of the figure', profiled.issues.map((i) => ({ path: `model.${i.path}`, message: i.message })));
      }
      return { runs: [], layerProfile: { modelName: profiled.profile.name, layers: profiled.profile.layers } };
    }
    if (params.runIds.length === 0) throw new UserError(`${spec.label} is built from runs: choose at least one run`);
    // The same loader as `vecwb export-figure` (episode lines only: slot lines are the bulk of a metrics file).
    return { runs: params.runIds.map((runId) => loadFigureRun(this.index.dirOf(runId))) };
  }

  async exportFigure(params: ExportFigureParams): Promise<ExportedFile> {
    const spec = getFigure(params.figureId);
    const fontScale = params.fontScale ?? autoFontScale(params.widthPx);
    const dir = params.runIds.length > 0 ? this.outDir(params.runIds) : this.sharedDir();
    const file = path.join(dir, `${params.figureId}-${fileStamp()}.${params.format}`);
    const { NoChartError, writeFigureFile } = await import('../export/figure-files');
    try {
      writeFigureFile(params.figureId, this.figureInput(params), {
        format: params.format,
        out: file,
        width: params.widthPx,
        height: params.heightPx,
        scale: params.scale,
        build: { window: params.window, algo: params.algo, showTitle: params.showTitle, fontScale, yScale: params.yScale },
      });
    } catch (err) {
      if (err instanceof NoChartError) {
        throw new UserError(`${spec.label} is a table, not a chart: export it as XLSX or CSV`);
      }
      throw err;
    }
    return describeFile(file);
  }

  /** The tables a figure plots (same builder and options as its drawing): one XLSX, or the CSVs zipped. */
  async exportFigureData(params: {
    figureId: string;
    runIds: string[];
    format: 'xlsx' | 'csv';
    window?: number;
    algo?: string;
    modelName?: string;
    model?: unknown;
  }): Promise<ExportedFile> {
    const spec = getFigure(params.figureId);
    const input = this.figureInput(params);
    const { writeFigureFile } = await import('../export/figure-files');
    const dir = params.runIds.length > 0 ? this.outDir(params.runIds) : this.sharedDir();
    const base = path.join(dir, `${params.figureId}-data-${fileStamp()}`);
    const config = { figure: spec.id, label: `Paper ${spec.paper} ${spec.label}`, runIds: params.runIds, window: params.window ?? null, algo: params.algo ?? null };
    const build = { window: params.window, algo: params.algo };
    if (params.format === 'xlsx') {
      writeFigureFile(params.figureId, input, { format: 'xlsx', out: `${base}.xlsx`, build, config });
      return describeFile(`${base}.xlsx`);
    }
    const { files } = writeFigureFile(params.figureId, input, { format: 'csv', out: base, build, config });
    const { writeZip } = await import('../export/zip');
    writeZip(`${base}.zip`, files.map((f) => ({ name: `${path.basename(base)}/${path.basename(f)}`, file: f })));
    return describeFile(`${base}.zip`);
  }

  /** Packs exported files (each under the runs folder) into `<runs>/_exports/<name>.zip`, named by their path there. */
  async exportZip(paths: string[], name: string): Promise<ExportedFile> {
    const root = fs.realpathSync(this.index.runsRoot);
    const files = paths.map((p) => {
      const abs = path.resolve(p);
      if (!fs.existsSync(abs) || !fs.statSync(abs).isFile() || !this.index.contains(abs) || !mimeOfExport(abs)) {
        throw new NotFoundError(`no exported file ${abs} under the runs folder`);
      }
      return { name: path.relative(root, fs.realpathSync(abs)).split(path.sep).join('/'), file: abs };
    });
    const { writeZip } = await import('../export/zip');
    const file = path.join(this.sharedDir(), `${name.replace(/\.zip$/i, '')}-${fileStamp()}.zip`);
    writeZip(file, files);
    return describeFile(file);
  }

  async exportData(runIds: string[], format: 'xlsx' | 'csv'): Promise<ExportedFile[]> {
    const { writeRunDataFiles } = await import('./run-data-export');
    const files: string[] = [];
    for (const runId of runIds) {
      const dir = this.index.dirOf(runId);
      const out = path.join(dir, RUN_FILES.exports);
      fs.mkdirSync(out, { recursive: true });
      files.push(...writeRunDataFiles(dir, out, format));
    }
    return files.map(describeFile);
  }

  read(file: string): { fileName: string; mime: string; base64: string } {
    const abs = path.resolve(file);
    const mime = mimeOfExport(abs);
    if (!mime) throw new UserError(`only exported figures and data (.svg, .png, .xlsx, .csv, .json, .zip) can be read, not ${path.basename(abs)}`);
    if (!fs.existsSync(abs) || !this.index.contains(abs)) throw new NotFoundError(`no exported file ${abs} under the runs folder`);
    const size = fs.statSync(abs).size;
    if (size > MAX_EXPORT_READ_BYTES) throw new UserError(`${path.basename(abs)} is ${size} bytes, more than the ${MAX_EXPORT_READ_BYTES} the API hands out`);
    return { fileName: path.basename(abs), mime, base64: fs.readFileSync(abs).toString('base64') };
  }

  private sharedDir(): string {
    fs.mkdirSync(this.sharedExportsDir, { recursive: true });
    return this.sharedExportsDir;
  }
}
