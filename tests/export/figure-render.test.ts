import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { buildFigure } from '../../src-shared/charts/catalog';
import type { FigureRun } from '../../src-shared/charts/run-data';
import { findFontFiles, pngSize, renderFigurePng, renderFigureSvg, svgToPng } from '../../src-main/export/figure-render';
import { writeFigureFile } from '../../src-main/export/figure-files';
import { profileLayerRows } from '../../src-main/sim/vec-dnn/dnn-layers';
import { resolveModel } from '../../src-main/sim/vec-dnn/model-catalog';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-render-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const runs: FigureRun[] = [1, 2].flatMap((seed) =>
  ['mad2rl', 'pqmix'].map((algo) => ({
    runId: `${algo}-${seed}`,
    env: 'vec-dnn' as const,
    algo,
    seed,
    params: {},
    slotsPerEpisode: 30,
    records: Array.from({ length: 40 }, (_, i) => ({
      kind: 'episode' as const,
      episode: i + 1,
      wallTimeS: 0.1,
      values: { reward: (algo === 'mad2rl' ? -20 : -40) + i * 0.3 + seed },
    })),
  })),
);
const option = buildFigure('p1-fig6b', { runs }).option!;

describe('renderFigureSvg', () => {
  it('renders the option with its title, legend and axis names as SVG text and paths', () => {
    const svg = renderFigureSvg(option, { width: 800, height: 500 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/width="800" height="500"/);
    for (const text of ['Fig. 6b-style: Episodic reward of MAD2RL and P-QMIX', 'MAD2RL', 'P-QMIX', 'Episode', 'Episodic reward (sum over the T slots of r(t), eq. 56)']) {
      expect(svg).toContain(`>${text}</text>`);
    }
    expect(svg).toContain('Liberation Serif');
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(10);
  });
  it('rejects sizes out of range', () => {
    expect(() => renderFigureSvg(option, { width: 50, height: 500 })).toThrow(/width must be an integer in 100..10000, got 50/);
  });
});

describe('renderFigurePng', () => {
  it('has a font to draw text with on this machine', () => {
    expect(findFontFiles().length).toBeGreaterThan(0);
  });

  it('writes a 1600x1000 PNG at scale 2 whose title row has dark (text) pixels', () => {
    const png = renderFigurePng(option, { width: 800, height: 500, scale: 2 });
    expect(pngSize(png)).toEqual({ width: 1600, height: 1000 });
    // Decode by rendering the same SVG to raw pixels and look at the title band (y 10..45 CSS px, centre).
    const svg = renderFigureSvg(option, { width: 800, height: 500 });
    const img = new Resvg(svg, { fitTo: { mode: 'width', value: 800 }, background: '#ffffff', font: { loadSystemFonts: false, fontFiles: findFontFiles() } }).render();
    const px = img.pixels; // a getter that copies the buffer: read it once
    let dark = 0;
    for (let y = 10; y < 30; y++) {
      for (let x = 250; x < 550; x++) {
        const i = (y * img.width + x) * 4;
        if (px[i] < 100 && px[i + 1] < 100 && px[i + 2] < 100) dark++;
      }
    }
    expect(dark).toBeGreaterThan(200);
  });

  it('says how to fix a missing font instead of drawing a figure without text', () => {
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', { width: 10, fontFiles: [] })).toThrow(/no font for PNG text/);
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', { width: 10, fontFiles: ['/nope.ttf'] })).toThrow(/font file not found: \/nope.ttf/);
    expect(() => pngSize(new Uint8Array(30))).toThrow(/not a PNG/);
  });
});

describe('writeFigureFile', () => {
  it('writes the VGG16 layer profile (Fig. 1) as PNG and its data as xlsx; refuses a table as PNG', () => {
    const vgg = resolveModel('VGG16');
    const layers = profileLayerRows(vgg, 4);
    // conv1_1 outputs 224 x 224 x 64 elements of 4 bytes
    expect(layers[0]).toMatchObject({ name: 'conv1_1', outputElements: 224 * 224 * 64, outputBytes: 224 * 224 * 64 * 4 });
    const input = { runs: [], layerProfile: { modelName: vgg.name, layers } };
    const png = path.join(tmp, 'fig1.png');
    writeFigureFile('p1-fig1', input, { format: 'png', out: png, width: 640, height: 400, scale: 1.5 });
    expect(pngSize(fs.readFileSync(png))).toEqual({ width: 960, height: 600 });
    const xlsx = path.join(tmp, 'fig1.xlsx');
    writeFigureFile('p1-fig1', input, { format: 'xlsx', out: xlsx });
    expect(fs.statSync(xlsx).size).toBeGreaterThan(1000);
    expect(() => writeFigureFile('p2-table3', { runs: [] }, { format: 'png', out: path.join(tmp, 't.png') })).toThrow(/p2-table3 has no chart to draw/);
  });
});
