// End-to-end on the web shell: from the Reproduce screen start p1-cvs at smoke scale (8 runs of 2 five-slot
// episodes), watch its progress, open the report (claims table with a verdict per claim), download the figure
// (SVG and PNG) and the XLSX and check what arrives against the files the reproduction wrote.
import { paperExperiments } from '../../src-main/experiments/paper-experiments';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import * as XLSX from 'xlsx';
import { CHROMIUM, launchChromium, shot, shotsDir, watchProblems } from './flow';
import { startServe, type ServeProcess } from './serve-process';

const haveChromium = fs.existsSync(CHROMIUM);

let browser: Browser;
let serve: ServeProcess | null = null;
let runsDir: string;

describe.skipIf(!haveChromium)('Reproduce screen in a real browser (vecwb serve)', () => {
  beforeAll(async () => {
    runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-e2e-repro-'));
    serve = await startServe(runsDir);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('starts p1-cvs at smoke scale, shows progress, opens the report and downloads the figure and the XLSX', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const problems = watchProblems(page);
    try {
      await page.goto(serve!.url);
      await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
      await page.click('[data-testid=nav-reproduce]');
      const row = page.locator('[data-testid=repro-row-p1-cvs]');
      await row.waitFor();
      // Every experiment of both papers is listed; p1-cvs at smoke scale: 8 runs x 2 episodes.
      expect(await page.locator('[data-testid^=repro-row-]').count()).toBe(paperExperiments.length);
      await page.selectOption('[data-testid=repro-scale-p1-cvs]', 'smoke');
      expect(await row.textContent()).toContain('8 x 2');
      await page.click('[data-testid=repro-start-p1-cvs]');

      // Progress: running with a progress bar and a run counter, then completed.
      const status = page.locator('[data-testid=repro-status-p1-cvs]');
      await page.waitForFunction(() => document.querySelector('[data-testid=repro-status-p1-cvs]')?.textContent === 'running', null, { timeout: 30_000 });
      await page.locator('[data-testid=repro-progress-p1-cvs]').waitFor();
      expect(await row.textContent()).toMatch(/\d \/ 8 runs/);
      await shot(page, 'reproduce-01-running');
      await page.waitForFunction(() => document.querySelector('[data-testid=repro-status-p1-cvs]')?.textContent === 'completed', null, { timeout: 150_000 });
      expect(await status.textContent()).toBe('completed');
      expect(await row.textContent()).toContain('8 / 8 runs');

      // The report: one row per claim about Fig. 8a, each with a verdict.
      await page.click('[data-testid=repro-report-p1-cvs]');
      const claims = page.locator('[data-testid=claims-table] tbody tr');
      await claims.first().waitFor();
      const reportDir = path.join(runsDir, '_reproduce', 'p1-cvs-smoke');
      const report = JSON.parse(fs.readFileSync(path.join(reportDir, 'report.json'), 'utf8')) as { claims: { verdict: string }[] };
      expect(await claims.count()).toBe(report.claims.length);
      expect(report.claims.length).toBe(12);
      const verdicts = await claims.locator('td:last-child').allTextContents();
      expect(verdicts).toEqual(report.claims.map((c) => c.verdict));
      await page.locator('[data-testid=report-figure-p1-fig8a] img').waitFor();
      expect(fs.readFileSync(path.join(reportDir, 'report.html'), 'utf8')).toContain('<table id="claims">');
      await shot(page, 'reproduce-02-report');

      // Downloads: the figure (SVG, PNG) and the XLSX are the files the reproduction wrote.
      const [svgDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-figure-p1-fig8a-svg]')]);
      expect(svgDl.suggestedFilename()).toBe('p1-fig8a.svg');
      const svgPath = path.join(runsDir, 'dl-fig.svg');
      await svgDl.saveAs(svgPath);
      expect(fs.readFileSync(svgPath, 'utf8')).toBe(fs.readFileSync(path.join(reportDir, 'figures', 'p1-fig8a.svg'), 'utf8'));
      const [pngDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-figure-p1-fig8a-png]')]);
      const pngPath = path.join(runsDir, 'dl-fig.png');
      await pngDl.saveAs(pngPath);
      expect(fs.readFileSync(pngPath).subarray(1, 4).toString()).toBe('PNG');
      const [xlsxDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-xlsx]')]);
      expect(xlsxDl.suggestedFilename()).toBe('p1-cvs.xlsx');
      const xlsxPath = path.join(runsDir, 'dl.xlsx');
      await xlsxDl.saveAs(xlsxPath);
      const wb = XLSX.readFile(xlsxPath);
      expect(wb.SheetNames).toEqual(['p1-fig8a', 'claims', 'config']);
      const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.claims, { header: 1 });
      expect(rows.length - 1).toBe(12);
      expect(rows.slice(1).map((r) => r[9])).toEqual(report.claims.map((c) => c.verdict));
      expect(problems).toEqual([]);
    } catch (err) {
      fs.mkdirSync(shotsDir, { recursive: true });
      await page.screenshot({ path: path.join(shotsDir, 'reproduce-failure.png'), fullPage: true }).catch(() => {});
      throw err;
    }
  }, 240_000);
});
