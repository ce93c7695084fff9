// Runs one AgentGroup inside a worker thread and answers the learner's requests in order.
import { parentPort, workerData } from 'node:worker_threads';
import { AgentGroup } from '../agents/agent-group';
import { selectBackend } from '../backend';
import type { NamedArray } from '../nn/params';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './protocol';

const port = parentPort;
if (!port) throw new Error('agent-worker must run in a worker thread');

/** ArrayBuffers of typed arrays in a result, moved (not copied) back to the learner. */
function transferables(result: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown) => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.byteLength === v.buffer.byteLength) out.add(v.buffer);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(result);
  return [...out];
}

async function start(): Promise<void> {
  const init = workerData as WorkerInit;
  let group: AgentGroup;
  try {
    await selectBackend(init.backend);
    group = new AgentGroup(init.config);
  } catch (err) {
    port!.postMessage({ id: -1, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerResponse);
    return;
  }
  port!.on('message', (req: WorkerRequest) => {
    try {
      let result: unknown;
      switch (req.method) {
        case 'decide':
          result = group.decide(req.arg as Parameters<AgentGroup['decide']>[0]);
          break;
        case 'trainForward':
          result = group.trainForward(req.arg as Parameters<AgentGroup['trainForward']>[0]);
          break;
        case 'trainBackward':
          result = group.trainBackward(req.arg as Parameters<AgentGroup['trainBackward']>[0]);
          break;
        case 'applyUpdate':
          group.applyUpdate(req.arg as number);
          break;
        case 'exportState':
          result = group.exportState();
          break;
        case 'importState':
          group.importState(req.arg as NamedArray[]);
          break;
        case 'dispose':
          group.dispose();
          break;
      }
      port!.postMessage({ id: req.id, ok: true, result } satisfies WorkerResponse, transferables(result));
    } catch (err) {
      port!.postMessage({ id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerResponse);
    }
  });
  port!.postMessage({ id: -1, ok: true, result: 'ready' } satisfies WorkerResponse);
}

void start();
