// `vecwb runs`: the run folders under a runs folder with the status each is shown with (runStatusOf: a summary
// that says running while its process is gone is 'interrupted').
import path from 'node:path';
import type { ShownRunStatus } from '../../src-shared/run-status';
import { listRuns } from '../experiments/run-folder';
import { runStatusOf } from '../experiments/run-status';

export interface RunStatusRow {
  runId: string;
  status: ShownRunStatus;
  env: string;
  algo: string;
  seed: number;
  episodesDone: number;
  episodes: number;
  startedAt: string;
}

/** Every run folder directly under `root` (newest first) with its shown status. */
export function listRunStatuses(root: string): RunStatusRow[] {
  return listRuns(root).map((s) => {
    const dir = path.join(root, path.basename(s.dir));
    return {
      runId: path.basename(dir),
      status: runStatusOf(dir, s) ?? s.status,
      env: s.env,
      algo: s.algo,
      seed: s.seed,
      episodesDone: s.episodesDone,
      episodes: s.episodes,
      startedAt: s.startedAt,
    };
  });
}

/** The rows as a plain-text table, one run a line. */
export function formatRunStatuses(rows: readonly RunStatusRow[]): string {
  if (rows.length === 0) return 'no runs\n';
  const cells = rows.map((r) => [r.runId, r.status, r.env, r.algo, `s${r.seed}`, `${r.episodesDone}/${r.episodes}`, r.startedAt]);
  const header = ['run', 'status', 'env', 'algo', 'seed', 'episodes', 'started'];
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: readonly string[]) => row.map((v, c) => v.padEnd(widths[c])).join('  ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n') + '\n';
}
