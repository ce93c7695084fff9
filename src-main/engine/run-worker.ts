// Body of a run worker thread: executes one run (start or resume) with the experiments runner and reports to
// the engine over the thread's port (run-serve.ts does the work; a pool's child process uses it too).
import { parentPort, workerData } from 'node:worker_threads';
import { serveRunTask } from './run-serve';
import { runTaskSchema } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('run-worker.ts must run inside a worker thread');
void serveRunTask(runTaskSchema.parse(workerData), {
  send: (msg) => port.postMessage(msg),
  onMessage: (listener) => port.on('message', listener),
  close: () => port.close(),
});
