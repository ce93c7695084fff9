// Scenario presets, validation results and the road/vehicle preview the Vehicles & RSUs screen scrubs through.
import { z } from 'zod';
import { envIdSchema } from '../schemas/run';
import { issueSchema, scenarioObjectSchema } from './common';

export const scenarioPresetSchema = z.object({
  id: z.string(),
  env: envIdSchema,
  label: z.string(),
  description: z.string(),
  /** Partial scenario object; the env schema fills the defaults. */
  scenario: scenarioObjectSchema,
  /** Sweep values the figure varies (the Experiments form fills them in when the preset is chosen). */
  sweep: z.partialRecord(z.enum(['lyapunovV', 'cvCount', 'svCount', 'denoisingSteps']), z.array(z.number())).optional(),
});
export type ScenarioPreset = z.infer<typeof scenarioPresetSchema>;

export const validateScenarioResultSchema = z.object({
  ok: z.boolean(),
  issues: z.array(issueSchema),
  /** The scenario with every default filled in, when valid. */
  scenario: scenarioObjectSchema.nullable(),
});
export type ValidateScenarioResult = z.infer<typeof validateScenarioResultSchema>;

export const vehiclePathSchema = z.object({
  id: z.string(),
  role: z.enum(['cv', 'sv']),
  /** Positions in metres per slot (index t-1). */
  x: z.array(z.number()),
  y: z.array(z.number()),
});

export const mobilityPreviewSchema = z.object({
  description: z.string(),
  slots: z.number().int().min(1),
  slotDurationS: z.number().positive(),
  rsu: z.object({ x: z.number(), y: z.number(), coverageRadiusM: z.number().positive() }).nullable(),
  v2vRadiusM: z.number().positive().nullable(),
  vehicles: z.array(vehiclePathSchema),
  /** E.g. a vehicle leaving the RSU coverage (a run would refuse this scenario). */
  warning: z.string().nullable(),
});
export type MobilityPreview = z.infer<typeof mobilityPreviewSchema>;

/** Upper bound of an uploaded SUMO FCD file (characters of XML). */
export const MAX_TRACE_CHARS = 64 * 1024 * 1024;

export const importTraceParamsSchema = z.object({
  fileName: z.string().min(1).max(200),
  xml: z.string().min(1, 'the file is empty').max(MAX_TRACE_CHARS, 'trace larger than 64 MiB'),
});

export const importTraceResultSchema = z.object({
  /** Absolute path of the stored copy; put it into scenario.mobility.file. */
  file: z.string(),
  vehicleIds: z.array(z.string()),
  firstTimeS: z.number(),
  lastTimeS: z.number(),
  /** When each vehicle enters and leaves the trace (to choose a window in which all chosen vehicles drive). */
  vehicles: z.array(z.object({ id: z.string(), firstTimeS: z.number(), lastTimeS: z.number() })),
});

export const traceVehicleSpanSchema = z.object({ id: z.string(), firstTimeS: z.number(), lastTimeS: z.number() });

export const traceOverviewSchema = z.object({
  /** Every vehicle's first and last time, in order of first appearance. */
  vehicles: z.array(traceVehicleSpanSchema),
  /** Positions any vehicle passes, snapped to outlineCellM and deduplicated: the roads of the trace. */
  outline: z.array(z.tuple([z.number(), z.number()])),
  outlineCellM: z.number().positive(),
  bounds: z.object({ minX: z.number(), minY: z.number(), maxX: z.number(), maxY: z.number() }),
});
export type TraceOverview = z.infer<typeof traceOverviewSchema>;
