// Exports of run data (XLSX, CSV) and figures (SVG, PNG), written as files under the runs folder.
import { z } from 'zod';
import { runIdSchema } from './common';

export const exportedFileSchema = z.object({
  /** Absolute path on the machine running the engine. */
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int().min(0),
  mime: z.string(),
});
export type ExportedFile = z.infer<typeof exportedFileSchema>;

export const exportDataParamsSchema = z.object({
  runIds: z.array(runIdSchema).min(1, 'choose at least one run').max(50),
  format: z.enum(['xlsx', 'csv']),
});

export const figureInfoSchema = z.object({
  id: z.string(),
  paper: z.union([z.literal(1), z.literal(2)]),
  /** As the paper numbers it, e.g. "Fig. 6b". */
  label: z.string(),
  title: z.string(),
  description: z.string(),
  /** runs: curves over episodes; sweep: values against a swept parameter; model: a DNN layer table; table: no chart. */
  source: z.enum(['runs', 'sweep', 'model', 'table']),
});
export type FigureInfo = z.infer<typeof figureInfoSchema>;

export const exportFigureParamsSchema = z.object({
  figureId: z.string().min(1),
  runIds: z.array(runIdSchema).max(50).default([]),
  format: z.enum(['svg', 'png']),
  /** Publication size in CSS pixels (PNG is rendered at `scale` times this). */
  widthPx: z.number().int().min(200, 'width must be >= 200 px').max(4000, 'width must be <= 4000 px').default(720),
  heightPx: z.number().int().min(150, 'height must be >= 150 px').max(4000, 'height must be <= 4000 px').default(480),
  /** Pixel ratio of the PNG (DPI / 96). */
  scale: z.number().min(1).max(8).default(2),
  /** Title inside the figure (papers usually put it in the caption). */
  showTitle: z.boolean().default(true),
  /**
   * Multiplies text sizes and line widths; absent: grows with the size (width / 720, at least 1), so a large
   * figure keeps the proportions of the 720 x 480 one instead of getting tiny text.
   */
  fontScale: z.number().min(0.5).max(6).optional(),
  /** Trailing moving-average window in episodes, as on screen (absent: the figure's default). */
  window: z.number().int().min(1).max(500).optional(),
  /** Value axis of sweep figures: 'auto' = log10 when the plotted means span 100x or more. */
  yScale: z.enum(['auto', 'linear', 'log']).default('auto'),
  /** Only runs of this algorithm (figures of one method). */
  algo: z.string().optional(),
  /** For model figures (Fig. 1): a preset's name ... */
  modelName: z.string().optional(),
  /** ... or a custom layer table (validated like every model). */
  model: z.unknown().optional(),
});
export type ExportFigureParams = z.infer<typeof exportFigureParamsSchema>;

/** The font scale of a figure `widthPx` wide when none is given: width / 720, at least 1. */
export function autoFontScale(widthPx: number): number {
  return Math.max(1, Math.round((widthPx / 720) * 100) / 100);
}

/** The data a figure plots (its tables, the same builder and options as the drawing) as XLSX or CSV. */
export const exportFigureDataParamsSchema = z.object({
  figureId: z.string().min(1),
  runIds: z.array(runIdSchema).max(50).default([]),
  format: z.enum(['xlsx', 'csv']),
  window: z.number().int().min(1).max(500).optional(),
  algo: z.string().optional(),
  modelName: z.string().optional(),
  model: z.unknown().optional(),
});

/** Several exported files (under the runs folder) packed into one zip, for one download. */
export const exportZipParamsSchema = z.object({
  paths: z.array(z.string().min(1)).min(1, 'nothing to pack').max(2000),
  /** File name of the zip, without folder (".zip" appended when missing). */
  name: z.string().min(1).max(120).regex(/^[A-Za-z0-9._ -]+$/, 'letters, digits, dot, dash, underscore and space only'),
});

export const readExportParamsSchema = z.object({ path: z.string().min(1) });
export const readExportResultSchema = z.object({
  fileName: z.string(),
  mime: z.string(),
  /** File content, base64-encoded (both transports carry it the same way). */
  base64: z.string(),
});

/** Largest exported file the API hands back through export.read. */
export const MAX_EXPORT_READ_BYTES = 32 * 1024 * 1024;
