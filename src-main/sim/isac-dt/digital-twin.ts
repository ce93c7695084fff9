// The DT-enhanced state of paper 2: each agent's local state s_i(t) of eq. (40) with the RSU-queue aggregate
// G_rsu(t), and the global state (41) for the centralised critic. With the DT off (Ly-MAPPO) the DT-provided
// entries are zeros of the same size. Entries are scaled to O(1) as listed in observationNames().
import type { IsacParams } from './params';
import type { CvSlotState, RsuSlotState } from './types';

/** G_rsu(t) = [sum_k Q_k^{rsu}, mean_k Q_k^{rsu}, max_k Q_k^{rsu}] (Sec. VI-B 2)). */
export function rsuQueueAggregate(rsuQueueCycles: readonly number[]): [number, number, number] {
  if (rsuQueueCycles.length === 0) return [0, 0, 0];
  let sum = 0;
  let max = -Infinity;
  for (const q of rsuQueueCycles) {
    sum += q;
    if (q > max) max = q;
  }
  return [sum, sum / rsuQueueCycles.length, max];
}

const CV_NAMES = [
  'taskDataMb', // G^{TasD} / 1e6
  'instructionBits/1e4', // G^{InsD}
  'cyclesPerBit/1e3', // I^{task}
  'coTransformCyclesPerBit/1e3', // I^{co-tra}
  'cpuGHz', // C^{cpu}
  'x/roadLength', // L^{cv}
  'y/halfRoadWidth',
  'speedMps/10', // v^{cv}
  'maxDelayS/tau', // T^{max}
  'localQueue/queueUnit', // Q^{loc}_i
  'virtualEnergyQueueJ/eMax', // V_i
];
const RSU_NAMES = ['dx/coverage', 'distance/coverage', 'eligible', 'cpuMaxHz/1e10', 'rsuQueue/queueUnit'];
const RSU_QUEUE_SLOT = 4;
const G_NAMES = ['gRsuSum/queueUnit', 'gRsuMean/queueUnit', 'gRsuMax/queueUnit'];
const TIME_NAME = 'slot/T';

const timeEntries = (p: IsacParams): number => (p.scenario.state.timeFeature ? 1 : 0);

export function observationNames(p: IsacParams): string[] {
  const names = [...CV_NAMES];
  for (let k = 0; k < p.nRsus; k++) for (const n of RSU_NAMES) names.push(`rsu${k}.${n}`);
  return [...names, ...G_NAMES, ...(timeEntries(p) ? [TIME_NAME] : [])];
}

export function observationDim(p: IsacParams): number {
  return CV_NAMES.length + RSU_NAMES.length * p.nRsus + G_NAMES.length + timeEntries(p);
}

export function stateDim(p: IsacParams): number {
  return p.nCvs * observationDim(p) + p.nRsus + G_NAMES.length;
}

function dtMasks(p: IsacParams): { rsuQueues: boolean; gRsu: boolean; global: boolean } {
  const dt = p.scenario.digitalTwin;
  if (dt.enabled) return { rsuQueues: false, gRsu: false, global: false };
  return { rsuQueues: dt.offMasks !== 'g-rsu', gRsu: true, global: dt.offMasks === 'global' };
}

/** Indices of the time feature t / T in the global state (41) (one per agent block); empty when it is off. */
function timeStateIndices(p: IsacParams): Set<number> {
  const out = new Set<number>();
  if (!timeEntries(p)) return out;
  const dim = observationDim(p);
  for (let i = 0; i < p.nCvs; i++) out.add(i * dim + dim - 1);
  return out;
}

export type DtOffMasks = IsacParams['scenario']['digitalTwin']['offMasks'];

/**
 * The entries the DT provides and DT off zeroes, under `offMasks` (default: the scenario's own
 * digitalTwin.offMasks): in each local state (40) G_rsu and, under 'rsu-queues', every Q_k^{rsu}; in the global
 * state (41) those entries of every agent's block plus, after the blocks, the RSU queues (under 'rsu-queues') and
 * G_rsu. A learner that hides the DT itself (Ly-MAPPO on a DT-on scenario) zeroes exactly these, so it sees what
 * the environment's own DT-off states would show (Sec. VI-B 2), Sec. VII-B 4)).
 */
export function digitalTwinFeatureIndices(p: IsacParams, offMasks: DtOffMasks = p.scenario.digitalTwin.offMasks): { obs: number[][]; state: number[] } {
  const rsuQueues = offMasks !== 'g-rsu';
  const dim = observationDim(p);
  const local: number[] = [];
  if (rsuQueues) for (let k = 0; k < p.nRsus; k++) local.push(CV_NAMES.length + k * RSU_NAMES.length + RSU_QUEUE_SLOT);
  const gAt = CV_NAMES.length + RSU_NAMES.length * p.nRsus;
  for (let j = 0; j < G_NAMES.length; j++) local.push(gAt + j);
  const state: number[] = [];
  for (let i = 0; i < p.nCvs; i++) for (const j of local) state.push(i * dim + j);
  const tail = p.nCvs * dim;
  if (rsuQueues) for (let k = 0; k < p.nRsus; k++) state.push(tail + k);
  for (let j = 0; j < G_NAMES.length; j++) state.push(tail + p.nRsus + j);
  const obs = Array.from({ length: p.nCvs }, () => [...local]);
  if (offMasks !== 'global') return { obs, state };
  // 'global': the critic gets no synchronised global state (41), only the slot index if the time feature is on.
  const keep = timeStateIndices(p);
  const all: number[] = [];
  for (let j = 0; j < stateDim(p); j++) if (!keep.has(j)) all.push(j);
  return { obs, state: all };
}

/** s_i(t) of eq. (40) for every agent. */
export function buildObservations(
  p: IsacParams,
  cvs: readonly CvSlotState[],
  rsus: readonly RsuSlotState[],
  distancesM: readonly (readonly number[])[],
  eligible: readonly (readonly number[])[],
  /** 1-based slot index t of these states (T + 1 for the state after the last slot); feeds the time feature. */
  slot = 1,
): Float32Array[] {
  const s = p.scenario;
  const u = s.lyapunov.queueUnitCycles;
  const mask = dtMasks(p);
  const g = rsuQueueAggregate(rsus.map((r) => r.queueCycles));
  const halfWidth = (s.road.lanes * s.road.laneWidthM) / 2;
  const vScale = p.eMaxJ > 0 ? p.eMaxJ : 1;
  const dim = observationDim(p);
  return cvs.map((cv, i) => {
    const o = new Float32Array(dim);
    const t = cv.task;
    const head = [
      t.dataBits / 1e6,
      t.instructionBits / 1e4,
      t.cyclesPerBit / 1e3,
      t.coTransformCyclesPerBit / 1e3,
      cv.cpuHz / 1e9,
      cv.xM / s.road.lengthM,
      cv.yM / halfWidth,
      cv.speedMps / 10,
      t.maxDelayS / s.slotDurationS,
      cv.localQueueCycles / u,
      cv.virtualEnergyQueueJ / vScale,
    ];
    o.set(head, 0);
    let at = head.length;
    for (let k = 0; k < p.nRsus; k++) {
      const R = s.rsus.coverageRadiusM;
      o[at] = (p.rsuXM[k] - cv.xM) / R;
      o[at + 1] = distancesM[i][k] / R;
      o[at + 2] = eligible[i].includes(k) ? 1 : 0;
      o[at + 3] = s.rsus.cpuHz / 1e10;
      o[at + RSU_QUEUE_SLOT] = mask.rsuQueues ? 0 : rsus[k].queueCycles / u;
      at += RSU_NAMES.length;
    }
    for (let j = 0; j < 3; j++) o[at + j] = mask.gRsu ? 0 : g[j] / u;
    if (timeEntries(p)) o[at + 3] = (slot - 1) / s.slots; // 0 at t = 1, 1 at the terminal state
    return o;
  });
}

/** S(t) of eq. (41): all agents' local states, then the RSU queues and G_rsu (masked like the local states). */
export function buildGlobalState(p: IsacParams, obs: readonly Float32Array[], rsus: readonly RsuSlotState[]): Float32Array {
  const u = p.scenario.lyapunov.queueUnitCycles;
  const mask = dtMasks(p);
  const out = new Float32Array(stateDim(p));
  let at = 0;
  for (const o of obs) {
    out.set(o, at);
    at += o.length;
  }
  const q = rsus.map((r) => r.queueCycles);
  for (let k = 0; k < q.length; k++) out[at + k] = mask.rsuQueues ? 0 : q[k] / u;
  at += q.length;
  const g = rsuQueueAggregate(q);
  for (let j = 0; j < 3; j++) out[at + j] = mask.gRsu ? 0 : g[j] / u;
  if (mask.global) {
    const keep = timeStateIndices(p);
    for (let j = 0; j < out.length; j++) if (!keep.has(j)) out[j] = 0;
  }
  return out;
}
