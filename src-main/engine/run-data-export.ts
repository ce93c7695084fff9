// A run folder's series as data files: XLSX (one sheet per series + a config sheet) or CSV (one file per series +
// config.csv in a folder). The one code path of `vecwb export-data` and the API's export.data.
import path from 'node:path';
import { UserError } from '../../src-shared/errors';
import { isRunFolder, readMetrics, readRunConfig, readSummary } from '../experiments/run-folder';
import { writeCsv } from '../export/csv';
import { runTables } from '../export/run-tables';
import { writeXlsx } from '../export/xlsx';
import { fileStamp } from '../experiments/file-stamp';

/** With `slots: 'auto'`, slot-level series are included up to this many slot records (a spreadsheet stays openable). */
export const MAX_SLOT_ROWS = 100_000;

export interface RunDataOptions {
  format: 'xlsx' | 'csv';
  /** The .xlsx file, or the folder of the CSV files. */
  out: string;
  /** Slot-level series too: always, never, or when there are at most MAX_SLOT_ROWS slot records. */
  slots: boolean | 'auto';
}

export interface RunDataResult {
  files: string[];
  /** Series tables written (besides the config). */
  tables: number;
}

/** Writes the data files of the run in `runDir`; returns what was written. */
export function exportRunData(runDir: string, opts: RunDataOptions): RunDataResult {
  if (!isRunFolder(runDir)) throw new UserError(`${runDir} is not a run folder (no config.json)`);
  const config = readRunConfig(runDir);
  const records = readMetrics(runDir);
  if (records.length === 0) throw new UserError(`${runDir} has no metrics yet`);
  const slotCount = records.reduce((n, r) => n + (r.kind === 'slot' ? 1 : 0), 0);
  const slots = opts.slots === 'auto' ? slotCount > 0 && slotCount <= MAX_SLOT_ROWS : opts.slots;
  const tables = runTables(records, { slots, config });
  const configData = { ...config, summary: readSummary(runDir) };
  if (opts.format === 'xlsx') {
    writeXlsx(opts.out, tables, configData);
    return { files: [opts.out], tables: tables.length };
  }
  return { files: writeCsv(opts.out, tables, configData), tables: tables.length };
}

/** The API's export: into `outDir`, named `<runId>-<time>.xlsx` or `<runId>-<time>-csv/`. */
export function writeRunDataFiles(runDir: string, outDir: string, format: 'xlsx' | 'csv'): string[] {
  const base = path.join(outDir, `${readRunConfig(runDir).runId}-${fileStamp()}`);
  return exportRunData(runDir, { format, out: format === 'xlsx' ? `${base}.xlsx` : `${base}-csv`, slots: 'auto' }).files;
}
