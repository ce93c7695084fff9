// Reading sweeps and runs back for figures: the sweep.json index of a sweep folder, and FigureRun objects
// (metrics + the config facts a figure needs) from run folders.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { experimentRequestSchema } from '../../src-shared/api/experiments';
import { runTags, toFigureRun, type FigureRunOptions } from '../../src-shared/api/figure-runs';
import type { FigureRun } from '../../src-shared/charts/run-data';
import { UserError } from '../../src-shared/errors';
import { runStatusSchema, runSummarySchema } from '../../src-shared/schemas/run';
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

/** Reads one run folder into the form the figure builders take (the one reader: src-shared/api/figure-runs.ts). */
export function loadFigureRun(dir: string, opts: FigureRunOptions = {}): FigureRun {
  if (!isRunFolder(dir)) throw new UserError(`${dir} is not a run folder (no config.json)`);
  const config = readRunConfig(dir);
  return toFigureRun(config.runId, config, runTags(config), readMetrics(dir), opts);
}

/** Runs of a sweep folder that have a run folder (finished or not), in index order. */
export function loadSweepRuns(sweepDir: string, opts: FigureRunOptions = {}): { index: SweepIndex; runs: FigureRun[] } {
  const index = readSweepIndex(sweepDir);
  const runs: FigureRun[] = [];
  for (const e of index.runs) {
    const dir = path.resolve(sweepDir, e.dir);
    if (isRunFolder(dir)) runs.push(loadFigureRun(dir, opts));
  }
  return { index, runs };
}

/** Runs given as folders: each either a run folder, a sweep folder (all its runs) or a folder of run folders. */
export function loadRunsFrom(dirs: readonly string[], opts: FigureRunOptions = {}): FigureRun[] {
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
