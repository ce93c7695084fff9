// The per-slot drift-plus-penalty objective (39) of problem P2 and the reward (44) of paper 2.

export interface ObjectiveInputs {
  /** V of (37). */
  controlV: number;
  /** C(t) of (25). */
  systemCost: number;
  /** Q_i^{loc}(t), lambda_i^{loc}(t), C_i^{cpu} per CV (cycles, cycles, Hz). */
  localQueueCycles: readonly number[];
  localArrivalCycles: readonly number[];
  cvCpuHz: readonly number[];
  /** Q_k^{rsu}(t), sum_i lambda_{i,k}^{rsu}(t), F_k^{cpu}(t) per RSU. */
  rsuQueueCycles: readonly number[];
  rsuArrivalCycles: readonly number[];
  rsuServiceCpuHz: readonly number[];
  /** V_i(t) and the energy it is charged with per CV: E^{total}(t) - E^{max} ('system') or the per-CV share. */
  virtualQueueJ: readonly number[];
  energyExcessJ: readonly number[];
  slotS: number;
  /** Queues and arrivals are counted in this many cycles in the drift terms. */
  queueUnitCycles: number;
}

export interface ObjectiveTerms {
  /** V * C(t). */
  penalty: number;
  /** sum_i Q_i^{loc} (lambda_i^{loc} - C_i tau). */
  localDrift: number;
  /** sum_k Q_k^{rsu} (sum_i lambda_{i,k}^{rsu} - F_k tau). */
  rsuDrift: number;
  /** sum_i V_i (E - E^{max}). */
  energyDrift: number;
  /** eq. (39): the sum of the four terms. */
  objective: number;
  /** eq. (44): -objective. */
  reward: number;
}

/** eqs. (39) and (44). */
export function driftPlusPenalty(x: ObjectiveInputs): ObjectiveTerms {
  const u = x.queueUnitCycles;
  const penalty = x.controlV * x.systemCost;
  let localDrift = 0;
  for (let i = 0; i < x.localQueueCycles.length; i++) {
    localDrift += (x.localQueueCycles[i] / u) * ((x.localArrivalCycles[i] - x.cvCpuHz[i] * x.slotS) / u);
  }
  let rsuDrift = 0;
  for (let k = 0; k < x.rsuQueueCycles.length; k++) {
    rsuDrift += (x.rsuQueueCycles[k] / u) * ((x.rsuArrivalCycles[k] - x.rsuServiceCpuHz[k] * x.slotS) / u);
  }
  let energyDrift = 0;
  for (let i = 0; i < x.virtualQueueJ.length; i++) energyDrift += x.virtualQueueJ[i] * x.energyExcessJ[i];
  const objective = penalty + localDrift + rsuDrift + energyDrift; // eq. (39)
  return { penalty, localDrift, rsuDrift, energyDrift, objective, reward: -objective }; // eq. (44)
}
