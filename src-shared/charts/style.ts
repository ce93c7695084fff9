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
  /**
   * Multiplies text sizes, line widths and the margins that hold text (a large export keeps the proportions of
   * the 720 x 480 figure instead of getting tiny text). Default 1.
   */
  fontScale?: number;
}

export function resolveStyle(opts: FigureOptions = {}): ChartStyle {
  const style = { ...publicationStyle, ...opts.style };
  const k = opts.fontScale ?? 1;
  if (k === 1) return style;
  return { ...style, fontSize: style.fontSize * k, titleFontSize: style.titleFontSize * k, lineWidth: style.lineWidth * k };
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
  /** Counts (episodes, slots): ticks only at whole numbers. */
  integer?: boolean;
  /** Log axes: the bottom of the axis, where bars start (ECharts otherwise grows them from 1). */
  logFloor?: number;
}

export function axisTitle(a: { name: string; unit?: string }): string {
  return a.unit ? `${a.name} (${a.unit})` : a.name;
}

function axisOption(a: AxisSpec, style: ChartStyle, dir: 'x' | 'y', k: number): XAXisComponentOption & YAXisComponentOption {
  const text = { fontFamily: style.fontFamily, fontSize: style.fontSize, color: '#000000' };
  return {
    type: a.type,
    name: axisTitle(a),
    nameLocation: 'middle',
    nameGap: (dir === 'x' ? 30 : 58) * k,
    nameTextStyle: text,
    // Value axes: hide a label that would touch its neighbour (a tight axis ends at e.g. 124 next to the
    // nice tick 120). Category axes keep ECharts' own interval logic.
    axisLabel: { ...text, fontSize: style.fontSize - 1, ...(a.type === 'category' ? {} : { hideOverlap: true }) },
    axisLine: { show: true, onZero: false, lineStyle: { color: '#000000' } },
    axisTick: { show: true, inside: true, alignWithLabel: a.type === 'category' },
    splitLine: { show: a.type !== 'category', lineStyle: { color: '#e5e5e5' } },
    scale: a.type === 'value' && !a.fromZero,
    ...(a.type === 'category' ? { data: a.categories ?? [] } : {}),
    ...(a.type === 'log' ? { logBase: 10, ...(a.logFloor !== undefined ? { min: a.logFloor, startValue: a.logFloor } : {}) } : {}),
    ...(a.tight && a.type === 'value' ? { min: 'dataMin', max: 'dataMax' } : {}),
    ...(a.nonNegative && a.type === 'value' ? { min: 0 } : {}),
    ...(a.integer && a.type === 'value' ? { minInterval: 1 } : {}),
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
  const k = opts.fontScale ?? 1;
  return {
    animation: opts.animation ?? false,
    backgroundColor: style.background,
    color: style.palette,
    textStyle: text,
    title: showTitle ? { text: title, left: 'center', top: 6 * k, textStyle: { ...text, fontSize: style.titleFontSize, fontWeight: 'normal' } } : undefined,
    legend: {
      data: legendNames,
      top: (showTitle ? 32 : 8) * k,
      left: 'center',
      textStyle: text,
      itemWidth: 22 * k,
      itemHeight: 10 * k,
      itemStyle: { borderWidth: 0 },
    },
    tooltip: { trigger: 'axis' },
    grid: { left: 80 * k, right: (yAxes.length > 1 ? 80 : 28) * k, top: (showTitle ? 78 : 52) * k, bottom: 52 * k, containLabel: false },
    xAxis: axisOption(x, style, 'x', k),
    yAxis: yAxes.map((a) => axisOption(a, style, 'y', k)),
  };
}
