// A run is a plain folder: config.json, metrics.jsonl (append-only, one JSON record a line), summary.json,
// checkpoints/, exports/. Writes are line-atomic or rename-atomic so a crash loses at most the line being written.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { metricRecordSchema, type MetricRecord } from '../../src-shared/metrics';
import { runConfigSchema, runSummarySchema, type RunConfig, type RunSummary } from '../../src-shared/schemas/run';
import { UserError } from '../../src-shared/errors';
import { parseWith } from '../../src-shared/validation';
import { writeFileAtomic } from '../files/atomic-write';

export const RUN_FILES = {
  config: 'config.json',
  metrics: 'metrics.jsonl',
  summary: 'summary.json',
  checkpoints: 'checkpoints',
  latestCheckpoint: path.join('checkpoints', 'latest.json'),
  exports: 'exports',
} as const;

/** Temporary files of writeJsonAtomic/truncateMetricsAfter (and of older versions: `<name>.<pid>.tmp`). */
const TMP_FILE = /\.(tmp-\d+|\d+\.tmp)$/;

/** Writes `text` to `file` through a synced temporary file and a rename: readers see the old or the new file. */
export function writeFileDurable(file: string, text: string): void {
  writeFileAtomic(file, text);
}

/** Writes JSON durably (fsync, rename), so readers never see half a file and a power loss keeps the last one. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileDurable(file, JSON.stringify(value, null, 2) + '\n');
}

/** Removes temporary files a killed writer left in the run folder, checkpoints/ and its ep-* folders (resume does this). */
export function removeStaleTempFiles(dir: string): string[] {
  const removed: string[] = [];
  const checkpoints = path.join(dir, RUN_FILES.checkpoints);
  const folders = fs.existsSync(checkpoints)
    ? fs.readdirSync(checkpoints, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(checkpoints, e.name))
    : [];
  for (const d of [dir, checkpoints, ...folders]) {
    if (!fs.existsSync(d)) continue;
    for (const name of fs.readdirSync(d)) {
      if (!TMP_FILE.test(name)) continue;
      fs.rmSync(path.join(d, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = err instanceof SyntaxError ? 'not valid JSON' : ((err as NodeJS.ErrnoException).code ?? (err as Error).message);
    throw new UserError(`cannot read ${file}: ${reason}`);
  }
}

const latestCheckpointSchema = z.object({
  episode: z.number().int().min(0).max(1_000_000),
  folder: z.string().regex(/^ep-\d{6,7}$/, 'an ep-NNNNNN folder name'),
});
export type LatestCheckpoint = z.infer<typeof latestCheckpointSchema>;

/**
 * checkpoints/latest.json of a run folder, or null when there is none; a corrupt file or one naming a missing
 * folder is a UserError naming the file (never a raw parse error).
 */
export function readLatestCheckpoint(dir: string): LatestCheckpoint | null {
  const file = path.join(dir, RUN_FILES.latestCheckpoint);
  if (!fs.existsSync(file)) return null;
  const latest = parseWith(latestCheckpointSchema, readJson(file), file);
  if (!fs.existsSync(path.join(dir, RUN_FILES.checkpoints, latest.folder))) {
    throw new UserError(`${file} names checkpoint ${latest.folder}, which does not exist`);
  }
  return latest;
}

export function isRunFolder(dir: string): boolean {
  return fs.existsSync(path.join(dir, RUN_FILES.config));
}

export function readRunConfig(dir: string): RunConfig {
  return parseWith(runConfigSchema, readJson(path.join(dir, RUN_FILES.config)), `${dir}/${RUN_FILES.config}`);
}

export function readSummary(dir: string): RunSummary | null {
  const file = path.join(dir, RUN_FILES.summary);
  if (!fs.existsSync(file)) return null;
  return parseWith(runSummarySchema, readJson(file), `${dir}/${RUN_FILES.summary}`);
}

/** Parses metrics.jsonl; a torn last line (crash mid-write) is skipped, a corrupt line elsewhere is an error. */
export function parseMetricLines(text: string, where: string): MetricRecord[] {
  const lines = text.split('\n');
  const records: MetricRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      const isLast = lines.slice(i + 1).every((l) => l.trim() === '');
      if (isLast) break;
      throw new UserError(`${where}: line ${i + 1} is not valid JSON`);
    }
    records.push(parseWith(metricRecordSchema, data, `${where} line ${i + 1}`));
  }
  return records;
}

export function readMetrics(dir: string): MetricRecord[] {
  const file = path.join(dir, RUN_FILES.metrics);
  if (!fs.existsSync(file)) return [];
  return parseMetricLines(fs.readFileSync(file, 'utf8'), file);
}

/** Summaries of every run folder directly under `root`, newest first; folders without summary are skipped. */
export function listRuns(root: string): RunSummary[] {
  if (!fs.existsSync(root)) return [];
  const out: RunSummary[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(root, entry.name);
    if (!isRunFolder(dir)) continue;
    try {
      const s = readSummary(dir);
      if (s) out.push(s);
    } catch {
      // A folder with an unreadable summary is not listed; readSummary reports why when opened directly.
    }
  }
  return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** Append-only writer of metrics.jsonl: one synchronous write per record, so every written line survives a crash. */
export class MetricsWriter {
  private fd: number | null;
  constructor(file: string) {
    this.fd = fs.openSync(file, 'a');
  }
  append(record: MetricRecord): void {
    if (this.fd === null) throw new Error('metrics writer is closed');
    fs.writeSync(this.fd, JSON.stringify(record) + '\n');
  }
  /** Idempotent: the runner closes the file before trimming it on cancel, and again when the run ends. */
  close(): void {
    if (this.fd === null) return;
    fs.closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Resume support: keeps the records of episodes <= `lastEpisode` (the last checkpoint) and drops later ones,
 * so a resumed run neither loses nor duplicates lines. The file is rewritten atomically.
 */
export function truncateMetricsAfter(dir: string, lastEpisode: number): number {
  const file = path.join(dir, RUN_FILES.metrics);
  if (!fs.existsSync(file)) return 0;
  const kept = readMetrics(dir).filter((r) => r.episode <= lastEpisode);
  writeFileDurable(file, kept.map((r) => JSON.stringify(r) + '\n').join(''));
  return kept.length;
}
