// Export screen: figure catalogue, figure and data exports through the engine, downloads of the written files.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ExportedFile, FigureInfo } from '../../../src-shared/api/exports';
import { api } from '../api';

/** Publication sizes in CSS pixels (PNG is written at 2x). */
export const FIGURE_SIZES = [
  { id: 'single', label: 'Single column (720 x 480)', widthPx: 720, heightPx: 480 },
  { id: 'double', label: 'Double column (1440 x 600)', widthPx: 1440, heightPx: 600 },
  { id: 'square', label: 'Square (600 x 600)', widthPx: 600, heightPx: 600 },
] as const;

export const useExportsStore = defineStore('exports', () => {
  const figures = ref<FigureInfo[]>([]);
  const figureId = ref('p1-fig6b');
  const format = ref<'svg' | 'png'>('svg');
  const sizeId = ref<(typeof FIGURE_SIZES)[number]['id']>('single');
  const modelName = ref('VGG16');
  const files = ref<ExportedFile[]>([]);
  const busy = ref(false);

  async function load(): Promise<void> {
    figures.value = await api().call('figures.list', {});
  }

  function remember(list: ExportedFile[]): void {
    files.value = [...list, ...files.value].slice(0, 30);
  }

  async function exportFigure(runIds: string[], window?: number, model?: unknown): Promise<ExportedFile> {
    busy.value = true;
    try {
      const size = FIGURE_SIZES.find((s) => s.id === sizeId.value) ?? FIGURE_SIZES[0];
      const file = await api().call('export.figure', {
        figureId: figureId.value,
        runIds,
        format: format.value,
        widthPx: size.widthPx,
        heightPx: size.heightPx,
        window,
        modelName: modelName.value,
        model,
      });
      remember([file]);
      return file;
    } finally {
      busy.value = false;
    }
  }

  async function exportData(runIds: string[], dataFormat: 'xlsx' | 'csv'): Promise<ExportedFile[]> {
    busy.value = true;
    try {
      const list = await api().call('export.data', { runIds, format: dataFormat });
      remember(list);
      return list;
    } finally {
      busy.value = false;
    }
  }

  async function read(file: ExportedFile): Promise<{ fileName: string; mime: string; base64: string }> {
    return api().call('export.read', { path: file.path });
  }

  return { figures, figureId, format, sizeId, modelName, files, busy, load, exportFigure, exportData, read };
});
