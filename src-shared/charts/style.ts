// Publication look shared by the live charts and the headless SVG/PNG export: serif text at print sizes,
// a colour-blind-safe palette, white background, no animation unless the live UI asks for it.
import type { EChartsOption, XAXisComponentOption, YAXisComponentOption } from 'echarts';

export interface ChartStyle {
  /** CSS font-family list; the PNG export resolves it against the fonts it loads (see src-main/export). */
  fontFamily: string;
  fontSize: number;
  titleFontSize: number;
  lineWidth: number;
  /** Okabe-Ito order, yellow last (it is faint on white). */
  palette: string[];
  background: string;
  /** Opacity of the mean +/- std bands. */
  bandOpacity: number;
}

export const publicationStyle: Readonly<ChartStyle> = {
  fontFamily: "'Liberation Serif', 'DejaVu Serif', 'Times New Roman', Times, serif",
  fontSize: 14,
  titleFontSize: 16,
  lineWidth: 2,
  palette: ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'],
  background: '#ffffff',
  bandOpacity: 0.18,
};

/** Options every figure builder accepts. */
export interface FigureOptions {
  style?: Partial<ChartStyle>;
  /** Animated transitions: on for the live UI if it wants them, always off in the export. */
  animation?: boolean;
  /** Show the title inside the figure (papers usually put it in the caption instead). */
  showTitle?: boolean;
}

export function resolveStyle(opts: FigureOptions = {}): ChartStyle {
  return { ...publicationStyle, ...opts.style };
}

export interface AxisSpec {
  name: string;
  unit?: string;
  type: 'value' | 'category' | 'log';
  /** Category labels (type 'category'). */
  categories?: string[];
  /** Axis starts at zero (value axes); default: ECharts scales to the data. */
  fromZero?: boolean;
  /** Axis spans exactly the data (episode axes: no empty margin after the last episode). */
  tight?: boolean;
  /** Quantity cannot be negative (queues, times): the axis starts at 0 and std bands are clipped there. */
  nonNegative?: boolean;
}

export function axisTitle(a: { name: string; unit?: string }): string {
  return a.unit ? `${a.name} (${a.unit})` : a.name;
}

function axisOption(a: AxisSpec, style: ChartStyle, dir: 'x' | 'y'): XAXisComponentOption & YAXisComponentOption {
  const text = { fontFamily: style.fontFamily, fontSize: style.fontSize, color: '#000000' };
  return {
    type: a.type,
    name: axisTitle(a),
    nameLocation: 'middle',
    nameGap: dir === 'x' ? 30 : 58,
    nameTextStyle: text,
    // Value axes: hide a label that would touch its neighbour (a tight axis ends at e.g. 124 next to the
    // nice tick 120). Category axes keep ECharts' own interval logic.
    axisLabel: { ...text, fontSize: style.fontSize - 1, ...(a.type === 'category' ? {} : { hideOverlap: true }) },
    axisLine: { show: true, onZero: false, lineStyle: { color: '#000000' } },
    axisTick: { show: true, inside: true, alignWithLabel: a.type === 'category' },
    splitLine: { show: a.type !== 'category', lineStyle: { color: '#e5e5e5' } },
    scale: a.type === 'value' && !a.fromZero,
    ...(a.type === 'category' ? { data: a.categories ?? [] } : {}),
    ...(a.type === 'log' ? { logBase: 10 } : {}),
    ...(a.tight && a.type === 'value' ? { min: 'dataMin', max: 'dataMax' } : {}),
    ...(a.nonNegative && a.type === 'value' ? { min: 0 } : {}),
  } as XAXisComponentOption & YAXisComponentOption;
}

/** Frame of a cartesian figure: title, legend, grid and axes; series are added by the builder. */
export function cartesianFrame(
  title: string,
  x: AxisSpec,
  y: AxisSpec | [AxisSpec, AxisSpec],
  style: ChartStyle,
  opts: FigureOptions,
  legendNames: string[],
): EChartsOption {
  const text = { fontFamily: style.fontFamily, fontSize: style.fontSize, color: '#000000' };
  const showTitle = opts.showTitle ?? true;
  const yAxes = Array.isArray(y) ? y : [y];
  return {
    animation: opts.animation ?? false,
    backgroundColor: style.background,
    color: style.palette,
    textStyle: text,
    title: showTitle ? { text: title, left: 'center', top: 6, textStyle: { ...text, fontSize: style.titleFontSize, fontWeight: 'normal' } } : undefined,
    legend: {
      data: legendNames,
      top: showTitle ? 32 : 8,
      left: 'center',
      textStyle: text,
      itemWidth: 22,
      itemHeight: 10,
      itemStyle: { borderWidth: 0 },
    },
    tooltip: { trigger: 'axis' },
    grid: { left: 80, right: yAxes.length > 1 ? 80 : 28, top: showTitle ? 78 : 52, bottom: 52, containLabel: false },
    xAxis: axisOption(x, style, 'x'),
    yAxis: yAxes.map((a) => axisOption(a, style, 'y')),
  };
}
