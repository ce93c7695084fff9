// One slot of the paper-1 system as a pure function of the slot state and the decisions: rates (eqs. 1, 2),
// delays (eqs. 4, 5, 7, 9, 11-13, 15-17), the KKT RSU CPU split (Sec. 7.3), queue updates (eqs. 8, 10, 14),
// objective (32) and reward (56). Shared by the environment, the heuristics (candidate decisions) and eval-slot.
// Queues and workloads are in operations, CPUs in Hz (= operations per second), delays in seconds.
import type { VecDnnScenario } from '../../../src-shared/schemas/vec-dnn-scenario';
import { offloads, type CvDecision } from './actions';
import { dbmToW, rateBps, type LinkParams, type PathLoss } from './channel';
import { driftTerm, exactDrift, objectiveValue, penaltyTerm, rewardOf, type ObjectiveTerms } from './lyapunov';
import { localOps, offloadedOps, transmittedBytes, type ModelProfile } from './model-profile';
import { gammaOf, rsuCpuSplit, type RsuSplitRegime } from './rsu-allocation';

export type { CvDecision } from './actions';

/** The constants of one system (scenario + resolved model types). */
export interface VecDnnParams {
  /** One profile per DNN model type k (the RSU keeps one queue per type). */
  profiles: readonly ModelProfile[];
  slotDurationS: number;
  lyapunovV: number;
  workloadUnitOps: number;
  /** The drift in reward (56) (scenario.rewardDrift): the bound of (32) (default) or the exact L(t+1) - L(t). */
  rewardDrift?: 'bound' | 'exact';
  /** f^{rsu,max}. */
  rsuCpuHz: number;
  link: LinkParams;
  v2iPathLoss: PathLoss;
  v2vPathLoss: PathLoss;
  v2vRadiusM: number;
}

export interface CvSlotState {
  /** Index k of the CV's DNN model type in VecDnnParams.profiles. */
  modelType: number;
  /** f_i^loc. */
  cpuHz: number;
  /** Q_i^loc(t). */
  queueOps: number;
  /** dis_i^rsu(t). */
  distRsuM: number;
  /** dis_{i,j}^veh(t) per SV (index j-1 for SV j). */
  distSvM: number[];
  /** |u_i^rsu(t)|^2. */
  fadingRsu: number;
  /** |u_{i,j}^veh(t)|^2 per SV. */
  fadingSv: number[];
}

export interface SvSlotState {
  /** f_j^veh. */
  cpuHz: number;
  /** Q_j^veh(t). */
  queueOps: number;
}

export interface VecDnnSlotState {
  cvs: CvSlotState[];
  svs: SvSlotState[];
  /** Q_k^rsu(t) per model type. */
  rsuQueueOps: number[];
}

export interface CvOutcome {
  phi: number;
  target: number;
  /** Whether layers phi..L leave the CV (phi <= L). */
  offloads: boolean;
  /** Rate of the link to the target (bit/s); 0 when nothing is sent. */
  rateBps: number;
  transmittedBytes: number;
  localOps: number;
  offloadedOps: number;
  /** eq. (7) */
  dLocS: number;
  /** eq. (4) or (5) */
  dTxS: number;
  /** eq. (9) or (13) */
  dProcS: number;
  /** eq. (11) or (15) */
  dWaitS: number;
  /** eq. (17) */
  dS: number;
}

export interface SlotOutcome {
  cvs: CvOutcome[];
  /** f_k^rsu(t) per model type (Hz). */
  rsuCpuHz: number[];
  rsuSplitRegime: RsuSplitRegime;
  /** Newly arrived operations per queue this slot. */
  arrivals: { cvOps: number[]; rsuOps: number[]; svOps: number[] };
  /** Queues at t (the input) and t+1 (eqs. 8, 10, 14). */
  queuesBefore: { cvOps: number[]; rsuOps: number[]; svOps: number[] };
  queuesAfter: { cvOps: number[]; rsuOps: number[]; svOps: number[] };
  terms: ObjectiveTerms;
  /** eq. (32) */
  objective: number;
  /** eq. (56) */
  reward: number;
}

/** The slot constants of a validated scenario with its resolved model types. */
export function paramsFromScenario(s: VecDnnScenario, profiles: readonly ModelProfile[]): VecDnnParams {
  return {
    profiles,
    slotDurationS: s.slotDurationS,
    lyapunovV: s.lyapunovV,
    workloadUnitOps: s.workloadUnitOps,
    rewardDrift: s.rewardDrift,
    rsuCpuHz: s.rsu.cpuHz,
    link: {
      bandwidthHz: s.channel.bandwidthHz,
      txPowerW: dbmToW(s.channel.cvTxPowerDbm),
      noiseW: dbmToW(s.channel.noiseDbm),
      minDistanceM: s.channel.minDistanceM,
    },
    v2iPathLoss: s.channel.v2iPathLoss,
    v2vPathLoss: s.channel.v2vPathLoss,
    v2vRadiusM: s.v2vRadiusM,
  };
}

/** Why decision d is not allowed for CV i, or null if it is (range of phi and target, V2V radius). */
export function decisionProblem(p: VecDnnParams, state: VecDnnSlotState, i: number, d: CvDecision): string | null {
  const cv = state.cvs[i];
  const L = p.profiles[cv.modelType].units.length;
  const J = 1 + state.svs.length;
  if (!Number.isInteger(d.phi) || d.phi < 1 || d.phi > L + 1) return `cut phi = ${d.phi} is outside 1..${L + 1} (L + 1 for ${p.profiles[cv.modelType].name})`;
  if (!Number.isInteger(d.target) || d.target < 0 || d.target >= J) return `target ${d.target} is outside 0..${J - 1} (0 = RSU, 1..${J - 1} = SVs)`;
  if (d.phi <= L && d.target >= 1) {
    const dist = cv.distSvM[d.target - 1];
    if (!(dist <= p.v2vRadiusM)) return `SV ${d.target} is ${dist.toFixed(1)} m away, beyond the V2V radius ${p.v2vRadiusM} m`;
  }
  return null;
}

/** a / b with 0 / 0 = 0 (no work takes no time, even on a node that got no CPU). */
function seconds(ops: number, hz: number): number {
  return ops === 0 ? 0 : ops / hz;
}

/**
 * Evaluates one slot. Decisions must be legal (see decisionProblem); throws a RangeError naming the CV otherwise.
 * Waiting times (11)/(15) count only for the node a CV actually offloads to: d_i (17) sums the local part and the
 * chosen edge node's parts.
 */
export function evaluateSlot(p: VecDnnParams, state: VecDnnSlotState, decisions: readonly CvDecision[]): SlotOutcome {
  const I = state.cvs.length;
  const K = p.profiles.length;
  const nSv = state.svs.length;
  if (decisions.length !== I) throw new RangeError(`evaluateSlot: ${decisions.length} decisions for ${I} CVs`);
  if (state.rsuQueueOps.length !== K) throw new RangeError(`evaluateSlot: ${state.rsuQueueOps.length} RSU queues for ${K} model types`);
  const u = p.workloadUnitOps;
  const tau = p.slotDurationS;

  // Per-CV workloads, data and rate, eqs. (1)-(5).
  const parts = state.cvs.map((cv, i) => {
    const d = decisions[i];
    const problem = decisionProblem(p, state, i, d);
    if (problem) throw new RangeError(`CV ${i}: ${problem}`);
    const prof = p.profiles[cv.modelType];
    const off = offloads(d, prof.units.length);
    const rate = !off
      ? 0
      : d.target === 0
        ? rateBps(p.link, p.v2iPathLoss, cv.distRsuM, cv.fadingRsu) // eq. (1)
        : rateBps(p.link, p.v2vPathLoss, cv.distSvM[d.target - 1], cv.fadingSv[d.target - 1]); // eq. (2)
    return {
      off,
      rate,
      bytes: transmittedBytes(prof, d.phi), // eq. (3)
      localOps: d.phi === 1 ? 0 : localOps(prof, d.phi), // I{phi != 1} sum_{l < phi} B_l
      offloadedOps: off ? offloadedOps(prof, d.phi) : 0, // I{phi != L+1} sum_{l >= phi} B_l
    };
  });

  // Arrivals per edge queue: term (I) of eq. (10) per model type, the sum in eq. (14) per SV.
  const rsuArrivals = new Array<number>(K).fill(0);
  const svArrivals = new Array<number>(nSv).fill(0);
  const rsuOffloadUnits: number[][] = Array.from({ length: K }, () => []);
  parts.forEach((x, i) => {
    if (!x.off) return;
    const t = decisions[i].target;
    if (t === 0) {
      const k = state.cvs[i].modelType;
      rsuArrivals[k] += x.offloadedOps;
      rsuOffloadUnits[k].push(x.offloadedOps / u);
    } else svArrivals[t - 1] += x.offloadedOps;
  });

  // RSU CPU split, Sec. 7.3 (eqs. 46, 49, 51), in workload units.
  const gammas = rsuOffloadUnits.map((offs, k) => gammaOf(p.lyapunovV, state.rsuQueueOps[k] / u, offs)); // eq. (46)
  const split = rsuCpuSplit(gammas, state.rsuQueueOps.map((q) => (q / u) * tau), p.rsuCpuHz / u);
  const rsuCpuHz = split.cpu.map((f) => f * u);

  const cvs: CvOutcome[] = state.cvs.map((cv, i) => {
    const x = parts[i];
    const d = decisions[i];
    const dLocS = d.phi === 1 ? 0 : seconds(cv.queueOps + x.localOps, cv.cpuHz); // eq. (7)
    let dTxS = 0;
    let dProcS = 0;
    let dWaitS = 0;
    if (x.off) {
      dTxS = (8 * x.bytes) / x.rate; // eqs. (4), (5): bytes -> bits
      if (d.target === 0) {
        const k = cv.modelType;
        dProcS = seconds(state.rsuQueueOps[k] + x.offloadedOps, rsuCpuHz[k]); // eq. (9)
        dWaitS = seconds(Math.max(0, rsuArrivals[k] - x.offloadedOps), 2 * rsuCpuHz[k]); // eq. (11)
      } else {
        const sv = state.svs[d.target - 1];
        dProcS = seconds(sv.queueOps + x.offloadedOps, sv.cpuHz); // eq. (13)
        dWaitS = seconds(Math.max(0, svArrivals[d.target - 1] - x.offloadedOps), 2 * sv.cpuHz); // eq. (15)
      }
    }
    return {
      phi: d.phi,
      target: d.target,
      offloads: x.off,
      rateBps: x.rate,
      transmittedBytes: x.off ? x.bytes : 0,
      localOps: x.localOps,
      offloadedOps: x.offloadedOps,
      dLocS,
      dTxS,
      dProcS,
      dWaitS,
      dS: dLocS + dTxS + dProcS + dWaitS, // eq. (17)
    };
  });

  const cvArrivals = parts.map((x) => x.localOps);
  const cvService = state.cvs.map((cv) => cv.cpuHz * tau);
  const rsuService = rsuCpuHz.map((f) => f * tau);
  const svService = state.svs.map((sv) => sv.cpuHz * tau);
  const next = (q: number, served: number, arrived: number) => Math.max(q - served + arrived, 0);
  const queuesBefore = {
    cvOps: state.cvs.map((cv) => cv.queueOps),
    rsuOps: [...state.rsuQueueOps],
    svOps: state.svs.map((sv) => sv.queueOps),
  };
  const queuesAfter = {
    cvOps: queuesBefore.cvOps.map((q, i) => next(q, cvService[i], cvArrivals[i])), // eq. (8)
    rsuOps: queuesBefore.rsuOps.map((q, k) => next(q, rsuService[k], rsuArrivals[k])), // eq. (10)
    svOps: queuesBefore.svOps.map((q, j) => next(q, svService[j], svArrivals[j])), // eq. (14)
  };

  const inUnits = (xs: readonly number[]) => xs.map((x) => x / u);
  const terms: ObjectiveTerms = {
    penalty: penaltyTerm(p.lyapunovV, cvs.map((c) => c.dS)),
    localDrift: driftTerm(inUnits(queuesBefore.cvOps), inUnits(cvArrivals), inUnits(cvService)),
    rsuDrift: driftTerm(inUnits(queuesBefore.rsuOps), inUnits(rsuArrivals), inUnits(rsuService)),
    svDrift: driftTerm(inUnits(queuesBefore.svOps), inUnits(svArrivals), inUnits(svService)),
  };
  return {
    cvs,
    rsuCpuHz,
    rsuSplitRegime: split.regime,
    arrivals: { cvOps: cvArrivals, rsuOps: rsuArrivals, svOps: svArrivals },
    queuesBefore,
    queuesAfter,
    terms,
    objective: objectiveValue(terms), // eq. (32)
    reward:
      p.rewardDrift === 'exact'
        ? -(terms.penalty + exactDrift([queuesBefore.cvOps, queuesBefore.rsuOps, queuesBefore.svOps].flat().map((q) => q / u), [queuesAfter.cvOps, queuesAfter.rsuOps, queuesAfter.svOps].flat().map((q) => q / u)))
        : rewardOf(terms), // eq. (56)
  };
}
