// Progress of a sweep whose runs execute several at a time (a local pool, a cluster): per live run and overall,
// with ETAs. The engine computes it (engine/sweep-pool/sweep-progress.ts); the terminal and the UI show it.
import { z } from 'zod';

export const runEtaSchema = z.object({
  index: z.number().int().min(0),
  label: z.string(),
  episode: z.number().int().min(0),
  episodes: z.number().int().min(1),
  /** Fraction of the run done (episodes and slots). */
  fraction: z.number().min(0).max(1),
  elapsedS: z.number().min(0),
  /** Seconds left for this run (its own pace this session), null before its first slot. */
  etaS: z.number().min(0).nullable(),
});
export type RunEta = z.infer<typeof runEtaSchema>;

export const sweepProgressSchema = z.object({
  total: z.number().int().min(0),
  completed: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** Runs executing now. */
  running: z.array(runEtaSchema),
  /** Runs executed at the same time (pool size, or the cluster's reported concurrency). */
  workers: z.number().int().min(1),
  /** Seconds left for the whole sweep: projected run times calibrated by the finished runs, over the workers. */
  etaS: z.number().min(0).nullable(),
});
export type SweepProgress = z.infer<typeof sweepProgressSchema>;
