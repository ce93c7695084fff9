// Sweeps of the engine's Reproduce screen on a cluster (`vecwb serve --queue redis://...`): for each sweep, a
// coordinator launcher that enqueues every run at once; the workers' number decides how many run together.
import type { RunLauncher } from '../../experiments/sweeps';
import { clusterLauncher, clusterSweepKey } from './coordinator';
import type { RedisTarget } from './redis-url';

export interface OpenedSweepLauncher {
  launcher: RunLauncher;
  concurrency: number;
  close(): Promise<void>;
}

/** Where a sweep's runs execute, opened per sweep (the engine's own workers when none is configured). */
export interface SweepLauncherSource {
  describe: string;
  open(sweepId: string, sweepDir: string, runs: number): Promise<OpenedSweepLauncher>;
}

export function queueLauncherSource(target: RedisTarget, log: (line: string) => void): SweepLauncherSource {
  return {
    describe: `runs of reproductions queued on ${target.redacted} (vecwb worker executes them)`,
    async open(sweepId, sweepDir, runs) {
      const launcher = await clusterLauncher({ target, sweepKey: clusterSweepKey(sweepId, sweepDir), log });
      return { launcher, concurrency: Math.max(1, runs), close: () => launcher.close() };
    },
  };
}
