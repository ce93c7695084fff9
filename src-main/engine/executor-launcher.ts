// A sweep's RunLauncher over a RunExecutor: each run of the sweep executes where the executor puts it (a worker
// thread of the engine, a pool's run process) instead of in the caller's thread.
import { runRequestSchema, type RunRequestInput, type RunSummary } from '../../src-shared/schemas/run';
import type { RunLauncher, SweepRunHandle, SweepRunHooks } from '../experiments/sweeps';
import type { RunExecutor } from './executor';
import type { RunTask } from './worker-protocol';

/** Runs of a sweep executed by the engine's executor (worker threads) instead of in the engine's thread. */
export function executorLauncher(executor: RunExecutor): RunLauncher {
  const launch = (task: RunTask, hooks: SweepRunHooks) =>
    new Promise<SweepRunHandle>((resolve, reject) => {
      let started = false;
      let settle: { ok(s: RunSummary): void; fail(e: Error): void } = { ok: () => {}, fail: () => {} };
      const done = new Promise<RunSummary>((ok, fail) => (settle = { ok, fail }));
      const exec = executor.start(task, {
        started(runId, dir) {
          started = true;
          resolve({ runId, dir, cancel: () => exec.control('cancel'), done });
        },
        records(records) {
          for (const r of records) hooks.onRecord?.(r);
        },
        progress(p) {
          hooks.onProgress?.(p);
        },
        summary() {},
        done(summary) {
          settle.ok(summary);
        },
        failed(message) {
          if (started) settle.fail(new Error(message));
          else reject(new Error(message));
        },
      });
    });
  return {
    start: (input: RunRequestInput, hooks) => launch({ kind: 'start', request: runRequestSchema.parse(input) }, hooks),
    resume: (dir, hooks) => launch({ kind: 'resume', dir }, hooks),
  };
}
