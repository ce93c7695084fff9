// `vecwb export-data`: a run's series as XLSX (one sheet per metric + config sheet) or CSV (one file per
// metric + config.csv in a folder). Episode series always; slot series with --slots. The writers
// (export-data-run.ts, SheetJS) are imported when the command runs.
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('export-data')
    .description('export the metric series of a run: xlsx (sheet per series + config) or csv (folder, file per series + config.csv)')
    .option('--run <dir>', 'run folder')
    .option('--format <format>', 'xlsx or csv', 'xlsx')
    .option('--out <path>', 'output .xlsx file, or folder for csv')
    .option('--slots', 'also export the per-slot series (large for long runs)')
    .action(async (raw: Record<string, unknown>) => {
      const { exportData } = await import('./export-data-run');
      exportData(raw);
    });
}
