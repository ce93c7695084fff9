// Runs an experiment (algorithms x sweep values x seeds, expanded by planExperiment) one run after another, or
// `concurrency` at a time with a launcher that executes runs elsewhere (a process pool, a cluster queue), each
// in its own folder under <sweep>/runs/, and keeps <sweep>/sweep.json up to date after every change, so a
// sweep interrupted anywhere is resumed by running it again with the same folder.
import fs from 'node:fs';
import path from 'node:path';
import {
  experimentRequestSchema,
  planExperiment,
  sweepScenarioPaths,
  type ExperimentRequest,
  type ExperimentRequestInput,
  type PlannedRun,
} from '../../src-shared/api/experiments';
import type { MetricRecord } from '../../src-shared/metrics';
import { UserError } from '../../src-shared/errors';
import type { RunProgress, RunRequestInput, RunSummary } from '../../src-shared/schemas/run';
import { parseWith } from '../../src-shared/validation';
import { isRunFolder, readSummary, writeJsonAtomic } from './run-folder';
import { parseScenario } from './scenarios';
import { SWEEP_INDEX, SWEEP_RUNS_DIR, readSweepIndex, type SweepEntry, type SweepIndex } from './sweep-results';

export interface SweepDefinition {
  id: string;
  title: string;
  scale: SweepIndex['scale'];
  /** Figure ids built from this sweep (figureCatalog). */
  figures: string[];
  experiment: ExperimentRequestInput;
}

/** The part of a run handle a sweep needs (RunHandle of runner.ts satisfies it). */
export interface SweepRunHandle {
  runId: string;
  dir: string;
  cancel(): void;
  done: Promise<RunSummary>;
}

export interface SweepRunHooks {
  onRecord?(r: MetricRecord): void;
  onProgress?(p: RunProgress): void;
}

/** How runs are started and resumed: the lead's runner by default, a fake in tests. */
export interface RunLauncher {
  start(input: RunRequestInput, hooks: SweepRunHooks): Promise<SweepRunHandle>;
  resume(dir: string, hooks: SweepRunHooks): Promise<SweepRunHandle>;
}

export const defaultLauncher: RunLauncher = {
  async start(input, hooks) {
    const { startRun } = await import('./runner');
    return startRun(input, hooks);
  },
  async resume(dir, hooks) {
    const { resumeRun } = await import('./runner');
    return resumeRun(dir, hooks);
  },
};

export interface SweepHooks extends SweepRunHooks {
  /** Before each run; `skipped` is true for runs a previous session completed. */
  onRunStart?(entry: SweepEntry, position: number, total: number, skipped: boolean): void;
  onRunEnd?(entry: SweepEntry, position: number, total: number): void;
  /** onRecord / onProgress with the run they belong to (several runs are live at once with concurrency > 1). */
  onRunRecord?(entry: SweepEntry, r: MetricRecord): void;
  onRunProgress?(entry: SweepEntry, p: RunProgress): void;
}

export interface RunSweepOptions {
  outDir: string;
  launcher?: RunLauncher;
  hooks?: SweepHooks;
  /** Aborting cancels the current runs (their folders keep a checkpoint) and stops the sweep. */
  signal?: AbortSignal;
  /**
   * Runs executed at the same time (default 1: one after another, in plan order). More needs a launcher that
   * runs them elsewhere (engine/sweep-pool's process pool, engine/cluster's queue).
   */
  concurrency?: number;
}

/** Folder name of planned run `i`: position, algorithm, sweep values and seed, filesystem-safe. */
export function runFolderName(i: number, run: PlannedRun): string {
  const tags = Object.entries(run.sweepValues).map(([k, v]) => `${k}${v}`);
  const parts = [String(i + 1).padStart(3, '0'), run.request.algo, ...tags, `s${run.request.seed}`];
  return parts.join('-').replace(/[^A-Za-z0-9._-]/g, '_');
}

function valueAt(obj: unknown, keys: readonly string[]): unknown {
  let cur = obj;
  for (const k of keys) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

/**
 * Checks that every swept scenario value survives validation by the env's schema: a path the schema does not
 * know would be stripped silently and the sweep would run the same scenario over and over.
 */
export function checkSweepApplied(planned: readonly PlannedRun[]): void {
  for (const run of planned) {
    const env = run.request.env ?? 'vec-dnn';
    const scenario = run.request.scenario === undefined || run.request.scenario === 'default' ? {} : run.request.scenario;
    const parsed = parseScenario(env, scenario);
    for (const [axis, value] of Object.entries(run.sweepValues)) {
      if (axis === 'denoisingSteps') continue;
      const keys = sweepScenarioPaths[env][axis as keyof (typeof sweepScenarioPaths)[typeof env]];
      if (keys === null || keys === undefined) throw new UserError(`sweep.${axis}: env '${env}' has no such setting`);
      if (valueAt(parsed, keys) !== value) {
        throw new UserError(
          `sweep.${axis} = ${value} does not reach the ${env} scenario at '${keys.join('.')}' (the schema has no such field); ` +
            'fix sweepScenarioPaths in src-shared/api/experiments.ts',
        );
      }
    }
  }
}

/** Expands a definition into its sweep.json index (all runs pending). */
export function planSweep(def: SweepDefinition, now = new Date().toISOString()): SweepIndex {
  const experiment = parseWith(experimentRequestSchema, def.experiment, `experiment ${def.id}`);
  const planned = planExperiment(experiment);
  checkSweepApplied(planned);
  return {
    version: 1,
    id: def.id,
    title: def.title,
    scale: def.scale,
    figures: def.figures,
    createdAt: now,
    updatedAt: now,
    experiment,
    runs: planned.map((p, i) => ({
      index: i,
      label: p.label,
      group: p.group,
      algo: p.request.algo,
      seed: p.request.seed ?? 1,
      sweepValues: p.sweepValues as Record<string, number>,
      dir: path.join(SWEEP_RUNS_DIR, runFolderName(i, p)),
      status: 'pending',
      summary: null,
      error: null,
    })),
  };
}

function sameExperiment(a: ExperimentRequest, b: ExperimentRequest): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs every planned run of `def`: one after another, or up to `opts.concurrency` at once, started in plan
 * order. An existing sweep.json in `outDir` must describe the same
 * experiment: its completed runs are kept, unfinished ones resumed from their last checkpoint. Returns the
 * final index. A failed run is recorded (status 'failed', error) and the sweep goes on with the next one.
 */
export async function runSweep(def: SweepDefinition, opts: RunSweepOptions): Promise<SweepIndex> {
  const launcher = opts.launcher ?? defaultLauncher;
  const hooks = opts.hooks ?? {};
  const outDir = path.resolve(opts.outDir);
  const fresh = planSweep(def);
  let index = fresh;
  if (fs.existsSync(path.join(outDir, SWEEP_INDEX))) {
    const existing = readSweepIndex(outDir);
    if (!sameExperiment(existing.experiment, fresh.experiment)) {
      throw new UserError(
        `${outDir} holds a different sweep (${existing.id}, scale ${existing.scale}, ${existing.experiment.episodes} episodes per run, ${existing.runs.length} runs); choose another --out folder or remove it`,
      );
    }
    index = existing;
  } else if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) {
    throw new UserError(`${outDir} is not empty and holds no ${SWEEP_INDEX}; choose an empty or new folder`);
  }
  fs.mkdirSync(path.join(outDir, SWEEP_RUNS_DIR), { recursive: true });
  const save = () => {
    index.updatedAt = new Date().toISOString();
    writeJsonAtomic(path.join(outDir, SWEEP_INDEX), index);
  };
  save();

  const planned = planExperiment(index.experiment);
  const total = index.runs.length;
  const live = new Set<SweepRunHandle>();
  let fatal: { err: unknown } | null = null;
  const onAbort = () => {
    for (const h of live) h.cancel();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  const runOne = async (i: number): Promise<void> => {
    const entry = index.runs[i];
    if (entry.status === 'completed') {
      hooks.onRunStart?.(entry, i + 1, total, true);
      return;
    }
    const dir = path.join(outDir, entry.dir);
    hooks.onRunStart?.(entry, i + 1, total, false);
    const runHooks: SweepRunHooks = {
      onRecord(r) {
        hooks.onRecord?.(r);
        hooks.onRunRecord?.(entry, r);
      },
      onProgress(p) {
        hooks.onProgress?.(p);
        hooks.onRunProgress?.(entry, p);
      },
    };
    let summary: RunSummary;
    try {
      const handle = isRunFolder(dir)
        ? await launcher.resume(dir, runHooks)
        : await launcher.start({ ...planned[i].request, outDir: dir, name: entry.label }, runHooks);
      entry.status = 'running';
      save();
      live.add(handle);
      if (opts.signal?.aborted || fatal) handle.cancel();
      try {
        summary = await handle.done;
      } finally {
        live.delete(handle);
      }
    } catch (err) {
      entry.status = 'failed';
      entry.error = err instanceof Error ? err.message : String(err);
      entry.summary = isRunFolder(dir) ? readSummary(dir) : null;
      save();
      hooks.onRunEnd?.(entry, i + 1, total);
      if (err instanceof UserError && !fatal) {
        // Bad input fails every run alike: stop the sweep (the other live runs keep their checkpoints).
        fatal = { err };
        onAbort();
      }
      return;
    }
    entry.status = summary.status;
    entry.summary = summary;
    entry.error = summary.error;
    save();
    hooks.onRunEnd?.(entry, i + 1, total);
  };

  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < total && !opts.signal?.aborted && !fatal) await runOne(next++);
  };
  const lanes = Math.max(1, Math.min(total, Math.floor(opts.concurrency ?? 1)));
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  if (fatal !== null) throw (fatal as { err: unknown }).err;
  return index;
}

/** Counts of runs per status, for progress lines and reports. */
export function sweepStatusCounts(index: SweepIndex): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of index.runs) counts[e.status] = (counts[e.status] ?? 0) + 1;
  return counts;
}
