// Body of a run worker: executes one run (start or resume) with the experiments runner and reports to the
// engine: records batched every BATCH_MS, progress at most every BATCH_MS, summaries and the end as they come.
import { parentPort, workerData } from 'node:worker_threads';
import type { MetricRecord } from '../../src-shared/metrics';
import type { RunProgress } from '../../src-shared/schemas/run';
import { resumeRun, startRun, type RunHandle, type RunHooks } from '../experiments/runner';
import { controlMessageSchema, runTaskSchema, type WorkerMessage } from './worker-protocol';

const BATCH_MS = 150;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('run-worker.ts must run inside a worker thread');
  const send = (msg: WorkerMessage) => port.postMessage(msg);
  const task = runTaskSchema.parse(workerData);

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
  port.on('message', (raw: unknown) => {
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
  port.close();
}

void main();
