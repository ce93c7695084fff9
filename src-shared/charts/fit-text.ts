// Long titles and axis names in a drawn figure: ECharts draws a title on one line, centred, so a title wider
// than the figure loses both ends (reproduce's PNGs: "Fig. 8a-style: Overall task completion time of MAD2RL,
// Greedy algorithm, Random and P-QMIX versus the number of CVs (3 SVs, V = 10)" at 720 px). Knowing the figure
// size, the title and the y-axis names are wrapped at word boundaries into lines that fit, and the legend and
// the plot are moved to make room; a legend that ECharts wraps onto several rows pushes the plot down too (Fig. 4
// with six algorithms and their exploration-off series). Text widths are estimated from Times-like (Liberation
// Serif) metrics.
import type { EChartsOption } from 'echarts';

/** Advance widths in em of a Times-like serif, by character class (a slight over-estimate on purpose). */
function charEm(c: string): number {
  if (c === ' ') return 0.25;
  if (/[A-Z]/.test(c)) return c === 'M' || c === 'W' ? 0.9 : 0.68;
  if (/[a-z]/.test(c)) return c === 'm' || c === 'w' ? 0.75 : c === 'i' || c === 'l' || c === 'j' || c === 't' || c === 'f' || c === 'r' ? 0.3 : 0.5;
  if (/[0-9]/.test(c)) return 0.5;
  if (/[.,;:'!|]/.test(c)) return 0.27;
  if (/[()[\]\-/]/.test(c)) return 0.34;
  return 0.56;
}

export function textWidthPx(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) em += charEm(c);
  return em * fontSize * 1.04;
}

/** Words of `text` greedily packed into lines no wider than maxPx (a single over-long word keeps its own line). */
export function wrapText(text: string, fontSize: number, maxPx: number): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && textWidthPx(next, fontSize) > maxPx) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Rows a horizontal legend of items this wide (px) takes in maxPx, packed as ECharts does (itemGap between). */
export function legendRowCount(itemWidths: readonly number[], gapPx: number, maxPx: number): number {
  let rows = itemWidths.length > 0 ? 1 : 0;
  let used = 0;
  for (const w of itemWidths) {
    const next = used === 0 ? w : used + gapPx + w;
    if (used > 0 && next > maxPx) {
      rows++;
      used = w;
    } else used = next;
  }
  return rows;
}

/**
 * The option with its title and y-axis names wrapped to fit a figure of widthPx x heightPx; the legend and
 * the grid move down (title) or right (y names) by the lines added. Options without such texts come back as is.
 */
export function fitFigureText(option: EChartsOption, widthPx: number, heightPx: number): EChartsOption {
  const out: Obj = { ...(option as Obj) };
  const title = asObj(Array.isArray(out.title) ? out.title[0] : out.title);
  const grid = asObj(Array.isArray(out.grid) ? out.grid[0] : out.grid);
  const legend = asObj(Array.isArray(out.legend) ? out.legend[0] : out.legend);
  let gridOut = grid ? { ...grid } : undefined;

  if (title && typeof title.text === 'string' && title.text.length > 0) {
    const style = asObj(title.textStyle) ?? {};
    const size = num(style.fontSize, 16);
    const lines = wrapText(title.text, size, widthPx - 24);
    if (lines.length > 1) {
      const lineHeight = Math.round(size * 1.25);
      const extra = (lines.length - 1) * lineHeight;
      out.title = { ...title, text: lines.join('\n'), textStyle: { ...style, lineHeight } };
      if (legend && typeof legend.top === 'number') out.legend = { ...legend, top: legend.top + extra };
      if (gridOut && typeof gridOut.top === 'number') gridOut = { ...gridOut, top: gridOut.top + extra };
    }
  }

  if (legend && Array.isArray(legend.data) && gridOut && typeof gridOut.top === 'number') {
    const style = asObj(legend.textStyle) ?? {};
    const size = num(style.fontSize, 12);
    const iconW = num(legend.itemWidth, 25);
    const gap = num(legend.itemGap, 10);
    const names = legend.data.map((d) => (typeof d === 'string' ? d : String(asObj(d)?.name ?? '')));
    // ECharts: icon, 5 px, label per item; the legend box has 5 px padding on each side.
    const rows = legendRowCount(names.map((n) => iconW + 5 + textWidthPx(n, size)), gap, widthPx - 10);
    if (rows > 1) {
      const rowH = Math.max(num(legend.itemHeight, 14), Math.round(size * 1.2)) + gap;
      gridOut = { ...gridOut, top: (gridOut.top as number) + (rows - 1) * rowH };
    }
  }

  if (gridOut && out.yAxis !== undefined) {
    const axes = (Array.isArray(out.yAxis) ? out.yAxis : [out.yAxis]).map((a) => asObj(a) ?? {});
    const plotH = heightPx - num(gridOut.top, 60) - num(gridOut.bottom, 60);
    const wrapped = axes.map((a, i) => {
      if (typeof a.name !== 'string' || a.nameLocation !== 'middle') return a;
      const style = asObj(a.nameTextStyle) ?? {};
      const size = num(style.fontSize, 14);
      const lines = wrapText(a.name, size, plotH);
      if (lines.length <= 1) return a;
      const lineHeight = Math.round(size * 1.2);
      const extra = (lines.length - 1) * lineHeight;
      // The first axis sits on the left, a second one on the right: widen that side.
      const side = i === 0 ? 'left' : 'right';
      if (gridOut && typeof gridOut[side] === 'number') gridOut = { ...gridOut, [side]: (gridOut[side] as number) + extra };
      // ECharts keeps nameGap to the line nearest the axis; the added lines grow outwards into the widened margin.
      return { ...a, name: lines.join('\n'), nameTextStyle: { ...style, lineHeight } };
    });
    out.yAxis = Array.isArray(out.yAxis) ? wrapped : wrapped[0];
  }
  if (gridOut) out.grid = Array.isArray(out.grid) ? [gridOut, ...(out.grid as unknown[]).slice(1)] : gridOut;
  return out as EChartsOption;
}
