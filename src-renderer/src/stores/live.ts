// Live results: metric records of the open runs, loaded once from the run folder (runs.get) and then kept up
// to date from run.records events, turned into FigureRuns for the shared chart builders. Records are held in
// non-reactive arrays; a version counter tells the charts to rebuild (at most every REDRAW_MS).
import { defineStore } from 'pinia';
import { markRaw, ref } from 'vue';
import { toFigureRun } from '../../../src-shared/api/figure-runs';
import type { RunListItem } from '../../../src-shared/api/runs';
import type { FigureRun } from '../../../src-shared/charts/run-data';
import type { EpisodeRecord, EvalRecord, MetricRecord, SlotRecord } from '../../../src-shared/metrics';
import type { RunConfig } from '../../../src-shared/schemas/run';
import { api } from '../api';

export const REDRAW_MS = 500;

export interface LiveRun {
  item: RunListItem;
  config: RunConfig;
  episodes: EpisodeRecord[];
  /** Slot records of the latest episode seen. */
  slots: SlotRecord[];
  /** Exploration-off evaluation episodes (after training episode `episode`, `index`-th of that point). */
  evals: EvalRecord[];
  figureRun: FigureRun;
}

/** Appends records in order, ignoring those already present (an event may repeat what runs.get returned). */
export function mergeRecords(run: { episodes: EpisodeRecord[]; slots: SlotRecord[]; evals: EvalRecord[] }, records: readonly MetricRecord[]): boolean {
  let changed = false;
  for (const r of records) {
    if (r.kind === 'eval') {
      const last = run.evals[run.evals.length - 1];
      if (last && (r.episode < last.episode || (r.episode === last.episode && r.index <= last.index))) continue;
      run.evals.push(r);
      changed = true;
    } else if (r.kind === 'episode') {
      const last = run.episodes[run.episodes.length - 1];
      if (last && r.episode <= last.episode) continue;
      run.episodes.push(r);
      changed = true;
    } else if (r.kind === 'slot') {
      const last = run.slots[run.slots.length - 1];
      if (last && (r.episode < last.episode || (r.episode === last.episode && r.slot <= last.slot))) continue;
      if (last && r.episode > last.episode) run.slots.length = 0;
      run.slots.push(r);
      changed = true;
    }
  }
  return changed;
}

export const useLiveStore = defineStore('live', () => {
  const runs = ref<Record<string, LiveRun>>({});
  const version = ref(0);
  const loadErrors = ref<Record<string, string>>({});
  const loading = new Map<string, Promise<void>>();
  const buffered = new Map<string, MetricRecord[]>();
  let redrawTimer: ReturnType<typeof setTimeout> | null = null;

  function bump(immediate = false): void {
    if (immediate) {
      if (redrawTimer) clearTimeout(redrawTimer);
      redrawTimer = null;
      version.value++;
      return;
    }
    if (redrawTimer) return;
    redrawTimer = setTimeout(() => {
      redrawTimer = null;
      version.value++;
    }, REDRAW_MS);
  }

  function rebuildFigureRun(run: LiveRun): void {
    // Evaluation and slot records after the episodes: builders pick records by kind, so the order does not matter.
    run.figureRun = markRaw(toFigureRun(run.item.summary.runId, run.config, run.item.tags, [...run.episodes, ...run.evals, ...run.slots], { slots: true }));
  }

  /** Loads a run's records (once); later records arrive by event. */
  function ensureLoaded(runId: string): Promise<void> {
    if (runs.value[runId]) return Promise.resolve();
    const existing = loading.get(runId);
    if (existing) return existing;
    const p = (async () => {
      try {
        const detail = await api().call('runs.get', { runId, slots: 'last-episode' });
        const run: LiveRun = markRaw({
          item: detail.item,
          config: detail.config,
          episodes: detail.episodes,
          slots: detail.slots,
          evals: detail.evals,
          figureRun: null as unknown as FigureRun,
        });
        mergeRecords(run, buffered.get(runId) ?? []);
        buffered.delete(runId);
        rebuildFigureRun(run);
        runs.value = { ...runs.value, [runId]: run };
        const { [runId]: _gone, ...rest } = loadErrors.value;
        loadErrors.value = rest;
        bump(true);
      } catch (err) {
        loadErrors.value = { ...loadErrors.value, [runId]: err instanceof Error ? err.message : String(err) };
      } finally {
        loading.delete(runId);
      }
    })();
    loading.set(runId, p);
    return p;
  }

  /** run.records event: appended to a loaded run, buffered for one being loaded, ignored otherwise. */
  function onRecords(runId: string, records: MetricRecord[]): void {
    const run = runs.value[runId];
    if (run) {
      if (mergeRecords(run, records)) {
        rebuildFigureRun(run);
        bump();
      }
    } else if (loading.has(runId)) {
      buffered.set(runId, [...(buffered.get(runId) ?? []), ...records]);
    }
  }

  /** Status changes of a run (from the job list) so legends and badges follow. */
  function onStatus(runId: string, status: RunListItem['summary']['status'], live: boolean): void {
    const run = runs.value[runId];
    if (!run || (run.item.summary.status === status && run.item.live === live)) return;
    run.item = { ...run.item, summary: { ...run.item.summary, status }, live };
    bump();
  }

  /** Drops runs no longer open. */
  function retain(runIds: string[]): void {
    const keep = new Set(runIds);
    const next: Record<string, LiveRun> = {};
    for (const [id, run] of Object.entries(runs.value)) if (keep.has(id)) next[id] = run;
    runs.value = next;
  }

  /** Reloads every open run from its folder (after a reconnect, events may have been missed). */
  async function reloadAll(): Promise<void> {
    const ids = Object.keys(runs.value);
    runs.value = {};
    await Promise.all(ids.map((id) => ensureLoaded(id)));
  }

  function figureRuns(runIds: string[]): FigureRun[] {
    return runIds.map((id) => runs.value[id]?.figureRun).filter((r): r is FigureRun => r !== undefined);
  }

  return { runs, version, loadErrors, ensureLoaded, onRecords, onStatus, retain, reloadAll, figureRuns, bump };
});
