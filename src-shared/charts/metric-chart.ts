// Any metric of the runs against the episode, the training wall time or the slot (as Aim and TensorBoard
// offer): per group mean +/- std across seeds with the exploration-off evaluation points as markers (x =
// episode), or one curve per run (x = wall time: runs do not share wall-time points, so nothing is averaged;
// x = slot: the slot records of each run's latest episode, named "run · episode N").
import type { EChartsOption } from 'echarts';
import { curveGroups } from './compose';
import { buildCurveChart, curveChartTable, type CurveChartSpec } from './curve-chart';
import { describeMetric } from './metric-info';
import { episodeArrayMeanCurve, episodeCurve, episodeMetricKeys, evalCurve, latestSlotEpisode, slotCurve, slotMetricKeys, wallTimeCurve, type FigureRun } from './run-data';
import { groupName, sortGroupNames } from './run-groups';
import type { FigureOptions } from './style';
import type { DataTable } from './table';

export type MetricX = 'episode' | 'wall' | 'slot';
export const METRIC_XS: readonly MetricX[] = ['episode', 'wall', 'slot'];

/** Metrics of the runs (scalar or array), in first-seen order: episode metrics, or slot metrics for x = slot. */
export function metricKeys(runs: readonly FigureRun[], x: MetricX = 'episode'): { key: string; kind: 'scalar' | 'array' }[] {
  const all = new Map<string, 'scalar' | 'array'>();
  for (const r of runs) for (const [k, kind] of x === 'slot' ? slotMetricKeys(r) : episodeMetricKeys(r)) if (!all.has(k)) all.set(k, kind);
  return [...all].map(([key, kind]) => ({ key, kind }));
}

const X_AXES: Record<MetricX, { phrase: string; axis: CurveChartSpec['x'] }> = {
  episode: { phrase: 'the episode', axis: { name: 'Episode', type: 'value', tight: true, integer: true } },
  wall: { phrase: 'the training wall time', axis: { name: 'Training wall time', unit: 's', type: 'value', tight: true } },
  slot: { phrase: 'the slot (latest episode)', axis: { name: 'Slot', type: 'value', tight: true, integer: true } },
};

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
  const kind = metricKeys(runs, x).find((m) => m.key === key)?.kind ?? 'scalar';
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
      : x === 'wall'
        ? curveGroups(runs, runLabel, (r) => wallTimeCurve(r, key), window, sortGroupNames)
        : curveGroups(
            runs,
            (r) => {
              const episode = latestSlotEpisode(r);
              return episode === null ? null : `${runLabel(r)} · episode ${episode}`;
            },
            (r) => slotCurve(r, key),
            1, // slots of one episode: no smoothing
          );
  const spec: CurveChartSpec = {
    title: `${yName} against ${X_AXES[x].phrase}`,
    x: X_AXES[x].axis,
    y: { name: yName, unit: info.unit || undefined, type: 'value' },
    groups,
    bands: x === 'episode',
  };
  return { title: spec.title, option: buildCurveChart(spec, opts), table: curveChartTable(key, spec) };
}
