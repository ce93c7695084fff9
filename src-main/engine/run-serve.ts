// Executes one run task (start or resume) with the experiments runner and reports over a message channel:
// records batched every BATCH_MS, progress at most every BATCH_MS, summaries and the end as they come. The
// body of both run workers: a worker thread (run-worker.ts) and a pool's child process (sweep-pool/run-child.ts).
import type { MetricRecord } from '../../src-shared/metrics';
import type { RunProgress } from '../../src-shared/schemas/run';
import { resumeRun, startRun, type RunHandle, type RunHooks } from '../experiments/runner';
import { controlMessageSchema, type RunTask, type WorkerMessage } from './worker-protocol';

const BATCH_MS = 150;

/** Where messages go and control messages come from (a MessagePort, a child process's IPC channel). */
export interface RunChannel {
  send(msg: WorkerMessage): void;
  onMessage(listener: (raw: unknown) => void): void;
  close(): void;
}

export async function serveRunTask(task: RunTask, channel: RunChannel): Promise<void> {
  const send = (msg: WorkerMessage) => channel.send(msg);
  let pending: MetricRecord[] = [];
  let lastProgress: RunProgress | null = null;
  let progressSent = 0;
  const flush = () => {
    if (pending.length > 0) {
      send({ type: 'records', records: pending });
      pending = [];
    }
    if (lastProgress) {
      send({ type: 'progress', progress: lastProgress });
      lastProgress = null;
      progressSent = Date.now();
    }
  };
  const timer = setInterval(flush, BATCH_MS);

  const hooks: RunHooks = {
    onRecord(record) {
      pending.push(record);
    },
    onProgress(progress) {
      lastProgress = progress;
      if (Date.now() - progressSent >= BATCH_MS) flush();
    },
    onSummary(summary) {
      flush();
      send({ type: 'summary', summary });
    },
  };

  let handle: RunHandle;
  try {
    handle = task.kind === 'start' ? await startRun(task.request, hooks) : await resumeRun(task.dir, hooks, { episodes: task.episodes });
  } catch (err) {
    clearInterval(timer);
    send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  send({ type: 'started', runId: handle.runId, dir: handle.dir });
  channel.onMessage((raw: unknown) => {
    const msg = controlMessageSchema.safeParse(raw);
    if (!msg.success) return;
    if (msg.data.action === 'pause') handle.pause();
    else if (msg.data.action === 'resume') handle.resume();
    else handle.cancel();
  });
  const summary = await handle.done;
  clearInterval(timer);
  flush();
  send({ type: 'done', summary });
  channel.close();
}
