// The metric explorer with x = slot (issue 12, item 3): slot metrics of each run's latest episode, one curve per
// run named by its episode, integer slot ticks; episode and wall-time keys are unchanged.
import { describe, expect, it } from 'vitest';
import { buildMetricChart, metricKeys } from '../../src-shared/charts/metric-chart';
import type { FigureRun } from '../../src-shared/charts/run-data';
import type { MetricRecord } from '../../src-shared/metrics';

function run(runId: string, records: MetricRecord[]): FigureRun {
  return { runId, env: 'vec-dnn', algo: 'greedy', seed: 1, params: {}, slotsPerEpisode: 3, records };
}

const records: MetricRecord[] = [
  { kind: 'episode', episode: 1, wallTimeS: 1, values: { reward: -3 } },
  { kind: 'slot', episode: 2, slot: 1, values: { reward: -1, queueCvGops: [1, 3] } },
  { kind: 'slot', episode: 2, slot: 2, values: { reward: -2, queueCvGops: [2, 4] } },
  { kind: 'episode', episode: 2, wallTimeS: 2, values: { reward: -4 } },
  { kind: 'slot', episode: 3, slot: 1, values: { reward: -5, queueCvGops: [0, 0] } },
];

describe('metric explorer, x = slot', () => {
  it('offers the slot metrics and draws the latest episode of each run', () => {
    const runs = [run('a', records), run('b', [{ kind: 'episode', episode: 1, wallTimeS: 1, values: { reward: 0 } }])];
    expect(metricKeys(runs, 'slot')).toEqual([
      { key: 'reward', kind: 'scalar' },
      { key: 'queueCvGops', kind: 'array' },
    ]);
    expect(metricKeys(runs)).toEqual([{ key: 'reward', kind: 'scalar' }]);
    const chart = buildMetricChart(runs, 'queueCvGops', 'slot', 5, (r) => `run ${r.runId}`);
    expect(chart.title).toContain('against the slot (latest episode)');
    const series = (chart.option.series as { name: string; data: unknown[] }[]).filter((s) => !s.name.startsWith('band:'));
    expect(series.map((s) => s.name)).toEqual(['run a · episode 3']);
    const two = buildMetricChart([run('a', records.slice(0, 4))], 'queueCvGops', 'slot', 5, (r) => r.runId);
    const line = (two.option.series as { name: string; data: [number, number][] }[]).find((s) => s.name === 'a · episode 2')!;
    expect(line.data.map((p) => [p[0], p[1]])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect((two.option.xAxis as { name: string }).name).toContain('Slot');
  });
});
