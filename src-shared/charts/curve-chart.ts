// Curves over episodes: per group a mean line with a mean +/- std band across seeds, optionally the raw
// (unsmoothed) curve underneath. Used by the convergence and queue figures of both papers.
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { BandCurve, Curve } from './stats';
import { cartesianFrame, resolveStyle, type AxisSpec, type FigureOptions } from './style';
import type { DataTable } from './table';

export interface CurveGroup {
  name: string;
  band: BandCurve;
  /** Raw curve drawn faintly below the smoothed one (p2 Fig. 5a shows both). */
  raw?: Curve;
  /** Exploration-off evaluation points (mean across seeds at each point), drawn as markers. */
  evals?: BandCurve;
}

/** Legend and series name of a group's evaluation markers. */
export function evalSeriesName(group: string): string {
  return `${group} (exploration off)`;
}

export interface CurveChartSpec {
  title: string;
  x: AxisSpec;
  y: AxisSpec;
  groups: CurveGroup[];
  /** Draw mean +/- std bands (only where some x has two or more seeds). */
  bands: boolean;
}

const BAND_PREFIX = 'band:';

/** True when the group has a band worth drawing: at least one x with two or more seeds. */
export function hasBand(g: CurveGroup): boolean {
  return g.band.n.some((n) => n >= 2);
}

export function buildCurveChart(spec: CurveChartSpec, opts: FigureOptions = {}): EChartsOption {
  const style = resolveStyle(opts);
  const legend = spec.groups.flatMap((g) => (g.evals && g.evals.x.length > 0 ? [g.name, evalSeriesName(g.name)] : [g.name]));
  const option = cartesianFrame(spec.title, spec.x, spec.y, style, opts, legend);
  const series: LineSeriesOption[] = [];
  spec.groups.forEach((g, i) => {
    const color = style.palette[i % style.palette.length];
    // The mean line comes first so the legend takes its icon; raw and band series share its name so the
    // legend toggles them together.
    // [x, mean, std, seeds]: the extra dimensions feed the live tooltips ("mean ± std (n seeds)").
    series.push({
      type: 'line',
      name: g.name,
      data: g.band.x.map((x, k) => [x, g.band.mean[k], g.band.std[k], g.band.n[k]]),
      showSymbol: false,
      symbol: 'none',
      lineStyle: { width: style.lineWidth, color },
      itemStyle: { color },
      z: 3,
    });
    if (g.raw) {
      series.push({
        type: 'line',
        name: g.name,
        data: g.raw.x.map((x, k) => [x, g.raw!.y[k]]),
        showSymbol: false,
        symbol: 'none',
        lineStyle: { width: Math.max(0.6, style.lineWidth / 3), color, opacity: 0.35 },
        itemStyle: { color },
        tooltip: { show: false },
        silent: true,
        z: 2,
      });
    }
    if (g.evals && g.evals.x.length > 0) {
      const ev = g.evals;
      series.push({
        type: 'line',
        name: evalSeriesName(g.name),
        data: ev.x.map((x, k) => [x, ev.mean[k], ev.std[k], ev.n[k]]),
        showSymbol: true,
        symbol: 'diamond',
        symbolSize: 9,
        lineStyle: { width: Math.max(0.8, style.lineWidth / 2), color, type: 'dashed' },
        itemStyle: { color, borderColor: '#000000', borderWidth: 0.6 },
        z: 4,
      });
    }
    if (spec.bands && hasBand(g)) {
      const stack = `${BAND_PREFIX}${i}`;
      series.push(
        {
          type: 'line',
          name: g.name,
          data: g.band.x.map((x, k) => [x, g.band.mean[k] - g.band.std[k]]),
          stack,
          stackStrategy: 'all',
          showSymbol: false,
          symbol: 'none',
          lineStyle: { opacity: 0 },
          itemStyle: { color },
          tooltip: { show: false },
          silent: true,
          z: 1,
        },
        {
          type: 'line',
          name: g.name,
          data: g.band.x.map((x, k) => [x, 2 * g.band.std[k]]),
          stack,
          stackStrategy: 'all',
          showSymbol: false,
          symbol: 'none',
          lineStyle: { opacity: 0 },
          areaStyle: { color, opacity: style.bandOpacity },
          itemStyle: { color },
          tooltip: { show: false },
          silent: true,
          z: 1,
        },
      );
    }
  });
  option.series = series;
  return option;
}

/** The data behind a curve chart: one row per x with mean, std and seed count of every group. */
export function curveChartTable(name: string, spec: CurveChartSpec): DataTable {
  const xs = [...new Set(spec.groups.flatMap((g) => [...g.band.x, ...(g.evals?.x ?? [])]))].sort((a, b) => a - b);
  const columns = [{ name: spec.x.name, unit: spec.x.unit }];
  for (const g of spec.groups) {
    columns.push({ name: `${g.name} mean`, unit: spec.y.unit }, { name: `${g.name} std`, unit: spec.y.unit }, { name: `${g.name} seeds`, unit: undefined });
    if (g.raw) columns.push({ name: `${g.name} raw`, unit: spec.y.unit });
    if (g.evals) columns.push({ name: `${evalSeriesName(g.name)} mean`, unit: spec.y.unit }, { name: `${evalSeriesName(g.name)} std`, unit: spec.y.unit });
  }
  const bandIndex = spec.groups.map((g) => new Map(g.band.x.map((x, k) => [x, k])));
  const rawIndex = spec.groups.map((g) => new Map((g.raw?.x ?? []).map((x, k) => [x, k])));
  const evalIndex = spec.groups.map((g) => new Map((g.evals?.x ?? []).map((x, k) => [x, k])));
  const rows = xs.map((x) => {
    const row: (number | null)[] = [x];
    spec.groups.forEach((g, gi) => {
      const k = bandIndex[gi].get(x);
      row.push(k === undefined ? null : g.band.mean[k], k === undefined ? null : g.band.std[k], k === undefined ? 0 : g.band.n[k]);
      if (g.raw) {
        const r = rawIndex[gi].get(x);
        row.push(r === undefined ? null : g.raw.y[r]);
      }
      if (g.evals) {
        const e = evalIndex[gi].get(x);
        row.push(e === undefined ? null : g.evals.mean[e], e === undefined ? null : g.evals.std[e]);
      }
    });
    return row;
  });
  return { name, columns, rows };
}
