// Issue 13 item 7 (one piece): a summary.json that says "running" while its process is gone is shown as
// "interrupted" by runStatusOf, by `vecwb runs` and by the engine's run list; a live process keeps it "running".
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src-main/engine/engine';
import { readSummary, writeJsonAtomic } from '../../src-main/experiments/run-folder';
import { startRun } from '../../src-main/experiments/runner';
import { runStatusOf } from '../../src-main/experiments/run-status';
import { shownRunStatus } from '../../src-shared/run-status';
import { runCli } from '../cli/in-process-cli';
import { FakeExecutor } from '../engine/fake-executor';

const scenario = { env: 'vec-dnn', cvs: { count: 2 }, svs: { count: 1 }, slots: 3 };

/** A completed run folder under `root`, then rewritten as a run whose summary says "running". */
async function runningFolder(root: string, name: string): Promise<string> {
  const dir = path.join(root, name);
  expect((await (await startRun({ scenario, algo: 'greedy', episodes: 1, outDir: dir })).done).status).toBe('completed');
  const summary = readSummary(dir)!;
  writeJsonAtomic(path.join(dir, 'summary.json'), { ...summary, status: 'running', finishedAt: null });
  return dir;
}

const lockBy = (dir: string, pid: number) =>
  fs.writeFileSync(path.join(dir, 'run.lock'), JSON.stringify({ pid, host: os.hostname(), since: '2026-12-07T01:00:00.000Z' }));

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return child.pid!;
}

describe('runStatusOf: running without a live process is interrupted', () => {
  it('the rule', () => {
    expect(shownRunStatus('running', false)).toBe('interrupted');
    expect(shownRunStatus('paused', false)).toBe('interrupted');
    expect(shownRunStatus('running', true)).toBe('running');
    expect(shownRunStatus('completed', false)).toBe('completed');
    expect(shownRunStatus('failed', false)).toBe('failed');
  });

  it('a lock of a dead process or none: interrupted; a live lock holder: running; in the CLI and the engine alike', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-run-status-'));
    const killed = await runningFolder(root, 'killed');
    lockBy(killed, await deadPid());
    const unlocked = await runningFolder(root, 'unlocked');
    const alive = await runningFolder(root, 'alive');
    const owner = spawn('sleep', ['30']);
    try {
      lockBy(alive, owner.pid!);
      expect(runStatusOf(killed)).toBe('interrupted');
      expect(runStatusOf(unlocked)).toBe('interrupted');
      expect(runStatusOf(alive)).toBe('running');
      expect(runStatusOf(path.join(root, 'nothing'))).toBeNull();

      const listed = await runCli('runs', '--runs-dir', root, '--json');
      expect(listed.code).toBe(0);
      const rows = JSON.parse(listed.out) as { runId: string; status: string }[];
      expect(Object.fromEntries(rows.map((r) => [r.runId, r.status]))).toEqual({ killed: 'interrupted', unlocked: 'interrupted', alive: 'running' });
      const table = await runCli('runs', '--runs-dir', root);
      expect(table.out).toMatch(/^killed\s+interrupted\s+vec-dnn\s+greedy\s+s1\s+1\/1\s/m);

      const engine = createEngine({ runsRoot: root, shell: 'web', workers: 1, executor: new FakeExecutor() });
      try {
        const items = (await engine.invoke('runs.list', {})) as { summary: { runId: string; status: string }; status?: string }[];
        expect(Object.fromEntries(items.map((i) => [i.summary.runId, i.status]))).toEqual({ killed: 'interrupted', unlocked: 'interrupted', alive: 'running' });
        // summary.json itself is left as written (resume continues the run).
        expect(items.every((i) => i.summary.status === 'running')).toBe(true);
      } finally {
        await engine.close();
      }
    } finally {
      owner.kill('SIGKILL');
    }
  }, 120_000);
});
