// The one reader of a run (its config.json and metric records) into the FigureRun the chart builders take.
// The renderer's live charts call toFigureRun on what the API sent; the engine's loader (src-main/engine/
// figure-runs.ts) calls it on what it read from the run folder, so "the same figure in the app and in the paper"
// is built from the same data by the same code. runTags is the run list's view of the same facts.
import type { FigureParam, FigureRun } from '../charts/run-data';
import type { MetricRecord } from '../metrics';
import type { RunConfig } from '../schemas/run';
import { DENOISING_STEPS_HYPER, sweepScenarioPaths } from './experiments';
import type { RunTags } from './runs';

function at(obj: unknown, keys: readonly string[] | null): unknown {
  if (!keys) return undefined;
  let cur: unknown = obj;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The sweep-parameter values of a run, read from its resolved config (so runs outside a sweep have them too). */
export function runTags(config: RunConfig): RunTags {
  const paths = sweepScenarioPaths[config.request.env];
  return {
    lyapunovV: num(at(config.scenario, paths.lyapunovV)),
    cvCount: num(at(config.scenario, paths.cvCount)),
    svCount: num(at(config.scenario, paths.svCount)),
    denoisingSteps: num(config.request.hyper[DENOISING_STEPS_HYPER]),
  };
}

/**
 * Names of the DNN model types in the order of the queueDnnGops entries (paper 1): the distinct models of the
 * CVs present (cvs.modelMix assigned round-robin over cvs.count), in order of first appearance.
 */
export function dnnTypeNames(scenario: Record<string, unknown>): string[] | undefined {
  const mix = at(scenario, ['cvs', 'modelMix']);
  const count = at(scenario, ['cvs', 'count']);
  if (!Array.isArray(mix) || typeof count !== 'number') return undefined;
  const names: string[] = [];
  for (let i = 0; i < count && mix.length > 0; i++) {
    const name: unknown = mix[i % mix.length];
    if (typeof name === 'string' && !names.includes(name)) names.push(name);
  }
  return names;
}

/** T of the scenario; without one, the slot lines of the first episode in `records` (1 when there are none). */
function slotsPerEpisode(config: RunConfig, records: readonly MetricRecord[]): number {
  const slots = config.scenario.slots;
  if (typeof slots === 'number' && Number.isInteger(slots) && slots >= 1) return slots;
  const first = records.find((r) => r.kind === 'slot')?.episode;
  const n = first === undefined ? 0 : records.filter((r) => r.kind === 'slot' && r.episode === first).length;
  return Math.max(1, n);
}

export interface FigureRunOptions {
  /** Keep slot records (default: episode and evaluation records only, all the figures need). */
  slots?: boolean;
}

/** A run as the figure builders take it. `tags` is runTags(config) (the run list sends it with each run). */
export function toFigureRun(
  runId: string,
  config: RunConfig,
  tags: RunTags,
  records: readonly MetricRecord[],
  opts: FigureRunOptions = {},
): FigureRun {
  const params: Partial<Record<FigureParam, number>> = {};
  for (const key of ['lyapunovV', 'cvCount', 'svCount', 'denoisingSteps'] as const) {
    const v = tags[key];
    if (v !== null) params[key] = v;
  }
  return {
    runId,
    env: config.request.env,
    algo: config.request.algo,
    seed: config.request.seed,
    params,
    slotsPerEpisode: slotsPerEpisode(config, records),
    dnnModelNames: config.request.env === 'vec-dnn' ? dnnTypeNames(config.scenario) : undefined,
    records: opts.slots ? records : records.filter((r) => r.kind !== 'slot'),
  };
}
