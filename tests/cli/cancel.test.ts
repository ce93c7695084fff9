// Issue 13 item 3 (CLI part): Ctrl-C / SIGTERM stop `vecwb run` with the shell's exit codes (130 / 143), say how
// to resume, and leave no line of the aborted episode behind.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMetrics, readSummary } from '../../src-main/experiments/run-folder';

const root = path.join(__dirname, '../..');

async function runUntilSignal(signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string; out: string }> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-cli-cancel-')), 'run');
  const child = spawn('node', ['bin/vecwb.mjs', 'run', '--algo', 'greedy', '--episodes', '100000', '--out', out], { cwd: root });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    // Wait for two finished episodes, then signal mid-run.
    const deadline = Date.now() + 60_000;
    while (!/episode 2:/.test(stderr)) {
      if (Date.now() > deadline) throw new Error(`no progress: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill(signal);
    return { code: await exited, stdout, stderr, out };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

describe('vecwb run stopped by a signal', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal}: exit ${code}, status cancelled, only complete episodes in metrics.jsonl`, async () => {
      const r = await runUntilSignal(signal);
      expect(r.code).toBe(code);
      expect(r.stdout).toMatch(/^run cancelled: \d+\/100000 episodes/);
      expect(r.stdout).toContain(`vecwb resume ${r.out}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const summary = readSummary(r.out);
      expect(summary?.status).toBe('cancelled');
      const records = readMetrics(r.out);
      const done = summary?.episodesDone ?? -1;
      expect(done).toBeGreaterThanOrEqual(2);
      expect(Math.max(...records.map((x) => x.episode))).toBe(done);
      expect(records.filter((x) => x.kind === 'slot')).toHaveLength(30 * done);
      expect(records.filter((x) => x.kind === 'episode')).toHaveLength(done);
      // greedy keeps no state, so the cancel checkpoints the last finished episode itself
      expect(summary?.lastCheckpoint).toBe(`ep-${String(done).padStart(6, '0')}`);
    }, 90_000);
  }
});
