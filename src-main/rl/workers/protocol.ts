// Messages between the learner and an agent-group worker.
import type { GroupConfig } from '../agents/agent-group';

export interface WorkerInit {
  /** Backend name as returned by selectBackend (the worker selects the same one). */
  backend: string;
  config: GroupConfig;
}

export type GroupMethod = 'decide' | 'trainForward' | 'trainBackward' | 'applyUpdate' | 'exportState' | 'importState' | 'dispose';

export interface WorkerRequest {
  id: number;
  method: GroupMethod;
  arg: unknown;
}

export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string }
  | { id: -1; ok: true; result: 'ready' }
  | { id: -1; ok: false; error: string };
