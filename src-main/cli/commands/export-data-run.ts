// The work of `vecwb export-data` (export-data.ts registers the command): checks the options, has the engine write
// the run's series (engine/run-data-export.ts, the code path of the API's export.data too) and prints what it wrote.
import { z } from 'zod';
import { parseWith } from '../../../src-shared/validation';
import { exportRunData } from '../../engine/run-data-export';

const optionsSchema = z.object({
  run: z.string({ error: '--run is required' }).min(1, '--run is required'),
  format: z.enum(['xlsx', 'csv'], { error: '--format must be xlsx or csv' }),
  out: z.string({ error: '--out is required' }).min(1, '--out is required'),
  slots: z.boolean().default(false),
});

/** Runs `vecwb export-data` with commander's parsed options. */
export function exportData(raw: Record<string, unknown>): void {
  const o = parseWith(optionsSchema, raw, 'export-data options');
  const result = exportRunData(o.run, { format: o.format, out: o.out, slots: o.slots });
  if (o.format === 'xlsx') process.stdout.write(`${o.out} (${result.tables} series sheets + config)\n`);
  else process.stdout.write(`${o.out}/ (${result.files.length} files)\n`);
}
