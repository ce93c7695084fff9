// How `vecwb reproduce` executes its sweep's runs: in this process one after another (one worker), in a pool
// of run processes (--workers N, default cores / threads per run), or on a cluster (--queue redis://...).
import type { PlannedRun } from '../../src-shared/api/experiments';
import type { RunLauncher } from '../experiments/sweeps';
import { parseDecimalInt } from '../../src-shared/parse-int';

export interface SweepExecution {
  launcher?: RunLauncher;
  concurrency: number;
  /** Runs executing at once, for the progress display. */
  workers: number;
  /** One line for the terminal: where the runs execute. */
  describe: string;
  close(): Promise<void>;
}

export async function sweepExecution(raw: Record<string, unknown>, planned: readonly PlannedRun[], sweepId: string, sweepDir: string, log: (s: string) => void): Promise<SweepExecution> {
  if (raw.queue !== undefined) {
    if (raw.workers !== undefined) log('--workers is ignored with --queue: the workers (vecwb worker --concurrency) decide');
    const { parseRedisUrl } = await import('./cluster/redis-url');
    const { checkRedis } = await import('./cluster/connection');
    const { clusterLauncher, clusterSweepKey } = await import('./cluster/coordinator');
    const target = parseRedisUrl('--queue', String(raw.queue));
    await checkRedis(target, '--queue');
    const sweepKey = clusterSweepKey(sweepId, sweepDir);
    const launcher = await clusterLauncher({ target, sweepKey, log });
    return {
      launcher,
      concurrency: Math.max(1, planned.length),
      workers: Math.max(1, planned.length),
      describe: `runs queued on ${target.redacted} as ${sweepKey} (run them with: vecwb worker --redis <url>; checkpoints under <run-root>/${sweepKey}/)`,
      close: () => launcher.close(),
    };
  }
  const { planPool } = await import('./sweep-pool/pool-size');
  const workers = raw.workers === undefined ? undefined : parseDecimalInt('--workers', String(raw.workers), 1, 256);
  const plan = planPool({ workers });
  if (plan.workers === 1) return { concurrency: 1, workers: 1, describe: 'runs one after another in this process', close: async () => {} };
  const { processPoolLauncher } = await import('./sweep-pool/pool-launcher');
  return {
    launcher: processPoolLauncher({ threadsPerRun: plan.threadsPerRun }),
    concurrency: plan.workers,
    workers: plan.workers,
    describe: `runs in a pool of ${plan.workers} processes x ${plan.threadsPerRun} thread(s) (${plan.cores} cores)`,
    close: async () => {},
  };
}
