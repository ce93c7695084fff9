// Run history: the run folders under the runs root, filtered; selection for compare/export; config diffs.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ConfigDiffRow, RunListItem } from '../../../src-shared/api/runs';
import type { RunStatus } from '../../../src-shared/schemas/run';
import { api } from '../api';

/** Case-insensitive match of every word of `text` against the run's id, name, algorithm, group and status. */
export function matchesFilter(item: RunListItem, text: string, status: RunStatus | 'all'): boolean {
  if (status !== 'all' && item.summary.status !== status) return false;
  const hay = [item.summary.runId, item.name ?? '', item.summary.algo, item.group, item.summary.status, item.summary.env]
    .join(' ')
    .toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '')
    .every((w) => hay.includes(w));
}

export const useRunsStore = defineStore('runs', () => {
  const items = ref<RunListItem[]>([]);
  const filterText = ref('');
  const statusFilter = ref<RunStatus | 'all'>('all');
  const selected = ref<string[]>([]);
  const diff = ref<ConfigDiffRow[] | null>(null);
  const diffRunIds = ref<string[]>([]);
  const loading = ref(false);
  /** Runs table: sorted column and direction, final-metric columns shown, metric of the compare overlay. */
  const sortId = ref('started');
  const sortDir = ref<'asc' | 'desc'>('desc');
  const metricColumns = ref<string[]>(['reward']);
  const compareMetric = ref('reward');

  const filtered = computed(() => items.value.filter((i) => matchesFilter(i, filterText.value, statusFilter.value)));
  /** Selected runs the filter shows: compare, open and export act on these only. */
  const selectedShown = computed(() => {
    const shown = new Set(filtered.value.map((i) => i.summary.runId));
    return selected.value.filter((id) => shown.has(id));
  });

  function sortBy(id: string): void {
    if (sortId.value === id) sortDir.value = sortDir.value === 'asc' ? 'desc' : 'asc';
    else {
      sortId.value = id;
      sortDir.value = 'asc';
    }
  }

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      items.value = await api().call('runs.list', {});
      const known = new Set(items.value.map((i) => i.summary.runId));
      selected.value = selected.value.filter((id) => known.has(id));
    } finally {
      loading.value = false;
    }
  }

  function toggle(runId: string): void {
    selected.value = selected.value.includes(runId) ? selected.value.filter((r) => r !== runId) : [...selected.value, runId];
  }

  function select(ids: string[]): void {
    selected.value = [...new Set(ids)];
  }

  async function compare(): Promise<void> {
    const ids = [...selectedShown.value];
    diff.value = await api().call('runs.compare', { runIds: ids });
    diffRunIds.value = ids;
  }

  async function resume(runId: string, episodes?: number): Promise<void> {
    await api().call('runs.resume', { runId, episodes });
    await refresh();
  }

  function byId(runId: string): RunListItem | undefined {
    return items.value.find((i) => i.summary.runId === runId);
  }

  return {
    items,
    filterText,
    statusFilter,
    selected,
    selectedShown,
    filtered,
    diff,
    diffRunIds,
    loading,
    sortId,
    sortDir,
    metricColumns,
    compareMetric,
    sortBy,
    refresh,
    toggle,
    select,
    compare,
    resume,
    byId,
  };
});
