// `vecwb worker`: executes runs of cluster sweeps (`vecwb reproduce --queue`) taken from a BullMQ queue on Redis,
// until stopped (Ctrl-C / SIGTERM checkpoint the live runs and put them back in the queue).
import type { Command } from 'commander';
import { decimalIntOption } from '../../../src-shared/parse-int';

const parseConcurrency = decimalIntOption('--concurrency', 1, 256);

export function register(program: Command): void {
  program
    .command('worker')
    .description('execute runs of cluster sweeps (vecwb reproduce --queue) from a Redis queue, until stopped')
    .requiredOption('--redis <url>', 'the queue: redis://[user:password@]host[:port][/db], or rediss:// for TLS')
    .option('--concurrency <n>', 'runs at the same time (default: cores / threads per run, at least 1)', parseConcurrency)
    .option('--run-root <dir>', 'shared folder every worker mounts, where runs and their checkpoints live (VECWB_RUN_ROOT)', process.env.VECWB_RUN_ROOT ?? 'cluster-runs')
    .action(async (opts: { redis: string; concurrency?: number; runRoot: string }) => {
      const { runClusterWorker } = await import('./worker-run');
      await runClusterWorker(opts);
    });
}
