// Issue 13 item 7 (run folders): one process per run folder (run.lock), a resume cannot shrink a run below its
// checkpoint, config.json records an extended episode total, and a killed writer's temporary files go away.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeRun, startRun } from '../../src-main/experiments/runner';
import { readRunConfig, writeJsonAtomic } from '../../src-main/experiments/run-folder';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-run-guards-'));
const scenario = { env: 'vec-dnn', cvs: { count: 2 }, svs: { count: 1 }, slots: 3 };
const run = async (dir: string, episodes: number) => (await (await startRun({ scenario, algo: 'greedy', episodes, outDir: dir })).done).status;

describe('run folder guards', () => {
  it('a second process cannot resume a run folder while its owner is alive; a dead owner\'s lock is taken over', async () => {
    const dir = path.join(tmp(), 'run');
    expect(await run(dir, 2)).toBe('completed');
    expect(fs.existsSync(path.join(dir, 'run.lock'))).toBe(false);
    const metrics = fs.readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8');
    const owner = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(path.join(dir, 'run.lock'), JSON.stringify({ pid: owner.pid, host: os.hostname(), since: '2026-12-06T10:00:00.000Z' }));
      await expect(resumeRun(dir, {}, { episodes: 4 })).rejects.toThrow(`${dir} is in use by process ${owner.pid} (since 2026-12-06T10:00:00.000Z); stop it first`);
      // nothing of the folder was touched
      expect(fs.readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8')).toBe(metrics);
      expect(readRunConfig(dir).request.episodes).toBe(2);
    } finally {
      owner.kill('SIGKILL');
    }
    await new Promise<void>((resolve) => owner.once('exit', () => resolve()));
    const summary = await (await resumeRun(dir, {}, { episodes: 4 })).done;
    expect(summary).toMatchObject({ status: 'completed', episodesDone: 4 });
    expect(fs.existsSync(path.join(dir, 'run.lock'))).toBe(false);
  }, 60_000);

  it('resume cannot set a total below the checkpoint; an extension is recorded in config.json', async () => {
    const dir = path.join(tmp(), 'run');
    expect(await run(dir, 6)).toBe('completed');
    await expect(resumeRun(dir, {}, { episodes: 3 })).rejects.toThrow('episodes: got 3; this run is checkpointed at episode 6, so the new total must be 6..1000000');
    expect(readRunConfig(dir).request.episodes).toBe(6);
    const summary = await (await resumeRun(dir, {}, { episodes: 8 })).done;
    expect(summary).toMatchObject({ status: 'completed', episodes: 8, episodesDone: 8 });
    expect(readRunConfig(dir).request.episodes).toBe(8);
  }, 60_000);

  it('resume removes temporary files a killed writer left; atomic writes leave none', async () => {
    const dir = path.join(tmp(), 'run');
    expect(await run(dir, 1)).toBe('completed');
    const leftovers = ['summary.json.tmp-4242', 'config.json.4242.tmp', path.join('checkpoints', 'latest.json.tmp-4242'), path.join('checkpoints', 'ep-000001', 'policy.json.tmp-7')];
    fs.mkdirSync(path.join(dir, 'checkpoints', 'ep-000001'), { recursive: true });
    for (const f of leftovers) fs.writeFileSync(path.join(dir, f), '{"half');
    expect((await (await resumeRun(dir, {}, { episodes: 2 })).done).status).toBe('completed');
    for (const f of leftovers) expect(fs.existsSync(path.join(dir, f)), f).toBe(false);
    const all = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(path.join(d, e.name)) : [e.name]));
    expect(all(dir).filter((n) => n.includes('tmp'))).toEqual([]);
    writeJsonAtomic(path.join(dir, 'x.json'), { a: 1 });
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('x.json'))).toEqual(['x.json']);
  }, 60_000);
});
