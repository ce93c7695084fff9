// Hand-made runs for the chart tests: episode records with simple, exactly known values.
import type { FigureRun } from '../../src-shared/charts/run-data';
import type { MetricRecord } from '../../src-shared/metrics';

export function run(
  algo: string,
  seed: number,
  params: FigureRun['params'],
  episodes: Record<string, number | number[]>[],
  env: FigureRun['env'] = 'vec-dnn',
): FigureRun {
  const records: MetricRecord[] = episodes.map((values, i) => ({ kind: 'episode', episode: i + 1, wallTimeS: 0.5, values }));
  return { runId: `${algo}-s${seed}`, env, algo, seed, params, slotsPerEpisode: 30, records };
}
