// The metric lines one attempt of a cluster run sends to the run's stream. A run process writes each line to
// metrics.jsonl in the shared run folder at once, but its parent (the worker) hears of it in batches and writes
// it to Redis later still: a worker killed in between leaves lines in the folder, possibly kept by a checkpoint
// written after them, that never reached the stream. The attempt resuming the run continues after that
// checkpoint and would never send them again; the coordinator's copy would lack them for good. So a resumed
// attempt first replays the folder's lines as the resume left them (trimmed to its checkpoint), then what the
// run process reports. Lines the coordinator holds already are dropped there (RunFolderSink, by recordKey).
import type { MetricRecord } from '../../../src-shared/metrics';
import { readMetrics } from '../../experiments/run-folder';

/** Lines per stream entry when a resumed attempt replays its folder. */
const REPLAY_CHUNK = 500;

export class AttemptRecords {
  /** Lines reported before the run process opened the folder (a resume trims it then): held until started(). */
  private held: MetricRecord[] | null;

  constructor(
    private readonly dir: string,
    resumed: boolean,
    private readonly send: (records: MetricRecord[]) => void,
  ) {
    this.held = resumed ? [] : null;
  }

  /**
   * The run process has opened the run folder: on a resume, its metrics.jsonl now holds the lines up to the
   * checkpoint it continues from (and maybe this attempt's first ones, each written before it is reported).
   * Sends them all, then the lines held meanwhile (repeats of the folder's, dropped by the coordinator).
   */
  started(): void {
    if (this.held === null) return;
    const held = this.held;
    this.held = null;
    let kept: MetricRecord[] = [];
    try {
      kept = readMetrics(this.dir);
    } finally {
      // In pieces: a long run's folder can hold many thousand lines; one stream entry stays small.
      for (let i = 0; i < kept.length; i += REPLAY_CHUNK) this.send(kept.slice(i, i + REPLAY_CHUNK));
      if (held.length > 0) this.send(held);
    }
  }

  /** Lines the run process reported. */
  records(records: MetricRecord[]): void {
    if (this.held) this.held.push(...records);
    else this.send(records);
  }
}
