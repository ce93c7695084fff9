// Export screen: figure catalogue, figure and data exports through the engine (size, DPI, font scale, title),
// the plotted data of a figure, one download per click (several files travel as one zip).
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { autoFontScale, type ExportedFile, type FigureInfo } from '../../../src-shared/api/exports';
import { api } from '../api';
import { base64ToBytes, saveBytes } from '../api/download';

/** Publication sizes in CSS pixels; 'custom' takes the width and height fields. */
export const FIGURE_SIZES = [
  { id: 'single', label: 'Single column (720 x 480)', widthPx: 720, heightPx: 480 },
  { id: 'double', label: 'Double column (1440 x 600)', widthPx: 1440, heightPx: 600 },
  { id: 'square', label: 'Square (600 x 600)', widthPx: 600, heightPx: 600 },
  { id: 'custom', label: 'Custom…', widthPx: 0, heightPx: 0 },
] as const;
export type FigureSizeId = (typeof FIGURE_SIZES)[number]['id'];

/** Exports remembered on the screen (each with every file it wrote). */
export const MAX_BATCHES = 30;

/** PNG resolutions: pixel ratio = DPI / 96 (the CSS pixel). */
export const DPI_CHOICES = [96, 150, 192, 300, 600] as const;

export const useExportsStore = defineStore('exports', () => {
  const figures = ref<FigureInfo[]>([]);
  const figureId = ref('p1-fig6b');
  const format = ref<'svg' | 'png'>('svg');
  const sizeId = ref<FigureSizeId>('single');
  const customWidth = ref(1000);
  const customHeight = ref(600);
  const dpi = ref<number>(192);
  /** null: grows with the width (autoFontScale). */
  const fontScale = ref<number | null>(null);
  const showTitle = ref(true);
  /** Value axis of sweep figures (auto: log when the values span 100x or more). */
  const yScale = ref<'auto' | 'linear' | 'log'>('auto');
  const modelName = ref('VGG16');
  /** Runs to export; null until the screen (or the URL) chose them (then: the open runs). */
  const chosen = ref<string[] | null>(null);
  /** What each export wrote, newest first; every file is kept (a CSV export of many runs writes hundreds). */
  const batches = ref<{ id: number; label: string; files: ExportedFile[] }[]>([]);
  const files = computed(() => batches.value.flatMap((b) => b.files));
  let batchId = 0;
  const busy = ref(false);

  const size = computed(() => {
    const preset = FIGURE_SIZES.find((s) => s.id === sizeId.value) ?? FIGURE_SIZES[0];
    return preset.id === 'custom' ? { widthPx: Math.round(customWidth.value), heightPx: Math.round(customHeight.value) } : { widthPx: preset.widthPx, heightPx: preset.heightPx };
  });
  const effectiveFontScale = computed(() => fontScale.value ?? autoFontScale(size.value.widthPx));
  /** Pixels of the PNG the current settings write. */
  const pngPixels = computed(() => ({ width: Math.round(size.value.widthPx * (dpi.value / 96)), height: Math.round(size.value.heightPx * (dpi.value / 96)) }));

  async function load(): Promise<void> {
    figures.value = await api().call('figures.list', {});
  }

  /** Keeps the files of one export, as one batch (at most MAX_BATCHES batches, each with all its files). */
  function remember(list: ExportedFile[], label = list.length === 1 ? list[0].fileName : `${list.length} files`): void {
    batches.value = [{ id: ++batchId, label, files: list }, ...batches.value].slice(0, MAX_BATCHES);
  }

  async function download(file: ExportedFile): Promise<void> {
    const data = await api().call('export.read', { path: file.path });
    saveBytes(data.fileName, data.mime, base64ToBytes(data.base64));
  }

  /** One file downloads as is; several are packed into one zip first. Returns what was downloaded. */
  async function downloadAll(list: ExportedFile[], zipName: string): Promise<ExportedFile> {
    if (list.length === 1) {
      await download(list[0]);
      return list[0];
    }
    const zip = await api().call('export.zip', { paths: list.map((f) => f.path), name: zipName });
    remember([zip], `${zip.fileName} (the ${list.length} files below, zipped)`);
    await download(zip);
    return zip;
  }

  async function withBusy<T>(fn: () => Promise<T>): Promise<T> {
    busy.value = true;
    try {
      return await fn();
    } finally {
      busy.value = false;
    }
  }

  function exportFigure(runIds: string[], window?: number, model?: unknown): Promise<ExportedFile> {
    return withBusy(async () => {
      const file = await api().call('export.figure', {
        figureId: figureId.value,
        runIds,
        format: format.value,
        ...size.value,
        scale: dpi.value / 96,
        showTitle: showTitle.value,
        yScale: yScale.value,
        fontScale: fontScale.value ?? undefined,
        window,
        modelName: modelName.value,
        model,
      });
      remember([file]);
      await download(file);
      return file;
    });
  }

  function exportFigureData(runIds: string[], dataFormat: 'xlsx' | 'csv', window?: number, model?: unknown): Promise<ExportedFile> {
    return withBusy(async () => {
      const file = await api().call('export.figureData', { figureId: figureId.value, runIds, format: dataFormat, window, modelName: modelName.value, model });
      remember([file]);
      await download(file);
      return file;
    });
  }

  function exportData(runIds: string[], dataFormat: 'xlsx' | 'csv'): Promise<{ files: ExportedFile[]; downloaded: ExportedFile }> {
    return withBusy(async () => {
      const list = await api().call('export.data', { runIds, format: dataFormat });
      remember(list, `${dataFormat.toUpperCase()} of ${runIds.length} run(s): ${list.length} file(s)`);
      const downloaded = await downloadAll(list, `runs-${runIds.length}-${dataFormat}`);
      return { files: list, downloaded };
    });
  }

  return {
    figures,
    figureId,
    format,
    sizeId,
    customWidth,
    customHeight,
    dpi,
    fontScale,
    showTitle,
    yScale,
    modelName,
    chosen,
    files,
    batches,
    busy,
    size,
    effectiveFontScale,
    pngPixels,
    load,
    download,
    downloadAll,
    exportFigure,
    exportFigureData,
    exportData,
  };
});
