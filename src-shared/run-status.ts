// The status a run is shown with. summary.json says "running" (or "paused") while a process works on the run; if
// that process is gone (killed, crashed, the machine restarted) nobody will ever update it, so the run is shown
// as "interrupted" (resumable). The one rule for the CLI, the engine's run list and the UI.
import { z } from 'zod';
import { runStatusSchema, type RunStatus } from './schemas/run';

export const shownRunStatusSchema = z.enum([...runStatusSchema.options, 'interrupted']);
export type ShownRunStatus = z.infer<typeof shownRunStatusSchema>;

/** `status` from summary.json as shown, given whether a live process holds the run (its run.lock owner). */
export function shownRunStatus(status: RunStatus, heldByLiveProcess: boolean): ShownRunStatus {
  return !heldByLiveProcess && (status === 'running' || status === 'paused') ? 'interrupted' : status;
}
