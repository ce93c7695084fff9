// The end-to-end user flow, shared by the web shell test (vecwb serve + Chromium) and the Electron test.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import * as XLSX from 'xlsx';
import { pngSize } from '../../src-main/export/figure-render';
import { readMetrics, readSummary } from '../../src-main/experiments/run-folder';
import { repoRoot } from './serve-process';

export const shotsDir = path.join(repoRoot, 'test-output', 'screenshots');

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.waitForTimeout(300); // let charts finish their frame
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

export async function chartPoints(page: Page, testId: string): Promise<number> {
  return Number((await page.locator(`[data-testid=${testId}] .echart`).getAttribute('data-points')) ?? 0);
}

/** Records page errors and console errors; the flow ends by asserting there were none. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return problems;
}

export async function scenarioFromPreset(page: Page, prefix: string): Promise<void> {
  await page.click('[data-testid=nav-vehicles]');
  await page.selectOption('[data-testid=preset-select]', 'paper1-fig7');
  await page.waitForFunction(() => (document.querySelector('[data-testid="field-cvs.count"]') as HTMLInputElement | null)?.value === '5');
  expect(await page.inputValue('[data-testid="field-svs.count"]')).toBe('3');
  await page.waitForSelector('.road-preview canvas');
  await page.locator('[data-testid=slot-slider]').fill('12');
  await page.getByText('slot 12 / 30').waitFor();
  await shot(page, `${prefix}02-vehicles`);
}

export async function invalidLayerCell(page: Page, prefix: string): Promise<void> {
  await page.click('[data-testid=nav-models]');
  await page.click('[data-testid="model-AlexNet"]');
  await page.click('[data-testid=duplicate-model]');
  const kernel = page.locator('[data-testid=cell-0-kernel]');
  await kernel.fill('0');
  await kernel.press('Tab');
  const cellError = page.locator('[data-testid=cell-error]').first();
  await cellError.waitFor();
  expect(await cellError.textContent()).toContain('kernel must be >= 1');
  await shot(page, `${prefix}03-models-invalid-cell`);
  await kernel.fill('11');
  await kernel.press('Tab');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=cell-error]').length === 0);
  await page.click('[data-testid=save-model]');
  await page.locator('[data-testid=layer-chart] .echart:not(.hidden)').waitFor();
  await shot(page, `${prefix}04-models`);
}

/** Starts one greedy run, waits until the live reward chart gains points, cancels it. */
export async function runWatchCancel(page: Page, prefix: string): Promise<void> {
  await page.click('[data-testid=nav-experiments]');
  await page.locator('[data-testid=episodes]').fill('5000');
  await page.locator('[data-testid=seeds]').fill('1');
  await page.getByText('Plan: 1 run(s)').waitFor();
  await shot(page, `${prefix}05-experiments`);
  await page.click('[data-testid=start-experiment]');

  await page.locator('[data-testid=reward-chart] .echart').waitFor();
  // Functions, not strings: the page's CSP forbids evaluating strings (which is what we want from it).
  const more = (n: number) => Number(document.querySelector('[data-testid=reward-chart] .echart')?.getAttribute('data-points')) > n;
  await page.waitForFunction(more, 1, { timeout: 60_000 });
  const before = await chartPoints(page, 'reward-chart');
  await page.waitForFunction(more, before, { timeout: 60_000 });
  expect(await chartPoints(page, 'reward-chart')).toBeGreaterThan(before);
  await shot(page, `${prefix}06-live`);

  await page.click('[data-testid=nav-experiments]');
  await page.click('[data-testid=cancel-job]');
  await page.locator('[data-testid=job][data-state=cancelled]').waitFor({ timeout: 30_000 });
  await shot(page, `${prefix}07-experiments-cancelled`);

  await page.click('[data-testid=nav-runs]');
  await page.locator('[data-testid=run-row]').first().waitFor();
  expect(await page.locator('[data-testid=run-row]').count()).toBe(1);
  expect(await page.locator('[data-testid=run-row] .badge').first().textContent()).toBe('cancelled');
  await shot(page, `${prefix}08-runs`);
}

/**
 * Exports XLSX and reads it back (SheetJS on the file this test produced: never on untrusted input), checks
 * that the UI's download gives the same bytes, then exports the reward figure as SVG and PNG.
 */
export async function exportAndCheck(page: Page, prefix: string, scratchDir: string): Promise<void> {
  await page.click('[data-testid=nav-export]');
  await page.click('[data-testid=export-xlsx]');
  const xlsxRow = page.locator('[data-testid=exported-file][data-path$=".xlsx"]');
  await xlsxRow.waitFor();
  const xlsxPath = (await xlsxRow.getAttribute('data-path')) as string;
  const runDir = path.dirname(path.dirname(xlsxPath));
  const summary = readSummary(runDir)!;
  expect(summary.status).toBe('cancelled');
  const episodes = readMetrics(runDir).filter((r) => r.kind === 'episode');
  expect(episodes.length).toBe(summary.episodesDone);
  expect(episodes.length).toBeGreaterThanOrEqual(2);

  const wb = XLSX.readFile(xlsxPath);
  expect(wb.SheetNames).toEqual(expect.arrayContaining(['reward', 'completionTimeMeanS', 'queueCvGops', 'config', 'slot reward']));
  const reward = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.reward, { header: 1 });
  expect(reward[0]).toEqual(['episode', 'reward']);
  expect(reward.length - 1).toBe(episodes.length);
  reward.slice(1).forEach((row, i) => {
    expect(typeof row[0]).toBe('number');
    expect(typeof row[1]).toBe('number');
    expect(row[0]).toBe(episodes[i].episode);
    expect(row[1] as number).toBeCloseTo(episodes[i].values.reward as number, 9);
  });
  // One column per CV of the Fig. 7 preset (5 CVs), unit in the header, numbers as numbers.
  const queues = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.queueCvGops, { header: 1 });
  expect(queues[0]).toEqual(['episode', ...[1, 2, 3, 4, 5].map((i) => `queueCvGops CV ${i} (G operations)`)]);
  expect(queues.slice(1).every((row) => row.length === 6 && row.every((v) => typeof v === 'number'))).toBe(true);
  const config = Object.fromEntries(XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.config, { header: 1 }).slice(1) as [string, unknown][]);
  expect(config['request.algo']).toBe('greedy');
  expect(config['scenario.cvs.count']).toBe(5);

  const [download] = await Promise.all([page.waitForEvent('download'), xlsxRow.locator('button').click()]);
  const downloaded = path.join(scratchDir, `${prefix}downloaded.xlsx`);
  await download.saveAs(downloaded);
  expect(fs.readFileSync(downloaded).equals(fs.readFileSync(xlsxPath))).toBe(true);

  await page.locator('[data-testid=export-preview] .echart:not(.hidden)').waitFor();
  await page.selectOption('[data-testid=figure-format]', 'svg');
  await page.click('[data-testid=export-figure]');
  const svgRow = page.locator('[data-testid=exported-file][data-path$=".svg"]');
  await svgRow.waitFor();
  const svg = fs.readFileSync((await svgRow.getAttribute('data-path')) as string, 'utf8');
  expect(svg).toMatch(/^<svg[^>]*width="720"[^>]*height="480"/);
  expect(svg.length).toBeGreaterThan(2000);
  expect(svg).toContain('Episodic reward');
  await page.selectOption('[data-testid=figure-format]', 'png');
  await page.click('[data-testid=export-figure]');
  const pngRow = page.locator('[data-testid=exported-file][data-path$=".png"]');
  await pngRow.waitFor();
  const png = fs.readFileSync((await pngRow.getAttribute('data-path')) as string);
  expect(pngSize(png)).toEqual({ width: 1440, height: 960 });
  expect(png.length).toBeGreaterThan(10_000);
  await shot(page, `${prefix}09-export`);
}
