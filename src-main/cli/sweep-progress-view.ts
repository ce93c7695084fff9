// A sweep's progress on the terminal: on a TTY, a bar for the sweep (runs done, ETA) and one per live run
// (episode, ETA); otherwise a line when a run starts or ends, with the sweep's ETA.
import type { MultiBar, SingleBar as Bar } from 'cli-progress';
import type { PlannedRun } from '../../src-shared/api/experiments';
import { formatDuration } from '../../src-shared/reproduction/projection';
import type { SweepProgress } from '../../src-shared/reproduction/sweep-progress';
import type { SweepHooks } from '../engine/reproduce';
import { SweepProgressTracker } from '../engine/sweep-pool/sweep-progress';
import { loadCostTable } from '../engine/calibration-store';


export interface SweepProgressView {
  hooks: SweepHooks;
  /** Without a terminal (the bars show it all otherwise): a line as each run starts and ends, with the sweep's ETA. */
  lines: SweepHooks;
  /** Plain-line mode: the sweep's line after a run ends. */
  overallLine(): string;
  stop(): void;
}

const eta = (s: number | null) => (s === null ? '?' : formatDuration(s));

export async function sweepProgressView(planned: readonly PlannedRun[], workers: number, tty: boolean): Promise<SweepProgressView> {
  let multi: MultiBar | null = null;
  let overall: Bar | null = null;
  const bars = new Map<number, Bar>();
  if (tty) {
    const cliProgress = (await import('cli-progress')).default;
    multi = new cliProgress.MultiBar(
      { format: ' {bar} {label} | {status} | ETA {etaText}', hideCursor: true, clearOnComplete: false, stopOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    overall = multi.create(planned.length, 0, { label: 'sweep', status: `0/${planned.length} runs`, etaText: '?' });
  }
  const render = (p: SweepProgress) => {
    if (!multi || !overall) return;
    overall.update(p.completed + p.failed, { label: 'sweep', status: `${p.completed}/${p.total} runs, ${p.running.length} running on ${p.workers} worker(s)`, etaText: eta(p.etaS) });
    const liveIdx = new Set(p.running.map((r) => r.index));
    for (const [i, bar] of bars) if (!liveIdx.has(i)) {
      multi.remove(bar);
      bars.delete(i);
    }
    for (const r of p.running) {
      let bar = bars.get(r.index);
      if (!bar) {
        bar = multi.create(1000, 0, {});
        bars.set(r.index, bar);
      }
      bar.update(Math.round(r.fraction * 1000), { label: `[${r.index + 1}] ${r.label}`, status: `episode ${r.episode}/${r.episodes}`, etaText: eta(r.etaS) });
    }
  };
  let last = 0;
  const tracker = new SweepProgressTracker(planned, workers, (p) => {
    const now = Date.now();
    if (now - last < 200 && p.running.length > 0) return;
    last = now;
    render(p);
  }, loadCostTable().costs);
  const overallLine = () => {
    const p = tracker.snapshot();
    return `sweep: ${p.completed}/${p.total} runs done${p.failed ? `, ${p.failed} failed` : ''}, ${p.running.length} running, ETA ${eta(p.etaS)}`;
  };
  const lines: SweepHooks = tty
    ? {}
    : {
        onRunStart(entry, pos, total, skipped) {
          process.stderr.write(`[${pos}/${total}] ${entry.label}${skipped ? ': done earlier, kept' : ': started'}\n`);
        },
        onRunEnd(entry, pos, total) {
          const wall = entry.summary ? ` ${entry.summary.wallTimeS.toFixed(1)} s` : '';
          process.stderr.write(`[${pos}/${total}] ${entry.label} -> ${entry.status}${wall}${entry.error ? `: ${entry.error.split('\n')[0]}` : ''}\n  ${overallLine()}\n`);
        },
      };
  return {
    hooks: tracker.hooks(),
    lines,
    overallLine,
    stop() {
      render(tracker.snapshot());
      multi?.stop();
    },
  };
}
