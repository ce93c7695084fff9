// How big a local pool is and how many threads each run may use, so that workers x threads fits the cores.
import os from 'node:os';
import { UserError } from '../../../src-shared/errors';

/** Threads a learner run uses by default on a multi-core CPU (the learners' threads 'auto' with wasm/cpu). */
export const DEFAULT_THREADS_PER_RUN = 2;

export interface PoolPlan {
  workers: number;
  threadsPerRun: number;
  cores: number;
}

export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * `workers` given: each run gets cores / workers threads (at least 1). Not given: workers = cores /
 * threads-per-run (at least 1), threads-per-run = min(DEFAULT_THREADS_PER_RUN, cores).
 */
export function planPool(opts: { workers?: number; cores?: number } = {}): PoolPlan {
  const cores = Math.max(1, opts.cores ?? availableCores());
  if (opts.workers !== undefined) {
    if (!Number.isInteger(opts.workers) || opts.workers < 1) throw new UserError(`workers must be a whole number >= 1; got ${opts.workers}`);
    return { workers: opts.workers, threadsPerRun: Math.max(1, Math.floor(cores / opts.workers)), cores };
  }
  const threadsPerRun = Math.min(DEFAULT_THREADS_PER_RUN, cores);
  return { workers: Math.max(1, Math.floor(cores / threadsPerRun)), threadsPerRun, cores };
}

/**
 * Environment of a run process limited to `threads`: native TensorFlow's intra-op pool, OpenMP/BLAS, and
 * libuv's pool (file I/O). The learners' own agent threads are set through their `threads` hyper-parameter.
 */
export function threadEnv(threads: number): Record<string, string> {
  const n = String(Math.max(1, threads));
  return {
    TF_NUM_INTRAOP_THREADS: n,
    TF_NUM_INTEROP_THREADS: '1',
    OMP_NUM_THREADS: n,
    OPENBLAS_NUM_THREADS: n,
    UV_THREADPOOL_SIZE: String(Math.max(2, threads)),
    VECWB_RUN_THREADS: n,
  };
}
