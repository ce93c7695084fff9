import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkerRunExecutor, type RunCallbacks } from '../../src-main/engine/executor';
import type { RunTask } from '../../src-main/engine/worker-protocol';
import { readMetrics } from '../../src-main/experiments/run-folder';
import type { MetricRecord } from '../../src-shared/metrics';
import { runRequestSchema } from '../../src-shared/schemas/run';

interface Collected {
  kind: 'done' | 'failed';
  message: string;
  seen: string[];
  records: MetricRecord[];
  dir: string | null;
  episodesDone: number;
}

function collect(task: RunTask, onStarted?: (control: (a: 'pause' | 'resume' | 'cancel') => void) => void): Promise<Collected> {
  return new Promise((resolve) => {
    const seen: string[] = [];
    const records: MetricRecord[] = [];
    let dir: string | null = null;
    let control: (a: 'pause' | 'resume' | 'cancel') => void = () => {};
    const cb: RunCallbacks = {
      started: (_id, d) => {
        seen.push('started');
        dir = d;
        onStarted?.(control);
      },
      records: (r) => {
        seen.push('records');
        records.push(...r);
      },
      progress: () => seen.push('progress'),
      summary: () => seen.push('summary'),
      done: (s) => resolve({ kind: 'done', message: s.status, seen, records, dir, episodesDone: s.episodesDone }),
      failed: (message) => resolve({ kind: 'failed', message, seen, records, dir, episodesDone: 0 }),
    };
    const execution = new WorkerRunExecutor().start(task, cb);
    control = (a) => execution.control(a);
  });
}

describe('WorkerRunExecutor', () => {
  it('runs the worker through the TypeScript loader and reports a run that cannot start', async () => {
    const runsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-worker-'));
    const request = runRequestSchema.parse({ algo: 'no-such-algo', episodes: 1, runsRoot });
    const result = await collect({ kind: 'start', request });
    expect(result.kind).toBe('failed');
    expect(result.message).toMatch(/unknown algorithm 'no-such-algo' for env 'vec-dnn'/);
    expect(result.seen).toEqual([]);
    expect(fs.readdirSync(runsRoot)).toEqual([]);
  });

  it('runs the greedy scheduler on the simulator in a worker, streaming exactly the lines of metrics.jsonl', async () => {
    const runsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-worker-'));
    const request = runRequestSchema.parse({ algo: 'greedy', episodes: 2, runsRoot, outDir: path.join(runsRoot, 'g'), scenario: { cvs: { count: 3 }, svs: { count: 2 } } });
    const result = await collect({ kind: 'start', request });
    expect(result.kind).toBe('done');
    expect(result.message).toBe('completed');
    expect(result.seen).toContain('started');
    expect(result.seen).toContain('progress');
    const onDisk = readMetrics(path.join(runsRoot, 'g'));
    expect(result.records).toEqual(onDisk);
    expect(onDisk.filter((r) => r.kind === 'episode')).toHaveLength(2);
    expect(onDisk.filter((r) => r.kind === 'slot')).toHaveLength(2 * 30);
    const ep = onDisk.find((r) => r.kind === 'episode')!;
    expect((ep.values.queueCvGops as number[]).length).toBe(3);
    expect((ep.values.queueSvGops as number[]).length).toBe(2);
  });

  it('cancels a running worker run and resumes it to a larger episode total without duplicate lines', async () => {
    const runsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-worker-'));
    const dir = path.join(runsRoot, 'c');
    const request = runRequestSchema.parse({ algo: 'random', episodes: 100_000, runsRoot, outDir: dir, checkpointEvery: 1, scenario: { cvs: { count: 2 }, svs: { count: 1 } } });
    const cancelled = await collect({ kind: 'start', request }, (control) => setTimeout(() => control('cancel'), 300));
    expect(cancelled.message).toBe('cancelled');
    expect(cancelled.episodesDone).toBeLessThan(100_000);
    const resumed = await collect({ kind: 'resume', dir, episodes: cancelled.episodesDone + 2 });
    expect(resumed.message).toBe('completed');
    expect(resumed.episodesDone).toBe(cancelled.episodesDone + 2);
    const episodes = readMetrics(dir).filter((r) => r.kind === 'episode').map((r) => r.episode);
    expect(episodes).toEqual(Array.from({ length: cancelled.episodesDone + 2 }, (_, i) => i + 1));
  });

  it('reports a resume of a folder that holds no run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-worker-'));
    const result = await collect({ kind: 'resume', dir });
    expect(result.kind).toBe('failed');
    expect(result.message).toMatch(/config\.json/);
  });
});
