// The drawing options shared by `vecwb export-figure` and `vecwb reproduce`, validated (zod) when they run.
import { z } from 'zod';
import type { FigureBuildOptions } from '../../../src-shared/charts/figure-types';
import { parseWith } from '../../../src-shared/validation';
import { figureFormats, type FigureFormat } from '../../../src-shared/charts/figure-formats';

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
  yScale: z.enum(['auto', 'linear', 'log'], { error: '--y-scale must be auto, linear or log' }).optional(),
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
  return { window: o.window, lastN: o.last, mode: o.mode, yScale: o.yScale, completionTime: o.completionTime, algo: o.algo, spread: o.spread, showTitle: o.title };
}
