// Input and output of `vecwb eval-slot --env isac-dt`: one slot of paper 2 evaluated from a given state, fading
// draws and decisions, with no randomness. Shapes are documented in docs/eval-slot-isac.md.
import { z } from 'zod';
import { UserError } from '../../../src-shared/errors';
import { isacDtScenarioSchema, type IsacDtScenario } from '../../../src-shared/schemas/isac-dt-scenario';
import { parseWith } from '../../../src-shared/validation';
import { checkDecisions, mapActions } from './action-mapping';
import { eligibleRsus, rsuDistancesM } from './association';
import { laneCentreYM } from './channel';
import { deriveParams, type IsacParams } from './params';
import { pushHistory } from './queues';
import { evaluateSlot } from './slot';
import type { CvDecision, CvSlotState, LinkOutcome, RsuSlotState } from './types';
import { assertFinite } from '../assert-finite';
import {
  MAX_BITS,
  MAX_COORDINATE_M,
  MAX_CPU_HZ,
  MAX_ENERGY_J,
  MAX_FADING_GAIN,
  MAX_HISTORY,
  MAX_QUEUE_OPS,
  MAX_SPEED_MPS,
  MIN_FADING_GAIN,
} from '../../../src-shared/schemas/physical-limits';

const cycles = z.number().min(0).max(MAX_QUEUE_OPS);
const history = z.array(cycles).max(MAX_HISTORY).default([]);
const cpuHz = z.number().min(1).max(MAX_CPU_HZ);
const coordinateM = z.number().min(-MAX_COORDINATE_M).max(MAX_COORDINATE_M);
const sameLength = (a: number[], b: number[]) => a.length === b.length;
const localHistorySchema = z
  .strictObject({ localQueueCycles: history, localArrivalCycles: history })
  .refine((h) => sameLength(h.localQueueCycles, h.localArrivalCycles), {
    message: 'localQueueCycles and localArrivalCycles must have the same length',
  });
const rsuHistorySchema = z
  .strictObject({ queueCycles: history, arrivalCycles: history })
  .refine((h) => sameLength(h.queueCycles, h.arrivalCycles), { message: 'queueCycles and arrivalCycles must have the same length' });

const taskSchema = z.strictObject({
  dataBits: z.number().positive().max(MAX_BITS),
  instructionBits: z.number().min(0).max(MAX_BITS),
  cyclesPerBit: z.number().min(0).max(1e7),
  coTransformCyclesPerBit: z.number().min(0).max(1e7),
  maxDelayS: z.number().positive().max(1e6),
});

const cvSchema = z
  .strictObject({
    xM: coordinateM,
    /** Lateral position (m, north positive), or `lane` (0 = southernmost) to use the lane centre. */
    yM: coordinateM.optional(),
    lane: z.number().int().min(0).max(100).optional(),
    speedMps: z.number().min(0).max(MAX_SPEED_MPS).default(0),
    cpuHz,
    task: taskSchema,
    localQueueCycles: cycles.default(0),
    virtualEnergyQueueJ: z.number().min(0).max(MAX_ENERGY_J).default(0),
    /** Q^{loc} and lambda^{loc} of earlier slots, oldest first (the window of (18)). */
    history: localHistorySchema.prefault({}),
  })
  .refine((c) => (c.yM === undefined) !== (c.lane === undefined), { message: 'give exactly one of yM and lane' });

const rsuSchema = z.strictObject({
  queueCycles: cycles.default(0),
  /** Q^{rsu} and sum_i lambda^{rsu} of earlier slots, oldest first. */
  history: rsuHistorySchema.prefault({}),
});

const ratio = z.number().min(0).max(1);
const decisionSchema = z.strictObject({
  /** l^{loc}; default 1 - sum(offloadRatios). */
  localRatio: ratio.optional(),
  offloadRatios: z.array(ratio).max(32),
  bandwidthRatios: z.array(ratio).max(32),
  cpuHz: z.array(z.number().min(0).max(MAX_CPU_HZ)).max(32),
});

export const isacEvalSlotInputSchema = z
  .strictObject({
    scenario: z.union([z.literal('default'), z.record(z.string(), z.unknown())]).default('default'),
    cvs: z.array(cvSchema).min(1).max(64),
    /** One per RSU of the scenario; default: empty queues and history. */
    rsus: z.array(rsuSchema).optional(),
    /** |h_{i,k}|^2 per CV (rows) and RSU (columns); default 1 everywhere. */
    fadingPowerGains: z.array(z.array(z.number().min(MIN_FADING_GAIN).max(MAX_FADING_GAIN)).max(32)).max(64).optional(),
    /** Physical decisions per CV, checked against C4-C6 ... */
    decisions: z.array(decisionSchema).max(64).optional(),
    /**
     * ... or raw action vectors in [0, 1]^dim per CV, mapped exactly as the environment does. A value outside
     * [0, 1] is refused (the environment clips a policy's output; an input here is the user's own number).
     */
    actions: z.array(z.array(ratio).max(1000)).max(64).optional(),
  })
  .refine((x) => (x.decisions === undefined) !== (x.actions === undefined), {
    message: 'give exactly one of decisions and actions',
  });

export type IsacEvalSlotInput = z.input<typeof isacEvalSlotInputSchema>;

export interface IsacEvalSlotOutput {
  env: 'isac-dt';
  eMaxJ: number;
  cvs: {
    eligibleRsus: number[];
    decision: CvDecision;
    local: { ratio: number; computeS: number; energyJ: number; arrivalCycles: number; queueDelayS: number; partLatencyS: number };
    links: LinkOutcome[];
    taskLatencyS: number;
    taskEnergyJ: number;
    cost: number;
    maxDelayS: number;
    deadlineViolated: boolean;
    next: { localQueueCycles: number; virtualEnergyQueueJ: number; history: { localQueueCycles: number[]; localArrivalCycles: number[] } };
  }[];
  rsus: {
    xM: number;
    allocatedCpuHz: number;
    serviceCpuHz: number;
    arrivalCycles: number;
    queueCycles: number;
    queueDelayS: number;
    next: { queueCycles: number; history: { queueCycles: number[]; arrivalCycles: number[] } };
  }[];
  systemCost: number;
  totalEnergyJ: number;
  objective: { penalty: number; localDrift: number; rsuDrift: number; energyDrift: number; value: number };
  reward: number;
  constraintViolations: number;
  modeDataTCount: number;
  modeInstrTCount: number;
}

function resolveScenario(s: 'default' | Record<string, unknown>): IsacDtScenario {
  if (s === 'default') return parseWith(isacDtScenarioSchema, {}, 'isac-dt scenario', 'scenario');
  if ('env' in s && s.env !== 'isac-dt') throw new UserError(`scenario.env must be 'isac-dt', got '${String(s.env)}'`);
  return parseWith(isacDtScenarioSchema, s, 'isac-dt scenario', 'scenario');
}

/** The input an output value of this evaluator comes from: a CV's values from that CV, an RSU's from that RSU. */
function isacInputOf(outputPath: readonly string[]): string {
  const [head, index] = outputPath;
  return head === 'cvs' || head === 'rsus' ? `${head}.${index}` : 'cvs';
}

/** Evaluates one slot; throws ValidationError/UserError naming the offending field. */
export function evaluateIsacSlotInput(data: unknown): IsacEvalSlotOutput {
  const input = parseWith(isacEvalSlotInputSchema, data, 'eval-slot input');
  const scenario = resolveScenario(input.scenario);
  const p: IsacParams = deriveParams(scenario, input.cvs.length);
  const K = p.nRsus;
  const I = input.cvs.length;
  const m = scenario.queues.windowSlots;

  const cvs: CvSlotState[] = input.cvs.map((c, i) => {
    if (c.lane !== undefined && c.lane >= scenario.road.lanes) {
      throw new UserError(`cvs.${i}.lane: must be in [0, ${scenario.road.lanes - 1}] (road.lanes = ${scenario.road.lanes})`);
    }
    return {
      xM: c.xM,
      yM: c.yM ?? laneCentreYM(c.lane ?? 0, scenario.road.lanes, scenario.road.laneWidthM),
      speedMps: c.speedMps,
      cpuHz: c.cpuHz,
      task: c.task,
      localQueueCycles: c.localQueueCycles,
      virtualEnergyQueueJ: c.virtualEnergyQueueJ,
      localQueueHistory: c.history.localQueueCycles,
      localArrivalHistory: c.history.localArrivalCycles,
    };
  });
  if (input.rsus && input.rsus.length !== K) throw new UserError(`rsus: must list ${K} RSUs (scenario rsus.count), got ${input.rsus.length}`);
  const rsus: RsuSlotState[] = (input.rsus ?? Array.from({ length: K }, () => ({ queueCycles: 0, history: { queueCycles: [], arrivalCycles: [] } }))).map((r) => ({
    queueCycles: r.queueCycles,
    queueHistory: r.history.queueCycles,
    arrivalHistory: r.history.arrivalCycles,
  }));
  const fading = input.fadingPowerGains ?? cvs.map(() => new Array<number>(K).fill(1));
  if (fading.length !== I) throw new UserError(`fadingPowerGains: must have one row per CV (${I}), got ${fading.length}`);
  fading.forEach((row, i) => {
    if (row.length !== K) throw new UserError(`fadingPowerGains.${i}: must have one entry per RSU (${K}), got ${row.length}`);
  });

  const distancesM = cvs.map((c) => rsuDistancesM(p, c.xM, c.yM));
  const eligible = distancesM.map((d) => eligibleRsus(p, d));
  let decisions: CvDecision[];
  if (input.actions) {
    if (input.actions.length !== I) throw new UserError(`actions: must have one vector per CV (${I}), got ${input.actions.length}`);
    try {
      decisions = mapActions(p, eligible, cvs.map((c) => c.task), input.actions);
    } catch (err) {
      if (err instanceof RangeError) throw new UserError(`actions: ${err.message}`);
      throw err;
    }
  } else {
    const given = input.decisions as z.infer<typeof decisionSchema>[];
    if (given.length !== I) throw new UserError(`decisions: must have one entry per CV (${I}), got ${given.length}`);
    decisions = given.map((d) => ({
      localRatio: d.localRatio ?? Math.max(0, 1 - d.offloadRatios.reduce((a, b) => a + b, 0)),
      offloadRatios: d.offloadRatios,
      bandwidthRatios: d.bandwidthRatios,
      cpuHz: d.cpuHz,
    }));
    checkDecisions(p, eligible, decisions);
  }

  const o = evaluateSlot(p, { cvs, rsus, fadingPowerGain: fading, distancesM, eligible, decisions });
  const out: IsacEvalSlotOutput = {
    env: 'isac-dt',
    eMaxJ: o.eMaxJ,
    cvs: o.cvs.map((c, i) => ({
      eligibleRsus: c.eligibleRsus,
      decision: decisions[i],
      local: {
        ratio: c.localRatio,
        computeS: c.localComputeS,
        energyJ: c.localEnergyJ,
        arrivalCycles: c.localArrivalCycles,
        queueDelayS: c.localQueueDelayS,
        partLatencyS: c.localPartLatencyS,
      },
      links: c.links,
      taskLatencyS: c.taskLatencyS,
      taskEnergyJ: c.taskEnergyJ,
      cost: c.cost,
      maxDelayS: c.maxDelayS,
      deadlineViolated: c.deadlineViolated,
      next: {
        localQueueCycles: c.nextLocalQueueCycles,
        virtualEnergyQueueJ: c.nextVirtualEnergyQueueJ,
        history: {
          localQueueCycles: pushHistory(cvs[i].localQueueHistory, cvs[i].localQueueCycles, m - 1),
          localArrivalCycles: pushHistory(cvs[i].localArrivalHistory, c.localArrivalCycles, m - 1),
        },
      },
    })),
    rsus: o.rsus.map((r, k) => ({
      xM: p.rsuXM[k],
      allocatedCpuHz: r.allocatedCpuHz,
      serviceCpuHz: r.serviceCpuHz,
      arrivalCycles: r.arrivalCycles,
      queueCycles: r.queueCycles,
      queueDelayS: r.queueDelayS,
      next: {
        queueCycles: r.nextQueueCycles,
        history: {
          queueCycles: pushHistory(rsus[k].queueHistory, r.queueCycles, m - 1),
          arrivalCycles: pushHistory(rsus[k].arrivalHistory, r.arrivalCycles, m - 1),
        },
      },
    })),
    systemCost: o.systemCost,
    totalEnergyJ: o.totalEnergyJ,
    objective: { penalty: o.penalty, localDrift: o.localDrift, rsuDrift: o.rsuDrift, energyDrift: o.energyDrift, value: o.objective },
    reward: o.reward,
    constraintViolations: o.constraintViolations,
    modeDataTCount: o.modeDataTCount,
    modeInstrTCount: o.modeInstrTCount,
  };
  assertFinite(out, isacInputOf);
  return out;
}
