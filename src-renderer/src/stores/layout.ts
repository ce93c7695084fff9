// Layout and the persisted UI state (active view, open runs, smoothing, columns): restored at start-up and
// written back through state.update (debounced), so it survives a restart of the app or the server.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { UiState, UiStatePatch, ViewId } from '../../../src-shared/api/ui-state';
import { uiStateSchema } from '../../../src-shared/api/ui-state';
import { api } from '../api';
import { debounced } from './debounce';

export const PERSIST_DELAY_MS = 300;

export const useLayoutStore = defineStore('layout', () => {
  const state = ref<UiState>(uiStateSchema.parse({}));
  const loaded = ref(false);
  let pending: UiStatePatch = {};

  const persist = debounced(async () => {
    const patch = pending;
    pending = {};
    if (Object.keys(patch).length === 0) return;
    // The local state is already up to date; the engine's copy is what the next start-up restores.
    await api().call('state.update', patch);
  }, PERSIST_DELAY_MS);

  function queue(patch: UiStatePatch): void {
    pending = { ...pending, ...patch, layout: { ...(pending.layout ?? {}), ...(patch.layout ?? {}) } };
    if (Object.keys(pending.layout ?? {}).length === 0) delete pending.layout;
    persist();
  }

  async function load(): Promise<UiState> {
    state.value = await api().call('state.get', {});
    loaded.value = true;
    return state.value;
  }

  const activeView = computed(() => state.value.layout.activeView);
  const openRunIds = computed(() => state.value.openRunIds);
  const smoothingWindow = computed(() => state.value.layout.smoothingWindow);
  const chartColumns = computed(() => state.value.layout.chartColumns);
  const sidebarCollapsed = computed(() => state.value.layout.sidebarCollapsed);

  function setView(view: ViewId): void {
    state.value.layout.activeView = view;
    queue({ layout: { activeView: view } });
  }

  function setSmoothing(window: number): void {
    const w = Math.max(1, Math.min(500, Math.round(window)));
    state.value.layout.smoothingWindow = w;
    queue({ layout: { smoothingWindow: w } });
  }

  function setColumns(n: number): void {
    const c = Math.max(1, Math.min(3, Math.round(n)));
    state.value.layout.chartColumns = c;
    queue({ layout: { chartColumns: c } });
  }

  function toggleSidebar(): void {
    state.value.layout.sidebarCollapsed = !state.value.layout.sidebarCollapsed;
    queue({ layout: { sidebarCollapsed: state.value.layout.sidebarCollapsed } });
  }

  function openRuns(ids: string[]): void {
    const next = [...state.value.openRunIds];
    for (const id of ids) if (!next.includes(id)) next.push(id);
    const trimmed = next.slice(-50);
    state.value.openRunIds = trimmed;
    queue({ openRunIds: trimmed });
  }

  function closeRun(id: string): void {
    state.value.openRunIds = state.value.openRunIds.filter((r) => r !== id);
    queue({ openRunIds: state.value.openRunIds });
  }

  function setOpenRuns(ids: string[]): void {
    state.value.openRunIds = ids.slice(-50);
    queue({ openRunIds: state.value.openRunIds });
  }

  function markDemoDone(): void {
    state.value.demoDone = true;
    queue({ demoDone: true });
  }

  return {
    state,
    loaded,
    activeView,
    openRunIds,
    smoothingWindow,
    chartColumns,
    sidebarCollapsed,
    load,
    queue,
    flush: () => persist.flush(),
    setView,
    setSmoothing,
    setColumns,
    toggleSidebar,
    openRuns,
    closeRun,
    setOpenRuns,
    markDemoDone,
  };
});
