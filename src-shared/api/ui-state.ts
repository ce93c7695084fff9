// What the UI remembers across restarts: last scenario, open runs, layout. Stored by the engine in one JSON file.
import { z } from 'zod';
import { envIdSchema } from '../schemas/run';
import { scenarioObjectSchema } from './common';

export const viewIds = ['home', 'models', 'vehicles', 'experiments', 'live', 'runs', 'export', 'reproduce'] as const;
export const viewIdSchema = z.enum(viewIds);
export type ViewId = z.infer<typeof viewIdSchema>;

const layoutFields = {
  activeView: viewIdSchema,
  sidebarCollapsed: z.boolean(),
  /** Trailing moving-average window of the live curves, in episodes (1 = raw). */
  smoothingWindow: z.number().int().min(1).max(500),
  /** Charts per row on the live screen. */
  chartColumns: z.number().int().min(1).max(3),
  /** Electron window bounds (ignored by the web shell). */
  window: z
    .object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(400), height: z.number().int().min(300) })
    .nullable(),
};

export const layoutSchema = z.object({
  activeView: layoutFields.activeView.default('home'),
  sidebarCollapsed: layoutFields.sidebarCollapsed.default(false),
  smoothingWindow: layoutFields.smoothingWindow.default(10),
  chartColumns: layoutFields.chartColumns.default(2),
  window: layoutFields.window.default(null),
});
export type Layout = z.infer<typeof layoutSchema>;

export const uiStateSchema = z.object({
  version: z.literal(1).default(1),
  lastScenario: z.object({ env: envIdSchema, scenario: scenarioObjectSchema, presetId: z.string().nullable(), edited: z.boolean().optional() }).nullable().default(null),
  /** Name of the model last opened in the DNN model editor. */
  lastModel: z.string().nullable().default(null),
  /** Runs shown on the live/compare screens. */
  openRunIds: z.array(z.string()).max(50).default([]),
  layout: layoutSchema.prefault({}),
  /** True once the user started (or dismissed) the first demo run. */
  demoDone: z.boolean().default(false),
});
export type UiState = z.infer<typeof uiStateSchema>;
export type UiStateInput = z.input<typeof uiStateSchema>;

/** A partial update: top-level keys replace, `layout` merges (no defaults here, absent keys stay as they are). */
export const uiStatePatchSchema = z.object({
  lastScenario: z.object({ env: envIdSchema, scenario: scenarioObjectSchema, presetId: z.string().nullable(), edited: z.boolean().optional() }).nullable().optional(),
  lastModel: z.string().nullable().optional(),
  openRunIds: z.array(z.string()).max(50).optional(),
  layout: z.object(layoutFields).partial().optional(),
  demoDone: z.boolean().optional(),
});
export type UiStatePatch = z.infer<typeof uiStatePatchSchema>;

export function applyUiStatePatch(state: UiState, patch: UiStatePatch): UiState {
  return uiStateSchema.parse({
    ...state,
    ...Object.fromEntries(Object.entries(patch).filter(([k, v]) => k !== 'layout' && v !== undefined)),
    layout: { ...state.layout, ...(patch.layout ?? {}) },
  });
}
