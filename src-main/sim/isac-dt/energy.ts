// Local computing (5)(6) and the per-task energy and cost of paper 2 (20)/(23), (24), (25).

/** eq. (5): local processing time l^{loc} * G^{TasD} * I^{task} / C^{cpu}. */
export function localComputeS(localRatio: number, dataBits: number, cyclesPerBit: number, cpuHz: number): number {
  return (localRatio * dataBits * cyclesPerBit) / cpuHz;
}

/** eq. (6): local energy kappa_cv * D^{loc} * (C^{cpu})^3. */
export function localEnergyJ(kappaCv: number, localS: number, cpuHz: number): number {
  return kappaCv * localS * cpuHz ** 3;
}

export interface LinkEnergy {
  /** eta of (22): 1 = InstrT. */
  eta: 0 | 1;
  dataTUploadEnergyJ: number;
  /** InstrT energy: E^{co-tra} (11), plus the instruction upload energy when (9) is counted (model notes). */
  instrTEnergyJ: number;
  computeEnergyJ: number;
}

/** eqs. (20)/(23): E^{task} = E^{loc} + sum_k [(1 - eta) E^{DataT-up} + eta E^{co-tra} + E^{compt,rsu}]. */
export function taskEnergyJ(localJ: number, links: readonly LinkEnergy[]): number {
  let e = localJ;
  for (const l of links) e += (1 - l.eta) * l.dataTUploadEnergyJ + l.eta * l.instrTEnergyJ + l.computeEnergyJ;
  return e;
}

/** eq. (24): per-CV cost alpha * T^{task} + (1 - alpha) * E^{task}. */
export function cvCost(alpha: number, taskLatencyS: number, taskEnergyJ: number): number {
  return alpha * taskLatencyS + (1 - alpha) * taskEnergyJ;
}

/** eq. (25): system cost, the sum over CVs. */
export function systemCost(costs: readonly number[]): number {
  let s = 0;
  for (const c of costs) s += c;
  return s;
}
