// The scenario of paper 2 (Ly-DTMPPO, DT-assisted ISAC IoV). Defaults are the paper's Sec. VII-A and
// Tables I-II values; readings the paper leaves open are in docs/model-notes.md ("Paper 2: ISAC environment").
import { z } from 'zod';

const range = (lo: number, hi: number, what: string) =>
  z
    .strictObject({ min: z.number().min(lo).max(hi), max: z.number().min(lo).max(hi) })
    .refine((r) => r.min <= r.max, { message: `${what}: min must be <= max` });

export const isacPathLossSchema = z.strictObject({
  /** Path gain in dB = interceptDb - slopeDb * log10(distance in m) (Sec. III-C: -38.4 - 21.0 log10 d). */
  interceptDb: z.number().min(-200).max(0),
  slopeDb: z.number().min(0).max(100),
});

export const isacDtScenarioSchema = z.strictObject({
  env: z.literal('isac-dt').default('isac-dt'),
  name: z.string().min(1).max(120).default('Ly-DTMPPO default (paper Sec. VII-A, Table II)'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /** T: slots per episode (Table II: 30 steps per episode). */
  slots: z.number().int().min(1).max(10_000).default(30),
  /** tau: slot duration in seconds. */
  slotDurationS: z.number().positive().max(3600).default(1),
  road: z
    .strictObject({
      /** East-west road; CVs drive east (+x). */
      lengthM: z.number().positive().max(100_000).default(700),
      lanes: z.number().int().min(1).max(12).default(4),
      laneWidthM: z.number().positive().max(10).default(3.75),
      /** What happens to a CV passing x = lengthM: re-enter at x - lengthM, or respawn as a fresh CV at x = 0. */
      atRoadEnd: z.enum(['wrap', 'respawn']).default('wrap'),
    })
    .prefault({}),
  rsus: z
    .strictObject({
      count: z.number().int().min(1).max(32).default(3),
      spacingM: z.number().positive().max(100_000).default(150),
      /** Explicit longitudinal RSU positions (m); when absent the RSUs are centred on the road at spacingM. */
      positionsXM: z.array(z.number().min(0).max(100_000)).min(1).max(32).optional(),
      /** l_k: lateral offset north of the road centre line (Table II: 9.75 m; the text says 9.375 m). */
      lateralOffsetM: z.number().min(0).max(1000).default(9.75),
      /** H_k: antenna height. */
      heightM: z.number().min(0).max(1000).default(10),
      coverageRadiusM: z.number().positive().max(100_000).default(200),
      /** F_k^{rsu,max}. */
      cpuHz: z.number().positive().max(1e13).default(20e9),
      /** C_k^{twin}: capacity reserved for the DT space (C6). */
      twinReserveHz: z.number().min(0).max(1e13).default(1e9),
      /** An RSU no CV offloads to in a slot still serves its backlog at F^{max} - C^{twin} (queue (17)). */
      idleDrain: z.boolean().default(true),
    })
    .prefault({}),
  channel: z
    .strictObject({
      /** B: bandwidth each CV splits over its links (C4). */
      bandwidthHz: z.number().positive().max(1e11).default(20e6),
      /** sigma_0^2. */
      noiseW: z.number().positive().max(1).default(1e-13),
      /** P_i. */
      txPowerW: z.number().positive().max(100).default(1),
      /** Theta: sensing-enhancement factor of eq. (1). */
      sensingGain: z.number().positive().max(100).default(1.5),
      pathLoss: isacPathLossSchema.default({ interceptDb: -38.4, slopeDb: 21.0 }),
      /** |h|^2 per slot and link: Exp(1) (h ~ CN(0,1), 'rayleigh') or 1 ('none'). */
      fading: z.enum(['rayleigh', 'none']).default('rayleigh'),
      /** 'per-cv': sum_k b_ik <= 1 for each CV (C4 as printed); 'per-rsu': additionally sum_i b_ik <= 1 per RSU. */
      bandwidthSharing: z.enum(['per-cv', 'per-rsu']).default('per-cv'),
    })
    .prefault({}),
  cvs: z
    .strictObject({
      /** I: number of CVs = agents (paper: 2-6; Fig. 4 / Table III use 5). */
      count: z.number().int().min(1).max(64).default(5),
      speedMps: range(0, 100, 'cvs.speedMps').default({ min: 12, max: 16 }),
      cpuHz: range(1e6, 1e12, 'cvs.cpuHz').default({ min: 2e9, max: 3e9 }),
    })
    .prefault({}),
  tasks: z
    .strictObject({
      /** G^{TasD}: 1 Mb = 1e6 bits. */
      dataBits: range(1, 1e12, 'tasks.dataBits').default({ min: 1e6, max: 3e6 }),
      /** I_c^{task}. */
      cyclesPerBit: range(0, 1e7, 'tasks.cyclesPerBit').default({ min: 1500, max: 2000 }),
      /** I_c^{co-tra}. */
      coTransformCyclesPerBit: range(0, 1e7, 'tasks.coTransformCyclesPerBit').default({ min: 100, max: 500 }),
      /** G^{InsD}: instruction volume (the paper gives no value). */
      instructionBits: range(0, 1e12, 'tasks.instructionBits').default({ min: 8e3, max: 16e3 }),
      /** T_i^{max} for C8 (the paper gives no value). */
      maxDelayS: range(1e-6, 1e6, 'tasks.maxDelayS').default({ min: 1, max: 1 }),
    })
    .prefault({}),
  energy: z
    .strictObject({
      kappaCv: z.number().min(0).max(1e-10).default(1e-26),
      kappaRsu: z.number().min(0).max(1e-10).default(1e-28),
      /** E_max = count * eMaxPerCvJ (J per slot) in the virtual queue (27) (the paper gives no value). */
      eMaxPerCvJ: z.number().min(0).max(1e9).default(5),
      /** 'system': every V_i follows (27) with E_total vs E_max (as printed); 'per-cv': V_i with E_i^{task} vs E_max / I. */
      virtualQueue: z.enum(['system', 'per-cv']).default('system'),
    })
    .prefault({}),
  /** alpha of the cost (24). */
  costWeightAlpha: z.number().min(0).max(1).default(0.6),
  lyapunov: z
    .strictObject({
      /** V of (37)/(39). */
      controlV: z.number().min(0).max(1e9).default(5),
      /** Queues and arrivals enter (39)/(44) counted in this many CPU cycles (1e9 = Gcycles). */
      queueUnitCycles: z.number().positive().max(1e15).default(1e9),
      /**
       * 'summed': reward (44) = -(39), one team number summed over the CVs (as printed); 'per-agent': each CV's
       * r_i = -[V C_i + Q_i^loc drift + V_i energy drift + RSU drift / I] (Algorithm 1's r_i), the reported reward
       * is their mean (= the summed reading / I).
       */
      reward: z.enum(['summed', 'per-agent']).default('summed'),
      /** 'bound': the drift terms of (39) as printed (Q (lambda - F tau)); 'exact': L(t+1) - L(t), L = sum Q^2 / 2 (36). */
      drift: z.enum(['bound', 'exact']).default('bound'),
    })
    .prefault({}),
  queues: z
    .strictObject({
      /** m: sliding window of the Little's-law queueing delay (18) (the paper gives no value). */
      windowSlots: z.number().int().min(1).max(10_000).default(5),
      /** Q_i^{loc} at the first slot, drawn per CV (cycles). */
      initialLocalCycles: range(0, 1e15, 'queues.initialLocalCycles').default({ min: 0, max: 0 }),
      /** Q_k^{rsu} at the first slot, drawn per RSU (cycles). */
      initialRsuCycles: range(0, 1e15, 'queues.initialRsuCycles').default({ min: 0, max: 0 }),
    })
    .prefault({}),
  offloading: z
    .strictObject({
      /** 'nearest': a CV offloads only to the nearest RSU in coverage; 'all-in-coverage': to any covering RSU. */
      targets: z.enum(['nearest', 'all-in-coverage']).default('nearest'),
      /** InstrT upload time = instruction upload (9) + coordinate transformation (10); false: (10) only as in (12). */
      instrTIncludesInstructionUpload: z.boolean().default(true),
      /** F_cpu per offloaded task: an agent action (requested share), or proportional to offloaded cycles. */
      rsuCpu: z.enum(['action', 'proportional']).default('action'),
    })
    .prefault({}),
  actionMapping: z
    .strictObject({
      /** How the split ratios reach the simplex (C5) and bandwidth the capped simplex (C4). */
      simplex: z.enum(['euclidean', 'normalise']).default('euclidean'),
      /** Floor of the bandwidth ratio of every usable link (keeps rate (1) > 0). */
      minBandwidthRatio: z.number().positive().max(0.2).default(0.01),
      /** Floor of the requested RSU CPU share (keeps F_cpu > 0 for an offloaded part). */
      minCpuShare: z.number().positive().max(1).default(0.01),
    })
    .prefault({}),
  digitalTwin: z
    .strictObject({
      /** Off = the Ly-MAPPO baseline: the DT-provided entries of the state are zeros of the same size. */
      enabled: z.boolean().default(true),
      /**
       * What DT off hides: only G_rsu; the per-RSU queues Q_k^{rsu} and G_rsu; or ('global') those and the whole
       * synchronised global state (41) of the critic, which then sees only the slot index when state.timeFeature is on.
       */
      offMasks: z.enum(['g-rsu', 'rsu-queues', 'global']).default('rsu-queues'),
    })
    .prefault({}),
  state: z
    .strictObject({
      /** Append t / T (0 at the first slot, 1 at the terminal state) to each local state (40), hence to (41). */
      timeFeature: z.boolean().default(false),
    })
    .prefault({}),
}).superRefine((s, ctx) => {
  if (s.rsus.positionsXM && s.rsus.positionsXM.length !== s.rsus.count) {
    ctx.addIssue({ code: 'custom', path: ['rsus', 'positionsXM'], message: `must list rsus.count (${s.rsus.count}) positions` });
  }
  if (s.rsus.positionsXM?.some((x) => x > s.road.lengthM)) {
    ctx.addIssue({ code: 'custom', path: ['rsus', 'positionsXM'], message: `positions must lie in [0, road.lengthM = ${s.road.lengthM}]` });
  }
  if (s.rsus.twinReserveHz >= s.rsus.cpuHz) {
    ctx.addIssue({ code: 'custom', path: ['rsus', 'twinReserveHz'], message: `must be below rsus.cpuHz (${s.rsus.cpuHz})` });
  }
});

export type IsacDtScenario = z.infer<typeof isacDtScenarioSchema>;
export type IsacDtScenarioInput = z.input<typeof isacDtScenarioSchema>;
