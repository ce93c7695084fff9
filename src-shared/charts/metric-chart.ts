// Any episode metric of the runs against the episode or the training wall time (as Aim and TensorBoard
// offer): per group mean +/- std across seeds with the exploration-off evaluation points as markers (x =
// episode), or one curve per run (x = wall time: runs do not share wall-time points, so nothing is averaged).
import type { EChartsOption } from 'echarts';
import { curveGroups } from './compose';
import { buildCurveChart, curveChartTable, type CurveChartSpec } from './curve-chart';
import { describeMetric } from './metric-info';
import { episodeArrayMeanCurve, episodeCurve, episodeMetricKeys, evalCurve, wallTimeCurve, type FigureRun } from './run-data';
import { groupName, sortGroupNames } from './run-groups';
import type { FigureOptions } from './style';
import type { DataTable } from './table';

export type MetricX = 'episode' | 'wall';

/** Episode metrics of the runs (scalar or array), in first-seen order. */
export function metricKeys(runs: readonly FigureRun[]): { key: string; kind: 'scalar' | 'array' }[] {
  const all = new Map<string, 'scalar' | 'array'>();
  for (const r of runs) for (const [k, kind] of episodeMetricKeys(r)) if (!all.has(k)) all.set(k, kind);
  return [...all].map(([key, kind]) => ({ key, kind }));
}

export interface MetricChart {
  title: string;
  option: EChartsOption;
  table: DataTable;
}

/**
 * The chart of `key` over the runs. Array metrics (one entry per CV, SV, ...) are drawn as the mean over their
 * entries. `runLabel` names a run's own curve when x is the wall time.
 */
export function buildMetricChart(
  runs: readonly FigureRun[],
  key: string,
  x: MetricX,
  window: number,
  runLabel: (r: FigureRun) => string,
  opts: FigureOptions = {},
): MetricChart {
  const kind = metricKeys(runs).find((m) => m.key === key)?.kind ?? 'scalar';
  const info = describeMetric(key);
  const yName = kind === 'array' ? `${info.label}, mean over entries` : info.label;
  const groups =
    x === 'episode'
      ? curveGroups(
          runs,
          (r) => groupName(r),
          (r) => (kind === 'array' ? episodeArrayMeanCurve(r, key) : episodeCurve(r, key)),
          window,
          sortGroupNames,
          false,
          (r) => evalCurve(r, key, kind === 'array' ? 'array-mean' : 'scalar'),
        )
      : curveGroups(runs, runLabel, (r) => wallTimeCurve(r, key), window, sortGroupNames);
  const spec: CurveChartSpec = {
    title: `${yName} against ${x === 'episode' ? 'the episode' : 'the training wall time'}`,
    x: x === 'episode' ? { name: 'Episode', type: 'value', tight: true, integer: true } : { name: 'Training wall time', unit: 's', type: 'value', tight: true },
    y: { name: yName, unit: info.unit || undefined, type: 'value' },
    groups,
    bands: x === 'episode',
  };
  return { title: spec.title, option: buildCurveChart(spec, opts), table: curveChartTable(key, spec) };
}
