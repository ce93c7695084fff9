// Long figure titles wrap instead of losing both ends (issue 12, item 5: the clipped title of reproduce's PNG).
import { describe, expect, it } from 'vitest';
import type { EChartsOption } from 'echarts';
import { buildFigure } from '../../src-shared/charts/catalog';
import { fitFigureText, legendRowCount, textWidthPx, wrapText } from '../../src-shared/charts/fit-text';
import { renderFigureSvg } from '../../src-main/export/figure-render';
import { run } from '../charts/fixtures';

const runs = ['mad2rl', 'p-qmix', 'greedy', 'random'].flatMap((a) =>
  [3, 5].map((cv) => run(a, 1, { lyapunovV: 10, cvCount: cv, svCount: 3 }, [{ reward: -1, delaySumS: 1 }])),
);

describe('figure text that fits', () => {
  it('wraps at word boundaries into lines that fit', () => {
    const lines = wrapText('aaa bbb ccc ddd', 10, textWidthPx('aaa bbb', 10) + 1);
    expect(lines).toEqual(['aaa bbb', 'ccc ddd']);
    expect(wrapText('short', 16, 700)).toEqual(['short']);
  });

  it('the Fig. 8a title wraps at 720 px and the legend and plot move down by one line', () => {
    const built = buildFigure('p1-fig8a', { runs });
    const option = built.option as EChartsOption;
    const title = (option.title as { text: string }).text;
    expect(title).toMatch(/^Fig\. 8a-style: .* versus the number of CVs \(3 SVs, V = 10\)$/);
    const fitted = fitFigureText(option, 720, 480) as { title: { text: string }; legend: { top: number }; grid: { top: number } };
    const lines = fitted.title.text.split('\n');
    expect(lines.length).toBe(2);
    expect(lines.join(' ')).toBe(title);
    for (const l of lines) expect(textWidthPx(l, 16)).toBeLessThanOrEqual(720 - 24);
    expect(fitted.legend.top).toBe((option.legend as { top: number }).top + 20);
    expect(fitted.grid.top).toBe((option.grid as { top: number }).top + 20);
    // At 1440 px it fits on one line: unchanged.
    expect((fitFigureText(option, 1440, 600) as { title: { text: string } }).title.text).toBe(title);
  });

  it('the SVG draws the title as two lines, each inside the figure', () => {
    const svg = renderFigureSvg(buildFigure('p1-fig8a', { runs }).option as EChartsOption, { width: 720, height: 480 });
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts.some((t) => t.startsWith('Fig. 8a-style: Overall task completion time') && !t.includes('(3 SVs'))).toBe(true);
    expect(texts.some((t) => t.endsWith('(3 SVs, V = 10)') && !t.startsWith('Fig.'))).toBe(true);
  });

  it('a legend that wraps onto more rows moves the plot down by a row each', () => {
    expect(legendRowCount([100, 100, 100], 10, 320)).toBe(1);
    expect(legendRowCount([100, 100, 100], 10, 300)).toBe(2);
    expect(legendRowCount([500, 50], 10, 300)).toBe(2); // an over-wide item keeps its own row
    expect(legendRowCount([], 10, 300)).toBe(0);
    const names = ['Ly-DTMPPO', 'Ly-DTMPPO (exploration off)', 'Ly-MAPPO', 'Ly-MAPPO (exploration off)', 'Ly-MADDPG', 'fixed-ratio'];
    const option: EChartsOption = {
      legend: { data: names, top: 32, textStyle: { fontSize: 14 }, itemWidth: 22, itemHeight: 10 },
      grid: { top: 78, bottom: 52, left: 80, right: 28 },
    };
    const widths = names.map((n) => 22 + 5 + textWidthPx(n, 14));
    const at = (w: number) => (fitFigureText(option, w, 500) as { grid: { top: number } }).grid.top;
    const rowsAt800 = legendRowCount(widths, 10, 790);
    expect(rowsAt800).toBeGreaterThan(1);
    expect(at(800)).toBe(78 + (rowsAt800 - 1) * (17 + 10)); // row height max(10, round(14 x 1.2)) + gap
    expect(at(4000)).toBe(78); // one row: unchanged
  });
});
