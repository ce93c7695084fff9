// Lock and stalled-check timings of the cluster workers, from the environment (tests and impatient clusters
// shorten them): VECWB_CLUSTER_LOCK_MS (a lost worker's run is taken over after about this; default 30000).
import { UserError } from '../../../src-shared/errors';
import type { ClusterTimings } from './worker';

export function clusterTimingsFromEnv(env: NodeJS.ProcessEnv): Partial<ClusterTimings> {
  const raw = env.VECWB_CLUSTER_LOCK_MS;
  if (raw === undefined || raw === '') return {};
  const ms = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(ms >= 500)) throw new UserError(`VECWB_CLUSTER_LOCK_MS: got '${raw}'; a whole number of milliseconds >= 500`);
  return { lockDurationMs: ms, stalledIntervalMs: Math.max(250, Math.floor(ms / 2)) };
}
