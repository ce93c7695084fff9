// The end-to-end user flow, shared by the web shell test (vecwb serve + Chromium) and the Electron test.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as XLSX from 'xlsx';
import { pngSize } from '../../src-main/export/figure-render';
import { readMetrics, readSummary } from '../../src-main/experiments/run-folder';
import { repoRoot } from './serve-process';

export const shotsDir = path.join(repoRoot, 'test-output', 'screenshots');

/** Debian's Chromium (or CHROMIUM_PATH), driven by playwright-core. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Runs body; on a failure saves a full-page screenshot as test-output/screenshots/<shotName>.png and rethrows. */
export async function withFailureShot(page: Page, shotName: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    await page.screenshot({ path: path.join(shotsDir, `${shotName}.png`), fullPage: true }).catch(() => {});
    throw err;
  }
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shotsDir, { recursive: true });
  // From the top: a page scrolled by an earlier fill() would show the sticky sidebar half-way down.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300); // let charts finish their frame
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

export async function chartPoints(page: Page, testId: string): Promise<number> {
  return Number((await page.locator(`[data-testid=${testId}] .echart`).getAttribute('data-points')) ?? 0);
}

/** Series the chart's ECharts instance holds, and how many of them are filled bands (see EChart.vue). */
export async function chartSeries(page: Page, testId: string): Promise<{ series: number; bands: number }> {
  const el = page.locator(`[data-testid=${testId}] .echart`);
  return { series: Number(await el.getAttribute('data-series')), bands: Number(await el.getAttribute('data-bands')) };
}

/**
 * Uploads the SUMO fixture gzip-compressed: the page decompresses it (DecompressionStream) and the engine
 * stores the XML; the preview then replays the trace. Runs before the preset is chosen, which replaces the
 * mobility again.
 */
export async function uploadGzipTrace(page: Page, prefix: string, scratchDir: string): Promise<void> {
  await page.click('[data-testid=nav-vehicles]');
  const gz = path.join(scratchDir, 'highway.fcd.xml.gz');
  fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(path.join(repoRoot, 'tests/fixtures/sumo/highway.fcd.xml'))));
  await page.check('[data-testid=mobility-sumo]');
  await page.setInputFiles('[data-testid=trace-upload]', gz);
  await page.waitForFunction(() => /\/highway-[0-9a-f]{10}\.fcd\.xml$/.test((document.querySelector('[data-testid=trace-file]') as HTMLInputElement | null)?.value ?? ''));
  // The engine parsed the decompressed XML: 20 vehicles between 0 and 60 s.
  // Car k enters at floor(k / 2) s and stays to 60 s: the first start with 7 CVs + 5 SVs driving through the
  // 29 s episode is 6 s (cars 0-12 on the road), chosen automatically.
  expect(await page.locator('.notice', { hasText: 'trace highway.fcd.xml:' }).textContent()).toBe(
    'trace highway.fcd.xml: 20 vehicles, 0-60 s; episode window from 6 s',
  );
  expect(await page.locator('[data-testid="field-mobility.startTimeS"]').inputValue()).toBe('6');
  await page.click('[data-testid=refresh-preview]');
  await page.locator('.road-preview .hint', { hasText: 'SUMO FCD' }).waitFor();
  expect(await page.locator('.notice.error').count()).toBe(0);
  await shot(page, `${prefix}02a-vehicles-sumo-trace`);
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
  // The trace upload edited the scenario: switching presets asks first (issue 12, item 7).
  await page.waitForFunction(
    () => document.querySelector('[data-testid=confirm-preset]') !== null || (document.querySelector('[data-testid="field-cvs.count"]') as HTMLInputElement | null)?.value === '5',
  );
  if ((await page.locator('[data-testid=confirm-preset]').count()) > 0) await page.click('[data-testid=confirm-preset-yes]');
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
  // Issue 12: cancel asks first; "Keep" leaves the run alone.
  await page.click('[data-testid=cancel-job]');
  await page.click('[data-testid=keep-job]');
  expect(await page.locator('[data-testid=job][data-state=running]').count()).toBe(1);
  await page.click('[data-testid=cancel-job]');
  await page.click('[data-testid=confirm-cancel]');
  await page.locator('[data-testid=job][data-state=cancelled]').waitFor({ timeout: 30_000 });
  await shot(page, `${prefix}07-experiments-cancelled`);

  await page.click('[data-testid=nav-runs]');
  await page.locator('[data-testid=run-row]').first().waitFor();
  expect(await page.locator('[data-testid=run-row]').count()).toBe(1);
  expect(await page.locator('[data-testid=run-row] .badge').first().textContent()).toBe('cancelled');
  await shot(page, `${prefix}08-runs`);
}

/** Cancels every job of the Experiments screen that can still be cancelled and waits until none is active. */
async function cancelAll(page: Page, expectCancelled: number): Promise<void> {
  await page.click('[data-testid=nav-experiments]');
  const buttons = page.locator('[data-testid=cancel-job]');
  for (let tries = 0, n = await buttons.count(); n > 0; n = await buttons.count()) {
    if (++tries > 10) throw new Error(`${n} job(s) still cancellable after 10 tries`);
    // A button can vanish or be re-rendered between count() and click() when the job list updates: then
    // just look again.
    await buttons
      .first()
      .click({ timeout: 2_000 })
      .then(() => page.locator('[data-testid=confirm-cancel]').first().click({ timeout: 2_000 }))
      .catch(() => {});
    await page.waitForFunction((before) => document.querySelectorAll('[data-testid=cancel-job]').length < before, n, { timeout: 5_000 }).catch(() => {});
  }
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=job][data-state=cancelled]').length === n, expectCancelled, { timeout: 30_000 });
}

/**
 * Two seeds of greedy: the live reward chart draws their mean with a mean +/- std band (one line series plus
 * the two stacked band series, one of them filled), then both runs are cancelled.
 */
export async function twoSeedBands(page: Page, prefix: string): Promise<void> {
  // Close the cancelled run in the live view, so the band is that of the two new seeds only.
  await page.click('[data-testid=nav-live]');
  while ((await page.locator('.live .chip button.icon').count()) > 0) await page.locator('.live .chip button.icon').first().click();
  await page.click('[data-testid=nav-experiments]');
  await page.locator('[data-testid=seeds]').fill('1, 2');
  await page.getByText('Plan: 2 run(s)').waitFor();
  await page.click('[data-testid=start-experiment]');
  await page.locator('[data-testid=reward-chart] .echart[data-bands="1"]').waitFor({ timeout: 60_000 });
  expect(await chartSeries(page, 'reward-chart')).toEqual({ series: 3, bands: 1 });
  // Two open runs (one chip per seed, in the order their folders appeared), one group in the chart.
  expect((await page.locator('.live .chip .chip-label').allTextContents()).sort()).toEqual(['Greedy algorithm · s1', 'Greedy algorithm · s2']);
  expect(await page.locator('[data-testid=reward-chart] h3').textContent()).toBe('Episodic reward (mean ± std across seeds)');
  await shot(page, `${prefix}06b-live-two-seeds`);
  // Issue 12: the regex filter leaves seed 1 out (one run: no band), an invalid one is reported; log y on a
  // negative reward keeps the linear axis and says why; the mouse wheel zooms the episode axis.
  await page.fill('[data-testid=run-filter]', 's2');
  await page.getByText('1 of 2 shown').waitFor();
  await page.locator('[data-testid=reward-chart] .echart[data-bands="0"]').waitFor();
  await page.fill('[data-testid=run-filter]', '(');
  await page.locator('[data-testid=run-filter-error]').waitFor();
  await page.fill('[data-testid=run-filter]', '');
  await page.getByText('2 of 2 shown').waitFor();
  await page.check('[data-testid=log-y]');
  // Greedy's reward is still being written: whether a value <= 0 is plotted yet depends on how far the runs are.
  // Either the linear axis stays with the reason, or the log axis is drawn without the +/- std band.
  const note = await page.locator('[data-testid=reward-chart] [data-testid=chart-note]').textContent();
  const yType = await page.locator('[data-testid=reward-chart] .echart').getAttribute('data-y-type');
  if (/^log scale needs values > 0/.test(note ?? '')) expect(yType).toBe('value');
  else {
    expect(note).toMatch(/^log scale: mean ± std bands hidden/);
    expect(yType).toBe('log');
  }
  await page.uncheck('[data-testid=log-y]');
  const box = (await page.locator('[data-testid=reward-chart] .echart').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction(() => document.querySelector('[data-testid=reward-chart] .echart')?.getAttribute('data-zoom') !== 'all');
  await shot(page, `${prefix}06c-live-zoomed`);
  await cancelAll(page, 3);
}

/** Runs screen: select the two seeds of the last experiment, compare, and read the config diff. */
export async function compareRuns(page: Page, prefix: string): Promise<void> {
  await page.click('[data-testid=nav-runs]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=run-row]').length === 3);
  const rows = page.locator('[data-testid=run-row]');
  const seedOf = async (i: number) => (await rows.nth(i).locator('td').nth(3).textContent())?.trim();
  const picked: string[] = [];
  for (let i = 0; i < 3; i++) {
    const seed = await seedOf(i);
    if (seed === '2' || (seed === '1' && !picked.includes('1'))) {
      await rows.nth(i).locator('input[type=checkbox]').check();
      picked.push(seed);
    }
  }
  expect(picked.sort()).toEqual(['1', '2']);
  await page.click('[data-testid=compare]');
  const diff = page.locator('[data-testid=config-diff]');
  await diff.waitFor();
  const table = await diff.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim() ?? '')));
  const seedRow = table.find((r) => r[0] === 'request.seed');
  expect(seedRow).toBeDefined();
  expect(seedRow!.slice(1).sort()).toEqual(['1', '2']);
  // The overlay draws one curve per compared run.
  await page.waitForFunction(() => Number(document.querySelector('.runs .echart')?.getAttribute('data-series')) === 2);
  await shot(page, `${prefix}11-runs-compare`);
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

  // CSV: one file per series plus config.csv; the reward file holds the same numbers as the run's metrics.
  await page.click('[data-testid=export-csv]');
  const csvRow = page.locator('[data-testid=exported-file][data-path$="/reward.csv"]').first();
  await csvRow.waitFor();
  const csvPath = (await csvRow.getAttribute('data-path')) as string;
  const csv = fs.readFileSync(csvPath, 'utf8').split('\r\n');
  expect(csv[0]).toBe('episode,reward');
  expect(csv.length - 2).toBe(episodes.length); // header + rows + the empty string after the last CRLF
  const third = csv[3].split(',').map(Number);
  expect(third[0]).toBe(3);
  expect(third[1]).toBeCloseTo(episodes[2].values.reward as number, 9);
  const configCsv = fs.readFileSync(path.join(path.dirname(csvPath), 'config.csv'), 'utf8').split('\r\n');
  expect(configCsv).toContain('scenario.cvs.count,5');
  expect(configCsv).toContain('request.algo,greedy');

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
  // The title says what was drawn (one greedy run of the Fig. 7 preset), not the paper's Fig. 6b setting.
  expect(svg).toContain('>Fig. 6b-style: Episodic reward of Greedy algorithm (5 CVs, 3 SVs, V = 10)</text>');
  expect(await page.locator('[data-testid=export-preview] h3').textContent()).toBe('Fig. 6b-style: Episodic reward of Greedy algorithm (5 CVs, 3 SVs, V = 10)');
  await page.selectOption('[data-testid=figure-format]', 'png');
  await page.click('[data-testid=export-figure]');
  const pngRow = page.locator('[data-testid=exported-file][data-path$=".png"]');
  await pngRow.waitFor();
  const png = fs.readFileSync((await pngRow.getAttribute('data-path')) as string);
  expect(pngSize(png)).toEqual({ width: 1440, height: 960 });
  expect(png.length).toBeGreaterThan(10_000);
  await shot(page, `${prefix}09-export`);
}
