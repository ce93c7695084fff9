// Contracts of a training/evaluation run: what starts it, what its folder's config.json holds, how it reports.
import { z } from 'zod';
import { envIds } from '../env-ids';

export const envIdSchema = z.enum(envIds);
export type EnvId = z.infer<typeof envIdSchema>;

export const runStatusSchema = z.enum(['running', 'paused', 'completed', 'cancelled', 'failed']);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const runRequestSchema = z.object({
  /** Which paper's environment; must match scenario.env when a scenario object is given. */
  env: envIdSchema.default('vec-dnn'),
  /** A scenario object (validated by the env's schema) or 'default' for the paper's defaults. */
  scenario: z.union([z.literal('default'), z.record(z.string(), z.unknown())]).default('default'),
  algo: z.string().min(1),
  episodes: z.number().int().min(1).max(1_000_000),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /** Folder of this run; default: <runsRoot>/<timestamp>-<env>-<algo>-s<seed>. */
  outDir: z.string().min(1).optional(),
  runsRoot: z.string().min(1).default('runs'),
  name: z.string().max(200).optional(),
  /** Algorithm hyper-parameters overriding the defaults (validated by the algorithm). */
  hyper: z.record(z.string(), z.unknown()).default({}),
  /** TF backend preference for learners: auto | tensorflow | wasm | cpu. */
  backend: z.string().default('auto'),
  checkpointEvery: z.number().int().min(1).default(50),
  /** Write one metrics line per slot as well as per episode. */
  slotMetrics: z.boolean().default(true),
  /** No learning/exploration: evaluate a policy (or a checkpoint given in `checkpoint`). */
  evaluate: z.boolean().default(false),
  checkpoint: z.string().optional(),
  /**
   * Every this many training episodes (and after the last one) run `evalEpisodes` episodes with exploration and
   * learning off, written as `kind: "eval"` lines; 0 = never. Ignored by evaluation runs.
   */
  evalEvery: z.number().int().min(0).max(1_000_000).default(0),
  /** Episodes per evaluation point (a fixed set of episode seeds, the same at every point). */
  evalEpisodes: z.number().int().min(1).max(10_000).default(5),
  /** Base folder for relative files referenced by the scenario (e.g. a SUMO trace). */
  baseDir: z.string().optional(),
  /** When given, the only folders a scenario's trace file may lie in (set by the web and Electron shells). */
  traceRoots: z.array(z.string().min(1)).max(16).optional(),
});
export type RunRequest = z.infer<typeof runRequestSchema>;
export type RunRequestInput = z.input<typeof runRequestSchema>;

/** config.json of a run folder. */
export const runConfigSchema = z.object({
  runId: z.string(),
  createdAt: z.string(),
  request: runRequestSchema,
  /** The fully resolved scenario (defaults filled in). */
  scenario: z.record(z.string(), z.unknown()),
  backend: z.string().optional(),
  /** Why that backend: chosen by the user, or what `auto` skipped on the way (absent packages, failures). */
  backendReason: z.string().optional(),
  /** The checkpoint folder loaded before the first episode (evaluation or warm start). */
  checkpointLoaded: z.string().optional(),
  versions: z.record(z.string(), z.string()),
});
export type RunConfig = z.infer<typeof runConfigSchema>;

export const runProgressSchema = z.object({
  runId: z.string(),
  episode: z.number().int().min(0),
  episodes: z.number().int().min(1),
  slot: z.number().int().min(0),
  slots: z.number().int().min(1),
  elapsedS: z.number().min(0),
  etaS: z.number().min(0).nullable(),
  status: runStatusSchema,
});
export type RunProgress = z.infer<typeof runProgressSchema>;

/** summary.json of a run folder, rewritten at every checkpoint and at the end. */
export const runSummarySchema = z.object({
  runId: z.string(),
  dir: z.string(),
  env: envIdSchema,
  algo: z.string(),
  seed: z.number().int(),
  status: runStatusSchema,
  episodes: z.number().int(),
  episodesDone: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  wallTimeS: z.number(),
  backend: z.string().nullable(),
  /** Means over all episodes done: reward, completion time, and other episode values. */
  means: z.record(z.string(), z.number()),
  lastCheckpoint: z.string().nullable(),
  /** Why a failed run failed, in one line. */
  error: z.string().nullable(),
  /** The stack of that error, for a bug report (`vecwb ... --debug` prints it); never shown by default. */
  errorStack: z.string().max(100_000).optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;
