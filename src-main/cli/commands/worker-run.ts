// The work of `vecwb worker` (worker.ts registers the command): checks the Redis URL and the connection, then
// serves the queue until SIGINT/SIGTERM.
import path from 'node:path';
import { checkRedis } from '../../engine/cluster/connection';
import { parseRedisUrl } from '../../engine/cluster/redis-url';
import { clusterTimingsFromEnv } from '../../engine/cluster/timings';
import { startClusterWorker } from '../../engine/cluster/worker';
import { planPool } from '../../engine/sweep-pool/pool-size';

export async function runClusterWorker(opts: { redis: string; concurrency?: number; runRoot: string }): Promise<void> {
  const target = parseRedisUrl('--redis', opts.redis);
  const timings = clusterTimingsFromEnv(process.env);
  await checkRedis(target, '--redis');
  const plan = planPool({ workers: opts.concurrency });
  const runRoot = path.resolve(opts.runRoot);
  const log = (s: string) => process.stderr.write(`vecwb worker: ${s}\n`);
  const worker = await startClusterWorker({ target, runRoot, concurrency: plan.workers, threadsPerRun: plan.threadsPerRun, timings, log });
  log(`ready: queue ${target.redacted}, ${plan.workers} run(s) at a time x ${plan.threadsPerRun} thread(s), run root ${runRoot}`);
  await new Promise<void>((resolve) => {
    const stop = (sig: NodeJS.Signals) => {
      log(`${sig}: checkpointing the live runs and putting them back in the queue`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      worker.shutdown().then(resolve, (err: unknown) => {
        log(`shutdown: ${err instanceof Error ? err.message : String(err)}`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  log('stopped');
}
