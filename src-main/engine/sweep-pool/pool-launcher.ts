// A sweep's RunLauncher over a pool of run processes: each run starts (or resumes) in its own process with its
// threads limited (pool-size.ts); runSweep's `concurrency` bounds how many run at once.
import { z } from 'zod';
import { runRequestSchema, type RunRequest, type RunRequestInput } from '../../../src-shared/schemas/run';
import type { RunLauncher } from '../../experiments/sweeps';
import { findAlgorithm } from '../../experiments/algorithms';
import { executorLauncher } from '../executor-launcher';
import { ProcessRunExecutor, type ProcessExecutorOptions } from './process-executor';

/**
 * The request with the learner's agent threads set to `threads` when the algorithm has that setting and the
 * request leaves it to 'auto' (the default would take 2 per run whatever the pool's size).
 */
export function withRunThreads(req: RunRequest, threads: number): RunRequest {
  const schema = findAlgorithm(req.env, req.algo).hyperSchema;
  const knows = schema instanceof z.ZodObject && 'threads' in schema.shape;
  const given = req.hyper.threads;
  if (!knows || (given !== undefined && given !== 'auto')) return req;
  return { ...req, hyper: { ...req.hyper, threads } };
}

export interface PoolLauncher extends RunLauncher {
  executor: ProcessRunExecutor;
}

export function processPoolLauncher(opts: ProcessExecutorOptions & { threadsPerRun: number }): PoolLauncher {
  const executor = new ProcessRunExecutor(opts);
  const inner = executorLauncher(executor);
  return {
    executor,
    start: (input: RunRequestInput, hooks) => inner.start(withRunThreads(runRequestSchema.parse(input), opts.threadsPerRun), hooks),
    resume: (dir, hooks) => inner.resume(dir, hooks),
  };
}
