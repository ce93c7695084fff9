// The overall progress of the runs in the queue: done / total and an ETA for all of them, from the running
// runs' own ETAs and, for queued ones, the duration of running runs like them, spread over the workers.
import type { Job } from '../../../src-shared/api/experiments';
import { isJobActive } from '../../../src-shared/api/experiments';
import type { RunProgress } from '../../../src-shared/schemas/run';

export interface OverallProgress {
  done: number;
  total: number;
  /** Seconds until every active run ends; null while no running run gives a rate. */
  etaS: number | null;
}

/** Estimated total duration of a run like `job`: from running runs of its experiment and algorithm, else any. */
function durationLike(job: Job, running: { job: Job; p: RunProgress }[]): number | null {
  const total = (r: { p: RunProgress }) => (r.p.etaS === null ? null : r.p.elapsedS + r.p.etaS);
  const pick = (f: (r: { job: Job }) => boolean) => running.filter(f).map(total).filter((v): v is number => v !== null);
  const same = pick((r) => r.job.experimentId === job.experimentId && r.job.algo === job.algo);
  const list = same.length ? same : pick((r) => r.job.experimentId === job.experimentId).length ? pick((r) => r.job.experimentId === job.experimentId) : pick(() => true);
  return list.length ? list.reduce((a, b) => a + b, 0) / list.length : null;
}

/** Jobs of this session that are active or finished (the job list's scope). */
export function overallProgress(jobs: readonly Job[], progress: Readonly<Record<string, RunProgress>>, workers: number): OverallProgress {
  const scope = jobs.filter((j) => j.state !== 'cancelled');
  const active = scope.filter((j) => isJobActive(j.state));
  const running = active.flatMap((job) => {
    const p = progress[job.jobId] ?? job.progress;
    return p && (job.state === 'running' || job.state === 'paused') ? [{ job, p }] : [];
  });
  let sum = 0;
  let longest = 0;
  let known = true;
  for (const job of active) {
    const r = running.find((x) => x.job.jobId === job.jobId);
    const remaining = r ? r.p.etaS : durationLike(job, running);
    if (remaining === null) {
      known = false;
      continue;
    }
    sum += remaining;
    longest = Math.max(longest, remaining);
  }
  const done = scope.length - active.length;
  return { done, total: scope.length, etaS: active.length === 0 ? 0 : known ? Math.max(longest, sum / Math.max(1, workers)) : null };
}
