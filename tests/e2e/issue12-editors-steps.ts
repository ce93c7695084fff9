// Steps of issue 12, item 7 (scenario and model editors) and the leftovers of items 3 and 5, driven in Chromium against `vecwb serve`. Each step
// fails on the code before this work: paper 2 had a raw JSON box, the SUMO import proposed a start its own
// engine refused on a spider-network trace, presets and imports dropped edits silently, the DNN editor passed
// an invalid value on ("cIn must be -5") and numbered rows from 0, "+ fc" added a 1 -> 1 row.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { shot, shotsDir } from './flow';
import { download, startExperiment } from './issue12-steps';
import { repoRoot } from './serve-process';

const attr = async (page: Page, selector: string, name: string) => (await page.locator(selector).getAttribute(name)) ?? '';

async function setField(page: Page, testId: string, value: string): Promise<void> {
  const input = page.locator(`[data-testid="${testId}"]`);
  await input.fill(value);
  await input.press('Tab');
}

/** Paper 2: a form by group with enums as selects, and a road/RSU preview that follows the fields. */
export async function paper2Form(page: Page): Promise<void> {
  await page.click('[data-testid=nav-vehicles]');
  await page.selectOption('[data-testid=preset-select]', 'paper2-default');
  await page.locator('[data-testid=isac-form]').waitFor();
  await page.locator('[data-testid=isac-preview][data-rsus="3"]').waitFor();
  expect(await page.inputValue('[data-testid="field-cvs.count"]')).toBe('5');
  expect(await page.inputValue('[data-testid="field-rsus.cpuHz"]')).toBe('20'); // GHz
  expect(await page.locator('[data-testid="field-channel.fading"] option').allTextContents()).toEqual(['rayleigh', 'none']);
  expect(await page.locator('[data-testid="field-digitalTwin.enabled"]').isChecked()).toBe(true);
  expect(await page.textContent('[data-testid=isac-preview-summary]')).toContain('3 RSU(s) at x = 200, 350, 500 m');
  // The default road leaves both ends uncovered; two RSUs with a 100 m radius leave more.
  const before = Number(await attr(page, '[data-testid=isac-preview]', 'data-uncovered-m'));
  expect(before).toBeGreaterThan(0);
  await setField(page, 'field-rsus.count', '2');
  await setField(page, 'field-rsus.coverageRadiusM', '100');
  await page.locator('[data-testid=isac-preview][data-rsus="2"]').waitFor();
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid=isac-preview]')?.getAttribute('data-uncovered-m')) > b, before);
  // An invalid value is named at its field, and the scenario says it has a problem.
  await setField(page, 'field-rsus.twinReserveHz', '30');
  await page.locator('.field-error', { hasText: 'must be below rsus.cpuHz' }).waitFor();
  expect(await page.textContent('[data-testid=scenario-status]')).toContain('1 problem');
  await setField(page, 'field-rsus.twinReserveHz', '1');
  await page.locator('[data-testid=scenario-status]', { hasText: 'valid' }).waitFor();
  await page.selectOption('[data-testid="field-channel.fading"]', 'none');
  await shot(page, 'e12-01-paper2-form');
}

/** Switching presets with edits asks first; "Keep my edits" keeps them. Runs after paper2Form (edited). */
export async function presetAsks(page: Page): Promise<void> {
  await page.click('[data-testid=nav-vehicles]');
  await page.selectOption('[data-testid=preset-select]', 'paper1-default');
  await page.locator('[data-testid=confirm-preset]').waitFor();
  expect(await page.textContent('[data-testid=confirm-preset]')).toContain('Your edits to this scenario will be lost');
  expect(await page.inputValue('[data-testid=preset-select]')).toBe('paper2-default');
  await shot(page, 'e12-02-preset-asks');
  await page.click('[data-testid=confirm-preset-keep]');
  expect(await page.locator('[data-testid=confirm-preset]').count()).toBe(0);
  expect(await page.inputValue('[data-testid="field-rsus.count"]')).toBe('2');
  await page.selectOption('[data-testid=preset-select]', 'paper1-default');
  await page.click('[data-testid=confirm-preset-yes]');
  await page.waitForFunction(() => (document.querySelector('[data-testid="field-cvs.count"]') as HTMLInputElement | null)?.value === '7');
  expect(await page.inputValue('[data-testid="field-svs.count"]')).toBe('5');
  // A fresh preset has no edits: switching again does not ask.
  await page.selectOption('[data-testid=preset-select]', 'paper1-small');
  await page.waitForFunction(() => (document.querySelector('[data-testid=preset-select]') as HTMLSelectElement | null)?.value === 'paper1-small');
  expect(await page.locator('[data-testid=confirm-preset]').count()).toBe(0);
  await page.selectOption('[data-testid=preset-select]', 'paper1-default');
  await page.waitForFunction(() => (document.querySelector('[data-testid="field-cvs.count"]') as HTMLInputElement | null)?.value === '7');
}

/**
 * SUMO import of a real spider-network trace with the default 7 CVs + 5 SVs: only fitting windows are offered,
 * the CVs and SVs are vehicles that drive through the whole window (the preview works: before, the proposed
 * 18 s start failed on vehicle '1' leaving at 38 s), the roles can be changed, and the map has equal x/y scale
 * with the roads drawn from the trace.
 */
export async function sumoSpider(page: Page): Promise<void> {
  await page.click('[data-testid=nav-vehicles]');
  await page.check('[data-testid=mobility-sumo]');
  await page.setInputFiles('[data-testid=trace-upload]', path.join(repoRoot, 'tests/fixtures/sumo/spider.fcd.xml.gz'));
  await page.locator('.notice', { hasText: 'trace spider.fcd.xml:' }).waitFor();
  expect(await page.locator('.notice', { hasText: 'trace spider.fcd.xml:' }).textContent()).toBe('trace spider.fcd.xml: 80 vehicles, 0-149 s; episode window from 18 s');
  await page.locator('[data-testid=trace-picker]').waitFor();
  expect(await page.inputValue('[data-testid=trace-window]')).toBe('18');
  const windows = await page.locator('[data-testid=trace-window] option').allTextContents();
  expect(windows.length).toBeGreaterThan(3);
  for (const w of windows) expect(Number(/· (\d+) vehicles drive through/.exec(w)?.[1])).toBeGreaterThanOrEqual(12);
  expect((await page.textContent('[data-testid=picker-counts]'))?.trim()).toBe('CVs 7 / 7 · SVs 5 / 5');
  // Vehicle '1' leaves at 38 s, inside the 18-47 s window: it is not offered.
  expect(await page.locator('[data-testid=vehicle-1]').count()).toBe(0);
  expect(await page.inputValue('[data-testid=role-0]')).toBe('cv');
  await page.click('[data-testid=refresh-preview]');
  await page.locator('.road-preview .hint', { hasText: 'SUMO FCD' }).waitFor();
  expect(await page.textContent('.road-preview .hint')).toContain('CVs 0, 2, 3, 4, 5, 7, 8; SVs 6, 9, 10, 11, 12');
  expect(await page.locator('.vehicles .field-error', { hasText: 'is not in' }).count()).toBe(0);
  expect(await attr(page, '.road-preview', 'data-scale-ratio')).toBe('1.00');
  expect(Number(await attr(page, '.road-preview', 'data-outline-points'))).toBeGreaterThan(300);

  // Roles: drop CV '0' (the counts say what is missing), then a later window keeps the chosen vehicles.
  await page.selectOption('[data-testid=role-0]', '');
  await page.locator('[data-testid=picker-counts]', { hasText: 'CVs 6 / 7' }).waitFor();
  await page.click('[data-testid=auto-pick]');
  await page.locator('[data-testid=picker-counts]', { hasText: 'CVs 7 / 7 · SVs 5 / 5' }).waitFor();
  const later = windows.map((w) => /from (\S+) s/.exec(w)?.[1] ?? '').find((s) => Number(s) >= 30) as string;
  await page.selectOption('[data-testid=trace-window]', later);
  await page.waitForFunction((s) => (document.querySelector('[data-testid="field-mobility.startTimeS"]') as HTMLInputElement | null)?.value === s, later);
  await page.locator('[data-testid=picker-counts]', { hasText: 'CVs 7 / 7 · SVs 5 / 5' }).waitFor();
  await page.locator('.road-preview .hint', { hasText: `from ${later} s` }).waitFor();
  expect(await page.locator('.road-preview + .field-error, .vehicles > .card .field-error', { hasText: 'not in' }).count()).toBe(0);
  await page.locator('[data-testid=slot-slider]').fill('15');
  await shot(page, 'e12-03-sumo-spider');
}

/** DNN editor: follow-on errors, row numbers, "+ fc", import errors and the ask before dropping edits. */
export async function dnnEditor(page: Page, scratch: string): Promise<void> {
  await page.click('[data-testid=nav-models]');
  await page.click('[data-testid="model-AlexNet"]');
  await page.click('[data-testid=duplicate-model]');
  await setField(page, 'cell-0-cOut', '-5');
  await page.locator('[data-testid=cell-error]').first().waitFor();
  const errors = await page.locator('[data-testid=cell-error]').allTextContents();
  expect(errors).toEqual(['cOut must be >= 1; got -5; allowed 1..1e6 (integer)']);
  await shot(page, 'e12-04a-models-invalid-cell');
  await setField(page, 'cell-0-cOut', '64');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=cell-error]').length === 0);
  // A chain error names rows as the "#" column shows them.
  await setField(page, 'cell-2-cIn', '65');
  await page.locator('[data-testid=cell-error]', { hasText: 'row 3 (conv2): cIn = 65 but the previous row (pool1) outputs 27x27x64' }).waitFor();
  await shot(page, 'e12-04-models-row-numbers');
  await setField(page, 'cell-2-cIn', '64');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=cell-error]').length === 0);
  // "+ fc" after fc8 (4096 -> 1000) takes 1000 inputs; "+ conv" would take the map before it.
  await page.click('[data-testid=add-fc]');
  expect(await page.inputValue('[data-testid=cell-11-uIn]')).toBe('1000');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=cell-error]').length === 0);
  await page.locator('[data-testid=layer-chart] .echart:not(.hidden)').waitFor();

  // Importing over unsaved edits asks first; keeping them leaves the table alone.
  const bad = path.join(scratch, 'broken-model.json');
  fs.writeFileSync(
    bad,
    JSON.stringify({
      name: 'Broken',
      layers: [
        { kind: 'dense', name: 'd1', uIn: 4, uOut: 4 },
        { kind: 'conv', name: 'c1', h: '8', w: 8, cIn: 3, cOut: 4, kernel: 3, stride: 1, padding: 1 },
      ],
    }),
  );
  await page.setInputFiles('[data-testid=import-model]', bad);
  await page.locator('[data-testid=confirm-model]').waitFor();
  expect(await page.textContent('[data-testid=confirm-model]')).toContain('Import broken-model.json? The unsaved edits to “AlexNet (custom)” will be lost.');
  await page.click('[data-testid=confirm-model-keep]');
  expect(await page.inputValue('[data-testid=model-name]')).toBe('AlexNet (custom)');
  expect(await page.locator('[data-testid=layer-table] tbody tr:not(.error-row)').count()).toBe(12);
  await page.setInputFiles('[data-testid=import-model]', bad);
  await page.click('[data-testid=confirm-model-yes]');
  await page.waitForFunction(() => (document.querySelector('[data-testid=model-name]') as HTMLInputElement | null)?.value === 'Broken');
  await page.locator('[data-testid=cell-error]', { hasText: 'got "dense"' }).waitFor();
  await page.locator('[data-testid=cell-error]', { hasText: 'h must be a number; got "8"' }).waitFor();
  await shot(page, 'e12-05-models-import-errors');
  // A file that is not a model says what it found.
  const notModel = path.join(scratch, 'not-a-model.json');
  fs.writeFileSync(notModel, JSON.stringify({ name: 'x', layers: 'conv' }));
  await page.setInputFiles('[data-testid=import-model]', notModel);
  await page.click('[data-testid=confirm-model-yes]');
  await page.locator('.notice.error', { hasText: 'not-a-model.json: a model file needs a "layers" array; got "layers": "conv"' }).waitFor();
}

/**
 * Items 3 and 5 leftovers on three short greedy runs: the metric explorer plots a slot metric against the slot,
 * the export list shows every CSV of a data export (it kept only the newest 60 files), and a figure whose title
 * is wider than the figure wraps it instead of clipping both ends (the reproduce PNGs are drawn the same way).
 */
export async function slotMetricAndExports(page: Page, scratch: string): Promise<void> {
  await page.click('[data-testid=nav-vehicles]');
  await page.selectOption('[data-testid=preset-select]', 'paper1-small');
  await page.click('[data-testid=confirm-preset-yes]');
  await page.waitForFunction(() => (document.querySelector('[data-testid="field-cvs.count"]') as HTMLInputElement | null)?.value === '3');
  await startExperiment(page, { episodes: 3, seeds: '1, 2, 3', runs: 3 });
  await page.click('[data-testid=nav-experiments]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=job][data-state=completed]').length === 3, undefined, { timeout: 900_000 });

  // Item 3: x = slot.
  await page.click('[data-testid=nav-live]');
  await page.selectOption('[data-testid=metric-chart] [data-testid=metric-x]', 'slot');
  await page.locator('[data-testid=metric-chart] h3', { hasText: 'against the slot (latest episode)' }).waitFor();
  await page.selectOption('[data-testid=metric-chart] [data-testid=metric-select]', 'reward');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=metric-chart] .echart')?.getAttribute('data-points')) === 30);
  const series = Number(await attr(page, '[data-testid=metric-chart] .echart', 'data-series'));
  expect(series).toBe(3); // one curve per run, its latest episode
  expect(page.url()).toContain('x=slot');
  await shot(page, 'e12-06-live-slot');

  // Item 5: every CSV of the export is listed (before: the newest 60 files only).
  await page.click('[data-testid=nav-export]');
  await page.getByText('(3 chosen)').waitFor();
  const csv = await download(page, () => page.click('[data-testid=export-csv]'), scratch);
  const entries = execFileSync('unzip', ['-Z1', csv.file], { encoding: 'utf8' }).trim().split('\n');
  expect(entries.length).toBeGreaterThan(60);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=exported-file]').length === n, entries.length + 1);
  expect(await page.textContent('[data-testid=exported-count]')).toBe(`${entries.length + 1} files`);
  const listed = await page.locator('[data-testid=exported-file]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path') ?? ''));
  for (const e of entries) expect(listed.some((p) => p.endsWith(`/${e.split('/').pop()}`))).toBe(true);

  // Item 5: a title wider than the figure wraps (single column, font x1.5): both lines inside the SVG.
  await page.selectOption('[data-testid=figure-select]', 'p1-fig9b');
  await page.selectOption('[data-testid=figure-size]', 'single');
  await page.selectOption('[data-testid=figure-font-scale]', '1.5');
  await page.selectOption('[data-testid=figure-format]', 'svg');
  const svg = await download(page, () => page.click('[data-testid=export-figure]'), scratch);
  const texts = [...fs.readFileSync(svg.file, 'utf8').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  const head = texts.find((t) => t.startsWith('Fig. 9b-style:')) ?? '';
  expect(head).not.toBe('');
  expect(head).not.toMatch(/\)$/);
  expect(texts.some((t) => /\(3 CVs, 2 SVs\)$/.test(t) && !t.startsWith('Fig.'))).toBe(true);
  await page.selectOption('[data-testid=figure-format]', 'png');
  const png = await download(page, () => page.click('[data-testid=export-figure]'), scratch);
  fs.copyFileSync(png.file, path.join(shotsDir, 'e12-08-export-wrapped-title.png'));
  await shot(page, 'e12-07-export-files');
}
