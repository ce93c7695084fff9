// How the live screen shows the open runs: group-by fields, runs hidden by hand or by the regex filter, the
// group whose queues are drawn (per paper), the metric explorer, log scale and density. Kept for the session.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MetricX } from '../../../src-shared/charts/metric-chart';

export type Paper = 'p1' | 'p2';

/** The filter as a case-insensitive regular expression; an invalid one is reported, not thrown. */
export function parseRunFilter(text: string): { re: RegExp | null; error: string | null } {
  if (text.trim() === '') return { re: null, error: null };
  try {
    return { re: new RegExp(text, 'i'), error: null };
  } catch (err) {
    return { re: null, error: `filter: not a regular expression (${err instanceof Error ? err.message : String(err)})` };
  }
}

export const useLiveViewStore = defineStore('liveView', () => {
  /** Fields to group by; null = every field that differs among the open runs except the seed. */
  const groupBy = ref<string[] | null>(null);
  const hidden = ref<string[]>([]);
  const filterText = ref('');
  const queueGroup = ref<Record<Paper, string>>({ p1: '', p2: '' });
  const metric = ref<Record<Paper, string>>({ p1: 'completionTimeSumS', p2: 'costMean' });
  const metricX = ref<MetricX>('episode');
  const logY = ref(false);
  const compact = ref(true);

  const filter = computed(() => parseRunFilter(filterText.value));

  function toggleHidden(runId: string): void {
    hidden.value = hidden.value.includes(runId) ? hidden.value.filter((r) => r !== runId) : [...hidden.value, runId];
  }

  function setGroupField(field: string, on: boolean, current: string[]): void {
    const next = new Set(current);
    if (on) next.add(field);
    else next.delete(field);
    groupBy.value = [...next];
  }

  return { groupBy, hidden, filterText, filter, queueGroup, metric, metricX, logY, compact, toggleHidden, setGroupField };
});
