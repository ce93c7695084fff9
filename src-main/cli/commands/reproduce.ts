// `vecwb reproduce <experiment>`: runs a paper experiment (a sweep of runs, resumable) and exports its figures
// (SVG + PNG) and their data (one XLSX, and CSV files) into one folder. The work (reproduce-run.ts: sweeps,
// learners, chart rendering) is imported when the command runs.
import type { Command } from 'commander';
import { addDrawingOptions } from './export-figure';

export function register(program: Command): void {
  const cmd = program
    .command('reproduce')
    .description('run a paper experiment (see --list) and export its figures (svg, png) and data (xlsx, csv)')
    .argument('[experiment]', 'experiment id, e.g. p1-cvs, p2-convergence')
    .option('--list', 'list the experiments and exit')
    .option('--quick', 'smoke scale: few episodes, one seed, fewer sweep values')
    .option('--out <dir>', 'output folder (default: reproduce/<experiment>[-quick]); re-running resumes its sweep')
    .option('--formats <list>', 'figure formats, comma-separated: svg,png', 'svg,png')
    .option('--episodes <n>', "episodes per run instead of the paper's (scale 'custom')")
    .option('--seeds <list>', 'seeds, comma-separated, instead of 1,2,3')
    .option('--scenario <file>', "scenario file laid under the experiment's settings (e.g. resources/scenarios/isac-dt-energy-in-mb.json)");
  addDrawingOptions(cmd).action(async (id: string | undefined, raw: Record<string, unknown>) => {
    if (raw.list) {
      const { listExperiments } = await import('./reproduce-list');
      process.stdout.write(listExperiments() + '\n');
      return;
    }
    const { reproduce } = await import('./reproduce-run');
    await reproduce(id, raw);
  });
}
