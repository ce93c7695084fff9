// Issue 15, one machine: a sweep's runs in a pool of run processes. Two workers run a 4-run sweep with results
// equal to the sequential in-process sweep's, never more than 2 runs at once; a half-done sweep (one run
// finished, others interrupted mid-run) resumes: the finished run is skipped, interrupted ones continue from
// their checkpoints, and the results again equal the sequential sweep's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMetrics } from '../../src-main/experiments/run-folder';
import { readSweepIndex } from '../../src-main/experiments/sweep-results';
import { runSweep, type RunLauncher } from '../../src-main/experiments/sweeps';
import { processPoolLauncher, withRunThreads } from '../../src-main/engine/sweep-pool/pool-launcher';
import { planPool, threadEnv } from '../../src-main/engine/sweep-pool/pool-size';
import { SweepProgressTracker } from '../../src-main/engine/sweep-pool/sweep-progress';
import { planExperiment, experimentRequestSchema } from '../../src-shared/api/experiments';
import { runRequestSchema } from '../../src-shared/schemas/run';
import { builtChildScript, tinySweep, untimed } from './sweep-fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-pool-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Random runs first (fast), then P-QMIX: the resume test interrupts the P-QMIX runs once both Random runs are done.
const def = tinySweep(4, [1, 2], ['random', 'pqmix']);
let script = '';
const metricsOf = (sweepDir: string) => readSweepIndex(sweepDir).runs.map((r) => untimed(readMetrics(path.join(sweepDir, r.dir))));
let reference: ReturnType<typeof metricsOf>;

const checkpointOf = (folder: string | null | undefined) => Number(/^ep-(\d{6})$/.exec(folder ?? '')?.[1] ?? 0);

/** A launcher counting the runs live at once (start/resume until done). */
function counting(inner: RunLauncher, live: { now: number; max: number }): RunLauncher {
  const track = async (p: ReturnType<RunLauncher['start']>) => {
    live.now++;
    live.max = Math.max(live.max, live.now);
    const h = await p;
    return { ...h, done: h.done.finally(() => live.now--) };
  };
  return { start: (input, hooks) => track(inner.start(input, hooks)), resume: (dir, hooks) => track(inner.resume(dir, hooks)) };
}

beforeAll(async () => {
  script = await builtChildScript();
  const index = await runSweep(def, { outDir: path.join(tmp, 'sequential') });
  expect(index.runs.map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
  reference = metricsOf(path.join(tmp, 'sequential'));
}, 120_000);

describe('pool size', () => {
  it('workers = cores / threads per run by default, threads = cores / workers when workers are given', () => {
    expect(planPool({ cores: 8 })).toEqual({ workers: 4, threadsPerRun: 2, cores: 8 });
    expect(planPool({ cores: 1 })).toEqual({ workers: 1, threadsPerRun: 1, cores: 1 });
    expect(planPool({ cores: 2 })).toEqual({ workers: 1, threadsPerRun: 2, cores: 2 });
    expect(planPool({ cores: 8, workers: 3 })).toEqual({ workers: 3, threadsPerRun: 2, cores: 8 });
    expect(planPool({ cores: 2, workers: 4 })).toEqual({ workers: 4, threadsPerRun: 1, cores: 2 });
    expect(() => planPool({ workers: 0 })).toThrow('workers must be a whole number >= 1; got 0');
    expect(threadEnv(3)).toMatchObject({ TF_NUM_INTRAOP_THREADS: '3', TF_NUM_INTEROP_THREADS: '1', OMP_NUM_THREADS: '3' });
  });

  it("sets a learner's agent threads to the pool's share unless the request names them; heuristics untouched", () => {
    const base = runRequestSchema.parse({ algo: 'pqmix', episodes: 1 });
    expect(withRunThreads(base, 1).hyper).toEqual({ threads: 1 });
    expect(withRunThreads({ ...base, hyper: { threads: 4 } }, 1).hyper).toEqual({ threads: 4 });
    expect(withRunThreads({ ...base, algo: 'greedy' }, 1).hyper).toEqual({});
  });
});

describe('local pool of run processes', () => {
  it('2 workers: every run completes, at most 2 at once, results equal to the sequential sweep', async () => {
    const live = { now: 0, max: 0 };
    const pool = processPoolLauncher({ threadsPerRun: 1, script });
    const planned = planExperiment(experimentRequestSchema.parse(def.experiment));
    const tracker = new SweepProgressTracker(planned, 2);
    const out = path.join(tmp, 'pool');
    const index = await runSweep(def, { outDir: out, launcher: counting(pool, live), concurrency: 2, hooks: tracker.hooks() });
    expect(index.runs.map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(live.max).toBe(2);
    expect(pool.executor.live).toBe(0);
    expect(pool.executor.maxLive).toBe(2);
    expect(metricsOf(out)).toEqual(reference);
    const end = tracker.snapshot();
    expect({ total: end.total, completed: end.completed, failed: end.failed, running: end.running, etaS: end.etaS }).toEqual({ total: 4, completed: 4, failed: 0, running: [], etaS: 0 });
  }, 120_000);

  it('resumes a half-done sweep: finished runs are skipped, interrupted runs continue from their checkpoints', async () => {
    const out = path.join(tmp, 'half');
    const abort = new AbortController();
    const first = await runSweep(def, {
      outDir: out,
      launcher: processPoolLauncher({ threadsPerRun: 1, script }),
      concurrency: 2,
      signal: abort.signal,
      hooks: {
        // Both Random runs are done when P-QMIX starts; stop the sweep in P-QMIX's third episode (checkpoint at 2).
        onRunRecord: (entry, r) => {
          if (entry.algo === 'pqmix' && r.kind === 'slot' && r.episode === 3) abort.abort();
        },
      },
    });
    // The Random runs finished; the P-QMIX runs were stopped mid-run (on a busy machine one may not have started
    // yet: it stays pending).
    const finished = first.runs.filter((r) => r.status === 'completed');
    const interrupted = first.runs.filter((r) => r.status === 'cancelled');
    const pending = first.runs.filter((r) => r.status === 'pending');
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(interrupted.map((r) => r.algo)).toContain('pqmix');
    expect(finished.length + interrupted.length + pending.length).toBe(4);
    for (const r of interrupted) {
      // Stopped in an episode: its lines dropped, the last checkpoint (if any) at or before the episodes done.
      const done = r.summary?.episodesDone ?? -1;
      expect(checkpointOf(r.summary?.lastCheckpoint)).toBeLessThanOrEqual(done);
      expect(readMetrics(path.join(out, r.dir)).filter((m) => m.kind === 'episode')).toHaveLength(done);
    }
    // The run that stopped the sweep was in its third episode or later: it resumes from a checkpoint (2 or later).
    expect(Math.max(...interrupted.map((r) => checkpointOf(r.summary?.lastCheckpoint)))).toBeGreaterThanOrEqual(2);

    const calls: string[] = [];
    const pool = processPoolLauncher({ threadsPerRun: 1, script });
    const watching: RunLauncher = {
      start: (input, hooks) => (calls.push(`start ${path.basename(String(input.outDir))}`), pool.start(input, hooks)),
      resume: (dir, hooks) => (calls.push(`resume ${path.basename(dir)}`), pool.resume(dir, hooks)),
    };
    const skipped: number[] = [];
    const second = await runSweep(def, { outDir: out, launcher: watching, concurrency: 2, hooks: { onRunStart: (e, _p, _t, skip) => void (skip && skipped.push(e.index)) } });
    expect(second.runs.map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(skipped).toEqual(finished.map((r) => r.index));
    expect(calls.sort()).toEqual([...interrupted.map((r) => `resume ${path.basename(r.dir)}`), ...pending.map((r) => `start ${path.basename(r.dir)}`)].sort());
    expect(metricsOf(out)).toEqual(reference);
  }, 120_000);
});
