// Physical task queues (16)(17), the Little's-law queueing delay (18) and the virtual energy queue (27) of paper 2.

/** eq. (16): Q^{loc}(t+1) = max{Q^{loc}(t) - C^{cpu} tau + lambda^{loc}(t), 0} (cycles). */
export function nextLocalQueue(queueCycles: number, cpuHz: number, slotS: number, arrivalCycles: number): number {
  return Math.max(queueCycles - cpuHz * slotS + arrivalCycles, 0);
}

/** eq. (17): Q^{rsu}(t+1) = max{Q^{rsu}(t) - F^{cpu} tau + sum_i lambda_i^{rsu}(t), 0} (cycles). */
export function nextRsuQueue(queueCycles: number, serviceCpuHz: number, slotS: number, arrivalCycles: number): number {
  return Math.max(queueCycles - serviceCpuHz * slotS + arrivalCycles, 0);
}

/** lambda^{loc} of (16): l^{loc} G^{TasD} I^{task}. */
export function localArrivalCycles(localRatio: number, dataBits: number, cyclesPerBit: number): number {
  return localRatio * dataBits * cyclesPerBit;
}

/** lambda^{rsu}_i of (17): l^{rsu} G^{TasD} (eta I^{co-tra} + I^{task}). */
export function rsuArrivalCycles(offloadRatio: number, dataBits: number, eta: 0 | 1, coTransformCyclesPerBit: number, cyclesPerBit: number): number {
  return offloadRatio * dataBits * (eta * coTransformCyclesPerBit + cyclesPerBit);
}

/**
 * eq. (18): D^{queue} = tau * Q~ / lambda~, with Q~ and lambda~ the means over the last m slots (l = t-m+1..t,
 * current slot included). `history*` hold earlier slots, oldest first; only the newest m - 1 are used, and fewer
 * at the start of an episode. Q in cycles and lambda in cycles per slot give slots, times tau gives seconds.
 * No arrivals in the window (lambda~ = 0) means no task waits: 0.
 */
export function littleQueueDelayS(
  queueHistory: readonly number[],
  arrivalHistory: readonly number[],
  queueNow: number,
  arrivalNow: number,
  windowSlots: number,
  slotS: number,
): number {
  const qs = [...queueHistory.slice(Math.max(0, queueHistory.length - (windowSlots - 1))), queueNow];
  const ls = [...arrivalHistory.slice(Math.max(0, arrivalHistory.length - (windowSlots - 1))), arrivalNow];
  const qMean = qs.reduce((a, b) => a + b, 0) / qs.length;
  const lMean = ls.reduce((a, b) => a + b, 0) / ls.length;
  if (!(lMean > 0)) return 0;
  return (slotS * qMean) / lMean;
}

/** Appends a value to a window history, keeping at most `keep` newest values. */
export function pushHistory(history: readonly number[], value: number, keep: number): number[] {
  const out = [...history, value];
  return keep <= 0 ? [] : out.slice(Math.max(0, out.length - keep));
}

/** eq. (27): V(t+1) = max{V(t) - E^{max} + E^{total}(t), 0} (J). */
export function nextVirtualEnergyQueue(queueJ: number, budgetJ: number, energyJ: number): number {
  return Math.max(queueJ - budgetJ + energyJ, 0);
}
