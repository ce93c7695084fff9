// Steps of issue 12 (runs, exports and experiments as researchers expect them), driven in Chromium against
// `vecwb serve`. Each step fails on the code before the issue was worked on.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Download, Page } from 'playwright-core';
import * as XLSX from 'xlsx';
import { pngSize } from '../../src-main/export/figure-render';
import { readMetrics, readSummary } from '../../src-main/experiments/run-folder';
import { shot } from './flow';

async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 240_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function download(page: Page, click: () => Promise<void>, dir: string): Promise<{ file: string; name: string }> {
  const [dl] = (await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), click()])) as [Download, void];
  const name = dl.suggestedFilename();
  const file = path.join(dir, name);
  await dl.saveAs(file);
  return { file, name };
}

/** Starts an experiment from the form (greedy only unless `algos` says otherwise). */
export async function startExperiment(page: Page, o: { episodes: number; seeds: string; sweepV?: string; runs: number }): Promise<void> {
  await page.click('[data-testid=nav-experiments]');
  await page.locator('[data-testid=episodes]').fill(String(o.episodes));
  await page.locator('[data-testid=seeds]').fill(o.seeds);
  await page.locator('[data-testid=sweep-lyapunovV]').fill(o.sweepV ?? '');
  await page.getByText(`Plan: ${o.runs} run(s)`).waitFor();
  await page.click('[data-testid=start-experiment]');
  // Starting opens the live view once the runs are queued: wait for it, so the next click is not undone.
  await page.locator('[data-testid=run-filter]').waitFor();
}

/** Confirms the cancel of every job still cancellable on the Experiments screen. */
export async function cancelEverything(page: Page): Promise<void> {
  await page.click('[data-testid=nav-experiments]');
  for (let tries = 0; (await page.locator('[data-testid=cancel-job]').count()) > 0; tries++) {
    if (tries > 40) throw new Error("jobs still cancellable after 40 tries");
    await page
      .locator('[data-testid=cancel-job]')
      .first()
      .click({ timeout: 10_000 })
      .then(() => page.locator('[data-testid=confirm-cancel]').first().click({ timeout: 10_000 }))
      .catch(() => {});
    await page.waitForTimeout(200);
  }
  await until('no active job', async () => (await page.locator('[data-testid=job][data-state=running], [data-testid=job][data-state=paused], [data-testid=job][data-state=queued]').count()) === 0);
}

/** Item 2, part 1: a 4-episode run continued to 20000 episodes, stopped with the server after >= 10. */
export async function continueThenStop(page: Page, runsDir: string, stopServer: () => Promise<void>): Promise<string> {
  await startExperiment(page, { episodes: 4, seeds: '7', runs: 1 });
  await page.click('[data-testid=nav-runs]');
  const row = page.locator('[data-testid=run-row]').first();
  await row.locator('.badge', { hasText: 'completed' }).waitFor({ timeout: 240_000 });
  const runId = (await row.getAttribute('data-run-id')) as string;
  await row.locator('[data-testid=continue-episodes]').fill('20000');
  await row.locator('[data-testid=continue-episodes]').press('Tab');
  await row.locator('[data-testid=resume-run]').click();
  const dir = path.join(runsDir, runId);
  await until('10 episodes of the continued run', () => readSummary(dir)!.episodesDone >= 10 && readSummary(dir)!.episodes === 20000);
  await stopServer();
  const s = readSummary(dir)!;
  expect(s.status).toBe('cancelled');
  expect(s.episodes).toBe(20000);
  expect(s.lastCheckpoint).toBe(`ep-${String(s.episodesDone).padStart(6, '0')}`);
  return runId;
}

/** Item 2, part 2: after the restart, Resume continues towards 20000 (not "completed 10/4"). */
export async function resumeAfterRestart(page: Page, runsDir: string, runId: string): Promise<void> {
  const dir = path.join(runsDir, runId);
  const stoppedAt = readSummary(dir)!.episodesDone;
  await page.click('[data-testid=nav-runs]');
  const row = page.locator(`[data-testid=run-row][data-run-id="${runId}"]`);
  expect(await row.locator('[data-col=episodes]').textContent()).toBe(`${stoppedAt}/20000`);
  await row.locator('[data-testid=resume-run]').click();
  await until('the resumed run to pass its stop point', () => readSummary(dir)!.episodesDone >= stoppedAt + 3);
  const s = readSummary(dir)!;
  expect(s.status).toBe('running');
  expect(s.episodes).toBe(20000);
  expect(s.lastCheckpoint).not.toBeNull();
  // No episode lost or repeated across the stop.
  const eps = readMetrics(dir).filter((r) => r.kind === 'episode').map((r) => r.episode);
  expect(eps).toEqual(Array.from({ length: eps.length }, (_, i) => i + 1));
  await row.locator('[data-col=episodes]', { hasText: '/20000' }).waitFor();
  await cancelEverything(page);
}

/** Item 4: sortable columns with V and final metrics, filter-aware compare of any metric, parallel coordinates. */
export async function runsTable(page: Page): Promise<void> {
  await startExperiment(page, { episodes: 3, seeds: '1', sweepV: '1, 100', runs: 2 });
  await page.click('[data-testid=nav-runs]');
  await until('three runs listed', async () => (await page.locator('[data-testid=run-row]').count()) === 3);
  await until('both sweep runs completed', async () => (await page.locator('[data-testid=run-row] .badge', { hasText: 'completed' }).count()) === 2);
  // Sort by V: 1, 10 (the resumed run's default), 100; again: descending.
  await page.click('[data-testid="col-tag.lyapunovV"]');
  const vs = () => page.locator('[data-testid=run-row] [data-col="tag.lyapunovV"]').allTextContents();
  expect(await vs()).toEqual(['1', '10', '100']);
  await page.click('[data-testid="col-tag.lyapunovV"]');
  expect(await vs()).toEqual(['100', '10', '1']);
  // Final metrics as columns: reward by default, objective on demand; sorting by reward orders the numbers.
  await page.click('[data-testid=metric-columns] summary');
  await page.check('[data-testid=metric-col-objective]');
  await page.click('[data-testid=metric-columns] summary');
  await page.click('[data-testid="col-final.reward"]');
  const rewards = (await page.locator('[data-testid=run-row] [data-col="final.reward"]').allTextContents()).map(Number);
  expect(rewards.every(Number.isFinite)).toBe(true);
  expect([...rewards].sort((a, b) => a - b)).toEqual(rewards);
  expect((await page.locator('[data-testid=run-row] [data-col="final.objective"]').allTextContents()).every((t) => Number.isFinite(Number(t)) && t !== '')).toBe(true);
  // The parallel-coordinates view draws the three runs over V.
  await page.locator('[data-testid=parallel-chart] .echart[data-points="3"]').waitFor();
  await shot(page, '12-runs-table-parallel');
  // Select all three, then filter to V=100: compare leaves out what the filter hides.
  await page.locator('[data-testid=runs-table] thead input[type=checkbox]').check();
  await page.fill('[data-testid=runs-filter]', 'V=100');
  await page.locator('[data-testid=selected-hidden]').waitFor();
  expect(await page.locator('[data-testid=compare]').isDisabled()).toBe(true);
  await page.fill('[data-testid=runs-filter]', 'greedy');
  await page.click('[data-testid="col-tag.lyapunovV"]');
  // Compare the V=1 and V=100 runs on the objective: legends name what differs.
  await page.locator('[data-testid=runs-table] thead input[type=checkbox]').uncheck();
  const rows = page.locator('[data-testid=run-row]');
  for (let i = 0; i < 3; i++) {
    const v = await rows.nth(i).locator('[data-col="tag.lyapunovV"]').textContent();
    if (v === '1' || v === '100') await rows.nth(i).locator('input[type=checkbox]').check();
  }
  await page.click('[data-testid=compare]');
  await page.locator('[data-testid=compare-metric]').selectOption('objective');
  await page.locator('[data-testid=compare-chart] h3', { hasText: 'Objective' }).waitFor();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=compare-chart] .echart')?.getAttribute('data-series')) === 2);
  const heads = await page.locator('[data-testid=config-diff] thead th').allTextContents();
  expect(heads.slice(1).sort()).toEqual(['Greedy algorithm · V=1 · s1', 'Greedy algorithm · V=100 · s1']);
  await shot(page, '13-runs-compare-metric');
}

/** Item 5: one zip for many CSVs, size/DPI/font scale, title off, plotted data, DNN names, other-paper warning. */
export async function exports(page: Page, scratch: string): Promise<void> {
  // Open only the two sweep runs (the compare selection) and go to Export: they are the chosen runs.
  await page.click('[data-testid=nav-live]');
  await page.click('[data-testid=close-all]');
  await page.click('[data-testid=nav-runs]');
  await page.click('[data-testid=open-selected]');
  await page.click('[data-testid=nav-export]');
  await page.getByText('(2 chosen)').waitFor();
  // Run data as CSV: one click, one zip holding every run's series.
  const csv = await download(page, () => page.click('[data-testid=export-csv]'), scratch);
  expect(csv.name).toMatch(/\.zip$/);
  const entries = execFileSync('unzip', ['-Z1', csv.file], { encoding: 'utf8' }).trim().split('\n');
  expect(entries.filter((e) => e.endsWith('/reward.csv'))).toHaveLength(2);
  execFileSync('unzip', ['-tq', csv.file]);
  // XLSX of two runs: one zip of two workbooks; the RSU queues are named by DNN model.
  const xlsxZip = await download(page, () => page.click('[data-testid=export-xlsx]'), scratch);
  const xlsxEntries = execFileSync('unzip', ['-Z1', xlsxZip.file], { encoding: 'utf8' }).trim().split('\n');
  expect(xlsxEntries).toHaveLength(2);
  const out = path.join(scratch, 'unzipped');
  execFileSync('unzip', ['-oq', xlsxZip.file, '-d', out]);
  const wb = XLSX.readFile(path.join(out, xlsxEntries[0]));
  const dnn = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.queueDnnGops, { header: 1 });
  expect(dnn[0]).toEqual(['episode', 'queueDnnGops AlexNet (G operations)', 'queueDnnGops ResNet18 (G operations)', 'queueDnnGops VGG16 (G operations)']);
  // A 1440 x 960 figure: the font grows with the width (x2), PNG at 96 DPI is 1440 x 960 px.
  await page.selectOption('[data-testid=figure-size]', 'custom');
  await page.fill('[data-testid=figure-width]', '1440');
  await page.fill('[data-testid=figure-height]', '960');
  await page.selectOption('[data-testid=figure-format]', 'svg');
  expect(await page.locator('[data-testid=figure-font-scale] option[value=auto]').textContent()).toContain('x2');
  const svg = await download(page, () => page.click('[data-testid=export-figure]'), scratch);
  const svgText = fs.readFileSync(svg.file, 'utf8');
  expect(svgText).toMatch(/^<svg[^>]*width="1440"[^>]*height="960"/);
  expect(svgText).toMatch(/font-size[:=]"?28(px)?/); // 14 px x 2
  expect(svgText).toContain('>Fig. 6b-style: Episodic reward');
  await page.uncheck('[data-testid=figure-title]');
  await page.selectOption('[data-testid=figure-format]', 'png');
  await page.selectOption('[data-testid=figure-dpi]', '96');
  expect(await page.locator('[data-testid=png-pixels]').textContent()).toBe('PNG: 1440 x 960 px.');
  const png = await download(page, () => page.click('[data-testid=export-figure]'), scratch);
  expect(pngSize(fs.readFileSync(png.file))).toEqual({ width: 1440, height: 960 });
  await page.selectOption('[data-testid=figure-format]', 'svg');
  const untitled = await download(page, () => page.click('[data-testid=export-figure]'), scratch);
  expect(fs.readFileSync(untitled.file, 'utf8')).not.toContain('>Fig. 6b-style');
  // The plotted data of the figure: the reward curves as drawn.
  const data = await download(page, () => page.click('[data-testid=export-figure-xlsx]'), scratch);
  const plotted = XLSX.readFile(data.file);
  const first = XLSX.utils.sheet_to_json<unknown[]>(plotted.Sheets[plotted.SheetNames[0]], { header: 1 });
  expect(first.length).toBeGreaterThan(3);
  expect(String(first[0][0])).toMatch(/episode/i);
  const plottedCsv = await download(page, () => page.click('[data-testid=export-figure-csv]'), scratch);
  expect(execFileSync('unzip', ['-Z1', plottedCsv.file], { encoding: 'utf8' })).toMatch(/\.csv/);
  // A paper-2 figure drawn from these paper-1 runs is flagged.
  expect(await page.locator('[data-testid=paper-warning]').count()).toBe(0);
  await page.selectOption('[data-testid=figure-select]', 'p2-fig4');
  await page.locator('[data-testid=paper-warning]').waitFor();
  expect(await page.locator('[data-testid=paper-warning]').textContent()).toContain('2 run(s) of paper 1');
  await shot(page, '14-export-options');
  await page.selectOption('[data-testid=figure-select]', 'p1-fig6b');
}

/** Item 6: schema-described hyper-parameters, sweeps per environment and presets, pause frees a worker, overall ETA. */
export async function experimentsForm(page: Page): Promise<void> {
  await page.click('[data-testid=nav-experiments]');
  await page.check('[data-testid=algo-mad2rl] input');
  const mixer = page.locator('[data-testid=hyper-mad2rl-mixer]');
  expect(await mixer.evaluate((el) => el.tagName)).toBe('SELECT');
  expect(await mixer.locator('option').allTextContents()).toEqual(['qmix (default)', 'vdn', 'independent']);
  const steps = page.locator('[data-testid=hyper-field-denoisingSteps]');
  expect(await steps.locator('.field-label').textContent()).toBe('denoisingSteps (steps)');
  expect(await steps.locator('.field-help').textContent()).toContain('M: denoising steps');
  expect(await page.locator('[data-testid=hyper-mad2rl-lr]').getAttribute('type')).toBe('number');
  // An out-of-range value is reported at its field by the schema.
  await page.fill('[data-testid=hyper-mad2rl-denoisingSteps]', '0');
  await page.locator('[data-testid=hyper-mad2rl-denoisingSteps]').press('Tab');
  await page.locator('[data-testid=hyper-field-denoisingSteps] .field-error').waitFor();
  await shot(page, '15-experiments-hyper');
  await page.uncheck('[data-testid=algo-mad2rl] input');
  // The figure preset fills its sweep; paper 2 offers its own algorithms and no #SVs sweep.
  await page.selectOption('[data-testid=experiment-preset]', 'paper1-fig8a');
  await page.waitForFunction(() => (document.querySelector('[data-testid=sweep-cvCount]') as HTMLInputElement | null)?.value === '3, 4, 5, 6, 7');
  await page.selectOption('[data-testid=experiment-preset]', 'paper2-default');
  await page.locator('[data-testid=algo-ly-dtmppo]').waitFor();
  expect(await page.locator('[data-testid=sweep-svCount]').count()).toBe(0);
  expect(await page.locator('[data-testid=sweep-cvCount]').inputValue()).toBe('');
  await page.selectOption('[data-testid=experiment-preset]', 'paper1-default');
  await page.locator('[data-testid=algo-greedy]').waitFor();
  await page.check('[data-testid=algo-greedy] input');
  // Three long runs on two workers: pausing a running one starts the queued one.
  await startExperiment(page, { episodes: 20000, seeds: '1, 2, 3', runs: 3 });
  await page.click('[data-testid=nav-experiments]');
  const state = (s: string) => page.locator(`[data-testid=job][data-state=${s}]`);
  await until('two running, one queued', async () => (await state('running').count()) === 2 && (await state('queued').count()) === 1);
  await page.locator('[data-testid=overall-eta]', { hasText: 'ETA for all:' }).waitFor({ timeout: 240_000 });
  await state('running').first().getByRole('button', { name: 'Pause' }).click();
  await until('the queued run to start in the paused one’s place', async () => (await state('running').count()) === 2 && (await state('paused').count()) === 1 && (await state('queued').count()) === 0);
  await shot(page, '16-experiments-pause-frees-worker');
  await cancelEverything(page);
}

/**
 * Item 8: the state of the screen is in the URL (a second tab opened with it shows the same sorted, filtered
 * runs table and the same comparison), and the keyboard reaches the screens and main actions.
 */
export async function urlAndKeys(page: Page, openUrl: (hash: string) => Promise<Page>): Promise<void> {
  const hash = new URL(page.url()).hash;
  expect(hash).toMatch(/^#\/runs\?/);
  const params = new URLSearchParams(hash.slice('#/runs?'.length));
  expect(params.get('q')).toBe('greedy');
  expect(params.get('sort')).toBe('tag.lyapunovV');
  expect(params.get('cm')).toBe('objective');
  expect(params.get('cmp')?.split(',')).toHaveLength(2);
  const other = await openUrl(hash);
  await other.locator('[data-testid=config-diff]').waitFor();
  expect(await other.inputValue('[data-testid=runs-filter]')).toBe('greedy');
  expect(await other.locator('[data-testid="col-tag.lyapunovV"]').getAttribute('data-sort')).toBe(params.get('dir') ?? 'desc');
  expect(await other.inputValue('[data-testid=compare-metric]')).toBe('objective');
  expect(await other.locator('[data-testid="col-final.objective"]').count()).toBe(1);
  await shot(other, '17-runs-from-shared-url');
  // Keyboard: ? lists the shortcuts, Esc closes; 5 = Live results, l = log y; 6 = Runs, / = its filter.
  await other.keyboard.press('?');
  await other.locator('[data-testid=shortcuts-help]').waitFor();
  await shot(other, '18-keyboard-shortcuts');
  await other.keyboard.press('Escape');
  await other.locator('[data-testid=shortcuts-help]').waitFor({ state: 'detached' });
  await other.keyboard.press('5');
  await other.locator('[data-testid=run-filter]').waitFor();
  expect(new URL(other.url()).hash).toMatch(/^#\/live/);
  await other.keyboard.press('l');
  expect(await other.isChecked('[data-testid=log-y]')).toBe(true);
  expect(new URL(other.url()).hash).toContain('log=1');
  await other.keyboard.press('6');
  await other.keyboard.press('/');
  expect(await other.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('runs-filter');
  // Typing in the filter (its text selected by /) is not a shortcut: "5" replaces the text, the screen stays.
  await other.keyboard.type('5');
  expect(await other.inputValue('[data-testid=runs-filter]')).toBe('5');
  expect(new URL(other.url()).hash).toMatch(/^#\/runs/);
  await other.close();
}
