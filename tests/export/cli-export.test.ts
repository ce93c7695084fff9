// The export commands end to end through the CLI shell, on real run folders of the isac-dt random policy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { runCli as cli } from '../cli/in-process-cli';
import { pngSize } from '../../src-main/export/figure-render';
import { startRun } from '../../src-main/experiments/runner';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-cli-export-'));
const runDirs = [1, 2].map((seed) => path.join(tmp, 'runs', `r${seed}`));


beforeAll(async () => {
  for (const [i, dir] of runDirs.entries()) {
    const h = await startRun({ env: 'isac-dt', algo: 'random', episodes: 3, seed: i + 1, outDir: dir, scenario: { cvs: { count: 2 }, slots: 4 } });
    await h.done;
  }
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('vecwb export-data', () => {
  it('writes an xlsx with a sheet per series and a config sheet', async () => {
    const file = path.join(tmp, 'r1.xlsx');
    const r = await cli('export-data', '--run', runDirs[0], '--format', 'xlsx', '--out', file);
    expect(r.code).toBe(0);
    const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
    expect(wb.SheetNames).toContain('costMean');
    expect(wb.SheetNames).toContain('localQueue');
    expect(wb.SheetNames[wb.SheetNames.length - 1]).toBe('config');
    expect(wb.Sheets.localQueue.B1.v).toBe('localQueue CV 1 (G cycles)');
    expect(wb.Sheets.costMean.B4.t).toBe('n'); // episode 3
    const config = XLSX.utils.sheet_to_json<[string, unknown]>(wb.Sheets.config, { header: 1 });
    expect(config).toContainEqual(['request.algo', 'random']);
    expect(config).toContainEqual(['scenario.cvs.count', 2]);
  });
  it('writes csv files into a folder, slot series with --slots', async () => {
    const dir = path.join(tmp, 'r1-csv');
    expect((await cli('export-data', '--run', runDirs[0], '--format', 'csv', '--out', dir, '--slots')).code).toBe(0);
    const reward = fs.readFileSync(path.join(dir, 'slot reward.csv'), 'utf8').trim().split('\r\n');
    expect(reward[0]).toBe('episode,slot,reward');
    expect(reward).toHaveLength(1 + 3 * 4);
  });
  it('names the bad flag', async () => {
    const r = await cli('export-data', '--run', runDirs[0], '--format', 'pdf', '--out', path.join(tmp, 'x'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/format: --format must be xlsx or csv/);
    expect((await cli('export-data', '--run', tmp, '--out', path.join(tmp, 'y.xlsx'))).err).toMatch(/is not a run folder/);
  });
});

describe('vecwb export-figure', () => {
  it('draws p2 Fig. 4 from run folders as a PNG of the asked size', async () => {
    const png = path.join(tmp, 'fig4.png');
    const r = await cli('export-figure', '--figure', 'p2-fig4', '--runs', ...runDirs, '--format', 'png', '--out', png, '--width', '600', '--height', '400');
    expect(r.code).toBe(0);
    expect(pngSize(fs.readFileSync(png))).toEqual({ width: 1200, height: 800 });
  });
  it('draws p1 Fig. 1 from a model and exports Table III as csv', async () => {
    const svg = path.join(tmp, 'fig1.svg');
    expect((await cli('export-figure', '--figure', 'p1-fig1', '--model', 'AlexNet', '--out', svg)).code).toBe(0);
    expect(fs.readFileSync(svg, 'utf8')).toContain('>Fig. 1-style: Layer-wise output data size and workload of AlexNet</text>');
    const dir = path.join(tmp, 't3');
    expect((await cli('export-figure', '--figure', 'p2-table3', '--runs', path.join(tmp, 'runs'), '--format', 'csv', '--out', dir)).code).toBe(0);
    const lines = fs.readFileSync(path.join(dir, 'p2-table3.csv'), 'utf8').trim().split('\r\n');
    expect(lines[1].startsWith('Random,')).toBe(true);
    const header = lines[0].split(',');
    expect(lines[1].split(',')[header.indexOf('seeds')]).toBe('2'); // two seeds
  });
  it('reports unknown figures, missing inputs and bad sizes', async () => {
    expect((await cli('export-figure', '--figure', 'p3-fig1', '--out', 'x.svg')).err).toMatch(/unknown figure 'p3-fig1'/);
    expect((await cli('export-figure', '--figure', 'p2-fig4', '--out', 'x.svg')).err).toMatch(/give --runs <dir...> or --sweep <dir>/);
    const bad = await cli('export-figure', '--figure', 'p2-fig4', '--runs', runDirs[0], '--out', path.join(tmp, 'x.svg'), '--width', '20');
    expect(bad.err).toMatch(/width: --width must be >= 100/);
    expect((await cli('export-figure', '--list')).out).toMatch(/p1-fig8a\s+Fig. 8a/);
  });
});

describe('vecwb reproduce', () => {
  it('lists the experiments and rejects unknown ones', async () => {
    expect((await cli('reproduce', '--list')).out).toMatch(/p1-cvs\s+p1-fig8a/);
    expect((await cli('reproduce', 'p9')).err).toMatch(/unknown experiment 'p9'; known: p1-layer-profile/);
  });
  it('reproduces Fig. 1 (no runs needed) into figures/, an xlsx and csv files', async () => {
    const out = path.join(tmp, 'repro');
    const r = await cli('reproduce', 'p1-layer-profile', '--out', out);
    expect(r.code).toBe(0);
    expect(pngSize(fs.readFileSync(path.join(out, 'figures', 'p1-fig1.png')))).toEqual({ width: 1600, height: 1000 });
    expect(fs.existsSync(path.join(out, 'figures', 'p1-fig1.svg'))).toBe(true);
    const wb = XLSX.read(fs.readFileSync(path.join(out, 'p1-layer-profile.xlsx')), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['p1-fig1', 'config']);
    expect(wb.Sheets['p1-fig1'].F1.v).toBe('output size (bytes)');
    expect(wb.Sheets['p1-fig1'].F2).toMatchObject({ t: 'n', v: 224 * 224 * 64 * 4 });
    expect(fs.existsSync(path.join(out, 'data', 'p1-fig1.csv'))).toBe(true);
  });

  it('rejects a bad scale, --quick with another scale, and a start without --yes when stdin is no terminal', async () => {
    expect((await cli('reproduce', 'p2-v', '--scale', 'huge')).err).toMatch(/--scale must be one of smoke \| quick \| paper, got 'huge'/);
    expect((await cli('reproduce', 'p2-v', '--quick', '--scale', 'quick')).err).toMatch(/--quick means --scale smoke; it cannot be combined with --scale quick/);
    const out = path.join(tmp, 'p2v-noyes');
    const r = await cli('reproduce', 'p2-v', '--scale', 'smoke', '--out', out);
    expect(r.code).toBe(2); // a UserError; 6 episodes = 2 runs x (2 training + 1 evaluation episode)
    expect(r.err).toMatch(/p2-v at scale smoke: 2 runs x 2 episodes \(6 episodes with evaluation\), projected ~\d+ s \[estimate, (static cost table|costs calibrated on this machine on [^\]]+)\]/);
    expect(r.err).toMatch(/stdin is not a terminal, so there is no one to ask: pass --yes to start 2 run\(s\)/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('p2-v at smoke scale: figures, xlsx with a claims sheet, report.md/html, and a resume with nothing left to run', async () => {
    const out = path.join(tmp, 'p2v-smoke');
    const r = await cli('reproduce', 'p2-v', '--quick', '--yes', '--out', out);
    expect(r.code).toBe(0);
    // the claims table goes to stdout: V = 10 and 50 were not run at smoke scale
    expect(r.out).toMatch(/\| p2-fig7b \| Sec\. VII-C 4\) \| Steady system average cost at V = 50: 0\.552 \| Ly-DTMPPO at V = 50: 0\.552 \| — \|  \| \*\*not measured\*\* \|/);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { scale: string; runs: { seeds: number[]; episodes: number; slots: number }; claims: unknown[] };
    expect(report.scale).toBe('smoke');
    expect([report.runs.seeds, report.runs.episodes, report.runs.slots]).toEqual([[1], 2, 5]);
    const wb = XLSX.read(fs.readFileSync(path.join(out, 'p2-v.xlsx')), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['p2-fig7a', 'p2-fig7b', 'claims', 'config']);
    expect(XLSX.utils.sheet_to_json(wb.Sheets.claims)).toHaveLength(report.claims.length);
    const md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(md).toContain('| scenario | `slots` | 5 | 30 | departure |');
    expect(md).toContain('- seeds: 1; episodes per run: 2 of 5 slots');
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('<svg');
    const again = await cli('reproduce', 'p2-v', '--scale', 'smoke', '--out', out);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/\[2\/2\] ly-dtmppo V=100 seed 1: done earlier, kept/);
  });
});
