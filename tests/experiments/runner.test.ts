import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { episodeSeed, startRunWith } from '../../src-main/experiments/runner';
import { readMetrics, readRunConfig, readSummary, parseMetricLines } from '../../src-main/experiments/run-folder';
import type { Controller } from '../../src-main/sim/controller';
import { CounterEnv } from './counter-env';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-run-'));

function alwaysOne(): Controller<number, unknown> & { saved: string[]; episodes: number[] } {
  const c = {
    name: 'one',
    saved: [] as string[],
    episodes: [] as number[],
    act: () => [1],
    endEpisode(ep: number) {
      c.episodes.push(ep);
      return { tdLoss: ep / 2 };
    },
    async save(dir: string) {
      c.saved.push(path.basename(dir));
      fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ episodes: c.episodes.length }));
    },
  };
  return c;
}

describe('runner', () => {
  it('writes config, slot and episode lines, checkpoints and a summary', async () => {
    const dir = path.join(tmp(), 'r1');
    const env = new CounterEnv();
    const ctl = alwaysOne();
    const handle = await startRunWith(env as never, ctl as never, { algo: 'one', episodes: 4, seed: 7, outDir: dir, checkpointEvery: 2 }, { toy: true });
    const summary = await handle.done;
    expect(summary.status).toBe('completed');
    expect(summary.episodesDone).toBe(4);
    const records = readMetrics(dir);
    expect(records.filter((r) => r.kind === 'slot')).toHaveLength(12);
    const episodes = records.filter((r) => r.kind === 'episode');
    expect(episodes.map((r) => r.episode)).toEqual([1, 2, 3, 4]);
    // Episodic reward is the sum over slots: (1-0.1)+(1-0.2)+(1-0.3) = 2.4; other keys are slot means.
    expect(episodes[0].values.reward).toBeCloseTo(2.4, 12);
    expect(episodes[0].values.completionTimeMeanS).toBeCloseTo(2, 12);
    expect(episodes[0].values.queueCvGops).toEqual([2, 4]);
    expect(episodes[2].values.tdLoss).toBe(1.5);
    expect(ctl.saved).toEqual(['ep-000002', 'ep-000004']);
    expect(summary.means.reward).toBeCloseTo(2.4, 12);
    expect(summary.lastCheckpoint).toBe('ep-000004');
    expect(readRunConfig(dir).request.seed).toBe(7);
    expect(readSummary(dir)?.status).toBe('completed');
    // Every episode gets its own seed derived from the run seed, identical across algorithms.
    expect(env.seeds).toEqual([1, 2, 3, 4].map((e) => episodeSeed(7, e)));
    expect(new Set(env.seeds).size).toBe(4);
  });

  it('cancel mid-episode drops that episode\'s lines and writes no checkpoint holding its steps', async () => {
    const dir = path.join(tmp(), 'r2');
    const env = new CounterEnv();
    const ctl = alwaysOne();
    let handleRef: { cancel(): void } | null = null;
    let slotsSeen = 0;
    const handle = await startRunWith(env as never, ctl as never, { algo: 'one', episodes: 100, seed: 1, outDir: dir }, {}, {
      onRecord(r) {
        if (r.kind === 'slot' && ++slotsSeen === 5) handleRef?.cancel();
      },
    });
    handleRef = handle;
    const summary = await handle.done;
    expect(summary.status).toBe('cancelled');
    expect(summary.episodesDone).toBe(1);
    // Episode 2 had acted for 2 slots: its lines are gone and no checkpoint was taken (checkpointEvery 50).
    const records = readMetrics(dir);
    expect(records.map((r) => (r.kind === 'slot' ? `${r.episode}.${r.slot}` : `ep${r.episode}`))).toEqual(['1.1', '1.2', '1.3', 'ep1']);
    expect(ctl.saved).toEqual([]);
    expect(summary.lastCheckpoint).toBeNull();
    expect(fs.existsSync(path.join(dir, 'checkpoints', 'latest.json'))).toBe(false);
  });

  it('cancel between episodes checkpoints that boundary', async () => {
    const dir = path.join(tmp(), 'r2b');
    const ctl = alwaysOne();
    let handleRef: { cancel(): void } | null = null;
    const handle = await startRunWith(new CounterEnv() as never, ctl as never, { algo: 'one', episodes: 100, seed: 1, outDir: dir }, {}, {
      onRecord(r) {
        if (r.kind === 'episode' && r.episode === 2) handleRef?.cancel();
      },
    });
    handleRef = handle;
    const summary = await handle.done;
    expect(summary).toMatchObject({ status: 'cancelled', episodesDone: 2, lastCheckpoint: 'ep-000002' });
    expect(ctl.saved).toEqual(['ep-000002']);
    expect(readMetrics(dir).filter((r) => r.kind === 'episode').map((r) => r.episode)).toEqual([1, 2]);
  });

  it('a failing controller ends the run as failed with the error, keeping earlier lines', async () => {
    const dir = path.join(tmp(), 'r3');
    const env = new CounterEnv();
    let calls = 0;
    // A learner's error can carry kilobytes of minified source after its first line.
    const ctl = { name: 'boom', act: () => { if (++calls === 4) throw new Error(`exploded\n${'var a=1;'.repeat(5000)}`); return [0]; } };
    const summary = await (await startRunWith(env as never, ctl as never, { algo: 'boom', episodes: 3, outDir: dir }, {})).done;
    expect(summary.status).toBe('failed');
    expect(summary.error).toBe('exploded');
    expect(summary.errorStack).toMatch(/^Error: exploded\n/);
    expect(readSummary(dir)?.error).toBe('exploded');
    expect(readMetrics(dir).filter((r) => r.kind === 'slot')).toHaveLength(3);
  });

  it('pause holds the run until resume', async () => {
    const dir = path.join(tmp(), 'r4');
    const env = new CounterEnv();
    const handle = await startRunWith(env as never, alwaysOne() as never, { algo: 'one', episodes: 2, outDir: dir }, {});
    handle.pause();
    await new Promise((r) => setTimeout(r, 50));
    expect(readMetrics(dir).length).toBeLessThanOrEqual(1);
    expect(readSummary(dir)?.status).toBe('paused');
    handle.resume();
    expect((await handle.done).status).toBe('completed');
    expect(readMetrics(dir)).toHaveLength(8);
  });

  it('refuses to overwrite an existing run folder', async () => {
    const dir = path.join(tmp(), 'r5');
    await (await startRunWith(new CounterEnv() as never, alwaysOne() as never, { algo: 'one', episodes: 1, outDir: dir }, {})).done;
    await expect(startRunWith(new CounterEnv() as never, alwaysOne() as never, { algo: 'one', episodes: 1, outDir: dir }, {})).rejects.toThrow(/already holds a run/);
  });

  it('rejects bad requests naming the field', async () => {
    await expect(startRunWith(new CounterEnv() as never, alwaysOne() as never, { algo: 'one', episodes: 0 }, {})).rejects.toThrow(/episodes/);
  });
});

describe('metrics.jsonl parsing', () => {
  it('skips a torn last line but rejects corruption in the middle', () => {
    const good = JSON.stringify({ kind: 'slot', episode: 1, slot: 1, values: { reward: 1 } });
    expect(parseMetricLines(`${good}\n${good}\n{"kind":"sl`, 'm')).toHaveLength(2);
    expect(() => parseMetricLines(`${good}\n{"kind":"sl\n${good}\n`, 'm')).toThrow(/line 2/);
  });
});
