// `vecwb reproduce <experiment>` in the engine: what a reproduction of a paper experiment will do (scale,
// overrides, output folder, runs x episodes and the projected time), and running it: the sweep (resumable),
// its figures (SVG + PNG), their data (XLSX, CSV) and the report of the paper's claims (report/reproduction.ts,
// which the API's reproduce.start uses too). The CLI asks before starting and prints the progress.
import fs from 'node:fs';
import path from 'node:path';
import { experimentRequestSchema, planExperiment, type PlannedRun } from '../../src-shared/api/experiments';
import { UserError } from '../../src-shared/errors';
import { formatDuration, projectExperiment, remainingSeconds } from '../../src-shared/reproduction/projection';
import { parseDecimalInt } from '../../src-shared/parse-int';
import {
  getPaperExperiment,
  parseScale,
  sweepDefinition,
  type ExperimentOverrides,
  type PaperExperiment,
  type ScaleName,
} from '../experiments/paper-experiments';
import { loadScenarioFile } from '../experiments/scenarios';
import { hyperOverrides } from '../experiments/hyper-overrides';
import { SWEEP_INDEX, readSweepIndex } from '../experiments/sweep-results';
import { reproduceExperiment, type DrawingOptions, type ReproduceResult } from '../report/reproduction';
import type { RunLauncher, SweepHooks } from '../experiments/sweeps';
import { listExperiments } from './reproduce-list';
import { loadCostTable } from './calibration-store';

export { claimsMarkdownTable } from '../report/report-md';
export type { ReproduceResult, SweepHooks };

/** The command-line options of `vecwb reproduce`, as given (checked here). */
export interface ReproduceArgs {
  scale?: unknown;
  quick?: unknown;
  episodes?: unknown;
  seeds?: unknown;
  scenario?: unknown;
  /** `key=value` / `algo:key=value` pairs (experiments/hyper-overrides.ts). */
  hyper?: unknown;
  out?: unknown;
  formats?: unknown;
}

export interface ReproductionPlan {
  exp: PaperExperiment;
  scale: ScaleName;
  overrides: ExperimentOverrides;
  outDir: string;
  formats: ('svg' | 'png')[];
  /** Sweeps: what is about to run (runs x episodes, projected time), how many runs are left, the planned runs and the sweep's id. */
  sweep: { line: string; toRun: number; planned: PlannedRun[]; id: string } | null;
}

/** What is about to run: runs x episodes and the projected (remaining) time. */
function planLine(exp: PaperExperiment, scale: string, def: ReturnType<typeof sweepDefinition>, outDir: string): NonNullable<ReproductionPlan['sweep']> {
  const request = experimentRequestSchema.parse(def.experiment);
  const table = loadCostTable();
  const p = projectExperiment(request, table);
  const planned = planExperiment(request);
  let toRun = p.runs;
  let time = `~${formatDuration(p.seconds)}`;
  if (fs.existsSync(path.join(outDir, 'sweep', SWEEP_INDEX))) {
    const index = readSweepIndex(path.join(outDir, 'sweep'));
    const done = index.runs.filter((r) => r.status === 'completed').map((r) => ({ index: r.index, wallTimeS: r.summary?.wallTimeS ?? 0 }));
    toRun = p.runs - done.length;
    if (done.length > 0) time = `~${formatDuration(remainingSeconds(planned, done, null, table.costs).seconds)} left (${done.length} run(s) done earlier, kept)`;
  }
  const line =
    `${exp.id} at scale ${scale}: ${p.runs} runs x ${p.episodesPerRun} episodes (${p.totalEpisodes} episodes with evaluation), ` +
    `projected ${time} [estimate, ${table.calibration ? `costs calibrated on this machine on ${table.calibration.measuredAt.slice(0, 10)}` : 'static cost table'}]`;
  return { line, toRun, planned, id: def.id };
}

function experimentOverrides(exp: PaperExperiment, raw: ReproduceArgs): ExperimentOverrides {
  const out: ExperimentOverrides = {};
  if (raw.episodes !== undefined) {
    out.episodes = parseDecimalInt('--episodes', String(raw.episodes), 1, 1_000_000);
  }
  if (raw.seeds !== undefined) {
    out.seeds = String(raw.seeds)
      .split(',')
      .map((t) => parseDecimalInt('--seeds', t.trim(), 0, 2 ** 31 - 1));
  }
  if (raw.scenario !== undefined) {
    if (exp.kind !== 'sweep') throw new UserError(`--scenario: ${exp.id} draws a model, it runs no scenario`);
    out.scenario = loadScenarioFile(String(raw.scenario), exp.request.env ?? 'vec-dnn').scenario;
  }
  if (raw.hyper !== undefined) {
    if (exp.kind !== 'sweep') throw new UserError(`--hyper: ${exp.id} draws a model, it runs no algorithm`);
    const pairs = Array.isArray(raw.hyper) ? raw.hyper.map(String) : [String(raw.hyper)];
    out.hyper = hyperOverrides(exp.request.env ?? 'vec-dnn', exp.request.algos.map((a) => a.algo), pairs);
  }
  return out;
}

function scaleOf(raw: ReproduceArgs): ScaleName {
  if (raw.quick === true) {
    if (raw.scale !== undefined && raw.scale !== 'smoke') throw new UserError(`--quick means --scale smoke; it cannot be combined with --scale ${String(raw.scale)}`);
    return 'smoke';
  }
  return raw.scale === undefined ? 'paper' : parseScale(raw.scale);
}

/** Checks the options and says what `reproduce` would do; nothing is written. */
export function planReproduction(id: string | undefined, raw: ReproduceArgs): ReproductionPlan {
  if (!id) throw new UserError(`give an experiment id; known:\n${listExperiments()}`);
  const exp = getPaperExperiment(id);
  const scale = scaleOf(raw);
  const overrides = experimentOverrides(exp, raw);
  const custom = Object.keys(overrides).length > 0;
  const suffix = custom ? '-custom' : scale === 'paper' ? '' : `-${scale}`;
  const outDir = path.resolve(typeof raw.out === 'string' ? raw.out : path.join('reproduce', `${exp.id}${suffix}`));
  const formats = String(raw.formats ?? 'svg,png').split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of formats) if (f !== 'svg' && f !== 'png') throw new UserError(`--formats: '${f}' is not svg or png`);
  const sweep = exp.kind === 'sweep' ? planLine(exp, custom ? 'custom' : scale, sweepDefinition(exp, scale, overrides), outDir) : null;
  return { exp, scale, overrides, outDir, formats: formats as ('svg' | 'png')[], sweep };
}

export interface RunReproductionOptions {
  drawing: Omit<DrawingOptions, 'formats'>;
  signal?: AbortSignal;
  command: string;
  warn?(line: string): void;
  hooks?: SweepHooks;
  /** Where the sweep's runs execute (engine/sweep-execution.ts: a process pool or a cluster); default this process. */
  launcher?: RunLauncher;
  /** Runs executed at once (the launcher must execute them elsewhere). */
  concurrency?: number;
}

/** Runs a planned reproduction in this process (the sweep's runs, the figures, the data and the report). */
export function runReproduction(plan: ReproductionPlan, opts: RunReproductionOptions): Promise<ReproduceResult> {
  return reproduceExperiment(plan.exp, {
    outDir: plan.outDir,
    scale: plan.scale,
    overrides: plan.overrides,
    drawing: { ...opts.drawing, formats: plan.formats },
    signal: opts.signal,
    command: opts.command,
    warn: opts.warn,
    hooks: opts.hooks,
    launcher: opts.launcher,
    concurrency: opts.concurrency,
  });
}
