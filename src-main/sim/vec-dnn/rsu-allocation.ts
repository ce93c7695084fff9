// Paper 1, Sec. 7.3: the RSU's CPU split between DNN model types, problem P3(t) (eq. 42) solved in closed form
// by KKT (eqs. 47-50) with a bisection on the multiplier eta (eq. 51). Everything here is in workload units
// (scenario.workloadUnitOps, default 1e9 ops): queues and offloads in units, CPU in units/s, Gamma in V x units.
//
// Problem: minimise Psi(f) = sum_k [ Gamma_k / f_k - c_k f_k ] with c_k = Q_k^rsu tau, f_k >= 0, sum_k f_k <= F.
// Psi is convex (eq. 45) and strictly decreasing in every f_k with Gamma_k > 0 or c_k > 0, so the sum
// constraint is tight whenever anything is queued or offloaded. Cases (see docs/model-notes.md):
// - 'interior': some Gamma_k > 0 and eta* > max c over the Gamma = 0 types: f_k = sqrt(Gamma_k / (eta* - c_k))
//   (eq. 49) for Gamma_k > 0, f_k = 0 for Gamma_k = 0, eta* from sum_k f_k = F (eq. 51).
// - 'idle-queue': a type without offloads (Gamma_k = 0) has a queue c_k so large that eta would have to sit below
//   it: the linear term -c_k f_k pulls CPU. Then eta = c0 = max c over those types, the Gamma > 0 types get
//   sqrt(Gamma_k / (c0 - c_k)) and the rest of F goes to the Gamma = 0 types with c_k = c0 (equal shares on ties).
// - 'linear': all Gamma_k = 0: Psi is linear, all of F goes to the type(s) with the largest c_k (equal shares).
// - 'empty': nothing offloaded and nothing queued: every split is optimal; we split F equally.
// K = 1 always gives f_1 = F.

export type RsuSplitRegime = 'interior' | 'idle-queue' | 'linear' | 'empty';

export interface RsuSplit {
  /** f_k^rsu in workload units per second, summing to F. */
  cpu: number[];
  /** eta* (units); for 'linear'/'empty' the largest c_k. */
  eta: number;
  regime: RsuSplitRegime;
}

/**
 * Gamma_k of eq. (46) read consistently with eq. (42): every CV i in I_k*(t) waits behind the queue, so the
 * queue counts once per offloading CV: Gamma_k = V [ n Q_k + sum_i B_i + 1/2 sum_i sum_{i' != i} B_i' ]
 * = V [ n Q_k + (n + 1)/2 sum_i B_i ] with n = |I_k*(t)|, B_i = sum_{l >= phi_i} B_l. Eq. (46) prints V Q_k, which
 * is the n = 1 case; with n = 0 (no offloads) Gamma_k = 0 as (42) has no delay term for the type.
 */
export function gammaOf(lyapunovV: number, queueUnits: number, offloadUnits: readonly number[]): number {
  const n = offloadUnits.length;
  if (n === 0) return 0;
  let sum = 0;
  for (const b of offloadUnits) sum += b;
  return lyapunovV * (n * queueUnits + sum + 0.5 * (n - 1) * sum); // eq. (46), see comment
}

/** Psi(F) of eq. (42) written with Gamma (eq. 47 without the multiplier term). */
export function psiObjective(gammas: readonly number[], queueTerms: readonly number[], cpu: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < gammas.length; k++) {
    if (gammas[k] > 0) s += cpu[k] > 0 ? gammas[k] / cpu[k] : Infinity;
    s -= queueTerms[k] * cpu[k];
  }
  return s;
}

function checkInputs(gammas: readonly number[], queueTerms: readonly number[], fMax: number): void {
  if (gammas.length !== queueTerms.length) throw new RangeError('rsuCpuSplit: gammas and queueTerms differ in length');
  if (gammas.length === 0) throw new RangeError('rsuCpuSplit: needs at least one model type');
  if (!(fMax > 0 && Number.isFinite(fMax))) throw new RangeError(`rsuCpuSplit: F must be positive and finite, got ${fMax}`);
  gammas.forEach((g, k) => {
    if (!(g >= 0 && Number.isFinite(g))) throw new RangeError(`rsuCpuSplit: Gamma_${k} must be finite and >= 0, got ${g}`);
  });
  queueTerms.forEach((c, k) => {
    if (!(c >= 0 && Number.isFinite(c))) throw new RangeError(`rsuCpuSplit: Q_${k} tau must be finite and >= 0, got ${c}`);
  });
}

/** Equal shares of `amount` for the indices in `who`, written into cpu. */
function share(cpu: number[], who: readonly number[], amount: number): void {
  for (const k of who) cpu[k] = amount / who.length;
}

/**
 * Solves sum_k sqrt(Gamma_k / (x + cP - c_k)) = F for x = eta - cP > 0 by bisection (eq. 51), cP = max c_k over
 * `pos`. Brackets: x = Gamma_m / F^2 (the term of a type m with c_m = cP alone reaches F) and
 * x = (sum sqrt Gamma / F)^2 (every term is at most sqrt(Gamma_k / x)).
 */
function solveEtaOffset(gammas: readonly number[], queueTerms: readonly number[], pos: readonly number[], cP: number, fMax: number): number {
  const total = (x: number) => {
    let s = 0;
    for (const k of pos) s += Math.sqrt(gammas[k] / (x + (cP - queueTerms[k])));
    return s;
  };
  let gammaAtTop = 0;
  let sqrtSum = 0;
  for (const k of pos) {
    if (queueTerms[k] === cP) gammaAtTop = Math.max(gammaAtTop, gammas[k]);
    sqrtSum += Math.sqrt(gammas[k]);
  }
  let lo = gammaAtTop / (fMax * fMax); // total(lo) >= F
  let hi = (sqrtSum / fMax) ** 2; // total(hi) <= F
  for (let it = 0; it < 400 && hi > lo; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break; // adjacent floating-point numbers: converged
    if (total(mid) > fMax) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * The optimal split of F = f^{rsu,max} (units/s) given Gamma_k (eq. 46) and c_k = Q_k^rsu(t) tau (units).
 * eqs. (49)-(51)
 */
export function rsuCpuSplit(gammas: readonly number[], queueTerms: readonly number[], fMax: number): RsuSplit {
  checkInputs(gammas, queueTerms, fMax);
  const K = gammas.length;
  const cpu = new Array<number>(K).fill(0);
  const pos: number[] = [];
  const idle: number[] = [];
  for (let k = 0; k < K; k++) (gammas[k] > 0 ? pos : idle).push(k);

  if (pos.length === 0) {
    const cMax = Math.max(...queueTerms);
    if (cMax === 0) {
      share(cpu, idle, fMax);
      return { cpu, eta: 0, regime: 'empty' };
    }
    share(cpu, idle.filter((k) => queueTerms[k] === cMax), fMax);
    return { cpu, eta: cMax, regime: 'linear' };
  }

  const cP = Math.max(...pos.map((k) => queueTerms[k]));
  const c0 = idle.length > 0 ? Math.max(...idle.map((k) => queueTerms[k])) : -Infinity;
  if (c0 > cP) {
    // Would eta* lie below c0? Then the idle type's linear term wins: eta = c0 (KKT with f_k > 0 for it).
    let atC0 = 0;
    for (const k of pos) atC0 += Math.sqrt(gammas[k] / (c0 - queueTerms[k])); // eq. (49) at eta = c0
    if (atC0 < fMax) {
      for (const k of pos) cpu[k] = Math.sqrt(gammas[k] / (c0 - queueTerms[k])); // eq. (49)
      share(cpu, idle.filter((k) => queueTerms[k] === c0), fMax - atC0);
      return { cpu, eta: c0, regime: 'idle-queue' };
    }
  }
  if (pos.length === 1) {
    // One type with offloads (and no idle queue pulling): it gets all of F, eta* from (49) directly.
    const k = pos[0];
    cpu[k] = fMax;
    return { cpu, eta: queueTerms[k] + gammas[k] / (fMax * fMax), regime: 'interior' };
  }
  const x = solveEtaOffset(gammas, queueTerms, pos, cP, fMax); // eq. (51)
  let sum = 0;
  for (const k of pos) {
    cpu[k] = Math.sqrt(gammas[k] / (x + (cP - queueTerms[k]))); // eq. (49)
    sum += cpu[k];
  }
  // Bisection leaves sum_k f_k = F up to rounding; rescale so the constraint (44) holds to the last bit.
  for (const k of pos) cpu[k] *= fMax / sum;
  return { cpu, eta: cP + x, regime: 'interior' };
}
