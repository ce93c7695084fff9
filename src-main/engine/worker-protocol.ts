// Messages between the engine (main thread) and a run worker (worker_threads), checked on both ends.
import { z } from 'zod';
import { metricRecordSchema } from '../../src-shared/metrics';
import { runProgressSchema, runRequestSchema, runSummarySchema } from '../../src-shared/schemas/run';

/** What a worker is asked to do; sent as workerData. */
export const runTaskSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), request: runRequestSchema }),
  z.object({ kind: z.literal('resume'), dir: z.string().min(1), episodes: z.number().int().min(1).optional() }),
]);
export type RunTask = z.infer<typeof runTaskSchema>;

export const controlMessageSchema = z.object({
  type: z.literal('control'),
  action: z.enum(['pause', 'resume', 'cancel']),
});
export type ControlMessage = z.infer<typeof controlMessageSchema>;
export type ControlAction = ControlMessage['action'];

export const workerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), runId: z.string(), dir: z.string() }),
  z.object({ type: z.literal('records'), records: z.array(metricRecordSchema) }),
  z.object({ type: z.literal('progress'), progress: runProgressSchema }),
  z.object({ type: z.literal('summary'), summary: runSummarySchema }),
  z.object({ type: z.literal('done'), summary: runSummarySchema }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;
