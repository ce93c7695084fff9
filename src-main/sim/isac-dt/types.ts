// Data of one slot of the paper-2 environment: the state the DT mirrors, the decisions and the evaluated outcome.
import type { OffloadMode } from './offload-modes';

/** Psi_i of eq. (4): the task a CV generates at the start of a slot. */
export interface IsacTask {
  /** G^{TasD} (bits). */
  dataBits: number;
  /** G^{InsD} (bits). */
  instructionBits: number;
  /** I_c^{task} (cycles/bit). */
  cyclesPerBit: number;
  /** I_c^{co-tra} (cycles/bit). */
  coTransformCyclesPerBit: number;
  /** T_i^{max} (s). */
  maxDelayS: number;
}

export interface CvSlotState {
  xM: number;
  yM: number;
  speedMps: number;
  cpuHz: number;
  task: IsacTask;
  /** Q_i^{loc}(t) (cycles). */
  localQueueCycles: number;
  /** V_i(t) (J). */
  virtualEnergyQueueJ: number;
  /** Q_i^{loc} and lambda_i^{loc} of earlier slots, oldest first (the window of (18)). */
  localQueueHistory: number[];
  localArrivalHistory: number[];
}

export interface RsuSlotState {
  /** Q_k^{rsu}(t) (cycles). */
  queueCycles: number;
  /** Q_k^{rsu} and sum_i lambda_{i,k}^{rsu} of earlier slots, oldest first. */
  queueHistory: number[];
  arrivalHistory: number[];
}

/** The physical decisions of one CV, indexed by RSU k (0 for RSUs it does not use). */
export interface CvDecision {
  /** l_i^{loc}. */
  localRatio: number;
  /** l_{i,k}^{rsu}. */
  offloadRatios: number[];
  /** b_{i,k}. */
  bandwidthRatios: number[];
  /** F_{i,k}^{cpu}: RSU k's CPU allocated to this CV's offloaded part (Hz). */
  cpuHz: number[];
}

export interface LinkOutcome {
  rsu: number;
  offloadRatio: number;
  bandwidthRatio: number;
  cpuHz: number;
  distanceM: number;
  pathGain: number;
  fadingPowerGain: number;
  rateBps: number;
  /** eqs. (7), (8). */
  dataTUploadS: number;
  dataTUploadEnergyJ: number;
  /** eq. (9) and its energy P * D (counted only when offloading.instrTIncludesInstructionUpload). */
  instructionUploadS: number;
  instructionUploadEnergyJ: number;
  /** eqs. (10), (11). */
  coTransformS: number;
  coTransformEnergyJ: number;
  /** InstrT upload time compared in (12): (10), plus (9) when included. */
  instrTUploadS: number;
  instrTEnergyJ: number;
  /** eqs. (12)/(22). */
  mode: OffloadMode;
  eta: 0 | 1;
  uploadS: number;
  uploadEnergyJ: number;
  /** eqs. (13), (14). */
  computeS: number;
  computeEnergyJ: number;
  /** eq. (15). */
  edgeS: number;
  /** lambda_{i,k}^{rsu} of (17). */
  arrivalCycles: number;
  /** D^{queue,rsu} of (18) at RSU k. */
  queueDelayS: number;
  /** T_{i,k}^{rsu} of (19)/(21). */
  partLatencyS: number;
}

export interface CvOutcome {
  /** RSUs this CV may offload to this slot (in coverage; only the nearest under 'nearest'). */
  eligibleRsus: number[];
  localRatio: number;
  /** eqs. (5), (6). */
  localComputeS: number;
  localEnergyJ: number;
  /** lambda_i^{loc} of (16). */
  localArrivalCycles: number;
  /** D^{queue,loc} of (18). */
  localQueueDelayS: number;
  /** T_i^{loc} = D^{loc} + D^{queue,loc} (0 when nothing runs locally). */
  localPartLatencyS: number;
  /** Links that carry a part of the task (l_{i,k} > 0). */
  links: LinkOutcome[];
  /** eq. (19)/(21). */
  taskLatencyS: number;
  /** eq. (20)/(23). */
  taskEnergyJ: number;
  /** eq. (24). */
  cost: number;
  maxDelayS: number;
  /** C8 violated: T^{task} > T^{max}. */
  deadlineViolated: boolean;
  /** eqs. (16), (27). */
  nextLocalQueueCycles: number;
  nextVirtualEnergyQueueJ: number;
}

export interface RsuOutcome {
  /** sum_i F_{i,k}: CPU given to the offloaded parts (C6 bound: F^{max} - C^{twin}). */
  allocatedCpuHz: number;
  /** F_k^{cpu} serving the queue in (17) and the drift of (39). */
  serviceCpuHz: number;
  /** sum_i lambda_{i,k}^{rsu}. */
  arrivalCycles: number;
  queueCycles: number;
  /** D^{queue,rsu} of (18). */
  queueDelayS: number;
  /** eq. (17). */
  nextQueueCycles: number;
}

export interface SlotOutcome {
  cvs: CvOutcome[];
  rsus: RsuOutcome[];
  /** eq. (25). */
  systemCost: number;
  /** E^{total}(t) of C3. */
  totalEnergyJ: number;
  eMaxJ: number;
  /** eq. (39) terms, objective and reward (44) ('per-agent': the mean of agentRewards = the summed reading / I). */
  penalty: number;
  localDrift: number;
  rsuDrift: number;
  energyDrift: number;
  objective: number;
  reward: number;
  /** r_i of each CV (Algorithm 1); they sum to -(39). */
  agentRewards: number[];
  constraintViolations: number;
  modeDataTCount: number;
  modeInstrTCount: number;
}
