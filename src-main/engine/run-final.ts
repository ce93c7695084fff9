// The final metrics of a run for the runs table: the scalar values of the last episode line of metrics.jsonl,
// read from the end of the file (slot lines make the file large) and cached per file size and mtime.
import fs from 'node:fs';
import path from 'node:path';
import { RUN_FILES } from '../experiments/run-folder';

const CHUNK = 64 * 1024;
/** Gives up after this many bytes from the end (a run with no episode line yet near the end). */
const MAX_SCAN = 8 * 1024 * 1024;

const cache = new Map<string, { size: number; mtimeMs: number; values: Record<string, number> }>();

/** Scalar values of the last `"kind":"episode"` line in `text` lines, or null. */
export function lastEpisodeValues(lines: readonly string[]): Record<string, number> | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (!line.includes('"episode"') || !line.includes('"kind":"episode"')) continue;
    try {
      const rec = JSON.parse(line) as { kind?: unknown; values?: Record<string, unknown> };
      if (rec.kind !== 'episode' || !rec.values) continue;
      const out: Record<string, number> = {};
      for (const [k, v] of Object.entries(rec.values)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
      return out;
    } catch {
      // a torn line (crash mid-write): look further up
    }
  }
  return null;
}

/** The last episode's scalar metrics of the run in `dir` ({} before its first episode). */
export function finalMetrics(dir: string): Record<string, number> {
  const file = path.join(dir, RUN_FILES.metrics);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return {};
  }
  const hit = cache.get(file);
  if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.values;
  const fd = fs.openSync(file, 'r');
  let values: Record<string, number> = {};
  try {
    let end = stat.size;
    let tail = '';
    while (end > 0 && stat.size - end < MAX_SCAN) {
      const start = Math.max(0, end - CHUNK);
      const buf = Buffer.alloc(end - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      tail = buf.toString('utf8') + tail;
      end = start;
      // The first line of the window may be cut: parse only the complete lines after it (all of them at the start).
      const lines = tail.split('\n');
      const found = lastEpisodeValues(end === 0 ? lines : lines.slice(1));
      if (found) {
        values = found;
        break;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  cache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, values });
  return values;
}
