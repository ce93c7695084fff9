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

  const filtered = computed(() => items.value.filter((i) => matchesFilter(i, filterText.value, statusFilter.value)));

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
    const ids = [...selected.value];
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

  return { items, filterText, statusFilter, selected, filtered, diff, diffRunIds, loading, refresh, toggle, select, compare, resume, byId };
});
