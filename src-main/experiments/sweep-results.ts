// Reading sweeps and runs back for figures: the sweep.json index of a sweep folder, and FigureRun objects
// (metrics + the config facts a figure needs) from run folders.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { experimentRequestSchema, DENOISING_STEPS_HYPER, sweepScenarioPaths } from '../../src-shared/api/experiments';
import type { FigureParam, FigureRun } from '../../src-shared/charts/run-data';
import { UserError } from '../../src-shared/errors';
import { runStatusSchema, runSummarySchema, type RunConfig } from '../../src-shared/schemas/run';
import { parseWith } from '../../src-shared/validation';
import { isRunFolder, readMetrics, readRunConfig } from './run-folder';

export const SWEEP_INDEX = 'sweep.json';
export const SWEEP_RUNS_DIR = 'runs';

export const sweepEntryStatusSchema = z.union([z.literal('pending'), runStatusSchema]);
export type SweepEntryStatus = z.infer<typeof sweepEntryStatusSchema>;

export const sweepEntrySchema = z.object({
  index: z.number().int().min(0),
  label: z.string(),
  group: z.string(),
  algo: z.string(),
  seed: z.number().int(),
  sweepValues: z.record(z.string(), z.number()),
  /** Run folder, relative to the sweep folder. */
  dir: z.string(),
  status: sweepEntryStatusSchema,
  summary: runSummarySchema.nullable(),
  error: z.string().nullable(),
});
export type SweepEntry = z.infer<typeof sweepEntrySchema>;

/** sweep.json: what was asked (the experiment request) and where each run of it lives. */
export const sweepIndexSchema = z.object({
  version: z.literal(1),
  /** Paper experiment id (paper-experiments.ts) or a free name. */
  id: z.string(),
  title: z.string(),
  scale: z.enum(['paper', 'quick', 'smoke', 'custom']),
  figures: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  experiment: experimentRequestSchema,
  runs: z.array(sweepEntrySchema),
});
export type SweepIndex = z.infer<typeof sweepIndexSchema>;

export function isSweepFolder(dir: string): boolean {
  return fs.existsSync(path.join(dir, SWEEP_INDEX));
}

export function readSweepIndex(dir: string): SweepIndex {
  const file = path.join(dir, SWEEP_INDEX);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`cannot read sweep index ${file}: ${(err as Error).message}`);
  }
  return parseWith(sweepIndexSchema, data, file);
}

function getPath(obj: unknown, keys: readonly string[]): unknown {
  let cur = obj;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** The sweep-parameter values of a run, read from its resolved config (so plain --runs folders work too). */
export function runParams(config: RunConfig): Partial<Record<FigureParam, number>> {
  const params: Partial<Record<FigureParam, number>> = {};
  const paths = sweepScenarioPaths[config.request.env];
  for (const key of ['lyapunovV', 'cvCount', 'svCount'] as const) {
    const p = paths[key];
    const v = p === null ? undefined : getPath(config.scenario, p);
    if (typeof v === 'number' && Number.isFinite(v)) params[key] = v;
  }
  const m = config.request.hyper[DENOISING_STEPS_HYPER];
  if (typeof m === 'number' && Number.isFinite(m)) params.denoisingSteps = m;
  return params;
}

/**
 * Names of the DNN model types in the order of the queueDnnGops entries: the distinct models of the CVs
 * present (cvs.modelMix assigned round-robin), in order of first appearance (see docs/model-notes.md).
 */
export function dnnModelNames(config: RunConfig): string[] | undefined {
  if (config.request.env !== 'vec-dnn') return undefined;
  const mix = getPath(config.scenario, ['cvs', 'modelMix']);
  const count = getPath(config.scenario, ['cvs', 'count']);
  if (!Array.isArray(mix) || typeof count !== 'number') return undefined;
  const names: string[] = [];
  for (let i = 0; i < count && mix.length > 0; i++) {
    const name = mix[i % mix.length];
    if (typeof name === 'string' && !names.includes(name)) names.push(name);
  }
  return names;
}

function slotsPerEpisode(config: RunConfig, records: FigureRun['records']): number {
  for (const key of ['slots', 'slotsPerEpisode', 'episodeSlots']) {
    const v = config.scenario[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return v;
  }
  const first = records.find((r) => r.kind === 'slot')?.episode;
  const n = first === undefined ? 0 : records.filter((r) => r.kind === 'slot' && r.episode === first).length;
  return Math.max(1, n);
}

export interface LoadRunOptions {
  /** Keep slot records too (default: episode and evaluation records only, all the figures need). */
  slots?: boolean;
}

/** Reads one run folder into the form the figure builders take. */
export function loadFigureRun(dir: string, opts: LoadRunOptions = {}): FigureRun {
  if (!isRunFolder(dir)) throw new UserError(`${dir} is not a run folder (no config.json)`);
  const config = readRunConfig(dir);
  const all = readMetrics(dir);
  const records = opts.slots ? all : all.filter((r) => r.kind !== 'slot');
  return {
    runId: config.runId,
    env: config.request.env,
    algo: config.request.algo,
    seed: config.request.seed,
    params: runParams(config),
    slotsPerEpisode: slotsPerEpisode(config, all),
    dnnModelNames: dnnModelNames(config),
    records,
  };
}

/** Runs of a sweep folder that have a run folder (finished or not), in index order. */
export function loadSweepRuns(sweepDir: string, opts: LoadRunOptions = {}): { index: SweepIndex; runs: FigureRun[] } {
  const index = readSweepIndex(sweepDir);
  const runs: FigureRun[] = [];
  for (const e of index.runs) {
    const dir = path.resolve(sweepDir, e.dir);
    if (isRunFolder(dir)) runs.push(loadFigureRun(dir, opts));
  }
  return { index, runs };
}

/** Runs given as folders: each either a run folder, a sweep folder (all its runs) or a folder of run folders. */
export function loadRunsFrom(dirs: readonly string[], opts: LoadRunOptions = {}): FigureRun[] {
  const runs: FigureRun[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) throw new UserError(`no such folder: ${dir}`);
    if (isRunFolder(dir)) runs.push(loadFigureRun(dir, opts));
    else if (isSweepFolder(dir)) runs.push(...loadSweepRuns(dir, opts).runs);
    else {
      const children = fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && isRunFolder(path.join(dir, d.name)))
        .map((d) => path.join(dir, d.name))
        .sort();
      if (children.length === 0) throw new UserError(`${dir} holds no run folders (config.json) and no sweep.json`);
      for (const c of children) runs.push(loadFigureRun(c, opts));
    }
  }
  return runs;
}
