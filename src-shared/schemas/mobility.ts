// Where vehicle positions come from: the built-in highway or an imported SUMO floating-car-data trace.
import { z } from 'zod';
import { MAX_COORDINATE_M } from './physical-limits';

export { MAX_COORDINATE_M };

export const highwayMobilitySchema = z
  .strictObject({
    kind: z.literal('highway'),
    lanes: z.number().int().min(1).max(8).default(3),
    laneWidthM: z.number().positive().max(10).default(3.75),
    /** Vehicles start spread uniformly over [0, startSpreadM] metres along the road. */
    startSpreadM: z.number().min(0).max(5000).default(200),
    meanSpeedMps: z.number().positive().max(70).default(25),
    /** Per-vehicle speed is drawn once per episode from N(mean, std), clipped to [minSpeed, maxSpeed]. */
    speedStdMps: z.number().min(0).max(20).default(1.5),
    minSpeedMps: z.number().min(0).max(70).default(20),
    maxSpeedMps: z.number().positive().max(70).default(30),
  })
  .refine((m) => m.minSpeedMps <= m.maxSpeedMps, {
    message: 'minSpeedMps must be <= maxSpeedMps',
    path: ['minSpeedMps'],
  });

const vehicleIdsSchema = z
  .array(z.string().min(1))
  .min(1)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'vehicle ids must be distinct' });

export const sumoFcdMobilitySchema = z
  .strictObject({
    kind: z.literal('sumo-fcd'),
    /** Path of the `sumo --fcd-output` XML file (absolute, or relative to the scenario file); .gz is read too. */
    file: z.string().min(1).max(4096),
    /** Vehicle ids used as CVs/SVs, in order; when absent, the first ids seen fill the CV then SV slots. */
    cvIds: vehicleIdsSchema.optional(),
    svIds: vehicleIdsSchema.optional(),
    /** Trace time (s) mapped to slot 1; slot t uses time startTimeS + (t-1) * slot duration. */
    startTimeS: z.number().min(0).max(1e9).default(0),
  })
  .refine((m) => !m.cvIds || !m.svIds || m.cvIds.every((id) => !m.svIds?.includes(id)), {
    message: 'a vehicle id cannot be both in cvIds and svIds',
    path: ['svIds'],
  });

export const mobilitySchema = z.discriminatedUnion('kind', [highwayMobilitySchema, sumoFcdMobilitySchema]);

export type HighwayMobility = z.infer<typeof highwayMobilitySchema>;
export type SumoFcdMobility = z.infer<typeof sumoFcdMobilitySchema>;
export type MobilityConfig = z.infer<typeof mobilitySchema>;
