// Headless figure export: the same ECharts option the live UI draws, rendered server-side to SVG (ECharts SSR)
// and rasterised to PNG with resvg, using fonts found on the machine (or given) so text renders.
import fs from 'node:fs';
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import type { EChartsOption } from 'echarts';
import { UserError } from '../../src-shared/errors';
import { fitFigureText } from '../../src-shared/charts/fit-text';

export interface SvgSize {
  /** CSS pixels of the figure. */
  width: number;
  height: number;
}

export interface PngOptions extends SvgSize {
  /** Device pixel ratio: the PNG is width*scale x height*scale pixels (publication: 2). */
  scale?: number;
  /** TTF/OTF files to use for text; default: a serif family found on the machine (see findFontFiles). */
  fontFiles?: string[];
}

/** Publication default: 800x500 CSS px, i.e. 1600x1000 px at scale 2. */
export const DEFAULT_FIGURE_SIZE: Readonly<SvgSize> = { width: 800, height: 500 };

function checkSize(what: string, v: number, lo: number, hi: number): void {
  if (!Number.isFinite(v) || !Number.isInteger(v) || v < lo || v > hi) {
    throw new UserError(`${what} must be an integer in ${lo}..${hi}, got ${v}`);
  }
}

/** Renders an option to an SVG document string (animation forced off so the first frame is the final one). */
export function renderFigureSvg(option: EChartsOption, size: SvgSize = DEFAULT_FIGURE_SIZE): string {
  checkSize('width', size.width, 100, 10_000);
  checkSize('height', size.height, 100, 10_000);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    // Titles and y-axis names wider than the figure wrap instead of losing their ends.
    chart.setOption({ ...fitFigureText(option, size.width, size.height), animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * Font files searched in order: Liberation Serif (Times metrics, Debian fonts-liberation / -liberation2, pulled in by
 * Chromium) and DejaVu Serif / Sans (fonts-dejavu-core, present on the project's machines).
 */
export const FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf',
  '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf',
  '/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu/DejaVuSerif.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
];

/** The candidate font files that exist here (plus VECWB_FONT_FILES, a path-list, first). */
export function findFontFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.VECWB_FONT_FILES ?? '').split(':').filter((f) => f.length > 0);
  return [...extra, ...FONT_CANDIDATES].filter((f) => fs.existsSync(f));
}

/** Family name resvg falls back to for generic or unknown families: the first one we have a file of. */
function defaultFamily(files: string[]): string {
  const f = files.find((p) => /Liberation/i.test(p)) ? 'Liberation Serif' : files.find((p) => /DejaVuSerif/i.test(p)) ? 'DejaVu Serif' : 'DejaVu Sans';
  return f;
}

/** Rasterises an SVG string; throws a UserError when no font is available, since text would be missing. */
export function svgToPng(svg: string, opts: { width: number; scale?: number; fontFiles?: string[] }): Buffer {
  const scale = opts.scale ?? 2;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 8) throw new UserError(`scale must be in (0, 8], got ${scale}`);
  const fontFiles = opts.fontFiles ?? findFontFiles();
  for (const f of fontFiles) if (!fs.existsSync(f)) throw new UserError(`font file not found: ${f}`);
  if (fontFiles.length === 0) {
    throw new UserError(
      'no font for PNG text: install fonts-liberation or fonts-dejavu-core, or set VECWB_FONT_FILES=/path/font.ttf',
    );
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(opts.width * scale) },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: defaultFamily(fontFiles), serifFamily: defaultFamily(fontFiles) },
  });
  return resvg.render().asPng();
}

export function renderFigurePng(option: EChartsOption, opts: PngOptions = { ...DEFAULT_FIGURE_SIZE }): Buffer {
  const svg = renderFigureSvg(option, opts);
  return svgToPng(svg, { width: opts.width, scale: opts.scale, fontFiles: opts.fontFiles });
}

/** Width and height stored in a PNG's IHDR chunk (bytes 16..23). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || !sig.every((b, i) => png[i] === b)) throw new UserError('not a PNG file');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
