// Reproduce screen: the paper experiments with their scales and reproduction states (kept current by
// reproduce.changed events), the chosen scale per experiment, the open report, and file downloads.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ReproduceScale, ReproductionItem, ReproductionReport } from '../../../src-shared/api/reproduce';
import { api } from '../api';
import { base64ToBytes, saveBytes } from '../api/download';

export const useReproduceStore = defineStore('reproduce', () => {
  const items = ref<ReproductionItem[]>([]);
  /** Scale chosen per experiment (default smoke: the one that finishes in about a minute). */
  const scales = ref<Record<string, ReproduceScale>>({});
  const report = shallowRef<ReproductionReport | null>(null);
  const reportKey = ref<{ experiment: string; scale: ReproduceScale } | null>(null);
  /** data: URLs of figure SVGs (thumbnails and report figures), by absolute path and file time. */
  const images = ref<Record<string, string>>({});
  let subscribed = false;

  function upsert(item: ReproductionItem): void {
    const i = items.value.findIndex((x) => x.experiment === item.experiment);
    if (i >= 0) items.value.splice(i, 1, item);
    else items.value.push(item);
    const key = reportKey.value;
    const s = item.scales.find((x) => key && x.scale === key.scale);
    // A reproduction that just finished refreshes its open report.
    if (key && key.experiment === item.experiment && s?.hasReport && s.status !== 'running') void openReport(key.experiment, key.scale);
  }

  async function load(): Promise<void> {
    if (!subscribed) {
      subscribed = true;
      api().on('reproduce.changed', upsert);
    }
    items.value = await api().call('reproduce.list', {});
  }

  function scaleOf(experiment: string): ReproduceScale {
    return scales.value[experiment] ?? 'smoke';
  }

  function setScale(experiment: string, scale: ReproduceScale): void {
    scales.value = { ...scales.value, [experiment]: scale };
  }

  async function start(experiment: string): Promise<void> {
    upsert(await api().call('reproduce.start', { experiment, scale: scaleOf(experiment) }));
  }

  async function cancel(experiment: string): Promise<void> {
    upsert(await api().call('reproduce.cancel', { experiment, scale: scaleOf(experiment) }));
  }

  async function image(path: string): Promise<string> {
    const cached = images.value[path];
    if (cached) return cached;
    const file = await api().call('export.read', { path });
    const url = `data:${file.mime};base64,${file.base64}`;
    images.value = { ...images.value, [path]: url };
    return url;
  }

  async function openReport(experiment: string, scale: ReproduceScale): Promise<void> {
    const r = await api().call('reproduce.report', { experiment, scale });
    // Figures may have been redrawn: forget their cached images.
    const next = { ...images.value };
    for (const f of r.files.figures) if (f.svg) delete next[f.svg];
    images.value = next;
    reportKey.value = { experiment, scale };
    report.value = r;
  }

  function closeReport(): void {
    report.value = null;
    reportKey.value = null;
  }

  async function download(path: string): Promise<void> {
    const file = await api().call('export.read', { path });
    saveBytes(file.fileName, file.mime, base64ToBytes(file.base64));
  }

  return { items, scales, report, reportKey, images, load, scaleOf, setScale, start, cancel, image, openReport, closeReport, download };
});
