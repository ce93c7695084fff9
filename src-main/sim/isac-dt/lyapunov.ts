// The per-slot drift-plus-penalty objective (39) of problem P2 and the reward (44) of paper 2, with the
// readings of docs/model-notes.md ("Reward per agent", "Exact drift"): the drift as printed (the bound's
// cross terms) or exactly L(t+1) - L(t) of (35)/(36); one summed team reward or one r_i per CV.

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
  /** C_i(t) of (24) per CV; needed by the per-agent reading (defaults to C(t) / I each). */
  cvCosts?: readonly number[];
  /** 'bound' (default): (39) as printed; 'exact': L(t+1) - L(t), which needs the `next*` queues. */
  drift?: 'bound' | 'exact';
  /** Q^{loc}_i(t+1), Q^{rsu}_k(t+1) (cycles) and V_i(t+1) (J), for the exact drift. */
  nextLocalQueueCycles?: readonly number[];
  nextRsuQueueCycles?: readonly number[];
  nextVirtualQueueJ?: readonly number[];
}

export interface ObjectiveTerms {
  /** V * C(t). */
  penalty: number;
  /** sum_i Q_i^{loc} (lambda_i^{loc} - C_i tau), or sum_i (Q_i(t+1)^2 - Q_i(t)^2) / 2 under 'exact'. */
  localDrift: number;
  /** sum_k Q_k^{rsu} (sum_i lambda_{i,k}^{rsu} - F_k tau), or its exact counterpart. */
  rsuDrift: number;
  /** sum_i V_i (E - E^{max}), or sum_i (V_i(t+1)^2 - V_i(t)^2) / 2 under 'exact'. */
  energyDrift: number;
  /** eq. (39): the sum of the four terms. */
  objective: number;
  /** eq. (44): -objective. */
  reward: number;
  /** r_i = -[V C_i + local drift_i + energy drift_i + rsuDrift / I]; they sum to `reward`. */
  agentRewards: number[];
}

/** Half the change of a squared queue, (35)-(36): (next^2 - now^2) / 2. */
const exactTerm = (now: number, next: number): number => 0.5 * (next * next - now * now);

function requireNext(x: readonly number[] | undefined, n: number, what: string): readonly number[] {
  if (!x || x.length !== n) throw new RangeError(`exact drift needs ${what} for all ${n} queues`);
  return x;
}

/** eqs. (39) and (44), with the drift as printed or exact, and the per-agent split of the reward. */
export function driftPlusPenalty(x: ObjectiveInputs): ObjectiveTerms {
  const u = x.queueUnitCycles;
  const I = x.localQueueCycles.length;
  const exact = x.drift === 'exact';
  const localI: number[] = [];
  for (let i = 0; i < I; i++) {
    const q = x.localQueueCycles[i] / u;
    if (exact) localI.push(exactTerm(q, requireNext(x.nextLocalQueueCycles, I, 'nextLocalQueueCycles')[i] / u)); // (35)-(36)
    else localI.push(q * ((x.localArrivalCycles[i] - x.cvCpuHz[i] * x.slotS) / u)); // (39)
  }
  let rsuDrift = 0;
  const K = x.rsuQueueCycles.length;
  for (let k = 0; k < K; k++) {
    const q = x.rsuQueueCycles[k] / u;
    if (exact) rsuDrift += exactTerm(q, requireNext(x.nextRsuQueueCycles, K, 'nextRsuQueueCycles')[k] / u); // (35)-(36)
    else rsuDrift += q * ((x.rsuArrivalCycles[k] - x.rsuServiceCpuHz[k] * x.slotS) / u); // (39)
  }
  const nV = x.virtualQueueJ.length;
  const energyI: number[] = [];
  for (let i = 0; i < nV; i++) {
    const v = x.virtualQueueJ[i];
    if (exact) energyI.push(exactTerm(v, requireNext(x.nextVirtualQueueJ, nV, 'nextVirtualQueueJ')[i])); // (35)-(36)
    else energyI.push(v * x.energyExcessJ[i]); // (39)
  }
  const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);
  const localDrift = sum(localI);
  const energyDrift = sum(energyI);
  const penalty = x.controlV * x.systemCost;
  const objective = penalty + localDrift + rsuDrift + energyDrift; // eq. (39)
  const costs = x.cvCosts ?? new Array<number>(I).fill(I > 0 ? x.systemCost / I : 0);
  // Algorithm 1's r_i: each CV's own penalty, local and energy drift, and an equal share of the RSU drift.
  const agentRewards = Array.from({ length: I }, (_, i) => -(x.controlV * costs[i] + localI[i] + (energyI[i] ?? 0) + rsuDrift / I));
  return { penalty, localDrift, rsuDrift, energyDrift, objective, reward: -objective, agentRewards }; // eq. (44)
}
