// Parallel coordinates of a sweep (as W&B draws them): one vertical axis per swept setting or hyper-parameter
// and one for the metric, one line per run, coloured by the metric.
import type { EChartsOption } from 'echarts';
import { resolveStyle, type FigureOptions } from './style';

export interface ParallelDim {
  name: string;
  /** Category axes hold text values (algorithm, enum hyper-parameters); value axes numbers. */
  type: 'value' | 'category';
}

export interface ParallelRow {
  /** Run label (tooltip). */
  name: string;
  /** One value per dim; null where the run has none. */
  values: (number | string | null)[];
}

/** The chart; the last dim is the metric (lines are coloured by it). Null with fewer than two dims or runs. */
export function buildParallelChart(dims: readonly ParallelDim[], rows: readonly ParallelRow[], opts: FigureOptions = {}): EChartsOption | null {
  if (dims.length < 2 || rows.length < 2) return null;
  const style = resolveStyle(opts);
  const text = { fontFamily: style.fontFamily, fontSize: style.fontSize - 1, color: '#000000' };
  const categories = dims.map((d, i) =>
    d.type === 'category' ? [...new Set(rows.map((r) => (r.values[i] === null ? '—' : String(r.values[i]))))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })) : [],
  );
  const metric = dims.length - 1;
  const metricValues = rows.map((r) => r.values[metric]).filter((v): v is number => typeof v === 'number');
  const lo = metricValues.length ? Math.min(...metricValues) : 0;
  const hi = metricValues.length ? Math.max(...metricValues) : 1;
  return {
    animation: opts.animation ?? false,
    backgroundColor: style.background,
    textStyle: { fontFamily: style.fontFamily },
    tooltip: { trigger: 'item', confine: true },
    parallel: { left: 60, right: 170, top: 40, bottom: 30 },
    parallelAxis: dims.map((d, i) => ({
      dim: i,
      name: d.name,
      type: d.type,
      ...(d.type === 'category' ? { data: categories[i] } : { scale: true }),
      nameTextStyle: { ...text, fontWeight: 'bold' },
      axisLabel: text,
    })),
    visualMap: {
      type: 'continuous',
      dimension: metric,
      min: lo,
      max: hi === lo ? lo + 1 : hi,
      right: 12,
      top: 'middle',
      itemHeight: 140,
      calculable: true,
      text: [dims[metric].name, ''],
      textStyle: text,
      inRange: { color: ['#0072B2', '#009E73', '#E69F00', '#D55E00'] },
    },
    series: [
      {
        type: 'parallel',
        name: dims[metric].name,
        lineStyle: { width: style.lineWidth, opacity: 0.75 },
        emphasis: { lineStyle: { width: style.lineWidth * 2, opacity: 1 } },
        data: rows.map((r) => ({ name: r.name, value: r.values.map((v, i) => (v === null ? (dims[i].type === 'category' ? '—' : NaN) : v)) })),
      },
    ],
  } as EChartsOption;
}
