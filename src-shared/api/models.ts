// DNN model tables as the UI sees them: per-row output size and workload (the paper's Fig. 1 view) and totals.
import { z } from 'zod';
import { dnnModelSchema } from '../schemas/dnn-model';
import { issueSchema } from './common';

export const layerProfileSchema = z.object({
  /** Row index in the layer table. */
  index: z.number().int().min(0),
  name: z.string(),
  kind: z.enum(['conv', 'pool', 'fc']),
  /** Partition unit the row belongs to (its block label, or its own name). */
  unit: z.string(),
  /** Output feature map / vector size in elements. */
  outputElements: z.number().min(0),
  /** Output size in bytes: elements x rho (eq. 3). */
  outputBytes: z.number().min(0),
  /** Operations of the row (eq. 6). */
  workloadOps: z.number().min(0),
});
export type LayerProfile = z.infer<typeof layerProfileSchema>;

export const modelProfileSchema = z.object({
  name: z.string(),
  bytesPerElement: z.number().positive(),
  layers: z.array(layerProfileSchema),
  /** Partition units l = 1..L with D_l (bytes sent when cutting before unit l, eq. 3) and B_l (eq. 6). */
  units: z.array(z.object({ name: z.string(), inputBytes: z.number().min(0), workloadOps: z.number().min(0) })),
  totalOps: z.number().min(0),
  inputBytes: z.number().min(0),
});
export type ModelProfileView = z.infer<typeof modelProfileSchema>;

export const profileModelParamsSchema = z.object({
  /** Unvalidated table as edited in the UI; issues name rows and cells (`layers.3.kernel`). */
  model: z.unknown(),
  bytesPerElement: z.number().positive().max(16).default(4),
});

export const profileModelResultSchema = z.object({
  ok: z.boolean(),
  issues: z.array(issueSchema),
  profile: modelProfileSchema.nullable(),
});
export type ProfileModelResult = z.infer<typeof profileModelResultSchema>;

export const modelPresetSchema = z.object({ model: dnnModelSchema, builtIn: z.boolean() });
