// `vecwb run` / `vecwb resume` in the engine: a run in this process (the CLI follows it in the terminal), built
// from command-line style options: the output folders are checked before anything is built, a scenario file is
// read (its folder is the base of its relative paths) and the experiments runner starts, validating it once.
import path from 'node:path';
import { UserError } from '../../src-shared/errors';
import type { EnvId } from '../../src-shared/schemas/run';
import { folderProblem } from '../experiments/make-dir';
import { resumeRun, startRun, type RunHandle, type RunHooks } from '../experiments/runner';
import { readScenarioFile } from '../experiments/scenarios';

export type { RunHandle, RunHooks };

export interface LocalRunOptions {
  env?: EnvId;
  /** A scenario JSON file, or 'default' for the paper's settings. */
  scenario: string;
  algo: string;
  episodes: number;
  seed: number;
  out?: string;
  runsDir: string;
  backend: string;
  checkpointEvery: number;
  hyper: Record<string, unknown>;
  slotMetrics: boolean;
  evalEvery: number;
  evalEpisodes: number;
  evaluate: boolean;
  checkpoint?: string;
}

export async function startLocalRun(opts: LocalRunOptions, hooks: RunHooks): Promise<RunHandle> {
  // Where the run goes, checked before anything is built (the runner creates the folders).
  for (const [flag, dir] of [['--out', opts.out], ['--runs-dir', opts.out ? undefined : opts.runsDir]] as const) {
    const problem = dir === undefined ? null : folderProblem(dir);
    if (problem) throw new UserError(`${flag}: ${problem}`);
  }
  // The file is read here and validated once, by the runner (its errors name the file's fields).
  const file = opts.scenario === 'default' ? null : readScenarioFile(opts.scenario, opts.env);
  const common = {
    algo: opts.algo,
    episodes: opts.episodes,
    seed: opts.seed,
    outDir: opts.out,
    runsRoot: opts.runsDir,
    backend: opts.backend,
    checkpointEvery: opts.checkpointEvery,
    hyper: opts.hyper,
    slotMetrics: opts.slotMetrics,
    evalEvery: opts.evalEvery,
    evalEpisodes: opts.evalEpisodes,
    evaluate: opts.evaluate,
    checkpoint: opts.checkpoint,
    baseDir: file ? path.dirname(path.resolve(opts.scenario)) : process.cwd(),
  };
  const scenario = file ? { env: file.env, scenario: file.data } : { env: opts.env ?? 'vec-dnn', scenario: 'default' as const };
  return startRun({ ...common, ...scenario }, hooks);
}

export function resumeLocalRun(dir: string, hooks: RunHooks, opts: { episodes?: number }): Promise<RunHandle> {
  return resumeRun(dir, hooks, opts);
}
