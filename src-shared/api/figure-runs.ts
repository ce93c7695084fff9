// Turns a run (its config and metric records) into the FigureRun the chart builders take. Used by the live
// charts in the renderer and by the engine's figure export, so a figure is built from the same data in both.
import type { FigureParam, FigureRun } from '../charts/run-data';
import type { MetricRecord } from '../metrics';
import type { RunConfig } from '../schemas/run';
import type { RunTags } from './runs';

/**
 * Names of the DNN model types in the order of the queueDnnGops entries (paper 1): the distinct models of the
 * CVs present (cvs.modelMix assigned round-robin over cvs.count), in order of first appearance.
 */
export function dnnTypeNames(scenario: Record<string, unknown>): string[] | undefined {
  const cvs = scenario.cvs as { modelMix?: unknown; count?: unknown } | undefined;
  if (!cvs || !Array.isArray(cvs.modelMix) || typeof cvs.count !== 'number') return undefined;
  const names: string[] = [];
  for (let i = 0; i < cvs.count && cvs.modelMix.length > 0; i++) {
    const name: unknown = cvs.modelMix[i % cvs.modelMix.length];
    if (typeof name === 'string' && !names.includes(name)) names.push(name);
  }
  return names;
}

export function toFigureRun(runId: string, config: RunConfig, tags: RunTags, records: readonly MetricRecord[]): FigureRun {
  const params: Partial<Record<FigureParam, number>> = {};
  for (const key of ['lyapunovV', 'cvCount', 'svCount', 'denoisingSteps'] as const) {
    const v = tags[key];
    if (v !== null) params[key] = v;
  }
  const slots = config.scenario.slots;
  return {
    runId,
    env: config.request.env,
    algo: config.request.algo,
    seed: config.request.seed,
    params,
    slotsPerEpisode: typeof slots === 'number' && slots >= 1 ? slots : 1,
    dnnModelNames: config.request.env === 'vec-dnn' ? dnnTypeNames(config.scenario) : undefined,
    records,
  };
}
