// What the live UI adds to a figure built by the shared builders (the exported files stay static): zoom and
// pan on the x axis (wheel / drag, a box zoom and reset in the toolbox), a crosshair, tooltips with formatted
// values ("Episode 12", "-312,196.1 ± 2,034 (2 seeds)"), a scrolling legend, and a log-scale y axis.
import type { EChartsOption } from 'echarts';

export interface InteractionOptions {
  logY?: boolean;
  /** The x range the user zoomed to (kept across the redraws of a growing run). */
  zoom?: { startValue: number; endValue: number } | null;
}

export interface InteractiveOption {
  option: EChartsOption;
  /** Why a request could not be honoured (e.g. log scale with values <= 0), for a hint under the chart. */
  note: string | null;
}

/** 12345.678 -> "12,345.7"; 0.0012345 -> "0.001235"; integers as is. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a >= 1000) return v.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (a >= 1) return v.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return String(Number(v.toPrecision(4)));
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

type SeriesLike = { type?: string; name?: string; data?: unknown[]; stack?: string; tooltip?: { show?: boolean } };
type AxisLike = Record<string, unknown> & { type?: string; name?: string };

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The y values of a series' data: numbers, or the second entry of [x, y, ...] points. */
function yValues(data: unknown[] | undefined): number[] {
  const out: number[] = [];
  for (const d of data ?? []) {
    const y = Array.isArray(d) ? d[1] : d;
    if (typeof y === 'number' && Number.isFinite(y)) out.push(y);
  }
  return out;
}

/** The header of a tooltip: "Episode 12" / "Slot 4" for counts, else "Training wall time (s): 12.5". */
export function tooltipHeader(axisName: string, x: unknown): string {
  const xs = typeof x === 'number' ? formatValue(x) : String(x);
  return /^(Episode|Slot)$/.test(axisName) ? `${axisName} ${xs}` : `${axisName}: ${xs}`;
}

/** One tooltip line: "name: mean ± std (n seeds)" (std only where two or more seeds are behind the point). */
export function tooltipLine(name: string, value: unknown): string {
  const v = Array.isArray(value) ? value : [null, value];
  const y = v[1];
  if (typeof y !== 'number') return `${escapeHtml(name)}: —`;
  const std = v[2];
  const n = v[3];
  const spread = typeof std === 'number' && typeof n === 'number' && n >= 2 ? ` ± ${formatValue(std)} (${n} seeds)` : '';
  return `${escapeHtml(name)}: <b>${formatValue(y)}</b>${spread}`;
}

export function makeInteractive(base: EChartsOption, opts: InteractionOptions = {}): InteractiveOption {
  const option: EChartsOption = { ...base };
  let note: string | null = null;
  const xAxes = asArray(option.xAxis as AxisLike | AxisLike[] | undefined);
  const xAxis = xAxes[0];
  const numericX = xAxis !== undefined && xAxis.type === 'value';
  let series = asArray(option.series as SeriesLike | SeriesLike[] | undefined);

  if (opts.logY) {
    const ys = series.flatMap((s) => yValues(s.data));
    const min = ys.length > 0 ? Math.min(...ys) : NaN;
    if (ys.length > 0 && min > 0) {
      option.yAxis = asArray(option.yAxis as AxisLike | AxisLike[] | undefined).map((a) => {
        const { min: _min, max: _max, scale: _scale, minInterval: _mi, ...rest } = a;
        return { ...rest, type: 'log', logBase: 10 };
      }) as EChartsOption['yAxis'];
      // Stacked mean +/- std bands do not survive a log axis: the lines stay, the bands go.
      if (series.some((s) => s.stack !== undefined)) note = 'log scale: mean ± std bands hidden';
      series = series.filter((s) => s.stack === undefined);
      option.series = series as EChartsOption['series'];
    } else if (ys.length > 0) {
      note = `log scale needs values > 0 (this chart has ${formatValue(min)}): linear scale kept`;
    }
  }

  const xName = typeof xAxis?.name === 'string' ? xAxis.name : '';
  option.tooltip = {
    trigger: numericX ? 'axis' : 'item',
    confine: true,
    axisPointer: numericX ? { type: 'cross', snap: false, label: { formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatValue(p.value) : String(p.value)) } } : undefined,
    formatter: (params: unknown) => {
      const list = (Array.isArray(params) ? params : [params]) as { seriesName?: string; value?: unknown; axisValue?: unknown; name?: string }[];
      if (list.length === 0) return '';
      const seen = new Set<string>();
      const lines: string[] = [];
      for (const p of list) {
        const name = p.seriesName ?? '';
        if (seen.has(name)) continue;
        seen.add(name);
        lines.push(tooltipLine(name, p.value));
      }
      const x = list[0].axisValue ?? (Array.isArray(list[0].value) ? list[0].value[0] : list[0].name);
      return [escapeHtml(tooltipHeader(xName, x)), ...lines].join('<br/>');
    },
  };
  const legend = option.legend;
  if (legend && !Array.isArray(legend)) option.legend = { ...legend, type: 'scroll' };
  if (numericX) {
    option.dataZoom = [{ type: 'inside', xAxisIndex: 0, filterMode: 'none', ...(opts.zoom ?? {}) }];
    option.toolbox = {
      right: 4,
      top: 0,
      itemSize: 13,
      feature: { dataZoom: { yAxisIndex: 'none', title: { zoom: 'Zoom to a box', back: 'Undo zoom' } }, restore: { title: 'Reset zoom' } },
    };
  }
  return { option, note };
}
