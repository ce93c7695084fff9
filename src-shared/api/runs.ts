// Run folders as the UI lists, opens and compares them.
import { z } from 'zod';
import { episodeRecordSchema, evalRecordSchema, slotRecordSchema } from '../metrics';
import { runConfigSchema, runSummarySchema } from '../schemas/run';
import { runIdSchema } from './common';
import { shownRunStatusSchema } from '../run-status';

/** Numbers read from a run's config that experiments sweep over: V, #CVs, #SVs, denoising steps M. */
export const runTagsSchema = z.object({
  lyapunovV: z.number().nullable(),
  cvCount: z.number().nullable(),
  svCount: z.number().nullable(),
  denoisingSteps: z.number().nullable(),
});
export type RunTags = z.infer<typeof runTagsSchema>;

export const runListItemSchema = z.object({
  summary: runSummarySchema,
  name: z.string().nullable(),
  tags: runTagsSchema,
  /** Runs that differ only in seed share a group key (mean +/- std across seeds). */
  group: z.string(),
  /** The engine is running (or has paused) this run right now. */
  live: z.boolean(),
  /** The status to show (src-shared/run-status.ts): 'interrupted' for a running summary whose process is gone. */
  status: shownRunStatusSchema.optional(),
  /** The run's algorithm hyper-parameters as given in its request (the runs table shows those that differ). */
  hyper: z.record(z.string(), z.unknown()).default({}),
  /** Scalar metrics of the run's last episode line (the runs table's final-metric columns). */
  final: z.record(z.string(), z.number()).default({}),
});
export type RunListItem = z.infer<typeof runListItemSchema>;

export const getRunParamsSchema = z.object({
  runId: runIdSchema,
  /** Slot records to include: none, those of the last episode, or all (large for long runs). */
  slots: z.enum(['none', 'last-episode', 'all']).default('last-episode'),
});

export const runDetailSchema = z.object({
  item: runListItemSchema,
  config: runConfigSchema,
  episodes: z.array(episodeRecordSchema),
  slots: z.array(slotRecordSchema),
  /** Exploration-off evaluation episodes (kind 'eval'), in file order. */
  evals: z.array(evalRecordSchema).default([]),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const configDiffRowSchema = z.object({
  /** Dotted path in config.json (`scenario.cvs.count`, `request.hyper.lr`). */
  path: z.string(),
  /** One JSON-encoded value per compared run (null: absent in that run). */
  values: z.array(z.string().nullable()),
});
export type ConfigDiffRow = z.infer<typeof configDiffRowSchema>;

/** Flattens nested JSON into dotted paths with JSON-encoded leaf values (arrays count as leaves). */
export function flattenConfig(value: unknown, prefix = '', out: Map<string, string> = new Map()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flattenConfig(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/**
 * Rows where the compared configs differ. Bookkeeping fields (run id, creation time, output folder, versions)
 * are left out because they always differ and say nothing about the experiment.
 */
export function diffConfigs(configs: unknown[]): ConfigDiffRow[] {
  const ignored = [/^runId$/, /^createdAt$/, /^request\.outDir$/, /^request\.runsRoot$/, /^request\.baseDir$/, /^versions\./];
  const flat = configs.map((c) => flattenConfig(c));
  const paths = new Set<string>();
  for (const f of flat) for (const p of f.keys()) paths.add(p);
  const rows: ConfigDiffRow[] = [];
  for (const p of [...paths].sort()) {
    if (ignored.some((re) => re.test(p))) continue;
    const values = flat.map((f) => f.get(p) ?? null);
    if (values.some((v) => v !== values[0])) rows.push({ path: p, values });
  }
  return rows;
}
