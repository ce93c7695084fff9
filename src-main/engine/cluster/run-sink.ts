// The coordinator's copy of a remote run: its folder under <sweep>/runs/ filled from the run's Redis stream, so
// that figures, exports and the UI's live charts read it as a local run. Each metric line is written once,
// keyed by kind/episode/slot/index: a retried run (a worker lost, the run resumed elsewhere from its last
// checkpoint) sends lines again from that checkpoint on, and the repeats are dropped.
import fs from 'node:fs';
import path from 'node:path';
import type { MetricRecord } from '../../../src-shared/metrics';
import type { RunConfig, RunSummary } from '../../../src-shared/schemas/run';
import { MetricsWriter, RUN_FILES, readMetrics, writeJsonAtomic } from '../../experiments/run-folder';
import { recordKey } from './protocol';

export class RunFolderSink {
  private readonly keys: Set<string>;
  private writer: MetricsWriter | null = null;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.keys = new Set(readMetrics(dir).map(recordKey));
  }

  /** config.json as the worker wrote it (once), with this folder as the run's folder. */
  config(config: RunConfig): void {
    const file = path.join(this.dir, RUN_FILES.config);
    if (fs.existsSync(file)) return;
    writeJsonAtomic(file, { ...config, request: { ...config.request, outDir: this.dir } });
  }

  /** Appends the records not written yet; returns them. */
  records(records: readonly MetricRecord[]): MetricRecord[] {
    const fresh = records.filter((r) => {
      const k = recordKey(r);
      if (this.keys.has(k)) return false;
      this.keys.add(k);
      return true;
    });
    if (fresh.length === 0) return fresh;
    this.writer ??= new MetricsWriter(path.join(this.dir, RUN_FILES.metrics));
    for (const r of fresh) this.writer.append(r);
    return fresh;
  }

  /** summary.json with this folder as the run's folder; returns what was written. */
  summary(summary: RunSummary): RunSummary {
    const local = { ...summary, dir: this.dir };
    writeJsonAtomic(path.join(this.dir, RUN_FILES.summary), local);
    return local;
  }

  close(): void {
    this.writer?.close();
    this.writer = null;
  }
}
