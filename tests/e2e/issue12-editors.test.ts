// Issue 12, item 7 end-to-end in Chromium against `vecwb serve`: the paper-2 scenario form and preview, the
// preset switch that asks before dropping edits, the SUMO import on a spider-network trace (fitting windows,
// CV/SV picker, equal-scale map with roads) and the DNN editor (follow-on errors, row numbers, "+ fc", import);
// then x = slot in the metric explorer (item 3) and the export list and wrapped figure titles (item 5).
// Screenshots go to test-output/screenshots (e12-*).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, shotsDir, watchProblems, withFailureShot } from './flow';
import { dnnEditor, paper2Form, presetAsks, slotMetricAndExports, sumoSpider } from './issue12-editors-steps';
import { startServe, type ServeProcess } from './serve-process';

const haveChromium = fs.existsSync(CHROMIUM);

let browser: Browser;
let serve: ServeProcess | null = null;
let runsDir: string;

async function openApp(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.setDefaultTimeout(120_000);
  const problems = watchProblems(page);
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 180_000 });
  return { page, problems };
}

describe.skipIf(!haveChromium)('issue 12 item 7: scenario and model editors (vecwb serve + Chromium)', () => {
  beforeAll(async () => {
    runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-e2e12ed-'));
    serve = await startServe(runsDir, 900_000);
    browser = await launchChromium();
  }, 1_000_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('paper-2 form and preview, preset switch asks, SUMO spider import, DNN editor, slot metric, exports', async () => {
    fs.mkdirSync(shotsDir, { recursive: true });
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-e2e12ed-files-'));
    const { page, problems } = await openApp(serve!.url);
    await withFailureShot(page, 'failure-issue12-editors-paper2', () => paper2Form(page));
    await withFailureShot(page, 'failure-issue12-editors-preset', () => presetAsks(page));
    await withFailureShot(page, 'failure-issue12-editors-sumo', () => sumoSpider(page));
    await withFailureShot(page, 'failure-issue12-editors-dnn', () => dnnEditor(page, scratch));
    await withFailureShot(page, 'failure-issue12-editors-slot-exports', () => slotMetricAndExports(page, scratch));
    expect(problems).toEqual([]);
    await page.close();
  }, 1_800_000);
});
