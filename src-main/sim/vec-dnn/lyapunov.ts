// Paper 1, Sec. 5 and 7.4.3: the per-slot drift-plus-penalty objective (32) of P2(t) and the team reward (56).
// Queues, arrivals and services are in workload units (scenario.workloadUnitOps), delays in seconds.

export interface ObjectiveTerms {
  /** V sum_i d_i(t). */
  penalty: number;
  /** sum_i Q_i^loc (arrivals_i - f_i^loc tau). */
  localDrift: number;
  /** sum_k Q_k^rsu (arrivals_k - f_k^rsu tau). */
  rsuDrift: number;
  /** sum_j Q_j^veh (arrivals_j - f_j^veh tau). */
  svDrift: number;
}

/** sum Q (A - S): one queue group's bracket in eq. (32). */
export function driftTerm(queues: readonly number[], arrivals: readonly number[], services: readonly number[]): number {
  let s = 0;
  for (let n = 0; n < queues.length; n++) s += queues[n] * (arrivals[n] - services[n]);
  return s;
}

/** V sum_i d_i(t), the penalty of eq. (32). */
export function penaltyTerm(lyapunovV: number, delaysS: readonly number[]): number {
  let s = 0;
  for (const d of delaysS) s += d;
  return lyapunovV * s;
}

/** The objective of P2(t). eq. (32) */
export function objectiveValue(t: ObjectiveTerms): number {
  return t.penalty + t.localDrift + t.rsuDrift + t.svDrift;
}

/** r(t) = -(objective). eq. (56) */
export function rewardOf(t: ObjectiveTerms): number {
  return -objectiveValue(t);
}

/** L(t+1) - L(t), L(t) = 1/2 sum_n Q_n(t)^2 over every queue: eqs. (28)-(29) without the bound of Lemma 1. */
export function exactDrift(before: readonly number[], after: readonly number[]): number {
  let s = 0;
  for (let n = 0; n < before.length; n++) s += 0.5 * (after[n] * after[n] - before[n] * before[n]);
  return s;
}
