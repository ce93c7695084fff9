// Start-up and event wiring: loads every store from the engine, restores the persisted UI state, and routes
// engine events (job list, progress, records) to the stores that show them.
import type { ApiClient } from '../../../src-shared/api/client';
import { setApiClient } from '../api';
import { useConnectionStore } from './connection';
import { useExperimentsStore } from './experiments';
import { useExportsStore } from './exports';
import { useLayoutStore } from './layout';
import { useLiveStore } from './live';
import { useModelsStore } from './models';
import { useRunsStore } from './runs';
import { useScenarioStore } from './scenario';
import { installUrlState } from './url-state';

export async function boot(client: ApiClient): Promise<() => void> {
  setApiClient(client);
  const connection = useConnectionStore();
  const layout = useLayoutStore();
  const scenario = useScenarioStore();
  const models = useModelsStore();
  const experiments = useExperimentsStore();
  const runs = useRunsStore();
  const live = useLiveStore();
  const exportsStore = useExportsStore();

  const finishedSeen = new Set<string>();
  /** Own runs already opened once: a run the user closed stays closed when later job events arrive. */
  const autoOpened = new Set<string>();
  const offs = [
    client.on('jobs.changed', ({ jobs }) => {
      experiments.setJobs(jobs);
      let finishedNow = false;
      for (const job of jobs) {
        if (!job.runId) continue;
        const running = job.state === 'running' || job.state === 'paused';
        const status = job.state === 'queued' || job.state === 'starting' ? 'running' : job.state;
        live.onStatus(job.runId, status, running);
        if (!running && !finishedSeen.has(job.jobId) && job.state !== 'queued' && job.state !== 'starting') {
          finishedSeen.add(job.jobId);
          finishedNow = true;
        }
      }
      // Runs started from this window open in the live view as soon as their folder exists (once: closing
      // one in the live view is not undone by the next job event).
      const own = experiments.ownRunIds().filter((id) => !autoOpened.has(id));
      for (const id of own) autoOpened.add(id);
      const toOpen = own.filter((id) => !layout.openRunIds.includes(id));
      if (toOpen.length > 0) layout.openRuns(toOpen);
      for (const id of layout.openRunIds) void live.ensureLoaded(id);
      if (finishedNow || own.length > 0) void runs.refresh().catch(() => {});
    }),
    client.on('job.progress', ({ jobId, progress }) => experiments.onProgress(jobId, progress)),
    client.on('run.records', ({ runId, records }) => live.onRecords(runId, records)),
  ];

  await connection.load();
  const state = await layout.load();
  await scenario.init(state.lastScenario);
  await Promise.all([models.load(), experiments.loadAlgorithms(scenario.env), experiments.refreshJobs(), runs.refresh(), exportsStore.load()]);
  for (const j of experiments.jobs) if (j.state !== 'running' && j.state !== 'paused') finishedSeen.add(j.jobId);
  if (state.lastModel) await models.select(state.lastModel).catch(() => {});
  // Runs that were open before the restart come back (those whose folder is gone are dropped).
  const known = new Set(runs.items.map((i) => i.summary.runId));
  const reopen = layout.openRunIds.filter((id) => known.has(id));
  if (reopen.length !== layout.openRunIds.length) layout.setOpenRuns(reopen);
  await Promise.all(reopen.map((id) => live.ensureLoaded(id)));
  // A shared link (#/<screen>?...) wins over the restored state; from here on the address bar follows the view.
  offs.push(await installUrlState(() => new Set(runs.items.map((i) => i.summary.runId))));

  offs.push(
    connection.watchStatus(() => {
      void experiments.refreshJobs().catch(() => {});
      void runs.refresh().catch(() => {});
      void live.reloadAll();
    }),
  );
  return () => offs.forEach((off) => off());
}
