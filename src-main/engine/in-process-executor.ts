// Executes runs in the engine's own thread (no worker): for algorithms registered in this process at run time
// (plug-ins, tests), which a worker thread would not know, and for embedding the engine where threads are not
// wanted. The UI may stall while a slot computes; the worker executor (executor.ts) is the default.
import type { MetricRecord } from '../../src-shared/metrics';
import type { RunProgress, RunSummary } from '../../src-shared/schemas/run';
import { resumeRun, startRun, type RunHandle } from '../experiments/runner';
import type { RunCallbacks, RunExecution, RunExecutor } from './executor';
import type { RunTask } from './worker-protocol';

export class InProcessRunExecutor implements RunExecutor {
  start(task: RunTask, cb: RunCallbacks): RunExecution {
    let handle: RunHandle | null = null;
    let finished = false;
    const pending: ('pause' | 'resume' | 'cancel')[] = [];
    const apply = (h: RunHandle, action: 'pause' | 'resume' | 'cancel') => {
      if (action === 'pause') h.pause();
      else if (action === 'resume') h.resume();
      else h.cancel();
    };
    const hooks = {
      onRecord: (r: MetricRecord) => cb.records([r]),
      onProgress: (p: RunProgress) => cb.progress(p),
      onSummary: (s: RunSummary) => cb.summary(s),
    };
    const begin = task.kind === 'start' ? startRun(task.request, hooks) : resumeRun(task.dir, hooks, { episodes: task.episodes });
    begin.then(
      (h) => {
        handle = h;
        cb.started(h.runId, h.dir);
        for (const action of pending.splice(0)) apply(h, action);
        return h.done.then((summary) => {
          finished = true;
          cb.done(summary);
        });
      },
      (err: unknown) => {
        finished = true;
        cb.failed(err instanceof Error ? err.message : String(err));
      },
    );
    return {
      control(action) {
        if (finished) return;
        if (handle) apply(handle, action);
        else pending.push(action);
      },
      async terminate() {
        if (!handle || finished) return;
        handle.cancel();
        await handle.done;
      },
    };
  }
}
