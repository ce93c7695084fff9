// Input and output of `vecwb eval-slot` (--env vec-dnn, the default): one slot of paper 1 evaluated from a given
// state, fading draws and decisions, with no randomness. Queues and workloads in operations, CPUs in Hz,
// distances in m, delays in s. The RSU CPU split is the KKT solution of Sec. 7.3.
//
// Input:  { "scenario"?: <vec-dnn scenario, defaults filled; default scenario if absent>,
//           "state": { "cvs": [{ "model", "cpuHz", "queue"?, "distRsu", "distSv"?: [..], "fadingRsu"?, "fadingSv"?: [..] }],
//                      "svs"?: [{ "cpuHz", "queue"? }], "rsuQueues"?: { "<model>": ops } },
//           "decisions": [{ "cut": 1..L+1, "target": 0..J-1 }] }        (one decision per CV, 0 = RSU, j = SV j)
// Output: { env, modelTypes, cvs: [{ model, cut, target, offloads, rateBps, transmittedBytes, localOps, offloadedOps,
//           dLoc, dTx, dProc, dWait, d }], rsuCpuHz: { <model>: Hz }, next: { cvQueues, svQueues, rsuQueues },
//           objectiveTerms: { penalty, localDrift, rsuDrift, svDrift }, objective (32), reward (56) }
import { z } from 'zod';
import { UserError } from '../../../src-shared/errors';
import { vecDnnScenarioSchema, type VecDnnScenario } from '../../../src-shared/schemas/vec-dnn-scenario';
import { parseWith } from '../../../src-shared/validation';
import { resolveModel } from './model-catalog';
import { resolveModelTypes } from './model-types';
import { evaluateSlot, paramsFromScenario, type VecDnnSlotState } from './slot';
import { assertFinite } from '../assert-finite';
import {
  MAX_CPU_HZ,
  MAX_DISTANCE_M,
  MAX_FADING_GAIN,
  MAX_QUEUE_OPS,
  MIN_FADING_GAIN,
} from '../../../src-shared/schemas/physical-limits';

const cpuHz = z.number().min(1).max(MAX_CPU_HZ);
const queueOps = z.number().min(0).max(MAX_QUEUE_OPS);
const distanceM = z.number().min(0).max(MAX_DISTANCE_M);
const fadingGain = z.number().min(MIN_FADING_GAIN).max(MAX_FADING_GAIN);

const cvStateSchema = z.strictObject({
  /** DNN model name (preset or scenario.customModels). */
  model: z.string().min(1).max(64),
  /** f_i^loc (Hz). */
  cpuHz,
  /** Q_i^loc(t) (operations). */
  queue: queueOps.default(0),
  /** dis_i^rsu(t) (m). */
  distRsu: distanceM,
  /** dis_{i,j}^veh(t) per SV (m). */
  distSv: z.array(distanceM).max(64).default([]),
  /** |u_i^rsu(t)|^2; default 1. */
  fadingRsu: fadingGain.default(1),
  /** |u_{i,j}^veh(t)|^2 per SV; default 1 each. */
  fadingSv: z.array(fadingGain).max(64).optional(),
});

const svStateSchema = z.strictObject({ cpuHz, queue: queueOps.default(0) });

export const vecDnnEvalSlotInputSchema = z.strictObject({
  scenario: z.record(z.string(), z.unknown()).optional(),
  state: z.strictObject({
    cvs: z.array(cvStateSchema).min(1).max(64),
    svs: z.array(svStateSchema).max(64).default([]),
    /** Q_k^rsu(t) per model name (operations); missing types are empty. */
    rsuQueues: z.record(z.string().max(64), queueOps).default({}),
  }),
  decisions: z.array(
    z.strictObject({
      /** phi_i(t): 1..L+1. */
      cut: z.number().int(),
      /** 0 = RSU, j = SV j (1..J-1); any value in range when cut = L+1. */
      target: z.number().int(),
    }),
  ),
});

const cvOutputSchema = z.object({
  model: z.string(),
  cut: z.number(),
  target: z.number(),
  offloads: z.boolean(),
  rateBps: z.number(),
  transmittedBytes: z.number(),
  localOps: z.number(),
  offloadedOps: z.number(),
  dLoc: z.number(),
  dTx: z.number(),
  dProc: z.number(),
  dWait: z.number(),
  d: z.number(),
});

export const vecDnnEvalSlotOutputSchema = z.object({
  env: z.literal('vec-dnn'),
  /** Model types in order of first appearance among the CVs. */
  modelTypes: z.array(z.string()),
  cvs: z.array(cvOutputSchema),
  rsuCpuHz: z.record(z.string(), z.number()),
  next: z.object({
    cvQueues: z.array(z.number()),
    svQueues: z.array(z.number()),
    rsuQueues: z.record(z.string(), z.number()),
  }),
  objectiveTerms: z.object({ penalty: z.number(), localDrift: z.number(), rsuDrift: z.number(), svDrift: z.number() }),
  objective: z.number(),
  reward: z.number(),
});

export type VecDnnEvalSlotInput = z.input<typeof vecDnnEvalSlotInputSchema>;
export type VecDnnEvalSlotOutput = z.infer<typeof vecDnnEvalSlotOutputSchema>;

function resolveScenario(s: Record<string, unknown> | undefined): VecDnnScenario {
  if (s && 'env' in s && s.env !== 'vec-dnn') throw new UserError(`scenario.env must be 'vec-dnn', got '${String(s.env)}'`);
  return parseWith(vecDnnScenarioSchema, s ?? {}, 'vec-dnn scenario', 'scenario');
}

/** The input an output value of this evaluator comes from: a CV's values from that CV, an SV's from that SV. */
function vecDnnInputOf(outputPath: readonly string[]): string {
  const [head, key, index] = outputPath;
  if (head === 'cvs') return `state.cvs.${key}`;
  if (head === 'next' && key === 'cvQueues') return `state.cvs.${index}`;
  if (head === 'next' && key === 'svQueues') return `state.svs.${index}`;
  return 'state';
}

/** Evaluates one slot; throws ValidationError/UserError naming the offending field. */
export function evaluateVecDnnSlotInput(data: unknown): VecDnnEvalSlotOutput {
  const input = parseWith(vecDnnEvalSlotInputSchema, data, 'eval-slot input');
  const s = resolveScenario(input.scenario);
  const { cvs, svs, rsuQueues } = input.state;
  const I = cvs.length;
  const nSv = svs.length;
  const J = 1 + nSv;

  cvs.forEach((c, i) => {
    try {
      resolveModel(c.model, s.customModels);
    } catch (err) {
      throw new UserError(`state.cvs.${i}.model: ${(err as Error).message}`);
    }
  });
  const types = resolveModelTypes(s, cvs.map((c) => c.model));
  const p = paramsFromScenario(s, types.profiles);
  const names = types.profiles.map((pr) => pr.name);

  cvs.forEach((c, i) => {
    if (c.distSv.length !== nSv) throw new UserError(`state.cvs.${i}.distSv: must have one distance per SV (${nSv}), got ${c.distSv.length}`);
    if (c.fadingSv && c.fadingSv.length !== nSv) throw new UserError(`state.cvs.${i}.fadingSv: must have one entry per SV (${nSv}), got ${c.fadingSv.length}`);
  });
  const rsuQueueOps = new Array<number>(names.length).fill(0);
  for (const [name, q] of Object.entries(rsuQueues)) {
    let model: string;
    try {
      model = resolveModel(name, s.customModels).name;
    } catch {
      model = name;
    }
    const k = names.indexOf(model);
    if (k < 0) throw new UserError(`state.rsuQueues.${name}: no CV runs model '${name}'; the model types are ${names.join(', ')}`);
    rsuQueueOps[k] = q;
  }
  const state: VecDnnSlotState = {
    cvs: cvs.map((c, i) => ({
      modelType: types.cvModelTypes[i],
      cpuHz: c.cpuHz,
      queueOps: c.queue,
      distRsuM: c.distRsu,
      distSvM: c.distSv,
      fadingRsu: c.fadingRsu,
      fadingSv: c.fadingSv ?? new Array<number>(nSv).fill(1),
    })),
    svs: svs.map((v) => ({ cpuHz: v.cpuHz, queueOps: v.queue })),
    rsuQueueOps,
  };

  if (input.decisions.length !== I) throw new UserError(`decisions: must have one entry per CV (${I}), got ${input.decisions.length}`);
  const decisions = input.decisions.map((d, i) => {
    const prof = types.profiles[types.cvModelTypes[i]];
    const L = prof.units.length;
    if (d.cut < 1 || d.cut > L + 1) {
      throw new UserError(`decisions.${i}.cut: must be in 1..${L + 1} (L + 1 for CV ${i}'s ${prof.name}, L = ${L} partition units), got ${d.cut}`);
    }
    if (d.target < 0 || d.target >= J) throw new UserError(`decisions.${i}.target: must be in 0..${J - 1} (0 = RSU, 1..${J - 1} = SVs), got ${d.target}`);
    if (d.cut <= L && d.target >= 1 && !(cvs[i].distSv[d.target - 1] <= s.v2vRadiusM)) {
      throw new UserError(
        `decisions.${i}.target: SV ${d.target} is ${cvs[i].distSv[d.target - 1]} m from CV ${i}, beyond v2vRadiusM = ${s.v2vRadiusM} m`,
      );
    }
    return { phi: d.cut, target: d.target };
  });

  const o = evaluateSlot(p, state, decisions);
  const byType = (xs: readonly number[]) => Object.fromEntries(names.map((n, k) => [n, xs[k]]));
  const out: VecDnnEvalSlotOutput = {
    env: 'vec-dnn',
    modelTypes: names,
    cvs: o.cvs.map((c, i) => ({
      model: names[types.cvModelTypes[i]],
      cut: c.phi,
      target: c.target,
      offloads: c.offloads,
      rateBps: c.rateBps,
      transmittedBytes: c.transmittedBytes,
      localOps: c.localOps,
      offloadedOps: c.offloadedOps,
      dLoc: c.dLocS,
      dTx: c.dTxS,
      dProc: c.dProcS,
      dWait: c.dWaitS,
      d: c.dS,
    })),
    rsuCpuHz: byType(o.rsuCpuHz),
    next: { cvQueues: o.queuesAfter.cvOps, svQueues: o.queuesAfter.svOps, rsuQueues: byType(o.queuesAfter.rsuOps) },
    objectiveTerms: { ...o.terms },
    objective: o.objective,
    reward: o.reward,
  };
  assertFinite(out, vecDnnInputOf);
  return out;
}
