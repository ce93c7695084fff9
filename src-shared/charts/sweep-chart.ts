// A metric against a swept parameter (#CVs, #SVs, V): per series (algorithm or queue kind) the mean across
// seeds with +/- std error bars, as grouped bars or as lines with markers.
import type { BarSeriesOption, CustomSeriesOption, EChartsOption, LineSeriesOption } from 'echarts';
import type { FigureBuildOptions, FigureResult, YScale } from './figure-types';
import { cartesianFrame, resolveStyle, type AxisSpec, type FigureOptions } from './style';
import type { DataTable } from './table';

export interface SweepPoint {
  mean: number;
  std: number;
  /** Seeds (runs) behind the point. */
  n: number;
}

export interface SweepSeries {
  name: string;
  /** One entry per category of the x axis; null where no run has that value. */
  points: (SweepPoint | null)[];
}

export interface SweepChartSpec {
  title: string;
  x: AxisSpec & { type: 'category'; categories: string[] };
  y: AxisSpec;
  series: SweepSeries[];
  mode: 'bar' | 'line';
  errorBars: boolean;
}

/** Bar layout constants (fractions), also used to place the error bars on the bar centres. */
const BAR_CATEGORY_GAP = 0.3;
const BAR_GAP = 0.15;

/** Offset of bar `i` of `n` from its category centre, in units of the category band width. */
export function barCentreOffset(i: number, n: number): number {
  const usable = 1 - BAR_CATEGORY_GAP;
  const width = usable / (n + (n - 1) * BAR_GAP);
  return -usable / 2 + i * width * (1 + BAR_GAP) + width / 2;
}

/** Means of every plotted point. */
function plottedMeans(series: readonly SweepSeries[]): number[] {
  return series.flatMap((s) => s.points.flatMap((p) => (p === null ? [] : [p.mean])));
}

/**
 * Whether the value axis is logarithmic: never for 'linear' or when a mean is <= 0 (a log axis cannot show it);
 * always for 'log' otherwise; for 'auto' when the largest mean is at least 100 times the smallest.
 */
export function sweepUsesLogAxis(series: readonly SweepSeries[], scale: YScale = 'auto'): boolean {
  const means = plottedMeans(series);
  if (scale === 'linear' || means.length === 0 || means.some((m) => !(m > 0))) return false;
  return scale === 'log' || Math.max(...means) >= 100 * Math.min(...means);
}

/** Bottom of a log axis: the power of ten at or below the smallest mean (lower whiskers stop there). */
export function logAxisFloor(series: readonly SweepSeries[]): number {
  return 10 ** Math.floor(Math.log10(Math.min(...plottedMeans(series))));
}

export function buildSweepChart(spec: SweepChartSpec, opts: FigureOptions & { yScale?: YScale } = {}): EChartsOption {
  const style = resolveStyle(opts);
  const log = sweepUsesLogAxis(spec.series, opts.yScale);
  const floor = log ? logAxisFloor(spec.series) : 0;
  const yAxis: AxisSpec = log ? { ...spec.y, name: `${spec.y.name}, log scale`, type: 'log', logFloor: floor } : spec.y;
  const option = cartesianFrame(spec.title, spec.x, yAxis, style, opts, spec.series.map((s) => s.name));
  option.tooltip = { trigger: spec.mode === 'bar' ? 'item' : 'axis' };
  const n = spec.series.length;
  const out: (BarSeriesOption | LineSeriesOption | CustomSeriesOption)[] = [];
  spec.series.forEach((s, i) => {
    const color = style.palette[i % style.palette.length];
    const data = s.points.map((p) => (p === null ? null : p.mean));
    if (spec.mode === 'bar') {
      out.push({
        type: 'bar',
        name: s.name,
        data,
        barCategoryGap: `${BAR_CATEGORY_GAP * 100}%`,
        barGap: `${BAR_GAP * 100}%`,
        itemStyle: { color, borderColor: '#000000', borderWidth: 0.6 },
        z: 2,
      });
    } else {
      out.push({
        type: 'line',
        name: s.name,
        data,
        symbol: ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect'][i % 7],
        symbolSize: 8,
        showSymbol: true,
        connectNulls: true,
        lineStyle: { width: style.lineWidth, color },
        itemStyle: { color },
        z: 3,
      });
    }
    const withStd = s.points.some((p) => p !== null && p.n >= 2);
    if (spec.errorBars && withStd) {
      const offset = spec.mode === 'bar' ? barCentreOffset(i, n) : 0;
      const capPx = 6;
      out.push({
        type: 'custom',
        name: s.name,
        // On a log axis a whisker that would reach 0 or below stops at the axis floor.
        data: s.points.flatMap((p, k) => (p === null || p.n < 2 ? [] : [[k, log ? Math.max(p.mean - p.std, floor) : p.mean - p.std, p.mean + p.std]])),
        encode: { x: 0, y: [1, 2] },
        silent: true,
        tooltip: { show: false },
        z: 4,
        renderItem: (_params, api) => {
          const k = api.value(0) as number;
          const lo = api.coord([k, api.value(1) as number]);
          const hi = api.coord([k, api.value(2) as number]);
          const band = (api.size?.([1, 0]) as number[])[0];
          const cx = lo[0] + offset * band;
          const stroke = { stroke: '#000000', lineWidth: 1.2 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: cx, y1: hi[1], x2: cx, y2: lo[1] }, style: stroke },
              { type: 'line', shape: { x1: cx - capPx, y1: hi[1], x2: cx + capPx, y2: hi[1] }, style: stroke },
              { type: 'line', shape: { x1: cx - capPx, y1: lo[1], x2: cx + capPx, y2: lo[1] }, style: stroke },
            ],
          };
        },
      });
    }
  });
  option.series = out;
  return option;
}

/** A sweep figure with its data table; says so when a requested log axis could not be used. */
export function sweepFigure(id: string, spec: SweepChartSpec, opts: FigureBuildOptions, warnings: string[]): FigureResult {
  if (opts.yScale === 'log' && !sweepUsesLogAxis(spec.series, 'log')) warnings.push('log scale needs every plotted value > 0; drawn on a linear axis');
  return { title: spec.title, option: buildSweepChart(spec, opts), tables: [sweepChartTable(id, spec)], warnings };
}

/** The data behind a sweep chart: one row per category with mean, std and seed count of every series. */
export function sweepChartTable(name: string, spec: SweepChartSpec): DataTable {
  const columns = [{ name: spec.x.name, unit: spec.x.unit }];
  for (const s of spec.series) {
    columns.push({ name: `${s.name} mean`, unit: spec.y.unit }, { name: `${s.name} std`, unit: spec.y.unit }, { name: `${s.name} seeds`, unit: undefined });
  }
  const rows = spec.x.categories.map((cat, k) => {
    const asNumber = Number(cat);
    const row: (number | string | null)[] = [Number.isFinite(asNumber) ? asNumber : cat];
    for (const s of spec.series) {
      const p = s.points[k];
      row.push(p ? p.mean : null, p ? p.std : null, p ? p.n : 0);
    }
    return row;
  });
  return { name, columns, rows };
}
