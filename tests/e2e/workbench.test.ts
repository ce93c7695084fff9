// End-to-end on the web shell: `vecwb serve` + Debian's Chromium driven by playwright-core. Uploads a gzipped
// SUMO trace, creates a scenario from a preset, provokes a per-cell error in a layer table, starts a run,
// watches the reward chart grow, cancels, exports XLSX (read back), CSV and SVG/PNG, runs two seeds and sees
// the mean +/- std band, compares two runs' configs, restarts the server and checks that the UI state came back.
// Screenshots of every screen go to test-output/screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  CHROMIUM,
  compareRuns,
  exportAndCheck,
  invalidLayerCell,
  launchChromium,
  runWatchCancel,
  scenarioFromPreset,
  shot,
  twoSeedBands,
  uploadGzipTrace,
  watchProblems,
  withFailureShot,
} from './flow';
import { startServe, type ServeProcess } from './serve-process';

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium, or set CHROMIUM_PATH)`);
}

let browser: Browser;
let serve: ServeProcess | null = null;
let runsDir: string;

async function openApp(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const problems = watchProblems(page);
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
  return { page, problems };
}

describe.skipIf(!haveChromium)('workbench in a real browser (vecwb serve)', () => {
  beforeAll(async () => {
    runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-e2e-'));
    serve = await startServe(runsDir);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('trace upload, preset, layer error, run with live chart, cancel, exports, seeds band, compare, then a restart restores the state', async () => {
    const { page, problems } = await openApp(serve!.url);
    await withFailureShot(page, 'failure', async () => {
      // The token left the address bar once the app had it.
      expect(page.url()).not.toContain('token=');
      expect(await page.locator('[data-testid=start-demo]').isVisible()).toBe(true);
      await shot(page, '01-start');
      await uploadGzipTrace(page, '', runsDir);
      await scenarioFromPreset(page, '');
      await invalidLayerCell(page, '');
      await runWatchCancel(page, '');
      await exportAndCheck(page, '', runsDir);
      await twoSeedBands(page, '');
      await compareRuns(page, '');
      expect(problems).toEqual([]);
    });
    await page.close();

    // Restart: the active screen, the open run, the last scenario and its custom model come back.
    await serve!.stop();
    serve = await startServe(runsDir);
    const { page: again } = await openApp(serve.url);
    await withFailureShot(again, 'failure', async () => {
      // The flow ended on the Runs screen (compare): that is where the app reopens.
      await again.locator('[data-testid=runs-table]').waitFor();
      expect(await again.locator('[data-testid=run-row]').count()).toBe(3);
      await again.click('[data-testid=nav-live]');
      await again.waitForFunction(() => Number(document.querySelector('[data-testid=reward-chart] .echart')?.getAttribute('data-points')) >= 2);
      await shot(again, '10-live-after-restart');
      await again.click('[data-testid=nav-vehicles]');
      expect(await again.inputValue('[data-testid="field-cvs.count"]')).toBe('5');
      await again.click('[data-testid=nav-models]');
      await again.locator('[data-testid="model-AlexNet (custom)"]').waitFor();
    });
    await again.close();
  }, 240_000);
});
