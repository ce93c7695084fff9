// `vecwb reproduce <experiment>`: runs a paper experiment at a scale (smoke | quick | paper), exports its figures
// and data and writes a report of the paper's claims beside the measured values. The work (reproduce-run.ts) is
// imported when the command runs; --list (engine/reproduce-list.ts) loads only the experiment list.
import type { Command } from 'commander';
import { addDrawingOptions } from './export-figure';

export function register(program: Command): void {
  const cmd = program
    .command('reproduce')
    .description('run a paper experiment (see --list) at a scale, export its figures (svg, png) and data (xlsx, csv), and write a report of the paper\'s claims beside the measured values')
    .argument('[experiment]', 'experiment id, e.g. p1-cvs, p2-convergence')
    .option('--list', 'list the experiments with runs x episodes and the projected time of each scale, and exit')
    .option('--scale <smoke|quick|paper>', 'smoke: pipeline check (2 short episodes); quick: the smallest budget past exploration; paper: the papers\' settings (default)')
    .option('--quick', 'alias of --scale smoke (its meaning before scales existed)')
    .option('-y, --yes', 'start without asking (required when stdin is not a terminal)')
    .option('--out <dir>', 'output folder (default: reproduce/<experiment>[-smoke|-quick|-custom]); re-running resumes its sweep')
    .option('--formats <list>', 'figure formats, comma-separated: svg,png', 'svg,png')
    .option('--episodes <n>', "episodes per run instead of the scale's (scale 'custom')")
    .option('--seeds <list>', "seeds, comma-separated, instead of the scale's")
    .option('--scenario <file>', "scenario file laid under the experiment's settings (e.g. resources/scenarios/isac-dt-energy-in-mb.json)")
    .option('--hyper <key=value...>', 'hyper-parameters (JSON values) for every algorithm of the experiment that has the key, or algo:key=value for one (scale \'custom\')')
    .option('--workers <n>', 'runs executed at the same time, each in its own process (default: cores / threads per run, at least 1)')
    .option('--queue <redis-url>', 'enqueue the runs on a cluster (redis://[:password@]host:port or rediss://) and collect them; vecwb worker executes them');
  addDrawingOptions(cmd, '--png-scale').action(async (id: string | undefined, raw: Record<string, unknown>) => {
    if (raw.list) {
      const { listExperiments } = await import('../../engine/reproduce-list');
      process.stdout.write(listExperiments() + '\n');
      return;
    }
    const { reproduce } = await import('./reproduce-run');
    await reproduce(id, raw);
  });
}
