// `vecwb export-figure`: draws one figure of the catalogue (both papers) from run folders, a sweep folder or a
// DNN model, as SVG/PNG (the same ECharts option the app draws) or its data as CSV/XLSX.
import type { Command } from 'commander';
import { z } from 'zod';
import { figureCatalog, figureIds, getFigure } from '../../../src-shared/charts/catalog';
import type { FigureBuildOptions, FigureInput } from '../../../src-shared/charts/figure-types';
import { UserError } from '../../../src-shared/errors';
import { parseWith } from '../../../src-shared/validation';
import { layerProfileRows } from '../../export/layer-profile';
import { figureFormats, writeFigureFile, type FigureFormat } from '../../export/figure-files';
import { loadRunsFrom, loadSweepRuns } from '../../experiments/sweep-results';
import { loadModelFile, resolveModel } from '../../sim/vec-dnn/model-catalog';

const intIn = (name: string, lo: number, hi: number) =>
  z.coerce.number({ error: `--${name} must be a number` }).int(`--${name} must be an integer`).min(lo, `--${name} must be >= ${lo}`).max(hi, `--${name} must be <= ${hi}`);

const optionsSchema = z.object({
  format: z.enum(figureFormats as [FigureFormat, ...FigureFormat[]], { error: `--format must be one of ${figureFormats.join(', ')}` }),
  out: z.string({ error: '--out is required' }).min(1, '--out is required'),
  width: intIn('width', 100, 10_000).optional(),
  height: intIn('height', 100, 10_000).optional(),
  scale: z.coerce.number({ error: '--scale must be a number' }).gt(0, '--scale must be > 0').max(8, '--scale must be <= 8').optional(),
  window: intIn('window', 1, 100_000).optional(),
  last: intIn('last', 1, 1_000_000).optional(),
  mode: z.enum(['bar', 'line'], { error: '--mode must be bar or line' }).optional(),
  completionTime: z.enum(['sum', 'mean'], { error: '--completion-time must be sum or mean' }).optional(),
  algo: z.string().min(1).optional(),
  spread: z.boolean().optional(),
  title: z.boolean().default(true),
  bytesPerElement: z.coerce.number({ error: '--bytes-per-element must be a number' }).positive('--bytes-per-element must be > 0').max(16, '--bytes-per-element must be <= 16').default(4),
});

export type FigureCliOptions = z.infer<typeof optionsSchema>;

export function parseFigureOptions(raw: Record<string, unknown>): FigureCliOptions {
  return parseWith(optionsSchema, raw, 'export-figure options');
}

export function buildOptionsFrom(o: FigureCliOptions): FigureBuildOptions {
  return { window: o.window, lastN: o.last, mode: o.mode, completionTime: o.completionTime, algo: o.algo, spread: o.spread, showTitle: o.title };
}

/**
 * Adds the figure-drawing options shared by export-figure and reproduce. `pixelRatioFlag` names the PNG pixel
 * ratio option (reproduce uses --scale for its run budget and calls it --png-scale).
 */
export function addDrawingOptions(cmd: Command, pixelRatioFlag = '--scale'): Command {
  return cmd
    .option('--width <px>', 'figure width in CSS pixels (default 800)')
    .option('--height <px>', 'figure height in CSS pixels (default 500)')
    .option(`${pixelRatioFlag} <factor>`, 'PNG pixel ratio (default 2: 1600x1000 px)')
    .option('--window <episodes>', 'moving-average window of curves (default: 20 for paper 1, 50 for paper 2)')
    .option('--last <episodes>', 'episodes at the end of each run averaged into a sweep point (default 50)')
    .option('--mode <bar|line>', 'sweep figures: grouped bars (default) or lines')
    .option('--completion-time <sum|mean>', 'paper 1 completion time: sum over CVs per slot (default) or mean per CV')
    .option('--algo <name>', 'only runs of this algorithm')
    .option('--spread', 'draw mean +/- std across seeds (default; off for the per-CV/SV/DNN queue figures)')
    .option('--no-spread', 'no mean +/- std bands or error bars')
    .option('--no-title', 'no title inside the figure');
}

export function register(program: Command): void {
  const cmd = program
    .command('export-figure')
    .description('export a paper figure (see --list) as svg/png, or its data as csv (folder) / xlsx')
    .option('--list', 'list the figure ids and exit')
    .option('--figure <id>', 'figure id, e.g. p1-fig6b, p1-fig8a, p2-fig4, p2-table3')
    .option('--runs <dirs...>', 'run folders, sweep folders or folders of run folders')
    .option('--sweep <dir>', 'a sweep folder written by `vecwb reproduce` (its sweep.json lists the runs)')
    .option('--model <name>', 'p1-fig1: DNN model name (AlexNet, ResNet18, VGG16)')
    .option('--model-file <path>', 'p1-fig1: a user model JSON file')
    .option('--bytes-per-element <rho>', 'p1-fig1: bytes per tensor element (eq. 3)', '4')
    .option('--format <format>', `output format: ${figureFormats.join(', ')}`, 'svg')
    .option('--out <path>', 'output file (svg, png, xlsx) or folder (csv)');
  addDrawingOptions(cmd).action((raw: Record<string, unknown>) => {
    if (raw.list) {
      for (const f of Object.values(figureCatalog)) process.stdout.write(`${f.id.padEnd(10)} ${f.label.padEnd(10)} ${f.title}\n`);
      return;
    }
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
  });
}
