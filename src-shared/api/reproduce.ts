// The Reproduce screen's methods: every paper experiment with its scales (runs x episodes, projected time,
// state of its reproduction folder), start / cancel, and the report of a finished (or partial) reproduction.
import { z } from 'zod';
import { reportDataSchema } from '../reproduction/report-schema';
import { sweepProgressSchema } from '../reproduction/sweep-progress';

export const reproduceScaleSchema = z.enum(['smoke', 'quick', 'paper']);
export type ReproduceScale = z.infer<typeof reproduceScaleSchema>;

export const reproductionStatusSchema = z.enum(['none', 'running', 'completed', 'interrupted', 'failed']);

export const reproductionScaleStateSchema = z.object({
  scale: reproduceScaleSchema,
  runs: z.number().int(),
  episodesPerRun: z.number().int(),
  totalEpisodes: z.number().int(),
  /** Estimated seconds for the whole sweep (src-shared/reproduction/projection.ts). */
  projectedS: z.number(),
  /** Where the projection's per-slot costs come from: this machine's calibration or the static table (an estimate). */
  projectionBasis: z.string(),
  /** Why this budget. */
  why: z.string(),
  status: reproductionStatusSchema,
  runsDone: z.number().int(),
  /** 0..1 over the runs (the current one counted by its episodes). */
  progress: z.number().min(0).max(1),
  /** Estimated seconds left while running (corrected by the finished runs' wall times); null otherwise. */
  remainingS: z.number().nullable(),
  current: z.object({ label: z.string(), position: z.number().int(), episode: z.number().int(), episodes: z.number().int() }).nullable(),
  error: z.string().nullable(),
  /** Absolute path of the first figure's SVG once drawn (read with export.read). */
  thumbnail: z.string().nullable(),
  hasReport: z.boolean(),
  dir: z.string(),
  /** While running: every live run with its ETA, and the sweep's (several runs execute at once). */
  sweep: sweepProgressSchema.optional(),
});
export type ReproductionScaleState = z.infer<typeof reproductionScaleStateSchema>;

export const reproductionItemSchema = z.object({
  experiment: z.string(),
  paper: z.union([z.literal(1), z.literal(2)]),
  title: z.string(),
  source: z.string(),
  kind: z.enum(['sweep', 'model']),
  figures: z.array(z.object({ id: z.string(), label: z.string() })),
  scales: z.array(reproductionScaleStateSchema),
});
export type ReproductionItem = z.infer<typeof reproductionItemSchema>;

export const reproductionKeySchema = z.object({ experiment: z.string().min(1), scale: reproduceScaleSchema });
export type ReproductionKey = z.infer<typeof reproductionKeySchema>;

export const reproductionReportSchema = z.object({
  report: reportDataSchema,
  dir: z.string(),
  /** Absolute paths, for export.read (downloads). */
  files: z.object({
    figures: z.array(z.object({ id: z.string(), label: z.string(), svg: z.string().nullable(), png: z.string().nullable() })),
    xlsx: z.string(),
  }),
});
export type ReproductionReport = z.infer<typeof reproductionReportSchema>;
