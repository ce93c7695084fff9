// Follows a sweep's runs through runSweep's hooks and computes its progress: each live run's fraction and ETA,
// and the sweep's ETA (remaining projected run time, calibrated by the runs finished this session, spread over
// the workers, never less than the longest live run's ETA).
import type { PlannedRun } from '../../../src-shared/api/experiments';
import { ALGO_COSTS, projectRunSeconds, type AlgoCost } from '../../../src-shared/reproduction/projection';
import type { RunEta, SweepProgress } from '../../../src-shared/reproduction/sweep-progress';
import type { SweepEntry } from '../../experiments/sweep-results';
import type { SweepHooks } from '../../experiments/sweeps';

export class SweepProgressTracker {
  private readonly running = new Map<number, RunEta>();
  private readonly finished = new Map<number, { wallTimeS: number; status: string }>();
  private readonly projected: number[];
  /** Measured / projected seconds over the runs finished in this session. */
  private measured = { wall: 0, projected: 0 };

  constructor(
    private readonly planned: readonly PlannedRun[],
    private readonly workers: number,
    private readonly onChange: (p: SweepProgress) => void = () => {},
    /** Per-slot costs of the projection (calibration-store.ts: this machine's calibration over the static table). */
    costs: Readonly<Record<string, AlgoCost>> = ALGO_COSTS,
  ) {
    this.projected = planned.map((p) => projectRunSeconds(p, costs));
  }

  /** Hooks to give runSweep (merged with the caller's own by mergeHooks). */
  hooks(): SweepHooks {
    return {
      onRunStart: (entry, _pos, _total, skipped) => {
        if (skipped) this.finished.set(entry.index, { wallTimeS: entry.summary?.wallTimeS ?? 0, status: 'completed' });
        else this.running.set(entry.index, { index: entry.index, label: entry.label, episode: 0, episodes: this.planned[entry.index]?.request.episodes ?? 1, fraction: 0, elapsedS: 0, etaS: null });
        this.onChange(this.snapshot());
      },
      onRunProgress: (entry, p) => {
        const fraction = Math.min(1, Math.max(0, (p.episode - 1 + p.slot / Math.max(1, p.slots)) / Math.max(1, p.episodes)));
        this.running.set(entry.index, { index: entry.index, label: entry.label, episode: p.episode, episodes: p.episodes, fraction, elapsedS: p.elapsedS, etaS: p.etaS });
        this.onChange(this.snapshot());
      },
      onRunEnd: (entry: SweepEntry) => {
        this.running.delete(entry.index);
        const wall = entry.summary?.wallTimeS ?? 0;
        this.finished.set(entry.index, { wallTimeS: wall, status: entry.status });
        if (entry.status === 'completed' && wall > 0) {
          this.measured.wall += wall;
          this.measured.projected += this.projected[entry.index] ?? 0;
        }
        this.onChange(this.snapshot());
      },
    };
  }

  snapshot(): SweepProgress {
    const ratio = this.measured.projected > 0 ? this.measured.wall / this.measured.projected : 1;
    let left = 0;
    let longest = 0;
    this.projected.forEach((s, i) => {
      if (this.finished.has(i)) return;
      const live = this.running.get(i);
      const own = live?.etaS ?? null;
      const est = own ?? s * ratio * (1 - (live?.fraction ?? 0));
      if (live) longest = Math.max(longest, est);
      left += est;
    });
    const values = [...this.finished.values()];
    return {
      total: this.planned.length,
      completed: values.filter((v) => v.status === 'completed').length,
      failed: values.filter((v) => v.status === 'failed').length,
      running: [...this.running.values()].sort((a, b) => a.index - b.index),
      workers: this.workers,
      etaS: Math.max(longest, left / this.workers),
    };
  }
}

/** Hooks calling each of `list` in turn. */
export function mergeHooks(...list: SweepHooks[]): SweepHooks {
  const keys = ['onRecord', 'onProgress', 'onRunStart', 'onRunEnd', 'onRunRecord', 'onRunProgress'] as const;
  const out: SweepHooks = {};
  for (const k of keys) {
    const fns = list.map((h) => h[k]).filter((f): f is NonNullable<typeof f> => f !== undefined);
    if (fns.length === 0) continue;
    (out as Record<string, unknown>)[k] = (...args: unknown[]) => {
      for (const f of fns) (f as (...a: unknown[]) => void)(...args);
    };
  }
  return out;
}
