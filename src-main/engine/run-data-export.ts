// Data export of one run folder via the export module: XLSX (one sheet per series + config sheet) or CSV (one
// file per series + config.csv), written into the run's exports/ folder.
import path from 'node:path';
import { readMetrics, readRunConfig } from '../experiments/run-folder';
import { writeCsv } from '../export/csv';
import { runTables } from '../export/run-tables';
import { writeXlsx } from '../export/xlsx';

/** Slot-level series are included up to this many slot records (a spreadsheet stays openable). */
export const MAX_SLOT_ROWS = 100_000;

export function writeRunDataFiles(runDir: string, outDir: string, format: 'xlsx' | 'csv'): string[] {
  const config = readRunConfig(runDir);
  const records = readMetrics(runDir);
  const slotCount = records.reduce((n, r) => n + (r.kind === 'slot' ? 1 : 0), 0);
  const tables = runTables(records, { slots: slotCount > 0 && slotCount <= MAX_SLOT_ROWS, config });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace('Z', '');
  const base = `${config.runId}-${stamp}`;
  if (format === 'xlsx') {
    const file = path.join(outDir, `${base}.xlsx`);
    writeXlsx(file, tables, config);
    return [file];
  }
  return writeCsv(path.join(outDir, `${base}-csv`), tables, config);
}
