// The scenario of paper 1 (MAD2RL, DNN partitioning over V2V/V2I). Defaults are the paper's Sec. 8.1 values.
import { z } from 'zod';
import { dnnModelSchema } from './dnn-model';
import { MAX_COORDINATE_M, mobilitySchema } from './mobility';

/** An interval [min, max] inside [lo, hi]; errors carry the field path, so the message does not repeat it. */
const range = (lo: number, hi: number) =>
  z
    .strictObject({ min: z.number().min(lo).max(hi), max: z.number().min(lo).max(hi) })
    .refine((r) => r.min <= r.max, { message: 'min must be <= max' });

export const pathLossSchema = z.strictObject({
  /** Path gain in dB = interceptDb - slopeDb * log10(distance in m). */
  interceptDb: z.number().min(-200).max(0),
  slopeDb: z.number().min(0).max(100),
});

export const vecDnnScenarioSchema = z.strictObject({
  env: z.literal('vec-dnn').default('vec-dnn'),
  name: z.string().min(1).max(120).default('MAD2RL default (paper Sec. 8.1)'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /** T: slots per episode. */
  slots: z.number().int().min(1).max(10_000).default(30),
  /** tau: slot duration in seconds. */
  slotDurationS: z.number().positive().max(3600).default(1),
  /** V: Lyapunov control parameter (eq. 30); V = 0 would zero every Gamma_k of the RSU CPU split (eqs. 46, 49). */
  lyapunovV: z.number().positive('must be > 0 (the RSU CPU split, eq. 49, needs V > 0)').max(1e9).default(10),
  /** Workloads and queues enter objective (32) and reward (56) counted in this many operations (1e9 = "GHz"). */
  workloadUnitOps: z.number().positive().max(1e15).default(1e9),
  /**
   * The drift in reward (56): 'bound' = -(32) as printed, whose terms Q(t)(A - S) pay a learner for keeping a
   * backlog that is being served; 'exact' = -(V sum_i d_i + L(t+1) - L(t)) with L = 1/2 sum Q^2 (eq. 29's
   * drift itself, which telescopes over an episode). Objective (32), which the GA and greedy use, is unchanged.
   */
  rewardDrift: z.enum(['bound', 'exact']).default('bound'),
  channel: z
    .strictObject({
      bandwidthHz: z.number().positive().max(1e11).default(10e6),
      noiseDbm: z.number().min(-250).max(50).default(-114),
      cvTxPowerDbm: z.number().min(-50).max(60).default(23),
      v2iPathLoss: pathLossSchema.default({ interceptDb: -38.4, slopeDb: 21.0 }),
      v2vPathLoss: pathLossSchema.default({ interceptDb: -44.23, slopeDb: 16.7 }),
      /** Small-scale fading |u|^2: Exp(1) per slot and link ('rayleigh') or 1 ('none'). */
      fading: z.enum(['rayleigh', 'none']).default('rayleigh'),
      /** Distances below this are clamped before the log-distance path loss (avoids log10(0)). */
      minDistanceM: z.number().positive().max(100).default(1),
    })
    .prefault({}),
  /** rho: bytes per tensor element (eq. 3). */
  bytesPerElement: z.number().positive().max(16).default(4),
  v2vRadiusM: z.number().positive().max(10_000).default(150),
  cvs: z
    .strictObject({
      count: z.number().int().min(1).max(64).default(7),
      cpuHz: range(1e6, 1e12).default({ min: 4e9, max: 6e9 }),
      /** Model name per CV; shorter lists repeat (round-robin over CVs). */
      modelMix: z.array(z.string().min(1)).min(1).default(['AlexNet', 'ResNet18', 'VGG16']),
    })
    .prefault({}),
  svs: z
    .strictObject({
      count: z.number().int().min(1).max(64).default(5),
      cpuHz: range(1e6, 1e12).default({ min: 6e9, max: 8e9 }),
    })
    .prefault({}),
  rsu: z
    .strictObject({
      cpuHz: z.number().positive().max(1e13).default(30e9),
      /** Position in the road (or trace) frame; every vehicle must stay within coverageRadiusM of it (checked when the mobility is built). */
      x: z.number().min(-MAX_COORDINATE_M).max(MAX_COORDINATE_M).default(500),
      y: z.number().min(-MAX_COORDINATE_M).max(MAX_COORDINATE_M).default(-10),
      coverageRadiusM: z.number().min(1).max(100_000).default(1000),
    })
    .prefault({}),
  /** Readings of eq. (6) (see docs/model-notes.md, "Paper 1: DNN layer model"). */
  dnnProfile: z
    .strictObject({
      convSpatialDims: z.enum(['output', 'input']).default('output'),
      poolWorkload: z.enum(['comparisons', 'eq6']).default('comparisons'),
    })
    .prefault({}),
  /** Custom models (same table format as the presets); a custom model shadows a preset of the same name. */
  customModels: z.array(dnnModelSchema).default([]),
  mobility: mobilitySchema.prefault({ kind: 'highway' }),
  observation: z
    .strictObject({
      /** Divide queues by normalisation constants and positions by the RSU coverage (see model notes). */
      normalise: z.boolean().default(true),
    })
    .prefault({}),
});

export type VecDnnScenario = z.infer<typeof vecDnnScenarioSchema>;
export type VecDnnScenarioInput = z.input<typeof vecDnnScenarioSchema>;
