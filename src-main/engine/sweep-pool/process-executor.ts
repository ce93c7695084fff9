// Runs each run in its own child process (a pool's worker process): the same messages as a run worker thread
// (worker-protocol.ts), but a process of its own, so runs use separate cores, can be limited in threads through
// their environment, and one crashing or being killed takes nothing else with it.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runningFromSources } from '../../package-root';
import { deliverWorkerMessage, type RunCallbacks, type RunExecution, type RunExecutor } from '../executor';
import type { RunTask } from '../worker-protocol';
import type { ChildTask } from './pool-protocol';
import { threadEnv } from './pool-size';

/** The run-process entry next to this module: the compiled run-child.js, or the tsx bootstrap from the sources. */
export const defaultChildScript = fileURLToPath(new URL(runningFromSources ? './run-child-entry.mjs' : './run-child.js', import.meta.url));

export interface ProcessExecutorOptions {
  /** Threads each run may use (threadEnv); undefined leaves the environment as it is. */
  threadsPerRun?: number;
  script?: string;
  /** Extra environment of every run process. */
  env?: Record<string, string>;
}

export class ProcessRunExecutor implements RunExecutor {
  /** Run processes alive now, and the most alive at once (tests check the pool's bound with them). */
  live = 0;
  maxLive = 0;

  constructor(private readonly opts: ProcessExecutorOptions = {}) {}

  start(task: RunTask, cb: RunCallbacks): RunExecution {
    const env = { ...process.env, ...(this.opts.threadsPerRun ? threadEnv(this.opts.threadsPerRun) : {}), ...this.opts.env };
    const child: ChildProcess = fork(this.opts.script ?? defaultChildScript, [], { env, stdio: ['ignore', 2, 2, 'ipc'], serialization: 'advanced' });
    this.live++;
    this.maxLive = Math.max(this.maxLive, this.live);
    let exited = false;
    let finished = false;
    const exitedP = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    /** Reports the end once the process is gone, so a pool never has more processes than runs in flight. */
    const finish = (fn: () => void) => {
      if (finished) return;
      finished = true;
      // The run is over (or broken): end the process even if a library left handles open in it.
      if (!exited) child.kill('SIGKILL');
      void exitedP.then(fn);
    };
    child.on('message', (raw: unknown) => deliverWorkerMessage(raw, cb, finish, 'run process'));
    child.on('error', (err) => finish(() => cb.failed(`run process failed: ${err.message}`)));
    child.on('exit', (code, signal) => {
      exited = true;
      this.live--;
      finish(() => cb.failed(`run process exited (${signal ?? `code ${code}`}) before the run finished`));
    });
    const message: ChildTask = { type: 'task', task };
    child.send(message);
    return {
      control(action) {
        if (!finished && child.connected) child.send({ type: 'control', action });
      },
      async terminate() {
        if (!exited) child.kill('SIGKILL');
        await exitedP;
      },
    };
  }
}
