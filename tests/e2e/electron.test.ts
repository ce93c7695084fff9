// The same flow through the Electron app (playwright-core's _electron), where an Electron binary exists:
//   ELECTRON_E2E=1 xvfb-run -a npx vitest run tests/e2e/electron.test.ts
// It builds the app with electron-vite first. Skipped unless ELECTRON_E2E=1, and skipped with a one-line reason
// when there is no Electron binary (npm could not download it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { compareRuns, exportAndCheck, invalidLayerCell, runWatchCancel, scenarioFromPreset, shot, twoSeedBands, uploadGzipTrace, watchProblems } from './flow';
import { repoRoot } from './serve-process';

const enabled = process.env.ELECTRON_E2E === '1';

/** The Electron executable, or why there is none (path.txt is written by electron's install script). */
function electronBinary(): { bin: string } | { missing: string } {
  const dir = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { missing: `no Electron binary: ${pathFile} is missing (the electron package was installed without its download)` };
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(bin)) return { missing: `no Electron binary at ${bin}` };
  return { bin };
}

const binary = enabled ? electronBinary() : null;
const missing = binary && 'missing' in binary ? binary.missing : null;
if (missing) console.warn(`ELECTRON_E2E=1 but the Electron e2e is skipped: ${missing}; the web shell e2e (tests/e2e/workbench.test.ts) covers the same flow`);

describe.skipIf(!enabled || missing !== null)('workbench in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let problems: string[];
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-electron-'));

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: repoRoot, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
    app = await _electron.launch({
      executablePath: (binary as { bin: string }).bin,
      args: [repoRoot, `--runs-dir=${runsDir}`],
      env: { ...process.env, VECWB_RUNS_DIR: runsDir, ELECTRON_RENDERER_URL: '' },
    });
    page = await app.firstWindow();
    problems = watchProblems(page);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
  });

  it('keeps Node out of the page and exposes only the typed preload API', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      api: Object.keys((window as unknown as { vecwb: object }).vecwb).sort(),
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: ['call', 'onEvent'] });
    const refused = await page.evaluate(() => (window as unknown as { vecwb: { call(m: string, p: unknown): Promise<unknown> } }).vecwb.call('app.shutdown', {}));
    expect(refused).toMatchObject({ ok: false, error: { message: "unknown method 'app.shutdown'" } });
    // Navigation away from the app is refused.
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url().startsWith('app://renderer/')).toBe(true);
  });

  it('runs the same flow as the web shell', async () => {
    await shot(page, 'electron-01-start');
    await uploadGzipTrace(page, 'electron-', runsDir);
    await scenarioFromPreset(page, 'electron-');
    await invalidLayerCell(page, 'electron-');
    await runWatchCancel(page, 'electron-');
    await exportAndCheck(page, 'electron-', runsDir);
    await twoSeedBands(page, 'electron-');
    await compareRuns(page, 'electron-');
    expect(problems).toEqual([]);
  }, 240_000);
});
