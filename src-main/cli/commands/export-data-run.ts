// The work of `vecwb export-data` (export-data.ts registers the command): a run's series as XLSX (one sheet per
// metric + config sheet) or CSV (one file per metric + config.csv in a folder).
import { z } from 'zod';
import { parseWith } from '../../../src-shared/validation';
import { UserError } from '../../../src-shared/errors';
import { writeCsv } from '../../export/csv';
import { runTables } from '../../export/run-tables';
import { writeXlsx } from '../../export/xlsx';
import { isRunFolder, readMetrics, readRunConfig, readSummary } from '../../experiments/run-folder';

const optionsSchema = z.object({
  run: z.string({ error: '--run is required' }).min(1, '--run is required'),
  format: z.enum(['xlsx', 'csv'], { error: '--format must be xlsx or csv' }),
  out: z.string({ error: '--out is required' }).min(1, '--out is required'),
  slots: z.boolean().default(false),
});

/** Runs `vecwb export-data` with commander's parsed options. */
export function exportData(raw: Record<string, unknown>): void {
  const o = parseWith(optionsSchema, raw, 'export-data options');
  if (!isRunFolder(o.run)) throw new UserError(`${o.run} is not a run folder (no config.json)`);
  const config = readRunConfig(o.run);
  const records = readMetrics(o.run);
  if (records.length === 0) throw new UserError(`${o.run} has no metrics yet`);
  const tables = runTables(records, { slots: o.slots, config });
  const configData = { ...config, summary: readSummary(o.run) };
  if (o.format === 'xlsx') {
    writeXlsx(o.out, tables, configData);
    process.stdout.write(`${o.out} (${tables.length} series sheets + config)\n`);
  } else {
    const files = writeCsv(o.out, tables, configData);
    process.stdout.write(`${o.out}/ (${files.length} files)\n`);
  }
}
