// What crosses Redis between a coordinator (`vecwb reproduce --queue`) and its workers (`vecwb worker`): the
// job payload, and the entries of each run's stream (config, metric records, progress, summary, the end).
// Both ends check every payload with these schemas.
import { z } from 'zod';
import { metricRecordSchema, type MetricRecord } from '../../../src-shared/metrics';
import { runConfigSchema, runProgressSchema, runRequestSchema, runSummarySchema } from '../../../src-shared/schemas/run';

/** The BullMQ queue of runs. */
export const QUEUE_NAME = 'vecwb-runs';
/** Prefix of this project's own keys (run streams, cancel flags); BullMQ's keys start with `bull:`. */
export const KEY_PREFIX = 'vecwb';

export const streamKey = (jobId: string) => `${KEY_PREFIX}:stream:${jobId}`;
export const cancelKey = (jobId: string) => `${KEY_PREFIX}:cancel:${jobId}`;

/** A path relative to the workers' shared run root: no absolute path, no `..` step. */
const relativeDir = z
  .string()
  .min(1)
  .max(400)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..') && !/^[A-Za-z]:/.test(p), 'must be a relative path inside the run root');

export const runJobSchema = z.object({
  v: z.literal(1),
  /** Where the run lives under every worker's --run-root (its checkpoints are there). */
  runDir: relativeDir,
  label: z.string().max(300),
  /** The run's request; its outDir is the worker's (runRoot/runDir), not the coordinator's. */
  request: runRequestSchema,
});
export type RunJob = z.infer<typeof runJobSchema>;

export const streamEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('attempt'), worker: z.string(), attempt: z.number().int().min(1), resumed: z.boolean() }),
  z.object({ type: z.literal('config'), config: runConfigSchema }),
  z.object({ type: z.literal('records'), records: z.array(metricRecordSchema) }),
  z.object({ type: z.literal('progress'), progress: runProgressSchema }),
  z.object({ type: z.literal('summary'), summary: runSummarySchema }),
  z.object({ type: z.literal('done'), summary: runSummarySchema }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type StreamEntry = z.infer<typeof streamEntrySchema>;

/** The key a metric line is written once under, whichever attempt of the run sends it. */
export function recordKey(r: MetricRecord): string {
  switch (r.kind) {
    case 'slot':
      return `s${r.episode}.${r.slot}`;
    case 'episode':
      return `e${r.episode}`;
    case 'eval':
      return `v${r.episode}.${r.index}`;
  }
}

/** BullMQ job ids may not contain ':' nor be integers. */
export function jobIdFor(sweepKey: string, runFolder: string): string {
  return `${sweepKey}.${runFolder}`.replace(/[^A-Za-z0-9._-]/g, '_');
}
