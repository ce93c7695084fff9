// `vecwb export-figure`: draws one figure of the catalogue (both papers) from run folders, a sweep folder or a
// DNN model, as SVG/PNG (the same ECharts option the app draws) or its data as CSV/XLSX. The drawing code
// (export-figure-run.ts) is imported when the command runs.
import type { Command } from 'commander';
import { figureFormats } from '../../../src-shared/charts/figure-formats';

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
    .option('--y-scale <auto|linear|log>', 'sweep figures: value axis; auto (default) is log when the values span 100x or more')
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
  addDrawingOptions(cmd).action(async (raw: Record<string, unknown>) => {
    if (raw.list) {
      const { figureCatalog } = await import('../../../src-shared/charts/catalog');
      for (const f of Object.values(figureCatalog)) process.stdout.write(`${f.id.padEnd(10)} ${f.label.padEnd(10)} ${f.title}\n`);
      return;
    }
    const { exportFigure } = await import('./export-figure-run');
    exportFigure(raw);
  });
}
