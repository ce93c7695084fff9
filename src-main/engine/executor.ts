// How the engine executes one run: the interface, and its worker_threads implementation (the UI never stalls
// because episodes run on another thread; the main thread only relays batched records and progress).
import { Worker } from 'node:worker_threads';
import type { MetricRecord } from '../../src-shared/metrics';
import type { RunProgress, RunSummary } from '../../src-shared/schemas/run';
import { runningFromSources } from '../package-root';
import { workerMessageSchema, type ControlAction, type RunTask } from './worker-protocol';

export interface RunCallbacks {
  started(runId: string, dir: string): void;
  records(records: MetricRecord[]): void;
  progress(progress: RunProgress): void;
  summary(summary: RunSummary): void;
  done(summary: RunSummary): void;
  failed(message: string): void;
}

export interface RunExecution {
  control(action: ControlAction): void;
  /** Stops the run at once (engine shutdown); the run folder keeps what was written. */
  terminate(): Promise<void>;
}

export interface RunExecutor {
  start(task: RunTask, callbacks: RunCallbacks): RunExecution;
}

/**
 * The worker entry next to this module: the compiled run-worker.js in a build, or (running from the sources:
 * tests) the bootstrap that registers the TypeScript loader and runs run-worker.ts.
 */
export const defaultWorkerScript = new URL(runningFromSources ? './run-worker-entry.mjs' : './run-worker.js', import.meta.url);

/** Runs each run in its own worker thread. `script` is the worker entry (a bundled file in the Electron build). */
export class WorkerRunExecutor implements RunExecutor {
  constructor(private readonly script: URL | string = defaultWorkerScript) {}

  start(task: RunTask, cb: RunCallbacks): RunExecution {
    const worker = new Worker(this.script, { workerData: task });
    let finished = false;
    const finish = (fn: () => void) => {
      if (finished) return;
      finished = true;
      fn();
      // The run is over (or broken): free the thread even if a library left handles open in it.
      void worker.terminate();
    };
    worker.on('message', (raw: unknown) => deliverWorkerMessage(raw, cb, finish, 'run worker'));
    worker.on('error', (err) => finish(() => cb.failed(`run worker crashed: ${err.message}`)));
    worker.on('exit', (code) => finish(() => cb.failed(`run worker exited (code ${code}) before the run finished`)));
    return {
      control(action) {
        if (!finished) worker.postMessage({ type: 'control', action });
      },
      async terminate() {
        await worker.terminate();
      },
    };
  }
}

/**
 * Hands one message of a run worker (thread or process) to the callbacks: `done` and `failed` end the run through
 * `finish`, a message that does not parse ends it as failed (`who` names the sender in that error).
 */
export function deliverWorkerMessage(raw: unknown, cb: RunCallbacks, finish: (fn: () => void) => void, who: string): void {
  const parsed = workerMessageSchema.safeParse(raw);
  if (!parsed.success) {
    finish(() => cb.failed(`${who} sent an invalid message: ${parsed.error.issues[0]?.message ?? ''}`));
    return;
  }
  const msg = parsed.data;
  switch (msg.type) {
    case 'started':
      return cb.started(msg.runId, msg.dir);
    case 'records':
      return cb.records(msg.records);
    case 'progress':
      return cb.progress(msg.progress);
    case 'summary':
      return cb.summary(msg.summary);
    case 'done':
      return finish(() => cb.done(msg.summary));
    case 'failed':
      return finish(() => cb.failed(msg.message));
  }
}
