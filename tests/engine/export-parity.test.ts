// The CLI's `vecwb export-data` and the API's export.data are one code path (engine/run-data-export.ts): for the
// same run they write byte-identical files, the XLSX workbook and every CSV file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/in-process-cli';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import { startRun } from '../../src-main/experiments/runner';
import { FakeExecutor } from './fake-executor';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-export-parity-'));
const runsRoot = path.join(tmp, 'runs');
const runId = 'r1';
const runDir = path.join(runsRoot, runId);
let engine: Engine;

const cli = async (...args: string[]): Promise<number> => (await runCli(...args)).code;

async function engineExport(format: 'xlsx' | 'csv'): Promise<string[]> {
  const outcome = await engine.call('export.data', { runIds: [runId], format });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return (outcome.result as { path: string }[]).map((f) => f.path);
}

beforeAll(async () => {
  const h = await startRun({ env: 'vec-dnn', algo: 'greedy', episodes: 2, seed: 4, outDir: runDir, scenario: { cvs: { count: 3 }, svs: { count: 2 }, slots: 5 } });
  await h.done;
  engine = createEngine({ runsRoot, shell: 'web', workers: 1, executor: new FakeExecutor({}) });
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('export-data: CLI and engine', () => {
  it('write the same XLSX bytes', async () => {
    const [fromEngine] = await engineExport('xlsx');
    const fromCli = path.join(tmp, 'cli.xlsx');
    expect(await cli('export-data', '--run', runDir, '--format', 'xlsx', '--out', fromCli, '--slots')).toBe(0);
    const a = fs.readFileSync(fromEngine);
    expect(a.length).toBeGreaterThan(1000);
    expect(fs.readFileSync(fromCli).equals(a)).toBe(true);
  });

  it('write the same CSV files with the same bytes', async () => {
    const fromEngine = await engineExport('csv');
    const cliDir = path.join(tmp, 'cli-csv');
    expect(await cli('export-data', '--run', runDir, '--format', 'csv', '--out', cliDir, '--slots')).toBe(0);
    const names = fromEngine.map((f) => path.basename(f)).sort();
    expect(fs.readdirSync(cliDir).sort()).toEqual(names);
    expect(names).toContain('slot reward.csv');
    expect(names).toContain('config.csv');
    for (const f of fromEngine) expect(fs.readFileSync(path.join(cliDir, path.basename(f)), 'utf8')).toBe(fs.readFileSync(f, 'utf8'));
    // the config carries the summary in both
    expect(fs.readFileSync(path.join(cliDir, 'config.csv'), 'utf8')).toContain('summary.status,completed');
  });
});
