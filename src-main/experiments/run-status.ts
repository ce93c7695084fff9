// runStatusOf: the status of a run folder as every shell shows it (src-shared/run-status.ts), from its summary.json
// and whether the process named by its run.lock is still alive.
import type { RunSummary } from '../../src-shared/schemas/run';
import { shownRunStatus, type ShownRunStatus } from '../../src-shared/run-status';
import { readSummary } from './run-folder';
import { runLockHolder } from './run-lock';

/** The shown status of the run in `dir` ('interrupted' when it says running but its process is gone); null without summary. */
export function runStatusOf(dir: string, summary: RunSummary | null = readSummary(dir)): ShownRunStatus | null {
  if (summary === null) return null;
  return shownRunStatus(summary.status, runLockHolder(dir) !== null);
}
