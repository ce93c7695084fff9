// `vecwb runs`: list the run folders of a runs folder with their status (a run whose process is gone while its
// summary still says running is listed as interrupted; `vecwb resume <folder>` continues it).
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('runs')
    .description('list the runs of a runs folder with their status (interrupted: its process is gone; resume continues it)')
    .option('--runs-dir <dir>', 'the runs folder', 'runs')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { runsDir: string; json?: boolean }) => {
      const { formatRunStatuses, listRunStatuses } = await import('../../engine/run-statuses');
      const rows = listRunStatuses(opts.runsDir);
      process.stdout.write(opts.json ? JSON.stringify(rows, null, 2) + '\n' : formatRunStatuses(rows));
    });
}
