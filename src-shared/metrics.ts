// Records streamed to a run's metrics.jsonl: one line per slot and one per episode, plus run events.
import { z } from 'zod';

const metricValues = z.record(z.string(), z.union([z.number(), z.array(z.number())]));

export const slotRecordSchema = z.object({
  kind: z.literal('slot'),
  episode: z.number().int().min(1),
  slot: z.number().int().min(1),
  values: metricValues,
});

export const episodeRecordSchema = z.object({
  kind: z.literal('episode'),
  episode: z.number().int().min(1),
  wallTimeS: z.number().min(0),
  values: metricValues,
});

/**
 * One exploration-off evaluation episode, run after training episode `episode` (its `index`-th of the
 * evaluation point, 1-based): no learning, no epsilon, the learner's greedy action (54). Sweep points read these.
 */
export const evalRecordSchema = z.object({
  kind: z.literal('eval'),
  episode: z.number().int().min(1),
  index: z.number().int().min(1),
  wallTimeS: z.number().min(0),
  values: metricValues,
});

export const metricRecordSchema = z.discriminatedUnion('kind', [slotRecordSchema, episodeRecordSchema, evalRecordSchema]);

export type SlotRecord = z.infer<typeof slotRecordSchema>;
export type EpisodeRecord = z.infer<typeof episodeRecordSchema>;
export type EvalRecord = z.infer<typeof evalRecordSchema>;
export type MetricRecord = z.infer<typeof metricRecordSchema>;
