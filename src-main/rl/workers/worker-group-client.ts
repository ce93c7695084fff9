// The learner's side of an agent group that lives in a worker thread. Requests are answered in order; the
// worker only keeps the process alive while a request is pending (so a forgotten dispose cannot hang it).
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { DecideInput, GroupConfig, TrainForwardInput, TrainForwardOutput } from '../agents/agent-group';
import type { GroupClient } from '../agents/group-client';
import type { NamedArray } from '../nn/params';
import { runningFromSources } from '../../package-root';
import type { GroupMethod, WorkerInit, WorkerRequest, WorkerResponse } from './protocol';

/**
 * The worker entry: in the sources the tsx bootstrap next to this module; in the Node build the compiled
 * agent-worker.js next to it; in the Electron bundle out/main/agent-worker.js, one folder above the chunk
 * (out/main/chunks/) this module is bundled into.
 */
function agentWorkerScript(): URL {
  if (runningFromSources) return new URL('./agent-worker.mjs', import.meta.url);
  const here = new URL('./agent-worker.js', import.meta.url);
  const above = new URL('../agent-worker.js', import.meta.url);
  return !fs.existsSync(here) && fs.existsSync(above) ? above : here;
}

export class WorkerGroupClient implements GroupClient {
  readonly remote = true;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private dead: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly agentIds: number[],
  ) {
    worker.on('message', (msg: WorkerResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) this.worker.unref();
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`agent worker: ${msg.error}`));
    });
    const fail = (err: Error) => {
      this.dead = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`agent worker exited with code ${code}`)));
  }

  /** Starts a worker holding the agents of `config` on backend `backend`; resolves once it is ready. */
  static async start(backend: string, config: GroupConfig): Promise<WorkerGroupClient> {
    const init: WorkerInit = { backend, config };
    const worker = new Worker(agentWorkerScript(), { workerData: init });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: WorkerResponse) => {
        if (msg.id !== -1) return;
        worker.off('message', onMessage);
        if (msg.ok) resolve();
        else reject(new Error(`agent worker failed to start: ${msg.error}`));
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`agent worker exited with code ${code} while starting`)));
    });
    worker.removeAllListeners('error');
    worker.removeAllListeners('exit');
    worker.unref();
    return new WorkerGroupClient(
      worker,
      config.agents.map((a) => a.agent),
    );
  }

  private call<T>(method: GroupMethod, arg: unknown): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, method, arg } satisfies WorkerRequest);
    });
  }

  decide(inputs: DecideInput[]): Promise<Float32Array[]> {
    return this.call('decide', inputs);
  }
  trainForward(inputs: TrainForwardInput[]): Promise<TrainForwardOutput[]> {
    return this.call('trainForward', inputs);
  }
  trainBackward(inputs: { agent: number; dqChosen: Float32Array }[]): Promise<number[]> {
    return this.call('trainBackward', inputs);
  }
  applyUpdate(gradScale: number): Promise<void> {
    return this.call('applyUpdate', gradScale);
  }
  exportState(): Promise<NamedArray[]> {
    return this.call('exportState', null);
  }
  importState(arrays: NamedArray[]): Promise<void> {
    return this.call('importState', arrays);
  }
  async dispose(): Promise<void> {
    if (!this.dead) {
      try {
        await this.call('dispose', null);
      } catch {
        // the worker is going away anyway
      }
    }
    this.dead = new Error('agent worker disposed');
    await this.worker.terminate();
  }
}
